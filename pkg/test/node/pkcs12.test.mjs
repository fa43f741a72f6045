// PKCS#12 input in Node (issue 22, item 1): `checkCertificate(bytes, { password })` gives the
// CLI's report of the same file (`cert-preflight cert FILE.pfx --password-file F --format
// json`) and the diagnostics of the same material in PEM (`openssl pkcs12 -nodes`'s
// certificates in file order, and the key), for each encryption openssl writes; a wrong
// password, a tampered MAC, an unsupported algorithm and a file with no certificate each give
// their `pkcs12.*` rule; the password and the key never appear in a report or a message.
// Fixtures: testdata/pkcs12 (gen.sh there).
import test from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkCertificate, CertPreflightError } from "cert-preflight";
import { base64Of } from "./helpers.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const P12 = `${ROOT}testdata/pkcs12/`;
const NOW = "2026-06-01T00:00:00Z";
const DOMAINS = "www.example.com,api.example.com";
const PASSWORD = readFileSync(`${P12}password.txt`, "utf8");
const WRONG = readFileSync(`${P12}wrong-password.txt`, "utf8");
const KEY = readFileSync(`${ROOT}testdata/certs/rsa/leaf.key`, "utf8");
const pfx = (name) => readFileSync(`${P12}${name}.pfx`);
const pem = (name) => readFileSync(`${P12}${name}.pem`, "utf8");

