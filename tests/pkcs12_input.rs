//! PKCS#12 (PFX) input (issue 22, item 1): a PFX gives exactly the diagnostics of the same
//! material in PEM (`openssl pkcs12 -nodes`'s certificates, in file order, and the key), in
//! every encryption openssl writes (PBES2 AES-256, legacy RC2-40 with 3DES, 3DES with a SHA-1
//! MAC, an empty password); a wrong password, a damaged MAC, an empty file and garbage are each
//! one clear diagnostic. Fixtures: testdata/pkcs12/gen.sh.
#![cfg(feature = "pkcs12")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::path::Path;

use cert_preflight::{check_certificate, looks_like_pkcs12, CertificateInput, Report, Timestamp};

const PASSWORD: &str = "correct-horse";
const DOMAINS: &str = "www.example.com,api.example.com";

fn read(path: &str) -> Vec<u8> {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read(&full).unwrap_or_else(|e| panic!("{}: {e}", full.display()))
}

fn text(path: &str) -> String {
    String::from_utf8(read(path)).unwrap()
}

fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-06-01T00:00:00Z").unwrap()
}

fn check_pfx(name: &str, password: &str, key: Option<&str>) -> Report {
    let der = read(&format!("testdata/pkcs12/{name}.pfx"));
    assert!(looks_like_pkcs12(&der), "{name} is not taken for a PFX");
    let mut input = CertificateInput::pkcs12(&der, password, now());
    input.domains = Some(DOMAINS);
    input.private_key = key;
    check_certificate(&input)
}

fn check_pem(bundle: &str, key: &str) -> Report {
    let mut input = CertificateInput::new(bundle, now());
    input.domains = Some(DOMAINS);
    input.private_key = Some(key);
    check_certificate(&input)
}

/// Rule, severity, path and message of each diagnostic: what "the same diagnostics" means.
fn verdicts(report: &Report) -> Vec<(String, String, String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                d.severity.as_str().to_string(),
                d.path.clone(),
                d.message.clone(),
            )
        })
        .collect()
}

#[test]
fn every_encryption_gives_the_diagnostics_of_the_same_pem() {
    let key = text("testdata/certs/rsa/leaf.key");
    // (fixture, its password, the PEM of its certificates)
    let cases = [
        ("aes-fullchain", PASSWORD, "aes-fullchain"),
        ("legacy-fullchain", PASSWORD, "legacy-fullchain"),
        ("des3-fullchain", PASSWORD, "des3-fullchain"),
        ("aes-with-root", PASSWORD, "aes-with-root"),
        ("empty-password", "", "aes-fullchain"),
        // No password at all (pyca NoEncryption): bags in the clear.
        ("no-password", "", "aes-fullchain"),
    ];
    for (name, password, pem) in cases {
        let pfx = check_pfx(name, password, None);
        let same = check_pem(&text(&format!("testdata/pkcs12/{pem}.pem")), &key);
        assert_eq!(verdicts(&pfx), verdicts(&same), "{name}");
        assert_eq!(pfx.valid, same.valid, "{name}");
        assert_eq!(pfx.normalized, same.normalized, "{name}");
        assert_eq!(
            serde_json::to_value(&pfx.certificate).unwrap(),
            serde_json::to_value(&same.certificate).unwrap(),
            "{name}: certificate facts"
        );
    }
}

#[test]
fn a_valid_pfx_is_valid_and_its_key_matches() {
    let report = check_pfx("aes-fullchain", PASSWORD, None);
    assert!(report.valid, "{:#?}", report.diagnostics);
    assert!(report.by_rule("key.mismatch").next().is_none());
    assert!(report.by_rule("key.missing").next().is_none());
    // The root in the file (out of order) is found and reported as the PEM would be.
    let with_root = check_pfx("aes-with-root", PASSWORD, None);
    assert!(with_root.by_rule("chain.root_included").next().is_some());
    assert!(with_root.by_rule("chain.misordered").next().is_some());
}

#[test]
fn a_pfx_without_a_key_takes_the_key_given_beside_it() {
    let other = text("testdata/certs/rsa/other.key");
    let report = check_pfx("aes-no-key", PASSWORD, Some(&other));
    assert!(
        report.by_rule("key.mismatch").next().is_some(),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn each_failure_is_one_clear_diagnostic() {
    let cases = [
        ("aes-fullchain", "not-the-password", "pkcs12.wrong_password"),
        (
            "legacy-fullchain",
            "not-the-password",
            "pkcs12.wrong_password",
        ),
        ("des3-fullchain", "", "pkcs12.wrong_password"),
        ("empty-password", PASSWORD, "pkcs12.wrong_password"),
        ("no-password", PASSWORD, "pkcs12.wrong_password"),
        ("tampered-mac", PASSWORD, "pkcs12.mac_invalid"),
        ("key-only", PASSWORD, "pkcs12.empty"),
    ];
    for (name, password, rule) in cases {
        let report = check_pfx(name, password, None);
        let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(rules, [rule], "{name} with {password:?}");
        assert!(!report.valid);
        assert_eq!(report.diagnostics[0].path, "/certificate");
        assert!(
            !report.diagnostics[0].message.contains(password) || password.is_empty(),
            "{name}: the message quotes the password"
        );
    }
}

#[test]
fn garbage_and_truncation_are_diagnostics_never_a_crash() {
    let good = read("testdata/pkcs12/aes-fullchain.pfx");
    let mut inputs: Vec<Vec<u8>> = vec![Vec::new(), b"hello".to_vec(), vec![0x30, 0x80]];
    // Every prefix length at a coarse step, and every single-byte flip in the first 64 bytes.
    inputs.extend((0..good.len()).step_by(97).map(|n| good[..n].to_vec()));
    for i in 0..64.min(good.len()) {
        let mut flipped = good.clone();
        flipped[i] ^= 0x55;
        inputs.push(flipped);
    }
    for bytes in &inputs {
        let report = check_certificate(&CertificateInput::pkcs12(bytes, PASSWORD, now()));
        assert!(!report.valid, "{} bytes judged valid", bytes.len());
        assert!(report
            .diagnostics
            .iter()
            .all(|d| !d.message.contains(PASSWORD)));
    }
}

#[test]
fn no_key_material_or_password_in_the_report_or_debug() {
    let der = read("testdata/pkcs12/aes-fullchain.pfx");
    let mut input = CertificateInput::pkcs12(&der, PASSWORD, now());
    input.domains = Some(DOMAINS);
    let report = check_certificate(&input);
    let json = report.to_json_pretty();
    let debug = format!("{input:?}");
    let key = text("testdata/certs/rsa/leaf.key");
    for line in key.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!json.contains(line), "a key line in the report");
        assert!(!debug.contains(line), "a key line in Debug");
    }
    assert!(!json.contains(PASSWORD) && !debug.contains(PASSWORD));
}
