// The browser's rules() (dist/web, loaded here in Node as a page without fetch would): the
// certificate module leaves the rules' zlint and pkilint names out for its 150 KB budget
// (pkg/README.md "Size"), so before initRequests() every rule's lists are empty and the rest of
// each row is Node's; once the request module is loaded, rules() is Node's in full.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { rules } from "cert-preflight";

const dist = (name) => readFileSync(new URL(`../../dist/web/${name}`, import.meta.url));
const web = await import("../../dist/web/index.js");
const withoutNames = ({ zlint, pkilint, ...row }) => row;

test("browser: rules() has the linters' names once initRequests() has loaded them", async () => {
  const inNode = rules();
  assert.ok(inNode.some((r) => r.zlint.length > 0 && r.pkilint.length > 0), "Node has the names");

  web.initSync(dist("cert_preflight_wasm_bg.wasm"));
  const before = web.rules();
  assert.deepEqual(before.map(withoutNames), inNode.map(withoutNames));
  for (const r of before) {
    assert.deepEqual([r.zlint, r.pkilint], [[], []], r.id);
  }

  await web.initRequests(dist("cert_preflight_requests_bg.wasm"));
  assert.deepEqual(web.rules(), inNode);
});
