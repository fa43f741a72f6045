//! The path rules at edges no fixture reaches (issue 27: mutation testing found them unpinned).
//! Each test takes a real certificate from testdata as the carrier and varies the one fact the
//! rule reads, so the table says exactly which encodings and values get which verdict.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use super::*;
use crate::catalog::Rule;
use crate::model::certificate::Subtree;
use crate::model::read_certificate_field;

/// The certificates of a PEM file under testdata/, parsed as the certificate field reads them.
fn fixture(file: &str) -> Vec<ParsedCertificate> {
    let path = format!("{}/testdata/{file}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    read_certificate_field(&text).certificates
}

fn member<'a>(cert: &'a ParsedCertificate, pointer: &str) -> PathMember<'a> {
    PathMember {
        cert,
        pointer: pointer.to_string(),
        self_signed: false,
        caller_anchor: false,
        trust_anchor: false,
    }
}

/// The messages of the findings of `rule`.
fn messages(out: &Findings, rule: &Rule) -> Vec<String> {
    out.diagnostics()
        .into_iter()
        .filter(|d| d.rule == rule.id)
        .map(|d| d.message)
        .collect()
}

/// RFC 5280 4.1.2.2 allows "serialNumber values" of at most 20 octets: the value's, so the
/// leading zero octet DER puts before a positive value whose top bit is set is not counted (a
/// 160-bit random serial with its top bit set is valid, and pyca/cryptography accepts it). A
/// leading zero before a value whose top bit is clear is not a sign octet: it counts, and at 21
/// octets the serial is too long.
#[test]
fn serial_length_leaves_out_only_the_sign_octet() {
    let leaf = &fixture("certs/rsa/leaf.pem")[0];
    let octets = |first: &[u8], fill: u8, total: usize| {
        let mut serial = first.to_vec();
        serial.resize(total, fill);
        serial
    };
    let too_long = Some("21 octets long");
    // (what, the INTEGER's content octets, what the finding says, or None)
    let table = [
        ("20 octets", octets(&[0x7f], 0x11, 20), None),
        ("sign octet, 20", octets(&[0x00, 0x80], 0x11, 21), None),
        ("sign octet, 20 of 0xff", octets(&[0x00], 0xff, 21), None),
        (
            "needless zero, 20",
            octets(&[0x00, 0x7f], 0x11, 21),
            too_long,
        ),
        (
            "needless zero, 20 from 0x01",
            octets(&[0x00, 0x01], 0x11, 21),
            too_long,
        ),
        ("21 octets", octets(&[0x01], 0x11, 21), too_long),
        ("sign octet, 21", octets(&[0x00, 0x80], 0x11, 22), too_long),
        ("zero", vec![0x00], Some("is zero")),
        ("negative", vec![0x80, 0x01], Some("is negative")),
    ];
    for (what, serial, expected) in table {
        let mut cert = leaf.clone();
        cert.path.serial = serial;
        let mut out = Findings::new();
        check_serial(&member(&cert, "/certificate/chain/0"), &mut out);
        let found = messages(&out, CERT_SERIAL_INVALID);
        match expected {
            None => assert!(found.is_empty(), "{what}: {found:?}"),
            Some(text) => assert!(
                found.len() == 1 && found[0].contains(text),
                "{what}: expected one finding saying {text:?}, got {found:?}"
            ),
        }
    }
}

/// What a leaf's names need (RFC 5280 4.2.1.6 and CA/Browser Forum BR 7.1.2.7.12), for each
/// pairing of an empty or non-empty subject with a missing, non-critical or critical
/// subjectAltName: a leaf with an empty subject and no subjectAltName names nothing, which
/// pyca/cryptography refuses (RFC 5280 4.1.2.6 then requires the subjectAltName).
#[test]
fn leaf_names_need_a_subject_or_the_right_san_criticality() {
    let leaf = &fixture("certs/rsa/leaf.pem")[0];
    // (empty subject, subjectAltName's critical flag, what the finding says, or None)
    let table = [
        (true, None, Some("names nothing")),
        (true, Some(false), Some("MUST be critical then")),
        (true, Some(true), None),
        (false, None, None),
        (false, Some(false), None),
        (
            false,
            Some(true),
            Some("non-critical when the subject is not empty"),
        ),
    ];
    for (empty_subject, san_critical, expected) in table {
        let mut cert = leaf.clone();
        cert.path.empty_subject = empty_subject;
        cert.path.san_critical = san_critical;
        let mut out = Findings::new();
        check_leaf_names(&member(&cert, "/certificate/chain/0"), &mut out);
        let found = messages(&out, CERT_SAN_CRITICALITY);
        let case = format!("empty subject {empty_subject}, SAN critical {san_critical:?}");
        match expected {
            None => assert!(found.is_empty(), "{case}: {found:?}"),
            Some(text) => assert!(
                found.len() == 1 && found[0].contains(text),
                "{case}: expected one finding saying {text:?}, got {found:?}"
            ),
        }
    }
}

