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
}

test("the Vite build emitted both modules as assets", () => {
  const assets = readdirSync(join(work, "www/vite/assets"));
  assert.ok(assets.some((f) => /^cert_preflight_wasm_bg.*\.wasm$/.test(f)), assets.join(", "));
  assert.ok(assets.some(isRequestModule), assets.join(", "));
  const esbuilt = readdirSync(join(work, "www/esbuild"));
  assert.ok(esbuilt.some((f) => /^cert_preflight_wasm_bg.*\.wasm$/.test(f)), esbuilt.join(", "));
  assert.ok(esbuilt.some(isRequestModule), esbuilt.join(", "));
});
