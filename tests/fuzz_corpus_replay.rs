//! Replays the committed fuzz corpus and every kept crash through the fuzz targets' own
//! bodies (issue 8, item 7), so CI re-checks what fuzzing found without libFuzzer.
//!
//! `fuzz/harness/` is the code each cargo-fuzz binary runs; it is compiled here as a module.
//! Every file in `fuzz/corpus/<target>/` (the `cargo fuzz cmin` output) and in
//! `fuzz/regressions/<target>/` (inputs that once broke an invariant) goes through the target
//! of its folder name. A file that panics fails the test, which names it and the message.

// Helpers outside #[test] functions stop the test loudly when the corpus cannot be read.
#![allow(clippy::expect_used)]

#[path = "../fuzz/harness/mod.rs"]
mod harness;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

fn fuzz_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz")
}

/// The files of `dir`, sorted; none when it does not exist.
fn files_in(dir: &Path) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut files: Vec<PathBuf> = entries
        .map(|e| e.expect("a directory entry").path())
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    files
}

/// Runs every file of `fuzz/<kind>/<target>/` through its target; returns how many ran and
/// the failures as "file: panic message".
fn replay(kind: &str) -> (usize, Vec<String>) {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (name, target) in harness::TARGETS {
        for file in files_in(&fuzz_dir().join(kind).join(name)) {
            let data = std::fs::read(&file).expect("a corpus file is readable");
            ran += 1;
            if let Err(panic) = catch_unwind(AssertUnwindSafe(|| target(&data))) {
                let message = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                    .unwrap_or_default();
                failures.push(format!("{}: {message}", file.display()));
            }
        }
    }
    (ran, failures)
}

#[test]
fn every_target_has_a_committed_corpus() {
    for (name, _) in harness::TARGETS {
        let dir = fuzz_dir().join("corpus").join(name);
        assert!(
            !files_in(&dir).is_empty(),
            "no corpus for fuzz target {name} in {}",
            dir.display()
        );
        assert!(
            fuzz_dir()
                .join("fuzz_targets")
                .join(format!("{name}.rs"))
                .is_file(),
            "no fuzz target file for {name}"
        );
    }
}

#[test]
fn corpus_replays_without_a_panic() {
    let (ran, failures) = replay("corpus");
    eprintln!("replayed {ran} corpus files");
    assert!(ran > 0, "no corpus file found under fuzz/corpus/");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn regressions_replay_without_a_panic() {
    let (ran, failures) = replay("regressions");
    eprintln!("replayed {ran} regression files");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
