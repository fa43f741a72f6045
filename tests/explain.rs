//! `explain` (issue 19, item 5): every error code any operation declares leads back to the
//! rules that carry it; the known misleading messages lead to their rules; with a request, the
//! check says which of them applies.
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
    explain, explain_request, operation_rules, operations, RequestContext, Timestamp,
};
use serde_json::json;

fn certificate(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/requests/certs")
        .join(name);
    fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn context() -> RequestContext {
    let mut context =
        RequestContext::new(Timestamp::parse_rfc3339("2026-12-01T00:00:00Z").expect("time"));
    context
        .set("roots", &json!(certificate("root-ca.pem")))
        .expect("roots");
    context
}

#[test]
fn every_declared_error_code_is_explained() {
    let mut codes = 0;
    for operation in operations() {
        for rule in operation_rules(operation.id).expect("known") {
            let Some(code) = rule.api_error else { continue };
            codes += 1;
            let why = explain(operation.id, code).expect("known");
            let cause = why.causes.iter().find(|c| c.rule == rule.id);
            let cause = cause
                .unwrap_or_else(|| panic!("{}: {code} does not lead to {}", operation.id, rule.id));
            assert_eq!(cause.api_error, Some(code));
            // The severities the operation's reports give the rule, not the catalogue's
            // (Cloudflare answers 2103 for `cert.no_san`, which it holds as an error).
            assert_eq!(
                (cause.severity, cause.also),
                (rule.severity, rule.also),
                "{}: {}",
                operation.id,
                rule.id
            );
            // Every cause of a bare code carries that code in this operation.
            assert!(why.causes.iter().all(|c| c.api_error == Some(code)));
        }
    }
    assert!(codes > 50, "only {codes} codes were tried");
}

#[test]
fn known_messages_lead_to_their_rules() {
    let cases: &[(&str, &str, &str)] = &[
        (
            "aws.acm.import-certificate",
            "An error occurred (ValidationException) when calling the ImportCertificate operation: Unable to validate certificate chain. The certificate chain must start with the immediate signing certificate, followed by any intermediaries in order. The index within the chain of the invalid certificate is: -1",
            "chain.incomplete",
        ),
        (
            "iam:UploadServerCertificate",
            "MalformedCertificate: Unable to validate certificate chain",
            "chain.incomplete",
        ),
        (
            "kubernetes.secret.tls",
            "SSL_CTX_use_PrivateKey_file(\"/etc/ingress-controller/ssl/default-shop.pem\") failed (SSL: error:0B080074:x509 certificate routines:X509_check_private_key:key values mismatch)",
            "chain.misordered",
        ),
        (
            "kubernetes.secret.tls",
            "Error obtaining X.509 certificate: unexpected error creating SSL Cert: certificate and private key does not have a matching public key",
            "chain.misordered",
        ),
        (
            "aws.acm.import-certificate",
            "CertificateNotFound: Certificate 'arn:aws:acm:us-east-2:111122223333:certificate/8fee8e9b' not found",
            "cert.algorithm_unsupported",
        ),
        (
            "azure.keyvault.import-certificate",
            "BadParameter: The specified PEM X.509 certificate content is in an unexpected format. Please check if certificate is in valid PEM format.",
            "pem.crlf",
        ),
    ];
    for (operation, message, first) in cases {
        let why = explain(operation, message).expect("known");
        assert_eq!(
            why.causes.first().map(|c| c.rule),
            Some(*first),
            "{operation}: {message}"
        );
        assert!(why
            .causes
            .iter()
            .all(|c| !c.source.is_empty() && !c.why.is_empty()));
    }
    // A message of another provider is not read as this one's.
    let why = explain("alibaba.alb.create-listener", "key values mismatch").expect("known");
    assert!(why.causes.is_empty(), "{:?}", why.causes);
    assert!(explain("no.such-operation", "x").is_err());
}

#[test]
fn with_the_request_it_says_which_cause_applies() {
    // ingress-nginx's "key values mismatch" for a Secret whose leaf is not first.
    let secret = json!({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
        "metadata": {"name": "shop-tls"},
        "stringData": {"tls.crt": certificate("inter-ca.pem") + &certificate("leaf.pem"),
                       "tls.key": certificate("leaf.key")}});
    let why = explain_request(
        "kubernetes.secret.tls",
        "key values mismatch",
        &secret.to_string(),
        &context(),
    )
    .expect("known");
    assert!(why.checked);
    let applies = |rule: &str| {
        why.causes
            .iter()
            .find(|c| c.rule == rule)
            .and_then(|c| c.applies)
    };
    assert_eq!(applies("chain.misordered"), Some(true), "{:?}", why.causes);
    assert_eq!(applies("key.mismatch"), Some(false));
    let misordered = why
        .causes
        .iter()
        .find(|c| c.rule == "chain.misordered")
        .unwrap();
    assert!(!misordered.findings.is_empty());

    // ACM's "index ... is: -1" for a leaf sent without its intermediate.
    let import =
        json!({"Certificate": certificate("leaf.pem"), "PrivateKey": certificate("leaf.key")});
    let why = explain_request(
        "aws.acm.import-certificate",
        "Unable to validate certificate chain. The index within the chain of the invalid certificate is: -1",
        &import.to_string(),
        &context(),
    )
    .expect("known");
    let incomplete = why
        .causes
        .iter()
        .find(|c| c.rule == "chain.incomplete")
        .unwrap();
    assert_eq!(incomplete.applies, Some(true), "{:?}", why.causes);
    let misordered = why
        .causes
        .iter()
        .find(|c| c.rule == "chain.misordered")
        .unwrap();
    assert_eq!(misordered.applies, Some(false));
}
