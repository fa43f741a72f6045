//! The client-acceptance lints (issue 20) at their boundaries: every case of
//! `testdata/certs/lints/cases.json` (written by `scripts/gen-testdata-lints.py`, with its
//! certificate) is checked with its audience and clock; the rules it names under `fires` must
//! be reported, those under `absent` must not. Each case's diagnostics are also a golden file,
//! `testdata/golden/lints/<case>.expected.json` (`UPDATE_GOLDEN=1 cargo test --test client_lints`
//! rewrites them; review the diff).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::fs;
use std::path::{Path, PathBuf};

use cert_preflight::{check_certificate, Audience, CertificateInput, Report, Timestamp};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    case: String,
    certificate: String,
    now: String,
    audience: String,
    fires: Vec<String>,
    absent: Vec<String>,
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// Checks `pem` with the fixtures' CA as the caller's root (so the path is complete and the
/// reports hold only what the lints say).
fn run(pem: &str, now: &str, audience: Audience) -> Report {
    let now = Timestamp::parse_rfc3339(now).expect("RFC 3339");
    let ca = fs::read_to_string(testdata().join("certs/lints/ca.pem")).expect("ca.pem");
    let mut input = CertificateInput::new(pem, now);
    input.audience = audience;
    input.roots = Some(&ca);
    check_certificate(&input)
}

fn cases() -> Vec<Case> {
    let text = fs::read_to_string(testdata().join("certs/lints/cases.json")).expect("cases.json");
    serde_json::from_str(&text).expect("cases.json parses")
}

#[test]
fn each_lint_fires_exactly_at_its_boundary() {
    let mut failures = Vec::new();
    let cases = cases();
    assert!(cases.len() > 40, "the generator's table is there");
    for case in &cases {
        let pem = fs::read_to_string(testdata().join(&case.certificate)).expect("fixture");
        let audience = Audience::from_name(&case.audience).expect("audience name");
        let report = run(&pem, &case.now, audience);
        let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
        for want in &case.fires {
            if !rules.contains(&want.as_str()) {
                failures.push(format!(
                    "{}: {want} did not fire (got {rules:?})",
                    case.case
                ));
            }
        }
        for not in &case.absent {
            if rules.contains(&not.as_str()) {
                failures.push(format!("{}: {not} fired (got {rules:?})", case.case));
            }
        }
        let trust = report
            .certificate
            .as_ref()
            .and_then(|c| c.trust.as_ref())
            .expect("server check has trust facts");
        assert_eq!(trust.audience, case.audience, "{}", case.case);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn lint_golden_files() {
    let dir = testdata().join("golden/lints");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    if update {
        fs::create_dir_all(&dir).expect("golden dir");
    }
    let mut stale = Vec::new();
    for case in cases() {
        let pem = fs::read_to_string(testdata().join(&case.certificate)).expect("fixture");
        let audience = Audience::from_name(&case.audience).expect("audience name");
        let report = run(&pem, &case.now, audience);
        let golden = serde_json::json!({ "diagnostics": report.diagnostics });
        let got = serde_json::to_string_pretty(&golden).expect("json") + "\n";
        let path = dir.join(format!("{}.expected.json", case.case));
        if update {
            fs::write(&path, &got).expect("write golden");
        } else if fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            stale.push(case.case);
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ (UPDATE_GOLDEN=1 to rewrite, then review): {stale:?}"
    );
}

#[test]
fn auto_audience_follows_the_anchor() {
    // A leaf of a caller's (private) root: auto is private, and says why.
    let pem = fs::read_to_string(testdata().join("certs/lints/validity-398-plus1.pem")).unwrap();
    let report = run(&pem, "2020-09-02T00:00:00Z", Audience::Auto);
    let trust = report.certificate.unwrap().trust.unwrap();
    assert_eq!(trust.audience, "private");
    assert!(
        trust.audience_reason.starts_with("auto:"),
        "{}",
        trust.audience_reason
    );
    assert!(!report
        .diagnostics
        .iter()
        .any(|d| d.rule == "cert.validity_too_long"));
    // A chain that anchors in Mozilla's root store: auto is public.
    let public = fs::read_to_string(testdata().join("certs/public/cryptography-io.pem")).unwrap();
    let report = run(&public, "2026-01-01T00:00:00Z", Audience::Auto);
    let trust = report.certificate.unwrap().trust.unwrap();
    if trust.anchored.is_some_and(|a| a.as_str().contains("store")) {
        assert_eq!(trust.audience, "public", "{}", trust.audience_reason);
    } else {
        assert_eq!(trust.audience, "private", "{}", trust.audience_reason);
    }
}

#[test]
fn every_rule_has_its_linter_names_and_enough_are_named() {
    let rules = cert_preflight::rules();
    let json = serde_json::to_value(rules).unwrap();
    for rule in json.as_array().unwrap() {
        assert!(rule["zlint"].is_array(), "{}", rule["id"]);
        assert!(rule["pkilint"].is_array(), "{}", rule["id"]);
    }
    let distinct = |pick: fn(&cert_preflight::Rule) -> &'static [&'static str]| {
        let mut names: Vec<&str> = rules.iter().flat_map(|r| pick(r).iter().copied()).collect();
        names.sort_unstable();
        names.dedup();
        names.len()
    };
    // Issue 20's "done when": at least 40 of each.
    assert!(distinct(|r| r.zlint) >= 40, "{}", distinct(|r| r.zlint));
    assert!(distinct(|r| r.pkilint) >= 40, "{}", distinct(|r| r.pkilint));
}
