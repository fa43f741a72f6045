//! The command line's `request` and `operations` commands, run as a real process: exit codes,
//! stdin, `--path`, `--context`, and identity of the JSON with the library's report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cert_preflight::{operations, validate_request, RequestContext, Timestamp};
use cli_support::{assert_input_error, data, read, run_with, Run, Temp, NOW};
use serde_json::json;

const PROJECT: &str = "project_id=99a3fff0d03c428eac3678da6a7d0f24";
const CERT_ID: &str = "certificate_id=233a6f8d5b9c4b3c8a6a3c2e1f0d9e8b";

/// Runs the binary with `stdin` fed in.
fn run_in(args: &[&str], stdin: &[u8]) -> Run {
    run_with(args, stdin, &[])
}

fn elb_body(key: &str) -> String {
    json!({"certificate": {
        "certificate": read("fullchain.pem"),
        "private_key": read(key),
        "domain": "www.example.com",
    }})
    .to_string()
}

#[test]
fn elb_update_valid_and_invalid_from_stdin() {
    let ok = run_in(
        &[
            "request",
            "huawei.elb.update-certificate",
            "-",
            "--path",
            PROJECT,
            "--path",
            CERT_ID,
            "--now",
            NOW,
        ],
        elb_body("leaf.key").as_bytes(),
    );
    assert_eq!(ok.code, 0, "{}{}", ok.stdout, ok.stderr);
    let bad = run_in(
        &[
            "request",
            "huawei.elb.update-certificate",
            "-",
            "--path",
            PROJECT,
            "--path",
            CERT_ID,
            "--now",
            NOW,
        ],
        elb_body("other.key").as_bytes(),
    );
    assert_eq!(bad.code, 1, "{}", bad.stdout);
    assert!(
        bad.stdout.contains("error[key.mismatch] /certificate/"),
        "{}",
        bad.stdout
    );
    for line in read("other.key")
        .lines()
        .filter(|l| !l.starts_with("-----"))
    {
        assert!(!bad.stdout.contains(line), "key echoed");
    }
}

#[test]
fn json_is_the_library_report_exactly() {
    let body = json!({"RegionId": "cn-nowhere", "CACertificate": read("ca.pem"),
        "Tag": [{"Key": "acs:x", "Value": "v"}]})
    .to_string();
    let file = Temp::new("slb", &body);
    let ctx = RequestContext::new(Timestamp::parse_rfc3339(NOW).unwrap());
    let expected = validate_request("alibaba.slb.upload-ca-certificate", &body, &ctx).unwrap();
    let r = run_in(
        &[
            "request",
            "UploadCACertificate",
            &file.path(),
            "--now",
            NOW,
            "--format",
            "json",
        ],
        b"",
    );
    assert_eq!(
        r.stdout.trim_end(),
        serde_json::to_string_pretty(&expected).unwrap()
    );
    assert_eq!(r.code, 1);
    let human = run_in(
        &["request", "UploadCACertificate", &file.path(), "--now", NOW],
        b"",
    );
    assert!(
        human
            .stdout
            .contains("(the API would answer InvalidParam.TagKey)"),
        "{}",
        human.stdout
    );
}

#[test]
fn malformed_body_is_a_diagnostic_not_an_input_error() {
    let r = run_in(
        &["request", "alibaba.alb.create-listener", "-", "--now", NOW],
        b"{not json",
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("error[request.malformed]"),
        "{}",
        r.stdout
    );
}

#[test]
fn context_file_is_passed_through() {
    let body =
        json!({"ListenerId": "lsn-abc", "Certificates": [{"CertificateId": "1011-cn-hangzhou"}]})
            .to_string();
    let ctx = Temp::new(
        "ctx",
        &json!({"listener_protocol": "HTTP", "default_certificate_id": null, "in_use": false})
            .to_string(),
    );
    let r = run_in(
        &[
            "request",
            "alibaba.alb.associate-additional-certificates",
            "-",
            "--context",
            &ctx.path(),
            "--now",
            NOW,
        ],
        body.as_bytes(),
    );
    assert_eq!(r.code, 1, "{}{}", r.stdout, r.stderr);
    assert!(
        r.stdout.contains("listener.http_not_supported"),
        "{}",
        r.stdout
    );
}

#[test]
fn bad_arguments_exit_2_with_one_line() {
    let body = Temp::new("body", "{}");
    let missing = data("no-such-body.json");
    assert_input_error(
        &run_in(&["request", "NoSuchOperation", &body.path()], b""),
        "NoSuchOperation",
    );
    let op = "huawei.elb.update-certificate";
    assert_input_error(&run_in(&["request", op, &missing], b""), &missing);
    let dir = data("");
    let dir = dir.trim_end_matches('/');
    assert_input_error(&run_in(&["request", op, dir], b""), dir);
    assert_input_error(
        &run_in(&["request", op, &body.path(), "--now", "2026-13-01"], b""),
        "--now",
    );
    for bad in ["project_id", "=x", "a=1 --path a=2"] {
        let mut args = vec!["request", op, "-"];
        for part in bad.split(" --path ") {
            args.extend(["--path", part]);
        }
        assert_input_error(&run_in(&args, b"{}"), "--path");
    }
    for ctx in [
        r#"{"colour": "red"}"#,
        r#"{"in_use": "yes"}"#,
        r#"{"certificate": 3}"#,
        "[]",
        "{",
    ] {
        let file = Temp::new("badctx", ctx);
        assert_input_error(
            &run_in(
                &["request", op, &body.path(), "--context", &file.path()],
                b"",
            ),
            &file.path(),
        );
    }
    assert_input_error(&run_in(&["request", op, "-", "--context", "-"], b"{}"), "-");
    assert_eq!(run_in(&["request", op], b"").code, 2);
}

#[test]
fn list_shows_every_operation_with_provider_source_and_action() {
    for args in [&["request", "--list"][..], &["operations"]] {
        let r = run_in(args, b"");
        assert_eq!(r.code, 0);
        for op in operations() {
            let line = r
                .stdout
                .lines()
                .find(|l| l.starts_with(op.id))
                .unwrap_or_default();
            // The source without its bracketed provider tags (`TARGETS.md §1`, a seed file).
            let source = op.seed.split(" (").next().unwrap_or(op.seed);
            assert!(
                line.contains(op.action) && line.contains(source) && line.contains(op.provider),
                "{}",
                r.stdout
            );
        }
    }
    let json = run_in(&["operations", "--format", "json"], b"");
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v.as_array().unwrap().len(), operations().len());
    let seeds = operations()
        .iter()
        .filter(|o| o.seed.ends_with(".txt"))
        .count();
    assert_eq!(seeds, 5, "the five seed operations");
}
