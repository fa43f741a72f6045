//! The structure-aware request target: the fuzzer's bytes become, through `arbitrary`, an
//! operation, a JSON body built as a `serde_json::Value` and a caller context, given to
//! `validate_request_value`. Object keys and strings are drawn mostly from the parameter
//! names and values the operations declare, so the walk gets past "unknown field" into the
//! typed checks, the cross-field rules and the certificate fields.

use arbitrary::{Arbitrary, Unstructured};
use cert_preflight::{operations, validate_request_value, RequestContext};
use serde_json::{Map, Number, Value};

use super::{check_report, now, CERTIFICATES};

/// Parameter names of the five operations' declarations (`src/request/operations/*.rs`), the
/// path parameters, and the caller context's keys.
const NAMES: &[&str] = &[
    "CACertificate",
    "CACertificateName",
    "CaCertificates",
    "CaEnabled",
    "CertificateId",
    "Certificates",
    "ClientToken",
    "DefaultActions",
    "DryRun",
    "ForwardGroupConfig",
    "GzipEnabled",
    "Http2Enabled",
    "IdleTimeout",
    "Key",
    "ListenerDescription",
    "ListenerId",
    "ListenerPort",
    "ListenerProtocol",
    "LoadBalancerId",
    "QuicConfig",
    "QuicListenerId",
    "QuicUpgradeEnabled",
    "RegionId",
    "RequestTimeout",
    "ResourceGroupId",
    "SecurityPolicyId",
    "ServerGroupId",
    "ServerGroupTuples",
    "Tag",
    "Type",
    "Value",
    "XForwardedForConfig",
    "XForwardedForClientCertClientVerifyAlias",
    "XForwardedForClientCertClientVerifyEnabled",
    "XForwardedForClientCertFingerprintAlias",
    "XForwardedForClientCertFingerprintEnabled",
    "XForwardedForClientCertIssuerDNAlias",
    "XForwardedForClientCertIssuerDNEnabled",
    "XForwardedForClientCertSubjectDNAlias",
    "XForwardedForClientCertSubjectDNEnabled",
    "XForwardedForClientSourceIpsEnabled",
    "XForwardedForClientSourceIpsTrusted",
    "XForwardedForClientSrcPortEnabled",
    "XForwardedForEnabled",
    "XForwardedForHostEnabled",
    "XForwardedForProcessingMode",
    "XForwardedForProtoEnabled",
    "XForwardedForSLBIdEnabled",
    "XForwardedForSLBPortEnabled",
    "certificate",
    "certificate_id",
    "description",
    "domain",
    "domains",
    "instance_ids",
    "name",
    "private_key",
    "project_id",
    "type",
    "verified_client_certificate_enabled",
    "instance_id",
];

/// String values the declarations and cross-field rules compare against, plus id shapes,
/// tag prefixes, regions, domain names and private key text.
const STRINGS: &[&str] = &[
    "HTTP",
    "HTTPS",
    "QUIC",
    "ForwardGroup",
    "server",
    "client",
    "append",
    "remove",
    "acs:",
    "aliyun",
    "http://",
    "https://",
    "alb-n5qw04uq8vavfe****",
    "lsn-0bfucwm7fq6pl1****",
    "sgp-8ilqs4axp6",
    "rg-acfmxazb4ph6aiy",
    "cn-hangzhou",
    "cn-shanghai",
    "ap-southeast-1",
    "0123456789abcdef0123456789abcdef",
    "123e4567-e89b-12d3-a456-426655440000",
    "www.example.com",
    "*.example.com",
    "example.com,www.example.com",
    "a..b",
    "xn--bcher-kva.example",
    "10.1.1.0/24",
    "",
    include_str!("../../testdata/certs/rsa/leaf.key"),
    include_str!("../../testdata/certs/ec-p256/leaf.key"),
    include_str!("../../testdata/certs/rsa/other.key"),
];

