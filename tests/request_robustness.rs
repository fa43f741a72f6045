//! Requests that are valid JSON but wrong everywhere, every value replaced by every other JSON
//! type, random documents and random text: never a panic, and a diagnostic at the right path.
//! Also the operation list, aliases, unknown operations and the size limit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use cert_preflight::{
    find_operation, operations, validate_request, validate_request_value, InputError,
    RequestContext, Timestamp, MAX_REQUEST_BYTES,
};
use serde_json::{json, Map, Value};

/// A context for `operation`: Huawei operations get their path parameters.
fn context_for(operation: &str) -> RequestContext {
    let mut context =
        RequestContext::new(Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").expect("time"));
    if operation.starts_with("gcp.") {
        context
            .path_params
            .insert("project".into(), "acme-prod".into());
    }
    if operation.starts_with("cloudflare.") {
        context
            .path_params
            .insert("zone_id".into(), "023e105f4ecef8ad9ca31a8372d0c353".into());
    }
    if operation.starts_with("azure.") {
        context
            .path_params
            .insert("certificate-name".into(), "shop-2026".into());
        context
            .path_params
            .insert("api-version".into(), "2025-07-01".into());
    }
    if !operation.starts_with("huawei.") {
        return context;
    }
    context.path_params.insert(
        "project_id".into(),
        "99a3fff0d03c428eac3678da6a7d0f24".into(),
    );
    context.path_params.insert(
        "certificate_id".into(),
        "233a325e5e3e4ce8beeb320aa714cc12".into(),
    );
    context
}

/// A valid request for each operation, touching every documented parameter.
fn context() -> RequestContext {
    context_for("alibaba")
}

fn valid_bodies() -> Vec<(&'static str, Value)> {
    let tags = json!([{"Key": "env", "Value": "product"}]);
    vec![
        (
            "alibaba.alb.associate-additional-certificates",
            json!({"ListenerId": "lsn-1", "Certificates": [{"CertificateId": "1011-cn-hangzhou"}],
                   "ClientToken": "t", "DryRun": false}),
        ),
        (
            "alibaba.alb.create-listener",
            json!({"LoadBalancerId": "alb-1", "ClientToken": "t", "DryRun": false,
                   "ListenerProtocol": "HTTPS", "ListenerPort": 443, "ListenerDescription": "HTTPS_443",
                   "RequestTimeout": 60, "IdleTimeout": 15, "GzipEnabled": true, "Http2Enabled": true,
                   "SecurityPolicyId": "tls_cipher_policy_1_0", "CaEnabled": true,
                   "XForwardedForConfig": {
                       "XForwardedForClientCertClientVerifyAlias": "a", "XForwardedForClientCertClientVerifyEnabled": true,
                       "XForwardedForClientCertFingerprintAlias": "b", "XForwardedForClientCertFingerprintEnabled": true,
                       "XForwardedForClientCertIssuerDNAlias": "c", "XForwardedForClientCertIssuerDNEnabled": true,
                       "XForwardedForClientCertSubjectDNAlias": "d", "XForwardedForClientCertSubjectDNEnabled": true,
                       "XForwardedForClientSrcPortEnabled": true, "XForwardedForEnabled": true,
                       "XForwardedForProcessingMode": "append", "XForwardedForProtoEnabled": true,
                       "XForwardedForSLBIdEnabled": true, "XForwardedForSLBPortEnabled": true,
                       "XForwardedForClientSourceIpsEnabled": true, "XForwardedForClientSourceIpsTrusted": "10.0.0.0/8",
                       "XForwardedForHostEnabled": true},
                   "QuicConfig": {"QuicListenerId": "lsn-2", "QuicUpgradeEnabled": true},
                   "Certificates": [{"CertificateId": "1"}], "CaCertificates": [{"CertificateId": "2"}],
                   "DefaultActions": [{"Type": "ForwardGroup",
                       "ForwardGroupConfig": {"ServerGroupTuples": [{"ServerGroupId": "sgp-1"}]}}],
                   "Tag": tags}),
        ),
        (
            "huawei.apig.attach-certificate-domains",
            json!({"domains": [{"domain": "a.example.com", "instance_ids": ["i"],
                                "verified_client_certificate_enabled": true}]}),
        ),
        (
            "huawei.elb.update-certificate",
            json!({"certificate": {"name": "n", "description": "d", "type": "server", "domain": "a.example.com"}}),
        ),
        (
            "alibaba.slb.upload-ca-certificate",
            json!({"Tag": tags, "RegionId": "cn-hangzhou", "CACertificate": "x", "CACertificateName": "c",
                   "ResourceGroupId": "rg-1"}),
        ),
        (
            "aws.acm.import-certificate",
            json!({"Certificate": "x", "PrivateKey": "y", "CertificateChain": "z",
                   "Tags": [{"Key": "env", "Value": "prod"}]}),
        ),
        (
            "aws.iam.upload-server-certificate",
            json!({"ServerCertificateName": "shop", "Path": "/", "CertificateBody": "x",
                   "PrivateKey": "y", "CertificateChain": "z", "Tags": [{"Key": "k", "Value": "v"}]}),
        ),
        (
            "azure.keyvault.import-certificate",
            json!({"value": "x", "pwd": "p", "preserveCertOrder": false, "tags": {"a": "b"},
                   "attributes": {"enabled": true, "nbf": 1, "exp": 2},
                   "policy": {
                       "key_props": {"exportable": true, "kty": "RSA", "key_size": 2048, "crv": "P-256", "reuse_key": false},
                       "secret_props": {"contentType": "application/x-pem-file"},
                       "x509_props": {"subject": "CN=a", "ekus": ["1.3.6.1.5.5.7.3.1"],
                           "sans": {"dns_names": ["a"], "emails": ["e"], "upns": ["u"], "uris": ["x"], "ipAddresses": ["1.2.3.4"]},
                           "key_usage": ["digitalSignature"], "validity_months": 12},
                       "lifetime_actions": [{"trigger": {"lifetime_percentage": 80, "days_before_expiry": 30},
                                             "action": {"action_type": "AutoRenew"}}],
                       "issuer": {"name": "Self", "cty": "x", "cert_transparency": false},
                       "attributes": {"enabled": true, "nbf": 1, "exp": 2}}}),
        ),
        (
            "gcp.compute.insert-ssl-certificate",
            json!({"name": "shop-2026", "description": "d", "certificate": "x", "privateKey": "y"}),
        ),
        (
            "cloudflare.custom-certificate.create",
            json!({"certificate": "x", "private_key": "y", "bundle_method": "force", "type": "sni_custom",
                   "geo_restrictions": {"label": "eu"}, "custom_csr_id": "c"}),
        ),
        (
            "kubernetes.secret.tls",
            json!({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls", "immutable": false,
                   "metadata": {"name": "a", "generateName": "b", "namespace": "c",
                                "labels": {"l": "v"}, "annotations": {"a": "v"}},
                   "data": {"x": "eA=="}, "stringData": {"tls.crt": "x", "tls.key": "y"}}),
        ),
    ]
}

/// Every JSON pointer in `value`, with the value there.
fn pointers(value: &Value, base: String, out: &mut Vec<(String, Value)>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let p = format!("{base}/{}", k.replace('~', "~0").replace('/', "~1"));
                out.push((p.clone(), v.clone()));
                pointers(v, p, out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                let p = format!("{base}/{i}");
                out.push((p.clone(), v.clone()));
                pointers(v, p, out);
            }
        }
        _ => {}
    }
}

fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(n) if n.is_i64() || n.is_u64() => "integer",
        Value::Number(_) => "fraction",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[test]
fn the_valid_bodies_are_valid_apart_from_core_checks() {
    for (operation, body) in valid_bodies() {
        let report =
            validate_request_value(operation, &body, &context_for(operation)).expect("known");
        let request_errors: Vec<_> = report
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("request.") || d.rule.starts_with("tag."))
            .collect();
        assert!(request_errors.is_empty(), "{operation}: {request_errors:?}");
    }
}

/// Whether `pointer` names a member of an object (not an item of an array).
fn is_member(body: &Value, pointer: &str) -> bool {
    let parent = pointer.rsplit_once('/').map_or("", |(parent, _)| parent);
    body.pointer(parent).is_some_and(Value::is_object)
}

/// Removes the member `pointer` names.
fn remove_member(body: &mut Value, pointer: &str) {
    if let Some((parent, name)) = pointer.rsplit_once('/') {
        let name = name.replace("~1", "/").replace("~0", "~");
        if let Some(Value::Object(members)) = body.pointer_mut(parent) {
            members.remove(&name);
        }
    }
}

/// (rule, severity, path) of each diagnostic: what a verdict is, whatever its wording.
fn triples(report: &cert_preflight::Report) -> Vec<(String, String, String)> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.clone(),
                d.severity.as_str().to_string(),
                d.path.clone(),
            )
        })
        .collect()
}

