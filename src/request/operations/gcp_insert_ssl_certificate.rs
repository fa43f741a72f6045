//! TARGETS §3: Google Compute Engine `sslCertificates.insert`
//! (`POST projects/{project}/global/sslCertificates`), a self-managed certificate. Sources:
//! [GCP-DISC] google-api-python-client `discovery_cache/documents/compute.v1.json` @ 02d69f6fb528
//! (schemas SslCertificate, SslCertificateSelfManagedSslCertificate); [GCP-KEYS] the S3NS copy of
//! Google's "SSL certificates overview" (supported key types); [GCP-OLD] an older
//! cloud.google.com revision of "self-managed certs".
//!
//! | parameter | type | required | constraint |
//! | --- | --- | --- | --- |
//! | project (path) | string | yes | `(?:(?:[-a-z0-9]{1,63}\.)*(?:[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?):)?(?:[0-9]{1,19}\|(?:[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?))` |
//! | requestId (query) | string | no | a UUID, not the zero UUID |
//! | name | string | yes (unverified) | 1..63; `[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?` |
//! | description | string | no | no maximum documented |
//! | type | enum | no | MANAGED, SELF_MANAGED, TYPE_UNSPECIFIED; absent means self-managed |
//! | certificate | string | one of two forms | PEM; "no greater than 5 certs long"; "must include at least one intermediate cert" |
//! | privateKey | string | with certificate | PEM, no passphrase |
//! | selfManaged.certificate / .privateKey | string | the other form | the same rules |
//! | managed | object | with MANAGED | `domains` required then; `status`, `domainStatus` output only |
//! | id, kind, creationTimestamp, expireTime, selfLink, subjectAlternativeNames, region | — | — | output only |
//!
//! Resolutions:
//! - Google documents no error code beyond HTTP 400, so no rule carries one.
//! - No size limit is documented for the PEM fields: the only bound is the request's own
//!   (1 MiB, `undocumented_field_limits`). The depth limit is 5 certificates.
//! - Both forms given: which one Google uses is unverified. `request.conflicting_fields`
//!   (warning) says so at `/selfManaged`, and the material rules run on the top-level form
//!   only, so one certificate is not reported twice (TARGETS' example expects exactly that).
//! - `chain.no_intermediate` counts CA certificates other than self-issued roots: a leaf with
//!   only its root has no intermediate either.
//! - Key types: RSA-2048/3072/4096 and ECDSA P-256/P-384 [GCP-KEYS] (error outside them); with
//!   context `endpoint=global`, the older page's RSA-2048 or P-256 [GCP-OLD] (a warning
//!   outside those, unverified for global). `cert.algorithm_unsupported` is reported at the
//!   key field, as TARGETS' example has it.
//! - A certificate without its key is `request.missing_field` at the key field (TARGETS' row),
//!   not the core's `key.missing`.
//!
//! Where this differs from TARGETS §3 (issue 19): TARGETS makes `type: MANAGED` and `managed`
//! `request.invalid_value` ("not this operation"); the same insert creates a Google-managed
//! certificate from `managed.domains` ([GCP-DISC]), so such a request is checked for what applies
//! to it (the domains, with the domain rules) and the self-managed members are
//! `request.not_applicable` there, as `managed` is without MANAGED.

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::Value;

use crate::model::certificate::Curve;

use crate::check::FieldLimits;
use crate::findings::ErrorCodes;
use crate::report::Severity;
use crate::request::decl::{undocumented_field_limits, DEFAULT_BODY_CAP, Condition, Kind, OperationDecl, OperationInfo, Param};
use crate::rules::domain::check_domain_field;
use crate::request::upload::{check_key_type, check_upload, Field, KeyTypes, Material, Upload};
use crate::request::walk::Walk;
use crate::catalog;
use crate::text::{quote, QUOTE_CHARS};

const SELF_MANAGED: &[Param] = &[Param::string("certificate"), Param::string("privateKey")];

const STRING_ITEM: Param = Param::item(Kind::String);

/// [GCP-DISC] `SslCertificateManagedSslCertificate`: the domains a Google-managed certificate is
/// issued for (each with the domain rules), then what the API fills in.
const MANAGED: &[Param] = &[
    Param::array("domains", &MANAGED_DOMAIN).required_when(IS_MANAGED),
    Param::string("status")
        .one_of(&[
            "ACTIVE",
            "MANAGED_CERTIFICATE_STATUS_UNSPECIFIED",
            "PROVISIONING",
            "PROVISIONING_FAILED",
            "PROVISIONING_FAILED_PERMANENTLY",
            "RENEWAL_FAILED",
        ])
        .output_only(),
    Param::map("domainStatus", &DOMAIN_STATUS).output_only(),
];

