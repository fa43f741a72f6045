// Run from an empty directory where only the packed tarball is installed.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { checkCertificate, fingerprint, rules, version } from "cert-preflight";

const pem = readFileSync(new URL("./chain.pem", import.meta.url), "utf8");
const report = checkCertificate(pem, { now: "2027-06-01T00:00:00Z" });
assert.equal(report.certificate.chain.length, 2);
assert.equal(fingerprint(pem).fingerprints.length, 2);
assert.ok(rules().length > 0);
assert.throws(() => checkCertificate(1), TypeError);
// The .wasm is exported as a subpath, for bundlers that lose import.meta.url.
const wasmPath = createRequire(import.meta.url).resolve("cert-preflight/cert_preflight_bg.wasm");
assert.ok(WebAssembly.validate(readFileSync(wasmPath)));
const requestsPath = createRequire(import.meta.url).resolve("cert-preflight/cert_preflight_requests_bg.wasm");
assert.ok(WebAssembly.validate(readFileSync(requestsPath)));
console.log(`import: cert-preflight ${version} ok (${report.errors} errors, ${report.warnings} warnings)`);
