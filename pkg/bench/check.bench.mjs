// The full certificate check of benches/check.rs, done by cert-preflight and by the libraries a
// JavaScript developer would otherwise reach for, side by side in one Node process.
//
// Input: the golden case testdata/golden/certificate/bench-full-check.case.json (the input of
// benches/check.rs): testdata/certs/rsa/fullchain-with-root.pem (leaf, intermediate, root; RSA
// 2048, sha256WithRSAEncryption), the leaf's PKCS#8 key, 30 domain names the leaf covers. Every
// contender does the same work per iteration:
//   - read the three certificates from the PEM text;
//   - verify three signatures (leaf by intermediate, intermediate by root, root by itself);
//   - read the private key and check that it belongs to the leaf;
//   - check each of the 30 names against the leaf's subject alternative names;
//   - check the leaf's validity period against `now`;
//   - compute the SHA-1 and SHA-256 fingerprint of each certificate.
// cert-preflight does more besides (PEM form rules, chain order, every other rule, facts and
// the JSON report); the others do only the list above.
//
// Before timing, cert-preflight's report (both rows) must be exactly the case's expected report
// (bench-full-check.expected.json, kept current by tests/golden_certificate.rs), and each
// contender's result is checked: the fingerprints agree with cert-preflight's (which
// tests/openssl_differential.rs checks against openssl), three signatures verified, and a forged
// leaf (testdata/certs/broken/forged.pem: one signature byte flipped) fails, so no verification
// is skipped.
//
// A second table times one certificate with no signature to check (the leaf alone):
// cert-preflight's `fingerprint` and `checkCertificate(leaf)` against node-forge and Node's
// X509Certificate parsing it and computing its SHA-256 fingerprint.
//
// Run: `npm ci && npm run bench` in pkg/bench after scripts/build-wasm.sh (ROUNDS=5 by
// default; the table is the median over rounds of each round's median latency; contenders
// interleave, their order rotating each round). The second row is the same package verifying
// with ring in wasm (in the Node module, built for speed; the browser's module is built for
// size: browser.bench.mjs times it in Chromium). `npm run gate` (scripts/test-npm.sh,
// CI) does every check and one short round.
import { deepStrictEqual } from "node:assert/strict";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { execFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import crypto, { X509Certificate, createPrivateKey, webcrypto } from "node:crypto";
import "reflect-metadata"; // @peculiar/x509 needs it (tsyringe)
import { Bench } from "tinybench";
import forge from "node-forge";
import * as peculiar from "@peculiar/x509";
import * as pkijs from "pkijs";

const here = (p) => fileURLToPath(new URL(p, import.meta.url));
const testdata = (p) => readFileSync(here(`../../testdata/${p}`), "utf8");
const GOLDEN = "golden/certificate/bench-full-check";
const require = createRequire(import.meta.url);
const cp = require(here("../dist/node/index.cjs"));
const cpRing = require(here("../dist/node/api.cjs")).createApi(
  require(here("../dist/node/cert_preflight_wasm.cjs")),
  () => {},
  undefined,
);

const CASE = JSON.parse(testdata(`${GOLDEN}.case.json`));
const EXPECTED_REPORT = JSON.parse(testdata(`${GOLDEN}.expected.json`));
const CHAIN = testdata(CASE.certificate);
const FORGED = testdata("certs/broken/forged.pem") + testdata("certs/rsa/root.pem");
const KEY = testdata(CASE.key);
const DOMAINS = CASE.domain_list;
const NOW = Date.parse(CASE.now);
const LEAF = testdata("certs/rsa/leaf.pem");
const ROUNDS = Number(process.env.ROUNDS || 5);
const TIME_MS = Number(process.env.TIME_MS || 1500);
const subtle = webcrypto.subtle;
peculiar.cryptoProvider.set(webcrypto);
pkijs.setEngine("node", new pkijs.CryptoEngine({ name: "node", crypto: webcrypto }));


// --- shared helpers (the same for every JavaScript contender) ---------------------------------

/** PEM text to DER blocks (what each library's own PEM reader does, for those without one). */
function pemBlocks(text) {
  const out = [];
  const re = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
  for (const m of text.matchAll(re)) out.push(Buffer.from(m[1].replace(/\s+/g, ""), "base64"));
  return out;
}

const hexOf = (bytes) => Buffer.from(bytes).toString("hex");

/** RFC 6125 matching: exact, or a wildcard standing for exactly the left-most label. */
function covers(dnsNames, name) {
  const n = name.toLowerCase();
  for (const san of dnsNames) {
    const s = san.toLowerCase();
    if (s === n) return true;
    if (s.startsWith("*.")) {
      const dot = n.indexOf(".");
      if (dot > 0 && n.slice(dot + 1) === s.slice(2)) return true;
    }
  }
  return false;
}

function result(fingerprints, verified, keyMatches, covered, inValidity) {
  return { fingerprints, verified, keyMatches, covered, inValidity };
}

// --- contenders --------------------------------------------------------------------------------

function certPreflight(pem, api = cp) {
  const report = api.checkCertificate(pem, { key: KEY, domains: DOMAINS, now: NOW });
  const chain = report.certificate.chain;
  const bad = report.diagnostics.filter((d) => d.rule.endsWith("_signature")).length;
  const uncovered = report.diagnostics.filter((d) => d.rule === "domain.not_covered").length;
  return result(
    chain.map((c) => [c.fingerprints.sha1_hex, c.fingerprints.sha256_hex]),
    bad === 0 ? chain.length : 0,
    !report.diagnostics.some((d) => d.rule.startsWith("key.")),
    DOMAINS.length - uncovered,
    !report.diagnostics.some((d) => d.rule === "cert.expired" || d.rule === "cert.not_yet_valid"),
  );
}

function nodeForge(pem) {
  const blocks = forge.pem.decode(pem);
  const certs = blocks.map((b) => forge.pki.certificateFromAsn1(forge.asn1.fromDer(b.body)));
  let verified = 0;
  for (let i = 0; i < certs.length; i++) {
    const issuer = certs[i + 1] ?? certs[i];
    try {
      if (issuer.verify(certs[i])) verified++;
    } catch {
      // forge throws on some bad signatures
    }
  }
  const fingerprints = blocks.map((b) => {
    const sha1 = forge.md.sha1.create().update(b.body).digest().toHex();
    const sha256 = forge.md.sha256.create().update(b.body).digest().toHex();
    return [sha1, sha256];
  });
  const key = forge.pki.privateKeyFromPem(KEY);
  const leaf = certs[0];
  const keyMatches = key.n.equals(leaf.publicKey.n) && key.e.equals(leaf.publicKey.e);
  const san = leaf.getExtension("subjectAltName");
  const dns = san.altNames.filter((a) => a.type === 2).map((a) => a.value);
  const covered = DOMAINS.filter((d) => covers(dns, d)).length;
  const inValidity = leaf.validity.notBefore.getTime() <= NOW && NOW <= leaf.validity.notAfter.getTime();
  return result(fingerprints, verified, keyMatches, covered, inValidity);
}

async function peculiarX509(pem) {
  const certs = pemBlocks(pem).map((der) => new peculiar.X509Certificate(der));
  let verified = 0;
  for (let i = 0; i < certs.length; i++) {
    const issuer = certs[i + 1] ?? certs[i];
    if (await certs[i].verify({ publicKey: issuer.publicKey, signatureOnly: true })) verified++;
  }
  const fingerprints = [];
  for (const c of certs) {
    fingerprints.push([hexOf(await c.getThumbprint("SHA-1")), hexOf(await c.getThumbprint("SHA-256"))]);
  }
  const leaf = certs[0];
  const alg = { name: "RSASSA-PKCS1-v1_5", hash: "SHA-256" };
  const privateKey = await subtle.importKey("pkcs8", keyDer(KEY), alg, true, ["sign"]);
  const privateJwk = await subtle.exportKey("jwk", privateKey);
  const publicJwk = await subtle.exportKey("jwk", await leaf.publicKey.export(alg, ["verify"]));
  const keyMatches = privateJwk.n === publicJwk.n && privateJwk.e === publicJwk.e;
  const san = leaf.getExtension(peculiar.SubjectAlternativeNameExtension);
  const dns = san.names.items.filter((n) => n.type === "dns").map((n) => n.value);
  const covered = DOMAINS.filter((d) => covers(dns, d)).length;
  const inValidity = leaf.notBefore.getTime() <= NOW && NOW <= leaf.notAfter.getTime();
  return result(fingerprints, verified, keyMatches, covered, inValidity);
}

function keyDer(pem) {
  return Buffer.from(pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, ""), "base64");
}

