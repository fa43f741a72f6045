// Issue 13: the request verdicts of testdata/requests/verdicts/cases.json, through the npm
// package, as a parsed object and as JSON text. tests/request_verdicts.rs runs the same file
// through the crate and the CLI, so all fronts agree.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { validateRequest } from "cert-preflight";

const table = JSON.parse(
  readFileSync(new URL("../../../testdata/requests/verdicts/cases.json", import.meta.url), "utf8"),
);
const NOW = "2026-11-23T00:00:00Z";
const triples = (report) => report.diagnostics.map((d) => [d.rule, d.severity, d.path]);

for (const c of table.cases) {
  test(c.name, () => {
    const options = { now: NOW, path: c.path ?? {} };
    const text = c.body_text ?? JSON.stringify(c.body);
    const fromText = validateRequest(c.operation, text, options);
    assert.deepEqual(triples(fromText), c.expect, JSON.stringify(fromText, null, 1));
    if (c.message_contains) {
      assert.ok(fromText.diagnostics[0].message.includes(c.message_contains), fromText.diagnostics[0].message);
    }
    // JavaScript cannot tell 443.0 from 443, nor keep 99999999999999999999 exact: the object
    // form must agree on the verdict (rules, severities, paths), whatever the number's text.
    const fromObject = validateRequest(c.operation, JSON.parse(text), options);
    assert.deepEqual(triples(fromObject), c.expect);
  });
}
