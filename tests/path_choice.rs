//! The path a client builds (issue 26 item 1): certificates off it are a warning for clients
//! (they ignore extra certificates, RFC 8446 section 4.4.2) and an error only for the
//! operations whose provider refuses them; the report says which path was chosen and why.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::fs;
use std::path::Path;

use cert_preflight::{
    check_certificate, validate_request_value, CertificateInput, Report, RequestContext, Severity,
    Timestamp,
};
use serde_json::json;

#[path = "limbo_support/mod.rs"]
mod limbo_support;

const NOW: &str = "2026-11-23T00:00:00Z";

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn now() -> Timestamp {
    Timestamp::parse_rfc3339(NOW).expect("NOW is RFC 3339")
}

/// Severity of each `chain.unrelated` finding.
fn unrelated(report: &Report) -> Vec<Severity> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "chain.unrelated")
        .map(|d| d.severity)
        .collect()
}

/// PEM blocks of a bundle, each with its END line.
fn blocks(pem: &str) -> Vec<String> {
    pem.split_inclusive("-----END CERTIFICATE-----\n")
        .filter(|b| b.contains("BEGIN CERTIFICATE"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_certificate_off_the_path_is_a_warning_for_clients() {
    // Leaf, its intermediate, and a root of another hierarchy: clients build their path from
    // the leaf and ignore the stray root, so the bundle still works in a handshake.
    let pem = read("certs/broken/unrelated.pem");
    let mut input = CertificateInput::new(&pem, now());
    input.domains = Some("www.example.com");
    let report = check_certificate(&input);
    assert_eq!(unrelated(&report), [Severity::Warning], "{report:#?}");
    let stray = report
        .diagnostics
        .iter()
        .find(|d| d.rule == "chain.unrelated")
        .unwrap();
    assert!(stray.fixed, "the normalized bundle drops it: {stray:?}");
}

#[test]
fn aws_refuses_a_certificate_off_the_path() {
    // ACM and IAM validate CertificateChain as "each certificate certifies the one before"
    // (TARGETS.md §1, §2): a stray certificate there is refused.
    let pem = read("certs/broken/unrelated.pem");
    let parts = blocks(&pem);
    assert_eq!(parts.len(), 3);
    let key = read("certs/rsa/leaf.key");
    let chain = parts[1..].concat();
    let context = RequestContext::new(now());
    let acm = json!({"Certificate": parts[0], "PrivateKey": key, "CertificateChain": chain});
    let iam = json!({"ServerCertificateName": "www", "CertificateBody": parts[0],
        "PrivateKey": key, "CertificateChain": chain});
    for (operation, body) in [
        ("aws.acm.import-certificate", acm),
        ("aws.iam.upload-server-certificate", iam),
    ] {
        let report = validate_request_value(operation, &body, &context).expect("known");
        assert_eq!(
            unrelated(&report),
            [Severity::Error],
            "{operation}: {report:#?}"
        );
        let api_error = report
            .diagnostics
            .iter()
            .find(|d| d.rule == "chain.unrelated")
            .and_then(|d| d.api_error.clone());
        // IAM's code is observed (aws/aws-cli#715); ACM's is not documented (TARGETS.md §1).
        if operation.contains("iam") {
            assert_eq!(api_error.as_deref(), Some("MalformedCertificate"));
        }
    }
}

/// Two limbo cases with two paths from the leaf: in one, only one path reaches the root; in
/// the other, both do and one crosses an intermediate whose name constraints the leaf breaks.
#[test]
fn the_path_a_client_would_take_is_chosen_and_explained() {
    let cases = limbo_support::read_cases();
    for (id, path, why) in [
        (
            "rfc5280::nc::nc-forbids-alternate-chain-ica",
            &[0, 3, 1][..],
            "of 2 paths from the leaf, the only one that reaches a trust anchor",
        ),
        (
            "rfc5280::nc::nc-forbids-same-chain-ica",
            &[0, 3][..],
            "of 2 paths from the leaf, the one with the fewest problems a client refuses",
        ),
    ] {
        let case = cases.iter().find(|c| c.id == id).expect("in the suite");
        let report = limbo_support::check(case);
        let trust = report
            .certificate
            .as_ref()
            .and_then(|s| s.trust.as_ref())
            .expect("trust facts");
        assert_eq!(trust.path, path, "{id}");
        assert_eq!(trust.path_reason, why, "{id}");
        assert!(
            limbo_support::report_refusals(&report).is_empty(),
            "{id}: the chosen path is accepted: {report:#?}"
        );
        // The certificates off the path are warnings: a client ignores them. Each is on the
        // path not taken, and says so.
        let off: Vec<Severity> = unrelated(&report);
        assert!(
            !off.is_empty() && off.iter().all(|s| *s == Severity::Warning),
            "{id}"
        );
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "chain.unrelated")
        {
            assert!(
                d.message.contains("on another path from the leaf"),
                "{id}: {}",
                d.message
            );
        }
    }
}

/// A bundle whose paths outnumber the search's bound (x509-limbo's chain of same-name, same-key
/// certificates): the reason says the count is a floor.
#[test]
fn a_search_stopped_at_its_bound_says_there_may_be_more() {
    let cases = limbo_support::read_cases();
    let case = cases
        .iter()
        .find(|c| c.id == "pathological::pathological-chain-same-subject-same-key")
        .expect("in the suite");
    let report = limbo_support::check(case);
    let trust = report
        .certificate
        .as_ref()
        .and_then(|s| s.trust.as_ref())
        .expect("trust facts");
    assert!(
        trust
            .path_reason
            .starts_with("of 64 or more paths from the leaf"),
        "{}",
        trust.path_reason
    );
}

/// A bundle with one path says so.
#[test]
fn a_single_path_is_called_the_only_one() {
    let pem = read("certs/rsa/fullchain.pem");
    let report = check_certificate(&CertificateInput::new(&pem, now()));
    let trust = report
        .certificate
        .as_ref()
        .and_then(|s| s.trust.as_ref())
        .expect("trust facts");
    assert_eq!(trust.path, [0, 1]);
    assert!(
        trust.path_reason.starts_with("the only path"),
        "{}",
        trust.path_reason
    );
}

/// The trust facts of `file` checked against its own last certificate as the only anchor.
fn trust_with_last_as_root(file: &str) -> (Vec<usize>, String, Report) {
    let pem = read(file);
    let certs = blocks(&pem);
    let root = certs.last().expect("a root").clone();
    let mut input = CertificateInput::new(&pem, now());
    input.roots = Some(&root);
    input.public_roots = false;
    let report = check_certificate(&input);
    let trust = report
        .certificate
        .as_ref()
        .and_then(|s| s.trust.as_ref())
        .expect("trust facts");
    (trust.path.clone(), trust.path_reason.clone(), report)
}

/// An issuer is found by name, then by key (RFC 5280 6.1.3 (a)(4)): a CA under another name
/// that holds the issuer's key verifies the leaf's signature, yet is no path to the leaf
/// (issue 27: the name condition of the search could be dropped unnoticed). Made by
/// scripts/gen-testdata-search.py.
#[test]
fn a_key_under_another_name_is_no_issuer() {
    let (path, reason, report) = trust_with_last_as_root("edges/same-key-other-name.pem");
    assert_eq!(path, [0, 2, 3], "leaf, issuer, root; not the other name");
    assert!(reason.starts_with("the only path"), "{reason}");
    let stray: Vec<&str> = report
        .by_rule("chain.unrelated")
        .map(|d| d.message.as_str())
        .collect();
    assert_eq!(stray.len(), 1, "{:?}", report.diagnostics);
    assert!(
        !stray[0].contains("on another path"),
        "the other name is on no path: {}",
        stray[0]
    );
}

/// The search extends at most 256 partial paths (chain.rs MAX_PATH_EXTENSIONS): a bundle whose
/// search pops exactly 256 completes and counts every path; one that needs 257 stops before its
/// last path and says the count is a floor (issue 27: the budget's bound was never reached by
/// a test). The bundles, made by scripts/gen-testdata-search.py, have 15 (resp. 16) equal
/// paths.
#[test]
fn the_search_budget_is_256_partial_paths() {
    let (path, reason, _) = trust_with_last_as_root("edges/search-budget-256.pem");
    assert_eq!(
        reason, "of 15 paths from the leaf, as good as the next and first in the bundle",
        "256 partial paths complete the search"
    );
    assert_eq!(path.len(), 18, "leaf, the first issuer, 16 CAs: {path:?}");
    assert_eq!(path[..2], [0, 1], "the first issuer in the bundle");
    let (_, reason, _) = trust_with_last_as_root("edges/search-budget-257.pem");
    assert_eq!(
        reason, "of 15 or more paths from the leaf, as good as the next and first in the bundle",
        "the 257th partial path is not taken"
    );
}

/// A root's extended key usage bars nothing: clients read a trust anchor as a name and a key
/// (rustls-webpki reads nothing else), so a self-signed root whose EKU is clientAuth alone,
/// in the bundle or given as the anchor, is no `cert.ca_profile`, where an intermediate's is
/// (issue 27: the condition could be weakened unnoticed). Made by
/// scripts/gen-testdata-search.py.
#[test]
fn a_roots_extended_key_usage_bars_nothing() {
    let pem = read("edges/root-eku-client-auth.pem");
    let plain = check_certificate(&CertificateInput::new(&pem, now()));
    let (_, _, anchored) = trust_with_last_as_root("edges/root-eku-client-auth.pem");
    for report in [plain, anchored] {
        assert_eq!(
            report.by_rule("cert.ca_profile").count(),
            0,
            "{:?}",
            report.diagnostics
        );
    }
}
