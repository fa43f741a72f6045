//! Trust anchors (issue 9 item 2): Mozilla's root store (the generated table) and the caller's
//! roots. Real public certificates from testdata/certs/public (copied from the pinned certifi
//! wheel and cryptography-vectors by scripts/gen-testdata-chains.sh) and the generated private
//! hierarchies. Table-driven: file, roots, public roots on or off -> what fires, how anchored.
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

fn check(pem: &str, roots: Option<&str>, public_roots: bool) -> Report {
    let now = Timestamp::parse_rfc3339(NOW).expect("NOW is RFC 3339");
    let mut input = CertificateInput::new(pem, now);
    let roots = roots.map(read);
    input.roots = roots.as_deref();
    input.public_roots = public_roots;
    check_certificate(&input)
}

/// The PEM blocks of a file, one string each.
fn blocks(file: &str) -> Vec<String> {
    read(file)
        .split_inclusive("-----END CERTIFICATE-----\n")
        .map(str::to_string)
        .collect()
}

struct Case {
    name: &'static str,
    certificate: &'static str,
    roots: Option<&'static str>,
    public_roots: bool,
    /// (rule, path) that must fire.
    fires: &'static [(&'static str, &'static str)],
    /// Rules that must not fire.
    silent: &'static [&'static str],
    /// trust.anchored and trust.anchored_at.
    anchored: Option<(&'static str, usize)>,
}

const CASES: &[Case] = &[
    Case {
        name: "a store root as cryptography-vectors ships it",
        certificate: "certs/public/digicert-g3.pem",
        roots: None,
        public_roots: true,
        fires: &[],
        silent: &["chain.untrusted_root", "chain.incomplete"],
        anchored: Some(("store_root", 0)),
    },
    Case {
        name: "the same root with public roots off",
        certificate: "certs/public/digicert-g3.pem",
        roots: None,
        public_roots: false,
        fires: &[("chain.untrusted_root", "/certificate/chain/0")],
        silent: &["chain.incomplete"],
        anchored: None,
    },
    Case {
        name: "a real chain whose root (GeoTrust Global CA) left the store",
        certificate: "certs/public/cryptography-io.pem",
        roots: None,
        public_roots: true,
        fires: &[("chain.incomplete", "/certificate/chain/1")],
        silent: &[
            "chain.untrusted_root",
            "chain.misordered",
            "chain.bad_signature",
        ],
        anchored: None,
    },
    Case {
        name: "an intermediate issued by a store root's name and key identifier",
        certificate: "certs/public/lookalike-isrg/fullchain.pem",
        roots: None,
        public_roots: true,
        fires: &[],
        silent: &["chain.untrusted_root", "chain.incomplete"],
        anchored: Some(("issued_by_store_root", 1)),
    },
    Case {
        name: "a private CA chain with its root",
        certificate: "certs/rsa/fullchain-with-root.pem",
        roots: None,
        public_roots: true,
        fires: &[
            ("chain.untrusted_root", "/certificate/chain/2"),
            ("chain.root_included", "/certificate/chain/2"),
        ],
        silent: &["chain.incomplete"],
        anchored: None,
    },
    Case {
        name: "a private CA chain without its root",
        certificate: "certs/rsa/fullchain.pem",
        roots: None,
        public_roots: true,
        fires: &[("chain.incomplete", "/certificate/chain/1")],
        silent: &["chain.untrusted_root"],
        anchored: None,
    },
    Case {
        name: "the private chain with its root given as roots",
        certificate: "certs/rsa/fullchain.pem",
        roots: Some("certs/rsa/root.pem"),
        public_roots: true,
        fires: &[],
        silent: &["chain.untrusted_root", "chain.incomplete"],
        anchored: Some(("issued_by_caller_root", 1)),
    },
    Case {
        name: "the private chain with its root given as roots, public roots off",
        certificate: "certs/rsa/fullchain.pem",
        roots: Some("certs/rsa/root.pem"),
        public_roots: false,
        fires: &[],
        silent: &["chain.untrusted_root", "chain.incomplete"],
        anchored: Some(("issued_by_caller_root", 1)),
    },
    Case {
        name: "the private chain and root, the root given as roots",
        certificate: "certs/rsa/fullchain-with-root.pem",
        roots: Some("certs/rsa/root.pem"),
        public_roots: true,
        fires: &[("chain.root_included", "/certificate/chain/2")],
        silent: &["chain.untrusted_root", "chain.incomplete"],
        anchored: Some(("issued_by_caller_root", 1)),
    },
    Case {
        name: "a root of another hierarchy as roots does not anchor",
        certificate: "certs/rsa/fullchain.pem",
        roots: Some("certs/chains/aia-root.pem"),
        public_roots: true,
        fires: &[("chain.incomplete", "/certificate/chain/1")],
        silent: &["chain.untrusted_root"],
        anchored: None,
    },
    Case {
        name: "a rollover chain anchored at its new root: the intermediate is issued by it",
        certificate: "certs/chains/rollover-no-root.pem",
        roots: Some("certs/chains/rollover-new-root.pem"),
        public_roots: true,
        fires: &[],
        silent: &[
            "chain.untrusted_root",
            "chain.incomplete",
            "chain.bad_signature",
        ],
        anchored: Some(("issued_by_caller_root", 1)),
    },
    Case {
        name: "a rollover chain anchored at its old root: through the self-issued link",
        certificate: "certs/chains/rollover-no-root.pem",
        roots: Some("certs/chains/rollover-old-root.pem"),
        public_roots: true,
        fires: &[],
        silent: &[
            "chain.untrusted_root",
            "chain.incomplete",
            "chain.bad_signature",
        ],
        anchored: Some(("issued_by_caller_root", 2)),
    },
];

