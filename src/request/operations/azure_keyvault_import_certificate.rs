//! TARGETS §4: Azure Key Vault `ImportCertificate`,
//! `POST {vaultBaseUrl}/certificates/{certificate-name}/import?api-version=…`, sources [AZ-SPEC]
//! `keyvault/data-plane/.../2025-07-01/certificates.json`, [AZ-NET] the .NET SDK's
//! `ImportCertificateOptions.cs`, [AZ-OBJ] [AZ-KEYS] [AZ-SEC] [AZ-CERT] [AZ-TUT] Key Vault docs.
//!
//! | parameter | type | required | constraint |
//! | --- | --- | --- | --- |
//! | certificate-name (path) | string | yes | `^[0-9a-zA-Z-]+$`, 1..127 |
//! | api-version (query) | string | yes | e.g. `2025-07-01` |
//! | value | string | yes | PEM text with the key and the certificates, or base64 of a PFX |
//! | pwd | string | no | the PFX's or the PEM key's password |
//! | policy.secret_props.contentType | string | for PEM | `application/x-pem-file` or `application/x-pkcs12` (default) |
//! | policy.key_props | object | no | kty, key_size, crv, exportable, reuse_key |
//! | policy.x509_props | object | no | subject, ekus, sans, key_usage, validity_months ≥ 0 |
//! | policy.lifetime_actions | list | no | lifetime_percentage 1..99 or days_before_expiry; EmailContacts / AutoRenew |
//! | attributes | object | no | enabled, nbf, exp |
//! | tags | map | no | ≤ 15, names and values ≤ 512 (documented for secrets) |
//! | preserveCertOrder | bool | no | default false: the leaf is moved to index 0 |
//!
//! Where this differs from TARGETS: path parameters are reported at `/path/<name>` as for every
//! operation (TARGETS writes `/certificate-name`). A PFX is opened with `pwd` and its certificates
//! and key checked as the same PEM would be (issue 22), in builds with the `pkcs12` feature;
//! without it (the browser) the report says it cannot be opened there. TARGETS calls `pem.crlf`
//! "fixed by normalized", but the value holds the private key and no output ever repeats a key,
//! so it is not fixed: the message says how. "25k bytes" [AZ-SEC] is read as 25,600 bytes.
//! TARGETS makes `value` as base64 of PEM a warning (acceptance unverified); the official Python
//! SDK sends every PEM import that way (issue 25), so here it is an info (see `value_form`).

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::Value;

use crate::model::certificate::Curve;

use crate::check::FieldLimits;
use crate::findings::{ErrorCodes, Override, Policy, Replacement};
use crate::model::certificate::{KeyKind, ParsedCertificate};
use crate::report::Severity;
use crate::check::Pkcs12Source;
use crate::request::decl::{CharClass, Kind, OperationDecl, OperationInfo, Param, DEFAULT_BODY_CAP};
use crate::request::upload::{
    check_key_type, check_pkcs12_upload, check_upload, decode_base64, describe_key, read_blob,
    BlobForm, Field, KeyTypes, Material, Upload,
};
use crate::request::policy::{Policies, When};
use crate::request::walk::Walk;
use crate::catalog;
use crate::rules::pem::SizeLimit;

use super::aws_common::{check_crlf, text_member};

const PEM_TYPE: &str = "application/x-pem-file";
const PKCS12_TYPE: &str = "application/x-pkcs12";

