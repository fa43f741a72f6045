//! TARGETS §6: a Kubernetes `v1` Secret of type `kubernetes.io/tls`, sources [K8S-VAL]
//! `pkg/apis/core/validation/validation.go` (`ValidateSecret`), [K8S-TYPES] `MaxSecretSize`,
//! [K8S-DOC] the Secret concept page, [NGX] ingress-nginx `internal/net/ssl/ssl.go`,
//! [K8S-LABELS] apimachinery `pkg/api/validation/objectmeta.go` (`ValidateAnnotations`,
//! `ValidateAnnotationsSize`) and `pkg/apis/meta/v1/validation` (`ValidateLabels`) with
//! `pkg/util/validation/validation.go` (`IsQualifiedName`, `IsValidLabelValue`),
//! [K8S-MODEL] the `kubernetes` Python client's `V1Secret` and `V1ObjectMeta` (the conformance
//! test's model, scripts/conformance.requirements.txt).
//!
//! | field | type | required | constraint |
//! | --- | --- | --- | --- |
//! | apiVersion, kind | string | yes | `v1`, `Secret` |
//! | metadata.name | string | yes (or generateName) | DNS subdomain: ≤ 253, `[a-z0-9.-]`, alphanumeric at both ends |
//! | metadata.namespace | string | no | DNS label, ≤ 63 |
//! | metadata.labels | map | no | keys: [prefix/]name, name ≤ 63; values ≤ 63, same shape or empty [K8S-LABELS] |
//! | metadata.annotations | map | no | keys as labels'; keys and values ≤ 256 KiB in all [K8S-LABELS] |
//! | type | string | yes here | `kubernetes.io/tls` |
//! | data | map | tls.crt and tls.key in data or stringData | values base64; keys `[-._a-zA-Z0-9]+`, ≤ 253 |
//! | stringData | map | | plain strings, merged into data; stringData wins |
//! | (whole) | | | decoded data values ≤ 1,048,576 bytes in all |
//!
//! The API server checks only that `tls.crt` and `tls.key` exist ([K8S-DOC]: "the API server
//! doesn't actually validate the values"); ingress-nginx then needs a certificate first in
//! tls.crt and a key that Go's `tls.X509KeyPair` pairs with it ([NGX]). The certificate core
//! checks the merged values, at the path of the member that wins.
//!
//! Deviation from TARGETS, on purpose: TARGETS gives `request.blob_encoding` as info; here a
//! double-encoded data value or base64 in stringData is a warning, since the Secret then holds
//! base64 text where ingress-nginx needs PEM ("no valid PEM formatted block found").

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use crate::input::base64_standard;
use serde_json::{Map, Value};

use crate::check::FieldLimits;
use crate::findings::ErrorCodes;
use crate::report::Severity;
use crate::request::decl::{body_cap, CharClass, Kind, OperationDecl, OperationInfo, Param};
use crate::request::upload::{check_upload, read_blob, BlobForm, Field, Upload};
use crate::request::walk::{child, Walk};
use crate::catalog;
use crate::rules::domain::{check_coverage, check_domain_field};
use crate::text::{quote, QUOTE_CHARS};

const STRING_VALUE: Param = Param::item(Kind::String);

/// [K8S-MODEL] `V1OwnerReference`: apiVersion, kind, name and uid are required.
const OWNER_REFERENCE: &[Param] = &[
    Param::string("apiVersion").required(),
    Param::string("kind").required(),
    Param::string("name").required(),
    Param::string("uid").required(),
    Param::boolean("controller"),
    Param::boolean("blockOwnerDeletion"),
];
const OWNER_REFERENCE_ITEM: Param = Param::item(Kind::Object(OWNER_REFERENCE));

/// [K8S-MODEL] `V1ManagedFieldsEntry` (written by the API server; declared for the schema).
const MANAGED_FIELDS_ENTRY: &[Param] = &[
    Param::string("apiVersion"),
    Param::string("fieldsType"),
    Param::object("fieldsV1", &[]),
    Param::string("manager"),
    Param::string("operation"),
    Param::string("subresource"),
    Param::string("time"),
];
const MANAGED_FIELDS_ITEM: Param = Param::item(Kind::Object(MANAGED_FIELDS_ENTRY));

