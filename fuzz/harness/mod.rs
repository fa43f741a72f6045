//! The bodies of the fuzz targets, shared by the cargo-fuzz binaries (`fuzz/fuzz_targets/`)
//! and the corpus replay test (`tests/fuzz_corpus_replay.rs`), so that CI replays every
//! committed corpus and regression file through exactly the code the fuzzer ran.
//!
//! Each target takes the fuzzer's bytes, calls one public entry point of the library and
//! panics when an invariant breaks. Besides "no panic" (the core promises that no input makes
//! it panic), every report must be self-consistent ([`check_report`]) and serialize to JSON.
#![forbid(unsafe_code)]
#![allow(dead_code)]
// the replay test and each fuzz binary use different parts
// The harness reports a broken invariant by panicking: that is what the fuzzer and the replay
// test catch (the library itself may not panic; Cargo.toml [lints]).
#![allow(
    unreachable_pub, // a private module of each fuzz binary and of the replay test
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod request_value;

use cert_preflight::{
    check_certificate, check_certificate_with_key_fix, fingerprint, operations, rules,
    validate_request, CertificateInput, CertificatePurpose, DigestAlgorithm, FingerprintReport,
    FingerprintStyle, IntermediatePool, ProviderProfile, Report, RequestContext, Severity,
    Timestamp,
};

pub use request_value::request_value;

/// A target's body: the fuzzer's bytes in, a panic when an invariant breaks.
pub type Target = fn(&[u8]);

/// Every target by name: the name is the cargo-fuzz binary and the corpus folder.
pub const TARGETS: &[(&str, Target)] = &[
    ("certificate_field", certificate_field),
    ("key_field", key_field),
    ("domain_field", domain_field),
    ("fingerprint", fingerprint_field),
    ("request_json", request_json),
    ("request_value", request_value),
    ("intermediates_pool", intermediates_pool),
    ("pkcs12_file", pkcs12_file),
];

/// 2026-11-23T00:00:00Z, the testdata clock (the generated certificates are valid then).
pub fn now() -> Timestamp {
    Timestamp::from_unix_seconds(1_795_392_000)
}

/// Leaf certificates (alone, so that no signature verification slows the fuzzer down) that
/// the key and domain targets hold fixed while the fuzzer varies the other field.
pub const CERTIFICATES: [&str; 4] = [
    include_str!("../../testdata/certs/rsa/leaf.pem"),
    include_str!("../../testdata/certs/ec-p256/leaf.pem"),
    include_str!("../../testdata/certs/ed25519/leaf.pem"),
    include_str!("../../testdata/certs/rsa-pss/leaf.pem"),
];

/// The invariants every report keeps, whatever the input: `valid` iff no error, the counts
/// equal the diagnostics, every rule id is in the catalogue with the severity it reports,
/// diagnostics sorted by path then rule, and the report serializes to JSON.
pub fn check_report(report: &Report) {
    let errors = count(report, Severity::Error);
    let warnings = count(report, Severity::Warning);
    assert_eq!(report.errors, errors, "errors count");
    assert_eq!(report.warnings, warnings, "warnings count");
    assert_eq!(report.valid, errors == 0, "valid iff no error");
    check_rule_ids(report.diagnostics.iter().map(|d| d.rule.as_str()));
    for pair in report.diagnostics.windows(2) {
        let (a, b) = (&pair[0], &pair[1]);
        assert!(
            (a.path.as_str(), a.rule.as_str()) <= (b.path.as_str(), b.rule.as_str()),
            "diagnostics not sorted: {} {} before {} {}",
            a.path,
            a.rule,
            b.path,
            b.rule
        );
    }
    let json = serde_json::to_string(report).expect("a report serializes to JSON");
    let back: serde_json::Value = serde_json::from_str(&json).expect("its JSON parses");
    assert!(back.is_object());
}

fn count(report: &Report, severity: Severity) -> usize {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

fn check_rule_ids<'a>(ids: impl Iterator<Item = &'a str>) {
    for id in ids {
        assert!(rules().iter().any(|r| r.id == id), "unknown rule {id}");
    }
}

fn check_fingerprint_report(report: &FingerprintReport) {
    assert_eq!(report.report.operation, "fingerprint");
    check_report(&report.report);
    serde_json::to_string(report).expect("a fingerprint report serializes to JSON");
}

