// An encrypted private key opened with `keyPassword` in Node (issue 22, item 3): each form
// openssl writes (testdata/keyconv/encrypted, gen.sh there) is decrypted and matched with its
// leaf, exactly as the unencrypted key is; a wrong password is `key.wrong_password`, no password
// `key.encrypted` as before, a scheme not implemented `key.encryption_unsupported`; the password
// and the key never appear in a report or a message.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkCertificate } from "cert-preflight";
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
