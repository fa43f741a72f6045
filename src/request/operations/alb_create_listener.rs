//! Seed 001: ALB CreateListener.
//!
//! The seed's table is flattened: the members of `XForwardedForConfig` and `QuicConfig` are
//! listed right after the object row, as are list items after their list. They are declared
//! nested here, as the ALB API takes them (`QuicConfig.QuicUpgradeEnabled`,
//! `DefaultActions[].ForwardGroupConfig.ServerGroupTuples[].ServerGroupId`); a nested name sent
//! at the top level gets "belongs inside the `XForwardedForConfig` object".
//!
//! Resolutions of what the seed leaves open (SPEC "alibaba.alb.create-listener"):
//! - "available only for HTTPS listeners" / "available for HTTP and HTTPS listeners" settings
//!   on another protocol are `request.not_applicable` warnings, not errors.
//! - "You can specify up to 20 forward actions" (on ForwardGroupConfig) limits the
//!   `DefaultActions` list to 20 items.
//! - `Certificates[].CertificateId` and `CaCertificates[].CertificateId` are "No" in the seed;
//!   an entry without its id names no certificate, so the id is required inside an entry.
//! - `Certificates` on an HTTP listener is a `request.not_applicable` warning (seed 000: server
//!   certificates apply only to HTTPS and QUIC listeners).
//! - `XForwardedForProcessingMode`: the seed's list of values is cut off (example `append`), so
//!   any string is accepted.

use crate::request::decl::FormDecl;
use super::common;
use crate::request::checks;
use crate::request::decl::{DEFAULT_BODY_CAP, Condition, Kind, OperationDecl, Param, HEADER_NAME, LETTERS_DIGITS_CHINESE};
use crate::findings::ErrorCodes;
use crate::request::decl::OperationInfo;

/// Every valid `ListenerProtocol`.
const PROTOCOLS: &[&str] = &["HTTP", "HTTPS", "QUIC"];

const HTTPS_ONLY: &[Condition] = &[IS_HTTPS];
const HTTP_OR_HTTPS: &[Condition] = &[Condition::one_of(
    "/ListenerProtocol",
    &["HTTP", "HTTPS"],
    PROTOCOLS,
    "the listener protocol is HTTP or HTTPS",
)];
const HTTPS_OR_QUIC: &[Condition] = &[Condition::one_of(
    "/ListenerProtocol",
    &["HTTPS", "QUIC"],
    PROTOCOLS,
    "the listener protocol is HTTPS or QUIC",
)];
const CA_ENABLED: &[Condition] = &[Condition::is_true("/CaEnabled", "CaEnabled is true")];
const HTTPS_QUIC_UPGRADE: &[Condition] = &[
    Condition::one_of(
        "/ListenerProtocol",
        &["HTTPS"],
        PROTOCOLS,
        "the listener protocol is HTTPS",
    ),
    Condition::is_true(
        "/QuicConfig/QuicUpgradeEnabled",
        "QuicUpgradeEnabled is true",
    ),
];

/// The condition behind "This parameter is available only for HTTPS listeners".
const IS_HTTPS: Condition = Condition::one_of(
    "/ListenerProtocol",
    &["HTTPS"],
    PROTOCOLS,
    "the listener protocol is HTTPS (this parameter is available only for HTTPS listeners)",
);

/// A client-certificate header name (`…Alias`): 1 to 40 characters of `[a-z0-9_-]`, HTTPS
/// only, and it "takes effect only when" its `…Enabled` flag is true.
macro_rules! client_cert_alias {
    ($alias:literal, $enabled:literal) => {
        Param::string($alias)
            .length(1, 40)
            .chars(HEADER_NAME)
            .only_when({
                const WHEN: &[Condition] = &[
                    IS_HTTPS,
                    Condition::is_true(
                        concat!("/XForwardedForConfig/", $enabled),
                        concat!($enabled, " is true"),
                    ),
                ];
                WHEN
            })
    };
}

const X_FORWARDED_FOR: &[Param] = &[
    client_cert_alias!(
        "XForwardedForClientCertClientVerifyAlias",
        "XForwardedForClientCertClientVerifyEnabled"
    ),
    Param::boolean("XForwardedForClientCertClientVerifyEnabled").only_when(HTTPS_ONLY),
    client_cert_alias!(
        "XForwardedForClientCertFingerprintAlias",
        "XForwardedForClientCertFingerprintEnabled"
    ),
    Param::boolean("XForwardedForClientCertFingerprintEnabled").only_when(HTTPS_ONLY),
    client_cert_alias!(
        "XForwardedForClientCertIssuerDNAlias",
        "XForwardedForClientCertIssuerDNEnabled"
    ),
    Param::boolean("XForwardedForClientCertIssuerDNEnabled").only_when(HTTPS_ONLY),
    client_cert_alias!(
        "XForwardedForClientCertSubjectDNAlias",
        "XForwardedForClientCertSubjectDNEnabled"
    ),
    Param::boolean("XForwardedForClientCertSubjectDNEnabled").only_when(HTTPS_ONLY),
    Param::boolean("XForwardedForClientSrcPortEnabled").only_when(HTTP_OR_HTTPS),
    Param::boolean("XForwardedForEnabled"),
    Param::string("XForwardedForProcessingMode"),
    Param::boolean("XForwardedForProtoEnabled"),
    Param::boolean("XForwardedForSLBIdEnabled"),
    Param::boolean("XForwardedForSLBPortEnabled"),
    Param::boolean("XForwardedForClientSourceIpsEnabled").only_when(HTTP_OR_HTTPS),
    Param::string("XForwardedForClientSourceIpsTrusted")
        .only_when(HTTP_OR_HTTPS)
        .check(checks::ip_or_cidr_list),
    Param::boolean("XForwardedForHostEnabled"),
];

