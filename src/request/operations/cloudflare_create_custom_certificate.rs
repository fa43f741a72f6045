//! TARGETS §5: Cloudflare "Create Custom SSL Configuration",
//! `POST /zones/{zone_id}/custom_certificates`. Sources: [CF-SDK] cloudflare-typescript
//! `custom-certificates.ts` @ 4ed35ffd9700 (generated from the OpenAPI schema); [CF-OAS]
//! cloudflare/api-schemas `openapi.json` @ c92b9b0fde23 and the API reference pages;
//! [CF-UP] [CF-TS] [CF-BUN] cloudflare-docs `ssl/edge-certificates/custom-certificates/`
//! `uploading.mdx`, `troubleshooting.mdx`, `bundling-methodologies.mdx`.
//!
//! | parameter | type | required | constraint |
//! | --- | --- | --- | --- |
//! | zone_id (path) | string | yes | at most 32 characters |
//! | certificate | string | yes | PEM: the leaf, or (with `force`) the leaf then its intermediates |
//! | private_key | string | yes, unless custom_csr_id | PEM, no password; RSA ≥ 2048 bits, ECDSA ≥ 225 bits; no `EC PARAMETERS` block |
//! | bundle_method | enum | no | `ubiquitous` (default, "Compatible"), `optimal` ("Modern"), `force` ("User-defined") |
//! | type | enum | no | `legacy_custom` (default), `sni_custom`; legacy_custom does not work with BYOIP |
//! | geo_restrictions.label | enum | no | `us`, `eu`, `highest_security` |
//! | policy (also `policy_restrictions`) | string | no | Geo Key Manager policy |
//! | custom_csr_id | string | no | a Custom CSR's id (then Cloudflare holds the key) |
//! | deploy | string | no | `staging` or `production` ([CF-SDK] `Literal`) |
//!
//! Requirements [CF-UP]: at least 14 days of validity left; a SAN that is a zone host name;
//! publicly trusted unless `force`; with `ubiquitous`/`optimal` upload only the leaf [CF-BUN].
//! Error numbers [CF-TS] as codes: 1002 invalid certificate (`pem.malformed`), 2100 root and
//! leaf together (`chain.root_included`), 2101 no leaf (`cert.leaf_is_ca`), 2103 no zone host
//! name in a SAN (`cert.no_san`, `domain.not_in_zone`), 2106 invalid private key
//! (`key.unsupported`; for `key.encrypted` and `key.ec_parameters_block` the mapping is
//! unverified). 1212, 1220 and 2005 need account state and 1434 has no documented cause.
//!
//! Resolutions:
//! - TARGETS maps `request.missing_field` to 1002 (certificate) and 2106 (private_key); a code
//!   belongs to a rule, not a field, so the generic `request.*` rules carry none.
//! - `key.ec_parameters_block` is an error here ("you will need to first remove" it). TARGETS
//!   calls it fixed by `normalized`, but the report never prints key text, so it is not fixed.
//! - A bundle method other than `force` (an invalid one too) is judged as Cloudflare's bundling:
//!   `chain.root_included` is an error and a chain that stops short of a root is only `info`
//!   (Cloudflare completes it); with `force` they stay a warning.
//! - "Publicly trusted unless force" is `bundle.force_required` when the leaf is self-signed or
//!   its path ends at a root no trust anchor vouches for (it replaces `chain.untrusted_root`);
//!   the caller's `roots` count as anchors (a test CA), and a path that stops short of any
//!   root cannot be judged.
//! - `cert.weak_key` is an error for a leaf under Cloudflare's minimums (RSA < 2048, ECDSA < 225
//!   bits); other curves the catalogue warns about (secp256k1) stay a warning.
//! - `cert.no_san` also fires for a leaf whose SANs are IP addresses only ("DNS SAN").
//! - The own rules about the leaf are reported at `/certificate`; the core's per-certificate
//!   rules at `/certificate/chain/N`.

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::Value;

