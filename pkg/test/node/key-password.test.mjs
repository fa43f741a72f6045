// An encrypted private key opened with `keyPassword` in Node (issue 22, item 3): each form
// openssl writes (testdata/keyconv/encrypted, gen.sh there) is decrypted and matched with its
// leaf, exactly as the unencrypted key is; a wrong password is `key.wrong_password`, no password
// `key.encrypted` as before, a scheme not implemented `key.encryption_unsupported`; the password
// and the key never appear in a report or a message. The same for a request body's key with
// validateRequest's `keyPassword`, whose reports are the CLI's `request --key-password-env`.
import test from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCertificate, validateRequest } from "cert-preflight";
import { base64Of } from "./helpers.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const DATA = `${ROOT}testdata/`;
const ENC = `${DATA}keyconv/encrypted/`;
const NOW = "2026-11-23T00:00:00Z";
const PASSWORD = readFileSync(`${ENC}password.txt`, "utf8").replace(/\r?\n$/, "");
const read = (name) => readFileSync(`${DATA}${name}`, "utf8");

// (encrypted key, bundle, the committed plaintext key it holds or null when unsupported)
const CASES = [
  ["rsa-pkcs8-aes256-sha256.key", "certs/rsa/fullchain.pem", "certs/rsa/leaf.key"],
  ["rsa-pkcs8-des3.key", "certs/rsa/fullchain.pem", "certs/rsa/leaf.key"],
  ["ec-pkcs8-aes128-sha1.key", "certs/ec-p256/fullchain.pem", "certs/ec-p256/leaf.key"],
  ["rsa-legacy-aes128.key", "certs/rsa/fullchain.pem", "certs/rsa/leaf.pkcs1.key"],
  ["ec-legacy-des3.key", "certs/ec-p256/fullchain.pem", "certs/ec-p256/leaf.sec1.key"],
  ["rsa-pkcs8-scrypt.key", "certs/rsa/fullchain.pem", null],
];

const keyRules = (report) => report.diagnostics.filter((d) => d.rule.startsWith("key.")).map((d) => d.rule);

function assertNoSecrets(text, keys, what) {
  assert.ok(!text.includes(PASSWORD), `${what} contains the password`);
  for (const key of keys) for (const line of base64Of(key).lines) assert.ok(!text.includes(line), `${what} contains key text`);
}

for (const [file, bundle, plain] of CASES) {
  test(`keyPassword opens ${file}`, () => {
    const key = readFileSync(`${ENC}${file}`, "utf8");
    const pem = read(bundle);
    const report = checkCertificate(pem, { key, keyPassword: PASSWORD, now: NOW });
    const secrets = plain ? [key, read(plain)] : [key];
    assertNoSecrets(JSON.stringify(report), secrets, file);
    if (plain === null) {
      assert.deepEqual(keyRules(report), ["key.encryption_unsupported"]);
      return;
    }
    // Decrypted and matched: only the encryption itself is left for the upload.
    assert.deepEqual(keyRules(report), ["key.encrypted"]);
    assert.match(report.diagnostics.find((d) => d.rule === "key.encrypted").message, /decrypted with the key password given/);
    // Every other finding is the unencrypted key's.
    const unencrypted = checkCertificate(pem, { key: read(plain), now: NOW });
    const others = (r) => r.diagnostics.filter((d) => d.rule !== "key.encrypted");
    assert.deepEqual(others(report), others(unencrypted));
  });
}

test("a wrong keyPassword is key.wrong_password; none is key.encrypted as before", () => {
  const key = readFileSync(`${ENC}rsa-legacy-aes128.key`, "utf8");
  const pem = read("certs/rsa/fullchain.pem");
  const wrong = checkCertificate(pem, { key, keyPassword: "Tr0ub4dor&3", now: NOW });
  assert.deepEqual(keyRules(wrong), ["key.wrong_password"]);
  assert.ok(!JSON.stringify(wrong).includes("Tr0ub4dor&3"));
  const none = checkCertificate(pem, { key, now: NOW });
  assert.deepEqual(keyRules(none), ["key.encrypted"]);
  assert.doesNotMatch(none.diagnostics[0].message + JSON.stringify(none), /decrypted with/);
});

