// ring's signature arithmetic as the browser build runs it (wasm, no node:crypto verifier), for
// comparing builds of the package side by side in one process: the full check of a 3-certificate
// RSA-2048 chain (3 verifications) with its PKCS#8 key.
//
// Usage: node ring-wasm.bench.cjs DIST [DIST...]   (each DIST a pkg/dist built by
// scripts/build-wasm.sh, e.g. with CFLAGS_wasm32_unknown_unknown=-O3 for ring's C). Rounds of
// 100 checks rotate between the builds; prints each build's minimum and median per check.
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");

const ROUNDS = Number(process.env.ROUNDS || 9);
const PER_ROUND = 100;
const testdata = (p) => readFileSync(path.join(__dirname, "../../testdata/certs", p), "utf8");
const pem = testdata("rsa/fullchain-with-root.pem");
const key = testdata("rsa/leaf.key");

const builds = process.argv.slice(2).map((dist) => {
  const dir = path.resolve(dist);
  const api = require(path.join(dir, "node/api.cjs")).createApi(
    require(path.join(dir, "node/cert_preflight_wasm.cjs")),
    () => {},
  );
  const run = () => api.checkCertificate(pem, { key, now: "2026-12-01T00:00:00Z" });
  const report = run();
  // Every signature really verified: a bad or unsupported one would be a diagnostic.
  if (report.diagnostics.some((d) => d.rule.endsWith("_signature")) || report.certificate.chain.length !== 3) {
    throw new Error(`${dist}: the chain did not verify`);
  }
  for (let i = 0; i < 50; i++) run();
  return { dist, run, rounds: [] };
});
if (builds.length === 0) throw new Error("usage: node ring-wasm.bench.cjs DIST [DIST...]");

for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < builds.length; i++) {
    const b = builds[(i + r) % builds.length];
    const start = process.hrtime.bigint();
    for (let n = 0; n < PER_ROUND; n++) b.run();
    b.rounds.push(Number(process.hrtime.bigint() - start) / PER_ROUND / 1000);
  }
}
for (const b of builds) {
  const sorted = [...b.rounds].sort((x, y) => x - y);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(`${b.dist}: min ${sorted[0].toFixed(0)} us, median ${median.toFixed(0)} us per check`);
}