use crate::check::FieldLimits;
use crate::findings::{ErrorCodes, Override, Policy, Replacement};
use crate::model::certificate::ParsedCertificate;
use crate::report::Severity;
use crate::request::decl::{undocumented_field_limits, DEFAULT_BODY_CAP, Condition, OperationDecl, OperationInfo, Param};
use crate::request::upload::{check_upload, Field, Material, Upload};
use crate::request::policy::{Policies, When};
use crate::request::walk::Walk;
use crate::catalog;
use crate::rules::certificate::ValidityFloor;
use crate::text::{plural, quote, QUOTE_CHARS};

/// [CF-SDK] `bundle_method`.
const BUNDLE_METHODS: &[&str] = &["ubiquitous", "optimal", "force"];

/// The dashboard's names of the bundle methods [CF-BUN], which are not API values (lowercase).
const BUNDLE_LABELS: &[(&str, &str)] = &[
    ("compatible", "ubiquitous"),
    ("modern", "optimal"),
    ("user-defined", "force"),
    ("user_defined", "force"),
    ("userdefined", "force"),
];

const GEO_RESTRICTIONS: &[Param] =
    &[Param::string("label").one_of(&["us", "eu", "highest_security"])];

const PATH: &[Param] = &[Param::string("zone_id").required().at_most(MAX_ZONE_ID_CHARS)];

/// [CF-OAS] `zone_id` maxLength 32.
const MAX_ZONE_ID_CHARS: usize = 32;

const BODY: &[Param] = &[
    Param::string("certificate").required(),
    // [CF-SDK] `private_key` is not `Required`: "Not required if custom_csr_id is provided".
    Param::string("private_key").required_when(&[Condition::is_absent(
        "/custom_csr_id",
        "no `custom_csr_id` is given (with one, Cloudflare takes the key from the CSR record)",
    )]),
    Param::string("bundle_method")
        .one_of(BUNDLE_METHODS)
        .also_called(BUNDLE_LABELS),
    // [CF-SDK] `deploy: Literal["staging", "production"]`, production by default.
    Param::string("deploy").one_of(&["staging", "production"]),
    Param::string("type").one_of(&["legacy_custom", "sni_custom"]),
    Param::object("geo_restrictions", GEO_RESTRICTIONS),
    Param::string("policy"),
    Param::string("policy_restrictions"),
    Param::string("custom_csr_id"),
];

/// [CF-TS] error numbers.
const INVALID_CERTIFICATE: &str = "1002";
const ROOT_AND_LEAF: &str = "2100";
const NO_LEAF: &str = "2101";
const NO_ZONE_HOSTNAME: &str = "2103";
const INVALID_KEY: &str = "2106";

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "cloudflare.custom-certificate.create",
        provider: "Cloudflare",
        action: "cloudflare:custom_certificates.create",
        aliases: &["POST /zones/{zone_id}/custom_certificates"],
        seed: "TARGETS.md §5 ([CF-SDK] [CF-OAS] [CF-UP] [CF-TS] [CF-BUN])",
        summary: "Uploads a custom SSL certificate and its private key to a Cloudflare zone",
    },
    error_codes: ErrorCodes {
        parameter: None,
        rules: &[
            (catalog::PEM_MALFORMED, INVALID_CERTIFICATE),
            (catalog::CHAIN_ROOT_INCLUDED, ROOT_AND_LEAF),
            (catalog::CERT_LEAF_IS_CA, NO_LEAF),
            (catalog::CERT_NO_SAN, NO_ZONE_HOSTNAME),
            (catalog::DOMAIN_NOT_IN_ZONE, NO_ZONE_HOSTNAME),
            (catalog::KEY_UNSUPPORTED, INVALID_KEY),
            // The mapping of these two to 2106 is unverified [CF-TS].
            (catalog::KEY_ENCRYPTED, INVALID_KEY),
            (catalog::KEY_EC_PARAMETERS_BLOCK, INVALID_KEY),
        ],
        catalogue_codes: false,
    },
    policies: POLICIES,
    path: PATH,
    body: BODY,
    checks: &[certificate_material, legacy_with_byoip, geo_key_manager],
    form: FormDecl {
        material: &[
            MaterialField::required(CERTIFICATE, FieldRole::Certificate),
            MaterialField::required(KEY, FieldRole::PrivateKey),
        ],
        fields: &[("/path/zone_id", "023e105f4ecef8ad9ca31a8372d0c353")],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};

