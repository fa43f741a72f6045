//! cert-preflight checks TLS certificate material and cloud load-balancer API requests before
//! they are sent, and reports every problem at once: the rule, the field (an RFC 6901 JSON
//! pointer), a plain message, the provider's error code where one is documented, and a
//! mechanical fix where there is one.
//!
//! The pipeline: `input` scans PEM text into blocks -> `model` parses each certificate and
//! key once -> `rules` run over the model -> [`Report`]. Request validation (`request`)
//! walks a JSON body against each operation's declared parameters and sends certificate
//! fields through the same core.
//!
//! The core is pure: no file system, network, clock or global state. Time is an argument
//! ([`Timestamp`]). No input makes it panic.
//!
//! ```
//! use cert_preflight::{check_certificate, CertificateInput, Timestamp};
//! let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
//! let report = check_certificate(&CertificateInput::new("not a certificate", now));
//! assert!(!report.valid);
//! assert_eq!(report.diagnostics[0].rule, "chain.empty");
//! ```
#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod catalog;
mod check;
mod context;
mod error;
mod findings;
mod input;
mod model;
mod report;
mod request;
mod rules;
mod text;
mod time;
mod trust;
mod verifier;

pub use catalog::{find_rule, rules, Rule, Severities, GENERIC_PARAMETER_ERROR};
pub use check::{
    check_certificate, check_certificate_with_key_fix, fingerprint, CertificateInput,
    DigestAlgorithm, FieldPaths, FingerprintReport, FingerprintStyle, KeyEncoding, NormalizedKey,
};
pub use context::{Audience, CertificatePurpose, ProviderProfile, DEFAULT_EXPIRY_WARNING_DAYS};
pub use error::InputError;
pub use input::file_bytes::{
    certificate_text, private_key_is_encrypted, private_key_text, BytesReadAs,
};
pub use input::pfx::looks_like_pkcs12;
pub use report::{
    Anchored, CertificateFacts, CertificateSummary, Diagnostic, Fingerprints, MissingIssuer,
    Report, Severity, TrustFacts,
};
pub use request::{
    explain, explain_request, find_operation, form_fields, operation_rules, operations,
    request_from_query, schema, validate_request, validate_request_bytes,
    validate_request_bytes_with_key_fix, validate_request_query, validate_request_value, Cause,
    Explanation, FieldKind, FieldRole, FormField, OperationInfo, RequestContext, CONTEXT_KEYS,
    MAX_REQUEST_BYTES,
};
pub use time::Timestamp;
pub use trust::IntermediatePool;
pub use verifier::{
    PublicKeyInfo, RingVerifier, SharedVerifier, SignatureAlgorithm, SignatureVerifier,
    VerifyOutcome,
};
