//! A PKCS#12 file given as certificate text (a page's file input read as text, or the DER
//! wrapped into a CERTIFICATE block, as the npm package's callers and the foreign corpus do) is
//! named as PKCS#12 with the way to open it, in every build: with or without the `pkcs12`
//! feature, it is never reported as a merely broken certificate. Fixtures: testdata/pkcs12/gen.sh.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::path::Path;

use base64::Engine as _;
use cert_preflight::{check_certificate, looks_like_pkcs12, CertificateInput, Timestamp};

#[test]
fn a_pfx_wrapped_as_a_certificate_block_is_named_pkcs12() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/pkcs12");
    for name in [
        "aes-fullchain.pfx",
        "legacy-fullchain.pfx",
        "des3-fullchain.pfx",
        "key-only.pfx",
    ] {
        let der = std::fs::read(dir.join(name)).unwrap();
        assert!(looks_like_pkcs12(&der), "{name}");
        let b64 = base64::engine::general_purpose::STANDARD.encode(&der);
        let pem = format!("-----BEGIN CERTIFICATE-----\n{b64}\n-----END CERTIFICATE-----\n");
        let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
        let report = check_certificate(&CertificateInput::new(&pem, now));
        assert!(!report.valid, "{name}");
        let malformed: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule == "cert.malformed")
            .collect();
        assert_eq!(malformed.len(), 1, "{name}: {:?}", report.diagnostics);
        assert_eq!(malformed[0].path, "/certificate/chain/0", "{name}");
        for words in [
            "PKCS#12",
            "openssl pkcs12 -in FILE.pfx -nokeys",
            "cert-preflight cert",
        ] {
            assert!(
                malformed[0].message.contains(words),
                "{name}: {}",
                malformed[0].message
            );
        }
    }
}