#[test]
fn every_value_replaced_by_every_other_type_is_reported_at_its_path() {
    let replacements = [
        json!(null),
        json!(true),
        json!(7),
        json!(1.5),
        json!("text"),
        json!([]),
        json!({}),
        json!([{}]),
        json!([[null]]),
    ];
    let mut checked = 0;
    for (operation, body) in valid_bodies() {
        let mut all = Vec::new();
        pointers(&body, String::new(), &mut all);
        for (pointer, original) in all {
            for replacement in &replacements {
                if kind(replacement) == kind(&original) {
                    continue;
                }
                let mut broken = body.clone();
                *broken.pointer_mut(&pointer).expect("pointer exists") = replacement.clone();
                let report = validate_request_value(operation, &broken, &context_for(operation))
                    .expect("known");
                let text =
                    validate_request(operation, &broken.to_string(), &context_for(operation))
                        .expect("known");
                assert_eq!(report, text, "{operation} {pointer}");
                if replacement.is_null() && is_member(&body, &pointer) {
                    // Null is absence (issue 13): the same findings as leaving the member out.
                    let mut absent = body.clone();
                    remove_member(&mut absent, &pointer);
                    let without =
                        validate_request_value(operation, &absent, &context_for(operation))
                            .expect("known");
                    assert_eq!(
                        triples(&report),
                        triples(&without),
                        "{operation}: {pointer} = null is not the same as leaving it out"
                    );
                    checked += 1;
                    continue;
                }
                assert!(
                    report.diagnostics.iter().any(|d| d.path == pointer),
                    "{operation}: {pointer} = {replacement} gave no diagnostic there: {:?}",
                    report.diagnostics
                );
                checked += 1;
            }
        }
    }
    assert!(checked > 500, "only {checked} replacements checked");
}

#[test]
fn whole_bodies_of_the_wrong_type_are_malformed() {
    for (operation, _) in valid_bodies() {
        for body in [json!(null), json!(1), json!("{}"), json!([{}]), json!(true)] {
            let report =
                validate_request_value(operation, &body, &context_for(operation)).expect("known");
            assert_eq!(report.diagnostics.len(), 1, "{operation} {body}");
            assert_eq!(report.diagnostics[0].rule, "request.malformed");
            assert_eq!(report.diagnostics[0].path, "");
            assert!(!report.valid);
        }
    }
}

/// A small deterministic generator (xorshift), so failures reproduce.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

