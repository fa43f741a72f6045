//! Chain verdicts on the generated scenarios of testdata/certs/chains (scripts/
//! gen-testdata-chains.sh): which rules fire, at which certificate, and the order the chain
//! is put in. Table-driven; the full reports are in the golden files.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::fs;
use std::path::Path;

use cert_preflight::{
    check_certificate, CertificateInput, CertificatePurpose, MissingIssuer, Report, Severity,
    Timestamp,
};

const NOW: &str = "2026-11-23T00:00:00Z";

fn read(file: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(file);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn check(file: &str) -> Report {
    let pem = read(file);
    let now = Timestamp::parse_rfc3339(NOW).expect("NOW is RFC 3339");
    check_certificate(&CertificateInput::new(&pem, now))
}

/// (rule, severity, path) of every diagnostic.
fn findings(report: &Report) -> Vec<(String, Severity, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.clone(), d.severity, d.path.clone()))
        .collect()
}

struct Case {
    file: &'static str,
    /// Rules that must fire, with their path.
    fires: &'static [(&'static str, &'static str)],
    /// Rules that must not fire anywhere.
    silent: &'static [&'static str],
    valid: bool,
}

const CASES: &[Case] = &[
    // Issue 8 item 1: an RSA signature under an EC issuer key (and the reverse) is a bad
    // signature by the wrong intermediate, not an unverifiable one.
    Case {
        file: "certs/chains/wrong-issuer-rsa-sig-ec-key.pem",
        fires: &[("chain.bad_signature", "/certificate/chain/0")],
        silent: &["chain.unsupported_signature"],
        valid: false,
    },
    Case {
        file: "certs/chains/wrong-issuer-ec-sig-rsa-key.pem",
        fires: &[("chain.bad_signature", "/certificate/chain/0")],
        silent: &["chain.unsupported_signature"],
        valid: false,
    },
    // Issue 8 item 2: a self-issued CA (key rollover: same name, signed by the old key) is an
    // intermediate, not a self-signed certificate with a bad signature.
    Case {
        file: "certs/chains/rollover.pem",
        fires: &[("chain.root_included", "/certificate/chain/3")],
        silent: &["chain.bad_signature", "chain.misordered", "chain.unrelated"],
        valid: true,
    },
    Case {
        file: "certs/chains/rollover-shuffled.pem",
        fires: &[
            ("chain.misordered", "/certificate"),
            ("chain.root_included", "/certificate/chain/0"),
        ],
        silent: &["chain.bad_signature", "chain.unrelated"],
        valid: false,
    },
    Case {
        file: "certs/chains/rollover-no-root.pem",
        fires: &[("chain.incomplete", "/certificate/chain/2")],
        silent: &[
            "chain.bad_signature",
            "chain.misordered",
            "chain.root_included",
        ],
        valid: true,
    },
    // Issue 27 (testdata/edges, scripts/gen-testdata-edges.sh): a self-signed root whose
    // signature was damaged, beside a chain and beside the undamaged root of the same name
    // (which has its name but did not sign it), is a bad signature, at that root only.
    Case {
        file: "edges/tampered-self-signed.pem",
        fires: &[("chain.bad_signature", "/certificate/chain/2")],
        silent: &[],
        valid: false,
    },
    // A CA that names itself as issuer, with no key identifiers to say which key signed it,
    // signed by the older root of that name in the bundle: issued by another certificate, so
    // neither self-signed nor a bad signature (the missing identifiers are errors of their own).
    Case {
        file: "edges/self-issued-no-key-ids.pem",
        fires: &[
            ("cert.key_identifier", "/certificate/chain/1"),
            ("chain.root_included", "/certificate/chain/2"),
        ],
        silent: &["chain.bad_signature", "chain.misordered", "chain.unrelated"],
        valid: false,
    },
    // Issue 26, extended key usage along the path: an intermediate's EKU restricts the
    // certificates below it (rustls-webpki, Go, Chrome); anyExtendedKeyUsage alone does not
    // stand for serverAuth in rustls-webpki.
    Case {
        file: "edges/intermediate-eku-client-auth.pem",
        fires: &[("cert.ca_profile", "/certificate/chain/1")],
        silent: &["chain.unrelated", "chain.misordered"],
        valid: false,
    },
    Case {
        file: "edges/intermediate-eku-any.pem",
        fires: &[("cert.ca_profile", "/certificate/chain/1")],
        silent: &["chain.unrelated", "chain.misordered"],
        valid: false,
    },
    Case {
        file: "edges/intermediate-eku-server-auth.pem",
        fires: &[],
        silent: &["cert.ca_profile"],
        valid: true,
    },
];

