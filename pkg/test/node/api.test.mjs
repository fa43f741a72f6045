// The package through `import`, over the built dist/ (resolved by package self-reference).
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as cp from "cert-preflight";
import { NOW, fixture, opensslSha1, base64Of } from "./helpers.mjs";

const pkgJson = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
const isPlain = (v) => Object.getPrototypeOf(v) === Object.prototype;

test("exports every documented name", () => {
  for (const name of ["validateRequest", "checkCertificate", "fingerprint", "rules", "operations", "formFields", "schema", "explain", "init", "initSync", "initRequests"]) {
    assert.equal(typeof cp[name], "function", name);
  }
  assert.equal(cp.version, pkgJson.version);
  assert.equal(typeof cp.default, "function");
});

test("init and initRequests are resolved no-ops in Node (the request module loads at import)", async () => {
  await cp.init();
  cp.initSync(new Uint8Array());
  await cp.initRequests();
  assert.equal(cp.validateRequest("huawei.elb.update-certificate", "{").valid, false);
});

test("formFields() gives each operation's own fields, from its declaration", () => {
  const byRole = (op) => cp.formFields(op).filter((f) => f.role !== "parameter").map((f) => `${f.role} ${f.pointer}`);
  assert.deepEqual(byRole("acm:ImportCertificate"), [
    "certificate /Certificate",
    "chain /CertificateChain",
    "private_key /PrivateKey",
  ]);
  assert.deepEqual(byRole("kubernetes.secret.tls"), ["certificate /stringData/tls.crt", "private_key /stringData/tls.key"]);
  assert.deepEqual(byRole("alibaba.alb.create-listener"), []);
  const port = cp.formFields("CreateListener").find((f) => f.pointer === "/ListenerPort");
  assert.deepEqual(port, { pointer: "/ListenerPort", name: "ListenerPort", role: "parameter", kind: "integer", required: true, example: "443", values: [] });
  for (const op of cp.operations()) {
    const fields = cp.formFields(op.id);
    assert.ok(fields.length > 0 && fields.every(isPlain), op.id);
    assert.equal(new Set(fields.map((f) => f.pointer)).size, fields.length, `${op.id}: pointers are unique`);
  }
  assert.throws(() => cp.formFields("no.such-operation"), { code: "UNKNOWN_OPERATION" });
  assert.throws(() => cp.formFields(42), TypeError);
});

test("rules() lists the catalogue as plain objects", () => {
  const rules = cp.rules();
  assert.ok(Array.isArray(rules) && rules.length > 40);
  assert.ok(rules.every(isPlain));
  const ids = rules.map((r) => r.id);
  for (const id of ["pem.malformed", "chain.misordered", "tag.key_too_long", "domain.label_invalid"]) {
    assert.ok(ids.includes(id), id);
  }
  assert.notEqual(cp.rules(), cp.rules(), "each call returns a fresh array");
});

test("rules(operation) lists every rule as that operation reports it", () => {
  const catalogue = cp.rules();
  for (const op of cp.operations()) {
    const listed = cp.rules(op.id);
    assert.deepEqual(listed.map((r) => r.id), catalogue.map((r) => r.id), op.id);
    assert.ok(listed.every(isPlain), op.id);
    assert.deepEqual(cp.rules(op.action), listed, `${op.action} names ${op.id}`);
  }
  const byId = (op, id) => cp.rules(op).find((r) => r.id === id);
  // APIG answers its own code where the catalogue (written for Alibaba Cloud) says InvalidParameter.
  assert.equal(byId("huawei.apig.attach-certificate-domains", "domain.label_invalid").api_error, "APIG.2012");
  // IAM always holds a lone certificate as a warning; Cloudflare a root by bundle method.
  assert.equal(byId("iam:UploadServerCertificate", "cert.single_certificate").severity, "warning");
  const root = byId("cloudflare.custom-certificate.create", "chain.root_included");
  assert.deepEqual([root.severity, root.also, root.api_error], ["info", ["error", "warning"], "2100"]);
  assert.throws(() => cp.rules("no.such-operation"), { code: "UNKNOWN_OPERATION", operation: "no.such-operation" });
  assert.throws(() => cp.rules(42), TypeError);
});

