// The npm half of the foreign corpus test (scripts/foreign_corpus.py, which checks what this
// writes): every case through the built package (pkg/dist, Node), as a page or a Node program
// would call it with the file's text.
//
//   node scripts/foreign-corpus-npm.mjs CASES.json RESULTS.json
//
// A file is given to `checkCertificate` the way a caller has it: UTF-8 as text, anything else
// as its bytes, which the package reads as the CLI reads a certificate file (a PKCS#12 file
// opened, PKITS's with their password and others with none, as in the CLI half; binary DER one
// CERTIFICATE block; other bytes lossily). `fingerprint` takes text: a binary DER certificate wrapped into one
// CERTIFICATE block (what the CLI does with a DER file), other bytes decoded lossily (U+FFFD
// for what is not UTF-8, as `FileReader.readAsText` does). A DER private key
// has no text form for the package, so pairs with one are skipped (result null); the CLI half
// runs them. Each call's outcome is recorded like a CLI call: status 0 (valid) or 1 (not
// valid) with the report round-tripped through JSON, or "threw" with the message (a wasm trap
// is a RuntimeError).
import { readFileSync, writeFileSync } from "node:fs";
import { checkCertificate, fingerprint } from "../pkg/dist/node/index.mjs";

const [casesFile, resultsFile] = process.argv.slice(2);
const { now, key_holder: keyHolder, pkits_password: pkitsPassword, cases } = JSON.parse(readFileSync(casesFile, "utf8"));

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

/** A certificate file for `checkCertificate`: UTF-8 text as is, other bytes as they are. */
function asInput(path) {
  const bytes = readFileSync(path);
  try {
    return utf8.decode(bytes);
  } catch {
    return new Uint8Array(bytes);
  }
}

function asText(path) {
  const bytes = readFileSync(path);
  try {
    return utf8.decode(bytes);
  } catch {
    if (bytes[0] === 0x30) {
      const b64 = bytes.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n");
      return `-----BEGIN CERTIFICATE-----\n${b64}-----END CERTIFICATE-----\n`;
    }
    return lossy.decode(bytes);
  }
}

/** A key file as the CLI reads it (src/bin/cert-preflight/input.rs `read_key`): UTF-8 as is;
 * a DER private key wrapped into the PEM block of its kind, told apart by the tags of its
 * outer SEQUENCE's first two elements; any other bytes lossily. */
function asKeyText(path) {
  const bytes = readFileSync(path);
  try {
    return utf8.decode(bytes);
  } catch {
    const label = derKeyLabel(bytes);
    if (label) {
      const b64 = bytes.toString("base64").replace(/.{64}/g, "$&\n").replace(/\n?$/, "\n");
      return `-----BEGIN ${label}-----\n${b64}-----END ${label}-----\n`;
    }
    return lossy.decode(bytes);
  }
}

/** [tag, content, rest] of the DER element at the start of `bytes`, or null. */
function derParts(bytes) {
  if (bytes.length < 2) return null;
  const tag = bytes[0];
  let length = bytes[1];
  let at = 2;
  if (length >= 0x80) {
    const count = length & 0x7f;
    if (count === 0 || count > 4 || bytes.length < 2 + count) return null;
    length = 0;
    for (let i = 0; i < count; i++) length = length * 256 + bytes[2 + i];
    at = 2 + count;
  }
  if (bytes.length - at < length) return null;
  return [tag, bytes.subarray(at, at + length), bytes.subarray(at + length)];
}

function derKeyLabel(der) {
  const outer = derParts(der);
  if (!outer || outer[0] !== 0x30) return null;
  const first = derParts(outer[1]);
  if (!first) return null;
  const second = derParts(first[2]);
  if (!second) return null;
  const labels = { "2,48": "PRIVATE KEY", "48,4": "ENCRYPTED PRIVATE KEY", "2,2": "RSA PRIVATE KEY", "2,4": "EC PRIVATE KEY" };
  return labels[`${first[0]},${second[0]}`] ?? null;
}

function call(fn) {
  try {
    const report = JSON.parse(JSON.stringify(fn()));
    return { status: report.valid ? 0 : 1, report, stderr: [] };
  } catch (e) {
    return { status: "threw", report: null, stderr: [`${e?.name}: ${e?.message}`] };
  }
}

const results = cases.map((c) => {
  if (c.kind === "cert") {
    const input = asInput(c.cert);
    const text = asText(c.cert);
    // PKITS's PKCS#12 files with their password, as the CLI half gives it (--password-file).
    const password = c.pkits_pkcs12 ? pkitsPassword : undefined;
    const out = { cert: call(() => checkCertificate(input, { now, password })) };
    if (c.facts.length > 0) {
      for (const algorithm of ["sha1", "sha256"]) {
        out[`fp_${algorithm}`] = call(() => fingerprint(text, { algorithm }));
      }
    }
    return out;
  }
  if (c.key_der) return null;
  const key = asKeyText(c.key);
  const cert = asText(c.cert ?? keyHolder);
  return { cert: call(() => checkCertificate(cert, { key, now })) };
});
writeFileSync(resultsFile, JSON.stringify(results));
