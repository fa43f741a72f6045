//! Seed 003: Huawei ELB "Updating a Certificate", `PUT /v3/{project_id}/elb/certificates/{certificate_id}`.
//!
//! | Parameter | Mandatory | Type | Rule |
//! | --- | --- | --- | --- |
//! | path project_id, certificate_id | Yes | String | 32 hex digits (example) |
//! | certificate | Yes | UpdateCertificateOption | |
//! | certificate.name | No | String | 0 to 255 characters |
//! | certificate.description | No | String | 0 to 255 characters |
//! | certificate.type | No | String | `server` or `client`, default `server` (SPEC) |
//! | certificate.certificate | No | String | PEM: the certificate material rules |
//! | certificate.private_key | No | String | PEM; mandatory for server, not allowed for client |
//! | certificate.domain | No | String | the domain rules; only for type server |
//!
//! Where SPEC and the seed differ (SPEC wins):
//! - The seed's request table (Table 4) has no `type`; only the response has it. SPEC says to
//!   check `type` (server or client, default server), so it is accepted here.
//! - The seed describes the `certificate` field as "the private key of the certificate"; it is
//!   the certificate (and chain), as the response table and the example show.
//! - The response table gives name/description/domain a minimum of 1; the request table says
//!   0, which is what a request is checked against.
//! - `domain: ""` with a certificate in use fails with 409: `domain.empty_in_use` is an error
//!   when the context says `in_use: true`, a warning when the context does not say, and
//!   nothing when it says `in_use: false` (the 409 cannot happen then).
//!
//! The seed names no error code for a bad parameter, so the generic rules carry none.
//! Material diagnostics point into the request (`/certificate/certificate`,
//! `/certificate/private_key`, `/certificate/domain`). Without a `certificate` in the body, a
//! context certificate is used to check that the domains are covered.

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::{Map, Value};

use crate::context::CertificatePurpose;
use crate::report::Severity;
use crate::request::checks::{certificate_input, check_pem, huawei_id};
use crate::request::decl::{DEFAULT_BODY_CAP, Condition, OperationDecl, Param};
use crate::request::walk::Walk;
use crate::findings::ErrorCodes;
use crate::request::decl::OperationInfo;
use crate::catalog;
use crate::rules::domain::{check_coverage, check_domain_field};

const TYPE_SERVER: &[Condition] = &[Condition::one_of(
    "/certificate/type",
    &["server"],
    &["server", "client"],
    "type is server",
)
.absent_means("server")];

const OPTION: &[Param] = &[
    Param::string("certificate"),
    Param::string("description").length(0, 255),
    Param::string("name").length(0, 255),
    Param::string("private_key"),
    Param::string("domain").only_when(TYPE_SERVER),
    Param::string("type").one_of(&["server", "client"]),
    // Members of huaweicloudsdkelb v3 `UpdateCertificateOption` that seed 003 does not list.
    // The SM (Chinese national algorithm) pair is for type server_sm, which seed 003's type
    // (server or client) does not have: the seed wins, so they never take effect here.
    Param::string("enc_certificate").only_when(TYPE_SERVER_SM),
    Param::string("enc_private_key").only_when(TYPE_SERVER_SM),
    Param::string("scm_certificate_id"),
    Param::string("source"),
    Param::string("protection_status").one_of(&["nonProtection", "consoleProtection"]),
    Param::string("protection_reason"),
];

const TYPE_SERVER_SM: &[Condition] = &[Condition::one_of(
    "/certificate/type",
    &["server_sm"],
    &["server", "client"],
    "type is server_sm (SM dual certificates)",
)
.absent_means("server")];

const PATH: &[Param] = &[
    Param::string("project_id").required().check(huawei_id),
    Param::string("certificate_id").required().check(huawei_id),
];

