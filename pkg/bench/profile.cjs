// Where a call of checkCertificate spends its time in Node (issue 23, item 2).
//
// Usage: [DIST=dir/node] node profile.cjs [GLUE]   after scripts/build-wasm.sh
//   GLUE: a wasm-bindgen nodejs glue file; default ../dist/node/cert_preflight_wasm.cjs (the
//   package's module, names stripped). For function names inside the module, point it at
//   ../wasm-build/nodejs/cert_preflight_requests.js: the same module before wasm-opt, which
//   keeps its name section (scripts/build-wasm.sh leaves it there when web and nodejs share
//   the optimized module).
//
// Two parts, each for the leaf alone (no signature to check) and for the benchmark's full
// check (bench-full-check golden case: 3-certificate RSA-2048 chain, PKCS#8 key, 30 names):
//   1. Stages, timed in JavaScript around each: the glue (argument checks, options to JSON),
//      the module call (copying the strings in, the check, the report to JSON text, the text
//      out), inside it the time spent in node:crypto's verifier, and JSON.parse of the report.
//   2. A CPU profile (node:inspector) of many calls, self time grouped by what the function
//      is (by its name: x509-parser, ring's digests, serde_json, the allocator, ...).
// Prints Markdown tables; docs/performance.md records them.
"use strict";
const { readFileSync } = require("node:fs");
const path = require("node:path");
const inspector = require("node:inspector");
const { loadavg } = require("node:os");

const dist = path.resolve(process.env.DIST || path.join(__dirname, "../dist/node")); // DIST: another build's dist/node
const gluePath = path.resolve(process.argv[2] || path.join(dist, "cert_preflight_wasm.cjs"));
const raw = require(gluePath);
const { createApi } = require(path.join(dist, "api.cjs"));
const { nodeVerifier } = require(path.join(dist, "node-verify.cjs"));

const testdata = (p) => readFileSync(path.join(__dirname, "../../testdata", p), "utf8");
const CASE = JSON.parse(testdata("golden/certificate/bench-full-check.case.json"));
const CHAIN = testdata(CASE.certificate);
const LEAF = testdata("certs/rsa/leaf.pem");
const KEY = testdata(CASE.key);
const NOW = Date.parse(CASE.now);
const N = Number(process.env.N || 2000);

// Time is this process's CPU time (user + system, process.cpuUsage, microseconds): on the
// shared machine the wall clock also counts the time other jobs hold the core, CPU time much
// less so. Each stage is summed over the calls.
const cpuNow = () => {
  const u = process.cpuUsage();
  return u.user + u.system;
};

// The verifier, timed: how much of the module call is node:crypto.
let verifyUs = 0;
const timedVerifier = {
  verify(...args) {
    const t = cpuNow();
    const out = nodeVerifier.verify(...args);
    verifyUs += cpuNow() - t;
    return out;
  },
};
const api = createApi(raw, () => {}, nodeVerifier);
// The glue alone: the same API over a module that answers at once with the last report.
let lastJson = "";
const glueOnly = createApi({ check_certificate: () => lastJson }, () => {}, nodeVerifier);

const inputs = [
  ["the leaf alone", LEAF, { now: NOW }],
  ["full check (bench-full-check)", CHAIN, { key: KEY, domains: CASE.domain_list, now: NOW }],
];

/** CPU microseconds per call of `f`, over N calls after a warm-up. */
function perCall(f) {
  for (let i = 0; i < 500; i++) f();
  const t = cpuNow();
  for (let i = 0; i < N; i++) f();
  return (cpuNow() - t) / N;
}

// V8 compiles hot wasm and JavaScript with TurboFan on background threads, whose CPU time
// process.cpuUsage counts too: warm every input up first, then let those threads finish.
function warmUp() {
  for (const [, pem, options] of inputs) for (let i = 0; i < 2000; i++) api.checkCertificate(pem, options);
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 500);
}

function stages([name, pem, options]) {
  // What the glue hands the module (api.js passes the options the same way).
  let moduleArgs;
  const capture = createApi({ check_certificate: (...a) => ((moduleArgs = a), "{}") }, () => {}, nodeVerifier);
  capture.checkCertificate(pem, options);
  lastJson = raw.check_certificate(...moduleArgs);
  // The whole call last: by then V8's background compilers (whose CPU time counts too) are done.
  const module = perCall(() => raw.check_certificate(...moduleArgs));
  const parse = perCall(() => JSON.parse(lastJson));
  const glue = perCall(() => glueOnly.checkCertificate(pem, options)) - parse;
  const total = perCall(() => api.checkCertificate(pem, options));
  verifyUs = 0;
  const options = moduleArgs.slice(0, -1); // every argument but the verifier
  for (let i = 0; i < N; i++) raw.check_certificate(...options, timedVerifier);
  const verify = verifyUs / N;
  return { name, total, module, verify, parse, glue, bytes: lastJson.length };
}