const KEY_PROPS: &[Param] = &[
    Param::boolean("exportable"),
    Param::string("kty").one_of(&["EC", "EC-HSM", "RSA", "RSA-HSM", "oct", "oct-HSM"]),
    Param::integer("key_size"),
    Param::string("crv").one_of(&["P-256", "P-384", "P-521", "P-256K"]),
    Param::boolean("reuse_key"),
];
const SECRET_PROPS: &[Param] = &[Param::string("contentType").one_of(&[PEM_TYPE, PKCS12_TYPE])];
const STRING_ITEM: Param = Param::item(Kind::String);
const SANS: &[Param] = &[
    Param::array("dns_names", &STRING_ITEM),
    Param::array("emails", &STRING_ITEM),
    Param::array("upns", &STRING_ITEM),
    Param::array("uris", &STRING_ITEM),
    Param::array("ipAddresses", &STRING_ITEM),
];
/// [AZ-SPEC] KeyUsageType.
const KEY_USAGE_ITEM: Param = Param::item(Kind::String).one_of(&[
    "digitalSignature",
    "nonRepudiation",
    "keyEncipherment",
    "dataEncipherment",
    "keyAgreement",
    "keyCertSign",
    "cRLSign",
    "encipherOnly",
    "decipherOnly",
]);
const X509_PROPS: &[Param] = &[
    Param::string("subject"),
    Param::array("ekus", &STRING_ITEM),
    Param::object("sans", SANS),
    Param::array("key_usage", &KEY_USAGE_ITEM),
    Param::integer("validity_months").at_least(0),
];
const TRIGGER: &[Param] = &[
    Param::integer("lifetime_percentage").range(1, 99),
    Param::integer("days_before_expiry"),
];
const ACTION: &[Param] = &[Param::string("action_type").one_of(&["EmailContacts", "AutoRenew"])];
const LIFETIME_ACTION: &[Param] = &[Param::object("trigger", TRIGGER), Param::object("action", ACTION)];
const LIFETIME_ITEM: Param = Param::item(Kind::Object(LIFETIME_ACTION));
const ISSUER: &[Param] = &[
    Param::string("name"),
    Param::string("cty"),
    Param::boolean("cert_transparency"),
];
/// [AZ-SPEC] CertificateAttributes; the last four the service fills in (`visibility: read` in the
/// SDK's generated models), what a GET prints.
const ATTRIBUTES: &[Param] = &[
    Param::boolean("enabled"),
    Param::integer("nbf"),
    Param::integer("exp"),
    Param::integer("created").output_only(),
    Param::integer("updated").output_only(),
    Param::integer("recoverableDays").output_only(),
    Param::string("recoveryLevel")
        .one_of(&[
            "CustomizedRecoverable",
            "CustomizedRecoverable+ProtectedSubscription",
            "CustomizedRecoverable+Purgeable",
            "Purgeable",
            "Recoverable",
            "Recoverable+ProtectedSubscription",
            "Recoverable+Purgeable",
        ])
        .output_only(),
];
const POLICY: &[Param] = &[
    Param::string("id").output_only(),
    Param::object("key_props", KEY_PROPS),
    Param::object("secret_props", SECRET_PROPS),
    Param::object("x509_props", X509_PROPS),
    Param::array("lifetime_actions", &LIFETIME_ITEM),
    Param::object("issuer", ISSUER),
    Param::object("attributes", ATTRIBUTES),
];
const TAG_VALUE: Param = Param::item(Kind::String);

const BODY: &[Param] = &[
    Param::string("value").required(),
    Param::string("pwd"),
    Param::object("policy", POLICY),
    Param::object("attributes", ATTRIBUTES),
    Param::map("tags", &TAG_VALUE).check(tags),
    Param::boolean("preserveCertOrder"),
];

const PATH: &[Param] = &[
    Param::string("certificate-name")
        .required()
        .length(1, 127)
        .chars(CERTIFICATE_NAME),
    Param::string("api-version").required().length(1, 64),
];

/// [AZ-SPEC] `certificate-name` pattern `^[0-9a-zA-Z-]+$`.
const CERTIFICATE_NAME: CharClass = CharClass {
    ranges: &[('-', '-'), ('0', '9'), ('A', 'Z'), ('a', 'z')],
    says: "letters, digits and hyphens (-)",
};

/// The code Key Vault answers a bad import with, as observed ([AZ-SPEC] `KeyVaultError`).
const BAD_PARAMETER: &str = "BadParameter";

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "azure.keyvault.import-certificate",
        provider: "Microsoft Azure",
        action: "keyvault:ImportCertificate",
        aliases: &["POST {vaultBaseUrl}/certificates/{certificate-name}/import"],
        seed: "TARGETS.md §4 ([AZ-SPEC] [AZ-NET] [AZ-OBJ] [AZ-KEYS] [AZ-SEC] [AZ-CERT] [AZ-TUT])",
        summary: "Imports a PEM or PFX certificate with its private key into Azure Key Vault",
    },
    error_codes: ErrorCodes {
        parameter: Some(BAD_PARAMETER),
        rules: &[
            (catalog::KEY_NOT_PKCS8, BAD_PARAMETER),
            (catalog::KEY_MISSING, BAD_PARAMETER),
            (catalog::KEY_ENCRYPTED, BAD_PARAMETER),
            (catalog::PEM_MALFORMED, BAD_PARAMETER),
            (catalog::REQUEST_CONTENT_TYPE_MISMATCH, BAD_PARAMETER),
        ],
        catalogue_codes: false,
    },
    policies: POLICIES,
    path: PATH,
    body: BODY,
    checks: &[certificate_material],
    form: FormDecl {
        material: &[MaterialField::required(VALUE, FieldRole::CertificateAndKey)],
        fields: &[
            ("/path/certificate-name", "www-example-com"),
            ("/path/api-version", "2025-07-01"),
            ("/policy/secret_props/contentType", PEM_TYPE),
        ],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};