/// `certificate_field`: the bytes split at `0xFF` into certificate / key / domains (lossy
/// UTF-8), checked with every purpose (and the Alibaba SLB profile once), then fingerprinted.
pub fn certificate_field(data: &[u8]) {
    /// A byte that never occurs in UTF-8 text, so a plain PEM file reaches the field whole.
    const SEPARATOR: u8 = 0xFF;
    let mut parts = data.splitn(3, |b| *b == SEPARATOR);
    let certificate = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let key = parts.next().map(String::from_utf8_lossy);
    let domains = parts.next().map(String::from_utf8_lossy);
    for (i, purpose) in [
        CertificatePurpose::Server,
        CertificatePurpose::ClientCa,
        CertificatePurpose::CaUpload,
    ]
    .into_iter()
    .enumerate()
    {
        let mut input = CertificateInput::new(&certificate, now());
        input.private_key = key.as_deref();
        input.domains = domains.as_deref();
        input.key_required = i == 0;
        input.purpose = purpose;
        input.profile = if i == 1 {
            ProviderProfile::AlibabaSlb
        } else {
            ProviderProfile::Generic
        };
        check_report(&check_certificate(&input));
    }
    check_fingerprint_report(&fingerprint(
        &certificate,
        DigestAlgorithm::Sha1,
        FingerprintStyle::Colon,
    ));
}

/// The key password the `key_field` target gives when its selector's bit 4 is set: the one
/// testdata/keyconv/encrypted's keys are encrypted with, so that seeds from there reach the
/// ciphers and what the fuzzer changes in them reaches the KDF and the padding checks.
pub const KEY_PASSWORD: &str = "k3y-Pa55phrase-7Q";

/// `key_field`: the first byte picks one of [`CERTIFICATES`] (low 2 bits), the profile
/// (bit 2), whether the key is re-encoded for the target (bit 3,
/// `check_certificate_with_key_fix`) and whether [`KEY_PASSWORD`] is given as the key password
/// (bit 4, `key_password`); the rest is the private key field (lossy UTF-8),
/// required, purpose Server. A re-encoded key is final: given again, it reads and converts no
/// further, and its `Debug` shows no key text.
/// Besides the invariants: no 40-character base64 run of the key field's text (the field
/// without its `-----BEGIN …-----` / `-----END …-----` markers, as in tests/robustness.rs)
/// that is not also in the certificate appears in any message, path or normalized text.
pub fn key_field(data: &[u8]) {
    let Some((&selector, key_bytes)) = data.split_first() else {
        return;
    };
    let certificate = CERTIFICATES[usize::from(selector & 3)];
    let key = String::from_utf8_lossy(key_bytes);
    let mut input = CertificateInput::new(certificate, now());
    input.private_key = Some(&key);
    input.key_required = true;
    if selector & 4 != 0 {
        input.profile = ProviderProfile::AlibabaSlb;
    }
    if selector & 16 != 0 {
        input.key_password = Some(KEY_PASSWORD);
    }
    let (report, converted) = if selector & 8 != 0 {
        check_certificate_with_key_fix(&input)
    } else {
        (check_certificate(&input), None)
    };
    check_report(&report);
    if let Some(converted) = &converted {
        let mut again = input.clone();
        again.private_key = Some(converted.pem());
        let (second_report, second) = check_certificate_with_key_fix(&again);
        assert!(second.is_none(), "a converted key converted again");
        // (An EC key without its public point stays a warning: it cannot be compared.)
        assert!(
            second_report
                .by_rule("key.unsupported")
                .all(|d| d.severity != Severity::Error),
            "a converted key does not read"
        );
        let (secret, _) = split_markers(converted.pem());
        assert_no_key_text(&format!("{converted:?}"), &secret, "");
    }
    let mut shown = String::new();
    for d in &report.diagnostics {
        shown.push_str(&d.message);
        shown.push('\n');
        shown.push_str(&d.path);
        shown.push('\n');
    }
    shown.push_str(report.normalized.as_deref().unwrap_or_default());
    let (secret, labels) = split_markers(&key);
    assert_no_key_text(&shown, &secret, &format!("{certificate}\n{labels}"));
}

