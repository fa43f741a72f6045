//! Golden files for request validation: every `testdata/requests/<operation>/<case>.case.json`
//! is validated and its report compared, exactly, with `<case>.expected.json` beside it.
//! `UPDATE_GOLDEN=1 cargo test --test request_golden` rewrites the expected files (review them).
//!
//! A case file:
//! ```json
//! {"operation": "alibaba.alb.create-listener", "now": "2026-11-23T00:00:00Z",
//!  "path": {"project_id": "..."}, "context": {"certificate": "...", "listener_protocol": "HTTP",
//!  "default_certificate_id": "...", "in_use": true},
//!  "body": {...} or "body_text": "raw text",
//!  "rules": ["request.out_of_range"], "requires_core": true}
//! ```
//! `rules` (optional) is the exact set of rule ids the report must contain, checked besides the
//! golden file. Anywhere in `body` or `context`, `{"$file": "certs/leaf.pem"}` stands for the
//! text of that file under `testdata/requests/` (`{"$file": [..]}` concatenates several).
//! `requires_core` cases check certificates; while the certificate core is still a stub (it
//! reports no facts for a valid certificate) they are skipped with a note.
//!
//! Every diagnostic of every case is also checked against `operation_rules` (what
//! `rules --operation` lists): its rule is listed, with its severity among the listed ones, the
//! same error code, and `fixed` only where the row says the normalized output fixes it. What
//! the listing says is what a report of the operation can contain.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

#[path = "golden_support/request_case.rs"]
mod request_case;

use std::collections::BTreeSet;
use std::fs;
use std::path::PathBuf;

use cert_preflight::{
    check_certificate, operation_rules, operations, validate_request, validate_request_value,
    CertificateInput, Report, Timestamp,
};
use request_case::{data_dir, Body, RequestCase};
use serde_json::Value;

fn core_is_ready() -> bool {
    let pem = fs::read_to_string(data_dir().join("certs/leaf.pem")).expect("leaf.pem");
    let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").expect("time");
    check_certificate(&CertificateInput::new(&pem, now))
        .certificate
        .is_some()
}

/// Runs one case and returns its report; a `body` is validated as a value and as text, and
/// the two reports must agree.
fn run_case(case: &RequestCase) -> Report {
    let operation = case.operation.as_str();
    let context = &case.context;
    match &case.body {
        Body::Text(text) => validate_request(operation, text, context).expect("known operation"),
        Body::Value(body) => {
            let from_value =
                validate_request_value(operation, body, context).expect("known operation");
            let from_text = validate_request(operation, &body.to_string(), context).expect("known");
            assert_eq!(from_value, from_text, "text and value paths differ");
            from_value
        }
    }
}

#[test]
fn golden_cases() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let core_ready = core_is_ready();
    let mut failures = Vec::new();
    let mut skipped = 0;
    let mut ran = 0;
    let mut listed_operations = BTreeSet::new();
    let mut dirs: Vec<PathBuf> = fs::read_dir(data_dir())
        .expect("testdata/requests")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir() && !p.ends_with("certs"))
        .collect();
    dirs.sort();
    for dir in dirs {
        let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
            .expect("operation dir")
            .map(|e| e.expect("entry").path())
            .filter(|p| p.to_string_lossy().ends_with(".case.json"))
            .collect();
        cases.sort();
        for case_path in cases {
            let name = case_path.display().to_string();
            let loaded = RequestCase::load(&case_path);
            let case = &loaded.case;
            if case["requires_core"] == true && !core_ready {
                skipped += 1;
                continue;
            }
            ran += 1;
            let report = run_case(&loaded);
            let actual = RequestCase::report_text(&report);
            let expected_path = loaded.expected_path();
            if update {
                fs::write(&expected_path, &actual).expect("write expected");
            } else {
                match fs::read_to_string(&expected_path) {
                    Ok(expected) if expected == actual => {}
                    Ok(_) => failures.push(format!("{name}: report differs:\n{actual}")),
                    Err(_) => failures.push(format!("{name}: no expected file")),
                }
            }
            failures.extend(
                unlisted(&report)
                    .into_iter()
                    .map(|f| format!("{name}: {f}")),
            );
            listed_operations.insert(report.operation.clone());
            if let Some(rules) = case.get("rules").and_then(Value::as_array) {
                let want: BTreeSet<&str> = rules.iter().filter_map(Value::as_str).collect();
                let got: BTreeSet<&str> =
                    report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
                if want != got {
                    failures.push(format!("{name}: rules {got:?}, expected {want:?}"));
                }
            }
        }
    }
    if skipped > 0 {
        eprintln!(
            "note: {skipped} certificate-bearing cases skipped until the certificate core lands"
        );
    }
    assert!(ran > 0, "no cases found");
    let every: BTreeSet<String> = operations().iter().map(|o| o.id.to_string()).collect();
    assert_eq!(listed_operations, every, "every operation has golden cases");
    assert!(
        failures.is_empty(),
        "{} failing cases:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// What `report` holds that `rules --operation` does not list for its operation.
fn unlisted(report: &Report) -> Vec<String> {
    let listing = operation_rules(&report.operation).expect("a known operation");
    let mut wrong = Vec::new();
    for d in &report.diagnostics {
        let Some(row) = listing.iter().find(|r| r.id == d.rule) else {
            wrong.push(format!("{} is not listed", d.rule));
            continue;
        };
        if row.severity != d.severity && !row.also.contains(d.severity) {
            wrong.push(format!(
                "{} at {} is {:?}; the listing says {:?} (also {:?})",
                d.rule, d.path, d.severity, row.severity, row.also
            ));
        }
        if row.api_error != d.api_error.as_deref() {
            wrong.push(format!(
                "{} at {} has code {:?}; the listing says {:?}",
                d.rule, d.path, d.api_error, row.api_error
            ));
        }
        if d.fixed && !row.fixed_by_normalizing {
            wrong.push(format!(
                "{} at {} is fixed; its row says manual",
                d.rule, d.path
            ));
        }
    }
    wrong
}
