//! Golden tests: each `testdata/golden/certificate/<case>.case.json` names an input (files
//! under testdata/ or inline text) and sits beside `<case>.expected.json`, the exact report.
//! `UPDATE_GOLDEN=1 cargo test --test golden_certificate` rewrites the expected files; review
//! the diff before committing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

#[path = "golden_support/certificate_case.rs"]
mod certificate_case;

use std::fs;
use std::path::PathBuf;

use cert_preflight::check_certificate;
use certificate_case::{golden_dir, GoldenCase};

fn run_case(case: &GoldenCase) -> String {
    let report = check_certificate(&case.input());
    // The report never carries key text: check that here too, for every golden case.
    if let Some(key) = &case.key {
        let json = serde_json::to_string(&report).expect("report serializes");
        for line in key
            .lines()
            .filter(|l| l.len() >= 40 && !l.starts_with("-----"))
        {
            assert!(
                !json.contains(line.trim()),
                "key material leaked into the report"
            );
        }
    }
    GoldenCase::report_text(&report)
}

#[test]
fn certificate_golden_files() {
    let dir = golden_dir();
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".case.json"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "expected the full golden set, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case_path in &cases {
        let name = case_path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .replace(".case.json", "");
        let actual = run_case(&GoldenCase::load(&name));
        let expected_path = dir.join(format!("{name}.expected.json"));
        if update {
            fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!("{name}: report differs (UPDATE_GOLDEN=1 to rewrite, then review the diff)\n{actual}")),
            Err(_) => failures.push(format!("{name}: no {name}.expected.json")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
