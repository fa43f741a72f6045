//! TARGETS §1: AWS Certificate Manager `ImportCertificate` (awsJson1.1
//! `CertificateManager.ImportCertificate`), sources [B-ACM] botocore `acm/2015-12-08/service-2.json`,
//! [B-SER] botocore `serialize.py`, [CLI2], [ACM-PRE] [ACM-FMT] [ACM-TS] [ACM-TAG] ACM user guide.
//!
//! | parameter | type | required | constraint |
//! | --- | --- | --- | --- |
//! | Certificate | blob | yes | 1..32,768 bytes; PEM; exactly one certificate (the leaf) |
//! | PrivateKey | blob | yes | 1..5,120 bytes; PEM, unencrypted |
//! | CertificateChain | blob | no | 1..2,097,152 bytes; each certificate certifies the one before |
//! | CertificateArn | string | no | 20..2,048, `arn:…:acm:…`; only to re-import |
//! | Tags | list of {Key, Value} | no | 1..50; not with CertificateArn |
//!
//! Blobs: botocore sends base64 on the wire, SDKs and `fileb://` take PEM bytes, so both PEM text
//! and base64 of PEM are read (`request.blob_encoding` says which); base64 of DER is
//! `pem.malformed`. Limits are on the decoded bytes.
//!
//! Where the sources disagree (TARGETS says so too): the model allows tag keys of 128 and values
//! of 256 characters, the user guide 127 and 255, so exactly 128/256 is a warning. The chain was
//! required before botocore 1239008b86 (2024-07-05) and is optional now, so `chain.incomplete`
//! stays a warning. The API error codes for content are observed, not documented:
//! `ValidationException` (unverified).

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::Value;

use crate::model::certificate::Curve;

use crate::check::FieldLimits;
use crate::findings::{ErrorCodes, Override, Policy};
use crate::model::certificate::{KeyKind, ParsedCertificate};
use crate::model::read_certificate_field;
use crate::report::Severity;
use crate::request::decl::{body_cap, Kind, OperationDecl, OperationInfo, Param};
use crate::request::upload::{
    aws_tags, check_key_type, check_upload, read_blob, report_blob, AwsTagRules, Field, KeyTypes,
    Material, Upload,
};
use crate::request::policy::When;
use crate::request::walk::Walk;
use crate::catalog;
use crate::rules::pem::SizeLimit;
use crate::text::{quote, QUOTE_CHARS};

use super::aws_common::{check_trailing_whitespace, text_member, TAG_CONTENT_RULES, TAG_PREFIX_RULES};

const TAG_MEMBERS: &[Param] = &[Param::string("Key"), Param::string("Value")];
const TAG_ITEM: Param = Param::item(Kind::Object(TAG_MEMBERS));

const BODY: &[Param] = &[
    Param::string("Certificate").required(),
    Param::string("PrivateKey").required(),
    Param::string("CertificateChain"),
    Param::string("CertificateArn").length(20, 2048),
    Param::array("Tags", &TAG_ITEM),
];

/// "ValidationException" is what ACM answers content errors with, as observed on the wire;
/// the model lists it since 2026-06-30 [B-ACM].
const VALIDATION: &str = "ValidationException";

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "aws.acm.import-certificate",
        provider: "AWS",
        action: "acm:ImportCertificate",
        aliases: &["CertificateManager.ImportCertificate"],
        seed: "TARGETS.md §1 ([B-ACM] [B-SER] [CLI2] [ACM-PRE] [ACM-FMT] [ACM-TS] [ACM-TAG])",
        summary: "Imports a certificate, its chain and private key into AWS Certificate Manager",
    },
    error_codes: ErrorCodes {
        parameter: Some(VALIDATION),
        rules: &[
            (
                &[
                    catalog::PEM_MALFORMED,
                    catalog::PEM_TOO_LARGE,
                    catalog::PEM_KEY_TOO_LARGE,
                    catalog::CERT_SINGLE_CERTIFICATE,
                    catalog::KEY_ENCRYPTED,
                    catalog::KEY_MISMATCH,
                    catalog::CERT_ALGORITHM_UNSUPPORTED,
                    catalog::CERT_EXPIRED,
                    catalog::CERT_NOT_YET_VALID,
                ],
                VALIDATION,
            ),
            (&[catalog::TAG_TOO_MANY], "TooManyTagsException"),
            (TAG_CONTENT_RULES, VALIDATION),
            (TAG_PREFIX_RULES, "InvalidTagException"),
        ],
        catalogue_codes: false,
    },
    policies: &[(When::Always, POLICY)],
    path: &[],
    body: BODY,
    checks: &[certificate_material, arn_and_tags],
    form: FormDecl {
        material: &[
            MaterialField::required(CERTIFICATE, FieldRole::Certificate),
            MaterialField::optional(CHAIN, FieldRole::Chain),
            MaterialField::required(KEY, FieldRole::PrivateKey),
        ],
        fields: &[("/Tags", "")],
    },
    // [B-ACM] blobs of 32,768 + 2,097,152 + 5,120 bytes, which may come as base64 (4/3 longer).
    max_body_bytes: body_cap(LIMITS.total() / 3 * 4 + 4),
};