const NAMES: &[&str] = &[
    "ListenerId",
    "Certificates",
    "CertificateId",
    "ClientToken",
    "DryRun",
    "LoadBalancerId",
    "ListenerProtocol",
    "ListenerPort",
    "ListenerDescription",
    "RequestTimeout",
    "IdleTimeout",
    "Http2Enabled",
    "XForwardedForConfig",
    "XForwardedForClientCertClientVerifyAlias",
    "XForwardedForClientSourceIpsTrusted",
    "QuicConfig",
    "QuicUpgradeEnabled",
    "QuicListenerId",
    "CaEnabled",
    "CaCertificates",
    "DefaultActions",
    "ForwardGroupConfig",
    "ServerGroupTuples",
    "ServerGroupId",
    "Type",
    "Tag",
    "Key",
    "Value",
    "domains",
    "domain",
    "instance_ids",
    "certificate",
    "private_key",
    "name",
    "description",
    "type",
    "RegionId",
    "CACertificate",
    "ResourceGroupId",
    "a/b~c",
    "",
    "名字",
];
const STRINGS: &[&str] = &[
    "",
    "HTTPS",
    "HTTP",
    "QUIC",
    "ForwardGroup",
    "client",
    "server",
    "cn-hangzhou",
    "1-cn-hangzhou",
    "acs:x",
    "http://x",
    "10.0.0.0/33",
    "*.example.com",
    "a..b",
    "监听器",
    "-----BEGIN CERTIFICATE-----",
    "\u{0}",
    "😀😀😀",
];

fn random_value(random: &mut Random, depth: u32) -> Value {
    let choice = if depth == 0 {
        random.below(5)
    } else {
        random.below(8)
    };
    match choice {
        0 => Value::Null,
        1 => Value::Bool(random.below(2) == 0),
        2 => json!(random.next() as i64 % 100_000),
        3 => json!((random.next() % 1000) as f64 / 7.0),
        4 => json!(STRINGS[random.below(STRINGS.len() as u64) as usize]),
        5 | 6 => {
            let mut map = Map::new();
            for _ in 0..random.below(6) {
                let key = NAMES[random.below(NAMES.len() as u64) as usize];
                map.insert(key.to_string(), random_value(random, depth - 1));
            }
            Value::Object(map)
        }
        _ => Value::Array(
            (0..random.below(4))
                .map(|_| random_value(random, depth - 1))
                .collect(),
        ),
    }
}

#[test]
fn random_documents_never_panic() {
    let mut random = Random(0x5eed_1234_abcd_ef01);
    let ids: Vec<&str> = operations().iter().map(|o| o.id).collect();
    for _ in 0..3000 {
        let mut map = Map::new();
        for _ in 0..random.below(8) {
            let key = NAMES[random.below(NAMES.len() as u64) as usize];
            map.insert(key.to_string(), random_value(&mut random, 4));
        }
        let body = Value::Object(map);
        let mut ctx = context_for("huawei.");
        if random.below(2) == 0 {
            ctx.listener_protocol = Some("HTTP".into());
            ctx.default_certificate_id = Some("1-cn-hangzhou".into());
            ctx.in_use = Some(random.below(2) == 0);
            ctx.certificate = Some("not a pem".into());
        }
        for id in &ids {
            let report = validate_request_value(id, &body, &ctx).expect("known");
            assert_eq!(report.valid, report.errors == 0);
        }
    }
}

#[test]
fn random_text_never_panics() {
    let mut random = Random(0xfeed_beef_0000_0001);
    let alphabet: Vec<char> = "{}[]\":,0123456789.-+eEtrufalsn \n\\u\u{feff}名😀"
        .chars()
        .collect();
    for _ in 0..3000 {
        let len = random.below(60) as usize;
        let text: String = (0..len)
            .map(|_| alphabet[random.below(alphabet.len() as u64) as usize])
            .collect();
        for info in operations() {
            let report = validate_request(info.id, &text, &context()).expect("known");
            assert_eq!(report.valid, report.errors == 0);
        }
    }
}

