//! Fuzzes the certificate-field entry point: the input bytes are split into a certificate,
//! a private key and a domain field (lossy UTF-8), checked with every purpose and profile,
//! and fingerprinted. Any panic is a bug: the core promises that no input makes it panic.
#![no_main]

use cert_preflight::{
    check_certificate, fingerprint, rules, CertificateInput, CertificatePurpose, DigestAlgorithm,
    FingerprintStyle, ProviderProfile, Timestamp,
};
use libfuzzer_sys::fuzz_target;

/// Separates the three fields. A byte that rarely occurs in PEM so that the corpus (plain
/// PEM files) reaches the certificate field whole.
const SEPARATOR: u8 = 0xFF;

fuzz_target!(|data: &[u8]| {
    let mut parts = data.splitn(3, |b| *b == SEPARATOR);
    let certificate = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let key = parts.next().map(String::from_utf8_lossy);
    let domains = parts.next().map(String::from_utf8_lossy);
    // 2026-11-23T00:00:00Z, the testdata clock.
    let now = Timestamp::from_unix_seconds(1_795_392_000);

    for (i, purpose) in [
        CertificatePurpose::Server,
        CertificatePurpose::ClientCa,
        CertificatePurpose::CaUpload,
    ]
    .into_iter()
    .enumerate()
    {
        let mut input = CertificateInput::new(&certificate, now);
        input.private_key = key.as_deref();
        input.domains = domains.as_deref();
        input.key_required = i == 0;
        input.purpose = purpose;
        input.profile = if i == 1 {
            ProviderProfile::AlibabaSlb
        } else {
            ProviderProfile::Generic
        };
        let report = check_certificate(&input);
        assert_eq!(report.valid, report.errors == 0);
        for d in &report.diagnostics {
            assert!(
                rules().iter().any(|r| r.id == d.rule),
                "unknown rule {}",
                d.rule
            );
        }
    }
    let fp = fingerprint(&certificate, DigestAlgorithm::Sha1, FingerprintStyle::Colon);
    assert_eq!(fp.valid, fp.errors == 0);
    let _ = fingerprint(&certificate, DigestAlgorithm::Sha256, FingerprintStyle::Hex);
});
