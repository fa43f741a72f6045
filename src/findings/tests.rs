//! The sink's tests: policies, splits, fixes, codes.

use super::*;
use crate::catalog;

#[test]
fn emit_keeps_the_rule_and_the_normalized_output_resolves_from_its_mark() {
    let mut findings = Findings::new();
    findings.emit_as(
        catalog::ID_UNKNOWN_REGION,
        Severity::Error,
        "/RegionId",
        "unknown",
    );
    findings.emit(catalog::PEM_STRAY_TEXT, "/certificate", "stray");
    findings.emit(catalog::CHAIN_EMPTY, "/certificate", "empty");
    findings.normalized_resolves_since(1, false);
    findings.emit(
        catalog::PEM_BLANK_LINE,
        "/certificate",
        "after the fix was made",
    );
    let d = findings.into_diagnostics(&ErrorCodes::CATALOGUE);
    assert_eq!(d.len(), 4);
    assert_eq!(d[0].severity, Severity::Error);
    assert!(!d[0].fixed, "made before the mark");
    assert!(d[1].fixed, "pem.stray_text is fixed by normalizing");
    assert!(!d[2].fixed, "chain.empty is not");
    assert!(!d[3].fixed, "made after the normalized output was declared");
}

#[test]
fn a_policy_decides_before_the_finding_is_made() {
    const POLICY: Policy = Policy {
        overrides: &[
            Override::new(catalog::CHAIN_ROOT_INCLUDED, Severity::Error),
            Override::new(catalog::CERT_WEAK_KEY, Severity::Error).for_leaf(),
        ],
        replacements: &[
            Replacement::new(catalog::CHAIN_INCOMPLETE, catalog::CHAIN_INCOMPLETE)
                .severity(Severity::Info)
                .says("completed by the provider"),
            Replacement::withhold(catalog::CHAIN_UNTRUSTED_ROOT),
        ],
    };
    let mut findings = Findings::with_policies(vec![POLICY]);
    findings.leaf_chosen("/c", 0);
    findings.emit(catalog::CHAIN_ROOT_INCLUDED, "/c/chain/2", "root");
    findings.emit_as(
        catalog::CHAIN_ROOT_INCLUDED,
        Severity::Warning,
        "/c/chain/2",
        "root",
    );
    findings.emit(catalog::CHAIN_INCOMPLETE, "/c/chain/1", "stops");
    findings.emit(catalog::CHAIN_UNTRUSTED_ROOT, "/c/chain/2", "untrusted");
    findings.emit(catalog::CERT_WEAK_KEY, "/c/chain/0", "leaf");
    findings.emit(catalog::CERT_WEAK_KEY, "/c/chain/1", "intermediate");
    let d = findings.into_diagnostics(&ErrorCodes::CATALOGUE);
    let got: Vec<(&str, Severity, &str)> = d
        .iter()
        .map(|d| (d.rule.as_str(), d.severity, d.message.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("chain.root_included", Severity::Error, "Root"),
            ("chain.root_included", Severity::Error, "Root"),
            (
                "chain.incomplete",
                Severity::Info,
                "Completed by the provider"
            ),
            ("cert.weak_key", Severity::Error, "Leaf"),
            ("cert.weak_key", Severity::Warning, "Intermediate"),
        ]
    );
    let listed: Vec<Severity> = POLICY.severities_of(catalog::CHAIN_INCOMPLETE).collect();
    assert_eq!(listed, [Severity::Info]);
}

#[test]
fn a_split_reports_each_certificate_in_its_field() {
    let mut findings = Findings::new();
    findings.split_fields(FieldSplit {
        base: "/Certificate".into(),
        chain: "/CertificateChain".into(),
        leaf_blocks: 1,
        leaf_repeats: vec![2],
    });
    findings.leaf_chosen("/Certificate", 0);
    findings.emit(catalog::CHAIN_MISORDERED, "/Certificate", "order");
    findings.emit(catalog::CHAIN_DUPLICATE, "/Certificate/chain/2", "again");
    findings.emit(catalog::CHAIN_DUPLICATE, "/Certificate/chain/3", "again");
    findings.emit(catalog::CERT_EXPIRED, "/Certificate/chain/0/x", "leaf");
    let d = findings.into_diagnostics(&ErrorCodes::CATALOGUE);
    let got: Vec<(&str, &str)> = d
        .iter()
        .map(|d| (d.rule.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("chain.misordered", "/CertificateChain"),
            ("chain.leaf_in_chain", "/CertificateChain/chain/1"),
            ("chain.duplicate", "/CertificateChain/chain/2"),
            ("cert.expired", "/Certificate/chain/0/x"),
        ]
    );
}

#[test]
fn messages_start_with_a_capital() {
    let cases = [
        ("the tag key", "The tag key"),
        ("\"a.com\" is", "\"a.com\" is"),
        ("`Port` is", "`Port` is"),
        ("école", "école"),
        ("", ""),
    ];
    for (given, expected) in cases {
        assert_eq!(sentence_case(given.to_string()), expected);
    }
}

#[test]
fn codes_come_from_the_operation_then_the_catalogue() {
    const APIG: ErrorCodes = ErrorCodes {
        parameter: Some("APIG.2012"),
        rules: &[(catalog::DOMAIN_LABEL_INVALID, "APIG.2012")],
        catalogue_codes: true,
    };
    const NONE: ErrorCodes = ErrorCodes {
        parameter: None,
        rules: &[],
        catalogue_codes: true,
    };
    let cases: &[(&ErrorCodes, &Rule, Option<&str>)] = &[
        (
            &ErrorCodes::CATALOGUE,
            catalog::REQUEST_LENGTH,
            Some("InvalidParameter"),
        ),
        (&APIG, catalog::REQUEST_LENGTH, Some("APIG.2012")),
        (&NONE, catalog::REQUEST_LENGTH, None),
        (&APIG, catalog::DOMAIN_LABEL_INVALID, Some("APIG.2012")),
        (&ErrorCodes::CATALOGUE, catalog::DOMAIN_LABEL_INVALID, None),
        (&NONE, catalog::TAG_KEY_MISSING, Some("MissingParam.TagKey")),
    ];
    for (codes, rule, expected) in cases {
        assert_eq!(codes.for_rule(rule), *expected, "{}", rule.id);
    }
}