#[test]
fn deep_nesting_is_malformed_or_ignored() {
    let deep = format!("{}1{}", "[".repeat(100_000), "]".repeat(100_000));
    let report = validate_request("CreateListener", &deep, &context()).expect("known");
    assert_eq!(report.diagnostics[0].rule, "request.malformed");
    assert!(report.diagnostics[0].message.contains("nested too deeply"));

    let inside = format!("{{\"Tag\": {}{}}}", "[".repeat(120), "]".repeat(120));
    let report = validate_request("CreateListener", &inside, &context()).expect("known");
    assert!(report.by_rule("request.malformed").next().is_none());

    let mut value = json!(1);
    for _ in 0..500 {
        value = json!({"XForwardedForConfig": value});
    }
    let report = validate_request_value("CreateListener", &value, &context()).expect("known");
    assert!(!report.valid);
}

#[test]
fn bodies_over_one_mebibyte_are_refused_before_parsing() {
    let over = format!("{{\"ListenerId\": \"{}\"", "x".repeat(MAX_REQUEST_BYTES));
    let report = validate_request(
        "AssociateAdditionalCertificatesWithListener",
        &over,
        &context(),
    )
    .expect("known");
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].rule, "request.malformed");
    assert!(
        report.diagnostics[0].message.contains("1 MiB"),
        "{}",
        report.diagnostics[0].message
    );

    let body = json!({"ListenerId": "lsn-1", "Certificates": [{"CertificateId": "1-cn-hangzhou"}]})
        .to_string();
    let padded = format!("{body}{}", " ".repeat(MAX_REQUEST_BYTES - body.len()));
    assert_eq!(padded.len(), MAX_REQUEST_BYTES);
    let report = validate_request(
        "alibaba.alb.associate-additional-certificates",
        &padded,
        &context(),
    )
    .expect("known");
    assert!(report.valid, "{:?}", report.diagnostics);
}

/// Issue 19: the cap before parsing follows the operation's own limits, so a body those limits
/// allow is read (an IAM chain may hold 2,097,152 characters; a Secret's 1 MiB counts decoded
/// data, which `data` carries as base64), and one far beyond them is still refused unread.
#[test]
fn the_body_cap_follows_the_operations_own_limits() {
    let chain = "A".repeat(2_000_000);
    let iam = json!({"ServerCertificateName": "shop", "CertificateBody": "x", "PrivateKey": "y",
        "CertificateChain": chain})
    .to_string();
    assert!(iam.len() > MAX_REQUEST_BYTES);
    let report = validate_request("iam:UploadServerCertificate", &iam, &context()).expect("known");
    assert!(
        report.by_rule("request.malformed").next().is_none(),
        "{:?}",
        report.diagnostics.first()
    );

    let data = "QUFB".repeat(900_000 / 3);
    let secret = json!({"apiVersion": "v1", "kind": "Secret", "type": "kubernetes.io/tls",
        "metadata": {"name": "big"}, "data": {"tls.crt": data, "tls.key": "QUFB"}})
    .to_string();
    assert!(secret.len() > MAX_REQUEST_BYTES);
    let report = validate_request("kubernetes.secret.tls", &secret, &context()).expect("known");
    assert!(report.by_rule("request.malformed").next().is_none());

    let huge = format!(
        "{{\"CertificateChain\": \"{}\"",
        "A".repeat(5 * MAX_REQUEST_BYTES)
    );
    let report = validate_request("iam:UploadServerCertificate", &huge, &context()).expect("known");
    assert_eq!(report.diagnostics.len(), 1);
    assert_eq!(report.diagnostics[0].rule, "request.malformed");
    assert!(report.diagnostics[0].message.contains("own field limits"));
}

