//! Completing a chain from a pool of intermediates (issue 22 item 2), through the crate:
//! which pool certificate is added for each generated pool (scripts/gen-testdata-pool.sh), that
//! the normalized bundle is the complete chain in order and passes its own check, and what the
//! pool keeps of what it is given. The exact reports are goldens
//! (testdata/golden/certificate/pool-*.case.json).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::path::PathBuf;

use cert_preflight::{check_certificate, CertificateInput, IntermediatePool, Report, Timestamp};

const NOW: &str = "2026-11-23T00:00:00Z";

fn pool_data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/pool")
        .join(name)
}

fn text(name: &str) -> String {
    std::fs::read_to_string(pool_data(name)).unwrap()
}

fn pool_of(files: &[&str]) -> IntermediatePool {
    let mut pool = IntermediatePool::new();
    for file in files {
        pool.add(&std::fs::read(pool_data(file)).unwrap(), file);
    }
    pool
}

fn check(bundle: &str, pool: &IntermediatePool, roots: Option<&str>) -> Report {
    let mut input = CertificateInput::new(bundle, Timestamp::parse_rfc3339(NOW).unwrap());
    input.roots = roots;
    input.intermediates = Some(pool);
    check_certificate(&input)
}

fn rules(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

/// Each pool, for the leaf it is given with: the rules reported, and the files whose
/// certificates the normalized bundle must be, in order (empty: no normalized bundle).
struct Case {
    leaf: &'static str,
    pool: &'static [&'static str],
    roots: bool,
    rules: &'static [&'static str],
    normalized: &'static [&'static str],
}

const CASES: &[Case] = &[
    Case {
        leaf: "leaf.pem",
        pool: &["pool-right.pem"],
        roots: true,
        rules: &["chain.completed_from_pool"],
        normalized: &["leaf.pem", "int.pem"],
    },
    // Same name, another key: its key identifier rules it out.
    Case {
        leaf: "leaf.pem",
        pool: &["pool-wrong.pem"],
        roots: true,
        rules: &["chain.incomplete", "chain.pool_candidate_rejected"],
        normalized: &[],
    },
    // Same name, another key, no key identifiers: the signature rules it out.
    Case {
        leaf: "leaf.pem",
        pool: &["pool-wrong-noski.pem"],
        roots: true,
        rules: &["chain.incomplete", "chain.pool_candidate_rejected"],
        normalized: &[],
    },
    // The wrong one first: the right one is still found, and the wrong one is not reported.
    Case {
        leaf: "leaf.pem",
        pool: &["pool-mixed.pem"],
        roots: true,
        rules: &["chain.completed_from_pool"],
        normalized: &["leaf.pem", "int.pem"],
    },
    // Two cross-signed intermediates, the one under the old root first: the one that reaches
    // the caller's root is chosen (OpenSSL 3.0 takes the first and fails, see the generator).
    Case {
        leaf: "leaf.pem",
        pool: &["pool-cross.pem"],
        roots: true,
        rules: &["chain.completed_from_pool"],
        normalized: &["leaf.pem", "int.pem"],
    },
    // Two missing levels, given out of order.
    Case {
        leaf: "deep-leaf.pem",
        pool: &["pool-deep.pem"],
        roots: true,
        rules: &["chain.completed_from_pool", "chain.completed_from_pool"],
        normalized: &["deep-leaf.pem", "issuing.pem", "int.pem"],
    },
    // A pool that holds nothing the bundle needs changes nothing.
    Case {
        leaf: "leaf.pem",
        pool: &["old-root.pem"],
        roots: true,
        rules: &["chain.incomplete"],
        normalized: &[],
    },
    // DER, PKCS#7 and PEM files together.
    Case {
        leaf: "leaf.pem",
        pool: &["pool-dir/a.pem", "pool-dir/b.der", "pool-dir/c.p7b"],
        roots: true,
        rules: &["chain.completed_from_pool"],
        normalized: &["leaf.pem", "int.pem"],
    },
];

#[test]
fn each_pool_completes_the_chain_it_can_and_only_that() {
    let root = text("root.pem");
    for case in CASES {
        let pool = pool_of(case.pool);
        let report = check(&text(case.leaf), &pool, case.roots.then_some(root.as_str()));
        let mut got = rules(&report);
        got.sort_unstable();
        assert_eq!(
            got, case.rules,
            "{:?}: {:#?}",
            case.pool, report.diagnostics
        );
        let expected: String = case.normalized.iter().map(|f| text(f)).collect();
        assert_eq!(
            report.normalized.clone().unwrap_or_default(),
            expected,
            "{:?}: normalized bundle",
            case.pool
        );
    }
}