/// [GCP-DISC] `domainStatus` values.
const DOMAIN_STATUS: Param = Param::item(Kind::String).one_of(&[
    "ACTIVE",
    "DOMAIN_STATUS_UNSPECIFIED",
    "FAILED_CAA_CHECKING",
    "FAILED_CAA_FORBIDDEN",
    "FAILED_NOT_VISIBLE",
    "FAILED_RATE_LIMITED",
    "PROVISIONING",
]);

const MANAGED_DOMAIN: Param = Param::item(Kind::String).check(managed_domain);

/// `type` is MANAGED: Google issues the certificate for `managed.domains`.
const IS_MANAGED: &[Condition] = &[Condition::one_of(
    "/type",
    &["MANAGED"],
    TYPES,
    "`type` is MANAGED (a Google-managed certificate)",
)];

/// `type` is absent or not MANAGED: the request uploads a certificate and key [GCP-DISC] ("If
/// not specified, the certificate is self-managed").
const IS_SELF_MANAGED: &[Condition] = &[Condition::one_of(
    "/type",
    &["SELF_MANAGED", "TYPE_UNSPECIFIED"],
    TYPES,
    "the certificate is self-managed (`type` SELF_MANAGED or absent)",
)
.absent_means("SELF_MANAGED")];

/// [GCP-DISC] SslCertificate.type.
const TYPES: &[&str] = &["MANAGED", "SELF_MANAGED", "TYPE_UNSPECIFIED"];

const PATH: &[Param] = &[
    Param::string("project").required().check(project_id),
    Param::string("requestId").check(request_id),
];

const BODY: &[Param] = &[
    Param::string("name").required().length(1, 63).check(resource_name),
    Param::string("description"),
    Param::string("type").one_of(TYPES),
    Param::string("certificate").only_when(IS_SELF_MANAGED),
    Param::string("privateKey").only_when(IS_SELF_MANAGED),
    Param::object("selfManaged", SELF_MANAGED).only_when(IS_SELF_MANAGED),
    Param::object("managed", MANAGED)
        .required_when(IS_MANAGED)
        .only_when(IS_MANAGED),
    // [GCP-DISC]: fields the API returns and never reads.
    Param::string("id").output_only(),
    Param::string("kind").output_only(),
    Param::string("creationTimestamp").output_only(),
    Param::string("expireTime").output_only(),
    Param::string("selfLink").output_only(),
    Param::array("subjectAlternativeNames", &STRING_ITEM).output_only(),
    Param::string("region").output_only(),
];

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "gcp.compute.insert-ssl-certificate",
        provider: "Google Cloud",
        action: "compute:sslCertificates.insert",
        aliases: &["POST projects/{project}/global/sslCertificates"],
        seed: "TARGETS.md §3 ([GCP-DISC] [GCP-KEYS] [GCP-OLD])",
        summary: "Creates a self-managed SSL certificate resource for Google Cloud load balancers",
    },
    // Google documents HTTP 400 and no error code: no rule carries one.
    error_codes: ErrorCodes {
        parameter: None,
        rules: &[],
        catalogue_codes: false,
    },
    policies: &[],
    path: PATH,
    body: BODY,
    form: FormDecl {
        material: &[
            MaterialField::required(TOP_LEVEL.certificate, FieldRole::Certificate),
            MaterialField::required(TOP_LEVEL.key, FieldRole::PrivateKey),
        ],
        fields: &[("/path/project", "acme-prod"), ("/name", "www-example-com")],
    },
    checks: &[certificate_material],
    max_body_bytes: DEFAULT_BODY_CAP,
};

/// [GCP-DISC] SslCertificate.certificate: "The chain must be no greater than 5 certs long". No
/// size is documented for either field; the request's own bound stands in.
const LIMITS: FieldLimits = undocumented_field_limits(MAX_CERTIFICATES);

/// [GCP-DISC]: "no greater than 5 certs long".
const MAX_CERTIFICATES: usize = 5;

/// [GCP-KEYS] "Supported key types" (regional self-managed certificates).
const KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[2048, 3072, 4096],
    curves: &[Curve::P256, Curve::P384],
    says: "RSA-2048, RSA-3072, RSA-4096, ECDSA P-256 and ECDSA P-384 keys",
};

/// [GCP-OLD]: "RSA-2048 or ECDSA P-256"; the current list for global certificates is unverified.
const GLOBAL_KEYS: KeyTypes = KeyTypes {
    rsa_bits: &[2048],
    curves: &[Curve::P256],
    says: "RSA-2048 or ECDSA P-256 keys for global certificates (an older revision of Google's page; the current list for global certificates is unverified)",
};

/// One of the two places the certificate and key may be given.
struct Form {
    certificate: &'static str,
    key: &'static str,
    /// The member names, as a message says them.
    says: &'static str,
}

