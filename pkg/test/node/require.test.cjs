// The package through `require` (CommonJS), sharing one instance with `import`.
const test = require("node:test");
const assert = require("node:assert/strict");
const fs = require("node:fs");
const path = require("node:path");

const cp = require("cert-preflight");
const fixture = (name) => fs.readFileSync(path.join(__dirname, "..", "fixtures", name), "utf8");
const NOW = "2027-06-01T00:00:00Z";

test("require() gives the same functions as import()", async () => {
  const esm = await import("cert-preflight");
  for (const name of ["validateRequest", "checkCertificate", "fingerprint", "rules", "operations"]) {
    assert.equal(typeof cp[name], "function");
    assert.equal(cp[name], esm[name], `${name}: one instance for import and require`);
  }
  assert.equal(cp.version, require("cert-preflight/package.json").version);
});

test("require(): checkCertificate and fingerprint work", () => {
  const report = cp.checkCertificate(fixture("chain.pem"), { key: fixture("leaf.key"), now: NOW });
  assert.equal(Object.getPrototypeOf(report), Object.prototype);
  assert.equal(report.certificate.leaf.common_name, "www.example.com");
  assert.equal(cp.fingerprint(fixture("leaf.pem"), { style: "colon" }).fingerprints.length, 1);
  assert.throws(() => cp.checkCertificate(1), TypeError);
});