test("keyPassword must be a string, and the TypeError does not echo it", () => {
  assert.throws(
    () => checkCertificate(read("certs/rsa/fullchain.pem"), { keyPassword: 12345678, now: NOW }),
    (e) => e instanceof TypeError && /keyPassword/.test(e.message) && !e.message.includes("12345678"),
  );
});

// ---- request bodies: validateRequest(..., { keyPassword }) ---------------------------------

// The request: an existing case whose body holds an encrypted key in its key field (IAM's
// UploadServerCertificate, `PrivateKey`), as its own data; then the same body carrying the
// material whose encrypted forms testdata/keyconv holds (testdata/certs/rsa: the leaf, its
// intermediate, and the root as the context's trust anchor), so that a decrypted key has a
// certificate to match.
const CASE = `${DATA}requests/aws.iam.upload-server-certificate/encrypted_key`;

/** A case value with each `{"$file": name}` replaced by that file's text (request_golden.rs). */
function resolveFiles(value) {
  if (Array.isArray(value)) return value.map(resolveFiles);
  if (value === null || typeof value !== "object") return value;
  if (Object.keys(value).length === 1 && "$file" in value) {
    return [value.$file].flat().map((name) => read(`requests/${name}`)).join("");
  }
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolveFiles(v)]));
}

const requestCase = resolveFiles(JSON.parse(read("requests/aws.iam.upload-server-certificate/encrypted_key.case.json")));
const OPERATION = requestCase.operation;
const bodyWith = (keyFile) => ({
  ...requestCase.body,
  CertificateBody: read("certs/rsa/leaf.pem"),
  CertificateChain: read("certs/rsa/intermediate.pem"),
  PrivateKey: read(keyFile),
});
const CONTEXT = { roots: read("certs/rsa/root.pem") };

// (encrypted key in the body, the committed plaintext key it holds or null when unsupported)
const REQUEST_CASES = [
  ["rsa-pkcs8-aes256-sha256.key", "certs/rsa/leaf.key"],
  ["rsa-pkcs8-des3.key", "certs/rsa/leaf.key"],
  ["rsa-legacy-aes128.key", "certs/rsa/leaf.pkcs1.key"],
  ["rsa-legacy-aes256.key", "certs/rsa/leaf.pkcs1.key"],
  ["rsa-pkcs8-scrypt.key", null],
  ["rsa-legacy-camellia128.key", null],
];

// The command line's report of the same body and context, the password in an environment
// variable (`request --key-password-env`), or none. Built by the first `cargo run`, as in
// cli.test.mjs.
const WORK = mkdtempSync(join(tmpdir(), "cert-preflight-keypass-"));
process.on("exit", () => rmSync(WORK, { recursive: true, force: true }));
writeFileSync(join(WORK, "context.json"), JSON.stringify(CONTEXT));
function cliRequest(body, password) {
  const file = join(WORK, "body.json");
  writeFileSync(file, JSON.stringify(body));
  const args = ["run", "-q", "--", "request", OPERATION, file, "--context", join(WORK, "context.json"), "--now", NOW, "--format", "json"];
  // CERT_PREFLIGHT_KEY_PASSWORD is removed so that "no password" is none, whatever the shell has.
  const env = { ...process.env, CERT_PREFLIGHT_KEY_PASSWORD: undefined };
  if (password !== undefined) {
    args.push("--key-password-env", "PREFLIGHT_TEST_KEY_PASSWORD");
    env.PREFLIGHT_TEST_KEY_PASSWORD = password;
  }
  const run = spawnSync("cargo", args, { cwd: ROOT, encoding: "utf8", env, maxBuffer: 64 << 20 });
  assert.ok(run.status === 0 || run.status === 1, `exit ${run.status}: ${run.stderr}`);
  assertNoSecrets(run.stdout + run.stderr, [body.PrivateKey], "the CLI's output");
  return JSON.parse(run.stdout);
}