#[test]
fn chain_scenarios_get_their_verdicts() {
    let mut failures = Vec::new();
    for case in CASES {
        let report = check(case.file);
        let found = findings(&report);
        for (rule, path) in case.fires {
            if !found.iter().any(|(r, _, p)| r == rule && p == path) {
                failures.push(format!("{}: no {rule} at {path}: {found:?}", case.file));
            }
        }
        for rule in case.silent {
            if found.iter().any(|(r, _, _)| r == rule) {
                failures.push(format!("{}: {rule} fired: {found:?}", case.file));
            }
        }
        if report.valid != case.valid {
            failures.push(format!(
                "{}: valid is {}, expected {}: {found:?}",
                case.file, report.valid, case.valid
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn wrong_key_type_message_names_the_wrong_issuer() {
    for file in [
        "certs/chains/wrong-issuer-rsa-sig-ec-key.pem",
        "certs/chains/wrong-issuer-ec-sig-rsa-key.pem",
    ] {
        let report = check(file);
        let bad: Vec<_> = report.by_rule("chain.bad_signature").collect();
        assert_eq!(bad.len(), 1, "{file}: {:?}", report.diagnostics);
        let message = &bad[0].message;
        assert!(
            message.contains("cannot have signed it") && message.contains("wrong intermediate"),
            "{file}: {message}"
        );
    }
}

#[test]
fn a_chain_through_a_self_issued_ca_is_ordered_through_it() {
    let shuffled = check("certs/chains/rollover-shuffled.pem");
    let ordered = check("certs/chains/rollover.pem");
    // Both normalize to leaf, intermediate, link (the root left out).
    let expected = ordered.normalized.clone().expect("the root is left out");
    assert_eq!(shuffled.normalized.as_deref(), Some(expected.as_str()));
    assert_eq!(expected.matches("BEGIN CERTIFICATE").count(), 3);
    let facts = ordered.certificate.expect("facts");
    let self_signed: Vec<bool> = facts.chain.iter().map(|c| c.is_self_signed).collect();
    assert_eq!(self_signed, [false, false, false, true]);
}

#[test]
fn a_missing_issuer_is_named_with_its_key_identifier_and_download_url() {
    let report = check("certs/chains/missing-issuer-aia.pem");
    let key_id = read("certs/chains/missing-issuer-aia.aki.txt")
        .trim()
        .to_string();
    let url = "http://pki.example.com/preflight-intermediate.crt";
    let facts = report.certificate.expect("facts");
    let leaf = facts.leaf.expect("leaf");
    let missing: &MissingIssuer = facts.missing_issuer.as_ref().expect("missing issuer");
    assert_eq!(
        (
            missing.certificate,
            &missing.name,
            missing.key_id.as_deref(),
            missing.ca_issuers.as_slice()
        ),
        (
            0,
            &leaf.issuer,
            Some(key_id.as_str()),
            [url.to_string()].as_slice()
        )
    );
    let incomplete: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "chain.incomplete")
        .collect();
    assert_eq!(incomplete.len(), 1, "{:?}", report.diagnostics);
    let message = &incomplete[0].message;
    for part in [leaf.issuer.as_str(), key_id.as_str(), url] {
        assert!(message.contains(part), "{part:?} not in {message}");
    }
    // A chain complete up to a trust anchor has no missing issuer in its facts.
    let pem = read("certs/chains/aia-fullchain.pem");
    let root = read("certs/chains/aia-root.pem");
    let mut input = CertificateInput::new(&pem, Timestamp::parse_rfc3339(NOW).expect("NOW"));
    input.roots = Some(&root);
    let complete = check_certificate(&input);
    assert_eq!(complete.certificate.expect("facts").missing_issuer, None);
}

/// The leaf is the end-entity certificate with the longest path up through the bundle; of
/// several with paths as long, the first (issue 27: the tie-break was untested).
#[test]
fn the_leaf_is_the_longest_path_and_the_first_on_a_tie() {
    let cases = [
        ("edges/two-leaves.pem", 0, "www.example.com"),
        ("edges/two-leaves-reversed.pem", 0, "api.example.com"),
        // A leaf whose issuer is missing comes first; the one its root is given with wins.
        ("edges/stray-leaf-first.pem", 1, "www.example.com"),
    ];
    for (file, index, name) in cases {
        let report = check(file);
        let leaf = report.certificate.and_then(|f| f.leaf).expect("a leaf");
        assert_eq!(
            (leaf.index, leaf.common_name.as_deref()),
            (index, Some(name)),
            "{file}"
        );
    }
}

/// Only the damaged root is reported: the undamaged one of the same name, and the chain
/// beside them, verify.
#[test]
fn a_damaged_self_signed_root_is_the_only_bad_signature() {
    let report = check("edges/tampered-self-signed.pem");
    let paths: Vec<&str> = report
        .by_rule("chain.bad_signature")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(paths, ["/certificate/chain/2"], "{:?}", report.diagnostics);
    let facts = report.certificate.expect("facts");
    let self_signed: Vec<bool> = facts.chain.iter().map(|c| c.is_self_signed).collect();
    assert_eq!(self_signed, [false, true, false, true]);
}

/// A client-CA bundle is not a path: its normalized form keeps every CA once, in the order
/// given, and drops only the repeats (issue 27: inverting the filter went unnoticed).
#[test]
fn a_ca_bundle_is_normalized_by_dropping_repeats_only() {
    let pem = read("certs/profiles/ca-repeated.pem");
    let now = Timestamp::parse_rfc3339(NOW).expect("NOW is RFC 3339");
    let mut input = CertificateInput::new(&pem, now);
    input.purpose = CertificatePurpose::ClientCa;
    let report = check_certificate(&input);
    let duplicates: Vec<&str> = report
        .by_rule("chain.duplicate")
        .map(|d| d.path.as_str())
        .collect();
    assert_eq!(
        duplicates,
        ["/certificate/chain/2"],
        "{:?}",
        report.diagnostics
    );
    assert_eq!(
        report.normalized.as_deref(),
        Some(read("certs/profiles/ca-two.pem").as_str())
    );
}
