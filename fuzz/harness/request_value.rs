//! The structure-aware request target: the fuzzer's bytes become, through `arbitrary`, an
//! operation, a JSON body built as a `serde_json::Value` and a caller context, given to
//! `validate_request_value`. Object keys and strings are drawn mostly from the parameter
//! names and values the operations declare, so the walk gets past "unknown field" into the
//! typed checks, the cross-field rules and the certificate fields. The caller context is set
//! key by key through `RequestContext::set` (keys from `CONTEXT_KEYS`, now and then one it
//! does not know), as the CLI's `--context` file and the npm options set it.

use arbitrary::{Arbitrary, Unstructured};
use base64::Engine as _;
use cert_preflight::{operations, validate_request_value, RequestContext, CONTEXT_KEYS};
use serde_json::{Map, Number, Value};

use super::{check_report, now, CERTIFICATES};

/// Parameter names of the eleven operations' declarations (`src/request/operations/*.rs`,
/// body and path parameters, nested members included), and the caller context's keys.
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
    // aws.acm.import-certificate, aws.iam.upload-server-certificate
    "Certificate",
    "PrivateKey",
    "CertificateChain",
    "CertificateArn",
    "Tags",
    "CertificateBody",
    "ServerCertificateName",
    "Path",
    // gcp.compute.insert-ssl-certificate (path: project, requestId)
    "project",
    "requestId",
    "privateKey",
    "selfManaged",
    "managed",
    "creationTimestamp",
    "domainStatus",
    "expireTime",
    "id",
    "kind",
    "region",
    "selfLink",
    "subjectAlternativeNames",
    // azure.keyvault.import-certificate (path: certificate-name, api-version)
    "certificate-name",
    "api-version",
    "value",
    "pwd",
    "policy",
    "attributes",
    "tags",
    "preserveCertOrder",
    "key_props",
    "secret_props",
    "x509_props",
    "lifetime_actions",
    "issuer",
    "contentType",
    "exportable",
    "kty",
    "key_size",
    "reuse_key",
    "crv",
    "subject",
    "sans",
    "dns_names",
    "emails",
    "upns",
    "uris",
    "ipAddresses",
    "ekus",
    "key_usage",
    "validity_months",
    "trigger",
    "action",
    "action_type",
    "lifetime_percentage",
    "days_before_expiry",
    "cty",
    "cert_transparency",
    "enabled",
    "nbf",
    "exp",
    // cloudflare.custom-certificate.create (path: zone_id)
    "zone_id",
    "bundle_method",
    "geo_restrictions",
    "label",
    "policy_restrictions",
    "custom_csr_id",
    // kubernetes.secret.tls
    "apiVersion",
    "metadata",
    "data",
    "stringData",
    "immutable",
    "generateName",
    "namespace",
    "labels",
    "annotations",
    "tls.crt",
    "tls.key",
    "ca.crt",
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
    // the six new operations' enumerations, formats and context values
    "kubernetes.io/tls",
    "Opaque",
    "v1",
    "Secret",
    "shop-tls",
    "shop-2026",
    "Shop_TLS",
    "SELF_MANAGED",
    "MANAGED",
    "TYPE_UNSPECIFIED",
    "ubiquitous",
    "optimal",
    "force",
    "sni_custom",
    "legacy_custom",
    "user_defined",
    "us",
    "eu",
    "highest_security",
    "application/x-pem-file",
    "application/x-pkcs12",
    "RSA",
    "RSA-HSM",
    "EC",
    "EC-HSM",
    "oct",
    "P-256",
    "P-384",
    "P-521",
    "P-256K",
    "digitalSignature",
    "keyEncipherment",
    "keyCertSign",
    "AutoRenew",
    "EmailContacts",
    "2025-07-01",
    "arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c-1f2e-3d4c-1f2e-3d4c1f2e3d4c",
    "arn:aws:iam::123456789012:server-certificate/x",
    "/",
    "/cloudfront/",
    "cloudfront",
    "alb",
    "global",
    "regional",
    "example.com",
    "shop.example.com",
    "023e105f4ecef8ad9ca31a8372d0c353",
    "123e4567-e89b-12d3-a456-426614174000",
    "my-project",
    include_str!("../../testdata/requests/certs/targets/leaf.pem.b64"),
    include_str!("../../testdata/requests/certs/targets/leaf.der.b64"),
    include_str!("../../testdata/requests/certs/targets/leaf.key.b64"),
    include_str!("../../testdata/requests/certs/targets/leaf.pfx.b64"),
];