/// Length of a base64 run whose appearance in an output counts as leaked key text (the
/// robustness tests use the same window).
const LEAK_WINDOW: usize = 40;

/// `text` with every `-----BEGIN …-----` and `-----END …-----` marker (label included)
/// replaced by line breaks, and the markers themselves: labels are not key material (they
/// count as public even where the same characters also occur outside a marker), the rest
/// may be. Markers are found
/// the way the PEM scanner finds them, each `-----BEGIN ` on its own, so one marker's closing
/// dashes can also open the next (`-----BEGIN A-----BEGIN B-----`: labels `A` and `B`).
fn split_markers(text: &str) -> (String, String) {
    let bytes = text.as_bytes();
    let mut is_marker = vec![false; bytes.len()];
    for opener in ["-----BEGIN ", "-----END "] {
        let mut from = 0;
        while let Some(found) = text[from..].find(opener) {
            let start = from + found;
            let label = start + opener.len();
            let line_end = text[label..].find('\n').map_or(text.len(), |e| label + e);
            if let Some(close) = text[label..line_end].find("-----") {
                is_marker[start..label + close + 5].fill(true);
            }
            from = start + 1;
        }
    }
    let (mut kept, mut markers) = (Vec::new(), Vec::new());
    for (b, marker) in bytes.iter().zip(&is_marker) {
        kept.push(if *marker { b'\n' } else { *b });
        markers.push(if *marker { *b } else { b'\n' });
    }
    (
        String::from_utf8_lossy(&kept).into_owned(),
        String::from_utf8_lossy(&markers).into_owned(),
    )
}

fn assert_no_key_text(shown: &str, key: &str, public: &str) {
    let is_b64 = |c: char| c.is_ascii_alphanumeric() || c == '+' || c == '/';
    for run in shown.split(|c: char| !is_b64(c)) {
        if run.len() < LEAK_WINDOW {
            continue;
        }
        for start in 0..=run.len() - LEAK_WINDOW {
            let window = &run[start..start + LEAK_WINDOW];
            assert!(
                !key.contains(window) || public.contains(window),
                "key text {window:?} appears in the report"
            );
        }
    }
}

/// `domain_field`: the bytes (lossy UTF-8) are the domain field for the RSA leaf and chain,
/// whose names include a wildcard and an IP address.
pub fn domain_field(data: &[u8]) {
    let domains = String::from_utf8_lossy(data);
    let mut input = CertificateInput::new(CERTIFICATES[0], now());
    input.domains = Some(&domains);
    check_report(&check_certificate(&input));
}

/// `fingerprint`: the bytes (lossy UTF-8) are the PEM field, fingerprinted with both digests
/// in both styles; the two styles of one digest must spell the same bytes.
/// The leaves the pool target completes (selector byte 0 and 1): one level and two levels
/// missing (testdata/pool/, scripts/gen-testdata-pool.sh), anchored at their root.
const POOL_LEAVES: [&str; 2] = [
    include_str!("../../testdata/pool/leaf.pem"),
    include_str!("../../testdata/pool/deep-leaf.pem"),
];
const POOL_ROOT: &str = include_str!("../../testdata/pool/root.pem");

/// `IntermediatePool::add` of the fuzzer's bytes (after a selector byte: the leaf, and
/// whether the caller's root is given), then the leaf checked with that pool: no panic, a
/// self-consistent report, and a pool that says what it skipped without quoting it. A
/// completed chain is the normalized bundle, which starts with the leaf and checks again
/// without the pool with no `chain.incomplete` on the pool's account.
pub fn intermediates_pool(data: &[u8]) {
    let Some((&selector, pool_bytes)) = data.split_first() else {
        return;
    };
    let leaf = POOL_LEAVES[usize::from(selector & 1)];
    let mut pool = IntermediatePool::new();
    let added = pool.add(pool_bytes, "fuzz");
    assert!(added <= pool.len());
    for skipped in pool.skipped() {
        assert!(skipped.starts_with("fuzz: "), "{skipped}");
    }
    let mut input = CertificateInput::new(leaf, now());
    input.intermediates = Some(&pool);
    if selector & 2 != 0 {
        input.roots = Some(POOL_ROOT);
    }
    let report = check_certificate(&input);
    check_report(&report);
    let added_rules = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "chain.completed_from_pool")
        .count();
    if added_rules > 0 {
        let normalized = report
            .normalized
            .as_deref()
            .expect("a completed chain is normalized");
        assert!(normalized.starts_with(leaf), "the leaf comes first");
        let mut again = CertificateInput::new(normalized, now());
        again.roots = input.roots;
        check_report(&check_certificate(&again));
    }
}