async function pkiJs(pem) {
  const ders = pemBlocks(pem);
  const certs = ders.map((der) => pkijs.Certificate.fromBER(der));
  let verified = 0;
  for (let i = 0; i < certs.length; i++) {
    const issuer = certs[i + 1] ?? certs[i];
    if (await certs[i].verify(issuer)) verified++;
  }
  const fingerprints = [];
  for (const der of ders) {
    fingerprints.push([
      hexOf(await subtle.digest("SHA-1", der)),
      hexOf(await subtle.digest("SHA-256", der)),
    ]);
  }
  const leaf = certs[0];
  const info = pkijs.PrivateKeyInfo.fromBER(keyDer(KEY));
  const privateRsa = info.parsedKey;
  const publicRsa = leaf.subjectPublicKeyInfo.parsedKey;
  const keyMatches =
    Buffer.compare(
      Buffer.from(privateRsa.modulus.valueBlock.valueHexView),
      Buffer.from(publicRsa.modulus.valueBlock.valueHexView),
    ) === 0 &&
    Buffer.compare(
      Buffer.from(privateRsa.publicExponent.valueBlock.valueHexView),
      Buffer.from(publicRsa.publicExponent.valueBlock.valueHexView),
    ) === 0;
  const sanExt = leaf.extensions.find((e) => e.extnID === "2.5.29.17");
  const dns = sanExt.parsedValue.altNames.filter((n) => n.type === 2).map((n) => n.value);
  const covered = DOMAINS.filter((d) => covers(dns, d)).length;
  const inValidity = leaf.notBefore.value.getTime() <= NOW && NOW <= leaf.notAfter.value.getTime();
  return result(fingerprints, verified, keyMatches, covered, inValidity);
}