test("explain() gives each cause the severities its operation's reports give", () => {
  const why = cp.explain("iam:UploadServerCertificate", "MalformedCertificate");
  const lone = why.causes.find((c) => c.rule === "cert.single_certificate");
  assert.equal(lone.severity, "warning");
  const root = cp.explain("cloudflare.custom-certificate.create", "2100").causes[0];
  assert.deepEqual([root.rule, root.severity, root.also], ["chain.root_included", "info", ["error", "warning"]]);
});

test("operations() lists the seed operations and the other platforms', with their provider", () => {
  const ops = cp.operations();
  assert.deepEqual(
    ops.map((o) => o.id).sort(),
    [
      "alibaba.alb.associate-additional-certificates",
      "alibaba.alb.create-listener",
      "alibaba.slb.upload-ca-certificate",
      "aws.acm.import-certificate",
      "aws.iam.upload-server-certificate",
      "azure.keyvault.import-certificate",
      "cloudflare.custom-certificate.create",
      "gcp.compute.insert-ssl-certificate",
      "huawei.apig.attach-certificate-domains",
      "huawei.elb.update-certificate",
      "kubernetes.secret.tls",
    ],
  );
  assert.ok(ops.every((o) => typeof o.provider === "string" && o.provider && Array.isArray(o.aliases)));
  assert.equal(ops.find((o) => o.id === "aws.acm.import-certificate").provider, "AWS");
});

test("validateRequest: the other platforms' context keys, in either spelling", () => {
  const secret = {
    apiVersion: "v1",
    kind: "Secret",
    metadata: { name: "shop-tls" },
    type: "kubernetes.io/tls",
    stringData: { "tls.crt": fixture("chain.pem"), "tls.key": fixture("leaf.key") },
  };
  const camel = cp.validateRequest("kubernetes.secret.tls", secret, {
    context: { hosts: ["www.example.com", "shop.example.org"], noPublicRoots: true },
    now: NOW,
  });
  const snake = cp.validateRequest("kubernetes.secret.tls", JSON.stringify(secret), {
    context: { hosts: ["www.example.com", "shop.example.org"], no_public_roots: true },
    now: NOW,
  });
  assert.deepEqual(camel, snake);
  const uncovered = camel.diagnostics.filter((d) => d.rule === "domain.not_covered");
  assert.equal(uncovered.length, 1, JSON.stringify(camel.diagnostics));
  assert.match(uncovered[0].message, /shop\.example\.org/);
  assert.throws(
    () => cp.validateRequest("kubernetes.secret.tls", secret, { context: { hosts: "www.example.com" } }),
    TypeError,
  );
  assert.throws(
    () => cp.validateRequest("gcp.compute.insert-ssl-certificate", {}, { context: { endpoint: "europe" } }),
    (e) => e instanceof cp.CertPreflightError && e.code === "INVALID_OPTION_VALUE",
  );
});

test("a good chain with its key and domains is valid, with facts and fingerprints", () => {
  const report = cp.checkCertificate(fixture("chain.pem"), {
    key: fixture("leaf.key"),
    domains: "www.example.com,example.com",
    now: NOW,
  });
  assert.ok(isPlain(report) && isPlain(report.certificate.leaf));
  assert.equal(report.operation, "certificate");
  assert.deepEqual(report.diagnostics.filter((d) => d.severity === "error"), []);
  assert.equal(report.valid, true);
  const leaf = report.certificate.leaf;
  assert.equal(leaf.common_name, "www.example.com");
  assert.deepEqual(leaf.subject_alternative_names, ["www.example.com", "example.com", "*.api.example.com"]);
  assert.equal(leaf.fingerprints.sha1_colon, opensslSha1("leaf"));
  assert.equal(leaf.fingerprints.sha1_hex, opensslSha1("leaf").replaceAll(":", "").toLowerCase());
  assert.equal(report.certificate.chain.length, 2);
});

test("domains may be an array", () => {
  const a = cp.checkCertificate(fixture("chain.pem"), { domains: ["www.example.com", "nope.example.org"], now: NOW });
  const b = cp.checkCertificate(fixture("chain.pem"), { domains: "www.example.com,nope.example.org", now: NOW });
  assert.deepEqual(a, b);
  assert.ok(a.diagnostics.some((d) => d.rule === "domain.not_covered"));
});