/// How Key Vault reports the core's rules, by what the body says.
const POLICIES: Policies = &[
    // [AZ-SPEC] preserveCertOrder: Key Vault moves the leaf to index 0 unless told to keep
    // the order, so a misordered bundle is only info then.
    (When::IsTrue("/preserveCertOrder"), Policy {
        overrides: &[Override::new(catalog::CHAIN_MISORDERED, Severity::Warning)],
        replacements: &[],
    }),
    (When::Always, Policy {
        overrides: &[Override::new(catalog::CHAIN_MISORDERED, Severity::Info)],
        replacements: &[],
    }),
    // [AZ-SPEC] `pwd`: with it, Key Vault decrypts the key, so `key.encrypted` is only info.
    (When::Given("/pwd"), Policy {
        overrides: &[],
        replacements: &[Replacement::new(catalog::KEY_ENCRYPTED, catalog::KEY_ENCRYPTED)
            .severity(Severity::Info)
            .says("The private key is encrypted; Key Vault decrypts it with `pwd`, so this is fine if `pwd` is its password")],
    }),
];

/// [AZ-SEC]: a secret holds at most 25k bytes (read as 25,600); unverified for import, so a
/// warning. The key shares the text: its own limit would count the same bytes twice.
const LIMITS: FieldLimits = FieldLimits {
    certificate: SizeLimit::bytes(25 * 1024).warning(),
    chain: SizeLimit::bytes(25 * 1024).warning(),
    key: SizeLimit::bytes(usize::MAX),
    max_certificates: usize::MAX,
};

/// [AZ-KEYS]: the key types Key Vault stores.
const AZURE_KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[2048, 3072, 4096],
    curves: &[Curve::P256, Curve::P384, Curve::P521, Curve::Secp256k1],
    says: "RSA 2048, 3072 and 4096-bit and EC P-256, P-384, P-521 and P-256K keys",
};

/// [AZ-SEC]: at most 15 tags, names and values of at most 512 characters (documented for
/// secrets; certificates "much like" them: a warning).
const MAX_TAGS: usize = 15;
const MAX_TAG_CHARS: usize = 512;

const VALUE: &str = "/value";

fn tags(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(tags) = value.as_object() else { return };
    if tags.len() > MAX_TAGS {
        walk.emit_as(
            catalog::TAG_TOO_MANY, Severity::Warning,
            path,
            format!("{} tags are given; Key Vault documents at most {MAX_TAGS}", tags.len()),
        );
    }
    for (name, tag_value) in tags {
        let tag_path = crate::request::walk::child(path, name);
        if name.chars().count() > MAX_TAG_CHARS {
            walk.emit_as(
                catalog::TAG_KEY_TOO_LONG, Severity::Warning,
                &tag_path,
                format!("the tag name is {} characters long; Key Vault documents at most {MAX_TAG_CHARS}", name.chars().count()),
            );
        }
        let chars = tag_value.as_str().map_or(0, |v| v.chars().count());
        if chars > MAX_TAG_CHARS {
            walk.emit_as(
                catalog::TAG_VALUE_TOO_LONG, Severity::Warning,
                &tag_path,
                format!("the tag value is {chars} characters long; Key Vault documents at most {MAX_TAG_CHARS}"),
            );
        }
    }
}

/// What `value` was given as.
enum ValueForm {
    Pem(String),
    /// The PFX's bytes (decoded from base64).
    Pfx(Vec<u8>),
}

