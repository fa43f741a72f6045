//! `cert --fix-key FILE` and `request --fix-key FILE` (issue 22 item 3): the key in the target's encoding goes only to a
//! new file the user names, readable by its owner only; never to standard output or standard
//! error, whatever the format; an existing file or a symlink is refused, not followed; with
//! nothing to convert, nothing is written. The conversions themselves are checked by openssl
//! in tests/key_conversion.rs; here the file must hold exactly the library's key.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;
#[path = "golden_support/request_case.rs"]
mod request_case;

use std::path::{Path, PathBuf};

use cert_preflight::{
    check_certificate_with_key_fix, CertificateInput, ProviderProfile, Timestamp,
};
use cli_support::{assert_input_error, run, Temp};
use request_case::{data_dir, RequestCase};

const NOW: &str = "2026-11-23T00:00:00Z";

fn testdata(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata");
    dir.join(name).display().to_string()
}

/// A fresh path in the temporary directory (nothing there yet), removed on drop.
struct Out(PathBuf);

impl Out {
    fn new(tag: &str) -> Out {
        let path = std::env::temp_dir().join(format!(
            "cert-preflight-fix-key-{tag}-{}",
            std::process::id()
        ));
        let _ = std::fs::remove_file(&path);
        Out(path)
    }

    fn arg(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Out {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// The library's converted key for a bundle and key file under `profile`.
fn library_key(certificate: &str, key: &str, profile: ProviderProfile) -> String {
    let pem = std::fs::read_to_string(testdata(certificate)).unwrap();
    let key = std::fs::read_to_string(testdata(key)).unwrap();
    let mut input = CertificateInput::new(&pem, Timestamp::parse_rfc3339(NOW).unwrap());
    input.private_key = Some(&key);
    input.profile = profile;
    let (_, fixed) = check_certificate_with_key_fix(&input);
    fixed.unwrap().pem().to_string()
}

/// The base64 lines of a PEM key file.
fn key_lines(pem: &str) -> Vec<String> {
    pem.lines()
        .filter(|l| l.len() >= 16 && !l.starts_with("-----") && !l.contains(':'))
        .map(str::to_string)
        .collect()
}

fn assert_no_key_text(what: &str, output: &str, keys: &[&str]) {
    for key in keys {
        for line in key_lines(key) {
            assert!(!output.contains(&line), "{what}: key material in {output}");
        }
    }
}

#[cfg(unix)]
fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt as _;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn writes_the_converted_key_owner_only_and_never_prints_it() {
    let cases = [
        // Alibaba CLB: an RSA PKCS#8 key as PKCS#1.
        (
            "certs/rsa/fullchain.pem",
            "certs/rsa/leaf.key",
            "alibaba-slb",
            ProviderProfile::AlibabaSlb,
            "-----BEGIN RSA PRIVATE KEY-----\n",
            "key.format_pkcs8",
        ),
        // `openssl ecparam -genkey` output: PKCS#8 without its EC PARAMETERS block.
        (
            "requests/certs/targets/cf-leaf-ec-params.pem",
            "requests/certs/targets/cf-leaf-ec-params.key",
            "generic",
            ProviderProfile::Generic,
            "-----BEGIN PRIVATE KEY-----\n",
            "key.ec_parameters_block",
        ),
    ];
    for (certificate, key, profile_name, profile, begins, rule) in cases {
        let given = std::fs::read_to_string(testdata(key)).unwrap();
        let expected = library_key(certificate, key, profile);
        for format in ["human", "json"] {
            let out = Out::new(&format!("{profile_name}-{format}"));
            let r = run(&[
                "cert",
                &testdata(certificate),
                "--key",
                &testdata(key),
                "--profile",
                profile_name,
                "--now",
                NOW,
                "--format",
                format,
                "--fix-key",
                out.arg(),
            ]);
            assert!(r.code == 0 || r.code == 1, "{key}: {}", r.stderr);
            let written = std::fs::read_to_string(&out.0).unwrap();
            assert!(written.starts_with(begins), "{key}");
            assert_eq!(
                written, expected,
                "{key}: the file is not the library's key"
            );
            #[cfg(unix)]
            assert_eq!(mode(&out.0), 0o600, "{key}: not owner-only");
            let both = format!("{}{}", r.stdout, r.stderr);
            assert_no_key_text(key, &both, &[&given, &written]);
            assert!(r.stderr.contains("wrote the key as"), "{}", r.stderr);
            if format == "json" {
                let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
                let fixed = report["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|d| d["rule"] == rule)
                    .unwrap_or_else(|| panic!("{key}: no {rule}"));
                assert_eq!(fixed["fixed"], true, "{key}");
            } else {
                assert!(
                    r.stdout.contains("[fixed in the --fix-key file]"),
                    "{}",
                    r.stdout
                );
            }
        }
    }
}

#[test]
fn without_fix_key_the_report_claims_no_key_fix() {
    let r = run(&[
        "cert",
        &testdata("certs/rsa/fullchain.pem"),
        "--key",
        &testdata("certs/rsa/leaf.key"),
        "--profile",
        "alibaba-slb",
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let finding = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "key.format_pkcs8")
        .unwrap();
    assert!(finding.get("fixed").is_none(), "{finding}");
}

#[test]
fn the_bundle_on_stdout_and_the_key_in_its_file_stay_apart() {
    let out = Out::new("beside-fix");
    let given = std::fs::read_to_string(testdata("certs/rsa/leaf.key")).unwrap();
    let r = run(&[
        "cert",
        &testdata("certs/rsa/fullchain-with-root.pem"),
        "--key",
        &testdata("certs/rsa/leaf.key"),
        "--profile",
        "alibaba-slb",
        "--now",
        NOW,
        "--fix",
        "-",
        "--fix-key",
        out.arg(),
    ]);
    assert!(
        r.stdout.starts_with("-----BEGIN CERTIFICATE-----"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("PRIVATE KEY"), "{}", r.stdout);
    let written = std::fs::read_to_string(&out.0).unwrap();
    assert_no_key_text(
        "--fix -",
        &format!("{}{}", r.stdout, r.stderr),
        &[&given, &written],
    );
}

#[test]
fn a_pkcs12_key_is_converted_too() {
    let out = Out::new("pfx");
    let r = run(&[
        "cert",
        &testdata("pkcs12/aes-fullchain.pfx"),
        "--password-file",
        &testdata("pkcs12/password.txt"),
        "--profile",
        "alibaba-slb",
        "--now",
        NOW,
        "--fix-key",
        out.arg(),
    ]);
    assert!(r.code == 0 || r.code == 1, "{}", r.stderr);
    let written = std::fs::read_to_string(&out.0).unwrap();
    // The PFX holds rsa/leaf.key: the same PKCS#1 key as from the PEM file.
    let expected = library_key(
        "certs/rsa/fullchain.pem",
        "certs/rsa/leaf.key",
        ProviderProfile::AlibabaSlb,
    );
    assert_eq!(written, expected);
    assert_no_key_text("pfx", &format!("{}{}", r.stdout, r.stderr), &[&written]);
}

#[test]
fn stdout_an_existing_file_and_a_symlink_are_refused() {
    let base = [
        "cert",
        &testdata("certs/rsa/fullchain.pem"),
        "--key",
        &testdata("certs/rsa/leaf.key"),
        "--profile",
        "alibaba-slb",
        "--now",
        NOW,
    ]
    .map(str::to_string);
    let with = |target: &str| {
        let mut args: Vec<&str> = base.iter().map(String::as_str).collect();
        args.extend(["--fix-key", target]);
        run(&args)
    };
    let r = with("-");
    assert_input_error(&r, "-");
    assert!(!r.stdout.contains("PRIVATE KEY"));

    let existing = Out::new("existing");
    std::fs::write(&existing.0, "keep me").unwrap();
    assert_input_error(&with(existing.arg()), existing.arg());
    assert_eq!(std::fs::read_to_string(&existing.0).unwrap(), "keep me");

    #[cfg(unix)]
    {
        let target = Out::new("link-target");
        let link = Out::new("link");
        std::os::unix::fs::symlink(&target.0, &link.0).unwrap();
        assert_input_error(&with(link.arg()), link.arg());
        assert!(!target.0.exists(), "the symlink was followed");
    }
}

#[test]
fn nothing_to_convert_writes_nothing() {
    for (key, profile) in [
        // Already what CLB documents.
        ("certs/rsa/leaf.pkcs1.key", "alibaba-slb"),
        // Encrypted: there is no password input for keys, so it is not converted.
        ("certs/rsa/leaf.encrypted-pkcs8.key", "alibaba-slb"),
        // Generic targets take PKCS#8.
        ("certs/rsa/leaf.key", "generic"),
    ] {
        let out = Out::new("nothing");
        let r = run(&[
            "cert",
            &testdata("certs/rsa/fullchain.pem"),
            "--key",
            &testdata(key),
            "--profile",
            profile,
            "--now",
            NOW,
            "--fix-key",
            out.arg(),
        ]);
        assert!(r.code == 0 || r.code == 1, "{key}: {}", r.stderr);
        assert!(!out.0.exists(), "{key}: a file was written");
        assert!(
            r.stderr.contains("--fix-key wrote nothing"),
            "{key}: {}",
            r.stderr
        );
    }
}

#[test]
fn request_writes_key_vaults_pkcs8_key_and_refuses_other_wire_forms() {
    let case = RequestCase::load(
        &data_dir().join("azure.keyvault.import-certificate/targets_mistakes.case.json"),
    );
    let body = Temp::new("kv-body", &case.body_text());
    let given =
        std::fs::read_to_string(testdata("requests/certs/targets/leaf-pkcs1-crlf.key")).unwrap();
    let out = Out::new("kv");
    let args = |out: &str| {
        vec![
            "request".to_string(),
            case.operation.clone(),
            body.path(),
            "--path".into(),
            "certificate-name=shop-2026".into(),
            "--path".into(),
            "api-version=2025-07-01".into(),
            "--now".into(),
            "2026-12-01T00:00:00Z".into(),
            "--format".into(),
            "json".into(),
            "--fix-key".into(),
            out.to_string(),
        ]
    };
    let owned = args(out.arg());
    let r = run(&owned.iter().map(String::as_str).collect::<Vec<_>>());
    assert_eq!(r.code, 1, "{}", r.stderr);
    let written = std::fs::read_to_string(&out.0).unwrap();
    assert!(
        written.starts_with("-----BEGIN PRIVATE KEY-----\n"),
        "not PKCS#8"
    );
    #[cfg(unix)]
    assert_eq!(mode(&out.0), 0o600);
    assert_no_key_text(
        "request",
        &format!("{}{}", r.stdout, r.stderr),
        &[&given, &written],
    );
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let not_pkcs8 = report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["rule"] == "key.not_pkcs8")
        .unwrap();
    assert_eq!(not_pkcs8["fixed"], true);

    let query = Out::new("kv-query");
    let mut owned = args(query.arg());
    owned.extend(["--wire".into(), "query".into()]);
    let r = run(&owned.iter().map(String::as_str).collect::<Vec<_>>());
    assert_input_error(&r, "--fix-key");
    assert!(!query.0.exists());
}
