// 10,000 calls with bad inputs: the module still answers, and its memory stays bounded.
import test from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { checkCertificate, validateRequest, fingerprint } from "cert-preflight";
import { NOW, fixture } from "./helpers.mjs";

// The wasm-bindgen glue that the package's Node entry loaded (same require cache).
const require = createRequire(import.meta.url);
const memory = require("../../dist/node/cert_preflight_wasm.cjs").__memory;

const chain = fixture("shuffled.pem");
const key = fixture("key-in-cert-field.pem");
const inputs = [
  () => checkCertificate("-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----", { now: NOW }),
  () => checkCertificate(key, { key: "garbage", domains: "a..b,,*.*.com", now: NOW }),
  () => checkCertificate(chain.slice(0, chain.length / 2), { now: NOW }),
  () => checkCertificate(chain, { key, now: NOW }),
  () => fingerprint("\u0000".repeat(100)),
  () => validateRequest("CreateListener", "{\"ListenerPort\": \"x\", ", { now: NOW }),
  () => validateRequest("CreateListener", { ListenerPort: -1, Tag: [{ Key: "acs:x" }] }, { now: NOW }),
  () => validateRequest("UploadCACertificate", { RegionId: 5, CACertificate: chain }, { now: NOW }),
  () => { try { checkCertificate(1); } catch (e) { if (!(e instanceof TypeError)) throw e; } return { valid: false }; },
];

test("10,000 bad calls: still answers, memory does not grow without bound", () => {
  const run = (n) => {
    for (let i = 0; i < n; i++) {
      const r = inputs[i % inputs.length]();
      assert.equal(r.valid, false);
    }
  };
  run(1000); // warm up: the allocator reaches its working size
  const warm = memory.buffer.byteLength;
  run(10000);
  const after = memory.buffer.byteLength;
  console.log(`wasm memory: ${warm} bytes after 1,000 calls, ${after} after 11,000`);
  assert.ok(after <= warm + 4 * 1024 * 1024, `memory grew from ${warm} to ${after}`);
  // Still answers correctly.
  const good = checkCertificate(fixture("chain.pem"), { key: fixture("leaf.key"), now: NOW });
  assert.equal(good.certificate.leaf.common_name, "www.example.com");
});
