//! Seed 002: Huawei APIG "Binding an SSL Certificate to a Domain Name",
//! `POST /v2/{project_id}/apigw/certificates/{certificate_id}/domains/attach`.
//!
//! | Parameter | Mandatory | Type | Rule |
//! | --- | --- | --- | --- |
//! | path project_id | Yes | String | 32 hex digits (example) |
//! | path certificate_id | Yes | String | 32 hex digits |
//! | domains | Yes | Array of AttachOrDetachDomainInfo | at least one |
//! | domains[].domain | Yes | String | one name, with the domain rules |
//! | domains[].instance_ids | No | Array of strings | |
//! | domains[].verified_client_certificate_enabled | No | Boolean | |
//!
//! The seed names no action; the Huawei Cloud SDKs call it `BatchAssociateDomainsV2`
//! ("SSL证书绑定域名"), which is the alias, as is the method and URI. Bad values are answered with
//! `APIG.2012` ("Invalid parameter value"), which every parameter and domain-syntax error
//! carries. The caller may pass the certificate's PEM as context to check that it covers
//! every domain; its facts are then reported and its own problems are reported at
//! `/context/certificate`.

use crate::request::decl::FormDecl;
use serde_json::Value;

use crate::request::checks::{certificate_input, check_pem, huawei_id};
use crate::request::decl::{DEFAULT_BODY_CAP, Kind, OperationDecl, Param};
use crate::request::walk::{child, Walk};
use crate::findings::ErrorCodes;
use crate::request::decl::OperationInfo;
use crate::catalog;
use crate::rules::domain::{check_coverage, check_domain_list, CheckedName};

/// The code APIG answers a bad parameter value with.
const APIG_INVALID_PARAMETER: &str = "APIG.2012";

const PATH: &[Param] = &[
    Param::string("project_id").required().check(huawei_id),
    Param::string("certificate_id").required().check(huawei_id),
];

const INSTANCE_ID: Param = Param::item(Kind::String);
const DOMAIN_INFO_MEMBERS: &[Param] = &[
    Param::string("domain").required(),
    Param::array("instance_ids", &INSTANCE_ID),
    Param::boolean("verified_client_certificate_enabled"),
];
const DOMAIN_INFO: Param = Param::item(Kind::Object(DOMAIN_INFO_MEMBERS));

const BODY: &[Param] = &[Param::array("domains", &DOMAIN_INFO).required()];

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "huawei.apig.attach-certificate-domains",
        provider: "Huawei Cloud",
        action: "BatchAssociateDomainsV2",
        aliases: &["POST /v2/{project_id}/apigw/certificates/{certificate_id}/domains/attach"],
        seed: "002_9f770aef2ab7e79f.txt",
        summary: "Binds an SSL certificate to API Gateway domain names",
    },
    error_codes: ErrorCodes {
        parameter: Some(APIG_INVALID_PARAMETER),
        // Every domain-syntax rule is a bad parameter value to APIG; coverage by the context
        // certificate (`domain.not_covered`) is our check, not an API answer, so it has none.
        rules: &[
            // domain.too_many is a warning here (seed 002 states no cap), with no API code.
            (catalog::DOMAIN_EMPTY_ENTRY, APIG_INVALID_PARAMETER),
            (catalog::DOMAIN_LABEL_TOO_LONG, APIG_INVALID_PARAMETER),
            (catalog::DOMAIN_LABEL_INVALID, APIG_INVALID_PARAMETER),
            (catalog::DOMAIN_WILDCARD_INVALID, APIG_INVALID_PARAMETER),
            (catalog::DOMAIN_NON_ASCII, APIG_INVALID_PARAMETER),
            (catalog::DOMAIN_TOO_LONG, APIG_INVALID_PARAMETER),
            (catalog::DOMAIN_DUPLICATE, APIG_INVALID_PARAMETER),
        ],
        catalogue_codes: true,
    },
    policies: &[],
    path: PATH,
    body: BODY,
    checks: &[domains],
    form: FormDecl {
        material: &[],
        fields: &[
            ("/path/project_id", "99a3fff0d03c428eac3678da6a7d0f24"),
            ("/path/certificate_id", "233a325e5e3e4ce8beeb320aa714cc12"),
            ("/domains/0/domain", "www.example.com"),
        ],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};

/// Each `domains/i/domain` with the domain rules, then coverage by the context certificate.
fn domains(walk: &mut Walk<'_>) {
    let root = walk.root;
    let names: Vec<CheckedName<'_>> = root
        .get("domains")
        .and_then(Value::as_array)
        .map(|entries| {
            entries
                .iter()
                .enumerate()
                .filter_map(|(index, entry)| {
                    let name = entry.get("domain").and_then(Value::as_str)?;
                    // Checked as sent: the API receives the untrimmed name, so a trailing
                    // space is `domain.label_invalid`, as in the ELB domain field.
                    (!name.is_empty()).then(|| CheckedName {
                        name,
                        path: child(&child("/domains", &index.to_string()), "domain").into(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let valid_names = check_domain_list(&names, &mut walk.findings);
    let Some(pem) = walk.ctx.certificate.clone() else {
        return;
    };
    let mut input = certificate_input(walk, &pem);
    input.paths.certificate = "/context/certificate".into();
    input.paths.private_key = "/context/private_key".into();
    input.paths.domains = "/domains".into();
    if let Some(leaf_names) = check_pem(walk, &input) {
        check_coverage(&valid_names, &leaf_names, &mut walk.findings);
    }
}