/// No size is documented for the fields, nor a depth: the request's own bound stands in.
const LIMITS: FieldLimits = undocumented_field_limits(usize::MAX);

/// How Cloudflare reports the core's rules (TARGETS §5 **override**), by bundle method.
const POLICIES: Policies = &[
    (When::Always, STRICTER),
    (When::Is(BUNDLE_METHOD, "force"), FORCE),
    (When::IsNot(BUNDLE_METHOD, "force"), BUNDLED),
];

/// Rules Cloudflare holds more strictly than the catalogue.
const STRICTER: Policy = Policy {
    overrides: &[
        // [CF-TS] 2103: "a CN alone is not enough".
        Override::new(catalog::CERT_NO_SAN, Severity::Error),
        // [CF-TS] 2101: the bundle has no leaf.
        Override::new(catalog::CERT_LEAF_IS_CA, Severity::Error),
        // [CF-UP] "you will need to first remove" the EC PARAMETERS block.
        Override::new(catalog::KEY_EC_PARAMETERS_BLOCK, Severity::Error),
        // [CF-UP] "RSA ≥ 2048 bits, ECDSA ≥ 225 bits": the core's `cert.weak_key` (RSA under
        // 2048 bits, a curve other than P-256/P-384/P-521, explicit curve parameters, DSA) is
        // a key Cloudflare refuses for the leaf.
        Override::new(catalog::CERT_WEAK_KEY, Severity::Error).for_leaf(),
    ],
    replacements: &[],
};

/// With `force`, the bundle is served as uploaded: a root in it is only unverified trouble.
const FORCE: Policy = Policy {
    overrides: &[Override::new(catalog::CHAIN_ROOT_INCLUDED, Severity::Warning)],
    replacements: &[],
};

/// With Cloudflare's own bundling: a root in the bundle is 2100; a path that stops short of a
/// root is completed by Cloudflare, so `chain.incomplete` is only `info` and says so; a path
/// ending at an untrusted root is `bundle.force_required` (see `force_required`).
const BUNDLED: Policy = Policy {
    overrides: &[Override::new(catalog::CHAIN_ROOT_INCLUDED, Severity::Error)],
    replacements: &[
        Replacement::new(catalog::CHAIN_INCOMPLETE, catalog::CHAIN_INCOMPLETE)
            .severity(Severity::Info)
            .says(INCOMPLETE_IS_BUNDLED),
        Replacement::withhold(catalog::CHAIN_UNTRUSTED_ROOT),
    ],
};

/// [CF-UP]: the certificate must not expire within 14 days.
const VALIDITY_FLOOR: ValidityFloor = ValidityFloor {
    days: 14,
    rule: catalog::CERT_EXPIRES_WITHIN_WINDOW,
    provider: "Cloudflare",
};

const CERTIFICATE: &str = "/certificate";
const KEY: &str = "/private_key";
const BUNDLE_METHOD: &str = "/bundle_method";

/// The bundle method as sent, `ubiquitous` when absent [CF-SDK].
fn bundle_method_of(root: &Value) -> &str {
    match root.get("bundle_method") {
        Some(Value::String(method)) => method,
        _ => "ubiquitous",
    }
}

fn non_empty<'v>(root: &'v Value, name: &str) -> Option<&'v str> {
    root.get(name)
        .and_then(Value::as_str)
        .filter(|text| !text.trim().is_empty())
}

