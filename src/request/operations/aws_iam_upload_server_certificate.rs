//! TARGETS §2: AWS IAM `UploadServerCertificate` (awsQuery), sources [B-IAM] botocore
//! `iam/2010-05-08/service-2.json`, [IAM-UG] IAM user guide (`id_credentials_server-certs`,
//! `id_tags`).
//!
//! | parameter | type | required | constraint |
//! | --- | --- | --- | --- |
//! | ServerCertificateName | string | yes | 1..128, `[\w+=,.@-]+` |
//! | Path | string | no | 1..512, `/` or `/…/` of `\u0021-\u007E`; `/cloudfront/…/` for CloudFront |
//! | CertificateBody | string | yes | 1..16,384; `[\u0009\u000A\u000D\u0020-\u00FF]+`; PEM |
//! | PrivateKey | string | yes | 1..16,384; same characters; unencrypted PEM |
//! | CertificateChain | string | no | 1..2,097,152; same characters; concatenated PEM |
//! | Tags | list of {Key, Value} | no | 0..50; Key 1..128, Value 0..256 and required |
//!
//! PEM text only (no base64). Where the sources disagree: the Path doc says "through the DEL
//! character (\u007F)" but the model's regex stops at \u007E (the regex wins). Which of
//! InvalidInput and ValidationError a bad parameter gets is unverified: InvalidInput, the one the
//! model lists. No current IAM page lists key types: the retired "InstallCert" page named RSA
//! 1024/2048/4096 (CloudFront at most 2048), so `cert.algorithm_unsupported` is a warning.

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::Value;

use crate::check::FieldLimits;
use crate::findings::{ErrorCodes, Override, Policy};
use crate::report::Severity;
use crate::request::decl::{body_cap, CharClass, Kind, OperationDecl, OperationInfo, Param};
use crate::request::upload::{aws_tags, check_key_type, check_upload, AwsTagRules, Field, KeyTypes, Upload};
use crate::request::policy::When;
use crate::request::walk::Walk;
use crate::catalog;
use crate::rules::pem::SizeLimit;
use crate::text::{quote, QUOTE_CHARS};

use super::aws_common::{text_member, TAG_CONTENT_RULES, TAG_PREFIX_RULES};

const TAG_MEMBERS: &[Param] = &[Param::string("Key"), Param::string("Value")];
const TAG_ITEM: Param = Param::item(Kind::Object(TAG_MEMBERS));

const BODY: &[Param] = &[
    Param::string("ServerCertificateName")
        .required()
        .length(1, 128)
        .chars(SERVER_CERTIFICATE_NAME),
    Param::string("Path").length(1, 512).check(iam_path),
    Param::string("CertificateBody").required(),
    Param::string("PrivateKey").required(),
    Param::string("CertificateChain"),
    Param::array("Tags", &TAG_ITEM),
];

/// [B-IAM] lists InvalidInput for a bad parameter (ValidationError is also seen; unverified).
const INVALID_INPUT: &str = "InvalidInput";
/// [B-IAM] "The request was rejected because the certificate was malformed or expired".
const MALFORMED: &str = "MalformedCertificate";

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "aws.iam.upload-server-certificate",
        provider: "AWS",
        action: "iam:UploadServerCertificate",
        aliases: &[],
        seed: "TARGETS.md §2 ([B-IAM] [IAM-UG])",
        summary: "Uploads a server certificate, its chain and private key to AWS IAM (for ELB and CloudFront)",
    },
    error_codes: ErrorCodes {
        parameter: Some(INVALID_INPUT),
        rules: &[
            (&[catalog::KEY_MISMATCH], "KeyPairMismatch"),
            (
                &[
                    catalog::KEY_ENCRYPTED,
                    catalog::CERT_EXPIRED,
                    catalog::CERT_NOT_YET_VALID,
                    catalog::CERT_SINGLE_CERTIFICATE,
                    catalog::CHAIN_MISORDERED,
                    catalog::CHAIN_UNRELATED,
                    catalog::CHAIN_BAD_SIGNATURE,
                    catalog::PEM_MALFORMED,
                ],
                MALFORMED,
            ),
            (
                &[catalog::PEM_TOO_LARGE, catalog::PEM_KEY_TOO_LARGE],
                "ValidationError",
            ),
            (&[catalog::NAME_ALREADY_EXISTS], "EntityAlreadyExists"),
            (&[catalog::TAG_TOO_MANY], "LimitExceeded"),
            (TAG_CONTENT_RULES, INVALID_INPUT),
            (TAG_PREFIX_RULES, INVALID_INPUT),
        ],
        catalogue_codes: false,
    },
    policies: &[(When::Always, POLICY)],
    path: &[],
    body: BODY,
    checks: &[certificate_material, existing_name, tags],
    form: FormDecl {
        material: &[
            MaterialField::required(BODY_PATH, FieldRole::Certificate),
            MaterialField::optional(CHAIN, FieldRole::Chain),
            MaterialField::required(KEY, FieldRole::PrivateKey),
        ],
        fields: &[("/ServerCertificateName", "www-example-com-2026"), ("/Tags", "")],
    },
    // [B-IAM] 16,384 + 2,097,152 + 16,384 characters of PEM.
    max_body_bytes: body_cap(LIMITS.total()),
};

