// Whoever does the signature arithmetic, the report is the same: node:crypto (what the Node
// entry uses) against ring in the module (what the browser build uses), on every certificate
// file in testdata/certs, as given and with the first certificate's signature corrupted.
import test from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const dist = fileURLToPath(new URL("../../dist/node/", import.meta.url));
const raw = require(join(dist, "cert_preflight_wasm.cjs"));
const { createApi } = require(join(dist, "api.cjs"));
const { nodeVerifier, SCHEMES } = require(join(dist, "node-verify.cjs"));
const packaged = require(join(dist, "index.cjs"));

const TESTDATA = fileURLToPath(new URL("../../../testdata/certs/", import.meta.url));
const NOW = "2026-11-23T00:00:00Z";

/** Every .pem file under testdata/certs, relative path and text. */
function pemFiles(dir, prefix = "") {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) return pemFiles(path, `${prefix}${name}/`);
      return name.endsWith(".pem") ? [[`${prefix}${name}`, readFileSync(path, "utf8")]] : [];
    });
}

/** The same chain with the last byte of the first certificate's DER (its signature) flipped. */
function corruptFirstSignature(pem) {
  const m = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/.exec(pem);
  if (!m) return null;
  const der = Buffer.from(m[1].replace(/\s+/g, ""), "base64");
  der[der.length - 1] ^= 0x01;
  const body = der.toString("base64").replace(/(.{64})/g, "$1\n").trim();
  return pem.replace(m[0], `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----`);
}

const calls = new Map();
const countingVerifier = {
  verify(code, spki, key, message, signature) {
    const out = nodeVerifier.verify(code, spki, key, message, signature);
    const name = SCHEMES[code]?.[0] ?? `code ${code}`;
    const seen = calls.get(name) ?? { verified: 0, bad: 0, unsupported: 0 };
    seen[["verified", "bad", "unsupported"][out]] += 1;
    calls.set(name, seen);
    return out;
  },
};
const withNode = createApi(raw, () => {}, countingVerifier);
const withRing = createApi(raw, () => {}, undefined);

test("the JavaScript algorithm table matches the module's", () => {
  assert.deepEqual(
    SCHEMES.map(([name]) => name),
    raw.signature_algorithms().split(","),
  );
});

test("the Node entry verifies with node:crypto", () => {
  calls.clear();
  const pem = readFileSync(join(TESTDATA, "rsa/fullchain-with-root.pem"), "utf8");
  const viaPackage = packaged.checkCertificate(pem, { now: NOW });
  assert.deepEqual(viaPackage, withRing.checkCertificate(pem, { now: NOW }));
  assert.equal(viaPackage.valid, true);
});

const files = pemFiles(TESTDATA);

test("the same report from node:crypto and from ring, on every testdata chain", () => {
  calls.clear();
  let compared = 0;
  let badSignatures = 0;
  let unsupported = 0;
  for (const [name, pem] of files) {
    for (const variant of [pem, corruptFirstSignature(pem)]) {
      if (variant === null) continue;
      for (const options of [{ now: NOW }, { now: NOW, ca: true }]) {
        const ring = withRing.checkCertificate(variant, options);
        const node = withNode.checkCertificate(variant, options);
        assert.deepEqual(node, ring, `${name} ${JSON.stringify(options)}${variant === pem ? "" : " (corrupted)"}`);
        compared += 1;
        badSignatures += ring.diagnostics.filter((d) => d.rule === "chain.bad_signature").length;
        unsupported += ring.diagnostics.filter((d) => d.rule === "chain.unsupported_signature").length;
      }
    }
  }
  assert.ok(compared > 100, `compared ${compared} reports`);
  assert.ok(badSignatures > 20, `bad signatures reported: ${badSignatures}`);
  assert.ok(unsupported > 0, `unsupported signatures reported: ${unsupported}`);
  // node:crypto really did the work: each family verified and rejected something.
  for (const name of [
    "rsa-pkcs1-sha256",
    "rsa-pss-sha256",
    "ecdsa-p256-sha256",
    "ecdsa-p384-sha384",
    "ed25519",
  ]) {
    const seen = calls.get(name);
    assert.ok(seen && seen.verified > 0 && seen.bad > 0, `${name}: ${JSON.stringify(seen)}`);
  }
});

test("request validation takes the same verifier and gives the same report", () => {
  const pem = readFileSync(join(TESTDATA, "ec-p256/fullchain.pem"), "utf8");
  const body = { certificate: { certificate: pem, domain: "www.example.com" } };
  const options = { now: NOW, path: { project_id: "0".repeat(32), certificate_id: "1".repeat(32) } };
  assert.deepEqual(
    withNode.validateRequest("huawei.elb.update-certificate", body, options),
    withRing.validateRequest("huawei.elb.update-certificate", body, options),
  );
});

test("the Node verifier never throws, whatever it is given", () => {
  const empty = new Uint8Array(0);
  for (let code = -1; code <= SCHEMES.length; code++) {
    const out = nodeVerifier.verify(code, empty, empty, empty, empty);
    assert.ok(out === 1 || out === 2, `code ${code}: ${out}`);
  }
});

test("node:crypto key objects are cached by key, bounded, and a cached key still refuses a bad signature", () => {
  const { keyCache, KEY_CACHE_SIZE } = require(join(dist, "node-verify.cjs"));
  const pem = readFileSync(join(TESTDATA, "rsa/fullchain-with-root.pem"), "utf8");
  packaged.checkCertificate(pem, { now: NOW });
  assert.ok(keyCache.size > 0, "the chain's keys are cached");
  // With the issuer keys cached, a corrupted signature is still found.
  const forged = packaged.checkCertificate(corruptFirstSignature(pem), { now: NOW });
  assert.ok(forged.diagnostics.some((d) => d.rule === "chain.bad_signature"), "the bad signature is reported");
  // Every testdata chain: far more keys than the bound.
  for (const [, text] of files) packaged.checkCertificate(text, { now: NOW });
  assert.ok(keyCache.size <= KEY_CACHE_SIZE, `at most ${KEY_CACHE_SIZE} keys (got ${keyCache.size})`);
});