/// PEM text the new operations' golden cases use: leaves with their keys, intermediates,
/// chains and roots (testdata/requests/certs/gen.sh), so a key can meet its own certificate.
const MATERIAL: &[&str] = &[
    include_str!("../../testdata/requests/certs/leaf.pem"),
    include_str!("../../testdata/requests/certs/leaf.key"),
    include_str!("../../testdata/requests/certs/inter-ca.pem"),
    include_str!("../../testdata/requests/certs/chain2.pem"),
    include_str!("../../testdata/requests/certs/root-ca.pem"),
    include_str!("../../testdata/requests/certs/targets/aws-leaf.pem"),
    include_str!("../../testdata/requests/certs/targets/aws-leaf.key"),
    include_str!("../../testdata/requests/certs/targets/aws-inter-rsa.pem"),
    include_str!("../../testdata/requests/certs/targets/aws-ec-leaf.pem"),
    include_str!("../../testdata/requests/certs/targets/aws-ec-leaf.key"),
    include_str!("../../testdata/requests/certs/targets/cf-leaf.pem"),
    include_str!("../../testdata/requests/certs/targets/cf-leaf.key"),
    include_str!("../../testdata/requests/certs/targets/gcp-leaf-p256.pem"),
    include_str!("../../testdata/requests/certs/targets/gcp-leaf-p256.key"),
    include_str!("../../testdata/requests/certs/targets/leaf-encrypted.key"),
    include_str!("../../testdata/requests/certs/targets/leaf-crlf.pem"),
];

/// DER certificates and keys, given base64-encoded (what a user pastes from a `.der` file;
/// ACM reads base64 of DER as `pem.malformed`).
const DER: &[&[u8]] = &[
    include_bytes!("../../testdata/cli/leaf.der"),
    include_bytes!("../../testdata/certs/forms/der-keys/rsa.pkcs8.der"),
    include_bytes!("../../testdata/certs/forms/der-keys/ec.sec1.der"),
];

/// Deeper than this a value becomes `null`: no declared parameter is nested more than a few
/// levels, and the cap keeps `arbitrary`'s recursion bounded.
const MAX_DEPTH: usize = 16;

/// A string: a dictionary entry (names, values, or a certificate), PEM material (alone or two
/// joined, as plain text or base64 of it), base64 of DER, any text, or a dictionary entry
/// repeated (to reach length limits cheaply).
#[derive(Debug, Arbitrary)]
enum FuzzString {
    Name(u8),
    Value(u8),
    Certificate(u8),
    Pem(FuzzPem),
    Der(u8),
    Text(String),
    Repeated(u8, u16),
}

/// One or two [`MATERIAL`] entries joined (a leaf and its chain, Key Vault's key and
/// certificate in one `value`), as PEM text or base64 of it (ACM's wire form, Kubernetes
/// `data`).
#[derive(Debug, Arbitrary)]
struct FuzzPem {
    first: u8,
    second: Option<u8>,
    base64: bool,
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[usize::from(i) % list.len()]
}

fn base64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

impl FuzzString {
    fn build(&self) -> String {
        match self {
            FuzzString::Name(i) => pick(NAMES, *i).to_string(),
            FuzzString::Value(i) => pick(STRINGS, *i).to_string(),
            FuzzString::Certificate(i) => pick(&CERTIFICATES, *i).to_string(),
            FuzzString::Pem(pem) => {
                let mut text = pick(MATERIAL, pem.first).to_string();
                if let Some(second) = pem.second {
                    text.push_str(pick(MATERIAL, second));
                }
                if pem.base64 {
                    base64(text.as_bytes())
                } else {
                    text
                }
            }
            FuzzString::Der(i) => base64(DER[usize::from(*i) % DER.len()]),
            FuzzString::Text(s) => s.clone(),
            FuzzString::Repeated(i, n) => pick(STRINGS, *i).repeat(usize::from(*n % 4096)),
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

/// A caller-context key an unknown key stands for: one `set` must refuse.
const UNKNOWN_CONTEXT_KEY: &str = "zone";

/// One call: the operation, a body (an object, or any value), path parameters and caller
/// context entries (`key` indexes `CONTEXT_KEYS`; one past its end is an unknown key).
#[derive(Debug, Arbitrary)]
struct RequestCase {
    operation: u8,
    body: Vec<(FuzzString, FuzzValue)>,
    body_not_object: Option<FuzzValue>,
    path: Vec<(FuzzString, FuzzString)>,
    context: Vec<(u8, FuzzValue)>,
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
    for (key, value) in &case.context {
        let key = CONTEXT_KEYS
            .get(usize::from(*key) % (CONTEXT_KEYS.len() + 1))
            .copied()
            .unwrap_or(UNKNOWN_CONTEXT_KEY);
        // A value of the wrong type is refused (the CLI exits 2 on it): skip it, as the CLI
        // would never get to validate the request.
        let _ = context.set(key, &value.build(0));
    }
    let report =
        validate_request_value(operation, &body, &context).expect("a listed operation is known");
    assert_eq!(report.operation, operation);
    check_report(&report);
}