/// [B-ACM] CertificateBodyBlob max 32,768, CertificateChainBlob max 2,097,152, PrivateKeyBlob
/// max 5,120 ("no larger than 5 KB (5,120 bytes)"), all in bytes. ACM documents no depth limit.
/// Where the sources disagree: botocore 1.44.18's PrivateKeyBlob says max 8,192; TARGETS and
/// the API reference's prose say 5,120. The narrower prose wins (conformance exception), and
/// the message says so.
const LIMITS: FieldLimits = FieldLimits {
    certificate: SizeLimit::bytes(32_768),
    chain: SizeLimit::bytes(2_097_152),
    key: SizeLimit::bytes(5_120).follows(
        "the ACM API reference says, \"no larger than 5 KB\"; botocore's model allows 8,192",
    ),
    max_certificates: usize::MAX,
};

/// [B-ACM] `KeyAlgorithm` and [ACM-PRE]: what ImportCertificate accepts.
const ACM_KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[1024, 2048, 3072, 4096],
    curves: &[Curve::P256, Curve::P384, Curve::P521],
    says: "RSA 1024, 2048, 3072 and 4096-bit and EC P-256, P-384 and P-521 keys",
};

/// [ACM-PRE]: certificates for CloudFront (context `service=cloudfront`).
const CLOUDFRONT_KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[1024, 2048, 3072, 4096],
    curves: &[Curve::P256],
    says: "RSA 1024 to 4096-bit and EC P-256 keys when the certificate is for CloudFront",
};

/// [ACM-FMT]: ACM removes an EC PARAMETERS block itself; it validates CertificateChain as
/// given ("each certificate certifies the one before"), so a certificate off the path, which
/// clients would ignore, is refused here.
const POLICY: Policy = Policy {
    overrides: &[
        Override::new(catalog::KEY_EC_PARAMETERS_BLOCK, Severity::Info),
        Override::new(catalog::CHAIN_UNRELATED, Severity::Error),
    ],
    replacements: &[],
};

/// [ACM-PRE]: "The OCSP URL ... must not exceed 1000 characters".
const MAX_OCSP_URL_CHARS: usize = 1000;

const CERTIFICATE: &str = "/Certificate";
const CHAIN: &str = "/CertificateChain";
const KEY: &str = "/PrivateKey";

fn certificate_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    let certificate = blob_field(walk, root, "Certificate");
    let chain = blob_field(walk, root, "CertificateChain");
    let key = blob_field(walk, root, "PrivateKey");
    let Some(certificate) = certificate else {
        return;
    };
    let upload = Upload {
        certificate: Field {
            text: &certificate,
            path: CERTIFICATE,
        },
        // The chain field exists even when empty: the fix may move certificates into it.
        chain: Some(Field {
            text: chain.as_deref().unwrap_or_default(),
            path: CHAIN,
        }),
        key: key.as_deref().map(|text| Field { text, path: KEY }),
        key_required: true,
        combined: false,
        limits: LIMITS,
        validity_floor: None,
    };
    let material = check_upload(walk, &upload);
    for (text, path) in [
        (Some(certificate.as_str()), CERTIFICATE),
        (chain.as_deref(), CHAIN),
        (key.as_deref(), KEY),
    ] {
        if let Some(text) = text {
            // The normalized leaf and chain fields are clean; the key is never rewritten.
            let fixed = walk.normalized_fields.iter().any(|(p, _)| p == path);
            check_trailing_whitespace(walk, text, path, fixed);
        }
    }
    single_certificate(walk, &material);
    let Some(leaf) = material.leaf() else { return };
    let service = walk.ctx.service.clone();
    if check_key_type(walk, leaf, &ACM_KEYS, (KEY, "ACM"), Severity::Error)
        && service.as_deref() == Some("cloudfront")
    {
        // Only the integrated service narrows it: a warning (TARGETS §1).
        check_key_type(walk, leaf, &CLOUDFRONT_KEYS, (KEY, "CloudFront"), Severity::Warning);
    }
    algorithm_matches_issuer(walk, &material, leaf);
    acm_certificate_rules(walk, leaf);
    if let Some(previous) = walk.ctx.previous_certificate.clone() {
        reimport_usage(walk, leaf, &previous);
    }
}

