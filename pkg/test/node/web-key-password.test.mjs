// keyPassword in the browser's web build (dist/web, loaded here in Node as a page without fetch
// would): the ciphers are in the PKCS#12 module only (pkg/README.md "Size"), so before
// initPkcs12() the option is refused with what to do, never silently ignored; after it, the
// report is Node's. For checkCertificate and for validateRequest (a request body's key).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkCertificate, validateRequest } from "cert-preflight";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ENC = `${ROOT}testdata/keyconv/encrypted/`;
const NOW = "2026-11-23T00:00:00Z";
const PASSWORD = readFileSync(`${ENC}password.txt`, "utf8").replace(/\r?\n$/, "");
const PEM = readFileSync(`${ROOT}testdata/certs/rsa/fullchain.pem`, "utf8");
const KEY = readFileSync(`${ENC}rsa-pkcs8-aes256-sha256.key`, "utf8");
// IAM's UploadServerCertificate body with the same leaf, chain and encrypted key (the Node
// suite, key-password.test.mjs, runs the whole table and the CLI's reports).
const read = (name) => readFileSync(`${ROOT}testdata/${name}`, "utf8");
const OPERATION = "aws.iam.upload-server-certificate";
const BODY = {
  ServerCertificateName: "shop-2026",
  CertificateBody: read("certs/rsa/leaf.pem"),
  CertificateChain: read("certs/rsa/intermediate.pem"),
  PrivateKey: KEY,
};
const REQUEST_OPTIONS = { context: { roots: read("certs/rsa/root.pem") }, now: NOW, keyPassword: PASSWORD };
/** The refusal before initPkcs12(), as the web build throws it for `fn`. */
const refusal = (fn) => (error) =>
  // The web build bundles its own CertPreflightError class: compared by name.
  error.name === "CertPreflightError" &&
  error.code === "INVALID_OPTION_VALUE" &&
  error.option === "keyPassword" &&
  error.message.startsWith(`${fn}: keyPassword needs`) &&
  /initPkcs12/.test(error.message) &&
  !error.message.includes(PASSWORD);
const dist = (name) => readFileSync(new URL(`../../dist/web/${name}`, import.meta.url));
const web = await import("../../dist/web/index.js");

test("browser: keyPassword is refused until initPkcs12(), then opens the key as Node does", async () => {
  const options = { key: KEY, keyPassword: PASSWORD, now: NOW, domains: "www.example.com" };
  web.initSync(dist("cert_preflight_wasm_bg.wasm"));
  await web.initRequests(dist("cert_preflight_requests_bg.wasm"));
  assert.throws(() => web.checkCertificate(PEM, options), refusal("checkCertificate"));
  assert.throws(() => web.validateRequest(OPERATION, BODY, REQUEST_OPTIONS), refusal("validateRequest"));
  // Without the password the key is reported encrypted, as everywhere.
  const { keyPassword, ...plain } = options;
  assert.deepEqual(web.checkCertificate(PEM, plain), checkCertificate(PEM, plain));
  const { keyPassword: _, ...requestPlain } = REQUEST_OPTIONS;
  const encrypted = web.validateRequest(OPERATION, BODY, requestPlain);
  assert.deepEqual(encrypted, validateRequest(OPERATION, BODY, requestPlain));
  assert.ok(encrypted.diagnostics.some((d) => d.rule === "key.encrypted"), JSON.stringify(encrypted));

  await web.initPkcs12(dist("cert_preflight_pkcs12_bg.wasm"));
  const inBrowser = web.checkCertificate(PEM, options);
  assert.deepEqual(inBrowser, checkCertificate(PEM, options));
  assert.ok(!inBrowser.diagnostics.some((d) => d.rule === "key.wrong_password"), JSON.stringify(inBrowser));
  assert.ok(!JSON.stringify(inBrowser).includes(PASSWORD));
  const request = web.validateRequest(OPERATION, BODY, REQUEST_OPTIONS);
  assert.deepEqual(request, validateRequest(OPERATION, BODY, REQUEST_OPTIONS));
  // Opened: the key.encrypted of a key decrypted with the password given, nothing else.
  assert.deepEqual(
    request.diagnostics.filter((d) => d.rule.startsWith("key.")).map((d) => [d.rule, /decrypted with/.test(d.message)]),
    [["key.encrypted", true]],
  );
  assert.ok(!JSON.stringify(request).includes(PASSWORD));
});
