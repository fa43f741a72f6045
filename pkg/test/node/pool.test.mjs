// Completing a chain from a pool of intermediates (issue 22 item 2) through the package: the
// golden reports of the Rust crate (testdata/golden/certificate/pool-*), a complete and ordered
// normalized bundle that passes its own check, and the option's forms and misuse.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as cp from "cert-preflight";

const TESTDATA = new URL("../../../testdata/", import.meta.url);
const read = (name) => readFileSync(new URL(name, TESTDATA), "utf8");
const NOW = "2026-11-23T00:00:00Z";
const leaf = read("pool/leaf.pem");
const root = read("pool/root.pem");

test("each golden pool case gives the crate's report (the pool named `intermediates`)", () => {
  for (const name of ["pool-right", "pool-wrong", "pool-wrong-noski", "pool-mixed", "pool-cross", "pool-cross-no-roots", "pool-deep"]) {
    const c = JSON.parse(read(`golden/certificate/${name}.case.json`));
    const expected = read(`golden/certificate/${name}.expected.json`).replaceAll(c.intermediates, "intermediates");
    const report = cp.checkCertificate(read(c.certificate), {
      now: c.now,
      key: c.key ? read(c.key) : undefined,
      domains: c.domains,
      roots: c.roots ? read(c.roots) : undefined,
      intermediates: read(c.intermediates),
    });
    assert.deepEqual(report, JSON.parse(expected), name);
  }
});

test("a leaf and a pool give the complete chain in order, which passes its own check", () => {
  const pools = [read("pool/pool-cross.pem"), [read("pool/int-old.pem"), read("pool/int.pem")]];
  for (const intermediates of pools) {
    const report = cp.checkCertificate(leaf, { now: NOW, roots: root, intermediates });
    assert.deepEqual(report.diagnostics.map((d) => d.rule), ["chain.completed_from_pool"]);
    assert.equal(report.normalized, leaf + read("pool/int.pem"));
    const again = cp.checkCertificate(report.normalized, { now: NOW, roots: root });
    assert.equal(again.valid, true);
    assert.deepEqual(again.diagnostics, []);
    assert.equal(again.normalized, undefined);
  }
  const listed = cp.checkCertificate(leaf, { now: NOW, intermediates: [read("pool/int.pem")] });
  assert.match(listed.diagnostics[0].message, /\(intermediates\[0\], certificate 0\)/);
});

test("misuse: intermediates must be a string or an array of strings", () => {
  for (const bad of [42, { a: "x" }, [42]]) {
    assert.throws(() => cp.checkCertificate(leaf, { intermediates: bad }), TypeError);
  }
});
