//! Issue 8, items 4 and 5, through the command line: a DER private key is read like a DER
//! certificate (PKCS#8, encrypted PKCS#8, PKCS#1, SEC1), and text that is not UTF-8 around
//! clean PEM blocks is stray text, not an unreadable file. Fixtures:
//! `scripts/gen-testdata-verdicts.sh` (testdata/certs/forms/der-keys/). Both exited 2 before.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cli_support::{run, NOW};

fn testdata(rel: &str) -> String {
    format!("{}/testdata/{rel}", env!("CARGO_MANIFEST_DIR"))
}

fn rules(stdout: &str) -> Vec<String> {
    let report: serde_json::Value = serde_json::from_str(stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["rule"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn der_keys_are_read_like_der_certificates() {
    let cases: &[(&str, &str, &[&str])] = &[
        ("certs/rsa/leaf.pem", "rsa.pkcs8.der", &[]),
        ("certs/rsa/leaf.pem", "rsa.pkcs1.der", &[]),
        (
            "certs/rsa/leaf.pem",
            "rsa.encrypted-pkcs8.der",
            &["key.encrypted"],
        ),
        ("certs/ec-p256/leaf.pem", "ec.pkcs8.der", &[]),
        ("certs/ec-p256/leaf.pem", "ec.sec1.der", &[]),
        // The wrong key, in DER: read, then compared and found not to match.
        ("certs/ec-p256/leaf.pem", "rsa.pkcs8.der", &["key.mismatch"]),
    ];
    for (cert, key, expected) in cases {
        let key_path = testdata(&format!("certs/forms/der-keys/{key}"));
        let r = run(&[
            "cert",
            &testdata(cert),
            "--key",
            &key_path,
            "--now",
            NOW,
            "--format",
            "json",
        ]);
        assert_ne!(r.code, 2, "{key}: {}", r.stderr);
        let found: Vec<String> = rules(&r.stdout)
            .into_iter()
            .filter(|r| r.starts_with("key."))
            .collect();
        assert_eq!(found, *expected, "{key}: {}", r.stdout);
        // The key never comes back, in any form.
        let der = std::fs::read(&key_path).unwrap();
        let b64 = base64_of(&der);
        for chunk in b64.as_bytes().chunks(32).filter(|c| c.len() == 32) {
            let chunk = std::str::from_utf8(chunk).unwrap();
            assert!(
                !r.stdout.contains(chunk) && !r.stderr.contains(chunk),
                "{key}: key text in output"
            );
        }
    }
}

#[test]
fn text_that_is_not_utf8_around_pem_is_stray_text() {
    let file = testdata("certs/forms/der-keys/leaf-latin1-bag-attributes.txt");
    assert!(std::str::from_utf8(&std::fs::read(&file).unwrap()).is_err());
    let r = run(&["cert", &file, "--now", NOW, "--format", "json"]);
    assert_eq!(r.code, 0, "{}\n{}", r.stderr, r.stdout);
    let found = rules(&r.stdout);
    assert!(found.contains(&"pem.stray_text".to_string()), "{found:?}");
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(
        report["certificate"]["leaf"]["subject"],
        "O=Preflight Test, CN=www.example.com"
    );
    // The fix drops the stray text: the normalized output is the clean PEM block.
    assert!(report["normalized"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));
}

/// Standard base64 without line breaks (the test does not depend on the base64 crate).
fn base64_of(bytes: &[u8]) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().fold(0u32, |n, b| (n << 8) | u32::from(*b)) << (8 * (3 - chunk.len()));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}