const TOP_LEVEL: Form = Form {
    certificate: "/certificate",
    key: "/privateKey",
    says: "`certificate` and `privateKey`",
};

const NESTED: Form = Form {
    certificate: "/selfManaged/certificate",
    key: "/selfManaged/privateKey",
    says: "`selfManaged.certificate` and `selfManaged.privateKey`",
};

fn is_given(root: &Value, pointer: &str) -> bool {
    !matches!(root.pointer(pointer), None | Some(Value::Null))
}

fn is_managed(root: &Value) -> bool {
    root.get("type").and_then(Value::as_str) == Some("MANAGED")
}

/// One name of `managed.domains`, with the domain rules (a Google-managed certificate is
/// issued for exactly these names).
fn managed_domain(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(name) = value.as_str() else { return };
    if name.is_empty() {
        walk.emit(
            catalog::REQUEST_MISSING_FIELD,
            path,
            "the domain is empty; give a name such as www.example.com",
        );
        return;
    }
    check_domain_field(name, path, &mut walk.findings);
}

/// The form to check, `request.conflicting_fields` when both are given, and the certificate
/// rules on it.
fn certificate_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    // A Google-managed certificate has no PEM: `managed` is checked by its declared rows.
    if is_managed(root) {
        return;
    }
    let top = is_given(root, TOP_LEVEL.certificate) || is_given(root, TOP_LEVEL.key);
    let nested = is_given(root, NESTED.certificate) || is_given(root, NESTED.key);
    let form = match (top, nested) {
        (true, true) => {
            walk.emit(
                catalog::REQUEST_CONFLICTING_FIELDS,
                "/selfManaged",
                "Both the top-level `certificate`/`privateKey` and `selfManaged` are given; which one Google uses is unverified: send one form only (the top-level one was checked)",
            );
            &TOP_LEVEL
        }
        (true, false) => &TOP_LEVEL,
        (false, true) => &NESTED,
        (false, false) => {
            if !is_managed(root) {
                walk.emit(
                    catalog::REQUEST_MISSING_FIELD,
                    TOP_LEVEL.certificate,
                    format!(
                        "No certificate is given; a self-managed certificate needs {} (or {})",
                        TOP_LEVEL.says, NESTED.says
                    ),
                );
            }
            return;
        }
    };
    let certificate = present_text(walk, form.certificate, form);
    let key = present_text(walk, form.key, form);
    let Some(certificate) = certificate else {
        return;
    };
    let upload = Upload {
        certificate: Field {
            text: certificate,
            path: form.certificate,
        },
        chain: None,
        key: key.map(|text| Field {
            text,
            path: form.key,
        }),
        key_required: false,
        combined: false,
        limits: LIMITS,
        validity_floor: None,
    };
    let material = check_upload(walk, &upload);
    no_intermediate(walk, &material, form.certificate);
    let Some(leaf) = material.leaf() else { return };
    let accepted = check_key_type(walk, leaf, &KEYS, (form.key, "Google Cloud"), Severity::Error);
    if accepted && walk.ctx.endpoint.as_deref() == Some("global") {
        check_key_type(
            walk,
            leaf,
            &GLOBAL_KEYS,
            (form.key, "Google Cloud"),
            Severity::Warning,
        );
    }
}

/// The text at `pointer`: `request.missing_field` when it is absent or empty (both members of a
/// form are needed); `None` also when it is not a string (the engine said so).
fn present_text<'v>(walk: &mut Walk<'v>, pointer: &str, form: &Form) -> Option<&'v str> {
    let root = walk.root;
    match root.pointer(pointer) {
        Some(Value::String(text)) if !text.trim().is_empty() => Some(text.as_str()),
        Some(Value::String(_)) | None | Some(Value::Null) => {
            walk.emit(
                catalog::REQUEST_MISSING_FIELD,
                pointer,
                format!(
                    "`{}` is missing or empty; a self-managed certificate needs {}",
                    pointer.trim_start_matches('/').replace('/', "."),
                    form.says
                ),
            );
            None
        }
        Some(_) => None,
    }
}

/// `chain.no_intermediate`: [GCP-DISC] "must include at least one intermediate cert"; the
/// rejection is unverified (self-signed test uploads are common), hence a warning.
fn no_intermediate(walk: &mut Walk<'_>, material: &Material, path: &str) {
    let Some(leaf) = material.leaf() else { return };
    let has_intermediate = material.certificates.iter().any(|c| {
        c.der != leaf.der && c.basic_constraints_ca == Some(true) && c.subject_raw != c.issuer_raw
    });
    if !has_intermediate {
        walk.emit(
            catalog::CHAIN_NO_INTERMEDIATE,
            path,
            "The field has the leaf but no intermediate certificate; Google asks for the leaf followed by at least one intermediate (rejection unverified: self-signed test certificates are often uploaded alone)",
        );
    }
}