/// [B-IAM] certificateBodyType and privateKeyType max 16,384, certificateChainType max
/// 2,097,152, in characters. IAM documents no depth limit.
const LIMITS: FieldLimits = FieldLimits {
    certificate: SizeLimit::characters(16_384),
    chain: SizeLimit::characters(2_097_152),
    key: SizeLimit::characters(16_384),
    max_certificates: usize::MAX,
};

/// The retired IAM "InstallCert" page (unverified today).
const IAM_KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[1024, 2048, 4096],
    curves: &[],
    says: "RSA 1024, 2048 and 4096-bit keys (the retired InstallCert page; unverified today)",
};

/// The same page: CloudFront took RSA keys of at most 2048 bits.
const CLOUDFRONT_KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[1024, 2048],
    curves: &[],
    says: "RSA 1024 and 2048-bit keys when the certificate is for CloudFront (the retired InstallCert page; unverified today)",
};

/// More than one certificate in the body: rejection unverified, so a warning.
const POLICY: Policy = Policy {
    overrides: &[
        Override::new(catalog::CERT_SINGLE_CERTIFICATE, Severity::Warning),
        // IAM refuses a chain with a certificate off the path (MalformedCertificate, "Unable
        // to validate certificate chain", observed in aws/aws-cli#715); clients would ignore it.
        Override::new(catalog::CHAIN_UNRELATED, Severity::Error),
    ],
    replacements: &[],
};

const BODY_PATH: &str = "/CertificateBody";
const CHAIN: &str = "/CertificateChain";
const KEY: &str = "/PrivateKey";

fn certificate_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    let body = pem_member(walk, root, "CertificateBody", true);
    let chain = pem_member(walk, root, "CertificateChain", false);
    let key = pem_member(walk, root, "PrivateKey", true);
    let Some(body) = body else { return };
    let upload = Upload {
        certificate: Field {
            text: body,
            path: BODY_PATH,
        },
        chain: Some(Field {
            text: chain.unwrap_or_default(),
            path: CHAIN,
        }),
        key: key.map(|text| Field { text, path: KEY }),
        key_required: true,
        combined: false,
        limits: LIMITS,
        validity_floor: None,
    };
    let material = check_upload(walk, &upload);
    for (text, path, name) in [
        (Some(body), BODY_PATH, "CertificateBody"),
        (chain, CHAIN, "CertificateChain"),
        (key, KEY, "PrivateKey"),
    ] {
        if let Some(text) = text {
            let fixed = walk.normalized_fields.iter().any(|(p, _)| p == path);
            check_characters(walk, text, (path, name), fixed);
        }
    }
    let count = material.certificate_field_blocks;
    if count > 1 {
        walk.emit(
            catalog::CERT_SINGLE_CERTIFICATE,
            BODY_PATH,
            format!("`CertificateBody` holds {count} certificates; give only the leaf there and the others in `CertificateChain` (rejection unverified)"),
        );
    }
    let Some(leaf) = material.leaf() else { return };
    let cloudfront = walk.ctx.service.as_deref() == Some("cloudfront");
    if check_key_type(walk, leaf, &IAM_KEYS, (KEY, "IAM"), Severity::Warning) && cloudfront {
        check_key_type(walk, leaf, &CLOUDFRONT_KEYS, (KEY, "CloudFront"), Severity::Warning);
    }
}

fn pem_member<'v>(walk: &mut Walk<'_>, root: &'v Value, name: &str, required: bool) -> Option<&'v str> {
    text_member(walk, root, name, (&format!("/{name}"), required))
}

