// The demo form: no framework, no bundler. Loads the browser build from ../dist/web/.
// The form validates requests, so the page loads the request module alone (initRequests): every
// function runs on it. A page that only checks certificates would call init() instead.
//
// Nothing here is written per operation: the operations come from operations(), each one's
// fields from formFields(operation) (its certificate material by role, with the chain in a field
// of its own where the provider splits it, and its other parameters with example values), and
// "Apply fix" writes the report's normalized_fields back by pointer (issue 24).
import { checkCertificate, formFields, initRequests, operations, validateRequest } from "../dist/web/index.js";

const $ = (id) => document.getElementById(id);
const form = $("form");
const params = new URLSearchParams(location.search);
// `?now=2027-06-01T00:00:00Z` pins the clock (the tests use it); otherwise the JS clock.
const pinnedNow = params.get("now");

// Certificate-only mode (checkCertificate, no API request): the report's pointers for its inputs.
const CERTIFICATE_ONLY = "certificate";
const CERTIFICATE_ONLY_FIELDS = [
  { pointer: "/certificate", name: "certificate", role: "certificate", kind: "string", required: true, values: [] },
  { pointer: "/private_key", name: "private key", role: "private_key", kind: "string", required: false, values: [] },
  { pointer: "/domains", name: "domain names (comma-separated)", role: "parameter", kind: "string", required: false, values: [] },
];

// What each certificate role is called in the form, and its input's id (the material keeps its
// text when the operation changes).
const ROLES = {
  certificate: { id: "certificate", says: "Certificate (PEM, leaf first, then intermediates)" },
  ca_certificate: { id: "certificate", says: "CA certificate (PEM, one certificate)" },
  certificate_and_key: { id: "certificate", says: "Certificates (PEM, leaf first; sent with the key in one value)" },
  chain: { id: "chain", says: "Certificate chain (PEM, the intermediates, issuer after issued)" },
  private_key: { id: "key", says: "Private key (PEM; checked in this page, never shown in messages)" },
};
const CERTIFICATE_ROLES = ["certificate", "ca_certificate", "certificate_and_key"];

/** The form's current operation and its fields, each with the id of its input. */
let current = { operation: "", fields: [] };
/** Parameter values typed so far, per operation and pointer (material is shared by id). */
const typed = new Map();

// --- building the form from the declaration ------------------------------------------------
function inputId(field) {
  const role = ROLES[field.role];
  if (role) return role.id;
  if (field.kind === "tags") return "tags";
  return "field" + field.pointer.replaceAll("/", "-").replace(/[^A-Za-z0-9_-]/g, "_");
}

function fieldsOf(operation) {
  const fields = operation === CERTIFICATE_ONLY ? CERTIFICATE_ONLY_FIELDS : formFields(operation);
  const out = fields.map((f) => ({ ...f, id: inputId(f) }));
  // Key and certificates in one value: the key gets its own input, joined when sent.
  if (out.some((f) => f.role === "certificate_and_key") && !out.some((f) => f.role === "private_key")) {
    const combined = out.find((f) => f.role === "certificate_and_key");
    const at = out.indexOf(combined) + 1;
    out.splice(at, 0, { ...combined, role: "private_key", id: "key", joinedInto: combined.pointer });
  }
  return out;
}

function buildForm(operation) {
  saveTyped();
  const material = {};
  for (const id of ["certificate", "chain", "key"]) if ($(id)) material[id] = $(id).value;
  current = { operation, fields: fieldsOf(operation) };
  const box = $("fields");
  box.replaceChildren();
  for (const field of current.fields) {
    if (field.kind === "tags") {
      box.append(tagsRow(field));
      const saved = typed.get(operation)?.get(field.pointer);
      if (Array.isArray(saved)) saved.forEach((t) => addTag(t.Key, t.Value));
      continue;
    }
    box.append(fieldRow(field));
    const input = $(field.id);
    const saved = ROLES[field.role] ? material[field.id] : typed.get(operation)?.get(field.pointer);
    input.value = saved ?? field.example ?? "";
  }
  $("operation-summary").textContent = operation === CERTIFICATE_ONLY
    ? "checkCertificate: the bundle, its key and the names it should serve."
    : current.fields.map((f) => f.name).join(", ");
}