/// [K8S-MODEL] `V1ObjectMeta`: what a user sets, then what the API server fills in ("Populated
/// by the system. Read-only."), which `kubectl get -o json` prints and a request may carry.
const METADATA: &[Param] = &[
    Param::string("name").check(dns_subdomain),
    Param::string("generateName"),
    Param::string("namespace").check(dns_label),
    Param::map("labels", &STRING_VALUE).check(labels),
    Param::map("annotations", &STRING_VALUE).check(annotations),
    Param::array("finalizers", &STRING_VALUE),
    Param::array("ownerReferences", &OWNER_REFERENCE_ITEM),
    Param::string("uid").output_only(),
    Param::string("resourceVersion").output_only(),
    Param::integer("generation").output_only(),
    Param::string("creationTimestamp").output_only(),
    Param::string("deletionTimestamp").output_only(),
    Param::integer("deletionGracePeriodSeconds").output_only(),
    Param::string("selfLink").output_only(),
    Param::array("managedFields", &MANAGED_FIELDS_ITEM).output_only(),
];

const BODY: &[Param] = &[
    Param::string("apiVersion").required().one_of(&["v1"]),
    Param::string("kind").required().one_of(&["Secret"]),
    Param::object("metadata", METADATA).required(),
    Param::string("type").required().one_of(&[TLS_TYPE]),
    Param::map("data", &STRING_VALUE).check(data_keys),
    Param::map("stringData", &STRING_VALUE).check(data_keys),
    Param::boolean("immutable"),
];

const TLS_TYPE: &str = "kubernetes.io/tls";
const CERT_KEY: &str = "tls.crt";
const PRIVATE_KEY: &str = "tls.key";

/// [K8S-TYPES] `MaxSecretSize = 1 * 1024 * 1024`: the decoded data values together.
const MAX_SECRET_BYTES: usize = 1024 * 1024;
/// [K8S-VAL] `IsDNS1123Subdomain` and `IsConfigMapKey`: at most 253 characters.
const MAX_SUBDOMAIN_CHARS: usize = 253;
/// `IsDNS1123Label`: at most 63 characters.
const MAX_LABEL_CHARS: usize = 63;
/// [K8S-LABELS] apimachinery `validation.IsQualifiedName` (`qualifiedNameMaxLength`) and
/// `IsValidLabelValue` (`LabelValueMaxLength`): a label key's name part and a label value are at
/// most 63 characters each.
const MAX_NAME_PART_CHARS: usize = 63;
/// [K8S-LABELS] apimachinery `ValidateAnnotationsSize`: `TotalAnnotationSizeLimitB = 256 * (1 <<
/// 10)`, the bytes of every annotation key and value together.
const MAX_ANNOTATION_BYTES: usize = 256 * 1024;

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "kubernetes.secret.tls",
        provider: "Kubernetes",
        action: "kubernetes.io/tls",
        aliases: &[],
        seed: "TARGETS.md §6 ([K8S-VAL] [K8S-TYPES] [K8S-DOC] [NGX])",
        summary: "A Secret of type kubernetes.io/tls, as the API server and ingress-nginx read it",
    },
    // The API server answers 422 Invalid with a cause per field [K8S-VAL].
    error_codes: ErrorCodes {
        parameter: Some("FieldValueInvalid"),
        rules: &[
            (&[catalog::REQUEST_MISSING_FIELD], "FieldValueRequired"),
            (&[catalog::REQUEST_LENGTH], "FieldValueTooLong"),
        ],
        catalogue_codes: false,
    },
    policies: &[],
    path: &[],
    body: BODY,
    checks: &[name_present, tls_material],
    form: FormDecl {
        material: &[
            MaterialField::required("/stringData/tls.crt", FieldRole::Certificate),
            MaterialField::required("/stringData/tls.key", FieldRole::PrivateKey),
        ],
        fields: &[
            ("/apiVersion", "v1"),
            ("/kind", "Secret"),
            ("/type", TLS_TYPE),
            ("/metadata/name", "www-example-com-tls"),
        ],
    },
    // [K8S-TYPES] 1 MiB of decoded data: as base64 in `data` (4/3 longer) and as text in
    // `stringData`, which the API server merges before counting.
    max_body_bytes: body_cap(MAX_SECRET_BYTES / 3 * 4 + 4 + MAX_SECRET_BYTES),
};

/// Secrets have no documented certificate limits of their own beyond the 1 MiB total; the
/// seeds' field limits would be wrong here, so the total is the only size rule.
const LIMITS: FieldLimits = FieldLimits {
    certificate: crate::rules::pem::SizeLimit::bytes(MAX_SECRET_BYTES),
    chain: crate::rules::pem::SizeLimit::bytes(MAX_SECRET_BYTES),
    key: crate::rules::pem::SizeLimit::bytes(MAX_SECRET_BYTES),
    max_certificates: usize::MAX,
};