console.log(`Node ${process.version}; ${N} calls each; load average ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
console.log(`module: ${path.relative(process.cwd(), gluePath)}`);
console.log("");
console.log("| stage (us of CPU time per call) | " + inputs.map(([n]) => n).join(" | ") + " |");
console.log("| --- | " + inputs.map(() => "---").join(" | ") + " |");
warmUp();
const rows = inputs.map(stages);
const row = (label, f) => console.log(`| ${label} | ${rows.map((r) => f(r)).join(" | ")} |`);
row("whole `checkCertificate`", (r) => r.total.toFixed(1));
row("glue: argument checks, options to JSON", (r) => r.glue.toFixed(1));
row("module call (strings in, check, report to JSON text, text out)", (r) => r.module.toFixed(1));
row("  of which node:crypto verifier callbacks", (r) => r.verify.toFixed(1));
row("  of which the rest (wasm)", (r) => (r.module - r.verify).toFixed(1));
row("JSON.parse of the report", (r) => r.parse.toFixed(1));
row("report JSON (characters)", (r) => String(r.bytes));

// --- CPU profile --------------------------------------------------------------------------------

const GROUPS = [
  // `run` is SignJob's synchronous run: OpenSSL's verification itself (node:crypto's one-shot
  // verify), as the profile names native code.
  ["signature verification (node:crypto: OpenSSL, key objects, the callback)", /nodeVerifier|verify$|createPublicKey|cachedKey|KeyObject|^verify|^run$|SignJob/],
  ["the profiler's own message dispatch", /^dispatch$/],
  ["JSON.parse / stringify (JS)", /^(parse|stringify)$/],
  ["wasm-bindgen glue (strings in and out)", /passStringToWasm|getStringFromWasm|getUint8ArrayMemory|encodeInto|decode|getArrayU8FromWasm/],
  ["ring digests (SHA-1, SHA-256)", /sha(1|256|512)|digest|block_data_order/i],
  ["ring RSA / bignum", /bn_|bigint|montgomery|rsa|limbs/i],
  ["x509-parser, der-parser, asn1-rs, nom", /x509_parser|der_parser|asn1_rs|nom::|oid_registry/],
  ["PEM scan, base64", /pem|base64|memchr/i],
  ["serde_json (report to JSON, options)", /serde_json|serde::|serialize|Serializer/],
  ["allocator, memcpy, memset", /dlmalloc|malloc|free|realloc|memcpy|memmove|memset|alloc::/],
  ["rules, facts, report (cert_preflight)", /cert_preflight/],
  ["other wasm (unnamed or std)", /^wasm-function|core::|alloc|std::/],
  ["garbage collector", /\(garbage collector\)/],
];

function profile([name, pem, options]) {
  const session = new inspector.Session();
  session.connect();
  const post = (method, params) =>
    new Promise((resolve, reject) =>
      session.post(method, params, (err, res) => (err ? reject(err) : resolve(res))),
    );
  return (async () => {
    await post("Profiler.enable");
    await post("Profiler.setSamplingInterval", { interval: 50 });
    await post("Profiler.start");
    for (let i = 0; i < N * 2; i++) api.checkCertificate(pem, options);
    const { profile: prof } = await post("Profiler.stop");
    session.disconnect();
    const byId = new Map(prof.nodes.map((n) => [n.id, n]));
    const self = new Map();
    const dt = prof.timeDeltas;
    prof.samples.forEach((id, i) => {
      const n = byId.get(id);
      const fn = n.callFrame.functionName || `(${n.callFrame.url ? path.basename(n.callFrame.url) : "anonymous"})`;
      self.set(fn, (self.get(fn) || 0) + (dt[i] || 0));
    });
    const total = [...self.values()].reduce((a, b) => a + b, 0);
    const groups = new Map(GROUPS.map(([g]) => [g, 0]));
    groups.set("other JavaScript", 0);
    for (const [fn, us] of self) {
      if (fn === "(idle)" || fn === "(program)" || fn === "(root)") continue;
      const g = GROUPS.find(([, re]) => re.test(fn));
      const key = g ? g[0] : "other JavaScript";
      groups.set(key, groups.get(key) + us);
    }
    console.log("");
    console.log(`CPU profile, ${name}: self time by group (share of samples)`);
    console.log("");
    console.log("| group | share |");
    console.log("| --- | --- |");
    for (const [g, us] of [...groups].sort((a, b) => b[1] - a[1])) {
      if (us > 0) console.log(`| ${g} | ${((100 * us) / total).toFixed(1)} % |`);
    }
    console.log("");
    console.log("| top functions (self) | share |");
    console.log("| --- | --- |");
    for (const [fn, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) {
      console.log(`| \`${fn.slice(0, Number(process.env.NAME_WIDTH || 90)).replace(/\|/g, "\\|")}\` | ${((100 * us) / total).toFixed(1)} % |`);
    }
  })();
}

(async () => {
  for (const input of inputs) await profile(input);
})();