/// [B-IAM]: `[\u0009\u000A\u000D\u0020-\u00FF]+` for the PEM fields: no byte-order mark, no
/// smart quotes. Checked here rather than by the engine because the certificate core's
/// normalized value may already have removed the character.
const PEM_CHARACTERS: CharClass = CharClass {
    ranges: &[('\t', '\n'), ('\r', '\r'), ('\u{20}', '\u{FF}')],
    says: "tab, line ends and U+0020 to U+00FF",
};

/// `request.invalid_value` for a character outside [`PEM_CHARACTERS`]. Key fields are never
/// quoted.
fn check_characters(walk: &mut Walk<'_>, text: &str, (path, name): (&str, &str), fixed: bool) {
    let Some((at, c)) = PEM_CHARACTERS.first_outside(text) else {
        return;
    };
    let what = if c == '\u{feff}' {
        "a byte-order mark (U+FEFF)".to_string()
    } else {
        format!("the character U+{:04X}", u32::from(c))
    };
    let fix = if fixed {
        "the report's normalized value has none"
    } else {
        "remove it"
    };
    // `request.invalid_value` is not a rule the normalized output fixes in general (its row
    // says manual), so the report does not mark it fixed; the message says the normalized
    // value has the character removed.
    walk.emit(
        catalog::REQUEST_INVALID_VALUE,
        path,
        format!(
            "`{name}` has {what} at character {}; IAM takes only tab, line ends and U+0020 to U+00FF in PEM fields: {fix}",
            at + 1
        ),
    );
}

/// `[\w+=,.@-]+` [B-IAM] serverCertificateNameType: no spaces, no path.
const SERVER_CERTIFICATE_NAME: CharClass = CharClass {
    ranges: &[
        ('+', '.'), // + , - .
        ('0', '9'),
        ('=', '='),
        ('@', 'Z'), // @ and A-Z
        ('_', '_'),
        ('a', 'z'),
    ],
    says: "letters, digits and _ + = , . @ -",
};

/// [B-IAM] pathType `(\u002F)|(\u002F[\u0021-\u007E]+\u002F)`; for CloudFront the path must start
/// with `/cloudfront` ([B-IAM] Path doc; context `service=cloudfront`).
fn iam_path(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(text) = value.as_str() else { return };
    if text.is_empty() {
        return;
    }
    let shape_ok = text == "/"
        || (text.len() >= 3
            && text.starts_with('/')
            && text.ends_with('/')
            && text.chars().all(|c| ('\u{21}'..='\u{7E}').contains(&c)));
    if !shape_ok {
        walk.emit(
            catalog::REQUEST_INVALID_VALUE,
            path,
            format!(
                "`Path` {} must be `/` or start and end with `/`, with printable ASCII and no spaces between, e.g. /cloudfront/shop/",
                quote(text, QUOTE_CHARS)
            ),
        );
        return;
    }
    if walk.ctx.service.as_deref() == Some("cloudfront") && !text.starts_with("/cloudfront") {
        walk.emit(
            catalog::REQUEST_INVALID_VALUE,
            path,
            format!(
                "`Path` {} does not start with /cloudfront; a certificate for CloudFront must be uploaded under /cloudfront/…/ (unverified)",
                quote(text, QUOTE_CHARS)
            ),
        );
    }
}

/// `name.already_exists` against the caller's `existing_names`.
fn existing_name(walk: &mut Walk<'_>) {
    let Some(name) = walk.root.get("ServerCertificateName").and_then(Value::as_str) else {
        return;
    };
    // IAM entity names are "not distinguished by case" ([IAM-UG]); unverified for server
    // certificates, which share the rule in practice.
    if walk.ctx.existing_names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
        walk.emit(
            catalog::NAME_ALREADY_EXISTS,
            "/ServerCertificateName",
            format!(
                "A server certificate named {} already exists; choose another name, or delete the old one first",
                quote(name, QUOTE_CHARS)
            ),
        );
    }
}

fn tags(walk: &mut Walk<'_>) {
    let Some(tags) = walk.root.get("Tags").and_then(Value::as_array) else {
        return;
    };
    let rules = AwsTagRules {
        min_items: 0,
        value_required: true,
        guide_is_one_less: false,
    };
    aws_tags(walk, tags, "/Tags", rules);
}
