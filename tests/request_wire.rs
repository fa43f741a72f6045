//! The query-style wire forms, from the SDKs' own bytes (issue 25): boto3's awsQuery body for
//! IAM and the Alibaba Tea SDKs' URL query, captured by `tests/sdk/gen_wire_fixtures.py` into
//! `testdata/requests/wire/`, become the JSON body the operation declares, through the crate
//! (`request_from_query`) and the CLI (`request --wire query`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cert_preflight::{
    request_from_query, validate_request_query, validate_request_value, RequestContext, Timestamp,
};
use cli_support::{run, Temp};
use serde_json::{json, Value};

fn fixture(name: &str) -> String {
    let path = format!("{}/testdata/requests/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn wire_path(name: &str) -> String {
    format!(
        "{}/testdata/requests/wire/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn rules(report: &cert_preflight::Report) -> Vec<(String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.rule.clone(), d.path.clone()))
        .collect()
}

fn context() -> RequestContext {
    let mut ctx = RequestContext::new(Timestamp::parse_rfc3339("2026-12-01T00:00:00Z").unwrap());
    ctx.set("roots", &json!(fixture("certs/root-ca.pem")))
        .unwrap();
    ctx
}

#[test]
fn boto3_iam_form_body() {
    let form = fixture("wire/iam-upload-server-certificate.form");
    let body = request_from_query("aws.iam.upload-server-certificate", &form).unwrap();
    // Action and Version are the protocol's; `+` and %0A decode; Tags.member.N is a list.
    let expected = json!({
        "ServerCertificateName": "shop-2026",
        "Path": "/shop/",
        "CertificateBody": fixture("certs/leaf.pem"),
        "PrivateKey": fixture("certs/leaf.key"),
        "CertificateChain": fixture("certs/inter-ca.pem"),
        "Tags": [{"Key": "env", "Value": "prod"}, {"Key": "team", "Value": ""}],
    });
    assert_eq!(body, expected);
    let report =
        validate_request_value("aws.iam.upload-server-certificate", &body, &context()).unwrap();
    assert!(report.valid, "{:?}", rules(&report));
    assert!(rules(&report).is_empty(), "{:?}", rules(&report));
}

#[test]
fn alibaba_tea_url_query() {
    let url = fixture("wire/alb-create-listener.url");
    let body = request_from_query("CreateListener", &url).unwrap();
    assert_eq!(
        body["ListenerPort"],
        json!(443),
        "typed as the declared integer"
    );
    assert_eq!(body["DryRun"], json!(true), "Python's True is true");
    assert_eq!(
        body["XForwardedForConfig"]["XForwardedForClientSrcPortEnabled"],
        json!(true)
    );
    assert_eq!(
        body["DefaultActions"][0]["ForwardGroupConfig"]["ServerGroupTuples"][0]["ServerGroupId"],
        json!("sgp-8ilqs4axp6******")
    );
    assert_eq!(body["ListenerDescription"], json!("shop https"));
    assert_eq!(
        body["Tag"][1],
        json!({"Key": "aliyun:team", "Value": "web"})
    );
    let report = validate_request_value("CreateListener", &body, &context()).unwrap();
    let found = rules(&report);
    // What the fixture breaks on purpose: a space in the description, a reserved tag prefix.
    assert_eq!(
        found,
        vec![
            (
                "request.invalid_value".into(),
                "/ListenerDescription".into()
            ),
            ("tag.key_reserved_prefix".into(), "/Tag/1/Key".into()),
        ]
    );
}

#[test]
fn alibaba_slb_ca_upload_and_the_cli() {
    let url = fixture("wire/slb-upload-ca-certificate.url");
    let body = request_from_query("UploadCACertificate", &url).unwrap();
    assert_eq!(
        body,
        json!({
            "CACertificate": fixture("certs/root-ca.pem"),
            "CACertificateName": "shop-clients",
            "RegionId": "cn-hangzhou",
        })
    );
    let r = run(&[
        "request",
        "UploadCACertificate",
        &wire_path("slb-upload-ca-certificate.url"),
        "--wire",
        "query",
        "--now",
        "2026-12-01T00:00:00Z",
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["valid"], json!(true));
    // The same file as JSON is not JSON: the flag is what reads the wire form.
    let r = run(&[
        "request",
        "UploadCACertificate",
        &wire_path("slb-upload-ca-certificate.url"),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1);
    assert!(r.stdout.contains("request.malformed"), "{}", r.stdout);
}

/// The rules of a report that say the request was not read at all.
fn refused(report: &cert_preflight::Report) -> Vec<&str> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule == "request.malformed")
        .map(|d| d.message.as_str())
        .collect()
}

/// A query is bounded by its operation's own limits, not by a flat 1 MiB (issue 19): an IAM
/// chain may hold 2,097,152 characters, so a 1.2 MB form body is read and its fields checked,
/// and only a query past IAM's own bound (its JSON bound, as percent-encoding writes it) is
/// refused before it is read. Before, the CLI read a query over 1 MiB as JSON.
#[test]
fn a_query_is_bounded_by_its_operations_limits() {
    let iam = "aws.iam.upload-server-certificate";
    let form = fixture("wire/iam-upload-server-certificate.form");
    let big = format!("{form}&CertificateChain={}", "A".repeat(1_200_000));
    let report = validate_request_query(iam, &big, &context()).unwrap();
    assert!(refused(&report).is_empty(), "{:?}", refused(&report));
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.path == "/CertificateChain"));

    let file = Temp::new("iam-big-form", &big);
    let r = run(&[
        "request",
        iam,
        &file.path(),
        "--wire",
        "query",
        "--format",
        "json",
    ]);
    assert!(!r.stdout.contains("request.malformed"), "{}", r.stdout);
    assert!(r.stdout.contains("/CertificateChain"), "{}", r.stdout);

    // IAM's JSON bound is 2 x (16,384 + 2,097,152 + 16,384) + 65,536 = 4,325,376 bytes; its
    // query bound is 3/2 of it.
    let over = format!("CertificateChain={}", "A".repeat(6_488_064));
    let report = validate_request_query(iam, &over, &context()).unwrap();
    assert_eq!(
        refused(&report),
        ["The request query is 6488081 bytes; queries over 6488064 bytes (what this operation's own field limits allow) are refused without parsing"]
    );
    // An operation without larger fields keeps the default bound, as percent-encoding writes it.
    let slb = format!(
        "RegionId=cn-hangzhou&CACertificateName={}",
        "a".repeat(1_600_000)
    );
    let report = validate_request_query("UploadCACertificate", &slb, &context()).unwrap();
    assert_eq!(refused(&report).len(), 1);
}
