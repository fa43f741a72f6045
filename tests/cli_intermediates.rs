//! `cert --intermediates FILE|DIR` (issue 22 item 2), run as a real process: a leaf-only bundle
//! and a pool give, with `--fix`, the complete chain in order, which openssl verifies; what the
//! pool cannot use is a note, what cannot be read an input error.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use std::path::PathBuf;
use std::process::Command;

use cli_support::{assert_input_error, run, Temp, NOW};

fn pool(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pool")
        .join(name)
        .display()
        .to_string()
}

fn read(name: &str) -> String {
    std::fs::read_to_string(pool(name)).unwrap()
}

#[test]
fn a_leaf_and_a_pool_directory_give_the_complete_chain_that_openssl_verifies() {
    let out = Temp::new("pool-fix", "");
    let r = run(&[
        "cert",
        &pool("leaf.pem"),
        "--key",
        &pool("leaf.key"),
        "--intermediates",
        &pool("pool-dir"),
        "--roots",
        &pool("root.pem"),
        "--now",
        NOW,
        "--fix",
        &out.path(),
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout
            .contains("info[chain.completed_from_pool] /certificate/chain/1"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("pool-dir/b.der, certificate 0"),
        "{}",
        r.stdout
    );
    let written = std::fs::read_to_string(out.path()).unwrap();
    assert_eq!(written, read("leaf.pem") + &read("int.pem"));
    // openssl builds the same path from the written bundle alone (its first certificate is the
    // one verified, the rest are the untrusted chain), at the tests' clock.
    let verified = Command::new("openssl")
        .args([
            "verify",
            "-attime",
            "1795392000",
            "-CAfile",
            &pool("root.pem"),
        ])
        .args(["-untrusted", &out.path(), &out.path()])
        .output()
        .expect("openssl runs");
    assert!(
        verified.status.success(),
        "{}",
        String::from_utf8_lossy(&verified.stdout)
    );
    // The written bundle passes its own check, without the pool.
    let again = run(&[
        "cert",
        &out.path(),
        "--roots",
        &pool("root.pem"),
        "--now",
        NOW,
    ]);
    assert_eq!(again.code, 0, "{}", again.stdout);
    assert!(!again.stdout.contains("warning["), "{}", again.stdout);
    assert!(!again.stdout.contains("info["), "{}", again.stdout);
}

#[test]
fn the_json_report_is_the_goldens() {
    let r = run(&[
        "cert",
        &pool("leaf.pem"),
        "--intermediates",
        &pool("pool-cross.pem"),
        "--roots",
        &pool("root.pem"),
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let actual: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let golden = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/golden/certificate/pool-cross.expected.json");
    let mut expected: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(golden).unwrap()).unwrap();
    // The golden names the pool file by its path under testdata/; the CLI as it was given.
    let message = expected["diagnostics"][0]["message"]
        .as_str()
        .unwrap()
        .replace("pool/pool-cross.pem", &pool("pool-cross.pem"));
    expected["diagnostics"][0]["message"] = message.into();
    assert_eq!(actual, expected);
}

#[test]
fn what_the_pool_cannot_use_is_a_note_and_what_cannot_be_read_an_error() {
    let broken = Temp::new(
        "pool-broken",
        &(read("int-wrong.pem")
            + "-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n"),
    );
    let r = run(&[
        "cert",
        &pool("leaf.pem"),
        "--intermediates",
        &broken.path(),
        "--now",
        NOW,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("intermediates: skipped"), "{}", r.stderr);
    assert!(
        r.stdout.contains("info[chain.pool_candidate_rejected]"),
        "{}",
        r.stdout
    );

    let r = run(&[
        "cert",
        &pool("leaf.pem"),
        "--intermediates",
        &pool("leaf.key"),
        "--now",
        NOW,
    ]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("holds no certificate"), "{}", r.stderr);
    assert!(!r.stderr.contains("PRIVATE"), "{}", r.stderr);

    let missing = pool("no-such-pool.pem");
    let r = run(&[
        "cert",
        &pool("leaf.pem"),
        "--intermediates",
        &missing,
        "--now",
        NOW,
    ]);
    assert_input_error(&r, &missing);

    let pfx = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pkcs12/aes-fullchain.pfx")
        .display()
        .to_string();
    let r = run(&[
        "cert",
        &pool("leaf.pem"),
        "--intermediates",
        &pfx,
        "--now",
        NOW,
    ]);
    assert_input_error(&r, &pfx);
}

#[test]
fn scan_completes_each_chain_from_one_pool() {
    let r = run(&[
        "scan",
        &pool("leaf.pem"),
        &pool("deep-leaf.pem"),
        "--intermediates",
        &pool("pool-deep.pem"),
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let reports = cli_support::json_lines(&r.stdout);
    let added: Vec<usize> = reports
        .iter()
        .map(|report| {
            report["diagnostics"]
                .as_array()
                .unwrap()
                .iter()
                .filter(|d| d["rule"] == "chain.completed_from_pool")
                .count()
        })
        .collect();
    // leaf.pem needs the intermediate; deep-leaf.pem the issuing CA and the intermediate.
    assert_eq!(added, [1, 2], "{}", r.stdout);
}