/// Deeper than this a value becomes `null`: no declared parameter is nested more than a few
/// levels, and the cap keeps `arbitrary`'s recursion bounded.
const MAX_DEPTH: usize = 16;

/// A string: a dictionary entry (names, values, or a certificate), any text, or a dictionary
/// entry repeated (to reach length limits cheaply).
#[derive(Debug, Arbitrary)]
enum FuzzString {
    Name(u8),
    Value(u8),
    Certificate(u8),
    Text(String),
    Repeated(u8, u16),
}

impl FuzzString {
    fn build(&self) -> String {
        let pick = |list: &[&str], i: &u8| list[usize::from(*i) % list.len()].to_string();
        match self {
            FuzzString::Name(i) => pick(NAMES, i),
            FuzzString::Value(i) => pick(STRINGS, i),
            FuzzString::Certificate(i) => pick(&CERTIFICATES, i),
            FuzzString::Text(s) => s.clone(),
            FuzzString::Repeated(i, n) => pick(STRINGS, i).repeat(usize::from(*n % 4096)),
        }
    }
}

/// A JSON value; objects mostly use declared names as keys.
#[derive(Debug, Arbitrary)]
enum FuzzValue {
    Null,
    Bool(bool),
    Integer(i64),
    Unsigned(u64),
    Float(f64),
    String(FuzzString),
    Array(Vec<FuzzValue>),
    Object(Vec<(FuzzString, FuzzValue)>),
}

impl FuzzValue {
    fn build(&self, depth: usize) -> Value {
        if depth > MAX_DEPTH {
            return Value::Null;
        }
        match self {
            FuzzValue::Null => Value::Null,
            FuzzValue::Bool(b) => Value::Bool(*b),
            FuzzValue::Integer(i) => Value::Number((*i).into()),
            FuzzValue::Unsigned(u) => Value::Number((*u).into()),
            FuzzValue::Float(f) => Number::from_f64(*f).map_or(Value::Null, Value::Number),
            FuzzValue::String(s) => Value::String(s.build()),
            FuzzValue::Array(items) => {
                Value::Array(items.iter().map(|v| v.build(depth + 1)).collect())
            }
            FuzzValue::Object(members) => Value::Object(object(members, depth)),
        }
    }
}

fn object(members: &[(FuzzString, FuzzValue)], depth: usize) -> Map<String, Value> {
    members
        .iter()
        .map(|(k, v)| (k.build(), v.build(depth + 1)))
        .collect()
}

/// One call: the operation, a body (an object, or any value), path parameters and facts.
#[derive(Debug, Arbitrary)]
struct RequestCase {
    operation: u8,
    body: Vec<(FuzzString, FuzzValue)>,
    body_not_object: Option<FuzzValue>,
    path: Vec<(FuzzString, FuzzString)>,
    certificate: Option<FuzzString>,
    listener_protocol: Option<FuzzString>,
    default_certificate_id: Option<FuzzString>,
    in_use: Option<bool>,
}

/// `request_value`: see the module comment.
pub fn request_value(data: &[u8]) {
    let Ok(case) = RequestCase::arbitrary_take_rest(Unstructured::new(data)) else {
        return;
    };
    let all = operations();
    let operation = all[usize::from(case.operation) % all.len()].id;
    let body = match &case.body_not_object {
        Some(value) => value.build(0),
        None => Value::Object(object(&case.body, 0)),
    };
    let mut context = RequestContext::new(now());
    for (k, v) in &case.path {
        context.path_params.insert(k.build(), v.build());
    }
    context.certificate = case.certificate.as_ref().map(FuzzString::build);
    context.listener_protocol = case.listener_protocol.as_ref().map(FuzzString::build);
    context.default_certificate_id = case.default_certificate_id.as_ref().map(FuzzString::build);
    context.in_use = case.in_use;
    let report =
        validate_request_value(operation, &body, &context).expect("a listed operation is known");
    assert_eq!(report.operation, operation);
    check_report(&report);
}
