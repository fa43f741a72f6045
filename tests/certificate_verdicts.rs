//! Certificate and key verdicts at their edges (issue 27: mutation testing found them
//! unpinned): the validity period's two ends to the second, the key and digest kinds that are
//! refused although no other fixture has them (testdata/edges, scripts/gen-testdata-edges.sh),
//! and each shape of the private key field.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::fs;
use std::path::Path;

use cert_preflight::{check_certificate, CertificateInput, Report, Timestamp};

const NOW: &str = "2026-11-23T00:00:00Z";

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check_at(pem: &str, now: Timestamp) -> Report {
    check_certificate(&CertificateInput::new(pem, now))
}

fn rules(report: &Report) -> Vec<&str> {
    report.diagnostics.iter().map(|d| d.rule.as_str()).collect()
}

/// RFC 5280 4.1.2.5: the validity period is "the time interval during which the CA warrants
/// that it will maintain information about the status of the certificate", notBefore and
/// notAfter both included. So the leaf is valid at exactly notBefore and at exactly notAfter,
/// and not one second outside.
#[test]
fn validity_includes_both_ends_to_the_second() {
    let pem = read("certs/rsa/fullchain.pem");
    let facts = check_at(&pem, Timestamp::parse_rfc3339(NOW).unwrap())
        .certificate
        .and_then(|f| f.leaf)
        .expect("a leaf");
    let not_before = facts.not_before_ms / 1000;
    let not_after = facts.not_after_ms / 1000;
    // (seconds since the epoch, cert.expired, cert.not_yet_valid)
    let table = [
        (not_before - 1, false, true),
        (not_before, false, false),
        (not_after, false, false),
        (not_after + 1, true, false),
    ];
    for (at, expired, not_yet_valid) in table {
        let report = check_at(&pem, Timestamp::from_unix_seconds(at));
        let found = rules(&report);
        assert_eq!(
            (
                found.contains(&"cert.expired"),
                found.contains(&"cert.not_yet_valid")
            ),
            (expired, not_yet_valid),
            "at {}: {found:?}",
            Timestamp::from_unix_seconds(at).to_rfc3339()
        );
    }
}

/// `cert.expires_soon` warns when fewer than the threshold's whole days are left: at exactly 30
/// days before notAfter there are 30 left, one second later 29 (issue 27: `<` against `<=` at
/// the threshold was unpinned). The default threshold is 30 days, and a caller's is used as
/// given.
#[test]
fn expiry_warning_starts_when_fewer_whole_days_are_left_than_the_threshold() {
    const DAY: i64 = 86_400;
    let pem = read("certs/rsa/fullchain.pem");
    let not_after = check_at(&pem, Timestamp::parse_rfc3339(NOW).unwrap())
        .certificate
        .and_then(|f| f.leaf)
        .expect("a leaf")
        .not_after_ms
        / 1000;
    // (seconds before notAfter, threshold in days, cert.expires_soon)
    let table = [
        (30 * DAY, None, false),
        (30 * DAY - 1, None, true),
        (7 * DAY, Some(7), false),
        (7 * DAY - 1, Some(7), true),
        (0, Some(0), false),
    ];
    for (before, threshold, warned) in table {
        let now = Timestamp::from_unix_seconds(not_after - before);
        let mut input = CertificateInput::new(&pem, now);
        if let Some(days) = threshold {
            input.expiry_warning_days = days;
        }
        let report = check_certificate(&input);
        assert_eq!(
            rules(&report).contains(&"cert.expires_soon"),
            warned,
            "{before} s before notAfter, threshold {threshold:?}: {:?}",
            report.diagnostics
        );
    }
}

/// The facts show notBefore and notAfter as RFC 3339, with the fraction of seconds a
/// GeneralizedTime was written with (RFC 5280 forbids one, and `cert.time_rejected` reports it:
/// hiding it would hide what the finding is about), and nothing for a fraction with no digits
/// (issue 27: the fraction's guards were unpinned). Fixtures from scripts/gen-testdata-lints.py.
#[test]
fn shown_times_keep_a_fraction_of_seconds_and_only_its_digits() {
    let now = Timestamp::parse_rfc3339("2026-01-01T12:00:00Z").unwrap();
    let table = [
        (
            "certs/lints/time-generalized-fraction.pem",
            "2026-03-31T23:59:59.5Z",
        ),
        (
            "certs/lints/time-generalized-empty-fraction.pem",
            "2026-03-31T23:59:59Z",
        ),
        ("certs/rsa/leaf.pem", "2035-12-31T00:00:00Z"),
    ];
    for (file, not_after) in table {
        let report = check_at(&read(file), now);
        let leaf = report
            .certificate
            .and_then(|f| f.leaf)
            .unwrap_or_else(|| panic!("{file}: a leaf"));
        assert_eq!(leaf.not_after, not_after, "{file}");
        assert!(
            !leaf.not_before.contains('.'),
            "{file}: a UTCTime has no fraction: {}",
            leaf.not_before
        );
    }
}