const QUIC_CONFIG: &[Param] = &[
    Param::string("QuicListenerId")
        .id_prefix("lsn-")
        .required_when(HTTPS_QUIC_UPGRADE),
    Param::boolean("QuicUpgradeEnabled").only_when(HTTPS_ONLY),
];

const CERTIFICATE_MEMBERS: &[Param] = &[Param::string("CertificateId").required()];
const CERTIFICATE_ITEM: Param = Param::item(Kind::Object(CERTIFICATE_MEMBERS));

const SERVER_GROUP_TUPLE_MEMBERS: &[Param] =
    &[Param::string("ServerGroupId").required().id_prefix("sgp-")];
const SERVER_GROUP_TUPLE: Param = Param::item(Kind::Object(SERVER_GROUP_TUPLE_MEMBERS));
const FORWARD_GROUP_CONFIG: &[Param] =
    &[Param::array("ServerGroupTuples", &SERVER_GROUP_TUPLE).required()];
const DEFAULT_ACTION_MEMBERS: &[Param] = &[
    Param::object("ForwardGroupConfig", FORWARD_GROUP_CONFIG).required(),
    Param::string("Type").required().one_of(&["ForwardGroup"]),
];
const DEFAULT_ACTION: Param = Param::item(Kind::Object(DEFAULT_ACTION_MEMBERS));

const BODY: &[Param] = &[
    Param::string("LoadBalancerId").required().id_prefix("alb-"),
    common::CLIENT_TOKEN,
    common::DRY_RUN,
    Param::string("ListenerProtocol").required().one_of(PROTOCOLS),
    Param::integer("ListenerPort").required().range(1, 65535),
    Param::string("ListenerDescription")
        .length(2, 256)
        .chars(LETTERS_DIGITS_CHINESE),
    Param::integer("RequestTimeout").range(1, 600).quota_up_to(3600),
    Param::integer("IdleTimeout").range(1, 600).quota_up_to(3600),
    Param::boolean("GzipEnabled"),
    Param::boolean("Http2Enabled").only_when(HTTPS_ONLY),
    Param::string("SecurityPolicyId").only_when(HTTPS_ONLY),
    Param::boolean("CaEnabled"),
    Param::object("XForwardedForConfig", X_FORWARDED_FOR),
    Param::object("QuicConfig", QUIC_CONFIG),
    Param::array("Certificates", &CERTIFICATE_ITEM)
        .at_most(1)
        .required_when(HTTPS_OR_QUIC)
        .only_when(HTTPS_OR_QUIC),
    Param::array("CaCertificates", &CERTIFICATE_ITEM)
        .at_most(1)
        .required_when(CA_ENABLED),
    Param::array("DefaultActions", &DEFAULT_ACTION)
        .required()
        .at_most(20),
    common::TAG,
];

/// The declaration.
pub(crate) const OPERATION: OperationDecl = OperationDecl {
    info: OperationInfo {
        id: "alibaba.alb.create-listener",
        provider: "Alibaba Cloud",
        action: "CreateListener",
        aliases: &[],
        seed: "001_5be9d08da4395bd6.txt",
        summary: "Creates an HTTP, HTTPS or QUIC listener on an ALB instance",
    },
    error_codes: ErrorCodes::CATALOGUE,
    policies: &[],
    path: &[],
    body: BODY,
    checks: &[],
    form: FormDecl {
        material: &[],
        fields: &[
            ("/LoadBalancerId", "alb-n5qw04uq8vavfe0v4l"),
            ("/ListenerProtocol", "HTTPS"),
            ("/ListenerPort", "443"),
            ("/Certificates/0/CertificateId", "103705-cn-hangzhou"),
            ("/DefaultActions/0/Type", "ForwardGroup"),
            ("/DefaultActions/0/ForwardGroupConfig/ServerGroupTuples/0/ServerGroupId", "sgp-8ilqs4axp6xf3e"),
            ("/ListenerDescription", ""),
            ("/Tag", ""),
        ],
    },
    max_body_bytes: DEFAULT_BODY_CAP,
};
