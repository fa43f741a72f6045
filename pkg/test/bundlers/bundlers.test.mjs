// Real bundlers: a page importing the package from the `npm pack` tarball, built with Vite and
// with esbuild, served on 127.0.0.1 and run in headless Chromium. The report the page computes
// (ring in wasm) must equal the Node entry's (node:crypto) for the same input.
//
// Run by scripts/test-npm.sh after `npm ci` here: CERT_PREFLIGHT_TARBALL names the tarball.
import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { copyFileSync, cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build as viteBuild } from "vite";
import { build as esbuild } from "esbuild";
import { chromium } from "playwright-core";
import { launchChromium, serveStatic } from "../browser/harness.mjs";

const HERE = fileURLToPath(new URL("./", import.meta.url));
const PKG = fileURLToPath(new URL("../../", import.meta.url));
const NOW = "2026-11-23T00:00:00Z";
const fixture = (name) => readFileSync(join(PKG, "test/fixtures", name), "utf8");
// PKCS#12 fixtures: testdata/pkcs12 (gen.sh there); NOW is within their certificates' validity.
const P12 = join(PKG, "../testdata/pkcs12");
const P12_NOW = "2026-06-01T00:00:00Z";
const pfx = (name) => readFileSync(join(P12, `${name}.pfx`));
const p12Text = (name) => readFileSync(join(P12, name), "utf8");

let work;
let app;
let server;
let base;
let browser;
let context;
let node;

before(async () => {
  work = mkdtempSync(join(tmpdir(), "cert-preflight-bundlers-"));
  let tarball = process.env.CERT_PREFLIGHT_TARBALL;
  if (!tarball) {
    const name = execFileSync("npm", ["pack", "--silent", "--pack-destination", work], { cwd: PKG, encoding: "utf8" }).trim();
    tarball = join(work, name);
  }
  app = join(work, "app");
  cpSync(join(HERE, "app"), app, { recursive: true });
  writeFileSync(join(app, "package.json"), '{"name":"app","version":"1.0.0","private":true,"type":"module"}\n');
  execFileSync("npm", ["install", "--no-audit", "--no-fund", "--silent", "--no-package-lock", tarball], { cwd: app, stdio: "inherit" });
  // The same package, in Node, for the expected reports (its node:crypto verifier).
  node = await import(join(app, "node_modules/cert-preflight/dist/node/index.mjs"));

  await viteBuild({
    root: app,
    configFile: false,
    // Served from /vite/, not the server root: asset URLs relative to the page.
    base: "./",
    logLevel: "warn",
    build: { outDir: join(work, "www/vite"), emptyOutDir: true, rollupOptions: { input: join(app, "vite.html") } },
  });
  await esbuild({
    entryPoints: [join(app, "main-esbuild.js")],
    absWorkingDir: app,
    bundle: true,
    format: "esm",
    platform: "browser",
    loader: { ".wasm": "file" },
    // The file loader's URL ("./cert_preflight_wasm_bg-HASH.wasm") is resolved against the page,
    // so the page sits next to the bundle (or set esbuild's publicPath).
    outdir: join(work, "www/esbuild"),
    logLevel: "warning",
  });
  copyFileSync(join(app, "esbuild.html"), join(work, "www/esbuild/esbuild.html"));

  server = await serveStatic(join(work, "www"));
  base = server.base;
  browser = await launchChromium(chromium);
  context = browser.context;
});

