// The npm half of the foreign corpus test (scripts/foreign_corpus.py, which checks what this
// writes): every case through the built package (pkg/dist, Node), as a page or a Node program
// would call it with the file's text.
//
//   node scripts/foreign-corpus-npm.mjs CASES.json RESULTS.json
//
// A file is given as text the way a caller has it: UTF-8 as is; a binary DER certificate
// wrapped into one CERTIFICATE block (what the CLI does with a DER file); other bytes decoded
// lossily (U+FFFD for what is not UTF-8, as `FileReader.readAsText` does). A DER private key
// has no text form for the package, so pairs with one are skipped (result null); the CLI half
// runs them. Each call's outcome is recorded like a CLI call: status 0 (valid) or 1 (not
// valid) with the report round-tripped through JSON, or "threw" with the message (a wasm trap
// is a RuntimeError).
import { readFileSync, writeFileSync } from "node:fs";
import { checkCertificate, fingerprint } from "../pkg/dist/node/index.mjs";

const [casesFile, resultsFile] = process.argv.slice(2);
const { now, key_holder: keyHolder, cases } = JSON.parse(readFileSync(casesFile, "utf8"));

const utf8 = new TextDecoder("utf-8", { fatal: true });
const lossy = new TextDecoder("utf-8");

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
    const text = asText(c.cert);
    const out = { cert: call(() => checkCertificate(text, { now })) };
    if (c.facts.length > 0) {
      for (const algorithm of ["sha1", "sha256"]) {
        out[`fp_${algorithm}`] = call(() => fingerprint(text, { algorithm }));
      }
    }
    return out;
  }
  if (c.key_der) return null;
  const key = asText(c.key);
  const cert = asText(c.cert ?? keyHolder);
  return { cert: call(() => checkCertificate(cert, { key, now })) };
});
writeFileSync(resultsFile, JSON.stringify(results));
