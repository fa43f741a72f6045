//! Each front builds the core with the features its users expect: the Python package is the
//! CLI's core in Python's idiom (issue 21), so it enables every default feature of the crate but
//! the command line itself. A feature added to the defaults and not to `py/Cargo.toml` left
//! Python silently without it once (the intermediates pool: `intermediates=` was ignored).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::collections::BTreeSet;

/// The quoted names in the first `[...]` list after `marker` on one line of `text`.
fn quoted_list(text: &str, marker: &str) -> BTreeSet<String> {
    let line = text
        .lines()
        .find(|l| l.trim_start().starts_with(marker))
        .unwrap_or_else(|| panic!("no line starting with {marker:?}"));
    let list = line
        .split_once(marker)
        .map(|(_, rest)| rest)
        .and_then(|rest| rest.split_once('['))
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .unwrap_or_else(|| panic!("no [...] list on {line:?}"));
    list.split(',')
        .map(|item| item.trim().trim_matches('"').to_string())
        .filter(|item| !item.is_empty())
        .collect()
}

#[test]
fn the_python_package_has_every_default_feature_but_the_cli() {
    let root = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let py =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/py/Cargo.toml")).unwrap();
    let mut defaults = quoted_list(&root, "default =");
    assert!(
        defaults.remove("cli"),
        "the crate's defaults include the CLI"
    );
    let core_line = py
        .lines()
        .find(|l| l.starts_with("cert-preflight ="))
        .expect("py/Cargo.toml depends on cert-preflight");
    let python = quoted_list(
        core_line.split_once("features").expect("a features list").1,
        "=",
    );
    assert_eq!(python, defaults, "py/Cargo.toml's features for the core");
}

/// The fuzz targets build the core as its users get it: a target whose feature is off fuzzes
/// code paths that do nothing (the pool and PKCS#12 are features).
#[test]
fn the_fuzz_targets_have_every_default_feature_but_the_cli() {
    let root = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml")).unwrap();
    let fuzz =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/fuzz/Cargo.toml")).unwrap();
    let mut defaults = quoted_list(&root, "default =");
    defaults.remove("cli");
    let core = fuzz
        .split_once("[dependencies.cert-preflight]")
        .expect("fuzz/Cargo.toml depends on cert-preflight")
        .1;
    assert_eq!(
        quoted_list(core, "features ="),
        defaults,
        "fuzz/Cargo.toml's features for the core"
    );
}
