// JSON identity with the command line: `cert-preflight cert … --format json`,
// `cert-preflight request … --format json` and `cert-preflight rules --operation … --format json`
// give exactly what the package returns.
import test from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { checkCertificate, validateRequest, rules, operations } from "cert-preflight";
import { NOW, FIXTURES, fixture } from "./helpers.mjs";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const F = (name) => fileURLToPath(new URL(name, FIXTURES));

function cli(args) {
  const r = spawnSync("cargo", ["run", "-q", "--", ...args], { cwd: ROOT, encoding: "utf8", maxBuffer: 64 << 20 });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function jsonOrNull(text) {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

// Build once (the first `cargo run` compiles), then see whether the subcommands exist yet.
const probeCert = cli(["cert", F("leaf.pem"), "--format", "json", "--now", NOW]);
const certReady = jsonOrNull(probeCert.stdout) !== null;
const certSkip = certReady
  ? false
  : `the CLI's \`cert\` subcommand is not available yet (cargo run -q -- cert … --format json gave status ${probeCert.status}: ${(probeCert.stderr || probeCert.stdout).trim().slice(0, 200) || "no output"})`;
if (certSkip) console.log(`SKIP cert identity: ${certSkip}`);

const certCases = [
  ["chain with key and domains", ["chain.pem", "--key", F("leaf.key"), "--domains", "www.example.com,example.com,nope.example.org"],
    ["chain.pem", { key: fixture("leaf.key"), domains: "www.example.com,example.com,nope.example.org" }]],
  ["shuffled chain (normalized)", ["shuffled.pem"], ["shuffled.pem", {}]],
  ["private key in the certificate field", ["key-in-cert-field.pem"], ["key-in-cert-field.pem", {}]],
  ["mismatched key", ["chain.pem", "--key", F("other.key")], ["chain.pem", { key: fixture("other.key") }]],
  ["CA upload", ["root.pem", "--ca"], ["root.pem", { ca: true }]],
  ["CA upload of a leaf", ["leaf.pem", "--ca"], ["leaf.pem", { ca: true }]],
  ["Alibaba SLB profile with a PKCS#8 key", ["chain.pem", "--key", F("leaf.key"), "--profile", "alibaba-slb"],
    ["chain.pem", { key: fixture("leaf.key"), profile: "alibaba-slb" }]],
  ["generic profile", ["chain.pem", "--key", F("leaf.key"), "--profile", "generic"],
    ["chain.pem", { key: fixture("leaf.key"), profile: "generic" }]],
];

for (const [name, [file, ...flags], [jsFile, opts]] of certCases) {
  test(`cert --format json equals checkCertificate: ${name}`, { skip: certSkip }, () => {
    const out = cli(["cert", F(file), ...flags, "--format", "json", "--now", NOW]);
    assert.ok(out.status === 0 || out.status === 1, `exit ${out.status}: ${out.stderr}`);
    const js = checkCertificate(fixture(jsFile), { ...opts, now: NOW });
    assert.deepEqual(js, JSON.parse(out.stdout));
    assert.equal(out.status, js.valid ? 0 : 1);
  });
}

const dir = mkdtempSync(join(tmpdir(), "cert-preflight-cli-"));
const requestCases = [
  ["UploadCACertificate with a bad tag", "alibaba.slb.upload-ca-certificate", [],
    { RegionId: "cn-hangzhou", CACertificate: fixture("root.pem"), Tag: [{ Key: "acs:x", Value: "" }] }],
  ["ELB update with a bad domain", "huawei.elb.update-certificate",
    ["--path", "project_id=0123456789abcdef0123456789abcdef", "--path", "certificate_id=fedcba9876543210fedcba9876543210"],
    { certificate: { certificate: fixture("shuffled.pem"), private_key: fixture("leaf.key"), domain: "bad_domain!.example.com" } }],
  ["CreateListener with wrong types", "CreateListener", [], { ListenerPort: "80", ListenerProtocol: "FTP" }],
];
const reqFile = join(dir, "probe.json");
writeFileSync(reqFile, "{}");
const probeReq2 = cli(["request", "CreateListener", reqFile, "--format", "json", "--now", NOW]);
const reqReady = jsonOrNull(probeReq2.stdout) !== null;
const reqSkip = reqReady
  ? false
  : `the CLI's \`request\` subcommand is not available yet (status ${probeReq2.status}: ${(probeReq2.stderr || probeReq2.stdout).trim().slice(0, 200) || "no output"})`;
if (reqSkip) console.log(`SKIP request identity: ${reqSkip}`);

requestCases.forEach(([name, op, flags, body], i) => {
  test(`request --format json equals validateRequest: ${name}`, { skip: reqSkip }, () => {
    const file = join(dir, `body-${i}.json`);
    writeFileSync(file, JSON.stringify(body));
    const out = cli(["request", op, file, ...flags, "--format", "json", "--now", NOW]);
    assert.ok(out.status === 0 || out.status === 1, `exit ${out.status}: ${out.stderr}`);
    const path = {};
    for (let j = 0; j < flags.length; j += 2) {
      const [k, v] = flags[j + 1].split("=");
      path[k] = v;
    }
    assert.deepEqual(validateRequest(op, body, { path, now: NOW }), JSON.parse(out.stdout));
  });
});

for (const op of operations()) {
  test(`rules --operation --format json equals rules(operation): ${op.id}`, { skip: reqSkip }, () => {
    const out = cli(["rules", "--operation", op.id, "--format", "json"]);
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(rules(op.id), JSON.parse(out.stdout));
  });
}
