//! A key and its own certificate always match, whatever the curve (issue 8, item 3): keys on
//! curves that are not P-256/P-384/P-521 were compared by a second, shorter curve table and
//! reported as `key.mismatch`. Fixtures: `scripts/gen-testdata-curves.sh`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use cert_preflight::{check_certificate, CertificateInput, Timestamp};

const CURVES: &[(&str, &str)] = &[
    ("prime192v1", "P-192"),
    ("secp224r1", "P-224"),
    ("secp256k1", "secp256k1"),
    ("brainpoolP256r1", "brainpoolP256r1"),
    ("brainpoolP384r1", "brainpoolP384r1"),
];

fn read(name: &str) -> Result<String, std::io::Error> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/certs/curves/");
    std::fs::read_to_string(format!("{dir}{name}"))
}

#[test]
fn a_key_matches_its_own_certificate_on_every_curve() -> Result<(), Box<dyn std::error::Error>> {
    // The fixtures are valid for 5000 days from generation (see the generator).
    let now = Timestamp::parse_rfc3339("2030-01-01T00:00:00Z")?;
    for (curve, name) in CURVES {
        let pem = read(&format!("{curve}.pem"))?;
        for key_file in [format!("{curve}.key"), format!("{curve}.sec1.key")] {
            let key = read(&key_file)?;
            let mut input = CertificateInput::new(&pem, now);
            input.private_key = Some(&key);
            input.key_required = true;
            let report = check_certificate(&input);
            let rules: Vec<(&str, &str)> = report
                .diagnostics
                .iter()
                .map(|d| (d.rule.as_str(), d.severity.as_str()))
                .collect();
            assert!(
                !rules.iter().any(|(r, _)| r.starts_with("key.")),
                "{key_file}: {rules:?}"
            );
            // A curve outside P-256/P-384/P-521 is a warning about the certificate; the errors
            // are that each fixture is a self-signed CA used as the leaf (cert.leaf_is_ca, an
            // error since issue 26) and, for P-192 alone, that clients refuse the curve.
            let errors: Vec<&str> = rules
                .iter()
                .filter(|(_, severity)| *severity == "error")
                .map(|(rule, _)| *rule)
                .collect();
            let expected: &[&str] = if *name == "P-192" {
                &["cert.forbidden_key", "cert.leaf_is_ca"]
            } else {
                &["cert.leaf_is_ca"]
            };
            assert_eq!(errors, expected, "{key_file}: {rules:?}");
            assert!(
                rules.contains(&("cert.weak_key", "warning")),
                "{key_file}: {rules:?}"
            );
            let leaf = report.certificate.as_ref().and_then(|c| c.leaf.as_ref());
            assert_eq!(
                leaf.and_then(|l| l.key_curve.as_deref()),
                Some(*name),
                "{key_file}"
            );
        }
    }
    Ok(())
}

#[test]
fn a_key_on_another_curve_still_mismatches() -> Result<(), Box<dyn std::error::Error>> {
    let now = Timestamp::parse_rfc3339("2030-01-01T00:00:00Z")?;
    let pem = read("secp224r1.pem")?;
    for other in ["prime192v1.key", "secp256k1.sec1.key"] {
        let key = read(other)?;
        let mut input = CertificateInput::new(&pem, now);
        input.private_key = Some(&key);
        let report = check_certificate(&input);
        assert_eq!(report.by_rule("key.mismatch").count(), 1, "{other}");
    }
    Ok(())
}