/// The field's text after any base64 layer, with `request.blob_encoding` said; `None` when absent,
/// not a string or not PEM (the engine or `report_blob` said why). An empty required blob is
/// `request.missing_field` (model minimum 1).
fn blob_field(walk: &mut Walk<'_>, root: &Value, name: &str) -> Option<String> {
    let path = format!("/{name}");
    let required = name != "CertificateChain";
    let value = text_member(walk, root, name, (&path, required))?;
    let blob = read_blob(value);
    report_blob(walk, &blob, &path, name).then_some(blob.text)
}

/// `cert.single_certificate`: the Certificate field takes only the leaf [ACM-FMT].
fn single_certificate(walk: &mut Walk<'_>, material: &Material) {
    let count = material.certificate_field_blocks;
    if count <= 1 {
        return;
    }
    let fixed = walk.normalized_fields.iter().any(|(path, _)| path == CERTIFICATE);
    let message = format!(
        "`Certificate` holds {count} certificates; it takes only the leaf: move the others to `CertificateChain` (the report's normalized_fields has both fields)"
    );
    if fixed {
        walk.emit_resolved(catalog::CERT_SINGLE_CERTIFICATE, CERTIFICATE, message);
    } else {
        walk.emit(catalog::CERT_SINGLE_CERTIFICATE, CERTIFICATE, message);
    }
}

/// `chain.algorithm_mismatch`: [B-ACM] "must match the algorithm of the signing CA".
fn algorithm_matches_issuer(walk: &mut Walk<'_>, material: &Material, leaf: &ParsedCertificate) {
    let issuer = material
        .certificates
        .iter()
        .find(|c| c.index != leaf.index && c.subject_raw == leaf.issuer_raw);
    let Some(issuer) = issuer else { return };
    let family = |key: &KeyKind| key.algorithm_name();
    if family(&leaf.key) != family(&issuer.key) {
        walk.emit(
            catalog::CHAIN_ALGORITHM_MISMATCH,
            CERTIFICATE,
            format!(
                "The leaf's key is {} but its issuer's ({}) is {}; ACM says the certificate's key algorithm must match the algorithm of the signing CA (rejection unverified)",
                family(&leaf.key),
                issuer.subject,
                family(&issuer.key)
            ),
        );
    }
}

/// [ACM-PRE] requirements that no other provider states: an issuer, version 3, a host name, and
/// OCSP URLs of at most 1,000 characters.
fn acm_certificate_rules(walk: &mut Walk<'_>, leaf: &ParsedCertificate) {
    // An empty Name is the DER SEQUENCE 30 00.
    if leaf.issuer_raw.len() <= 2 {
        walk.emit(
            catalog::CERT_ISSUER_EMPTY,
            CERTIFICATE,
            "The leaf's issuer name is empty; ACM requires an issuer",
        );
    }
    if leaf.version != 3 {
        walk.emit(
            catalog::CERT_NOT_V3,
            CERTIFICATE,
            format!(
                "The leaf is an X.509 version {} certificate; ACM imports only version 3",
                leaf.version
            ),
        );
    }
    let hostname_in_cn = leaf
        .common_name
        .as_deref()
        .is_some_and(|cn| cn.contains('.') || cn.parse::<std::net::IpAddr>().is_ok());
    if leaf.alt_names.is_empty() && !hostname_in_cn {
        walk.emit(
            catalog::CERT_NO_HOSTNAME,
            CERTIFICATE,
            "The leaf names no host: no DNS name or IP address in its subjectAltName, and its common name is not a fully qualified domain name or an IP address",
        );
    }
    for url in &leaf.links.ocsp {
        let chars = url.chars().count();
        if chars > MAX_OCSP_URL_CHARS {
            walk.emit(
                catalog::CERT_OCSP_URL_TOO_LONG,
                CERTIFICATE,
                format!(
                    "The leaf's OCSP URL is {chars} characters long; ACM allows at most {MAX_OCSP_URL_CHARS}"
                ),
            );
        }
    }
}

