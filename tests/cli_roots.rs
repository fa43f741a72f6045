//! `cert --roots FILE` and `--no-public-roots` (issue 9 item 2), run as a real process.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use std::path::PathBuf;

use cert_preflight::{check_certificate, CertificateInput, Timestamp};
use cli_support::{assert_input_error, run, NOW};

fn certs(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/certs")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn roots_file_anchors_a_private_chain() {
    let without = run(&["cert", &certs("rsa/fullchain.pem"), "--now", NOW]);
    assert_eq!(without.code, 0, "{}", without.stderr);
    assert!(
        without.stdout.contains("warning[chain.incomplete]"),
        "{}",
        without.stdout
    );

    let with = run(&[
        "cert",
        &certs("rsa/fullchain.pem"),
        "--roots",
        &certs("rsa/root.pem"),
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(with.code, 0, "{}", with.stderr);
    // The JSON is the library's report for the same input and roots.
    let pem = std::fs::read_to_string(certs("rsa/fullchain.pem")).unwrap();
    let root = std::fs::read_to_string(certs("rsa/root.pem")).unwrap();
    let mut input = CertificateInput::new(&pem, Timestamp::parse_rfc3339(NOW).unwrap());
    input.roots = Some(&root);
    let expected: serde_json::Value =
        serde_json::from_str(&check_certificate(&input).to_json_pretty()).unwrap();
    let actual: serde_json::Value = serde_json::from_str(&with.stdout).unwrap();
    assert_eq!(actual, expected);
    assert!(
        actual["diagnostics"].as_array().unwrap().is_empty(),
        "{actual}"
    );
    assert_eq!(
        actual["certificate"]["trust"]["anchored"],
        "issued_by_caller_root"
    );
}

#[test]
fn no_public_roots_distrusts_a_store_root() {
    let file = certs("public/digicert-g3.pem");
    let public = run(&["cert", &file, "--now", NOW]);
    assert!(
        !public.stdout.contains("chain.untrusted_root"),
        "{}",
        public.stdout
    );
    let private = run(&["cert", &file, "--no-public-roots", "--now", NOW]);
    // A root given as the server certificate is cert.leaf_is_ca, an error since issue 26.
    assert_eq!(private.code, 1, "{}", private.stderr);
    assert!(
        private
            .stdout
            .contains("warning[chain.untrusted_root] /certificate/chain/0"),
        "{}",
        private.stdout
    );
}

#[test]
fn an_unreadable_roots_file_is_an_input_error() {
    let r = run(&[
        "cert",
        &certs("rsa/fullchain.pem"),
        "--roots",
        "/nonexistent/roots.pem",
        "--now",
        NOW,
    ]);
    assert_input_error(&r, "/nonexistent/roots.pem");
}
