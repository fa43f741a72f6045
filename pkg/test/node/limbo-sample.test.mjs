// Issue 26 item 3: x509-limbo through the npm package. tests/x509_limbo.rs runs every SERVER
// case through the crate; this front shares that core, so a sample is enough here: the cases of
// testdata/x509-limbo-sample.txt (scripts/gen-limbo-sample.py; py/tests/test_limbo_sample.py
// runs the same list), each given to checkCertificate exactly as tests/limbo_support gives it to
// the crate, and judged by the same rule. A disagreement with the crate's verdict is a bug of the
// front (how it passes material or options), never something to add to the exceptions file.
import test from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { checkCertificate } from "cert-preflight";

// The repository's own copy of the suite (a clone has it; README there).
const TESTDATA = new URL("../../../testdata/", import.meta.url);
const SUITE = new URL("x509-limbo/", TESTDATA);
// tests/limbo_support's CURRENT_TIME: the clock for the few cases without a validation time.
const CURRENT_TIME = "2026-11-23T00:00:00Z";
// tests/limbo_support's UNANCHORED: warnings that mean the chain reaches no trust anchor.
const UNANCHORED = ["chain.incomplete", "chain.untrusted_root"];

// The refusal rule of tests/limbo_support (`refusals`), copied: it must stay the same as there,
// or this front would be judged by another rule than the crate. Every error the normalized
// bundle does not fix (`fixed: true` is the providers' formatting rule, not a client's
// refusal), and no anchor reached.
const refusals = (report) =>
  report.diagnostics
    .filter((d) => (d.severity === "error" && d.fixed !== true) || UNANCHORED.includes(d.rule))
    .map((d) => d.rule);

// `id` then anything, `#` comments: the format of the sample list and of the exceptions file.
const ids = (name) =>
  readFileSync(new URL(name, TESTDATA), "utf8")
    .split("\n")
    .map((l) => l.trim())
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split(/\s/)[0]);

const read = (rel) => (typeof rel === "string" ? readFileSync(new URL(rel, SUITE), "utf8") : "");

test("a sample of x509-limbo SERVER cases gives the crate's verdicts through checkCertificate", () => {
  const suite = JSON.parse(readFileSync(new URL("testcases.json", SUITE), "utf8"));
  const server = new Map(suite.testcases.filter((t) => t.validation_kind === "SERVER").map((t) => [t.id, t]));
  const exceptions = new Set(ids("x509-limbo-exceptions.txt"));
  const sample = ids("x509-limbo-sample.txt");
  const disagreements = [];
  let expectedFailures = 0;
  let excepted = 0;
  for (const id of sample) {
    const c = server.get(id);
    assert.ok(c, `${id}: in x509-limbo-sample.txt but no SERVER case: run scripts/gen-limbo-sample.py`);
    const expectSuccess = c.expected_result === "SUCCESS";
    const report = checkCertificate(read(c.files.leaf) + read(c.files.intermediates), {
      roots: read(c.files.roots),
      noPublicRoots: true,
      now: c.validation_time ?? CURRENT_TIME,
      domains: c.expected_peer_name?.value,
      // limbo_support's LimboCase::audience: the web PKI's cases for browsers, the rest auto
      // (private here, the roots being the caller's).
      audience: id.startsWith("webpki::") ? "public" : "auto",
    });
    const refused = refusals(report);
    const inExceptions = exceptions.has(id);
    // tests/x509_limbo.rs: agreement with the suite, except for the reasoned exceptions, where
    // the crate disagrees, so the front must too.
    if ((refused.length === 0) !== (expectSuccess !== inExceptions)) {
      disagreements.push(
        `${id}: suite expects ${c.expected_result}${inExceptions ? " (an exception: the crate disagrees)" : ""}, ` +
          `refused by [${refused.join(", ")}]`,
      );
    }
    if (!expectSuccess) expectedFailures += 1;
    if (inExceptions) excepted += 1;
  }
  const agree = sample.length - disagreements.length;
  console.log(
    `x509-limbo sample (npm): ${agree} of ${sample.length} cases give the crate's verdict; ` +
      `${expectedFailures} expected to fail, ${excepted} reasoned exceptions`,
  );
  // A sample that silently shrank, or lost one outcome or the exceptions, would test little.
  assert.ok(sample.length >= 30, `only ${sample.length} cases in the sample`);
  assert.ok(expectedFailures > 0 && expectedFailures < sample.length, "the sample needs both outcomes");
  assert.ok(excepted > 0, "the sample needs cases of the exceptions file");
  assert.deepEqual(disagreements, [], `the npm package disagrees with the crate:\n${disagreements.join("\n")}`);
});