/// What an issuer in the path needs, fact by fact: version 3 (only a v3 certificate can say it
/// is a CA; rustls-webpki refuses v1 and v2 outright), and basicConstraints. A bundle
/// intermediate without basicConstraints is `cert.not_ca` (the certificate rules') and not
/// reported twice; a caller's root without it gets this rule, as no other rule reads it.
#[test]
fn issuers_need_version_3_and_basic_constraints() {
    let intermediate = &fixture("certs/rsa/intermediate.pem")[0];
    assert_eq!(intermediate.version, 3);
    // (version, basicConstraints cA, its critical flag, a caller's root, what the finding
    // says, or None)
    let table = [
        (3, Some(true), Some(true), false, None),
        (2, Some(true), Some(true), false, Some("X.509 version 2")),
        (1, None, None, true, Some("X.509 version 1")),
        (
            3,
            Some(true),
            Some(false),
            false,
            Some("not marked critical"),
        ),
        (3, None, None, true, Some("no basicConstraints")),
        (3, None, None, false, None),
    ];
    for (version, ca, critical, caller_anchor, expected) in table {
        let mut cert = intermediate.clone();
        cert.version = version;
        cert.basic_constraints_ca = ca;
        cert.path.basic_constraints_critical = critical;
        let mut m = member(&cert, "/certificate/chain/1");
        m.caller_anchor = caller_anchor;
        let mut out = Findings::new();
        check_issuer(&m, &mut out);
        let found = messages(&out, CERT_CA_PROFILE);
        let case = format!("v{version}, cA {ca:?}, critical {critical:?}, anchor {caller_anchor}");
        match expected {
            None => assert!(found.is_empty(), "{case}: {found:?}"),
            Some(text) => assert!(
                found.iter().any(|f| f.contains(text)),
                "{case}: expected a finding saying {text:?}, got {found:?}"
            ),
        }
    }
}

/// A nameConstraints extension must hold at least one subtree in each list it has (RFC 5280
/// 4.2.1.10: `GeneralSubtrees ::= SEQUENCE SIZE (1..MAX)`), and at least one of the lists:
/// clients refuse an empty one rather than read it as "no constraint", so it is reported at the
/// issuer and the names below it are not checked against it.
#[test]
fn name_constraints_with_an_empty_subtree_list_are_refused() {
    let chain = fixture("certs/rsa/fullchain.pem");
    let (leaf, intermediate) = (&chain[0], &chain[1]);
    let dns = |name: &str| vec![Subtree::Dns(name.to_string())];
    // (permitted, excluded, what the finding at the issuer says, or None)
    let table = [
        (None, None, Some("neither permitted nor excluded")),
        (Some(vec![]), None, Some("empty permitted subtrees")),
        (None, Some(vec![]), Some("empty excluded subtrees")),
        (
            Some(dns("example.com")),
            Some(vec![]),
            Some("empty excluded subtrees"),
        ),
        (
            Some(vec![]),
            Some(dns("example.org")),
            Some("empty permitted subtrees"),
        ),
        (Some(dns("example.com")), None, None),
        (None, Some(dns("example.org")), None),
    ];
    for (permitted, excluded, expected) in table {
        let case = format!("permitted {permitted:?}, excluded {excluded:?}");
        let mut issuer = intermediate.clone();
        // The facts' type is the model's own: built from its default, as the parser fills it.
        let mut nc = issuer.path.name_constraints.take().unwrap_or_default();
        (nc.critical, nc.permitted, nc.excluded) = (true, permitted, excluded);
        issuer.path.name_constraints = Some(nc);
        let path = [
            member(leaf, "/certificate/chain/0"),
            member(&issuer, "/certificate/chain/1"),
        ];
        let mut out = Findings::new();
        check_name_constraints(&path, 1, &mut out);
        let found: Vec<(String, String)> = out
            .diagnostics()
            .into_iter()
            .filter(|d| d.rule == CHAIN_NAME_CONSTRAINTS.id)
            .map(|d| (d.path, d.message))
            .collect();
        match expected {
            None => assert!(found.is_empty(), "{case}: {found:?}"),
            Some(text) => assert!(
                found.len() == 1
                    && found[0].0 == "/certificate/chain/1"
                    && found[0].1.contains(text),
                "{case}: expected one finding at the issuer saying {text:?}, got {found:?}"
            ),
        }
    }
}

