//! Completing a chain from a pool of thousands of intermediates (issue 22 item 2): building
//! the pool, and a check that draws the one issuer it needs from it, against the same check of
//! the complete bundle with no pool.
//!
//! The pool is testdata/pool/int-wrong.pem (the intermediate's name, another key) copied with
//! its common name's last 12 bytes replaced by a counter, so every copy has its own subject
//! (their signatures no longer verify, which the index never looks at), then the right
//! intermediate (int.pem) last. Before timing, the pool's report must complete the chain with
//! int.pem, and equal the complete bundle's report but for that one info.
//!
//! Run: `cargo bench --bench pool -- --warm-up-time 1 --measurement-time 3`; peak memory of
//! the CLI for pools of 1 to 50,000 certificates: `scripts/bench-pool.sh` (docs/performance.md).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code: criterion's macros make undocumented public functions, and a broken input should stop the run"
)]

use std::hint::black_box;
use std::path::PathBuf;

use cert_preflight::{check_certificate, CertificateInput, IntermediatePool, Report, Timestamp};
use criterion::{criterion_group, criterion_main, BatchSize, Criterion};

const POOL_SIZE: usize = 5_000;

fn read(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pool")
        .join(name);
    std::fs::read_to_string(path).unwrap()
}

fn der_of(pem: &str) -> Vec<u8> {
    let (_, pem) = x509_parser::pem::parse_x509_pem(pem.as_bytes()).unwrap();
    pem.contents
}

/// `count` certificates with distinct subjects (see the module comment), then int.pem, each
/// as its own source.
fn pool_sources(count: usize) -> Vec<Vec<u8>> {
    let wrong = der_of(&read("int-wrong.pem"));
    let name = b"Intermediate";
    let at = wrong
        .windows(name.len())
        .position(|w| w == name)
        .expect("the CN in the DER");
    let mut sources: Vec<Vec<u8>> = (0..count)
        .map(|i| {
            let mut der = wrong.clone();
            der[at..at + name.len()].copy_from_slice(format!("{i:012}").as_bytes());
            der
        })
        .collect();
    sources.push(der_of(&read("int.pem")));
    sources
}

fn build(sources: &[Vec<u8>]) -> IntermediatePool {
    let mut pool = IntermediatePool::new();
    for der in sources {
        pool.add(der, "bench");
    }
    pool
}

fn check(bundle: &str, roots: &str, pool: Option<&IntermediatePool>, now: Timestamp) -> Report {
    let mut input = CertificateInput::new(bundle, now);
    input.roots = Some(roots);
    input.intermediates = pool;
    check_certificate(&input)
}

fn pool_benches(c: &mut Criterion) {
    let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
    let (leaf, int, root) = (read("leaf.pem"), read("int.pem"), read("root.pem"));
    let sources = pool_sources(POOL_SIZE);
    let pool = build(&sources);
    assert_eq!(pool.len(), POOL_SIZE + 1);
    let complete = leaf.clone() + &int;
    let from_pool = check(&leaf, &root, Some(&pool), now);
    let given = check(&complete, &root, None, now);
    assert_eq!(from_pool.normalized.as_deref(), Some(complete.as_str()));
    let rules: Vec<&str> = from_pool
        .diagnostics
        .iter()
        .map(|d| d.rule.as_str())
        .collect();
    assert_eq!(rules, ["chain.completed_from_pool"]);
    assert!(given.diagnostics.is_empty());
    assert_eq!(from_pool.certificate, given.certificate);

    let mut group = c.benchmark_group("pool");
    group.bench_function("build_5001", |b| {
        b.iter_batched(
            || (),
            |()| build(black_box(&sources)),
            BatchSize::LargeInput,
        )
    });
    group.bench_function("check_leaf_with_pool_5001", |b| {
        b.iter(|| check(black_box(&leaf), &root, Some(&pool), now))
    });
    group.bench_function("check_complete_bundle_no_pool", |b| {
        b.iter(|| check(black_box(&complete), &root, None, now))
    });
    group.finish();
}

criterion_group!(benches, pool_benches);
criterion_main!(benches);
