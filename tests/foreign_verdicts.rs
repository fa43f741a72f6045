//! Verdicts the foreign corpus (cryptography-vectors) made us doubt, issue 8's closing note:
//! RSASSA-PSS parameters ring cannot verify, RSASSA-PSS keys, explicit curve parameters, keys
//! that name two curves, a repeated extension, and internal text in messages. Fixtures:
//! `scripts/gen-testdata-foreign-verdicts.sh` (files copied from the pinned
//! cryptography-vectors, and files made with openssl).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::path::Path;
use std::process::Command;

use cert_preflight::{
    check_certificate, fingerprint, CertificateFacts, CertificateInput, DigestAlgorithm,
    FingerprintStyle, PublicKeyInfo, Report, RingVerifier, Severity, SharedVerifier,
    SignatureAlgorithm, SignatureVerifier, Timestamp, VerifyOutcome,
};

/// The generated certificates are valid for 5000 days from generation.
const NOW: &str = "2030-01-01T00:00:00Z";

fn path(file: &str) -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/certs");
    dir.join(file).display().to_string()
}

fn read(file: &str) -> String {
    std::fs::read_to_string(path(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn check(cert: &str, key: Option<&str>) -> Report {
    check_with(cert, key, None)
}

fn check_with(cert: &str, key: Option<&str>, verifier: Option<SharedVerifier>) -> Report {
    let pem = read(cert);
    let key = key.map(read);
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let mut input = CertificateInput::new(&pem, now);
    input.private_key = key.as_deref();
    input.verifier = verifier;
    check_certificate(&input)
}

fn rules(report: &Report) -> Vec<(&str, Severity, &str)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.as_str(), d.severity, d.path.as_str()))
        .collect()
}

fn message<'r>(report: &'r Report, rule: &'r str) -> &'r str {
    report
        .by_rule(rule)
        .next()
        .map(|d| d.message.as_str())
        .unwrap_or_else(|| panic!("no {rule}: {:?}", rules(report)))
}

fn chain(report: &Report) -> &[CertificateFacts] {
    &report
        .certificate
        .as_ref()
        .expect("certificate facts")
        .chain
}

/// ring, except that every RSASSA-PSS question gets the same answer: a report that does not
/// change with that answer was decided before any verifier was asked about PSS.
#[derive(Debug)]
struct PssAnswer(VerifyOutcome);

impl SignatureVerifier for PssAnswer {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: PublicKeyInfo<'_>,
        message: &[u8],
        signature: &[u8],
    ) -> VerifyOutcome {
        if algorithm.name().starts_with("rsa-pss") {
            self.0
        } else {
            RingVerifier.verify(algorithm, key, message, signature)
        }
    }
}

#[test]
fn pss_parameters_ring_cannot_verify_are_unsupported_not_bad() {
    // (file, the certificate whose signature is unsupported, what the message must say)
    let cases = [
        (
            "foreign/pss-salt20-chain.pem",
            "/certificate/chain/0",
            "SHA-256 and a 20-byte salt",
        ),
        (
            "foreign/pss-mgf1-sha1-chain.pem",
            "/certificate/chain/0",
            "mask generation function other than MGF1 with SHA-256",
        ),
        // cryptography-vectors: self-signed, SHA-256 with a 20-byte salt (openssl verifies it).
        (
            "foreign/rsae_ca.pem",
            "/certificate/chain/0",
            "SHA-256 and a 20-byte salt",
        ),
    ];
    for (file, at, why) in cases {
        let report = check(file, None);
        let found = rules(&report);
        assert!(
            found.contains(&("chain.unsupported_signature", Severity::Warning, at)),
            "{file}: {found:?}"
        );
        assert_eq!(
            report.by_rule("chain.bad_signature").count(),
            0,
            "{file}: {found:?}"
        );
        let text = message(&report, "chain.unsupported_signature");
        assert!(text.contains(why), "{file}: {text}");
        // The verdict is the core's: whatever a verifier would answer, the report is the same
        // (so ring and the npm package's node:crypto give the same report).
        for outcome in [
            VerifyOutcome::Verified,
            VerifyOutcome::Bad,
            VerifyOutcome::Unsupported,
        ] {
            let other = check_with(file, None, Some(SharedVerifier::new(PssAnswer(outcome))));
            assert_eq!(other, report, "{file} {outcome:?}");
        }
    }
}

#[test]
fn pss_with_the_salt_ring_verifies_still_verifies() {
    let report = check("rsa-pss/fullchain.pem", None);
    assert_eq!(report.by_rule("chain.unsupported_signature").count(), 0);
    assert_eq!(report.by_rule("chain.bad_signature").count(), 0);
}

