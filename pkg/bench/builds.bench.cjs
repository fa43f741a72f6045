// Builds of the Node package side by side in one process (issue 23): the full check of the
// bench-full-check golden case, checkCertificate(leaf) and fingerprint(leaf), in CPU time per
// call (process.cpuUsage: on the shared machine the wall clock also counts the time other jobs
// hold the core), rounds interleaved with the order rotating.
//
// Usage: node builds.bench.cjs DIR [DIR...]
//   DIR: a built pkg/dist (its node/index.cjs is loaded as the package), or a directory with a
//   wasm-bindgen nodejs glue `m.cjs` (and its module), checked with this checkout's api.cjs and
//   node:crypto verifier: e.g. a module compiled with another cargo profile.
// Each build's report must be the golden case's, exactly, before anything is timed.
"use strict";
const { existsSync, readFileSync } = require("node:fs");
const path = require("node:path");
const { loadavg } = require("node:os");

const dist = path.join(__dirname, "../dist/node");
const { createApi } = require(path.join(dist, "api.cjs"));
const { nodeVerifier } = require(path.join(dist, "node-verify.cjs"));
const testdata = (p) => readFileSync(path.join(__dirname, "../../testdata", p), "utf8");
const GOLDEN = "golden/certificate/bench-full-check";
const CASE = JSON.parse(testdata(`${GOLDEN}.case.json`));
const EXPECTED = JSON.stringify(JSON.parse(testdata(`${GOLDEN}.expected.json`)));
const CHAIN = testdata(CASE.certificate);
const KEY = testdata(CASE.key);
const LEAF = testdata("certs/rsa/leaf.pem");
const NOW = Date.parse(CASE.now);
const ROUNDS = Number(process.env.ROUNDS || 7);
const PER_ROUND = Number(process.env.PER_ROUND || 200);

const builds = process.argv.slice(2).map((dir) => {
  const api = existsSync(path.join(dir, "node/index.cjs"))
    ? require(path.resolve(dir, "node/index.cjs"))
    : createApi(require(path.resolve(dir, "m.cjs")), () => {}, nodeVerifier);
  const full = () => api.checkCertificate(CHAIN, { key: KEY, domains: CASE.domain_list, now: NOW });
  if (JSON.stringify(full()) !== EXPECTED) throw new Error(`${dir}: the report differs from ${GOLDEN}.expected.json`);
  return {
    dir,
    cases: {
      "full check": full,
      "checkCertificate(leaf)": () => api.checkCertificate(LEAF, { now: NOW }),
      "fingerprint(leaf)": () => api.fingerprint(LEAF, { algorithm: "sha256" }),
    },
    rounds: {},
  };
});
if (builds.length === 0) throw new Error("usage: node builds.bench.cjs DIR [DIR...]");

const cpu = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};
for (const b of builds) for (const f of Object.values(b.cases)) for (let i = 0; i < 200; i++) f();
for (let r = 0; r < ROUNDS; r++) {
  for (let i = 0; i < builds.length; i++) {
    const b = builds[(i + r) % builds.length];
    for (const [name, f] of Object.entries(b.cases)) {
      const t = cpu();
      for (let n = 0; n < PER_ROUND; n++) f();
      (b.rounds[name] ||= []).push((cpu() - t) / PER_ROUND);
    }
  }
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
console.log(`Node ${process.version}; ${ROUNDS} rounds of ${PER_ROUND} calls; load average ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
console.log("");
console.log(`| build (µs of CPU per call, median / min) | ${Object.keys(builds[0].cases).join(" | ")} |`);
console.log(`| --- | ${Object.keys(builds[0].cases).map(() => "---").join(" | ")} |`);
for (const b of builds) {
  const cells = Object.values(b.rounds).map((xs) => `${median(xs).toFixed(0)} / ${Math.min(...xs).toFixed(0)}`);
  console.log(`| ${b.dir} | ${cells.join(" | ")} |`);
}
