//! Request validation speed: a typical ALB CreateListener request (no certificate material),
//! and a full Huawei ELB update with a 3-certificate chain, its key and two domains.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code: criterion's macros make undocumented public functions, and a broken input should stop the run"
)]

use cert_preflight::{validate_request, RequestContext, Timestamp};
use criterion::{black_box, criterion_group, criterion_main, Criterion};

const CHAIN: &str = include_str!("../testdata/requests/certs/chain3.pem");
const KEY: &str = include_str!("../testdata/requests/certs/leaf.key");

fn now() -> Timestamp {
    Timestamp::from_unix_seconds(1_795_392_000) // 2026-11-23T00:00:00Z
}

fn create_listener(c: &mut Criterion) {
    let body = serde_json::json!({
        "LoadBalancerId": "alb-n5qw04uq8vavfe****",
        "ClientToken": "123e4567-e89b-12d3-a456-426655440000",
        "ListenerProtocol": "HTTPS",
        "ListenerPort": 443,
        "ListenerDescription": "HTTPS_443_主站",
        "RequestTimeout": 60,
        "IdleTimeout": 15,
        "Http2Enabled": true,
        "SecurityPolicyId": "tls_cipher_policy_1_0",
        "XForwardedForConfig": {
            "XForwardedForEnabled": true,
            "XForwardedForClientCertSubjectDNAlias": "x-client-subject",
            "XForwardedForClientCertSubjectDNEnabled": true,
            "XForwardedForClientSourceIpsTrusted": "10.1.1.0/24;192.168.0.0/16"
        },
        "Certificates": [{"CertificateId": "103705"}],
        "DefaultActions": [{"Type": "ForwardGroup",
            "ForwardGroupConfig": {"ServerGroupTuples": [{"ServerGroupId": "sgp-8ilqs4axp6"}]}}],
        "Tag": [{"Key": "env", "Value": "product"}, {"Key": "team", "Value": "web"}]
    })
    .to_string();
    let context = RequestContext::new(now());
    c.bench_function("request/alb_create_listener", |b| {
        b.iter(|| validate_request("CreateListener", black_box(&body), &context))
    });
}

fn elb_update_with_chain(c: &mut Criterion) {
    let body = serde_json::json!({"certificate": {
        "name": "www", "description": "chain of three", "type": "server",
        "certificate": CHAIN, "private_key": KEY, "domain": "www.example.com,example.com"
    }})
    .to_string();
    let mut context = RequestContext::new(now());
    context.path_params.insert(
        "project_id".into(),
        "99a3fff0d03c428eac3678da6a7d0f24".into(),
    );
    context.path_params.insert(
        "certificate_id".into(),
        "233a325e5e3e4ce8beeb320aa714cc12".into(),
    );
    c.bench_function("request/elb_update_3_certificate_chain", |b| {
        b.iter(|| validate_request("UpdateCertificate", black_box(&body), &context))
    });
}

criterion_group!(benches, create_listener, elb_update_with_chain);
criterion_main!(benches);