function nodeX509(pem) {
  const certs = pemBlocks(pem).map((der) => new X509Certificate(der));
  let verified = 0;
  for (let i = 0; i < certs.length; i++) {
    const issuer = certs[i + 1] ?? certs[i];
    if (certs[i].verify(issuer.publicKey)) verified++;
  }
  const plain = (colon) => colon.replaceAll(":", "").toLowerCase();
  const fingerprints = certs.map((c) => [plain(c.fingerprint), plain(c.fingerprint256)]);
  const leaf = certs[0];
  const keyMatches = leaf.checkPrivateKey(createPrivateKey(KEY));
  const covered = DOMAINS.filter((d) => leaf.checkHost(d, { subject: "never" }) !== undefined).length;
  const inValidity = Date.parse(leaf.validFrom) <= NOW && NOW <= Date.parse(leaf.validTo);
  return result(fingerprints, verified, keyMatches, covered, inValidity);
}

// COMPARE_DIST=path/to/another/dist adds that build of the package (e.g. main's) as a row of
// each table: a change measured side by side with what it changes, in one process.
const other = process.env.COMPARE_DIST ? require(`${process.env.COMPARE_DIST}/node/index.cjs`) : null;

const CONTENDERS = [
  ["cert-preflight npm (checkCertificate; node:crypto verifies)", (pem) => certPreflight(pem)],
  ["cert-preflight npm, ring in wasm verifying (in Node's speed-built module)", (pem) => certPreflight(pem, cpRing)],
  ["node-forge (pure JS)", nodeForge],
  ["@peculiar/x509 (WebCrypto)", peculiarX509],
  ["pkijs (WebCrypto)", pkiJs],
  ["node:crypto X509Certificate + verify + checkPrivateKey + checkHost", nodeX509],
  ...(other ? [[`cert-preflight npm, ${process.env.COMPARE_DIST}`, (pem) => certPreflight(pem, other)]] : []),
];

// --- the results agree, and nothing is skipped -------------------------------------------------

function assert(condition, message) {
  if (!condition) throw new Error(`assertion failed: ${message}`);
}

// The report is the golden case's, exactly (both verifiers): what the benchmark times is the
// check the tests check.
for (const [name, api] of [["node:crypto", cp], ["ring in wasm", cpRing]]) {
  const report = api.checkCertificate(CHAIN, { key: KEY, domains: DOMAINS, now: NOW });
  try {
    deepStrictEqual(report, EXPECTED_REPORT);
  } catch (e) {
    throw new Error(`cert-preflight (${name}): the report differs from ${GOLDEN}.expected.json\n${e.message}`);
  }
}

const expected = certPreflight(CHAIN);
assert(expected.fingerprints.length === 3, "three certificates");
for (const [name, run] of CONTENDERS) {
  const got = await run(CHAIN);
  assert(JSON.stringify(got.fingerprints) === JSON.stringify(expected.fingerprints), `${name}: fingerprints agree`);
  assert(got.verified === 3, `${name}: three signatures verified (got ${got.verified})`);
  assert(got.keyMatches === true, `${name}: the key matches the leaf`);
  assert(got.covered === DOMAINS.length, `${name}: all ${DOMAINS.length} names covered (got ${got.covered})`);
  assert(got.inValidity === true, `${name}: the leaf is valid at now`);
  const forged = await run(FORGED);
  assert(forged.verified < 3, `${name}: the forged leaf's signature fails`);
}

