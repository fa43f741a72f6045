//! The certificate-material entry points, [`check_certificate`] and [`fingerprint`], and the
//! driver behind them (`material`).
//!
//! Both read the certificate field once (`material::read_certificate_field`: size, PEM scan,
//! each certificate parsed once into the model) and run the rules over the model. Request
//! validation reuses [`check_material`] for its certificate-bearing fields.

use crate::findings::ErrorCodes;
use crate::report::Report;

mod anchors;
mod client_path;
mod fingerprint;
mod input;
mod material;
mod pkcs12;
#[cfg(feature = "intermediates")]
mod pool;

pub use fingerprint::{DigestAlgorithm, FingerprintReport, FingerprintStyle};
pub use input::{CertificateInput, FieldPaths};
pub(crate) use input::{FieldLimits, Pkcs12Source};
pub(crate) use material::MaterialOutcome;

/// Runs every certificate-material rule over one input.
pub(crate) fn check_material(input: &CertificateInput<'_>) -> MaterialOutcome {
    if let Some(source) = input.pkcs12 {
        return pkcs12::run(input, source);
    }
    material::run(input)
}

/// Checks a certificate bundle, its private key and its domain names; the report's operation
/// is `certificate`.
///
/// ```
/// use cert_preflight::{check_certificate, CertificateInput, Timestamp};
/// let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
/// let mut input = CertificateInput::new("-----BEGIN CERTIFICATE-----\nMIIB\n", now);
/// input.domains = Some("www.example.com,,example.com");
/// let report = check_certificate(&input);
/// assert!(!report.valid);
/// let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
/// assert!(rules.contains(&"pem.malformed"));
/// assert!(rules.contains(&"domain.empty_entry"));
/// ```
pub fn check_certificate(input: &CertificateInput<'_>) -> Report {
    let outcome = check_material(input);
    Report::new(
        "certificate",
        outcome.findings.into_diagnostics(&ErrorCodes::CATALOGUE),
        outcome.summary,
        outcome.normalized,
    )
}

/// Fingerprints of every certificate in `pem`, computed over each certificate's DER.
///
/// ```
/// use cert_preflight::{fingerprint, DigestAlgorithm, FingerprintStyle};
/// let result = fingerprint("no certificate here", DigestAlgorithm::Sha256, FingerprintStyle::Colon);
/// assert!(!result.report.valid);
/// assert!(result.fingerprints.is_empty());
/// ```
pub fn fingerprint(
    pem: &str,
    algorithm: DigestAlgorithm,
    style: FingerprintStyle,
) -> FingerprintReport {
    fingerprint::fingerprint_field(pem, algorithm, style)
}
