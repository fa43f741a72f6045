//! Key format hints (issue 9 item 4): where a rule is about the key's encoding, its message
//! gives the exact command that converts the key. Each command is taken from the message and
//! run with openssl on the generated keys, and its output must pass the same check. Without
//! `openssl` on PATH this is skipped, except in CI (`CI=true`), where it fails.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::path::PathBuf;
use std::process::Command;

use cert_preflight::{check_certificate, CertificateInput, ProviderProfile, Report, Timestamp};

const NOW: &str = "2026-11-23T00:00:00Z";

fn certs(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/certs")
        .join(name)
}

fn check(key: &str, profile: ProviderProfile) -> Report {
    let pem = std::fs::read_to_string(certs("rsa/fullchain.pem")).unwrap();
    let mut input = CertificateInput::new(&pem, Timestamp::parse_rfc3339(NOW).unwrap());
    input.private_key = Some(key);
    input.profile = profile;
    check_certificate(&input)
}

fn openssl_available() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "openssl is not on PATH; CI=true requires it"
        );
        eprintln!("key_hints: openssl not on PATH, skipped");
    }
    found
}

struct Case {
    key: &'static str,
    profile: ProviderProfile,
    rule: &'static str,
    /// Appended to the command: the passphrase the command would ask for.
    passin: bool,
    /// The BEGIN line of the converted key.
    begins: &'static str,
}

const CASES: &[Case] = &[
    Case {
        key: "rsa/leaf.key",
        profile: ProviderProfile::AlibabaSlb,
        rule: "key.format_pkcs8",
        passin: false,
        begins: "-----BEGIN RSA PRIVATE KEY-----",
    },
    Case {
        key: "rsa/leaf.encrypted-pkcs8.key",
        profile: ProviderProfile::Generic,
        rule: "key.encrypted",
        passin: true,
        begins: "-----BEGIN PRIVATE KEY-----",
    },
    Case {
        key: "rsa/leaf.encrypted-pkcs1.key",
        profile: ProviderProfile::AlibabaSlb,
        rule: "key.encrypted",
        passin: true,
        begins: "-----BEGIN RSA PRIVATE KEY-----",
    },
];

#[test]
fn the_command_in_the_message_converts_the_key() {
    if !openssl_available() {
        return;
    }
    let dir = std::env::temp_dir().join(format!("cert-preflight-key-hints-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (n, case) in CASES.iter().enumerate() {
        let key_path = certs(case.key);
        let key = std::fs::read_to_string(&key_path).unwrap();
        let report = check(&key, case.profile);
        let diagnostic = report
            .by_rule(case.rule)
            .next()
            .unwrap_or_else(|| panic!("{}: no {}: {:?}", case.key, case.rule, report.diagnostics));
        let command = diagnostic
            .message
            .split('`')
            .nth(1)
            .unwrap_or_else(|| panic!("no command in {}", diagnostic.message));
        assert!(command.starts_with("openssl "), "{command}");
        let out = dir.join(format!("converted-{n}.pem"));
        let mut args: Vec<String> = command
            .split_whitespace()
            .skip(1)
            .map(|word| match word {
                "key.pem" => key_path.display().to_string(),
                w if w.starts_with("key-") && w.ends_with(".pem") => out.display().to_string(),
                w => w.to_string(),
            })
            .collect();
        if case.passin {
            args.extend(["-passin".to_string(), "pass:test".to_string()]);
        }
        let run = Command::new("openssl").args(&args).output().unwrap();
        assert!(
            run.status.success(),
            "{command}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        let converted = std::fs::read_to_string(&out).unwrap();
        assert!(
            converted.starts_with(case.begins),
            "{command}: {}",
            &converted[..40]
        );
        let again = check(&converted, case.profile);
        for rule in [
            "key.format_pkcs8",
            "key.encrypted",
            "key.mismatch",
            "key.unsupported",
        ] {
            assert!(
                again.by_rule(rule).next().is_none(),
                "{command}: {rule} after conversion: {:?}",
                again.diagnostics
            );
        }
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_non_rsa_key_for_clb_gets_no_command_and_no_key_text() {
    let key = std::fs::read_to_string(certs("ec-p256/leaf.key")).unwrap();
    let report = check(&key, ProviderProfile::AlibabaSlb);
    let hint = report
        .by_rule("key.format_pkcs8")
        .next()
        .expect("format hint");
    assert!(!hint.message.contains('`'), "{}", hint.message);
    assert!(hint.message.contains("RSA"), "{}", hint.message);
    let json = serde_json::to_string(&report).unwrap();
    for line in key.lines().filter(|l| !l.starts_with("-----")) {
        assert!(!json.contains(line), "key text in the report");
    }
}
