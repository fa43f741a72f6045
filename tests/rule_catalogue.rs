//! The rule table and the code agree: every rule in the table is emitted somewhere in src/,
//! every rule the goldens show is in the table, and every rule in the table is shown by at
//! least one golden file (so each rule has an input that triggers it).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn files_under(dir: &Path, suffix: &str, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files_under(&path, suffix, out);
        } else if path.to_string_lossy().ends_with(suffix) {
            out.push(path);
        }
    }
}

/// `NAME = "id"` pairs declared in the catalogue macro.
fn catalogue_constants() -> Vec<(String, String)> {
    let text = fs::read_to_string(root().join("src/catalog.rs")).expect("catalog.rs");
    text.lines()
        .filter_map(|line| {
            let (name, rest) = line.trim().split_once(" = \"")?;
            let id = rest.split('"').next()?;
            name.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
                .then(|| (name.to_string(), id.to_string()))
        })
        .collect()
}

#[test]
fn catalogue_constants_match_the_public_table() {
    let declared: BTreeSet<String> = catalogue_constants()
        .into_iter()
        .map(|(_, id)| id)
        .collect();
    let public: BTreeSet<String> = cert_preflight::rules()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    assert_eq!(declared, public);
}

#[test]
fn every_rule_in_the_table_is_emitted_by_code() {
    let mut sources = Vec::new();
    files_under(&root().join("src"), ".rs", &mut sources);
    let code: String = sources
        .iter()
        .filter(|p| !p.ends_with("catalog.rs"))
        .map(|p| fs::read_to_string(p).unwrap_or_default())
        .collect();
    let unused: Vec<String> = catalogue_constants()
        .into_iter()
        .filter(|(name, _)| !code.contains(name.as_str()))
        .map(|(name, id)| format!("{id} ({name})"))
        .collect();
    assert!(unused.is_empty(), "rules no code emits: {unused:?}");
}

#[test]
fn goldens_and_table_cover_each_other() {
    let mut expected = Vec::new();
    files_under(&root().join("testdata"), ".expected.json", &mut expected);
    let mut shown = BTreeSet::new();
    for file in &expected {
        let report: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(file).expect("read")).expect("json");
        for d in report["diagnostics"].as_array().into_iter().flatten() {
            if let Some(rule) = d["rule"].as_str() {
                shown.insert(rule.to_string());
            }
        }
    }
    let table: BTreeSet<String> = cert_preflight::rules()
        .iter()
        .map(|r| r.id.to_string())
        .collect();
    let unknown: Vec<_> = shown.difference(&table).collect();
    assert!(
        unknown.is_empty(),
        "goldens show rules missing from the table: {unknown:?}"
    );
    let untested: Vec<_> = table.difference(&shown).collect();
    assert!(
        untested.is_empty(),
        "rules no golden file triggers: {untested:?}"
    );
}

/// SPEC's severity policy for request rules: an error only where a seed (or a provider
/// document) states the constraint. Lists every request-side error whose source is not one,
/// apart from the ones that are certainly broken whatever the API says. A TARGETS.md rule's
/// source names the provider document in brackets (`TARGETS [B-ACM]`); "unverified" there may
/// qualify the error code, never the constraint.
#[test]
fn request_errors_come_from_a_documented_constraint() {
    const REQUEST_GROUPS: &[&str] = &[
        "request.",
        "tag.",
        "id.",
        "client_token.",
        "cert_id.",
        "listener.",
    ];
    // Certainly broken whatever the provider documents: a body that is not JSON at all.
    const CERTAINLY_BROKEN: &[&str] = &["request.malformed"];
    let undocumented: Vec<(&str, &str)> = cert_preflight::rules()
        .iter()
        .filter(|r| REQUEST_GROUPS.iter().any(|g| r.id.starts_with(g)))
        .filter(|r| r.severity == cert_preflight::Severity::Error)
        .filter(|r| !CERTAINLY_BROKEN.contains(&r.id))
        .filter(|r| !r.source.contains("seed") && !r.source.starts_with("TARGETS ["))
        .map(|r| (r.id, r.source))
        .collect();
    assert!(
        undocumented.is_empty(),
        "request errors without a documented source: {undocumented:?}"
    );
}
