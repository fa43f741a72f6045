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

use cert_preflight::{request_from_query, validate_request_value, RequestContext, Timestamp};
use cli_support::run;
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