fn certificate_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    let Some(value) = text_member(walk, root, "value", (VALUE, true)) else {
        return;
    };
    let content_type = root
        .pointer("/policy/secret_props/contentType")
        .and_then(Value::as_str);
    let Some(form) = value_form(walk, value) else {
        return;
    };
    content_type_matches(walk, &form, content_type);
    let pem = match form {
        ValueForm::Pem(pem) => pem,
        ValueForm::Pfx(der) => return pfx_material(walk, &der),
    };
    check_crlf(walk, &pem, VALUE, Severity::Warning);
    let upload = Upload {
        certificate: Field {
            text: &pem,
            path: VALUE,
        },
        chain: None,
        key: Some(Field {
            text: &pem,
            path: VALUE,
        }),
        key_required: true,
        combined: true,
        limits: LIMITS,
        validity_floor: None,
    };
    let mark = walk.findings.len();
    let material = check_upload(walk, &upload);
    password(walk, mark);
    if let Some(block) = &material.key_block {
        if block.label == "RSA PRIVATE KEY" || block.label == "EC PRIVATE KEY" {
            walk.emit(
                catalog::KEY_NOT_PKCS8,
                VALUE,
                format!(
                    "The key (lines {}-{}) is {} (BEGIN {}); Key Vault accepts only PKCS#8 (BEGIN PRIVATE KEY): convert it with `openssl pkcs8 -topk8 -nocrypt -in key.pem -out key-pkcs8.pem`",
                    block.begin_line,
                    block.end_line,
                    if block.label.starts_with("RSA") { "PKCS#1" } else { "SEC1" },
                    block.label
                ),
            );
        }
    }
    leaf_policy(walk, &material);
}

/// `value` as base64 of a PFX, opened with `pwd` (empty without it) and checked as its
/// certificates and key would be in PEM. The order policy is the PEM one (`POLICIES`): Key
/// Vault moves the leaf first itself, so order is only info, unless preserveCertOrder is true
/// ([AZ-SPEC] documents it for the import, whatever the content type).
fn pfx_material(walk: &mut Walk<'_>, der: &[u8]) {
    let password = walk.root.get("pwd").and_then(Value::as_str).unwrap_or("");
    let upload = Upload {
        certificate: Field {
            text: "",
            path: VALUE,
        },
        chain: None,
        key: None,
        key_required: true,
        combined: false,
        limits: LIMITS,
        validity_floor: None,
    };
    let material = check_pkcs12_upload(walk, &upload, Pkcs12Source { der, password });
    leaf_policy(walk, &material);
}

/// What Key Vault asks of the leaf's key: its type, and policy.key_props.
fn leaf_policy(walk: &mut Walk<'_>, material: &Material) {
    let Some(leaf) = material.leaf() else { return };
    check_key_type(walk, leaf, &AZURE_KEYS, (VALUE, "Key Vault"), Severity::Error);
    key_props_match(walk, leaf);
}

/// The official Python SDK base64-encodes whatever it imports, PEM included: in
/// azure-keyvault-certificates 4.12.0 (PyPI, 2026-12-05), `azure/keyvault/certificates/_client.py`
/// `CertificateClient.import_certificate` sends `base64.b64encode(certificate_bytes)` as `value`
/// and documents PEM import with `CertificatePolicy(content_type=CertificateContentType.pem)`
/// (`application/x-pem-file`). tests/sdk/ captures that body.
const PYTHON_SDK: &str = "azure-keyvault-certificates 4.12.0, _client.py import_certificate";

/// PEM, base64 of PEM (what the Python SDK sends), or base64 of a PFX; anything else is
/// `pem.malformed`.
///
/// Base64 of PEM was a warning ("acceptance unverified", TARGETS §4 after [AZ-NET]'s older .NET
/// SDK). Issue 25: the current official Python SDK sends every PEM import that way, as its
/// documented usage, so Key Vault decodes it; it is the wire form, an info like ACM's blobs.
/// TARGETS still says warning: this file follows the SDK. Base64 twice stays a warning.
fn value_form(walk: &mut Walk<'_>, value: &str) -> Option<ValueForm> {
    let blob = read_blob(value);
    match blob.form {
        BlobForm::Pem => Some(ValueForm::Pem(blob.text)),
        BlobForm::Base64OfPem => {
            walk.emit(
                catalog::REQUEST_BLOB_ENCODING,
                VALUE,
                format!(
                    "`value` is base64 of PEM text, as the official Python SDK sends every PEM import ({PYTHON_SDK} base64-encodes certificate_bytes), so Key Vault decodes it; the PEM inside was checked"
                ),
            );
            Some(ValueForm::Pem(blob.text))
        }
        BlobForm::Base64Twice => {
            walk.emit_as(
                catalog::REQUEST_BLOB_ENCODING,
                Severity::Warning,
                VALUE,
                format!(
                    "`value` is base64 of base64 of PEM: encoded twice; Key Vault decodes once. SDKs encode it themselves ({PYTHON_SDK}): pass the PEM file's bytes, not base64 of them"
                ),
            );
            Some(ValueForm::Pem(blob.text))
        }
        BlobForm::Base64OfDer => decode_base64(value).map(ValueForm::Pfx),
        BlobForm::Unreadable => {
            // Base64 that decodes to something not DER-shaped is still not a PFX.
            let what = if decode_base64(value).is_some() {
                "base64 of something that is neither PEM nor a PFX"
            } else {
                "neither PEM text nor base64 of a PFX"
            };
            walk.emit(
                catalog::PEM_MALFORMED,
                VALUE,
                format!("`value` is {what}; give the PEM text (key and certificates) or the PFX file as base64"),
            );
            None
        }
    }
}