fn is_dns_subdomain(name: &str) -> bool {
    name.split('.').all(is_dns_label)
}

fn is_dns_label(label: &str) -> bool {
    let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit());
    ends_ok(label.chars().next())
        && ends_ok(label.chars().last())
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// `metadata.name`: a DNS subdomain [K8S-VAL] ValidateSecretName.
fn dns_subdomain(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(name) = value.as_str() else { return };
    let chars = name.chars().count();
    if chars > MAX_SUBDOMAIN_CHARS {
        walk.emit(
            catalog::REQUEST_LENGTH,
            path,
            format!("the name is {chars} characters long; at most {MAX_SUBDOMAIN_CHARS} are allowed"),
        );
    } else if !is_dns_subdomain(name) {
        walk.emit(
            catalog::REQUEST_INVALID_VALUE,
            path,
            format!(
                "the name {} is not a DNS subdomain: lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. {})",
                quote(name, QUOTE_CHARS),
                quote(&suggest_name(name), QUOTE_CHARS)
            ),
        );
    }
}

/// The name lowercased with other characters as `-`: what the user most likely meant.
fn suggest_name(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| match c.to_ascii_lowercase() {
            c @ ('a'..='z' | '0'..='9' | '.') => c,
            _ => '-',
        })
        .collect();
    mapped.trim_matches(['-', '.']).to_string()
}

/// `metadata.namespace`: a DNS label.
fn dns_label(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(namespace) = value.as_str() else { return };
    if namespace.chars().count() > MAX_LABEL_CHARS || !is_dns_label(namespace) {
        walk.emit(
            catalog::REQUEST_INVALID_VALUE,
            path,
            format!(
                "the namespace {} is not a DNS label: at most {MAX_LABEL_CHARS} lowercase letters, digits and '-', starting and ending with a letter or digit",
                quote(namespace, QUOTE_CHARS)
            ),
        );
    }
}

/// [K8S-VAL] IsConfigMapKey: `[-._a-zA-Z0-9]+`.
pub(crate) const SECRET_KEY: CharClass = CharClass {
    ranges: &[('-', '.'), ('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')],
    says: "letters, digits, '-', '.' and '_'",
};

/// Keys of `data` and `stringData`: [`SECRET_KEY`] characters, at most 253 [K8S-VAL]
/// IsConfigMapKey.
fn data_keys(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(map) = value.as_object() else { return };
    for key in map.keys() {
        if key.is_empty()
            || key.chars().count() > MAX_SUBDOMAIN_CHARS
            || SECRET_KEY.first_outside(key).is_some()
        {
            walk.emit(
                catalog::REQUEST_INVALID_VALUE,
                &child(path, key),
                format!(
                    "the key {} is not a valid Secret key: 1 to {MAX_SUBDOMAIN_CHARS} letters, digits, '-', '.' and '_' (no spaces)",
                    quote(key, QUOTE_CHARS)
                ),
            );
        }
    }
}

/// Why a label or annotation key is refused: over a length limit, or of the wrong shape.
enum KeyFault {
    TooLong(String),
    Shape(String),
}

/// [K8S-LABELS] `IsQualifiedName`: an optional DNS-subdomain prefix and `/`, then a name part of
/// 1 to 63 letters, digits, `-`, `_` and `.`, starting and ending with a letter or digit.
fn qualified_name_fault(key: &str) -> Option<KeyFault> {
    let (prefix, name) = match key.split_once('/') {
        Some((prefix, name)) => (Some(prefix), name),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        let chars = prefix.chars().count();
        if chars > MAX_SUBDOMAIN_CHARS {
            return Some(KeyFault::TooLong(format!(
                "its prefix is {chars} characters long; at most {MAX_SUBDOMAIN_CHARS} are allowed"
            )));
        }
        if !is_dns_subdomain(prefix) {
            return Some(KeyFault::Shape(
                "its prefix (before '/') must be a DNS subdomain: lowercase letters, digits, '-' and '.'".into(),
            ));
        }
    }
    let chars = name.chars().count();
    if chars > MAX_NAME_PART_CHARS {
        return Some(KeyFault::TooLong(format!(
            "its name part is {chars} characters long; at most {MAX_NAME_PART_CHARS} are allowed"
        )));
    }
    if !is_name_part(name) {
        return Some(KeyFault::Shape(
            "it must be an optional DNS-subdomain prefix and '/', then 1 to 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit".into(),
        ));
    }
    None
}