/// The passwords `pkcs12_file` tries: the fixtures' (testdata/pkcs12/password.txt), a wrong
/// one, and none.
const PKCS12_PASSWORDS: [&str; 3] = ["correct-horse", "wrong-horse", ""];

/// `pkcs12_file` (issue 22 item 4): the first byte picks the password (`% 3`) and whether a
/// domain is checked too (bit 2); the rest is the PFX file. Whatever the bytes, the report
/// keeps its invariants, a PKCS#12 failure is one of the `pkcs12.*` rules, and neither the
/// password nor a private key's text is in the report.
pub fn pkcs12_file(data: &[u8]) {
    let Some((&selector, der)) = data.split_first() else {
        return;
    };
    let password = PKCS12_PASSWORDS[usize::from(selector % 3)];
    let mut input = CertificateInput::pkcs12(der, password, now());
    if selector & 4 != 0 {
        input.domains = Some("www.example.com");
    }
    let report = check_certificate(&input);
    check_report(&report);
    let json = serde_json::to_string(&report).expect("a report serializes to JSON");
    assert!(!json.contains("PRIVATE KEY"), "key text in a report");
    for d in &report.diagnostics {
        if !password.is_empty() {
            assert!(!d.message.contains(password), "the password in {}", d.rule);
        }
    }
    assert!(
        !format!("{input:?}").contains("correct-horse"),
        "the password in the input's Debug"
    );
}

pub fn fingerprint_field(data: &[u8]) {
    let pem = String::from_utf8_lossy(data);
    for algorithm in [DigestAlgorithm::Sha1, DigestAlgorithm::Sha256] {
        let hex = fingerprint(&pem, algorithm, FingerprintStyle::Hex);
        let colon = fingerprint(&pem, algorithm, FingerprintStyle::Colon);
        check_fingerprint_report(&hex);
        assert_eq!(hex.report.valid, colon.report.valid);
        assert_eq!(hex.fingerprints.len(), colon.fingerprints.len());
        let digits = if algorithm == DigestAlgorithm::Sha1 {
            40
        } else {
            64
        };
        for (h, c) in hex.fingerprints.iter().zip(&colon.fingerprints) {
            assert_eq!(h.len(), digits, "{h}");
            assert_eq!(&c.replace(':', "").to_ascii_lowercase(), h);
        }
    }
}

/// Path parameters and caller facts that let every operation's body checks run: the
/// operation's own path parameters are present (each operation's body checks run whatever
/// other operations' path parameters are reported), the listener is HTTPS, the Cloudflare
/// zone is `example.com`.
/// Built per call: a `RequestContext` may carry a verifier that is neither `Send` nor `Sync`,
/// so it cannot live in a static.
fn request_context() -> RequestContext {
    let mut context = RequestContext::new(now());
    for (key, value) in [
        ("project_id", "0123456789abcdef0123456789abcdef"),
        ("certificate_id", "0123456789abcdef0123456789abcdef"),
        ("instance_id", "0123456789abcdef0123456789abcdef"),
        ("project", "my-project"),
        ("certificate-name", "shop-cert"),
        ("api-version", "2025-07-01"),
        ("zone_id", "023e105f4ecef8ad9ca31a8372d0c353"),
    ] {
        context.path_params.insert(key.into(), value.into());
    }
    context.listener_protocol = Some("HTTPS".into());
    context.zone_name = Some("example.com".into());
    context
}

/// `request_json`: the first byte picks the operation (modulo the number of operations), the
/// rest is the body as JSON text (lossy UTF-8) given to `validate_request`.
pub fn request_json(data: &[u8]) {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let all = operations();
    let operation = all[usize::from(selector) % all.len()].id;
    let body = String::from_utf8_lossy(body);
    let report = validate_request(operation, &body, &request_context())
        .expect("a listed operation is known");
    assert_eq!(report.operation, operation);
    check_report(&report);
}