/// [GCP-DISC] `name`: `[a-z](?:[-a-z0-9]{0,61}[a-z0-9])?` (the length is the declaration's).
fn resource_name(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(name) = value.as_str() else { return };
    if name.is_empty() || is_resource_name(name) {
        return;
    }
    walk.emit(
        catalog::REQUEST_INVALID_VALUE,
        path,
        format!(
            "`name` is {}; it must start with a lowercase letter, hold only lowercase letters, digits and hyphens, and not end with a hyphen",
            quote(name, QUOTE_CHARS)
        ),
    );
}

fn is_resource_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !name.ends_with('-')
}

/// `[a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?` and, for `first_letter`, `[a-z]` first: a label of at
/// most 63 characters.
fn is_label(label: &str, first_letter: bool) -> bool {
    let first_ok = label.chars().next().is_some_and(|c| {
        c.is_ascii_lowercase() || (!first_letter && c.is_ascii_digit())
    });
    first_ok
        && label.len() <= 63
        && label
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !label.ends_with('-')
}

/// [GCP-DISC] the `project` path pattern: an optional `domain:` prefix, then a project id or
/// number.
fn is_project(project: &str) -> bool {
    let (domain, id) = match project.split_once(':') {
        Some((domain, id)) => (Some(domain), id),
        None => (None, project),
    };
    let domain_ok = domain.is_none_or(|domain| {
        let mut labels: Vec<&str> = domain.split('.').collect();
        let last = labels.pop().unwrap_or_default();
        is_label(last, true)
            && labels.iter().all(|l| {
                (1..=63).contains(&l.len())
                    && l.chars()
                        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            })
    });
    let number = (1..=19).contains(&id.len()) && id.chars().all(|c| c.is_ascii_digit());
    domain_ok && (number || is_label(id, false))
}

fn project_id(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(project) = value.as_str() else { return };
    if project.is_empty() || is_project(project) {
        return;
    }
    walk.emit(
        catalog::REQUEST_INVALID_VALUE,
        path,
        format!(
            "`project` is {}; it is a project id (lowercase letters, digits and hyphens, up to 63 characters), a project number, or `domain:project-id`",
            quote(project, QUOTE_CHARS)
        ),
    );
}

/// [GCP-DISC] `requestId`: "must be a valid UUID with the exception that zero UUID is not
/// supported".
fn request_id(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(id) = value.as_str() else { return };
    let why = if !is_uuid(id) {
        "it must be a UUID such as 123e4567-e89b-12d3-a456-426614174000"
    } else if id.chars().all(|c| c == '0' || c == '-') {
        "the zero UUID is not supported"
    } else {
        return;
    };
    walk.emit(
        catalog::REQUEST_INVALID_VALUE,
        path,
        format!("`requestId` is {}; {why}", quote(id, QUOTE_CHARS)),
    );
}

/// The 8-4-4-4-12 hexadecimal form.
fn is_uuid(id: &str) -> bool {
    let groups: Vec<&str> = id.split('-').collect();
    groups.len() == 5
        && groups
            .iter()
            .zip([8, 4, 4, 4, 12])
            .all(|(g, len)| g.len() == len && g.chars().all(|c| c.is_ascii_hexdigit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_projects_follow_the_discovery_patterns() {
        let names = [
            ("shop-2026", true),
            ("a", true),
            ("Shop_2026", false),
            ("2026-shop", false),
            ("shop-", false),
            ("shop.cert", false),
        ];
        for (name, ok) in names {
            assert_eq!(is_resource_name(name), ok, "{name}");
        }
        let projects = [
            ("acme-prod", true),
            ("123456789012", true),
            ("example.com:acme-prod", true),
            ("google.com:my-project", true),
            ("Acme", false),
            ("acme-", false),
            ("-acme", false),
            ("a:b:c", false),
            ("1example.com:acme", true),
            ("example.1com:acme", false),
            (&"a".repeat(64), false),
        ];
        for (project, ok) in projects {
            assert_eq!(is_project(project), ok, "{project}");
        }
    }

    #[test]
    fn request_ids_are_uuids() {
        let ids = [
            ("123e4567-e89b-12d3-a456-426614174000", true),
            ("123E4567-E89B-12D3-A456-426614174000", true),
            ("00000000-0000-0000-0000-000000000000", true),
            ("123e4567e89b12d3a456426614174000", false),
            ("123e4567-e89b-12d3-a456-42661417400g", false),
            ("", false),
        ];
        for (id, uuid) in ids {
            assert_eq!(is_uuid(id), uuid, "{id}");
        }
    }
}