const BODY: &[Param] = &[Param::object("certificate", OPTION).required()];

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "huawei.elb.update-certificate",
        provider: "Huawei Cloud",
        action: "UpdateCertificate",
        aliases: &["PUT /v3/{project_id}/elb/certificates/{certificate_id}"],
        seed: "003_358c4663e697f9ee.txt",
        summary: "Updates a Huawei Cloud ELB certificate: name, description, PEM, key and domains",
    },
    // Seed 003 names no error code for a bad parameter.
    error_codes: ErrorCodes {
        parameter: None,
        rules: &[],
        catalogue_codes: true,
    },
    policies: &[],
    path: PATH,
    body: BODY,
    checks: &[certificate_material],
    form: FormDecl {
        material: &[
            MaterialField::optional(CERTIFICATE_PATH, FieldRole::Certificate),
            MaterialField::optional(KEY_PATH, FieldRole::PrivateKey),
        ],
        fields: &[
            ("/path/project_id", "99a3fff0d03c428eac3678da6a7d0f24"),
            ("/path/certificate_id", "233a325e5e3e4ce8beeb320aa714cc12"),
            ("/certificate/name", "www-example-com"),
            ("/certificate/type", "server"),
            (DOMAIN_PATH, ""),
        ],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};

const CERTIFICATE_PATH: &str = "/certificate/certificate";
const KEY_PATH: &str = "/certificate/private_key";
const DOMAIN_PATH: &str = "/certificate/domain";

fn text<'v>(option: &'v Map<String, Value>, name: &str) -> Option<&'v str> {
    option.get(name).and_then(Value::as_str)
}

/// The PEM, key and domain fields together: the certificate core, key rules, coverage, and
/// clearing the domain of a certificate in use.
fn certificate_material(walk: &mut Walk<'_>) {
    let root = walk.root;
    let Some(option) = root.get("certificate").and_then(Value::as_object) else {
        return;
    };
    let is_client = text(option, "type") == Some("client");
    let pem = text(option, "certificate");
    let key = text(option, "private_key");
    let domain = text(option, "domain");

    if is_client && key.is_some() {
        walk.emit(
            catalog::KEY_NOT_ALLOWED,
            KEY_PATH,
            "a private key is not allowed when type is client (a CA certificate); the API returns an error",
        );
    }
    if domain == Some("") {
        empty_domain(walk);
    }
    let domain = domain.filter(|d| !d.is_empty() && !is_client);

    if let Some(pem) = pem {
        let mut input = certificate_input(walk, pem);
        input.paths.certificate = CERTIFICATE_PATH.into();
        input.paths.private_key = KEY_PATH.into();
        input.paths.domains = DOMAIN_PATH.into();
        if is_client {
            input.purpose = CertificatePurpose::ClientCa;
        } else {
            input.purpose = CertificatePurpose::Server;
            input.private_key = key;
            input.key_required = true;
            input.domains = domain;
        }
        check_pem(walk, &input);
        return;
    }
    let Some(domain) = domain else { return };
    let names = check_domain_field(domain, DOMAIN_PATH, &mut walk.findings);
    if let Some(context_pem) = walk.ctx.certificate.clone() {
        let mut input = certificate_input(walk, &context_pem);
        input.paths.certificate = "/context/certificate".into();
        input.paths.private_key = "/context/private_key".into();
        input.paths.domains = DOMAIN_PATH.into();
        if let Some(leaf_names) = check_pem(walk, &input) {
            check_coverage(&names, &leaf_names, &mut walk.findings);
        }
    }
}

/// Seed 003 "Constraints": clearing the domain of a certificate a listener uses fails (409).
fn empty_domain(walk: &mut Walk<'_>) {
    let severity = match walk.ctx.in_use {
        Some(false) => return,
        Some(true) => Severity::Error,
        None => Severity::Warning,
    };
    let message = if severity == Severity::Error {
        "the certificate is used by a listener, so its domain cannot be set to \"\"; the API answers 409 Conflict"
    } else {
        "setting domain to \"\" fails with 409 Conflict if a listener uses this certificate; check that none does"
    };
    walk.emit_as(catalog::DOMAIN_EMPTY_IN_USE, severity, DOMAIN_PATH, message);
}
