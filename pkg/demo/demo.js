// The demo form: no framework, no bundler. Loads the browser build from ../dist/web/.
// The form validates requests, so the page loads the request module alone (initRequests): every
// function runs on it. A page that only checks certificates would call init() instead.
import { checkCertificate, initRequests, validateRequest } from "../dist/web/index.js";

const $ = (id) => document.getElementById(id);
const form = $("form");
const params = new URLSearchParams(location.search);
// `?now=2027-06-01T00:00:00Z` pins the clock (the tests use it); otherwise the JS clock.
const pinnedNow = params.get("now");

// Example path parameters for the Huawei ELB request (32 hex digits each).
const ELB_PATH = {
  project_id: "0123456789abcdef0123456789abcdef",
  certificate_id: "fedcba9876543210fedcba9876543210",
};

// Per operation: how the form becomes a request, and which JSON pointer belongs to which field.
// A pointer maps to the longest prefix listed (whole segments only); anything else is shown
// under the form ("general").
const OPERATIONS = {
  "huawei.elb.update-certificate": {
    run(f, now) {
      const certificate = { name: f.name, type: f.type };
      if (f.certificate) certificate.certificate = f.certificate;
      if (f.key) certificate.private_key = f.key;
      if (f.domain) certificate.domain = f.domain;
      return validateRequest("huawei.elb.update-certificate", { certificate }, { path: ELB_PATH, now });
    },
    fields: {
      "/certificate/certificate": "certificate",
      "/certificate/private_key": "key",
      "/certificate/domain": "domain",
      "/certificate/name": "name",
      "/certificate/type": "type",
    },
  },
  "alibaba.slb.upload-ca-certificate": {
    run(f, now) {
      const body = { RegionId: f.region };
      if (f.certificate) body.CACertificate = f.certificate;
      if (f.name) body.CACertificateName = f.name;
      if (f.resourceGroup) body.ResourceGroupId = f.resourceGroup;
      if (f.tags.length) body.Tag = f.tags;
      return validateRequest("alibaba.slb.upload-ca-certificate", body, { now });
    },
    fields: {
      "/CACertificate": "certificate",
      "/RegionId": "region",
      "/CACertificateName": "name",
      "/ResourceGroupId": "resource-group",
      "/Tag": "tags",
    },
  },
  // The other platforms (TARGETS.md): the form's one certificate field is split by the core
  // into leaf and chain (ACM), or sent as the Secret's tls.crt (Kubernetes).
  "aws.acm.import-certificate": {
    run(f, now) {
      const body = { Certificate: f.certificate, PrivateKey: f.key };
      if (f.tags.length) body.Tags = f.tags;
      return validateRequest("aws.acm.import-certificate", body, { now });
    },
    fields: {
      "/Certificate": "certificate",
      "/CertificateChain": "certificate",
      "/PrivateKey": "key",
      "/Tags": "tags",
    },
  },
  "kubernetes.secret.tls": {
    run(f, now) {
      const body = {
        apiVersion: "v1",
        kind: "Secret",
        metadata: { name: f.name },
        type: "kubernetes.io/tls",
        stringData: { "tls.crt": f.certificate, "tls.key": f.key },
      };
      return validateRequest("kubernetes.secret.tls", body, { now });
    },
    fields: {
      "/stringData/tls.crt": "certificate",
      "/stringData/tls.key": "key",
      "/metadata/name": "name",
    },
  },
  certificate: {
    run(f, now) {
      return checkCertificate(f.certificate, {
        key: f.key || undefined,
        domains: f.domain || undefined,
        now,
      });
    },
    fields: { "/certificate": "certificate", "/private_key": "key", "/domains": "domain" },
  },
};

