//! Every context key against every operation that reads certificates (issue 25): a key means
//! the same wherever it is read, and changes nothing where it is not.
//!
//! Each operation gets a baseline request that checks one private chain (leaf and
//! intermediate from `testdata/requests/certs/`, root left out). Each key of `CONTEXT_KEYS` is
//! then set, on top of the baseline's context, to a value chosen to change a verdict, and the
//! report's rule set and trust facts are compared with the baseline's. `EFFECTS` lists, per
//! key, what changes in which operation; every other pair must give the same report. So a new
//! key or a new operation that starts (or stops) reading a key fails here until the table
//! says so. Issue 25 found `roots` and `no_public_roots` ignored by the two Huawei operations.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::collections::BTreeSet;

use cert_preflight::{validate_request_value, RequestContext, Timestamp, CONTEXT_KEYS};
use serde_json::{json, Value};

const NOW: &str = "2026-12-01T00:00:00Z";

fn pem(name: &str) -> String {
    let path = format!(
        "{}/testdata/requests/certs/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// One operation that reads certificates, with a baseline request.
struct Case {
    /// A name for messages (an operation may have two baselines).
    name: &'static str,
    operation: &'static str,
    path: &'static [(&'static str, &'static str)],
    body: Value,
    /// Context keys every run of this case has (the certificate a body refers to).
    context: Value,
    /// A server certificate's chain is judged against trust anchors; a CA upload's is not.
    server_chain: bool,
}

fn cases() -> Vec<Case> {
    let leaf = pem("leaf.pem");
    let inter = pem("inter-ca.pem");
    let chain = pem("chain2.pem");
    let key = pem("leaf.key");
    let huawei = &[
        ("project_id", "99a3fff0d03c428eac3678da6a7d0f24"),
        ("certificate_id", "233a6f8d5b9c4b3c8a6a3c2e1f0d9e8b"),
    ];
    vec![
        Case {
            name: "slb upload-ca (the intermediate as a CA)",
            operation: "alibaba.slb.upload-ca-certificate",
            path: &[],
            body: json!({"RegionId": "cn-hangzhou", "CACertificate": inter}),
            context: json!({}),
            server_chain: false,
        },
        Case {
            name: "elb update (certificate and key in the body)",
            operation: "huawei.elb.update-certificate",
            path: huawei,
            body: json!({"certificate": {"certificate": chain, "private_key": key, "domain": "www.example.com"}}),
            context: json!({}),
            server_chain: true,
        },
        Case {
            name: "elb update (domain only, certificate from the context)",
            operation: "huawei.elb.update-certificate",
            path: huawei,
            body: json!({"certificate": {"domain": "www.example.com"}}),
            context: json!({"certificate": chain}),
            server_chain: true,
        },
        Case {
            name: "apig attach (certificate from the context)",
            operation: "huawei.apig.attach-certificate-domains",
            path: huawei,
            body: json!({"domains": [{"domain": "www.example.com"}]}),
            context: json!({"certificate": chain}),
            server_chain: true,
        },
        Case {
            name: "acm import",
            operation: "aws.acm.import-certificate",
            path: &[],
            body: json!({"Certificate": leaf, "CertificateChain": inter, "PrivateKey": key}),
            context: json!({}),
            server_chain: true,
        },
        Case {
            name: "iam upload",
            operation: "aws.iam.upload-server-certificate",
            path: &[],
            body: json!({"ServerCertificateName": "shop", "Path": "/shop/", "CertificateBody": leaf, "CertificateChain": inter, "PrivateKey": key}),
            context: json!({}),
            server_chain: true,
        },
        Case {
            name: "gcp insert",
            operation: "gcp.compute.insert-ssl-certificate",
            path: &[("project", "my-project")],
            body: json!({"name": "shop", "certificate": chain, "privateKey": key}),
            context: json!({}),
            server_chain: true,
        },
        Case {
            name: "key vault import",
            operation: "azure.keyvault.import-certificate",
            path: &[("certificate-name", "shop"), ("api-version", "2025-07-01")],
            body: json!({"value": format!("{key}{chain}"), "policy": {"secret_props": {"contentType": "application/x-pem-file"}}}),
            context: json!({}),
            server_chain: true,
        },
        Case {
            name: "cloudflare create",
            operation: "cloudflare.custom-certificate.create",
            path: &[("zone_id", "023e105f4ecef8ad9ca31a8372d0c353")],
            body: json!({"certificate": chain, "private_key": key, "bundle_method": "force"}),
            context: json!({}),
            server_chain: true,
        },
        Case {
            name: "kubernetes secret",
            operation: "kubernetes.secret.tls",
            path: &[],
            body: json!({"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "shop"}, "type": "kubernetes.io/tls", "stringData": {"tls.crt": chain, "tls.key": key}}),
            context: json!({}),
            server_chain: true,
        },
    ]
}

/// The value each key is set to: one that changes a verdict where the key is read.
fn probe(key: &str) -> Value {
    match key {
        // A self-signed CA that does not cover www.example.com.
        "certificate" => json!(pem("client-ca.pem")),
        "listener_protocol" => json!("HTTP"),
        "default_certificate_id" => json!("123157******-cn-hangzhou"),
        "in_use" => json!(true),
        "service" => json!("cloudfront"),
        "previous_certificate" => json!(pem("client-ca.pem")),
        "existing_names" => json!(["shop"]),
        "endpoint" => json!("regional"),
        "zone_name" => json!("example.org"),
        "byoip" => json!(true),
        "hosts" => json!(["shop.example.org"]),
        "roots" => json!(pem("root-ca.pem")),
        "no_public_roots" => json!(true),
        // The baseline chains are private and unanchored (audience auto: public lints apply).
        "audience" => json!("private"),
        other => panic!("no probe for the context key {other:?}: add one, and its effects"),
    }
}

/// What a key changes in one case: rules (`rule/severity`) that appear and that go, and
/// whether the trust facts (store, caller roots, anchor) change.
#[derive(Debug, PartialEq, Eq)]
struct Effect {
    added: BTreeSet<String>,
    removed: BTreeSet<String>,
    trust_changed: bool,
}

/// What each key changes in the cases that read it (by case name); anything not listed must
/// change nothing.
fn expected_effects(
    key: &str,
    case: &Case,
) -> Option<(&'static [&'static str], &'static [&'static str], bool)> {
    // Without `roots` the chain stops at the intermediate, whose issuer is missing; with the
    // root as an anchor the chain is complete and anchored at the caller's root.
    const ANCHORED: (&[&str], &[&str], bool) = (&[], &["chain.incomplete/warning"], true);
    // Public roots off: the trust facts say so; the private chain stays incomplete.
    const NO_STORE: (&[&str], &[&str], bool) = (&[], &[], true);
    match key {
        "roots" if case.server_chain => Some(ANCHORED),
        "no_public_roots" if case.server_chain => Some(NO_STORE),
        // The audience is part of the trust facts (issue 20); the baseline chain fires no
        // CA/Browser Forum lint, so no rule changes.
        "audience" if case.server_chain => Some(NO_STORE),
        _ => EFFECTS
            .iter()
            .find(|(k, c, ..)| *k == key && *c == case.name)
            .map(|(_, _, added, removed, trust)| (*added, *removed, *trust)),
    }
}

/// (key, case name, rules added, rules removed, trust facts changed) for the operation-specific
/// keys.
type Row = (
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
    bool,
);
const EFFECTS: &[Row] = &[
    // The certificate a domain-only request refers to: a self-signed CA without SANs now. The
    // trust facts change with it: the path a client builds is that certificate alone.
    (
        "certificate",
        "elb update (domain only, certificate from the context)",
        &[
            "cert.key_usage_no_signature/error",
            "cert.leaf_is_ca/error",
            "cert.no_san/warning",
            "chain.untrusted_root/warning",
            "domain.not_covered/error",
        ],
        &["chain.incomplete/warning"],
        true,
    ),
    (
        "certificate",
        "apig attach (certificate from the context)",
        &[
            "cert.key_usage_no_signature/error",
            "cert.leaf_is_ca/error",
            "cert.no_san/warning",
            "chain.untrusted_root/warning",
            "domain.not_covered/error",
        ],
        &["chain.incomplete/warning"],
        true,
    ),
    // The CA as the certificate a re-import replaces: it lacks the leaf's key usages.
    (
        "previous_certificate",
        "acm import",
        &["cert.reimport_adds_usage/error"],
        &[],
        false,
    ),
    (
        "service",
        "iam upload",
        &["request.invalid_value/error"],
        &[],
        false,
    ),
    (
        "existing_names",
        "iam upload",
        &["name.already_exists/error"],
        &[],
        false,
    ),
    (
        "zone_name",
        "cloudflare create",
        &["domain.not_in_zone/error"],
        &[],
        false,
    ),
    // `type` left out is legacy_custom, which does not work with BYOIP.
    (
        "byoip",
        "cloudflare create",
        &["request.not_applicable/warning"],
        &[],
        false,
    ),
    (
        "hosts",
        "kubernetes secret",
        &["domain.not_covered/error"],
        &[],
        false,
    ),
];

fn context(case: &Case, extra: Option<(&str, &Value)>) -> RequestContext {
    let mut ctx = RequestContext::new(Timestamp::parse_rfc3339(NOW).unwrap());
    for (name, value) in case.path {
        ctx.path_params.insert(name.to_string(), value.to_string());
    }
    for (key, value) in case.context.as_object().unwrap() {
        ctx.set(key, value).unwrap();
    }
    if let Some((key, value)) = extra {
        ctx.set(key, value).unwrap();
    }
    ctx
}

/// The report's rules (`rule/severity`) and its trust facts.
fn verdict(case: &Case, extra: Option<(&str, &Value)>) -> (BTreeSet<String>, Value) {
    let report = validate_request_value(case.operation, &case.body, &context(case, extra))
        .unwrap_or_else(|e| panic!("{}: {e}", case.name));
    let rules = report
        .diagnostics
        .iter()
        .map(|d| format!("{}/{}", d.rule, d.severity.as_str()))
        .collect();
    let trust = report
        .certificate
        .as_ref()
        .and_then(|c| c.trust.as_ref())
        .map(|t| serde_json::to_value(t).unwrap())
        .unwrap_or(Value::Null);
    (rules, trust)
}

#[test]
fn every_context_key_means_the_same_in_every_operation_that_reads_certificates() {
    let mut wrong = Vec::new();
    for case in cases() {
        let (base_rules, base_trust) = verdict(&case, None);
        if case.server_chain {
            assert!(
                base_rules.contains("chain.incomplete/warning"),
                "{}: the baseline should check the chain without its root: {base_rules:?}",
                case.name
            );
            assert_ne!(base_trust, Value::Null, "{}: no trust facts", case.name);
        }
        for key in CONTEXT_KEYS {
            let value = probe(key);
            let (rules, trust) = verdict(&case, Some((key, &value)));
            let got = Effect {
                added: rules.difference(&base_rules).cloned().collect(),
                removed: base_rules.difference(&rules).cloned().collect(),
                trust_changed: trust != base_trust,
            };
            let (added, removed, trust_changed) =
                expected_effects(key, &case).unwrap_or((&[], &[], false));
            let want = Effect {
                added: added.iter().map(|s| s.to_string()).collect(),
                removed: removed.iter().map(|s| s.to_string()).collect(),
                trust_changed,
            };
            if got != want {
                wrong.push(format!(
                    "{key} in {}: expected {want:?}, got {got:?}",
                    case.name
                ));
            }
        }
    }
    assert!(wrong.is_empty(), "\n{}", wrong.join("\n"));
}