/// rustls-webpki builds paths of at most 6 intermediates (`MAX_SUB_CA_COUNT`): a seventh is
/// refused, wherever the path ends. The anchor at the end is not an intermediate, whether it is
/// the caller's root, the bundle's copy of an anchor, or a self-signed root a client would have
/// to trust; the finding points at the first intermediate past the limit.
#[test]
fn rustls_takes_at_most_six_intermediates_between_leaf_and_anchor() {
    // The leaf, nine intermediates and their root (CN=Preflight Test Depth Root).
    let chain = fixture("certs/depth/chain-11.pem");
    let root = chain.last().unwrap();
    #[derive(Clone, Copy, Debug)]
    enum End {
        /// The last intermediate meets no anchor.
        Open,
        /// The caller's root issued the last intermediate.
        CallerRoot,
        /// The bundle's self-signed root ends the path.
        SelfSignedRoot,
        /// The last certificate given is itself an anchor (the bundle's copy of one).
        BundleAnchor,
    }
    // (intermediates taken from the chain, how the path ends, the finding's pointer)
    let table = [
        (6, End::Open, None),
        (7, End::Open, Some("/c/7")),
        (6, End::CallerRoot, None),
        (7, End::CallerRoot, Some("/c/7")),
        (6, End::SelfSignedRoot, None),
        (7, End::SelfSignedRoot, Some("/c/7")),
        (7, End::BundleAnchor, None),
        (8, End::BundleAnchor, Some("/c/7")),
        (9, End::Open, Some("/c/7")),
    ];
    for (intermediates, end, expected) in table {
        let mut path: Vec<PathMember<'_>> = chain[..=intermediates]
            .iter()
            .enumerate()
            .map(|(i, cert)| member(cert, &format!("/c/{i}")))
            .collect();
        match end {
            End::Open => {}
            End::CallerRoot | End::SelfSignedRoot => {
                let mut anchor = member(root, "/roots/0");
                anchor.self_signed = true;
                anchor.caller_anchor = matches!(end, End::CallerRoot);
                anchor.trust_anchor = matches!(end, End::CallerRoot);
                path.push(anchor);
            }
            End::BundleAnchor => path.last_mut().unwrap().trust_anchor = true,
        }
        let mut out = Findings::new();
        check_intermediate_count(&path, &mut out);
        let found: Vec<String> = out
            .diagnostics()
            .into_iter()
            .filter(|d| d.rule == CHAIN_TOO_MANY_INTERMEDIATES.id)
            .map(|d| d.path)
            .collect();
        let case = format!("{intermediates} intermediates, {end:?}");
        assert_eq!(
            found,
            expected.into_iter().map(String::from).collect::<Vec<_>>(),
            "{case}"
        );
    }
    let mut out = Findings::new();
    let path: Vec<PathMember<'_>> = chain[..10].iter().map(|c| member(c, "/c")).collect();
    check_intermediate_count(&path, &mut out);
    let message = &messages(&out, CHAIN_TOO_MANY_INTERMEDIATES)[0];
    assert!(message.contains("has 9 intermediates"), "{message}");
    assert!(
        message.contains("stop at certificate 7 (CN=Preflight Test Depth Intermediate 3)"),
        "{message}"
    );
}
