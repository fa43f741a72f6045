// Misuse throws: a TypeError for a wrong type, a CertPreflightError with a stable code for a
// value that cannot be used. Bad *content* never throws.
import test from "node:test";
import { readFileSync } from "node:fs";
import assert from "node:assert/strict";
import { checkCertificate, validateRequest, fingerprint, CertPreflightError } from "cert-preflight";

const cases = [
  ["checkCertificate(42)", () => checkCertificate(42), /pem must be a string or a Uint8Array, got a number/],
  ["checkCertificate()", () => checkCertificate(), /pem must be a string or a Uint8Array, got a undefined/],
  ["checkCertificate(pem, 'x')", () => checkCertificate("", "x"), /options must be an object/],
  ["unknown option", () => checkCertificate("", { keys: "" }), /unknown option "keys"/],
  ["key number", () => checkCertificate("", { key: 1 }), /key must be a string/],
  ["domains number", () => checkCertificate("", { domains: 5 }), /domains must be/],
  ["domains array of numbers", () => checkCertificate("", { domains: [1] }), /domains\[0\] must be a string/],
  ["ca string", () => checkCertificate("", { ca: "yes" }), /ca must be a boolean/],
  ["now object", () => checkCertificate("", { now: {} }), /now must be a Date/],
  ["operation number", () => validateRequest(1, {}), /operation must be a string/],
  ["body undefined", () => validateRequest("CreateListener"), /body must be/],
  ["body cyclic", () => { const o = {}; o.o = o; validateRequest("CreateListener", o); }, /cannot be converted to JSON/],
  ["body bigint", () => validateRequest("CreateListener", { a: 1n }), /cannot be converted to JSON/],
  ["path not object", () => validateRequest("CreateListener", {}, { path: "a=b" }), /path must be an object/],
  ["path value number", () => validateRequest("CreateListener", {}, { path: { a: 1 } }), /path\.a must be a string/],
  ["context key unknown", () => validateRequest("CreateListener", {}, { context: { protocol: "HTTP" } }), /unknown option "protocol"/],
  ["context inUse string", () => validateRequest("CreateListener", {}, { context: { inUse: "yes" } }), /inUse must be a boolean/],
  ["fingerprint pem", () => fingerprint(null), /pem must be a string, got null/],
];

for (const [name, fn, message] of cases) {
  test(`misuse throws TypeError: ${name}`, () => {
    assert.throws(fn, (e) => e instanceof TypeError && message.test(e.message), name);
  });
}

// A value of the right type that cannot be used: CertPreflightError, code and option set.
const valueCases = [
  ["now NaN", () => checkCertificate("", { now: NaN }), /now must be a finite number/, "now"],
  ["now invalid Date", () => checkCertificate("", { now: new Date("x") }), /invalid Date/, "now"],
  ["now bad text", () => checkCertificate("", { now: "yesterday" }), /now: invalid time "yesterday"/, "now"],
  ["now out of range", () => checkCertificate("", { now: 1e300 }), /not a valid time/, "now"],
  ["expiryDays negative", () => checkCertificate("", { expiryDays: -1 }), /expiryDays/, "expiryDays"],
  ["fingerprint algorithm", () => fingerprint("", { algorithm: "md5" }), /algorithm must be "sha1" or "sha256"/, "algorithm"],
  ["fingerprint style", () => fingerprint("", { style: "base64" }), /style must be "hex" or "colon"/, "style"],
  ["profile unknown", () => checkCertificate("", { profile: "aws" }), /profile must be "generic" or "alibaba-slb", got "aws"/, "profile"],
  ["fingerprint algorithm list", () => fingerprint("", { algorithm: ["sha1", "md5"] }), /algorithm\[1\] must be/, "algorithm[1]"],
];

for (const [name, fn, message, option] of valueCases) {
  test(`an unusable value throws CertPreflightError INVALID_OPTION_VALUE: ${name}`, () => {
    assert.throws(fn, (e) => {
      assert.ok(e instanceof CertPreflightError, `${e}`);
      assert.ok(!(e instanceof TypeError));
      assert.equal(e.name, "CertPreflightError");
      assert.equal(e.code, "INVALID_OPTION_VALUE");
      assert.equal(e.option, option);
      assert.match(e.message, message);
      return true;
    }, name);
  });
}

test("an unknown operation throws CertPreflightError UNKNOWN_OPERATION", () => {
  assert.throws(() => validateRequest("NoSuchAction", {}, { now: 0 }), (e) => {
    assert.ok(e instanceof CertPreflightError);
    assert.equal(e.code, "UNKNOWN_OPERATION");
    assert.equal(e.operation, "NoSuchAction");
    assert.match(e.message, /^validateRequest: unknown operation "NoSuchAction"; known operations: /);
    return true;
  });
});

test("profile: generic is the default; alibaba-slb adds its warnings (the same as --profile, cli.test.mjs)", () => {
  const fx = (name) => readFileSync(new URL(`../fixtures/${name}`, import.meta.url), "utf8");
  const opts = { key: fx("leaf.key"), now: "2027-06-01T00:00:00Z" };
  const generic = checkCertificate(fx("chain.pem"), { ...opts, profile: "generic" });
  assert.deepEqual(generic, checkCertificate(fx("chain.pem"), opts));
  const slb = checkCertificate(fx("chain.pem"), { ...opts, profile: "alibaba-slb" });
  assert.ok(slb.warnings > generic.warnings, JSON.stringify(slb.diagnostics));
});

test("fingerprint computes several digests in one call", () => {
  const pem = readFileSync(new URL("../fixtures/chain.pem", import.meta.url), "utf8");
  const both = fingerprint(pem, { algorithm: ["sha1", "sha256"], style: "colon" });
  const sha1 = fingerprint(pem, { algorithm: "sha1", style: "colon" });
  const sha256 = fingerprint(pem, { algorithm: "sha256", style: "colon" });
  assert.equal(both.fingerprints.length, sha1.fingerprints.length);
  both.fingerprints.forEach((f, i) => {
    assert.deepEqual(f, { sha1: sha1.fingerprints[i], sha256: sha256.fingerprints[i] });
  });
  assert.deepEqual(both.diagnostics, sha1.diagnostics);
});

test("bad content never throws", () => {
  for (const pem of ["", "garbage", "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----", "\u0000\uFFFF", "x".repeat(70000)]) {
    assert.equal(typeof checkCertificate(pem, { key: pem, domains: pem.slice(0, 50), now: 0 }).valid, "boolean");
    assert.equal(typeof fingerprint(pem).valid, "boolean");
  }
});