/// The certificate and key through the core, then Cloudflare's own rules on what it read.
fn certificate_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    // An absent or empty field is the engine's `request.missing_field`.
    let Some(certificate) = non_empty(root, "certificate") else {
        return;
    };
    let upload = Upload {
        certificate: Field {
            text: certificate,
            path: CERTIFICATE,
        },
        chain: None,
        key: non_empty(root, "private_key").map(|text| Field { text, path: KEY }),
        key_required: false,
        combined: false,
        limits: LIMITS,
        validity_floor: Some(VALIDITY_FLOOR),
    };
    let material = check_upload(walk, &upload);
    let method = bundle_method_of(root);
    let force = method == "force";
    let Some(leaf) = material.leaf() else { return };
    let leaf_path = format!("{CERTIFICATE}/chain/{}", leaf.index);
    if leaf.dns_names.is_empty() && !leaf.alt_names.is_empty() {
        walk.emit(
            catalog::CERT_NO_SAN,
            &leaf_path,
            format!(
                "The leaf's subjectAltName holds no DNS name (only {}); Cloudflare needs a DNS name of the zone in a SAN",
                leaf.alt_names.join(", ")
            ),
        );
    }
    if let Some(zone) = walk.ctx.zone_name.clone() {
        not_in_zone(walk, leaf, &zone);
    }
    if !force {
        leaf_only_expected(walk, &material, leaf, method);
    }
    force_required(walk, &material, leaf, force);
}

/// `chain.incomplete` in words that fit Cloudflare's bundling (the missing issuer stays named in
/// the report's `certificate.missing_issuer`).
const INCOMPLETE_IS_BUNDLED: &str = "The chain stops at a certificate whose issuer is not in the field (see certificate.missing_issuer); with this bundle method Cloudflare completes the chain with its own intermediates, so only the leaf needs uploading (with bundle_method force, the intermediates would go after the leaf)";

/// Whether `name` is `zone` or under it (`*.zone` is under it).
fn in_zone(name: &str, zone: &str) -> bool {
    let name = name.trim_end_matches('.').to_ascii_lowercase();
    let zone = zone.trim_end_matches('.').to_ascii_lowercase();
    !zone.is_empty()
        && (name == zone
            || name
                .strip_suffix(zone.as_str())
                .is_some_and(|head| head.ends_with('.') && head.len() > 1))
}

/// `domain.not_in_zone` [CF-UP][CF-TS] 2103: no DNS SAN is the zone or a name under it.
fn not_in_zone(walk: &mut Walk<'_>, leaf: &ParsedCertificate, zone: &str) {
    if leaf.dns_names.iter().any(|name| in_zone(name, zone)) {
        return;
    }
    let names = if leaf.dns_names.is_empty() {
        "no DNS name".to_string()
    } else {
        leaf.dns_names
            .iter()
            .map(|n| quote(n, QUOTE_CHARS))
            .collect::<Vec<_>>()
            .join(", ")
    };
    walk.emit(
        catalog::DOMAIN_NOT_IN_ZONE,
        CERTIFICATE,
        format!(
            "The leaf's subjectAltName has {names}; Cloudflare needs one that is the zone {} or a name under it",
            quote(zone, QUOTE_CHARS)
        ),
    );
}

/// `chain.leaf_only_expected` [CF-UP][CF-BUN]: with `ubiquitous`/`optimal` Cloudflare builds
/// the chain itself and may drop the intermediates given.
fn leaf_only_expected(
    walk: &mut Walk<'_>,
    material: &Material,
    leaf: &ParsedCertificate,
    method: &str,
) {
    let intermediates = material
        .certificates
        .iter()
        .filter(|c| {
            c.der != leaf.der && c.basic_constraints_ca == Some(true) && c.subject_raw != c.issuer_raw
        })
        .count();
    if intermediates == 0 {
        return;
    }
    let method = if BUNDLE_METHODS.contains(&method) {
        format!("bundle_method {method}")
    } else {
        "a bundle method other than force".to_string()
    };
    walk.emit(
        catalog::CHAIN_LEAF_ONLY_EXPECTED,
        CERTIFICATE,
        format!(
            "The field has {intermediates} intermediate certificate{} after the leaf; with {method} Cloudflare builds the chain itself and may drop them: upload only the leaf, or use bundle_method force to serve your own chain",
            plural(intermediates)
        ),
    );
}