#[test]
fn parse_errors_give_line_and_column() {
    let report = validate_request(
        "UploadCACertificate",
        "{\n  \"RegionId\": cn-hangzhou\n}",
        &context(),
    )
    .expect("known");
    assert_eq!(report.diagnostics[0].rule, "request.malformed");
    assert!(
        report.diagnostics[0].message.contains("line 2, column"),
        "{}",
        report.diagnostics[0].message
    );
    let with_bom = "\u{feff}{\"RegionId\": \"cn-hangzhou\", \"CACertificate\": \"\"}";
    let report = validate_request("UploadCACertificate", with_bom, &context()).expect("known");
    assert!(report.by_rule("request.malformed").next().is_none());
}

#[test]
fn operations_and_aliases() {
    let ids: Vec<&str> = operations().iter().map(|o| o.id).collect();
    assert_eq!(
        ids,
        [
            "alibaba.alb.associate-additional-certificates",
            "alibaba.alb.create-listener",
            "huawei.apig.attach-certificate-domains",
            "huawei.elb.update-certificate",
            "alibaba.slb.upload-ca-certificate",
            "aws.acm.import-certificate",
            "aws.iam.upload-server-certificate",
            "gcp.compute.insert-ssl-certificate",
            "azure.keyvault.import-certificate",
            "cloudflare.custom-certificate.create",
            "kubernetes.secret.tls",
        ]
    );
    for (name, id) in [
        (
            "AssociateAdditionalCertificatesWithListener",
            "alibaba.alb.associate-additional-certificates",
        ),
        ("createlistener", "alibaba.alb.create-listener"),
        ("CreateListener", "alibaba.alb.create-listener"),
        (
            "BatchAssociateDomainsV2",
            "huawei.apig.attach-certificate-domains",
        ),
        (
            "POST /v2/{project_id}/apigw/certificates/{certificate_id}/domains/attach",
            "huawei.apig.attach-certificate-domains",
        ),
        ("UpdateCertificate", "huawei.elb.update-certificate"),
        (
            "PUT /v3/{project_id}/elb/certificates/{certificate_id}",
            "huawei.elb.update-certificate",
        ),
        ("UploadCACertificate", "alibaba.slb.upload-ca-certificate"),
        (
            " alibaba.slb.upload-ca-certificate ",
            "alibaba.slb.upload-ca-certificate",
        ),
        (
            "compute:sslCertificates.insert",
            "gcp.compute.insert-ssl-certificate",
        ),
        (
            "cloudflare:custom_certificates.create",
            "cloudflare.custom-certificate.create",
        ),
    ] {
        assert_eq!(find_operation(name).map(|o| o.id), Some(id), "{name}");
    }
    for info in operations() {
        let from_targets = info.seed.starts_with("TARGETS.md §");
        assert!((info.seed.ends_with(".txt") || from_targets) && !info.summary.is_empty());
    }
    let error = validate_request("DeleteListener", "{}", &context()).expect_err("unknown");
    match error {
        InputError::UnknownOperation { name, known } => {
            assert_eq!(name, "DeleteListener");
            assert!(known.contains("alibaba.alb.create-listener"));
        }
        other => panic!("{other:?}"),
    }
    assert!(validate_request_value("", &json!({}), &context()).is_err());
}

#[test]
fn report_json_is_the_contract_shape() {
    let report = validate_request(
        "CreateListener",
        r#"{"LoadBalancerId": "alb-1", "ListenerProtocol": "HTTP", "ListenerPort": 0, "Tag": [{"Key": "acs:x"}]}"#,
        &context(),
    )
    .expect("known");
    let json: Value = serde_json::from_str(&report.to_json_pretty()).expect("json");
    assert_eq!(json["operation"], "alibaba.alb.create-listener");
    assert_eq!(json["valid"], false);
    assert_eq!(json["errors"], 3);
    let paths: Vec<&str> = json["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .map(|d| d["path"].as_str().expect("path"))
        .collect();
    assert_eq!(paths, ["/DefaultActions", "/ListenerPort", "/Tag/0/Key"]);
    assert_eq!(json["diagnostics"][2]["api_error"], "InvalidParam.TagKey");
    assert!(json.get("certificate").is_none());
}