// The CLI without a password in its environment (the variable would be read when no
// --password-file is given), never on a terminal (no prompt).
const env = { ...process.env };
delete env.CERT_PREFLIGHT_PASSWORD;
function cli(args) {
  const r = spawnSync("cargo", ["run", "-q", "--", ...args], { cwd: ROOT, env, encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
function cliReport(name, passwordFile) {
  const pw = passwordFile ? ["--password-file", `${P12}${passwordFile}`] : [];
  const out = cli(["cert", `${P12}${name}.pfx`, ...pw, "--domains", DOMAINS, "--format", "json", "--now", NOW]);
  assert.ok(out.status === 0 || out.status === 1, `cert ${name}.pfx: exit ${out.status}: ${out.stderr}`);
  return JSON.parse(out.stdout);
}

const probe = cli(["cert", `${P12}aes-fullchain.pfx`, "--password-file", `${P12}password.txt`, "--format", "json", "--now", NOW]);
let cliSkip = false;
try {
  JSON.parse(probe.stdout);
} catch {
  cliSkip = `the CLI does not give a JSON report for a PFX (status ${probe.status}: ${(probe.stderr || "").trim().slice(0, 200)})`;
  console.log(`SKIP PKCS#12 CLI identity: ${cliSkip}`);
}

/** Rule, severity, path and message of each diagnostic: what "the same diagnostics" means. */
const verdicts = (report) => report.diagnostics.map(({ rule, severity, path, message }) => ({ rule, severity, path, message }));

/** The password and every line of the key's base64 are absent from `text`. */
function assertNoSecrets(text, what) {
  assert.ok(!text.includes(PASSWORD), `${what} contains the password`);
  assert.ok(!text.includes("PRIVATE KEY"), `${what} contains a private key block`);
  for (const line of base64Of(KEY).lines) assert.ok(!text.includes(line), `${what} contains the key's text`);
}

// (fixture, password file or none, the PEM of its certificates)
const SAME_AS_PEM = [
  ["aes-fullchain", "password.txt", "aes-fullchain"], // PBES2: PBKDF2-HMAC-SHA256, AES-256-CBC
  ["legacy-fullchain", "password.txt", "legacy-fullchain"], // -legacy: RC2-40 + 3DES
  ["des3-fullchain", "password.txt", "des3-fullchain"], // 3DES for both, SHA-1 MAC
  ["aes-with-root", "password.txt", "aes-with-root"],
  ["empty-password", null, "aes-fullchain"], // -passout pass:
  ["no-password", null, "aes-fullchain"], // pyca NoEncryption
];

for (const [name, passwordFile, pemName] of SAME_AS_PEM) {
  const password = passwordFile ? readFileSync(`${P12}${passwordFile}`, "utf8") : undefined;
  const options = { password, domains: DOMAINS, now: NOW };

  test(`${name}.pfx: the diagnostics of the same material in PEM`, () => {
    const fromPfx = checkCertificate(pfx(name), options);
    const fromPem = checkCertificate(pem(pemName), { key: KEY, domains: DOMAINS, now: NOW });
    assert.ok(!fromPfx.diagnostics.some((d) => d.rule.startsWith("pkcs12.")), JSON.stringify(verdicts(fromPfx)));
    assert.deepEqual(verdicts(fromPfx), verdicts(fromPem));
    assert.equal(fromPfx.valid, fromPem.valid);
    assert.deepEqual(fromPfx.certificate, fromPem.certificate);
    assert.equal(fromPfx.normalized, fromPem.normalized);
    assertNoSecrets(JSON.stringify(fromPfx), `${name}'s report`);
  });

  test(`${name}.pfx: checkCertificate equals the CLI's cert --format json`, { skip: cliSkip }, () => {
    assert.deepEqual(checkCertificate(pfx(name), options), cliReport(name, passwordFile));
  });
}

// (fixture, password file, the rule)
const REFUSED = [
  ["aes-fullchain", "wrong-password.txt", "pkcs12.wrong_password"],
  ["no-password", "password.txt", "pkcs12.wrong_password"], // a password for a file that has none
  ["tampered-mac", "password.txt", "pkcs12.mac_invalid"],
  ["unsupported-cipher", "password.txt", "pkcs12.unsupported"],
  ["key-only", "password.txt", "pkcs12.empty"],
];

for (const [name, passwordFile, rule] of REFUSED) {
  const password = readFileSync(`${P12}${passwordFile}`, "utf8");
  test(`${name}.pfx with ${passwordFile}: ${rule}`, () => {
    const report = checkCertificate(pfx(name), { password, domains: DOMAINS, now: NOW });
    assert.equal(report.valid, false);
    assert.deepEqual(report.diagnostics.map((d) => d.rule), [rule]);
    assert.equal(report.diagnostics[0].path, "/certificate");
    assertNoSecrets(JSON.stringify(report), `${name}'s report`);
    assert.ok(!JSON.stringify(report).includes(WRONG), "the wrong password is echoed");
  });
  test(`${name}.pfx with ${passwordFile}: equals the CLI's report`, { skip: cliSkip }, () => {
    assert.deepEqual(checkCertificate(pfx(name), { password, domains: DOMAINS, now: NOW }), cliReport(name, passwordFile));
  });
}

test("no password for a file that has one: pkcs12.wrong_password", () => {
  const report = checkCertificate(pfx("aes-fullchain"), { now: NOW });
  assert.deepEqual(report.diagnostics.map((d) => d.rule), ["pkcs12.wrong_password"]);
});

test("a Buffer, a Uint8Array, a view into a larger buffer and an ArrayBuffer give one report", () => {
  const buffer = pfx("aes-fullchain");
  const options = { password: PASSWORD, domains: DOMAINS, now: NOW };
  const want = checkCertificate(buffer, options);
  const copy = new Uint8Array(buffer);
  const padded = new Uint8Array(buffer.length + 16);
  padded.set(buffer, 8);
  assert.deepEqual(checkCertificate(copy, options), want);
  assert.deepEqual(checkCertificate(padded.subarray(8, 8 + buffer.length), options), want);
  assert.deepEqual(checkCertificate(copy.buffer, options), want);
  assert.equal(want.valid, checkCertificate(pem("aes-fullchain"), { key: KEY, domains: DOMAINS, now: NOW }).valid);
});

test("other bytes are read as the CLI reads a certificate file; a password is ignored for them", () => {
  const text = pem("aes-fullchain");
  const options = { domains: DOMAINS, now: NOW };
  assert.deepEqual(checkCertificate(Buffer.from(text), options), checkCertificate(text, options));
  assert.deepEqual(checkCertificate(text, { ...options, password: PASSWORD }), checkCertificate(text, options));
  // Binary DER: one CERTIFICATE block, as the CLI wraps it.
  const der = Buffer.from(base64Of(text.split("-----END CERTIFICATE-----")[0]).joined, "base64");
  const fromDer = checkCertificate(der, options);
  assert.equal(fromDer.certificate.chain.length, 1);
  assert.equal(fromDer.certificate.chain[0].subject, checkCertificate(text, options).certificate.chain[0].subject);
});

test("misuse: wrong types throw TypeError, bad values CertPreflightError; neither quotes the password", () => {
  const file = pfx("aes-fullchain");
  assert.throws(() => checkCertificate(file, { password: 42 }), { name: "TypeError", message: /password must be a string, got a number/ });
  assert.throws(() => checkCertificate(file, { password: [PASSWORD] }), { name: "TypeError", message: /password must be a string, got an array/ });
  assert.throws(() => checkCertificate([1, 2, 3]), { name: "TypeError", message: /pem must be a string or a Uint8Array, got an array/ });
  assert.throws(() => checkCertificate(new Uint16Array(4)), TypeError);
  const misuse = [
    () => checkCertificate(file, { password: PASSWORD, now: "yesterday" }),
    () => checkCertificate(file, { password: PASSWORD, profile: "aws" }),
    () => checkCertificate(file, { password: PASSWORD, passwd: PASSWORD }),
    () => checkCertificate(PASSWORD, { password: 1 }),
  ];
  for (const f of misuse) {
    let error;
    try {
      f();
    } catch (e) {
      error = e;
    }
    assert.ok(error instanceof TypeError || error instanceof CertPreflightError, String(error));
    assertNoSecrets(`${error.message} ${String(error)} ${JSON.stringify(error)}`, "the error");
  }
});

test("truncated and damaged files: a report, never a throw", () => {
  const file = pfx("aes-fullchain");
  for (let cut = 0; cut < file.length; cut += 97) {
    const report = checkCertificate(file.subarray(0, cut), { password: PASSWORD, now: NOW });
    assert.equal(typeof report.valid, "boolean");
  }
  const flipped = Buffer.from(file);
  for (let i = 40; i < flipped.length; i += 53) {
    flipped[i] ^= 0xff;
    const report = checkCertificate(flipped, { password: PASSWORD, now: NOW });
    assert.equal(typeof report.valid, "boolean");
    assertNoSecrets(JSON.stringify(report), "a damaged file's report");
    flipped[i] ^= 0xff;
  }
});

// The browser's web build (dist/web), loaded here in Node as a page without fetch would: with
// initSync and the modules' bytes. Its first two modules leave the decoder out (about 105 KB
// gzipped, pkg/README.md "Size"), so before initPkcs12() a file's bytes throw
// CertPreflightError INVALID_OPTION_VALUE (option "pem") that names PKCS#12 and initPkcs12(),
// never quoting the password; after it, every fixture's report equals Node's. The tests below
// run in file order and share the one web instance: the refusal first, then the third module.
// (pkg/test/bundlers/bundlers.test.mjs runs the same path in Chromium.)
const dist = (name) => readFileSync(new URL(`../../dist/web/${name}`, import.meta.url));
const web = await import("../../dist/web/index.js");

test("browser, before initPkcs12(): a file's bytes are refused with what to do; PEM text works", async () => {
  web.initSync(dist("cert_preflight_wasm_bg.wasm"));
  const file = pfx("aes-fullchain");
  const refused = (options) => {
    let error;
    try {
      web.checkCertificate(file, options);
    } catch (e) {
      error = e;
    }
    assert.ok(error, "no error");
    assert.equal(error.name, "CertPreflightError");
    assert.equal(error.code, "INVALID_OPTION_VALUE");
    assert.equal(error.option, "pem");
    assert.match(error.message, /PKCS#12/);
    assert.match(error.message, /await initPkcs12\(\)/);
    assert.match(error.message, /openssl pkcs12 -in FILE\.pfx -nodes/);
    assertNoSecrets(`${error.message} ${JSON.stringify(error)}`, "the browser's error");
  };
  refused({ password: PASSWORD, now: NOW }); // the certificate module
  await web.initRequests(dist("cert_preflight_requests_bg.wasm"));
  refused({ password: PASSWORD, now: NOW, intermediates: [] }); // a pool: the request module
  const fromPem = web.checkCertificate(pem("aes-fullchain"), { key: KEY, domains: DOMAINS, now: NOW });
  assert.deepEqual(verdicts(fromPem), verdicts(checkCertificate(file, { password: PASSWORD, domains: DOMAINS, now: NOW })));
});

// Another module fails to link against pkcs12.js's imports (each module imports its own glue
// file), or, if it linked, lacks the `opens_pkcs12` export initPkcs12() asks for.
test("browser: initPkcs12() refuses a module that is not the PKCS#12 module, and can be retried", async () => {
  await assert.rejects(web.initPkcs12(dist("cert_preflight_wasm_bg.wasm")));
  await assert.rejects(web.initPkcs12(dist("cert_preflight_requests_bg.wasm")));
  assert.throws(() => web.checkCertificate(pfx("aes-fullchain"), { password: PASSWORD, now: NOW }), /initPkcs12/);
});

test("browser, after initPkcs12(): every fixture's report equals Node's", async () => {
  await web.initPkcs12(dist("cert_preflight_pkcs12_bg.wasm"));
  await web.initPkcs12(); // idempotent: resolves without loading again
  const cases = [
    ...SAME_AS_PEM.map(([name, passwordFile]) => [name, passwordFile]),
    ...REFUSED.map(([name, passwordFile]) => [name, passwordFile]),
    ["aes-fullchain", null], // no password for a file that has one
    ["aes-no-key", "password.txt"],
  ];
  for (const [name, passwordFile] of cases) {
    const password = passwordFile ? readFileSync(`${P12}${passwordFile}`, "utf8") : undefined;
    for (const options of [
      { password, domains: DOMAINS, now: NOW },
      // (Not profile "alibaba-slb": its key.format_pkcs8 message names `BEGIN RSA PRIVATE KEY`.)
      { password, now: NOW, audience: "public", expiryDays: 400, intermediates: [pem("aes-fullchain")] },
    ]) {
      const inBrowser = web.checkCertificate(pfx(name), options);
      assert.deepEqual(inBrowser, checkCertificate(pfx(name), options), `${name}.pfx with ${passwordFile}`);
      assertNoSecrets(JSON.stringify(inBrowser), `${name}'s report in the browser`);
    }
  }
  // The key given beside a PFX, and other bytes (PEM, as the CLI reads a file) go the same way.
  const options = { key: KEY, domains: DOMAINS, now: NOW };
  assert.deepEqual(web.checkCertificate(pfx("aes-no-key"), { ...options, password: PASSWORD }), checkCertificate(pfx("aes-no-key"), { ...options, password: PASSWORD }));
  const text = Buffer.from(pem("aes-fullchain"));
  assert.deepEqual(web.checkCertificate(text, options), checkCertificate(text, options));
});
