// Run from an empty directory where only the packed tarball is installed.
const assert = require("node:assert/strict");
const fs = require("node:fs");
const { checkCertificate, operations, version } = require("cert-preflight");

const pem = fs.readFileSync(__dirname + "/chain.pem", "utf8");
const report = checkCertificate(pem, { now: Date.parse("2027-06-01T00:00:00Z") });
assert.equal(report.certificate.chain.length, 2);
assert.ok(Array.isArray(operations()));
assert.throws(() => checkCertificate(null), TypeError);
console.log(`require: cert-preflight ${version} ok (${report.errors} errors, ${report.warnings} warnings)`);