#[test]
fn chains_meet_the_trust_anchors_they_should() {
    let mut failures = Vec::new();
    for case in CASES {
        let report = check(&read(case.certificate), case.roots, case.public_roots);
        let found: Vec<(&str, &str)> = report
            .diagnostics
            .iter()
            .map(|d| (d.rule.as_str(), d.path.as_str()))
            .collect();
        for want in case.fires {
            if !found.contains(want) {
                failures.push(format!("{}: {want:?} missing in {found:?}", case.name));
            }
        }
        for rule in case.silent {
            if found.iter().any(|(r, _)| r == rule) {
                failures.push(format!("{}: {rule} fired: {found:?}", case.name));
            }
        }
        let trust = report
            .certificate
            .as_ref()
            .and_then(|c| c.trust.clone())
            .expect("server checks report trust facts");
        let anchored = trust.anchored.map(|a| a.as_str()).zip(trust.anchored_at);
        if anchored != case.anchored {
            failures.push(format!("{}: anchored {anchored:?}", case.name));
        }
        if trust.store_date.is_some() != case.public_roots {
            failures.push(format!("{}: store date {:?}", case.name, trust.store_date));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_copied_store_root_is_in_the_table() {
    // Three roots copied from the pinned certifi wheel, one of them without a
    // subjectKeyIdentifier (TWCA Global Root CA).
    let roots = blocks("certs/public/store-roots.pem");
    assert_eq!(roots.len(), 3);
    for root in &roots {
        let report = check(root, None, true);
        let trust = report
            .certificate
            .clone()
            .and_then(|c| c.trust)
            .expect("trust");
        assert_eq!(
            trust.anchored.map(|a| a.as_str()),
            Some("store_root"),
            "{root}"
        );
        assert!(report.by_rule("chain.untrusted_root").next().is_none());
    }
}

#[test]
fn the_report_says_which_store_and_its_date() {
    let report = check(&read("certs/rsa/fullchain.pem"), None, true);
    let trust = report
        .certificate
        .clone()
        .and_then(|c| c.trust)
        .expect("trust");
    let date = trust.store_date.expect("date");
    assert!(trust.store.expect("store").contains("Mozilla"));
    let incomplete = report
        .by_rule("chain.incomplete")
        .next()
        .expect("incomplete");
    assert!(incomplete.message.contains(&date), "{}", incomplete.message);
    assert!(
        incomplete.message.contains("Preflight Test Root RSA"),
        "{}",
        incomplete.message
    );
}

#[test]
fn a_removed_public_root_is_named_as_the_missing_issuer() {
    let report = check(&read("certs/public/cryptography-io.pem"), None, true);
    let missing = report
        .certificate
        .and_then(|c| c.missing_issuer)
        .expect("missing issuer");
    assert!(missing.name.contains("GeoTrust Global CA"), "{missing:?}");
    assert!(missing.key_id.is_some(), "{missing:?}");
}

#[test]
fn unreadable_roots_are_reported_at_their_path() {
    let pem = read("certs/rsa/fullchain.pem");
    let now = Timestamp::parse_rfc3339(NOW).expect("NOW is RFC 3339");
    let mut input = CertificateInput::new(&pem, now);
    input.roots = Some("not a certificate");
    let report = check_certificate(&input);
    assert!(
        report.diagnostics.iter().any(|d| d.path == "/roots"),
        "{:?}",
        report.diagnostics
    );
}