/** A report without its key.encrypted finding and the counts it changes. */
const withoutEncrypted = (r) => ({ ...r, valid: undefined, errors: undefined, diagnostics: r.diagnostics.filter((d) => d.rule !== "key.encrypted") });

test("validateRequest without keyPassword: the case's golden report (its key is key.encrypted)", () => {
  const report = validateRequest(OPERATION, requestCase.body, { context: requestCase.context, now: requestCase.now });
  assert.deepEqual(report, JSON.parse(readFileSync(`${CASE}.expected.json`, "utf8")));
  // That key is encrypted under another password than keyconv's: given this one, it does not open.
  const wrong = validateRequest(OPERATION, requestCase.body, { context: requestCase.context, now: requestCase.now, keyPassword: PASSWORD });
  assert.deepEqual(keyRules(wrong), ["key.wrong_password"]);
  assertNoSecrets(JSON.stringify(wrong), [requestCase.body.PrivateKey], "the wrong password's report");
});

for (const [file, plain] of REQUEST_CASES) {
  test(`validateRequest keyPassword opens ${file} in the body, as request --key-password-env does`, () => {
    const body = bodyWith(`keyconv/encrypted/${file}`);
    const report = validateRequest(OPERATION, body, { context: CONTEXT, now: NOW, keyPassword: PASSWORD });
    assert.deepEqual(report, cliRequest(body, PASSWORD));
    assertNoSecrets(JSON.stringify(report), plain ? [body.PrivateKey, read(plain)] : [body.PrivateKey], file);
    if (plain === null) {
      assert.deepEqual(keyRules(report), ["key.encryption_unsupported"]);
      return;
    }
    assert.deepEqual(keyRules(report), ["key.encrypted"]);
    assert.match(report.diagnostics.find((d) => d.rule === "key.encrypted").message, /decrypted with the key password given/);
    // Everything else is the report of the body with the plaintext key: it matched the leaf.
    const unencrypted = validateRequest(OPERATION, bodyWith(plain), { context: CONTEXT, now: NOW });
    assert.deepEqual(withoutEncrypted(report), withoutEncrypted(unencrypted));
    assert.equal(report.errors, unencrypted.errors + 1);
  });
}

test("validateRequest: a wrong keyPassword is key.wrong_password, none key.encrypted, as the CLI's", () => {
  const body = bodyWith("keyconv/encrypted/rsa-legacy-aes128.key");
  const wrong = validateRequest(OPERATION, body, { context: CONTEXT, now: NOW, keyPassword: "Tr0ub4dor&3" });
  assert.deepEqual(keyRules(wrong), ["key.wrong_password"]);
  assert.deepEqual(wrong, cliRequest(body, "Tr0ub4dor&3"));
  assert.ok(!JSON.stringify(wrong).includes("Tr0ub4dor&3"));
  const none = validateRequest(OPERATION, body, { context: CONTEXT, now: NOW });
  assert.deepEqual(keyRules(none), ["key.encrypted"]);
  assert.doesNotMatch(JSON.stringify(none), /decrypted with/);
  assert.deepEqual(none, cliRequest(body, undefined));
  for (const report of [wrong, none]) assertNoSecrets(JSON.stringify(report), [body.PrivateKey], "a report");
});

test("validateRequest: keyPassword must be a string, and the TypeError does not echo it", () => {
  assert.throws(
    () => validateRequest(OPERATION, bodyWith("keyconv/encrypted/rsa-legacy-aes128.key"), { keyPassword: 12345678, now: NOW }),
    (e) => e instanceof TypeError && /keyPassword/.test(e.message) && !e.message.includes("12345678"),
  );
});
