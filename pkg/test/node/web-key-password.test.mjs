// keyPassword in the browser's web build (dist/web, loaded here in Node as a page without fetch
// would): the ciphers are in the PKCS#12 module only (pkg/README.md "Size"), so before
// initPkcs12() the option is refused with what to do, never silently ignored; after it, the
// report is Node's.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { checkCertificate } from "cert-preflight";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const ENC = `${ROOT}testdata/keyconv/encrypted/`;
const NOW = "2026-11-23T00:00:00Z";
const PASSWORD = readFileSync(`${ENC}password.txt`, "utf8").replace(/\r?\n$/, "");
const PEM = readFileSync(`${ROOT}testdata/certs/rsa/fullchain.pem`, "utf8");
const KEY = readFileSync(`${ENC}rsa-pkcs8-aes256-sha256.key`, "utf8");
const dist = (name) => readFileSync(new URL(`../../dist/web/${name}`, import.meta.url));
const web = await import("../../dist/web/index.js");

test("browser: keyPassword is refused until initPkcs12(), then opens the key as Node does", async () => {
  const options = { key: KEY, keyPassword: PASSWORD, now: NOW, domains: "www.example.com" };
  web.initSync(dist("cert_preflight_wasm_bg.wasm"));
  await web.initRequests(dist("cert_preflight_requests_bg.wasm"));
  assert.throws(
    () => web.checkCertificate(PEM, options),
    // The web build bundles its own CertPreflightError class: compared by name.
    (error) =>
      error.name === "CertPreflightError" &&
      error.code === "INVALID_OPTION_VALUE" &&
      error.option === "keyPassword" &&
      /initPkcs12/.test(error.message) &&
      !error.message.includes(PASSWORD),
  );
  // Without the password the key is reported encrypted, as everywhere.
  const { keyPassword, ...plain } = options;
  assert.deepEqual(web.checkCertificate(PEM, plain), checkCertificate(PEM, plain));

  await web.initPkcs12(dist("cert_preflight_pkcs12_bg.wasm"));
  const inBrowser = web.checkCertificate(PEM, options);
  assert.deepEqual(inBrowser, checkCertificate(PEM, options));
  assert.ok(!inBrowser.diagnostics.some((d) => d.rule === "key.wrong_password"), JSON.stringify(inBrowser));
  assert.ok(!JSON.stringify(inBrowser).includes(PASSWORD));
});