function fieldRow(field) {
  const row = document.createElement("div");
  row.className = "row";
  const label = document.createElement("label");
  label.htmlFor = field.id;
  const material = ROLES[field.role];
  label.textContent = material ? `${material.says}: ` : `${field.name}${field.required ? "" : " (optional)"} `;
  const where = document.createElement("span");
  where.className = "pointer";
  where.textContent = field.joinedInto ? `${field.joinedInto} (key part)` : field.pointer;
  label.append(where);
  let input;
  if (material) {
    input = document.createElement("textarea");
    input.rows = field.role === "private_key" ? 6 : 8;
    input.placeholder = field.role === "private_key" ? "-----BEGIN PRIVATE KEY-----" : "-----BEGIN CERTIFICATE-----";
  } else if (field.values.length || field.kind === "boolean") {
    input = document.createElement("select");
    const values = field.values.length ? field.values : ["true", "false"];
    for (const v of field.required ? values : ["", ...values]) input.append(new Option(v || "(not sent)", v));
  } else {
    input = document.createElement("input");
    if (field.kind === "integer") input.inputMode = "numeric";
  }
  input.id = field.id;
  input.name = field.id;
  if (field.joinedInto) input.dataset.joinedInto = field.joinedInto;
  else input.dataset.pointer = field.pointer;
  const list = document.createElement("ul");
  list.className = "diags";
  list.dataset.for = field.id;
  row.append(label, input, list);
  return row;
}

function tagsRow(field) {
  const set = document.createElement("fieldset");
  set.className = "row";
  set.dataset.pointer = field.pointer;
  const legend = document.createElement("legend");
  legend.textContent = `${field.name} (optional) `;
  const where = document.createElement("span");
  where.className = "pointer";
  where.textContent = field.pointer;
  legend.append(where);
  const rows = document.createElement("div");
  rows.id = "tags";
  const add = document.createElement("button");
  add.type = "button";
  add.id = "add-tag";
  add.textContent = "Add tag";
  add.addEventListener("click", () => {
    addTag();
    schedule();
  });
  const list = document.createElement("ul");
  list.className = "diags";
  list.dataset.for = "tags";
  set.append(legend, rows, add, list);
  return set;
}

function addTag(key = "", value = "") {
  const i = $("tags").children.length;
  const row = document.createElement("div");
  row.className = "tag";
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
  return [...($("tags")?.children || [])].map((row) => ({
    Key: row.querySelector("input[id$=-key]").value,
    Value: row.querySelector("input[id$=-value]").value,
  }));
}

function saveTyped() {
  if (!current.operation) return;
  const values = new Map();
  for (const field of current.fields) {
    if (ROLES[field.role]) continue;
    values.set(field.pointer, field.kind === "tags" ? readTags() : $(field.id).value);
  }
  typed.set(current.operation, values);
}

// --- the request ----------------------------------------------------------------------------
/** Sets `value` at an RFC 6901 pointer, making objects (arrays where the next segment is a number). */
function setAt(root, pointer, value) {
  const segments = pointer.slice(1).split("/").map((s) => s.replaceAll("~1", "/").replaceAll("~0", "~"));
  let here = root;
  segments.forEach((segment, i) => {
    if (i === segments.length - 1) {
      here[segment] = value;
      return;
    }
    if (here[segment] === undefined) here[segment] = /^\d+$/.test(segments[i + 1]) ? [] : {};
    here = here[segment];
  });
}

/** The body and path parameters the form sends: empty fields are left out. */
function request() {
  const body = {};
  const path = {};
  const text = (id) => $(id).value;
  for (const field of current.fields) {
    if (field.joinedInto) continue;
    let value;
    if (field.kind === "tags") {
      const tags = readTags();
      if (!tags.length) continue;
      value = tags;
    } else {
      const raw = text(field.id);
      if (raw === "") continue;
      if (field.role === "certificate_and_key") {
        value = text("key") ? `${raw.replace(/\s*$/, "\n")}${text("key")}` : raw;
      } else if (field.kind === "integer" && /^-?\d+$/.test(raw)) {
        value = Number(raw);
      } else if (field.kind === "boolean" && (raw === "true" || raw === "false")) {
        value = raw === "true";
      } else {
        value = raw;
      }
    }
    if (field.pointer.startsWith("/path/")) path[field.pointer.slice(6)] = value;
    else setAt(body, field.pointer, value);
  }
  return { body, path };
}

function run(now) {
  if (current.operation === CERTIFICATE_ONLY) {
    return checkCertificate($("certificate").value, {
      key: $("key").value || undefined,
      domains: $(inputId(CERTIFICATE_ONLY_FIELDS[2])).value || undefined,
      now,
    });
  }
  const { body, path } = request();
  return validateRequest(current.operation, body, { path, now });
}

/**
 * What "Apply fix" writes, by input id: each normalized_fields entry at its pointer; otherwise
 * `normalized` in the certificate input, unless the chain has a field of its own (then the
 * whole normalized bundle fits no one field). Only values that change something.
 */
function fixesOf(report) {
  const fixes = [];
  const split = current.fields.some((f) => f.role === "chain");
  const byPointer = report.normalized_fields || {};
  for (const field of current.fields) {
    if (field.joinedInto) continue;
    let value = byPointer[field.pointer];
    if (value === undefined && !split && CERTIFICATE_ROLES.includes(field.role)) value = report.normalized;
    if (typeof value === "string" && value !== $(field.id).value) fixes.push([field.id, value]);
  }
  return fixes;
}