test("now: Date, epoch ms and RFC 3339 text agree; default is the JS clock", () => {
  const pem = fixture("chain.pem");
  const t = Date.parse(NOW);
  const byText = cp.checkCertificate(pem, { now: NOW });
  assert.deepEqual(cp.checkCertificate(pem, { now: new Date(t) }), byText);
  assert.deepEqual(cp.checkCertificate(pem, { now: t }), byText);
  // Long after the leaf's expiry (2029): expired.
  const late = cp.checkCertificate(pem, { now: "2031-01-01T00:00:00Z" });
  assert.ok(late.diagnostics.some((d) => d.rule === "cert.expired"));
  // No `now`: Date.now(), which is inside validity on any machine before 2029.
  const current = cp.checkCertificate(pem);
  assert.equal(current.certificate.leaf.days_remaining, Math.floor((current.certificate.leaf.not_after_ms - Date.now()) / 86400000));
});

test("a shuffled chain is reported and normalized leaf first", () => {
  const report = cp.checkCertificate(fixture("shuffled.pem"), { now: NOW });
  assert.ok(report.diagnostics.some((d) => d.rule === "chain.misordered"));
  assert.equal(typeof report.normalized, "string");
  const fixed = cp.checkCertificate(report.normalized, { now: NOW });
  assert.ok(!fixed.diagnostics.some((d) => d.rule === "chain.misordered"));
  assert.equal(fixed.certificate.chain[0].fingerprints.sha1_colon, opensslSha1("leaf"));
});

test("a private key in the certificate field is reported without echoing it", () => {
  const key = fixture("key-in-cert-field.pem");
  const report = cp.checkCertificate(key, { now: NOW });
  assert.equal(report.valid, false);
  assert.ok(report.diagnostics.some((d) => d.rule === "pem.unexpected_block"));
  const out = JSON.stringify(report);
  const { joined, lines } = base64Of(key);
  assert.ok(!out.includes(joined));
  for (const line of lines) assert.ok(!out.includes(line), "a line of the key appears in the report");
});

test("a mismatched key is an error, and the key is not echoed", () => {
  const other = fixture("other.key");
  const report = cp.checkCertificate(fixture("chain.pem"), { key: other, now: NOW });
  assert.ok(report.diagnostics.some((d) => d.rule === "key.mismatch"));
  for (const line of base64Of(other).lines) assert.ok(!JSON.stringify(report).includes(line));
});

test("fingerprint() matches openssl in both styles and algorithms", () => {
  const pem = fixture("chain.pem");
  const colon = cp.fingerprint(pem, { algorithm: "sha1", style: "colon" });
  assert.ok(isPlain(colon));
  assert.deepEqual(colon.fingerprints, [opensslSha1("leaf"), opensslSha1("intermediate")]);
  const hex = cp.fingerprint(pem);
  assert.deepEqual(hex.fingerprints, colon.fingerprints.map((f) => f.replaceAll(":", "").toLowerCase()));
  const sha256 = cp.fingerprint(pem, { algorithm: "sha256", style: "hex" });
  assert.equal(sha256.fingerprints[0].length, 64);
});

test("validateRequest: object and JSON text bodies give the same report", () => {
  const body = { RegionId: "cn-hangzhou", CACertificate: fixture("root.pem"), Tag: [{ Key: "acs:x", Value: "v" }] };
  const a = cp.validateRequest("alibaba.slb.upload-ca-certificate", body, { now: NOW });
  const b = cp.validateRequest("UploadCACertificate", JSON.stringify(body), { now: NOW });
  assert.deepEqual(a, b);
  assert.ok(isPlain(a));
  const d = a.diagnostics.find((d) => d.rule === "tag.key_reserved_prefix");
  assert.equal(d.path, "/Tag/0/Key");
  assert.equal(d.api_error, "InvalidParam.TagKey");
});

test("validateRequest: text that is not JSON is a report, not an exception", () => {
  const r = cp.validateRequest("huawei.elb.update-certificate", "{not json", { now: NOW });
  assert.equal(r.valid, false);
  assert.ok(r.diagnostics.some((d) => d.rule === "request.malformed"));
  const arr = cp.validateRequest("huawei.elb.update-certificate", [1, 2], { now: NOW });
  assert.ok(arr.diagnostics.some((d) => d.rule === "request.malformed"));
});