/// [K8S-LABELS] the name part of a qualified name, and a non-empty label value:
/// `([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]`.
fn is_name_part(text: &str) -> bool {
    let ends_ok = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    ends_ok(text.chars().next())
        && ends_ok(text.chars().last())
        && text
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

/// A label or annotation key's fault as a finding at the key's path.
fn emit_key_fault(walk: &mut Walk<'_>, path: &str, what: &str, key: &str, fault: KeyFault) {
    let (rule, why) = match fault {
        KeyFault::TooLong(why) => (catalog::REQUEST_LENGTH, why),
        KeyFault::Shape(why) => (catalog::REQUEST_INVALID_VALUE, why),
    };
    let message = format!("the {what} key {} is refused by the API server: {why}", quote(key, QUOTE_CHARS));
    walk.emit(rule, &child(path, key), message);
}

/// `metadata.labels` [K8S-LABELS] `ValidateLabels`: qualified-name keys, values of at most 63
/// characters of the name-part shape (or empty). The API server answers 422 otherwise.
fn labels(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(map) = value.as_object() else { return };
    for (key, value) in map {
        if let Some(fault) = qualified_name_fault(key) {
            emit_key_fault(walk, path, "label", key, fault);
        }
        let Some(text) = value.as_str() else { continue };
        let chars = text.chars().count();
        if chars > MAX_NAME_PART_CHARS {
            walk.emit(
                catalog::REQUEST_LENGTH,
                &child(path, key),
                format!("the value of label {} is {chars} characters long; a label value is at most {MAX_NAME_PART_CHARS} (put longer text in an annotation)", quote(key, QUOTE_CHARS)),
            );
        } else if !text.is_empty() && !is_name_part(text) {
            walk.emit(
                catalog::REQUEST_INVALID_VALUE,
                &child(path, key),
                format!("the value of label {} is {}: a label value is empty or letters, digits, '-', '_' and '.', starting and ending with a letter or digit", quote(key, QUOTE_CHARS), quote(text, QUOTE_CHARS)),
            );
        }
    }
}

/// `metadata.annotations` [K8S-LABELS] `ValidateAnnotations`: qualified-name keys (checked
/// lowercased, as the API server does) and at most 256 KiB of keys and values together.
fn annotations(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(map) = value.as_object() else { return };
    let mut total = 0usize;
    for (key, value) in map {
        if let Some(fault) = qualified_name_fault(&key.to_lowercase()) {
            emit_key_fault(walk, path, "annotation", key, fault);
        }
        total = total.saturating_add(key.len()).saturating_add(value.as_str().map_or(0, str::len));
    }
    if total > MAX_ANNOTATION_BYTES {
        walk.emit(
            catalog::REQUEST_LENGTH,
            path,
            format!("the annotations hold {total} bytes of keys and values; the API server takes at most {MAX_ANNOTATION_BYTES} (256 KiB)"),
        );
    }
}

/// `metadata.name` or `generateName` [K8S-VAL].
fn name_present(walk: &mut Walk<'_>) {
    let Some(metadata) = walk.root.get("metadata").and_then(Value::as_object) else {
        return;
    };
    let given = |key: &str| metadata.get(key).and_then(Value::as_str).is_some_and(|s| !s.is_empty());
    if !given("name") && !given("generateName") {
        walk.emit(
            catalog::REQUEST_MISSING_FIELD,
            "/metadata/name",
            "`metadata.name` is missing; a Secret needs a name (or generateName)",
        );
    }
}

/// One of the two TLS members after the merge: its PEM text and the path of the member that won.
struct Member {
    text: String,
    path: String,
}

fn tls_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    let empty = Map::new();
    let data = root.get("data").and_then(Value::as_object).unwrap_or(&empty);
    let string_data = root.get("stringData").and_then(Value::as_object).unwrap_or(&empty);
    let decoded_total = decoded_data(walk, data);
    if decoded_total > MAX_SECRET_BYTES {
        walk.emit(
            catalog::REQUEST_LENGTH,
            "/data",
            format!("the data values decode to {decoded_total} bytes in all; a Secret holds at most {MAX_SECRET_BYTES} (1 MiB)"),
        );
    }
    for key in string_data.keys().filter(|k| data.contains_key(*k)) {
        walk.emit(
            catalog::REQUEST_SHADOWED_FIELD,
            &child("/stringData", key),
            format!("`{key}` is in both data and stringData; the API server keeps stringData's and discards data's"),
        );
    }
    let certificate = member(walk, data, string_data, CERT_KEY);
    let key = member(walk, data, string_data, PRIVATE_KEY);
    let Some(certificate) = certificate else {
        return;
    };
    let upload = Upload {
        certificate: Field {
            text: &certificate.text,
            path: &certificate.path,
        },
        chain: None,
        key: key.as_ref().map(|k| Field {
            text: &k.text,
            path: &k.path,
        }),
        // An absent tls.key is `request.missing_field` already; an empty one is `key.missing`.
        key_required: key.is_some(),
        combined: false,
        limits: LIMITS,
        validity_floor: None,
    };
    let material = check_upload(walk, &upload);
    let hosts = walk.ctx.hosts.join(",");
    if let (false, Some(names)) = (hosts.is_empty(), material.leaf_names.as_ref()) {
        let checked = check_domain_field(&hosts, "/context/hosts", &mut walk.findings);
        check_coverage(&checked, names, &mut walk.findings);
    }
}