/// `cert.reimport_adds_usage` [ACM-PRE]: a re-imported certificate may not add a keyUsage or
/// extendedKeyUsage extension the previous one lacked.
fn reimport_usage(walk: &mut Walk<'_>, leaf: &ParsedCertificate, previous: &str) {
    let previous = read_certificate_field(previous);
    let Some(before) = previous.certificates.first() else {
        walk.emit_as(
            catalog::PEM_MALFORMED, Severity::Warning,
            "/context/previous_certificate",
            "The previous certificate given as context could not be read; the re-import rules were not checked",
        );
        return;
    };
    let mut added = Vec::new();
    if leaf.has_key_usage && !before.has_key_usage {
        added.push("keyUsage");
    }
    if leaf.eku_server_auth.is_some() && before.eku_server_auth.is_none() {
        added.push("extendedKeyUsage");
    }
    if !added.is_empty() {
        walk.emit(
            catalog::CERT_REIMPORT_ADDS_USAGE,
            CERTIFICATE,
            format!(
                "The new certificate has {} and the certificate it replaces had none; a re-import cannot add a key usage extension",
                added.join(" and ")
            ),
        );
    }
}

/// [B-ACM] Arn pattern; Tags not allowed on re-import; the tag rules.
fn arn_and_tags(walk: &mut Walk<'_>) {
    let root = walk.root;
    let arn = root.get("CertificateArn").and_then(Value::as_str);
    if let Some(arn) = arn {
        if !is_acm_arn(arn) && arn.chars().count() >= 20 {
            walk.emit(
                catalog::REQUEST_INVALID_VALUE,
                "/CertificateArn",
                format!(
                    "`CertificateArn` {} is not an ACM certificate ARN, e.g. arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c",
                    quote(arn, QUOTE_CHARS)
                ),
            );
        }
    }
    let Some(tags) = root.get("Tags").and_then(Value::as_array) else {
        return;
    };
    if arn.is_some() {
        walk.emit(
            catalog::TAG_NOT_ALLOWED_ON_REIMPORT,
            "/Tags",
            "Tags cannot be applied when re-importing (CertificateArn is given); tag the certificate with AddTagsToCertificate instead",
        );
    }
    let rules = AwsTagRules {
        min_items: 1,
        value_required: false,
        guide_is_one_less: true,
    };
    aws_tags(walk, tags, "/Tags", rules);
}

/// `arn:[\w+=/,.@-]+:acm:[\w+=/,.@-]*:[0-9]+:[\w+=,.@-]+(/[\w+=,.@-]+)*` [B-ACM].
fn is_acm_arn(arn: &str) -> bool {
    let word = |c: char, extra: &str| c.is_ascii_alphanumeric() || c == '_' || extra.contains(c);
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    let [scheme, partition, service, region, account, resource] = parts.as_slice() else {
        return false;
    };
    *scheme == "arn"
        && !partition.is_empty()
        && partition.chars().all(|c| word(c, "+=/,.@-"))
        && *service == "acm"
        && region.chars().all(|c| word(c, "+=/,.@-"))
        && !account.is_empty()
        && account.chars().all(|c| c.is_ascii_digit())
        && resource
            .split('/')
            .all(|part| !part.is_empty() && part.chars().all(|c| word(c, "+=,.@-")))
}

#[cfg(test)]
mod tests {
    use super::is_acm_arn;

    #[test]
    fn acm_arns() {
        assert!(is_acm_arn(
            "arn:aws:acm:us-east-1:123456789012:certificate/1f2e3d4c"
        ));
        assert!(is_acm_arn("arn:aws-cn:acm:cn-north-1:123456789012:certificate/a"));
        for bad in [
            "arn:aws:iam::123456789012:server-certificate/x",
            "arn:aws:acm:us-east-1:12345678901a:certificate/x",
            "arn:aws:acm:us-east-1:123456789012:certificate//x",
            "1f2e3d4c-1f2e-3d4c-1f2e-3d4c1f2e3d4c",
        ] {
            assert!(!is_acm_arn(bad), "{bad}");
        }
    }
}