#[test]
fn rsassa_pss_keys_have_their_modulus_size() {
    for (file, key) in [
        ("foreign/rsassa-pss.pem", Some("foreign/rsassa-pss.key")),
        ("foreign/rsa_pss_cert.pem", None),
    ] {
        let report = check(file, key);
        let facts = &chain(&report)[0];
        assert_eq!(facts.key_algorithm, "RSA", "{file}");
        assert_eq!(facts.key_size, Some(2048), "{file}");
        assert_eq!(
            report.by_rule("cert.weak_key").count(),
            0,
            "{file}: {:?}",
            rules(&report)
        );
        assert!(
            !rules(&report).iter().any(|(r, _, _)| r.starts_with("key.")),
            "{file}: {:?}",
            rules(&report)
        );
    }
}

#[test]
fn explicit_curve_parameters_are_named_as_such_and_match_their_key() {
    let report = check(
        "foreign/explicit-p256.pem",
        Some("foreign/explicit-p256.key"),
    );
    let facts = &chain(&report)[0];
    assert_eq!(
        facts.key_curve.as_deref(),
        Some("explicit curve parameters")
    );
    assert!(
        !rules(&report).iter().any(|(r, _, _)| r.starts_with("key.")),
        "{:?}",
        rules(&report)
    );
    let weak = message(&report, "cert.weak_key");
    assert!(weak.contains("explicit curve parameters"), "{weak}");
    // Not the same curve as a named P-256 key's, so another key still mismatches.
    let other = check("foreign/explicit-p256.pem", Some("ec-p256/leaf.key"));
    assert_eq!(
        other.by_rule("key.mismatch").count(),
        1,
        "{:?}",
        rules(&other)
    );
}

#[test]
fn a_key_that_names_two_curves_is_unreadable_not_a_mismatch() {
    for key in [
        "foreign/ec-inconsistent-curve.pem",
        "foreign/ec-inconsistent-curve2.pem",
    ] {
        for cert in ["ec-p256/leaf.pem", "ec-p384/leaf.pem"] {
            let report = check(cert, Some(key));
            let found = rules(&report);
            assert_eq!(
                report.by_rule("key.mismatch").count(),
                0,
                "{key} {cert}: {found:?}"
            );
            assert!(
                found.contains(&("key.unsupported", Severity::Error, "/private_key")),
                "{key} {cert}: {found:?}"
            );
            let text = message(&report, "key.unsupported");
            assert!(text.contains("names two curves"), "{key}: {text}");
        }
    }
}

fn openssl_fingerprint(file: &str) -> String {
    let out = Command::new("openssl")
        .args(["x509", "-noout", "-fingerprint", "-sha256", "-in"])
        .arg(path(file))
        .output()
        .expect("openssl runs");
    let text = String::from_utf8(out.stdout).unwrap();
    let (_, value) = text
        .trim()
        .split_once('=')
        .expect("openssl prints NAME=VALUE");
    value.replace(':', "").to_ascii_lowercase()
}

#[test]
fn a_repeated_extension_is_malformed_but_still_fingerprinted() {
    let file = "foreign/two_basic_constraints.pem";
    let want = openssl_fingerprint(file);
    let report = check(file, None);
    let text = message(&report, "cert.malformed");
    assert!(text.contains("more than one basicConstraints"), "{text}");
    assert!(!report.valid);
    let facts = chain(&report);
    assert_eq!(facts.len(), 1);
    assert_eq!(facts[0].fingerprints.sha256_hex, want);
    let listed = fingerprint(&read(file), DigestAlgorithm::Sha256, FingerprintStyle::Hex);
    assert_eq!(listed.fingerprints, [want]);
    assert!(listed.report.by_rule("cert.malformed").count() == 1);
}

#[test]
fn messages_hold_no_internal_text() {
    let debug_or_parser_text = |report: &Report| {
        report
            .diagnostics
            .iter()
            .map(|d| d.message.clone())
            .filter(|m| m.contains("X509Error") || m.contains("Ec(") || m.contains("Rsa("))
            .collect::<Vec<_>>()
    };
    // A commonName that is not UTF-8: the name is shown with U+FFFD for the bad bytes.
    let report = check("foreign/invalid_utf8_common_name.pem", None);
    assert_eq!(debug_or_parser_text(&report), Vec::<String>::new());
    assert!(
        chain(&report)[0].subject.contains('\u{FFFD}'),
        "{}",
        chain(&report)[0].subject
    );
    // A key of another type than the certificate's: plain words, not Debug output.
    let report = check("rsa/leaf.pem", Some("ec-p256/leaf.key"));
    assert_eq!(debug_or_parser_text(&report), Vec::<String>::new());
    let text = message(&report, "key.mismatch");
    assert!(
        text.contains("(EC P-256 (PKCS#8)) does not match the leaf")
            && text.ends_with("the certificate has an RSA key"),
        "{text}"
    );
    // secp128r1 by its name, and its key matches its own certificate.
    let report = check(
        "foreign/secp128r1.pem",
        Some("foreign/secp128r1_private_key.pem"),
    );
    assert_eq!(chain(&report)[0].key_curve.as_deref(), Some("secp128r1"));
    assert_eq!(
        report.by_rule("key.mismatch").count(),
        0,
        "{:?}",
        rules(&report)
    );
}