after(async () => {
  await browser?.close();
  server?.stop();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function open(path) {
  const errors = [];
  const fetched = [];
  const page = await context.newPage();
  page.on("request", (r) => fetched.push(r.url()));
  page.setDefaultTimeout(15000);
  page.on("pageerror", (e) => errors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") errors.push(m.text());
  });
  page.on("response", (r) => {
    if (r.status() >= 400) errors.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${base}/${path}`);
  await page
    .waitForFunction(() => document.body.dataset.ready === "true" || document.body.dataset.error)
    .catch((e) => assert.fail(`${path}: ${e.message}; page errors: ${errors.join(" | ")}`));
  const failure = await page.evaluate(() => document.body.dataset.error);
  assert.equal(failure, undefined, `${path}: init failed`);
  return { page, errors, fetched };
}

const isRequestModule = (url) => /cert_preflight_requests_bg[^/]*\.wasm$/.test(url);
const isPkcs12Module = (url) => /cert_preflight_pkcs12_bg[^/]*\.wasm$/.test(url);

/** `checkCertificate(bytes, options)` in the page; the bytes cross as an array of numbers. */
function checkBytesInPage(page, bytes, options) {
  return page.evaluate(([b, o]) => {
    try {
      return { report: window.cp.checkCertificate(new Uint8Array(b), o) };
    } catch (e) {
      return { error: { name: e.name, code: e.code, option: e.option, message: e.message } };
    }
  }, [Array.from(bytes), options]);
}

for (const [bundler, path] of [
  ["Vite 7 (init() with no argument)", "vite/vite.html"],
  ["esbuild (the .wasm subpath imported as a file URL)", "esbuild/esbuild.html"],
]) {
  test(`${bundler}: the built page checks a chain like Node does`, async () => {
    const { page, errors } = await open(path);
    const pem = fixture("chain.pem");
    const key = fixture("leaf.key");
    const options = { key, domains: "www.example.com,nope.example.org", now: NOW };
    const inBrowser = await page.evaluate(([p, o]) => window.cp.checkCertificate(p, o), [pem, options]);
    assert.deepEqual(inBrowser, node.checkCertificate(pem, options));
    assert.ok(inBrowser.diagnostics.some((d) => d.rule === "domain.not_covered"));
    const prints = await page.evaluate((p) => window.cp.fingerprint(p, { algorithm: ["sha1", "sha256"] }), pem);
    assert.deepEqual(prints, node.fingerprint(pem, { algorithm: ["sha1", "sha256"] }));
    const thrown = await page.evaluate(() => {
      try {
        window.cp.checkCertificate("", { now: "yesterday" });
        return null;
      } catch (e) {
        return { isClass: e instanceof window.cp.CertPreflightError, code: e.code, option: e.option };
      }
    });
    assert.deepEqual(thrown, { isClass: true, code: "INVALID_OPTION_VALUE", option: "now" });
    await page.close();
    assert.deepEqual(errors, []);
  });

  test(`${bundler}: the request module is loaded only by initRequests(), and validates like Node`, async () => {
    const { page, errors, fetched } = await open(path);
    assert.ok(fetched.some((u) => u.endsWith(".wasm")), fetched.join(", "));
    assert.ok(!fetched.some(isRequestModule), `init() fetched the request module: ${fetched.join(", ")}`);
    const before = await page.evaluate(() => {
      try {
        window.cp.validateRequest("huawei.elb.update-certificate", {});
        return null;
      } catch (e) {
        return String(e.message);
      }
    });
    assert.match(before, /initRequests/);
    await page.evaluate(() => window.cp.initRequests());
    assert.ok(fetched.some(isRequestModule), `initRequests() fetched no request module: ${fetched.join(", ")}`);
    const body = { certificate: { name: "www", type: "server", certificate: fixture("chain.pem"), private_key: fixture("leaf.key") } };
    const options = {
      now: NOW,
      path: { project_id: "0123456789abcdef0123456789abcdef", certificate_id: "fedcba9876543210fedcba9876543210" },
    };
    const inBrowser = await page.evaluate(
      ([b, o]) => window.cp.validateRequest("huawei.elb.update-certificate", b, o),
      [body, options],
    );
    assert.deepEqual(inBrowser, node.validateRequest("huawei.elb.update-certificate", body, options));
    assert.equal(inBrowser.operation, "huawei.elb.update-certificate");
    await page.close();
    assert.deepEqual(errors, []);
  });

  // Issue 22: the PKCS#12 module is fetched only by initPkcs12(); before it a PFX's bytes get
  // the error that says to call it, after it each report equals Node's for the same file, the
  // wrong password and the tampered MAC included, with no password or key text in it.
  test(`${bundler}: a PFX is opened after initPkcs12() only, with Node's reports`, async () => {
    const { page, errors, fetched } = await open(path);
    const password = p12Text("password.txt");
    const options = { password, domains: "www.example.com,api.example.com", now: P12_NOW };
    const before = await checkBytesInPage(page, pfx("aes-fullchain"), options);
    assert.equal(before.error?.name, "CertPreflightError", JSON.stringify(before));
    assert.equal(before.error.code, "INVALID_OPTION_VALUE");
    assert.equal(before.error.option, "pem");
    assert.match(before.error.message, /PKCS#12.*await initPkcs12\(\)/);
    assert.ok(!fetched.some(isPkcs12Module), `init() fetched the PKCS#12 module: ${fetched.join(", ")}`);
    await page.evaluate(() => window.cp.initPkcs12());
    assert.ok(fetched.some(isPkcs12Module), `initPkcs12() fetched no PKCS#12 module: ${fetched.join(", ")}`);
    assert.ok(!fetched.some(isRequestModule), `initPkcs12() fetched the request module: ${fetched.join(", ")}`);
    const wrong = p12Text("wrong-password.txt");
    const key = readFileSync(join(PKG, "../testdata/certs/rsa/leaf.key"), "utf8");
    const rules = [];
    for (const [name, o] of [
      ["aes-fullchain", options],
      ["legacy-fullchain", options],
      ["aes-fullchain", { ...options, password: wrong }],
      ["tampered-mac", options],
    ]) {
      const { report, error } = await checkBytesInPage(page, pfx(name), o);
      assert.equal(error, undefined, `${name}.pfx: ${JSON.stringify(error)}`);
      assert.deepEqual(report, node.checkCertificate(pfx(name), o), `${name}.pfx`);
      const text = JSON.stringify(report);
      assert.ok(!text.includes(password) && !text.includes(wrong), `${name}.pfx: a password in the report`);
      assert.ok(!text.includes("PRIVATE KEY") && !text.includes(key.split("\n")[1]), `${name}.pfx: the key in the report`);
      rules.push(report.diagnostics.filter((d) => d.rule.startsWith("pkcs12.")).map((d) => d.rule));
    }
    assert.deepEqual(rules, [[], [], ["pkcs12.wrong_password"], ["pkcs12.mac_invalid"]]);
    // The PKCS#12 module runs every function: request validation with no initRequests().
    const body = { certificate: { name: "www", type: "server", certificate: fixture("chain.pem"), private_key: fixture("leaf.key") } };
    const vOptions = {
      now: NOW,
      path: { project_id: "0123456789abcdef0123456789abcdef", certificate_id: "fedcba9876543210fedcba9876543210" },
    };
    const validated = await page.evaluate(
      ([b, o]) => window.cp.validateRequest("huawei.elb.update-certificate", b, o),
      [body, vOptions],
    );
    assert.deepEqual(validated, node.validateRequest("huawei.elb.update-certificate", body, vOptions));
    assert.ok(!fetched.some(isRequestModule), `validateRequest fetched the request module: ${fetched.join(", ")}`);
    await page.close();
    assert.deepEqual(errors, []);
  });
}

test("the Vite and esbuild builds emitted the three modules as files of their own", () => {
  for (const dir of ["www/vite/assets", "www/esbuild"]) {
    const files = readdirSync(join(work, dir));
    assert.ok(files.some((f) => /^cert_preflight_wasm_bg.*\.wasm$/.test(f)), files.join(", "));
    assert.ok(files.some(isRequestModule), files.join(", "));
    assert.ok(files.some(isPkcs12Module), files.join(", "));
  }
});
