// Misuse throws a TypeError with a message; bad *content* never throws.
import test from "node:test";
import assert from "node:assert/strict";
import { checkCertificate, validateRequest, fingerprint } from "cert-preflight";

const cases = [
  ["checkCertificate(42)", () => checkCertificate(42), /pem must be a string, got a number/],
  ["checkCertificate()", () => checkCertificate(), /pem must be a string, got a undefined/],
  ["checkCertificate(pem, 'x')", () => checkCertificate("", "x"), /options must be an object/],
  ["unknown option", () => checkCertificate("", { keys: "" }), /unknown option "keys"/],
  ["key number", () => checkCertificate("", { key: 1 }), /key must be a string/],
  ["domains number", () => checkCertificate("", { domains: 5 }), /domains must be/],
  ["domains array of numbers", () => checkCertificate("", { domains: [1] }), /domains\[0\] must be a string/],
  ["ca string", () => checkCertificate("", { ca: "yes" }), /ca must be a boolean/],
  ["now object", () => checkCertificate("", { now: {} }), /now must be a Date/],
  ["now NaN", () => checkCertificate("", { now: NaN }), /now must be a finite number/],
  ["now invalid Date", () => checkCertificate("", { now: new Date("x") }), /invalid Date/],
  ["now bad text", () => checkCertificate("", { now: "yesterday" }), /now: invalid time "yesterday"/],
  ["now out of range", () => checkCertificate("", { now: 1e300 }), /not a valid time/],
  ["expiryDays negative", () => checkCertificate("", { expiryDays: -1 }), /expiryDays/],
  ["operation number", () => validateRequest(1, {}), /operation must be a string/],
  ["unknown operation", () => validateRequest("NoSuchAction", {}, { now: 0 }), /unknown operation "NoSuchAction"/],
  ["body undefined", () => validateRequest("CreateListener"), /body must be/],
  ["body cyclic", () => { const o = {}; o.o = o; validateRequest("CreateListener", o); }, /cannot be converted to JSON/],
  ["body bigint", () => validateRequest("CreateListener", { a: 1n }), /cannot be converted to JSON/],
  ["path not object", () => validateRequest("CreateListener", {}, { path: "a=b" }), /path must be an object/],
  ["path value number", () => validateRequest("CreateListener", {}, { path: { a: 1 } }), /path\.a must be a string/],
  ["context key unknown", () => validateRequest("CreateListener", {}, { context: { protocol: "HTTP" } }), /unknown option "protocol"/],
  ["context inUse string", () => validateRequest("CreateListener", {}, { context: { inUse: "yes" } }), /inUse must be a boolean/],
  ["fingerprint algorithm", () => fingerprint("", { algorithm: "md5" }), /algorithm must be "sha1" or "sha256"/],
  ["fingerprint style", () => fingerprint("", { style: "base64" }), /style must be "hex" or "colon"/],
  ["fingerprint pem", () => fingerprint(null), /pem must be a string, got null/],
];

for (const [name, fn, message] of cases) {
  test(`misuse throws TypeError: ${name}`, () => {
    assert.throws(fn, (e) => e instanceof TypeError && message.test(e.message), name);
  });
}

test("bad content never throws", () => {
  for (const pem of ["", "garbage", "-----BEGIN CERTIFICATE-----\n!!!\n-----END CERTIFICATE-----", "\u0000\uFFFF", "x".repeat(70000)]) {
    assert.equal(typeof checkCertificate(pem, { key: pem, domains: pem.slice(0, 50), now: 0 }).valid, "boolean");
    assert.equal(typeof fingerprint(pem).valid, "boolean");
  }
});