/// Sum of the decoded sizes of `data`'s values; a value that is not base64 is
/// `request.invalid_value` (the API server refuses it while decoding).
fn decoded_data(walk: &mut Walk<'_>, data: &Map<String, Value>) -> usize {
    let mut total = 0;
    for (key, value) in data {
        let Some(text) = value.as_str() else { continue };
        match base64_standard::decode(text.trim().as_bytes()) {
            Ok(bytes) => total += bytes.len(),
            Err(_) if text.is_empty() => {}
            Err(_) => {
                walk.emit(
                    catalog::REQUEST_INVALID_VALUE,
                    &child("/data", key),
                    format!("the value of `{key}` is not base64; data values are base64-encoded (put plain text in stringData instead)"),
                );
            }
        }
    }
    total
}

/// tls.crt or tls.key as the API server merges them: stringData's if there, else data's
/// decoded; absent from both is `request.missing_field` at `/data/<key>`.
fn member(
    walk: &mut Walk<'_>,
    data: &Map<String, Value>,
    string_data: &Map<String, Value>,
    key: &str,
) -> Option<Member> {
    if let Some(text) = string_data.get(key).and_then(Value::as_str) {
        let path = child("/stringData", key);
        let blob = read_blob(text);
        if matches!(blob.form, BlobForm::Base64OfPem | BlobForm::Base64Twice) {
            walk.emit_as(
                catalog::REQUEST_BLOB_ENCODING, Severity::Warning,
                &path,
                format!("`{key}` in stringData is base64 of PEM; stringData is stored as given, so the Secret would hold base64 text: put the PEM itself in stringData, or this value in data"),
            );
            return Some(Member { text: blob.text, path });
        }
        return Some(Member {
            text: text.to_string(),
            path,
        });
    }
    let path = child("/data", key);
    let Some(encoded) = data.get(key).and_then(Value::as_str) else {
        walk.emit(
            catalog::REQUEST_MISSING_FIELD,
            &path,
            format!("`{key}` is in neither data nor stringData; a kubernetes.io/tls Secret needs both tls.crt and tls.key"),
        );
        return None;
    };
    let decoded = base64_standard::decode(encoded.trim().as_bytes())
        .ok()
        .and_then(|bytes| String::from_utf8(bytes).ok())?;
    let inner = read_blob(&decoded);
    if inner.form == BlobForm::Base64OfPem {
        walk.emit_as(
            catalog::REQUEST_BLOB_ENCODING, Severity::Warning,
            &path,
            format!("`{key}` in data is base64 of base64 of PEM: it was encoded twice, so the Secret would hold base64 text; encode the PEM once"),
        );
        return Some(Member {
            text: inner.text,
            path,
        });
    }
    Some(Member { text: decoded, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_names() {
        for ok in ["shop-tls", "a", "shop.example-1", "0abc"] {
            assert!(is_dns_subdomain(ok), "{ok}");
        }
        for bad in ["Shop_TLS", "-a", "a-", "a..b", "", "a b"] {
            assert!(!is_dns_subdomain(bad), "{bad}");
        }
        assert_eq!(suggest_name("Shop_TLS"), "shop-tls");
    }
}