// --- tags --------------------------------------------------------------------------------------
function addTag(key = "", value = "") {
  const i = $("tags").children.length;
  const row = document.createElement("div");
  row.className = "tag";
  row.dataset.index = String(i);
  row.innerHTML = `
    <input aria-label="Tag ${i + 1} key" placeholder="Key" id="tag-${i}-key">
    <input aria-label="Tag ${i + 1} value" placeholder="Value" id="tag-${i}-value">
    <button type="button" aria-label="Remove tag ${i + 1}">Remove</button>
    <ul class="diags" data-for="tag-${i}"></ul>`;
  row.querySelector(`#tag-${i}-key`).value = key;
  row.querySelector(`#tag-${i}-value`).value = value;
  row.querySelector("button").addEventListener("click", () => {
    const kept = readTags().filter((_, j) => j !== i);
    $("tags").replaceChildren();
    kept.forEach((t) => addTag(t.Key, t.Value));
    schedule();
  });
  $("tags").append(row);
}

function readTags() {
  return [...$("tags").children].map((row) => ({
    Key: row.querySelector("input[id$=-key]").value,
    Value: row.querySelector("input[id$=-value]").value,
  }));
}

// --- mapping diagnostics to fields -------------------------------------------------------------
// Returns the list (data-for) that shows the diagnostic and the input to highlight.
function placeFor(operation, path) {
  // Alibaba's tag list is `Tag`, AWS's `Tags`: the same rows of the form.
  const tag = /^\/Tags?\/(\d+)(?:\/(Key|Value))?(?:\/|$)/.exec(path);
  if (tag && $(`tag-${tag[1]}-key`)) {
    const input = tag[2] ? `tag-${tag[1]}-${tag[2].toLowerCase()}` : `tag-${tag[1]}-key`;
    return { list: `tag-${tag[1]}`, input };
  }
  const fields = OPERATIONS[operation].fields;
  const prefixes = Object.keys(fields).sort((a, b) => b.length - a.length);
  for (const p of prefixes) {
    if (path === p || path.startsWith(p + "/")) {
      const name = fields[p];
      return { list: name, input: name === "tags" ? null : name };
    }
  }
  return { list: "general", input: null };
}

// Defence in depth: the core never echoes a private key, but the page also refuses to show
// any text that contains a line of a private key block from any field.
function secretLines(...texts) {
  const lines = [];
  for (const text of texts) {
    const re = /-----BEGIN ([A-Z0-9 ]*PRIVATE KEY)-----([\s\S]*?)(?:-----END \1-----|$)/g;
    for (const m of text.matchAll(re)) {
      const body = m[2].replace(/^[A-Za-z-]+:.*$/gm, "");
      for (const line of body.split(/\s+/)) if (line.length >= 16) lines.push(line);
      const joined = body.replace(/\s+/g, "");
      if (joined.length >= 16) lines.push(joined);
    }
  }
  return lines;
}

function redact(text, secrets) {
  return secrets.some((s) => text.includes(s)) ? "[text withheld: it contained private key material]" : text;
}

// --- rendering ---------------------------------------------------------------------------------
function clearDiagnostics() {
  for (const ul of document.querySelectorAll(".diags")) ul.replaceChildren();
  for (const el of document.querySelectorAll(".has-error, .has-warning")) {
    el.classList.remove("has-error", "has-warning");
  }
}

function showDiagnostic(place, d, secrets) {
  const ul = document.querySelector(`.diags[data-for="${place.list}"]`) ||
    document.querySelector('.diags[data-for="general"]');
  const li = document.createElement("li");
  li.className = d.severity;
  li.dataset.rule = d.rule;
  li.dataset.path = d.path;
  const text = document.createElement("span");
  text.textContent = redact(`${d.message}${d.fixed ? " (Apply fix resolves this.)" : ""}`, secrets);
  const code = document.createElement("code");
  code.textContent = ` ${d.rule}${d.api_error ? " · " + d.api_error : ""}`;
  li.append(text, code);
  ul.append(li);
  const input = place.input && $(place.input);
  if (input && !input.classList.contains("has-error")) {
    input.classList.add(d.severity === "error" ? "has-error" : "has-warning");
  }
}

