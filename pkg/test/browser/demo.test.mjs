// The demo form in Debian's Chromium (headless), driven by playwright-core, served as static
// files by `python3 -m http.server` on 127.0.0.1.
import test, { before, after } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { operations, formFields } from "cert-preflight";
import { NOW, fixture, opensslSha1, base64Of } from "../node/helpers.mjs";
import { launchChromium, serveStatic } from "./harness.mjs";

const PKG = fileURLToPath(new URL("../../", import.meta.url));
let server;
let base;
let browser;
let context;
const pageErrors = [];

before(async () => {
  server = await serveStatic(PKG);
  base = server.base;
  browser = await launchChromium(chromium);
  context = browser.context;
});

after(async () => {
  await browser?.close();
  server?.stop();
});

async function openDemo() {
  const page = await context.newPage();
  page.setDefaultTimeout(10000);
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  page.on("console", (m) => {
    if (m.type() === "error") pageErrors.push(m.text());
  });
  await page.goto(`${base}/demo/index.html?now=${encodeURIComponent(NOW)}`);
  await page.waitForSelector("body[data-ready=true]", { timeout: 15000 });
  return page;
}

/** Sets a field and waits until the debounced validation has run on it. */
async function fill(page, selector, value) {
  const before = await page.evaluate(() => Number(document.body.dataset.validations || 0));
  await page.fill(selector, value);
  await page.waitForFunction((n) => Number(document.body.dataset.validations || 0) > n, before);
}

