//! PKCS#7 bundles (issue 9 item 3): a `.p7b` in PEM form (library) and DER form (command line,
//! which reads DER where a certificate is read) gives the same facts as the PEM bundle it was
//! made from (`openssl crl2pkcs7 -nocrl -certfile`, scripts/gen-testdata-chains.sh), a
//! `pem.pkcs7` warning, and the PEM bundle in the right order as the normalized output.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use std::path::PathBuf;

use cert_preflight::{check_certificate, CertificateInput, Report, Timestamp};
use cli_support::{run, NOW};

fn path(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/certs")
        .join(name)
        .display()
        .to_string()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(path(name)).unwrap()
}

fn check(pem: &str) -> Report {
    check_certificate(&CertificateInput::new(
        pem,
        Timestamp::parse_rfc3339(NOW).unwrap(),
    ))
}

/// (rule, path) of the diagnostics other than `pem.pkcs7`.
fn other_findings(report: &Report) -> Vec<(String, String)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule != "pem.pkcs7")
        .map(|d| (d.rule.clone(), d.path.clone()))
        .collect()
}

#[test]
fn pem_p7b_reads_like_its_pem_bundle() {
    for (p7b, pem) in [
        ("chains/pkcs7-fullchain.p7b", "rsa/fullchain.pem"),
        ("chains/pkcs7-shuffled.p7b", "broken/shuffled.pem"),
    ] {
        let from_p7b = check(&read(p7b));
        let pem_text = read(pem);
        let from_pem = check(&pem_text);
        assert_eq!(from_p7b.certificate, from_pem.certificate, "{p7b}");
        assert_eq!(
            other_findings(&from_p7b),
            other_findings(&from_pem),
            "{p7b}"
        );
        let warning: Vec<_> = from_p7b.by_rule("pem.pkcs7").collect();
        assert_eq!(warning.len(), 1, "{p7b}: {:?}", from_p7b.diagnostics);
        assert_eq!(warning[0].path, "/certificate");
        assert!(warning[0].fixed, "{p7b}: the normalized output converts it");
        // The normalized output is the PEM bundle, in the right order.
        let expected = from_pem.normalized.clone().unwrap_or(pem_text);
        assert_eq!(
            from_p7b.normalized.as_deref(),
            Some(expected.as_str()),
            "{p7b}"
        );
    }
}

#[test]
fn der_p7b_on_the_command_line_reads_like_its_pem_bundle() {
    let der = path("chains/pkcs7-fullchain-der.p7b");
    let r = run(&["cert", &der, "--now", NOW, "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let actual: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let expected: serde_json::Value =
        serde_json::from_str(&check(&read("rsa/fullchain.pem")).to_json_pretty()).unwrap();
    assert_eq!(actual["certificate"], expected["certificate"]);
    assert!(
        actual["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["rule"] == "pem.pkcs7"),
        "{actual}"
    );
    // --fix converts it to the PEM bundle.
    let fixed = run(&["cert", &der, "--now", NOW, "--fix", "-"]);
    assert_eq!(fixed.code, 0, "{}", fixed.stderr);
    assert_eq!(fixed.stdout, read("rsa/fullchain.pem"));
}

#[test]
fn a_pkcs7_block_that_is_not_a_bundle_is_malformed_not_a_panic() {
    let text = "-----BEGIN PKCS7-----\nMAMCAQA=\n-----END PKCS7-----\n";
    let report = check(text);
    assert!(!report.valid);
    assert!(
        report.by_rule("cert.malformed").next().is_some(),
        "{:?}",
        report.diagnostics
    );
}