// --- mapping diagnostics to fields ----------------------------------------------------------
// The field whose pointer is the longest prefix of the diagnostic's path (whole segments);
// a tag's diagnostic goes to its row; anything else is shown under the form ("general").
function placeFor(path) {
  const tags = current.fields.find((f) => f.kind === "tags");
  if (tags && (path === tags.pointer || path.startsWith(tags.pointer + "/"))) {
    const m = /^\/(\d+)(?:\/(Key|Value))?/.exec(path.slice(tags.pointer.length));
    if (m && $(`tag-${m[1]}-key`)) {
      return { list: `tag-${m[1]}`, input: `tag-${m[1]}-${(m[2] || "Key").toLowerCase()}` };
    }
    return { list: "tags", input: null };
  }
  let best = null;
  for (const field of current.fields) {
    if (field.joinedInto) continue;
    const p = field.pointer;
    if ((path === p || path.startsWith(p + "/")) && (!best || p.length > best.pointer.length)) best = field;
  }
  return best ? { list: best.id, input: best.id } : { list: "general", input: null };
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

// --- rendering ------------------------------------------------------------------------------
function clearDiagnostics() {
  for (const ul of document.querySelectorAll(".diags")) ul.replaceChildren();
  for (const el of document.querySelectorAll(".has-error, .has-warning")) {
    el.classList.remove("has-error", "has-warning");
  }
}

function showDiagnostic(place, d, secrets, fixable) {
  const ul = document.querySelector(`.diags[data-for="${place.list}"]`) ||
    document.querySelector('.diags[data-for="general"]');
  const li = document.createElement("li");
  li.className = d.severity;
  li.dataset.rule = d.rule;
  li.dataset.path = d.path;
  // Claimed only when this form's Apply fix has something to write (fixesOf).
  const claims = Boolean(d.fixed && fixable);
  li.dataset.fixed = String(claims);
  // What the report said, for the tests: a claim the form could not honour shows here.
  li.dataset.reportFixed = String(Boolean(d.fixed));
  const text = document.createElement("span");
  text.textContent = redact(`${d.message}${claims ? " (Apply fix resolves this.)" : ""}`, secrets);
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

// --- validation -----------------------------------------------------------------------------
let lastFixes = [];
let validations = 0;

function validate() {
  const secrets = secretLines(...current.fields.filter((f) => ROLES[f.role]).map((f) => $(f.id).value));
  clearDiagnostics();
  let report;
  try {
    report = run(pinnedNow || Date.now());
  } catch (e) {
    showDiagnostic({ list: "general", input: null },
      { rule: "internal", severity: "error", path: "", message: String(e && e.message) }, secrets, false);
    $("status").className = "status invalid";
    $("status").textContent = "Could not check the form.";
    lastFixes = [];
    $("apply-fix").disabled = true;
    validations += 1;
    document.body.dataset.validations = String(validations);
    return;
  }
  lastFixes = fixesOf(report);
  const fixable = lastFixes.length > 0;
  for (const d of report.diagnostics) showDiagnostic(placeFor(d.path), d, secrets, fixable);
  showFacts(report);
  showStatus(report);
  $("apply-fix").disabled = !fixable;
  const fields = lastFixes.map(([id]) => current.fields.find((f) => f.id === id)?.name || id);
  $("fix-hint").textContent = fixable
    ? `Rewrites ${fields.join(" and ")} as the provider wants (${report.diagnostics.filter((d) => d.fixed).length} fixable).`
    : "";
  validations += 1;
  document.body.dataset.validations = String(validations);
}

let timer;
function schedule() {
  clearTimeout(timer);
  timer = setTimeout(validate, 200);
}

form.addEventListener("input", (e) => {
  if (e.target.id !== "operation") schedule();
});
form.addEventListener("change", (e) => {
  if (e.target.id === "operation") {
    clearTimeout(timer);
    buildForm(e.target.value);
    validate();
  } else {
    schedule();
  }
});
$("apply-fix").addEventListener("click", () => {
  for (const [id, value] of lastFixes) $(id).value = value;
  validate();
});

try {
  await initRequests();
  const select = $("operation");
  for (const op of operations()) select.append(new Option(`${op.provider}: ${op.action} (${op.id})`, op.id));
  select.append(new Option("Certificate and key only (no API request)", CERTIFICATE_ONLY));
  const wanted = params.get("operation");
  select.value = [...select.options].some((o) => o.value === wanted) ? wanted : "aws.acm.import-certificate";
  buildForm(select.value);
  document.body.dataset.ready = "true";
  validate();
} catch (e) {
  $("status").textContent = `Could not load the WebAssembly module: ${e && e.message}`;
}