// --- one certificate, no signature to check -----------------------------------------------------
// Each returns the leaf's SHA-256 fingerprint (hex), checked equal before timing.

const LEAF_CONTENDERS = [
  ["cert-preflight fingerprint(leaf, sha256)", (pem) => cp.fingerprint(pem, { algorithm: "sha256" }).fingerprints[0]],
  [
    "cert-preflight checkCertificate(leaf)",
    (pem) => cp.checkCertificate(pem, { now: NOW }).certificate.leaf.fingerprints.sha256_hex,
  ],
  [
    "node-forge certificateFromPem + SHA-256",
    (pem) => {
      const der = forge.pem.decode(pem)[0].body;
      forge.pki.certificateFromAsn1(forge.asn1.fromDer(der));
      return forge.md.sha256.create().update(der).digest().toHex();
    },
  ],
  ["node:crypto new X509Certificate + fingerprint256", (pem) => plainHex(new X509Certificate(pem).fingerprint256)],
  ...(other
    ? [
        [`fingerprint(leaf, sha256), ${process.env.COMPARE_DIST}`, (pem) => other.fingerprint(pem, { algorithm: "sha256" }).fingerprints[0]],
        [`checkCertificate(leaf), ${process.env.COMPARE_DIST}`, (pem) => other.checkCertificate(pem, { now: NOW }).certificate.leaf.fingerprints.sha256_hex],
      ]
    : []),
];

function plainHex(colon) {
  return colon.replaceAll(":", "").toLowerCase();
}

for (const [name, run] of LEAF_CONTENDERS) {
  assert(run(LEAF) === expected.fingerprints[0][1], `${name}: the leaf's SHA-256 fingerprint`);
}

// --- timing ----------------------------------------------------------------------------------------

/** Interleaved rounds (the order rotating each round); each contender's per-round medians. */
async function timeRounds(contenders, input) {
  const perRound = new Map(contenders.map(([name]) => [name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    const bench = new Bench({ time: TIME_MS, warmupTime: Math.min(300, TIME_MS) });
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]);
    for (const [name, run] of order) bench.add(name, () => run(input));
    await bench.run();
    for (const task of bench.tasks) perRound.get(task.name).push(task.result.latency.p50);
  }
  return perRound;
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function printTable(title, contenders, perRound) {
  const ours = median(perRound.get(contenders[0][0]));
  console.log("");
  console.log(`| ${title} (median of the rounds' medians) | per call | time relative to the first row |`);
  console.log("| --- | --- | --- |");
  for (const [name] of contenders) {
    const ms = median(perRound.get(name));
    const runs = perRound.get(name).map((x) => (x * 1000).toFixed(0)).join(", ");
    console.log(`| ${name} | ${(ms * 1000).toFixed(0)} us (rounds: ${runs}) | ${(ms / ours).toFixed(2)}x |`);
  }
}

console.log(`Node ${process.version}, ${ROUNDS} rounds of ${TIME_MS} ms each; load average ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
printTable("doing the full check", CONTENDERS, await timeRounds(CONTENDERS, CHAIN));
printTable("one certificate (the leaf), no signature", LEAF_CONTENDERS, await timeRounds(LEAF_CONTENDERS, LEAF));

// --- the first check after import ------------------------------------------------------------------
// A fresh Node process per sample: the time to load the package (instantiating the module) and
// then the first full check of the benchmark input; the median over the samples.

const firstCheckScript = `
const t0 = performance.now();
const cp = require(${JSON.stringify(here("../dist/node/index.cjs"))});
const t1 = performance.now();
const a = JSON.parse(process.argv[1]);
cp.checkCertificate(a.chain, { key: a.key, domains: a.domains, now: a.now });
const t2 = performance.now();
cp.checkCertificate(a.chain, { key: a.key, domains: a.domains, now: a.now });
const t3 = performance.now();
console.log(JSON.stringify([t1 - t0, t2 - t1, t3 - t2]));
`;
const samples = [];
for (let i = 0; i < Math.max(3, ROUNDS * 2 + 1); i++) {
  const out = execFileSync(process.execPath, [
    "-e",
    firstCheckScript,
    JSON.stringify({ chain: CHAIN, key: KEY, domains: DOMAINS, now: NOW }),
  ]);
  samples.push(JSON.parse(out));
}
const col = (k) => median(samples.map((s) => s[k]));
console.log("");
console.log(`| fresh process (median of ${samples.length}) | ms |`);
console.log("| --- | --- |");
console.log(`| require the package (instantiate the module) | ${col(0).toFixed(2)} |`);
console.log(`| first checkCertificate | ${col(1).toFixed(2)} |`);
console.log(`| second checkCertificate | ${col(2).toFixed(2)} |`);