/// `bundle.force_required` [CF-BUN][CF-UP]: only `force` uploads a certificate that is not
/// publicly trusted. A path ending at an untrusted root is this rule (the `BUNDLED` policy
/// withholds the core's `chain.untrusted_root`).
fn force_required(walk: &mut Walk<'_>, material: &Material, leaf: &ParsedCertificate, force: bool) {
    if force {
        return;
    }
    let self_signed = leaf.subject_raw == leaf.issuer_raw;
    let message = if self_signed {
        "The leaf is self-signed; Cloudflare accepts a certificate that is not publicly trusted only with bundle_method force"
    } else {
        "The chain ends at a root that is neither in Mozilla's root store nor among the given roots; Cloudflare accepts a certificate that is not publicly trusted only with bundle_method force"
    };
    if material.untrusted_root || self_signed {
        walk.emit(catalog::BUNDLE_FORCE_REQUIRED, BUNDLE_METHOD, message);
    }
}

/// `request.not_applicable` [CF-UP]: `legacy_custom` (the default type) does not work on a zone
/// with Bring Your Own IP.
fn legacy_with_byoip(walk: &mut Walk<'_>) {
    if walk.ctx.byoip != Some(true) {
        return;
    }
    let given = match walk.root.get("type") {
        None | Some(Value::Null) => None,
        Some(Value::String(kind)) => Some(kind.as_str()),
        Some(_) => return,
    };
    let message = match given {
        Some("legacy_custom") => {
            "`type` legacy_custom is not compatible with BYOIP (context byoip); use sni_custom"
        }
        None => {
            "`type` defaults to legacy_custom, which is not compatible with BYOIP (context byoip); set it to sni_custom"
        }
        Some(_) => return,
    };
    walk.emit(catalog::REQUEST_NOT_APPLICABLE, "/type", message);
}

/// `request.conflicting_fields` [CF-SDK]: geo_restrictions and a Geo Key Manager policy say the
/// same thing two ways (which wins is unverified).
fn geo_key_manager(walk: &mut Walk<'_>) {
    let given = |name: &str| !matches!(walk.root.get(name), None | Some(Value::Null));
    let geo = given("geo_restrictions");
    let policy = given("policy");
    let restrictions = given("policy_restrictions");
    let pair = match (geo, policy, restrictions) {
        (true, true, _) => Some(("geo_restrictions", "policy")),
        (true, false, true) => Some(("geo_restrictions", "policy_restrictions")),
        (false, true, true) => Some(("policy", "policy_restrictions")),
        _ => None,
    };
    let Some((first, second)) = pair else { return };
    walk.emit(
        catalog::REQUEST_CONFLICTING_FIELDS,
        &format!("/{second}"),
        format!(
            "Both `{first}` and `{second}` restrict where the key is kept; which one Cloudflare applies is unverified: send only one"
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::in_zone;

    #[test]
    fn zone_membership() {
        let cases = [
            ("example.com", "example.com", true),
            ("www.example.com", "example.com", true),
            ("*.example.com", "example.com", true),
            ("WWW.Example.COM.", "example.com", true),
            ("a.b.example.com", "example.com.", true),
            ("badexample.com", "example.com", false),
            ("example.com.evil", "example.com", false),
            ("shop.example.org", "example.com", false),
            (".example.com", "example.com", false),
            ("example.com", "", false),
        ];
        for (name, zone, expected) in cases {
            assert_eq!(in_zone(name, zone), expected, "{name} in {zone}");
        }
    }
}
