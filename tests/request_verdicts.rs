//! Issue 13's request verdicts, table-driven from `testdata/requests/verdicts/cases.json`: each
//! body through the crate (as a value and as text) and through the CLI gives exactly the
//! expected findings. The npm package runs the same file (pkg/test/node/verdicts.test.mjs).
//! Also: bodies as files arrive (UTF-16 with its byte-order mark, bytes that are not UTF-8).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cert_preflight::{
    validate_request, validate_request_bytes, validate_request_value, Report, RequestContext,
    Timestamp,
};
use cli_support::{run_with, Temp, NOW};
use serde_json::Value;

fn cases() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/requests/verdicts/cases.json"
    );
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn context(case: &Value) -> RequestContext {
    let mut ctx = RequestContext::new(Timestamp::parse_rfc3339(NOW).unwrap());
    for (k, v) in case["path"].as_object().into_iter().flatten() {
        ctx.path_params
            .insert(k.clone(), v.as_str().unwrap().to_string());
    }
    ctx
}

fn triples(report: &Report) -> Vec<(String, String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                d.severity.as_str().to_string(),
                d.path.clone(),
            )
        })
        .collect()
}

fn body_text(case: &Value) -> String {
    match case.get("body_text") {
        Some(text) => text.as_str().unwrap().to_string(),
        None => serde_json::to_string(&case["body"]).unwrap(),
    }
}

#[test]
fn every_front_gives_the_same_verdict() {
    let table = cases();
    let cases = table["cases"].as_array().unwrap();
    assert!(cases.len() >= 12);
    for (index, case) in cases.iter().enumerate() {
        let name = case["name"].as_str().unwrap();
        let ctx = context(case);
        let op = case["operation"].as_str().unwrap();
        let expected: Vec<(String, String, String)> = case["expect"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                let s = |i: usize| t[i].as_str().unwrap().to_string();
                (s(0), s(1), s(2))
            })
            .collect();
        let text = body_text(case);
        let from_text = validate_request(op, &text, &ctx).unwrap();
        assert_eq!(
            triples(&from_text),
            expected,
            "{name}: text\n{}",
            from_text.to_json_pretty()
        );
        let value: Value = serde_json::from_str(&text).unwrap();
        let from_value = validate_request_value(op, &value, &ctx).unwrap();
        assert_eq!(from_value, from_text, "{name}: value and text differ");
        let from_bytes = validate_request_bytes(op, text.as_bytes(), &ctx).unwrap();
        assert_eq!(from_bytes, from_text, "{name}: bytes and text differ");
        if let Some(needle) = case.get("message_contains").and_then(Value::as_str) {
            assert!(
                from_text.diagnostics[0].message.contains(needle),
                "{name}: {}",
                from_text.diagnostics[0].message
            );
        }
        // The CLI, on the same body as a file, prints the same report.
        let file = Temp::new(&format!("verdict-{index}"), &text);
        let file_path = file.path();
        let mut args = vec!["request", op, &file_path, "--format", "json", "--now", NOW];
        let paths: Vec<String> = case["path"]
            .as_object()
            .into_iter()
            .flatten()
            .map(|(k, v)| format!("{k}={}", v.as_str().unwrap()))
            .collect();
        for p in &paths {
            args.extend(["--path", p.as_str()]);
        }
        let run = run_with(&args, b"", &[]);
        assert_eq!(
            run.code,
            u8::from(!from_text.valid) as i32,
            "{name}: {}",
            run.stderr
        );
        assert_eq!(
            run.stdout.trim_end(),
            from_text.to_json_pretty(),
            "{name}: CLI"
        );
    }
}

/// `cert-preflight request OP FILE --format json` at [`NOW`].
fn cli_json(op: &str, file: &Temp) -> cli_support::Run {
    run_with(
        &[
            "request",
            op,
            &file.path(),
            "--format",
            "json",
            "--now",
            NOW,
        ],
        b"",
        &[],
    )
}

#[test]
fn bodies_as_files_arrive() {
    let ctx = RequestContext::new(Timestamp::parse_rfc3339(NOW).unwrap());
    let op = "alibaba.slb.upload-ca-certificate";
    let body = r#"{"RegionId": "cn-hangzhou", "CACertificate": "", "Tag": [{"Key": "env", "Value": "标签"}]}"#;
    let expected = validate_request(op, body, &ctx).unwrap();
    let mut le = vec![0xFF, 0xFE];
    le.extend(body.encode_utf16().flat_map(u16::to_le_bytes));
    let mut be = vec![0xFE, 0xFF];
    be.extend(body.encode_utf16().flat_map(u16::to_be_bytes));
    let mut utf8_bom = b"\xEF\xBB\xBF".to_vec();
    utf8_bom.extend(body.as_bytes());
    for (what, bytes) in [
        ("UTF-16LE", &le),
        ("UTF-16BE", &be),
        ("UTF-8 with BOM", &utf8_bom),
    ] {
        assert_eq!(
            validate_request_bytes(op, bytes, &ctx).unwrap(),
            expected,
            "{what}"
        );
        let file = Temp::new_bytes(&format!("encoding-{}", what.replace(' ', "-")), bytes);
        let run = cli_json(op, &file);
        assert_eq!(
            run.stdout.trim_end(),
            expected.to_json_pretty(),
            "{what}: {}",
            run.stderr
        );
    }
    // Not UTF-8: request.malformed with the byte offset, exit 1, JSON on stdout.
    let mut bad = body.as_bytes().to_vec();
    bad[15] = 0xFF;
    let report = validate_request_bytes(op, &bad, &ctx).unwrap();
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].rule, "request.malformed");
    assert!(
        report.diagnostics[0].message.contains("offset 15"),
        "{}",
        report.diagnostics[0].message
    );
    let file = Temp::new_bytes("not-utf8-body", &bad);
    let run = cli_json(op, &file);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.stdout.trim_end(), report.to_json_pretty());
    // A lone surrogate in UTF-16 is refused the same way.
    let mut lone = vec![0xFF, 0xFE, b'{', 0, 0x00, 0xD8, b'}', 0];
    lone.truncate(8);
    let report = validate_request_bytes(op, &lone, &ctx).unwrap();
    assert_eq!(report.diagnostics[0].rule, "request.malformed");
    assert!(
        report.diagnostics[0].message.contains("UTF-16"),
        "{}",
        report.diagnostics[0].message
    );
}
