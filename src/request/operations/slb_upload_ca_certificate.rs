//! Seed 004: Alibaba SLB (CLB) UploadCACertificate.
//!
//! | Parameter | Type | Required | Rule |
//! | --- | --- | --- | --- |
//! | Tag | `array<object>` | No | the tag rules (20 tags, 128 characters, prefixes, URLs) |
//! | RegionId | string | Yes | a known region (`id.unknown_region` is an error here) |
//! | CACertificate | string | Yes | exactly one certificate, a CA (the certificate core) |
//! | CACertificateName | string | No | |
//! | ResourceGroupId | string | No | `rg-…` |
//!
//! The seed's Tag.Value says both "can be an empty string" and "must be 1 to 128 characters";
//! SPEC resolves it: empty is allowed. The report's certificate facts preview the response
//! (Fingerprint as colon pairs, CommonName, ExpireTime, ExpireTimeStamp).

use crate::request::decl::{FieldRole, FormDecl, MaterialField};
use serde_json::Value;

use super::common;
use crate::context::{CertificatePurpose, ProviderProfile};
use crate::request::checks::{certificate_input, check_pem, region_id};
use crate::request::decl::{DEFAULT_BODY_CAP, OperationDecl, Param};
use crate::request::walk::Walk;
use crate::findings::ErrorCodes;
use crate::request::decl::OperationInfo;

const BODY: &[Param] = &[
    common::TAG,
    Param::string("RegionId").required().check(region_id),
    Param::string("CACertificate").required(),
    Param::string("CACertificateName"),
    Param::string("ResourceGroupId").id_prefix("rg-"),
    common::OWNER_ID,
    common::OWNER_ACCOUNT,
    common::RESOURCE_OWNER_ID,
    common::RESOURCE_OWNER_ACCOUNT,
];

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "alibaba.slb.upload-ca-certificate",
        provider: "Alibaba Cloud",
        action: "UploadCACertificate",
        aliases: &[],
        seed: "004_a17e1750540e20b9.txt",
        summary: "Uploads one CA certificate to Classic Load Balancer (SLB)",
    },
    error_codes: ErrorCodes::CATALOGUE,
    policies: &[],
    path: &[],
    body: BODY,
    checks: &[ca_certificate],
    form: FormDecl {
        material: &[MaterialField::required("/CACertificate", FieldRole::CaCertificate)],
        fields: &[
            ("/RegionId", "cn-hangzhou"),
            ("/CACertificateName", "mycacert01"),
            ("/ResourceGroupId", ""),
            ("/Tag", ""),
        ],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};

/// `CACertificate` through the core: exactly one certificate, and a CA.
fn ca_certificate(walk: &mut Walk<'_>) {
    let Some(pem) = walk.root.get("CACertificate").and_then(Value::as_str) else {
        return;
    };
    if pem.is_empty() {
        return;
    }
    let mut input = certificate_input(walk, pem);
    input.purpose = CertificatePurpose::CaUpload;
    input.profile = ProviderProfile::AlibabaSlb;
    input.paths.certificate = "/CACertificate".into();
    check_pem(walk, &input);
}