/// A leaf with a DSA key is a weak key (TLS clients dropped DSA), and one signed with MD5 is
/// reported like SHA-1 (the message names MD5): each by its own rule, at the leaf.
#[test]
fn dsa_keys_and_md5_signatures_are_refused() {
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let table = [
        ("edges/dsa-leaf.pem", "cert.weak_key", "DSA"),
        ("edges/md5-leaf.pem", "cert.sha1_signature", "MD5"),
    ];
    for (file, rule, named) in table {
        let report = check_at(&read(file), now);
        let found: Vec<_> = report
            .by_rule(rule)
            .map(|d| (d.path.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(found.len(), 1, "{file}: {:?}", report.diagnostics);
        let (path, message) = found[0];
        assert_eq!(path, "/certificate/chain/0", "{file}");
        assert!(message.contains(named), "{file}: {message}");
    }
}

/// One shape of the key field and the findings about the key it gets.
struct KeyCase<'a> {
    case: &'static str,
    key: &'a str,
    /// (rule, part of its message) of each finding at the key field, in order.
    expected: &'static [(&'static str, &'static str)],
}

impl<'a> KeyCase<'a> {
    fn new(
        case: &'static str,
        key: &'a str,
        expected: &'static [(&'static str, &'static str)],
    ) -> Self {
        KeyCase {
            case,
            key,
            expected,
        }
    }
}

/// The private key field against testdata/certs/rsa (leaf, intermediate, root): what each shape
/// of the field is reported as. Messages matter where two shapes share a rule: a key block
/// without its END line is `pem.malformed` for that, not for "no PEM block at all".
#[test]
fn the_key_field_is_judged_by_its_shape() {
    let chain = read("certs/rsa/fullchain.pem");
    let leaf_key = read("certs/rsa/leaf.key");
    let intermediate_key = read("certs/rsa/intermediate.key");
    let other_key = read("certs/rsa/other.key");
    let truncated: String = leaf_key
        .lines()
        .filter(|l| !l.starts_with("-----END"))
        .map(|l| format!("{l}\n"))
        .collect();
    let two_keys = format!("{leaf_key}{other_key}");
    let stray = format!("key for www.example.com\n{leaf_key}");
    let table = [
        KeyCase::new("the leaf's key", &leaf_key, &[]),
        KeyCase::new(
            "blank",
            " \n\t\n",
            &[("key.missing", "needs its private key")],
        ),
        KeyCase::new(
            "no PEM",
            "not a key",
            &[("pem.malformed", "No PEM block was found")],
        ),
        KeyCase::new(
            "no END line",
            &truncated,
            &[("pem.malformed", "has no END line")],
        ),
        KeyCase::new(
            "text before the key",
            &stray,
            &[("pem.stray_text", "line 1")],
        ),
        KeyCase::new(
            "two keys",
            &two_keys,
            &[("key.too_many", "holds 2 private keys")],
        ),
        KeyCase::new(
            "the intermediate's key",
            &intermediate_key,
            &[(
                "key.mismatch",
                "belongs to certificate 1 (CN=Preflight Test Intermediate RSA)",
            )],
        ),
        KeyCase::new(
            "nobody's key",
            &other_key,
            &[("key.mismatch", "does not match the leaf")],
        ),
    ];
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    for KeyCase {
        case,
        key,
        expected,
    } in table
    {
        let mut input = CertificateInput::new(&chain, now);
        input.private_key = Some(key);
        input.key_required = true;
        let report = check_certificate(&input);
        let about_key: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .filter(|d| d.path == "/private_key")
            .map(|d| (d.rule.as_str(), d.message.as_str()))
            .collect();
        assert_eq!(about_key.len(), expected.len(), "{case}: {about_key:?}");
        for ((rule, message), (want_rule, part)) in about_key.iter().zip(expected) {
            assert_eq!(rule, want_rule, "{case}: {message}");
            assert!(message.contains(part), "{case}: {message}");
        }
        if case == "nobody's key" {
            assert!(!about_key[0].1.contains("belongs to"), "{}", about_key[0].1);
        }
    }
}
