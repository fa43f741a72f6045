//! The x509-limbo SERVER cases read as a new user would give them to cert-preflight (issue 26),
//! and what counts as a refusal in a report. Shared by tests/x509_limbo.rs (the suite's expected
//! results) and tests/webpki_differential.rs (rustls-webpki's verdicts on the same inputs).
//!
//! Audience (issue 20), per namespace. The suite's roots are the caller's, so `auto` resolves
//! to `private` and the CA/Browser Forum lints stay off. That is right for `rfc5280::` (RFC 5280
//! path validation whatever the PKI), `pathlen::`, `pathological::`, `crl::` and `cve::`. The
//! `webpki::` cases are what a Web PKI client (browsers, rustls-webpki, pyca/cryptography's web
//! policy) refuses, citing the Baseline Requirements and root programs: they run with
//! `audience public`, as a user checking a certificate for browsers would.
//!
//! A case is accepted when the report has no error and neither `chain.incomplete` nor
//! `chain.untrusted_root` (the chain reaches no anchor). An error the normalized bundle fixes
//! (`"fixed": true`: order, repeats, certificates off the path) is the providers' formatting
//! rule, not a client's refusal: a client builds its path from the leaf whatever the order of
//! the rest (RFC 8446 section 4.4.2), and the user uploads the normalized bundle.
#![allow(
    unreachable_pub,
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test support shared by two test crates; a broken case should stop either loudly"
)]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use cert_preflight::{check_certificate, Audience, CertificateInput, Report, Severity, Timestamp};
use serde_json::Value;

/// Warnings that mean the chain reaches no trust anchor: a client refuses it.
pub const UNANCHORED: &[&str] = &["chain.incomplete", "chain.untrusted_root"];

/// A case without a validation time means "now": the project's fixed test clock stands in (those
/// cases' certificates are valid from 1970 to 2969).
pub const CURRENT_TIME: &str = "2026-11-23T00:00:00Z";

/// The suite's copy: `testdata/x509-limbo/` (README there: source commit, what was left out).
pub fn suite_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/x509-limbo")
}

/// One SERVER case, its files read.
pub struct LimboCase {
    pub id: String,
    pub expect_success: bool,
    /// The leaf, then the intermediates, as PEM text.
    pub bundle: String,
    pub roots: String,
    pub now: String,
    pub peer: Option<String>,
}

impl LimboCase {
    /// The audience the case is judged for (see the module comment).
    pub fn audience(&self) -> Audience {
        if self.id.starts_with("webpki::") {
            Audience::Public
        } else {
            Audience::Auto
        }
    }
}

/// Every SERVER case of `testcases.json`, in the suite's order.
pub fn read_cases() -> Vec<LimboCase> {
    let dir = suite_dir();
    let text = fs::read_to_string(dir.join("testcases.json")).expect("testcases.json");
    let suite: Value = serde_json::from_str(&text).expect("testcases.json is JSON");
    let read = |rel: &Value| -> String {
        rel.as_str()
            .map(|r| fs::read_to_string(dir.join(r)).unwrap_or_else(|e| panic!("{r}: {e}")))
            .unwrap_or_default()
    };
    suite["testcases"]
        .as_array()
        .expect("a testcases list")
        .iter()
        .filter(|t| t["validation_kind"] == "SERVER")
        .map(|t| {
            let files = &t["files"];
            LimboCase {
                id: t["id"].as_str().expect("an id").to_string(),
                expect_success: t["expected_result"] == "SUCCESS",
                bundle: read(&files["leaf"]) + &read(&files["intermediates"]),
                roots: read(&files["roots"]),
                now: t["validation_time"]
                    .as_str()
                    .unwrap_or(CURRENT_TIME)
                    .to_string(),
                peer: t["expected_peer_name"]["value"]
                    .as_str()
                    .map(str::to_string),
            }
        })
        .collect()
}

/// cert-preflight's report on a case, run as a new user would: the case's roots only.
pub fn check(case: &LimboCase) -> Report {
    let now = Timestamp::parse_rfc3339(&case.now).expect("validation_time is RFC 3339");
    let mut input = CertificateInput::new(&case.bundle, now);
    input.roots = Some(&case.roots);
    input.public_roots = false;
    input.domains = case.peer.as_deref();
    input.audience = case.audience();
    check_certificate(&input)
}

/// The rules that make a client refuse the chain: every error the normalized bundle does not
/// fix, and no anchor reached.
pub fn refusals(rules: impl Iterator<Item = (String, Severity, bool)>) -> Vec<String> {
    rules
        .filter(|(rule, severity, fixed)| {
            (*severity == Severity::Error && !fixed) || UNANCHORED.contains(&rule.as_str())
        })
        .map(|(rule, _, _)| rule)
        .collect()
}

/// [`refusals`] of a report.
pub fn report_refusals(report: &Report) -> Vec<String> {
    refusals(
        report
            .diagnostics
            .iter()
            .map(|d| (d.rule.clone(), d.severity, d.fixed)),
    )
}

/// A reasoned exceptions file: `id  reason` per line (any whitespace between), `#` comments.
/// An entry without a reason fails.
pub fn read_exceptions(path: &Path) -> BTreeMap<String, String> {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| {
            let (id, reason) = l.split_once(char::is_whitespace).unwrap_or((l, ""));
            assert!(!reason.trim().is_empty(), "exception {id} has no reason");
            (id.to_string(), reason.trim().to_string())
        })
        .collect()
}