function showFacts(report) {
  const dl = $("facts-list");
  dl.replaceChildren();
  const leaf = report && report.certificate && report.certificate.leaf;
  const add = (name, label, value) => {
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.dataset.fact = name;
    dd.textContent = value;
    dl.append(dt, dd);
  };
  if (!leaf) {
    add("none", "—", "Paste a certificate to see its facts.");
    return;
  }
  const days = leaf.days_remaining;
  add("common_name", "Common name", leaf.common_name || "(none)");
  add("sans", "Alternative names", leaf.subject_alternative_names.join(", ") || "(none)");
  add("issuer", "Issuer", leaf.issuer);
  add("expiry", "Expires", `${leaf.not_after} (${days >= 0 ? `${days} days left` : `expired ${-days} days ago`})`);
  add("key", "Key", `${leaf.key_algorithm}${leaf.key_size ? " " + leaf.key_size : ""}${leaf.key_curve ? " " + leaf.key_curve : ""}`);
  add("signature", "Signature", leaf.signature_algorithm);
  add("sha1_hex", "SHA-1 (hex)", leaf.fingerprints.sha1_hex);
  add("sha1_colon", "SHA-1 (colon)", leaf.fingerprints.sha1_colon);
  add("sha256_hex", "SHA-256 (hex)", leaf.fingerprints.sha256_hex);
  add("sha256_colon", "SHA-256 (colon)", leaf.fingerprints.sha256_colon);
  add("chain", "Chain", report.certificate.chain.map((c) => c.common_name || c.subject).join(" → "));
}

function showStatus(report) {
  const s = $("status");
  s.className = "status " + (report.valid ? "valid" : "invalid");
  const counts = `${report.errors} error${report.errors === 1 ? "" : "s"}, ${report.warnings} warning${report.warnings === 1 ? "" : "s"}`;
  s.textContent = report.valid ? `Ready to submit (${counts}).` : `Not ready: ${counts}.`;
}

// --- validation --------------------------------------------------------------------------------
let lastReport = null;
let validations = 0;

function readForm() {
  return {
    operation: $("operation").value,
    region: $("region").value,
    name: $("name").value,
    type: $("type").value,
    certificate: $("certificate").value,
    key: $("key").value,
    domain: $("domain").value,
    resourceGroup: $("resource-group").value,
    tags: readTags(),
  };
}

function validate() {
  const f = readForm();
  for (const el of document.querySelectorAll("[data-ops]")) {
    el.hidden = !el.dataset.ops.split(" ").includes(f.operation);
  }
  // Fields hidden for this operation do not take part.
  if ($("key").closest("[data-ops]").hidden) f.key = "";
  if ($("domain").closest("[data-ops]").hidden) f.domain = "";
  const secrets = secretLines(f.key, f.certificate);
  clearDiagnostics();
  let report;
  try {
    report = OPERATIONS[f.operation].run(f, pinnedNow || Date.now());
  } catch (e) {
    showDiagnostic({ list: "general", input: null },
      { rule: "internal", severity: "error", path: "", message: String(e && e.message) }, secrets);
    $("status").className = "status invalid";
    $("status").textContent = "Could not check the form.";
    validations += 1;
    document.body.dataset.validations = String(validations);
    return;
  }
  lastReport = report;
  for (const d of report.diagnostics) showDiagnostic(placeFor(f.operation, d.path), d, secrets);
  showFacts(report);
  showStatus(report);
  const canFix = typeof report.normalized === "string" && report.normalized !== f.certificate;
  $("apply-fix").disabled = !canFix;
  $("fix-hint").textContent = canFix
    ? `Rewrites the certificate as the provider wants it (${report.diagnostics.filter((d) => d.fixed).length} fixable).`
    : "";
  validations += 1;
  document.body.dataset.validations = String(validations);
}

let timer;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(validate, 200);
}

form.addEventListener("input", schedule);
form.addEventListener("change", schedule);
$("add-tag").addEventListener("click", () => {
  addTag();
  schedule();
});
$("apply-fix").addEventListener("click", () => {
  if (lastReport && typeof lastReport.normalized === "string") {
    $("certificate").value = lastReport.normalized;
    validate();
  }
});

try {
  await initRequests();
  document.body.dataset.ready = "true";
  validate();
} catch (e) {
  $("status").textContent = `Could not load the WebAssembly module: ${e && e.message}`;
}
