//! The command line's `cert` command, run as a real process: exit codes, one-line errors,
//! identity of the JSON with the library's report, `--fix`, DER input, and a private key
//! never echoed. Data: testdata/cli (made by gen.sh).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cert_preflight::{check_certificate, CertificateInput, Timestamp};
use cli_support::{assert_input_error, data, read, run, run_with, Run, NOW};

fn input_at_now(pem: &str) -> CertificateInput<'_> {
    CertificateInput::new(pem, Timestamp::parse_rfc3339(NOW).unwrap())
}

#[test]
fn valid_chain_with_key_and_domains_exits_0() {
    let r = run(&[
        "cert",
        &data("fullchain.pem"),
        "--key",
        &data("leaf.key"),
        "--domains",
        "www.example.com,api.example.com",
        "--now",
        NOW,
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("✓ valid"), "{}", r.stdout);
}

#[test]
fn empty_input_exits_1() {
    let r = run_with(&["cert", "-", "--now", NOW], b"", &[]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("error[chain.empty] /certificate: "),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("✗ 1 error"), "{}", r.stdout);
}

#[test]
fn misordered_bundle_exits_1_with_one_line_per_diagnostic() {
    let r = run(&["cert", &data("misordered.pem"), "--now", NOW]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("error[chain.misordered] /certificate"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("[fixed in normalized output]"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("run with --fix FILE"), "{}", r.stdout);
}

#[test]
fn key_mismatch_exits_1_and_never_prints_the_key() {
    let r = run(&[
        "cert",
        &data("fullchain.pem"),
        "--key",
        &data("other.key"),
        "--now",
        NOW,
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.contains("error[key.mismatch]"), "{}", r.stdout);
    assert_key_not_echoed(&r, "other.key");
}

#[test]
fn a_key_given_as_the_certificate_is_not_echoed() {
    let r = run(&["cert", &data("leaf.key"), "--now", NOW]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert_key_not_echoed(&r, "leaf.key");
    let j = run(&["cert", &data("leaf.key"), "--now", NOW, "--format", "json"]);
    assert_key_not_echoed(&j, "leaf.key");
}

fn assert_key_not_echoed(r: &Run, key_file: &str) {
    for line in read(key_file).lines().filter(|l| !l.starts_with("-----")) {
        assert!(
            !r.stdout.contains(line) && !r.stderr.contains(line),
            "key line echoed"
        );
    }
}

#[test]
fn facts_block_shows_the_leaf() {
    let r = run(&["cert", &data("fullchain.pem"), "--now", NOW]);
    let sha1 = read("leaf.sha1.txt");
    for want in [
        "www.example.com",
        "*.example.com",
        "2035-12-31T23:59:59Z",
        "days left",
        sha1.trim(),
    ] {
        assert!(r.stdout.contains(want), "{want} missing in:\n{}", r.stdout);
    }
}

/// The human text names the audience the lints were judged for, and why (issue 20), as the
/// JSON's `certificate.trust` does.
#[test]
fn facts_block_names_the_audience() {
    let table = [
        (None, "audience   private (auto: "),
        (
            Some("public"),
            "audience   public (the caller chose the public audience)",
        ),
        (
            Some("private"),
            "audience   private (the caller chose the private audience",
        ),
    ];
    for (audience, want) in table {
        let file = data("fullchain.pem");
        let mut args: Vec<&str> = vec!["cert", file.as_str(), "--now", NOW];
        if let Some(a) = audience {
            args.extend(["--audience", a]);
        }
        let r = run(&args);
        assert!(r.stdout.contains(want), "{want} missing in:\n{}", r.stdout);
    }
}

#[test]
fn json_is_the_library_report_exactly() {
    let pem = read("misordered.pem");
    let key = read("leaf.key");
    let mut input = input_at_now(&pem);
    input.private_key = Some(&key);
    input.domains = Some("www.example.com,a..b");
    let expected = serde_json::to_string_pretty(&check_certificate(&input)).unwrap();
    let r = run(&[
        "cert",
        &data("misordered.pem"),
        "--key",
        &data("leaf.key"),
        "--domains",
        "www.example.com,a..b",
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.stdout.trim_end(), expected);
    assert_eq!(r.code, u8::from(!check_certificate(&input).valid) as i32);
}

#[test]
fn ca_flag_checks_a_ca_upload() {
    let pem = read("ca.pem");
    let mut input = input_at_now(&pem);
    input.purpose = cert_preflight::CertificatePurpose::CaUpload;
    let expected = serde_json::to_string_pretty(&check_certificate(&input)).unwrap();
    let r = run(&[
        "cert",
        &data("ca.pem"),
        "--ca",
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.stdout.trim_end(), expected);
    assert_eq!(r.code, 0, "{}", r.stdout);
    let two = run(&["cert", &data("fullchain.pem"), "--ca", "--now", NOW]);
    assert_eq!(two.code, 1, "{}", two.stdout);
    assert!(
        two.stdout.contains("ca.single_certificate"),
        "{}",
        two.stdout
    );
}

#[test]
fn der_file_is_wrapped_with_a_note() {
    let der = run(&["cert", &data("leaf.der"), "--now", NOW, "--format", "json"]);
    let pem = run(&["cert", &data("leaf.pem"), "--now", NOW, "--format", "json"]);
    assert_eq!(der.stdout, pem.stdout);
    assert_eq!(der.code, pem.code);
    assert!(
        der.stderr.starts_with("cert-preflight: note: "),
        "{}",
        der.stderr
    );
    assert!(der.stderr.contains("DER"), "{}", der.stderr);
}

#[test]
fn fix_writes_the_normalized_bundle() {
    let pem = read("misordered.pem");
    let normalized = check_certificate(&input_at_now(&pem)).normalized;
    let out = std::env::temp_dir().join(format!("cert-preflight-fix-{}.pem", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let r = run(&[
        "cert",
        &data("misordered.pem"),
        "--now",
        NOW,
        "--fix",
        &out.display().to_string(),
    ]);
    let written = std::fs::read_to_string(&out).ok();
    let _ = std::fs::remove_file(&out);
    assert!(
        normalized.is_some(),
        "the core normalizes a misordered bundle"
    );
    assert_eq!(written, normalized);
    assert!(
        r.stderr.contains("wrote the normalized bundle"),
        "{}",
        r.stderr
    );
    assert!(
        !r.stdout.contains("run with --fix"),
        "no hint once fixed: {}",
        r.stdout
    );
}

#[test]
fn fix_to_stdout_sends_the_report_to_stderr() {
    let r = run(&["cert", &data("misordered.pem"), "--now", NOW, "--fix", "-"]);
    assert!(
        r.stdout.starts_with("-----BEGIN CERTIFICATE-----"),
        "{}",
        r.stdout
    );
    assert!(r.stderr.contains("chain.misordered"), "{}", r.stderr);
}

#[test]
fn fix_with_nothing_to_fix_writes_nothing() {
    let out = std::env::temp_dir().join(format!("cert-preflight-nofix-{}.pem", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let r = run(&[
        "cert",
        &data("leaf.pem"),
        "--now",
        NOW,
        "--fix",
        &out.display().to_string(),
    ]);
    assert!(!out.exists(), "nothing should be written");
    assert!(r.stderr.contains("nothing to fix"), "{}", r.stderr);
}

#[test]
fn unreadable_inputs_exit_2_with_one_line() {
    let missing = data("no-such-file.pem");
    assert_input_error(&run(&["cert", &missing]), &missing);
    let dir = data("");
    let dir = dir.trim_end_matches('/');
    assert_input_error(&run(&["cert", dir]), dir);
    assert_input_error(&run(&["fingerprint", &missing]), &missing);
    // Bytes that are not UTF-8 are read (issue 8, item 4): the report says what they are not.
    let not_text = run(&["cert", &data("not-utf8.bin"), "--format", "json"]);
    assert_eq!(not_text.code, 1, "{}", not_text.stderr);
    assert!(
        not_text.stdout.contains("\"chain.empty\""),
        "{}",
        not_text.stdout
    );
    let key = data("not-utf8.bin");
    let not_a_key = run(&["cert", &data("leaf.pem"), "--key", &key, "--format", "json"]);
    assert_eq!(not_a_key.code, 1, "{}", not_a_key.stderr);
    assert!(
        not_a_key.stdout.contains("\"pem.malformed\""),
        "{}",
        not_a_key.stdout
    );
    assert_input_error(
        &run(&["cert", &data("leaf.pem"), "--key", &missing]),
        &missing,
    );
    assert_input_error(
        &run(&["cert", &data("leaf.pem"), "--now", "yesterday"]),
        "--now",
    );
}

#[test]
fn usage_errors_exit_2_without_panic() {
    for args in [
        &["cert"][..],
        &["frobnicate"],
        &["cert", "x", "--format", "xml"],
        &["fingerprint", "x", "--sha1", "--sha256"],
    ] {
        let r = run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
    assert_eq!(run(&["--help"]).code, 0);
}

#[test]
fn options_reach_the_core() {
    let chain = data("fullchain.pem");
    let r = run(&[
        "cert",
        &chain,
        "--domains",
        "www.example.com,example.com",
        "--now",
        NOW,
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(
        r.stdout.contains("error[domain.not_covered] /domains: "),
        "{}",
        r.stdout
    );

    let slb = run(&["cert", &chain, "--profile", "alibaba-slb", "--now", NOW]);
    assert!(
        slb.stdout.contains("warning[cert.algorithm_unsupported]"),
        "{}",
        slb.stdout
    );
    assert_eq!(slb.code, 0, "warnings alone exit 0: {}", slb.stdout);

    let late = "2035-12-20T00:00:00Z";
    let soon = run(&["cert", &chain, "--now", late]);
    assert!(
        soon.stdout.contains("warning[cert.expires_soon]"),
        "{}",
        soon.stdout
    );
    let quiet = run(&["cert", &chain, "--now", late, "--expiry-days", "5"]);
    assert!(
        !quiet.stdout.contains("cert.expires_soon"),
        "{}",
        quiet.stdout
    );

    let expired = run(&["cert", &chain, "--now", "2036-01-01T00:00:00Z"]);
    assert_eq!(expired.code, 1);
    assert!(
        expired.stdout.contains("error[cert.expired]"),
        "{}",
        expired.stdout
    );
}