test("validateRequest: path parameters and context are passed through", () => {
  const body = { certificate: { certificate: fixture("chain.pem"), private_key: fixture("leaf.key"), domain: "bad_domain!.example.com" } };
  const r = cp.validateRequest("huawei.elb.update-certificate", body, {
    path: { project_id: "0123456789abcdef0123456789abcdef", certificate_id: "fedcba9876543210fedcba9876543210" },
    now: NOW,
  });
  assert.ok(r.diagnostics.some((d) => d.rule === "domain.label_invalid" && d.path === "/certificate/domain"));
  assert.ok(!r.diagnostics.some((d) => d.rule === "request.missing_field"), JSON.stringify(r.diagnostics));
  const alb = cp.validateRequest(
    "alibaba.alb.associate-additional-certificates",
    { ListenerId: "lsn-abc", Certificates: [{ CertificateId: "1011-cn-hangzhou" }] },
    { context: { listenerProtocol: "HTTP" }, now: NOW },
  );
  assert.ok(alb.diagnostics.some((d) => d.rule === "listener.http_not_supported"));
  const snake = cp.validateRequest(
    "alibaba.alb.associate-additional-certificates",
    { ListenerId: "lsn-abc", Certificates: [{ CertificateId: "1011-cn-hangzhou" }] },
    { context: { listener_protocol: "HTTP" }, now: NOW },
  );
  assert.deepEqual(snake, alb);
});

test("roots: the caller's private root anchors the chain, as the CLI's --roots does", () => {
  const chain = fixture("chain.pem");
  const without = cp.checkCertificate(chain, { now: NOW });
  const rulesOf = (r) => r.diagnostics.map((d) => d.rule);
  assert.ok(
    rulesOf(without).some((r) => r === "chain.incomplete" || r === "chain.untrusted_root"),
    JSON.stringify(without.diagnostics),
  );
  const withRoot = cp.checkCertificate(chain, { now: NOW, roots: fixture("root.pem"), noPublicRoots: true });
  assert.ok(!rulesOf(withRoot).includes("chain.incomplete"), JSON.stringify(withRoot.diagnostics));
  assert.ok(!rulesOf(withRoot).includes("chain.untrusted_root"), JSON.stringify(withRoot.diagnostics));
  assert.equal(withRoot.certificate.trust.caller_roots, 1);
  assert.equal(withRoot.certificate.trust.store, undefined);
  assert.match(withRoot.certificate.trust.anchored, /caller_root/);
  assert.throws(() => cp.checkCertificate(chain, { roots: 42 }), TypeError);
});

test("schema(): the operation's JSON Schema, as the CLI's operations --schema prints it", () => {
  const s = cp.schema("iam:UploadServerCertificate");
  assert.equal(s.$schema, "https://json-schema.org/draft/2020-12/schema");
  assert.equal(s.$id, "urn:cert-preflight:operation:aws.iam.upload-server-certificate");
  assert.equal(s.properties.ServerCertificateName.maxLength, 128);
  assert.deepEqual(s.required.sort(), ["CertificateBody", "PrivateKey", "ServerCertificateName"]);
  assert.throws(() => cp.schema("NoSuchThing"), (e) => e.code === "UNKNOWN_OPERATION");
  assert.throws(() => cp.schema(42), TypeError);
});

test("explain(): the rules behind a provider's answer, and with the request which applies", () => {
  const message =
    "Unable to validate certificate chain. The index within the chain of the invalid certificate is: -1";
  const why = cp.explain("acm:ImportCertificate", message);
  assert.equal(why.operation, "aws.acm.import-certificate");
  assert.equal(why.causes[0].rule, "chain.incomplete");
  assert.equal(why.checked, false);
  const cert = (name) =>
    readFileSync(new URL(`../../../testdata/requests/certs/${name}`, import.meta.url), "utf8");
  const request = { Certificate: cert("leaf.pem"), PrivateKey: cert("leaf.key") };
  const checked = cp.explain("acm:ImportCertificate", message, { request, now: "2026-12-01T00:00:00Z" });
  assert.equal(checked.checked, true);
  assert.equal(checked.causes.find((c) => c.rule === "chain.incomplete").applies, true);
  const byCode = cp.explain("CreateListener", "InvalidParameter");
  assert.ok(byCode.causes.length > 3 && byCode.causes.every((c) => c.api_error === "InvalidParameter"));
  assert.throws(() => cp.explain("CreateListener", "x", { context: {} }), TypeError);
  assert.throws(() => cp.explain("NoSuchThing", "x"), (e) => e.code === "UNKNOWN_OPERATION");
});
