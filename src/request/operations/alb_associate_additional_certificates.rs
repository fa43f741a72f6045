//! Seed 000: ALB AssociateAdditionalCertificatesWithListener.
//!
//! | Parameter | Type | Required | Rule |
//! | --- | --- | --- | --- |
//! | ListenerId | string | Yes | `lsn-…` (applies only to HTTPS and QUIC listeners) |
//! | Certificates | `array<object>` | Yes | at least one |
//! | Certificates[].CertificateId | string | Yes | ends with `-<region id>`, each once |
//! | ClientToken | string | No | ASCII only |
//! | DryRun | boolean | No | |
//!
//! Caller context: the listener's protocol (`HTTP` is `OperationDenied.HttpListenerNotSupport`)
//! and its default certificate id (associating it again is
//! `OperationDenied.DefaultCertificateUsed`).

use crate::request::decl::FormDecl;
use serde_json::Value;

use super::common;
use crate::request::checks;
use crate::request::decl::{DEFAULT_BODY_CAP, Kind, OperationDecl, Param};
use crate::request::walk::{child, Walk};
use crate::findings::ErrorCodes;
use crate::request::decl::OperationInfo;
use crate::text::{quote, QUOTE_CHARS};
use crate::catalog;

const CERTIFICATE_MEMBERS: &[Param] = &[Param::string("CertificateId")
    .required()
    .check(checks::alb_certificate_id)];
const CERTIFICATE_ITEM: Param = Param::item(Kind::Object(CERTIFICATE_MEMBERS));

const BODY: &[Param] = &[
    Param::string("ListenerId").required().id_prefix("lsn-"),
    Param::array("Certificates", &CERTIFICATE_ITEM).required(),
    common::CLIENT_TOKEN,
    common::DRY_RUN,
];

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "alibaba.alb.associate-additional-certificates",
        provider: "Alibaba Cloud",
        action: "AssociateAdditionalCertificatesWithListener",
        aliases: &[],
        seed: "000_cb83c7711b45592b.txt",
        summary: "Associates additional certificates with an HTTPS or QUIC ALB listener",
    },
    error_codes: ErrorCodes::CATALOGUE,
    policies: &[],
    path: &[],
    body: BODY,
    checks: &[duplicate_and_default_certificates, listener_protocol],
    form: FormDecl {
        material: &[],
        fields: &[
            ("/ListenerId", "lsn-5qnirjhpt0aeq0aefp"),
            ("/Certificates/0/CertificateId", "1011987-cn-hangzhou"),
        ],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};

/// The same CertificateId twice, or the listener's default certificate again.
fn duplicate_and_default_certificates(walk: &mut Walk<'_>) {
    let Some(certificates) = walk.root.get("Certificates").and_then(Value::as_array) else {
        return;
    };
    let default_id = walk.ctx.default_certificate_id.clone();
    let mut seen: Vec<(&str, String)> = Vec::new();
    for (index, certificate) in certificates.iter().enumerate() {
        let Some(id) = certificate.get("CertificateId").and_then(Value::as_str) else {
            continue;
        };
        if id.is_empty() {
            continue;
        }
        let path = child(&child("/Certificates", &index.to_string()), "CertificateId");
        match seen.iter().find(|(earlier, _)| *earlier == id) {
            Some((_, first)) => {
walk.emit(
                catalog::CERT_ID_DUPLICATE,
                &path,
                format!(
                    "the certificate {} is already listed at {first}; each certificate can be associated once",
                    quote(id, QUOTE_CHARS)
                ),
            );
},
            None => seen.push((id, path.clone())),
        }
        if default_id.as_deref() == Some(id) {
            walk.emit(
                catalog::CERT_ID_DEFAULT_CERTIFICATE_USED,
                &path,
                format!(
                    "the certificate {} is the listener's default certificate; it cannot also be an additional certificate",
                    quote(id, QUOTE_CHARS)
                ),
            );
        }
    }
}

/// Additional certificates apply only to HTTPS and QUIC listeners.
fn listener_protocol(walk: &mut Walk<'_>) {
    let Some(protocol) = walk.ctx.listener_protocol.as_deref() else {
        return;
    };
    if protocol.eq_ignore_ascii_case("HTTP") {
        walk.emit(
            catalog::LISTENER_HTTP_NOT_SUPPORTED,
            "/ListenerId",
            "the listener is an HTTP listener; additional certificates can be associated only with HTTPS and QUIC listeners",
        );
    }
}