#[test]
fn the_completed_bundle_passes_its_own_check() {
    let root = text("root.pem");
    for case in CASES.iter().filter(|c| !c.normalized.is_empty()) {
        let pool = pool_of(case.pool);
        let first = check(&text(case.leaf), &pool, Some(&root));
        let normalized = first.normalized.clone().expect("a normalized bundle");
        // Checked again without the pool: complete, in order, anchored at the given root.
        let mut input = CertificateInput::new(&normalized, Timestamp::parse_rfc3339(NOW).unwrap());
        input.roots = Some(&root);
        let again = check_certificate(&input);
        assert!(again.valid, "{:?}: {:#?}", case.pool, again.diagnostics);
        assert!(
            again.diagnostics.is_empty(),
            "{:?}: {:#?}",
            case.pool,
            again.diagnostics
        );
        assert!(
            again.normalized.is_none(),
            "{:?}: already normalized",
            case.pool
        );
        let trust = again
            .certificate
            .as_ref()
            .and_then(|c| c.trust.as_ref())
            .unwrap();
        assert!(trust.anchored.is_some(), "{:?}", case.pool);
    }
}

#[test]
fn the_cross_sign_choice_names_the_other_candidate_and_the_reason() {
    let report = check(
        &text("leaf.pem"),
        &pool_of(&["pool-cross.pem"]),
        Some(&text("root.pem")),
    );
    let message = &report.diagnostics[0].message;
    assert!(
        message.contains("pool-cross.pem, certificate 2"),
        "{message}"
    );
    assert!(
        message.contains(
            "pool-cross.pem, certificate 1, issued by \"O=Preflight Test, CN=Pool Test Old Root\""
        ),
        "{message}"
    );
    assert!(message.contains("reaches the given roots"), "{message}");
    assert!(report.diagnostics[0].fixed);
}

#[test]
fn a_bundle_with_its_issuer_does_not_draw_from_the_pool() {
    // The bundle's own intermediate comes first, even when the pool has a cross-sign of it.
    let bundle = text("leaf.pem") + &text("int-old.pem");
    let report = check(
        &bundle,
        &pool_of(&["pool-cross.pem"]),
        Some(&text("root.pem")),
    );
    assert!(
        !rules(&report).contains(&"chain.completed_from_pool"),
        "{:#?}",
        report.diagnostics
    );
}

#[test]
fn the_pool_keeps_each_certificate_once_and_says_what_it_skipped() {
    let mut pool = IntermediatePool::new();
    let int = std::fs::read(pool_data("int.pem")).unwrap();
    assert_eq!(pool.add(&int, "int.pem"), 1);
    assert_eq!(
        pool.add(&int, "again.pem"),
        0,
        "the same certificate is not added twice"
    );
    let key = std::fs::read_to_string(pool_data("leaf.key")).unwrap();
    let broken = format!("{key}-----BEGIN CERTIFICATE-----\nMIIBAAAA\n-----END CERTIFICATE-----\n");
    assert_eq!(pool.add(broken.as_bytes(), "broken.pem"), 0);
    assert_eq!(pool.len(), 1);
    assert_eq!(pool.skipped().len(), 1, "{:?}", pool.skipped());
    assert!(
        pool.skipped()[0].starts_with("broken.pem: certificate 0"),
        "{:?}",
        pool.skipped()
    );
    // A key block is ignored, and nothing of it is quoted.
    let body: Vec<&str> = key.lines().filter(|l| !l.starts_with("-----")).collect();
    for line in body {
        assert!(!format!("{pool:?}{:?}", pool.skipped()).contains(line));
    }
    let pfx = std::fs::read(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/pkcs12/aes-fullchain.pfx"),
    )
    .unwrap();
    assert_eq!(
        pool.add(&pfx, "bundle.pfx"),
        0,
        "PKCS#12 is not read as a pool"
    );
}

#[test]
fn ca_uploads_and_empty_pools_are_left_alone() {
    let empty = IntermediatePool::new();
    let report = check(&text("leaf.pem"), &empty, None);
    assert_eq!(rules(&report), ["chain.incomplete"]);
    let pool = pool_of(&["pool-right.pem"]);
    let leaf = text("leaf.pem");
    let mut input = CertificateInput::new(&leaf, Timestamp::parse_rfc3339(NOW).unwrap());
    input.purpose = cert_preflight::CertificatePurpose::CaUpload;
    input.intermediates = Some(&pool);
    let report = check_certificate(&input);
    assert!(!rules(&report).contains(&"chain.completed_from_pool"));
}