test("the demo loads the module and shows no errors in the console", async () => {
  const page = await openDemo();
  assert.match(await page.textContent("#status"), /error|Ready/);
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test("a bad domain shows its error beside the domain field", async () => {
  const page = await openDemo();
  await page.selectOption("#operation", "huawei.elb.update-certificate");
  await fill(page, "#certificate", fixture("chain.pem"));
  await fill(page, "#key", fixture("leaf.key"));
  await fill(page, "#field-certificate-domain", "bad_domain!.example.com");
  const item = page.locator('.diags[data-for="field-certificate-domain"] li[data-rule="domain.label_invalid"]');
  await item.waitFor();
  assert.ok(await item.isVisible());
  assert.equal(await item.getAttribute("data-path"), "/certificate/domain");
  assert.ok(await page.locator("#field-certificate-domain.has-error").count(), "the domain input is marked");
  // Beside the field: the message sits right under the input, inside the same row.
  const input = await page.locator("#field-certificate-domain").boundingBox();
  const box = await item.boundingBox();
  assert.ok(box.y >= input.y + input.height - 1 && box.y - (input.y + input.height) < 60, JSON.stringify({ input, box }));
  // Not shown elsewhere.
  assert.equal(await page.locator('.diags:not([data-for="field-certificate-domain"]) li[data-rule="domain.label_invalid"]').count(), 0);
  // Fixing the domain clears it.
  await fill(page, "#field-certificate-domain", "www.example.com");
  assert.equal(await page.locator('li[data-rule^="domain."]').count(), 0);
  // Facts panel: CN, SANs, expiry with days left, fingerprints in both styles.
  assert.equal(await page.textContent('[data-fact="common_name"]'), "www.example.com");
  assert.match(await page.textContent('[data-fact="sans"]'), /www\.example\.com, example\.com/);
  assert.match(await page.textContent('[data-fact="expiry"]'), /^\d{4}-\d\d-\d\dT.*Z \(\d+ days left\)$/);
  assert.equal(await page.textContent('[data-fact="sha1_colon"]'), opensslSha1("leaf"));
  assert.equal(await page.textContent('[data-fact="sha1_hex"]'), opensslSha1("leaf").replaceAll(":", "").toLowerCase());
  assert.match(await page.textContent('[data-fact="sha256_colon"]'), /^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
  await page.close();
});

test("a shuffled chain: apply fix reorders it leaf first", async () => {
  const page = await openDemo();
  await page.selectOption("#operation", "certificate");
  await fill(page, "#certificate", fixture("shuffled.pem"));
  await page.locator('.diags[data-for="certificate"] li[data-rule="chain.misordered"]').waitFor();
  assert.equal(await page.isEnabled("#apply-fix"), true);
  const before = await page.evaluate(() => Number(document.body.dataset.validations));
  await page.click("#apply-fix");
  await page.waitForFunction((n) => Number(document.body.dataset.validations) > n, before);
  const value = await page.inputValue("#certificate");
  const blocks = value.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g);
  const norm = (s) => s.replace(/\s+/g, "");
  assert.equal(norm(blocks[0]), norm(fixture("leaf.pem")), "the leaf comes first");
  assert.equal(norm(blocks[1]), norm(fixture("intermediate.pem")), "then its issuer");
  assert.equal(await page.locator('li[data-rule="chain.misordered"]').count(), 0);
  assert.equal(await page.isEnabled("#apply-fix"), false);
  assert.equal(await page.textContent('[data-fact="common_name"]'), "www.example.com");
  await page.close();
});

test("a private key pasted into the certificate field never shows in the diagnostics", async () => {
  const page = await openDemo();
  for (const op of ["certificate", "huawei.elb.update-certificate", "alibaba.slb.upload-ca-certificate"]) {
    await page.selectOption("#operation", op);
    const key = fixture("key-in-cert-field.pem");
    await fill(page, "#certificate", key);
    await page.locator('.diags[data-for="certificate"] li[data-rule="pem.unexpected_block"]').waitFor();
    const shown = await page.evaluate(() =>
      [...document.querySelectorAll(".diags, #status, #facts")].map((e) => e.textContent).join("\n") +
      "\n" + document.body.innerText);
    const { joined, lines } = base64Of(key);
    assert.ok(!shown.includes(joined), `${op}: the key appears on the page`);
    for (const line of lines) assert.ok(!shown.includes(line), `${op}: a line of the key appears on the page`);
    assert.ok(!shown.includes("PRIVATE KEY-----"), `${op}: the key's armour appears on the page`);
  }
  await page.close();
});

test("a tag diagnostic lands on its tag row (/Tag/2/Key)", async () => {
  const page = await openDemo();
  await page.selectOption("#operation", "alibaba.slb.upload-ca-certificate");
  await fill(page, "#certificate", fixture("root.pem"));
  for (let i = 0; i < 3; i++) await page.click("#add-tag");
  await fill(page, "#tag-0-key", "team");
  await fill(page, "#tag-1-key", "env");
  await fill(page, "#tag-2-key", "acs:reserved");
  const item = page.locator('.diags[data-for="tag-2"] li[data-rule="tag.key_reserved_prefix"]');
  await item.waitFor();
  assert.equal(await item.getAttribute("data-path"), "/Tag/2/Key");
  assert.ok(await page.locator("#tag-2-key.has-error").count());
  await page.close();
  assert.deepEqual(pageErrors, []);
});

// Issue 24: the form offers every operation with the fields its declaration names, and a full
// chain pasted as a user would reaches "Ready" after one Apply fix.

/** The leaf, its intermediate and the root, in that order: what `cat fullchain.pem` shows. */
const FULL_CHAIN = fixture("leaf.pem") + fixture("intermediate.pem") + fixture("root.pem");
const blocks = (text) => text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) || [];
const norm = (s) => s.replace(/\s+/g, "");
const takesMaterial = (op) => formFields(op).some((f) => f.role !== "parameter");

async function select(page, op) {
  const before = await page.evaluate(() => Number(document.body.dataset.validations || 0));
  await page.selectOption("#operation", op);
  await page.waitForFunction((n) => Number(document.body.dataset.validations || 0) > n, before);
}

test("every operation is offered, each with the fields its declaration names", async () => {
  const page = await openDemo();
  const offered = await page.$$eval("#operation option", (os) => os.map((o) => o.value));
  assert.deepEqual(offered, [...operations().map((o) => o.id), "certificate"]);
  for (const { id } of operations()) {
    await select(page, id);
    const shown = await page.$$eval("#fields [data-pointer]", (els) => els.map((e) => e.dataset.pointer));
    assert.deepEqual(shown, formFields(id).map((f) => f.pointer), id);
  }
  // The split fields as the providers name them.
  await select(page, "aws.acm.import-certificate");
  for (const name of ["/Certificate", "/CertificateChain", "/PrivateKey"]) {
    assert.ok(await page.locator(`[data-pointer="${name}"]`).isVisible(), name);
  }
  await select(page, "aws.iam.upload-server-certificate");
  for (const name of ["/CertificateBody", "/CertificateChain", "/PrivateKey"]) {
    assert.ok(await page.locator(`[data-pointer="${name}"]`).isVisible(), name);
  }
  await select(page, "kubernetes.secret.tls");
  for (const name of ["/stringData/tls.crt", "/stringData/tls.key"]) {
    assert.ok(await page.locator(`[data-pointer="${name}"]`).isVisible(), name);
  }
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test("operations that take only IDs show their own fields and are ready with valid values", async () => {
  const page = await openDemo();
  const idOnly = operations().map((o) => o.id).filter((op) => !takesMaterial(op));
  assert.deepEqual(idOnly, [
    "alibaba.alb.associate-additional-certificates",
    "alibaba.alb.create-listener",
    "huawei.apig.attach-certificate-domains",
  ]);
  for (const op of idOnly) {
    await select(page, op);
    assert.equal(await page.locator("#certificate").count(), 0, `${op}: no certificate field`);
    for (const f of formFields(op).filter((f) => f.required)) {
      assert.equal(await page.inputValue(`[data-pointer="${f.pointer}"]`), f.example, `${op} ${f.pointer}`);
    }
    assert.match(await page.textContent("#status"), /^Ready/, op);
  }
  // A wrong value is shown beside its own field.
  await select(page, "alibaba.alb.create-listener");
  await fill(page, '[data-pointer="/ListenerPort"]', "70000");
  await page.locator('.diags[data-for="field-ListenerPort"] li[data-rule="request.out_of_range"]').waitFor();
  assert.match(await page.textContent("#status"), /^Not ready/);
  await fill(page, '[data-pointer="/LoadBalancerId"]', "lb-123");
  await page.locator('.diags[data-for="field-LoadBalancerId"] li[data-rule="id.format"]').waitFor();
  await page.close();
});

test("a full chain and its key reach Ready after one Apply fix, in every operation that takes certificate material", async () => {
  const page = await openDemo();
  const withMaterial = operations().map((o) => o.id).filter(takesMaterial);
  assert.equal(withMaterial.length, 8);
  for (const op of withMaterial) {
    await select(page, op);
    const roles = formFields(op).map((f) => f.role);
    const ca = roles.includes("ca_certificate");
    // A CA upload takes one CA certificate; every other operation the full chain and its key.
    await fill(page, "#certificate", ca ? fixture("root.pem") : FULL_CHAIN);
    if (await page.locator("#chain").count()) await fill(page, "#chain", "");
    if (await page.locator("#key").count()) await fill(page, "#key", fixture("leaf.key"));
    const claimed = await page.$$eval('li[data-fixed="true"]', (ls) => ls.map((l) => l.dataset.rule));
    // The form shows every fix the report claims (none is hidden because the form cannot apply it).
    assert.equal(await page.locator('li[data-report-fixed="true"]').count(), claimed.length, op);
    if (await page.isEnabled("#apply-fix")) {
      const before = await page.evaluate(() => Number(document.body.dataset.validations));
      await page.click("#apply-fix");
      await page.waitForFunction((n) => Number(document.body.dataset.validations) > n, before);
    } else {
      assert.deepEqual(claimed, [], `${op}: fixes are claimed but Apply fix is disabled`);
    }
    const status = await page.textContent("#status");
    const shown = await page.$$eval(".diags li", (ls) => ls.map((l) => `${l.dataset.rule} ${l.dataset.path}: ${l.textContent}`));
    assert.match(status, /^Ready/, `${op}: ${status}\n${shown.join("\n")}`);
    assert.equal(await page.locator('li[data-report-fixed="true"]').count(), 0, `${op}: the report still claims a fix`);
    assert.equal(await page.locator("li").filter({ hasText: "Apply fix resolves this" }).count(), 0, op);
    assert.equal(await page.isEnabled("#apply-fix"), false, `${op}: one Apply fix was not enough`);
    if (roles.includes("chain")) {
      // Split: the leaf alone in the certificate field, its issuer in the chain field, no root.
      const leafField = blocks(await page.inputValue("#certificate"));
      const chainField = blocks(await page.inputValue("#chain"));
      assert.deepEqual(leafField.map(norm), [norm(fixture("leaf.pem"))], op);
      assert.deepEqual(chainField.map(norm), [norm(fixture("intermediate.pem"))], op);
      assert.ok(claimed.includes("chain.root_included"), `${op}: ${claimed}`);
    } else if (!ca) {
      const bundle = blocks(await page.inputValue("#certificate"));
      assert.deepEqual(bundle.map(norm), [fixture("leaf.pem"), fixture("intermediate.pem")].map(norm), op);
    }
  }
  await page.close();
  assert.deepEqual(pageErrors, []);
});

test("ACM: the issue's path, a full chain in Certificate, is split by Apply fix", async () => {
  const page = await openDemo();
  await select(page, "aws.acm.import-certificate");
  await fill(page, "#certificate", FULL_CHAIN);
  await fill(page, "#key", fixture("leaf.key"));
  const single = page.locator('.diags[data-for="certificate"] li[data-rule="cert.single_certificate"]');
  await single.waitFor();
  assert.equal(await single.getAttribute("data-fixed"), "true");
  assert.match(await single.textContent(), /Apply fix resolves this/);
  assert.match(await page.textContent("#status"), /^Not ready: 1 error/);
  await page.click("#apply-fix");
  await page.waitForFunction(() => document.querySelector("#status").textContent.startsWith("Ready"));
  assert.equal(await page.locator('li[data-rule="cert.single_certificate"]').count(), 0);
  assert.equal(blocks(await page.inputValue("#chain")).length, 1);
  await page.close();
});
