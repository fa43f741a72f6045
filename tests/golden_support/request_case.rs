//! A request golden case (`testdata/requests/<operation>/<case>.case.json`, format in
//! tests/request_golden.rs): its operation, caller context and body, with `{"$file": ..}`
//! resolved. Shared by tests/request_golden.rs (every case) and benches/request.rs (its inputs
//! are golden cases, so the benchmark's expectation is the file that test keeps current).
#![allow(
    unreachable_pub,
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test support shared by a test and a benchmark; a broken case should stop either loudly"
)]

use std::fs;
use std::path::{Path, PathBuf};

use cert_preflight::{validate_request, Report, RequestContext, Timestamp};
use serde_json::Value;

/// testdata/requests: one directory per operation, and `certs/` for `$file`.
pub fn data_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/requests")
}

fn resolve_files(value: &mut Value) {
    match value {
        Value::Object(map) if map.len() == 1 && map.contains_key("$file") => {
            let names: Vec<String> = match &map["$file"] {
                Value::String(s) => vec![s.clone()],
                Value::Array(items) => items
                    .iter()
                    .map(|v| v.as_str().expect("$file names are strings").to_string())
                    .collect(),
                other => panic!("bad $file {other}"),
            };
            let text: String = names
                .iter()
                .map(|n| {
                    fs::read_to_string(data_dir().join(n)).unwrap_or_else(|e| panic!("{n}: {e}"))
                })
                .collect();
            *value = Value::String(text);
        }
        Value::Object(map) => map.values_mut().for_each(resolve_files),
        Value::Array(items) => items.iter_mut().for_each(resolve_files),
        _ => {}
    }
}

/// The body as the case gives it.
pub enum Body {
    /// `body_text`: raw text, validated as is.
    Text(String),
    /// `body`: a JSON value (validated both as a value and as its text).
    Value(Value),
}

/// One case, ready to validate.
pub struct RequestCase {
    /// The case file's path.
    pub path: PathBuf,
    /// The case as read, `$file` resolved.
    pub case: Value,
    pub operation: String,
    pub context: RequestContext,
    pub body: Body,
}

impl RequestCase {
    /// Reads a case file.
    pub fn load(path: &Path) -> RequestCase {
        let name = path.display();
        let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let case: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        RequestCase::from_value(path.to_path_buf(), &case)
    }

    /// A case given as a value (`path` names it in messages).
    pub fn from_value(path: PathBuf, case: &Value) -> RequestCase {
        let mut case = case.clone();
        resolve_files(&mut case);
        let operation = case["operation"].as_str().expect("operation").to_string();
        let now = Timestamp::parse_rfc3339(case["now"].as_str().unwrap_or("2026-11-23T00:00:00Z"))
            .expect("now");
        let mut context = RequestContext::new(now);
        if let Some(params) = case.get("path").and_then(Value::as_object) {
            for (k, v) in params {
                context
                    .path_params
                    .insert(k.clone(), v.as_str().expect("path values").to_string());
            }
        }
        if let Some(c) = case.get("context").and_then(Value::as_object) {
            for (key, value) in c {
                context.set(key, value).expect("a known context key");
            }
        }
        let body = match case.get("body_text").and_then(Value::as_str) {
            Some(text) => Body::Text(text.to_string()),
            None => Body::Value(case["body"].clone()),
        };
        RequestCase {
            path,
            case,
            operation,
            context,
            body,
        }
    }

    /// The body's text, as `validate_request` takes it.
    pub fn body_text(&self) -> String {
        match &self.body {
            Body::Text(text) => text.clone(),
            Body::Value(value) => value.to_string(),
        }
    }

    /// The path of the expected report.
    pub fn expected_path(&self) -> PathBuf {
        PathBuf::from(
            self.path
                .display()
                .to_string()
                .replace(".case.json", ".expected.json"),
        )
    }

    /// The report, as the golden file spells it.
    pub fn report_text(report: &Report) -> String {
        report.to_json_pretty() + "\n"
    }

    /// Panics unless the report of the body's text is exactly the golden file. For a
    /// benchmark's setup: the comparison tests/request_golden.rs makes, on the same files.
    pub fn assert_golden(&self) {
        let report = validate_request(&self.operation, &self.body_text(), &self.context)
            .expect("known operation");
        let actual = Self::report_text(&report);
        let expected = fs::read_to_string(self.expected_path())
            .unwrap_or_else(|e| panic!("{}: no expected report: {e}", self.path.display()));
        assert!(
            actual == expected,
            "{}: the report differs from its expected file (tests/request_golden.rs fails too; \
             UPDATE_GOLDEN=1 cargo test --test request_golden rewrites it):\n{actual}",
            self.path.display()
        );
    }
}