/// `request.content_type_mismatch` [AZ-NET]: without `application/x-pem-file`, "Pkcs12 is
/// assumed and the import will fail" for PEM; a PFX declared as PEM fails the other way.
fn content_type_matches(walk: &mut Walk<'_>, form: &ValueForm, content_type: Option<&str>) {
    let path = "/policy/secret_props/contentType";
    let message = match (form, content_type) {
        (ValueForm::Pem(_), None) => format!(
            "`value` is PEM but no content type is given, so Key Vault assumes PKCS#12 and the import fails: set policy.secret_props.contentType to {PEM_TYPE}"
        ),
        (ValueForm::Pem(_), Some(PKCS12_TYPE)) => format!(
            "`value` is PEM but the content type is {PKCS12_TYPE}: set it to {PEM_TYPE}"
        ),
        (ValueForm::Pfx(_), Some(PEM_TYPE)) => format!(
            "`value` is base64 of a PFX but the content type is {PEM_TYPE}: set it to {PKCS12_TYPE} or leave it out"
        ),
        _ => return,
    };
    walk.emit(catalog::REQUEST_CONTENT_TYPE_MISMATCH, path, message);
}

/// `pwd` [AZ-SPEC]: with it, Key Vault decrypts the key, so `key.encrypted` does not apply
/// (the `pwd` policy makes it info); a password with nothing encrypted is
/// `request.not_applicable`.
fn password(walk: &mut Walk<'_>, mark: usize) {
    if walk.root.get("pwd").and_then(Value::as_str).is_none()
        || walk.findings.has_since(mark, catalog::KEY_ENCRYPTED)
    {
        return;
    }
    walk.emit(
        catalog::REQUEST_NOT_APPLICABLE,
        "/pwd",
        "`pwd` is given but the key is not encrypted; leave it out",
    );
}

/// policy.key_props against the certificate's key: a disagreement is a warning (rejection
/// unverified) [AZ-SPEC].
fn key_props_match(walk: &mut Walk<'_>, leaf: &ParsedCertificate) {
    let Some(props) = walk.root.pointer("/policy/key_props").and_then(Value::as_object) else {
        return;
    };
    let kty = props.get("kty").and_then(Value::as_str);
    let family = match &leaf.key {
        KeyKind::Rsa { .. } => "RSA",
        KeyKind::Ec { .. } => "EC",
        _ => return,
    };
    let mut differences = Vec::new();
    if let Some(kty) = kty {
        if kty.trim_end_matches("-HSM") != family {
            differences.push(format!("kty is {kty}"));
        }
    }
    if let (Some(size), Some(bits)) = (props.get("key_size").and_then(Value::as_u64), leaf.key.bits()) {
        if family == "RSA" && size != u64::from(bits) {
            differences.push(format!("key_size is {size}"));
        }
    }
    if let (Some(crv), KeyKind::Ec { curve, .. }) = (props.get("crv").and_then(Value::as_str), &leaf.key) {
        let name = if *curve == Curve::Secp256k1 { "P-256K" } else { curve.name() };
        if crv != name {
            differences.push(format!("crv is {crv}"));
        }
    }
    if differences.is_empty() {
        return;
    }
    walk.emit_as(
        catalog::REQUEST_INVALID_VALUE, Severity::Warning,
        "/policy/key_props",
        format!(
            "The certificate's key is {} but the policy's {}; make key_props describe the imported key (rejection unverified)",
            describe_key(&leaf.key),
            differences.join(" and ")
        ),
    );
}
