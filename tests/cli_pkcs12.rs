//! `cert` and `scan` read PKCS#12 (issue 22, item 1): the password from a file, a named
//! environment variable or `CERT_PREFLIGHT_PASSWORD`, never an argument; the report equals the
//! same material's in PEM; `--fix` writes the PEM bundle; a wrong password is a diagnostic
//! (exit 1), a missing password source an input error (exit 2). Fixtures: testdata/pkcs12/gen.sh.
#![cfg(feature = "pkcs12")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use std::path::PathBuf;

use cli_support::{assert_input_error, run, run_with, Temp};

const NOW: &str = "2026-06-01T00:00:00Z";
const DOMAINS: &str = "www.example.com,api.example.com";

fn pkcs12(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/pkcs12");
    dir.join(name).display().to_string()
}

fn certs(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/certs");
    dir.join(name).display().to_string()
}

fn json(stdout: &str) -> serde_json::Value {
    serde_json::from_str(stdout).unwrap_or_else(|e| panic!("{e}: {stdout}"))
}

#[test]
fn a_pfx_reports_what_its_pem_reports() {
    let pw = pkcs12("password.txt");
    for name in [
        "aes-fullchain",
        "legacy-fullchain",
        "des3-fullchain",
        "aes-with-root",
    ] {
        let pfx = run(&[
            "cert",
            &pkcs12(&format!("{name}.pfx")),
            "--password-file",
            &pw,
            "--domains",
            DOMAINS,
            "--now",
            NOW,
            "--format",
            "json",
        ]);
        let pem = run(&[
            "cert",
            &pkcs12(&format!("{name}.pem")),
            "--key",
            &certs("rsa/leaf.key"),
            "--domains",
            DOMAINS,
            "--now",
            NOW,
            "--format",
            "json",
        ]);
        assert_eq!(pfx.code, pem.code, "{name}: {}", pfx.stderr);
        assert_eq!(json(&pfx.stdout), json(&pem.stdout), "{name}");
    }
}

#[test]
fn every_password_source_opens_the_file() {
    let file = pkcs12("aes-fullchain.pfx");
    let args = ["cert", file.as_str(), "--now", NOW];
    let by_file = run(&[&args[..], &["--password-file", &pkcs12("password.txt")]].concat());
    let by_default_env = run_with(&args, b"", &[("CERT_PREFLIGHT_PASSWORD", "correct-horse")]);
    let by_named_env = run_with(
        &[&args[..], &["--password-env", "MY_PFX_PASSWORD"]].concat(),
        b"",
        &[("MY_PFX_PASSWORD", "correct-horse")],
    );
    for (how, r) in [
        ("file", by_file),
        ("default env", by_default_env),
        ("named env", by_named_env),
    ] {
        assert_eq!(r.code, 0, "{how}: {}{}", r.stdout, r.stderr);
        assert!(!r.stdout.contains("pkcs12."), "{how}: {}", r.stdout);
    }
    // A password file with a trailing line end (what `echo pw > file` writes) opens it too.
    let with_newline = Temp::new("pfx-pw-newline", "correct-horse\r\n");
    let r = run(&[&args[..], &["--password-file", &with_newline.path()]].concat());
    assert_eq!(r.code, 0, "{}", r.stdout);
}

#[test]
fn a_wrong_or_missing_password_says_so() {
    let file = pkcs12("aes-fullchain.pfx");
    let wrong = run(&[
        "cert",
        &file,
        "--password-file",
        &pkcs12("wrong-password.txt"),
        "--now",
        NOW,
    ]);
    assert_eq!(wrong.code, 1);
    assert!(
        wrong
            .stdout
            .contains("error[pkcs12.wrong_password] /certificate"),
        "{}",
        wrong.stdout
    );
    assert!(!wrong.stdout.contains("not-the-password"));
    // No source and no terminal: the empty password, which this file does not take.
    let none = run_with(&["cert", &file, "--now", NOW], b"", &[]);
    assert_eq!(none.code, 1);
    assert!(
        none.stdout.contains("pkcs12.wrong_password"),
        "{}",
        none.stdout
    );
    // A file made with an empty password opens without one.
    let empty = run(&["cert", &pkcs12("empty-password.pfx"), "--now", NOW]);
    assert_eq!(empty.code, 0, "{}", empty.stdout);
    let unset = run(&[
        "cert",
        &file,
        "--password-env",
        "CERT_PREFLIGHT_SURELY_UNSET",
        "--now",
        NOW,
    ]);
    assert_input_error(&unset, "--password-env");
    let both = run(&[
        "cert",
        &file,
        "--password-env",
        "X",
        "--password-file",
        &pkcs12("password.txt"),
    ]);
    assert_eq!(both.code, 2, "{}", both.stderr);
}

#[test]
fn fix_writes_the_pem_bundle_and_never_the_key() {
    let out = Temp::new("pfx-fix", "");
    let r = run(&[
        "cert",
        &pkcs12("aes-with-root.pfx"),
        "--password-file",
        &pkcs12("password.txt"),
        "--now",
        NOW,
        "--fix",
        &out.path(),
    ]);
    assert!(r.code <= 1, "{}", r.stderr);
    let written = std::fs::read_to_string(out.path()).unwrap();
    assert_eq!(
        written.matches("-----BEGIN CERTIFICATE-----").count(),
        2,
        "{written}"
    );
    assert!(!written.contains("PRIVATE KEY"));
    let leaf = std::fs::read_to_string(certs("rsa/leaf.pem")).unwrap();
    assert!(written.starts_with(&leaf), "the leaf comes first");
}

#[test]
fn scan_opens_pfx_files_with_the_given_password() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scan-pkcs12");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for name in ["aes-fullchain.pfx", "tampered-mac.pfx"] {
        std::fs::copy(pkcs12(name), dir.join(name.replace(".pfx", ".p12"))).unwrap();
    }
    let r = run(&[
        "scan",
        &dir.display().to_string(),
        "--password-file",
        &pkcs12("password.txt"),
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("aes-fullchain.p12"), "{}", r.stdout);
    assert!(r.stdout.contains("pkcs12.mac_invalid"), "{}", r.stdout);
    assert!(!r.stdout.contains("correct-horse"));
}

#[test]
fn fingerprint_and_roots_refuse_a_pfx_with_a_way_out() {
    let file = pkcs12("aes-fullchain.pfx");
    let r = run(&["fingerprint", &file]);
    assert_input_error(&r, &file);
    assert!(r.stderr.contains("cert-preflight cert"), "{}", r.stderr);
    let r = run(&[
        "cert",
        &certs("rsa/fullchain.pem"),
        "--roots",
        &file,
        "--now",
        NOW,
    ]);
    assert_input_error(&r, &file);
}
