//! The certificate-material entry points, [`check_certificate`] and [`fingerprint`], and the
//! driver behind them (`material`).
//!
//! Both read the certificate field once (`material::read_certificate_field`: size, PEM scan,
//! each certificate parsed once into the model) and run the rules over the model. Request
//! validation reuses [`check_material`] for its certificate-bearing fields.

use crate::findings::ErrorCodes;
use crate::model::key_encoding::ConvertedKey;
use crate::report::Report;
use crate::rules::key::KeyFixer;

mod anchors;
mod client_path;
mod fingerprint;
mod input;
mod material;
mod normalized_key;
mod pkcs12;
#[cfg(feature = "intermediates")]
mod pool;

pub use fingerprint::{DigestAlgorithm, FingerprintReport, FingerprintStyle};
pub use input::{CertificateInput, FieldPaths};
pub(crate) use input::{FieldLimits, Pkcs12Source};
pub(crate) use material::MaterialOutcome;
pub use normalized_key::{KeyEncoding, NormalizedKey};

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
    certificate_report(outcome).0
}

/// [`check_certificate`], and the private key in the encoding the target takes, when that
/// differs from what was given and the change is mechanical: PKCS#1 for an RSA key under
/// [`ProviderProfile::AlibabaSlb`](crate::ProviderProfile::AlibabaSlb), PKCS#8 without the
/// `EC PARAMETERS` block that `openssl ecparam -genkey` writes beside a key (ACM removes the
/// block, Cloudflare refuses it). The diagnostics the key resolves (`key.format_pkcs8`,
/// `key.ec_parameters_block`) say `fixed` here, and only here: the report itself never
/// carries the key. An encrypted key is handed back only when
/// [`CertificateInput::key_password`] opens it (then unencrypted, in the target's encoding or
/// its own, and `key.encrypted` says `fixed`).
///
/// ```
/// use cert_preflight::{check_certificate_with_key_fix, CertificateInput, KeyEncoding, Timestamp};
/// let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
/// // A throwaway P-256 key as `openssl ecparam -name prime256v1 -genkey` writes it.
/// let key = "-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n\
/// -----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIEzXiSqvZ/jlkyhywCvJf5xJGLmx9ZtYvE3rhfwrvA6WoAoGCCqGSM49\n\
/// AwEHoUQDQgAE/5nfqIhkiSCIlUe/3smJLmi2tt7IfG20sizbyvQPdSd47GEWnTth\n\
/// uMx1s/E4AaaDSC/BqV5CYF+JdcQgauV19w==\n-----END EC PRIVATE KEY-----\n";
/// let mut input = CertificateInput::new("", now);
/// input.private_key = Some(key);
/// let (report, fixed_key) = check_certificate_with_key_fix(&input);
/// let block = report.diagnostics.iter().find(|d| d.rule == "key.ec_parameters_block").unwrap();
/// assert!(block.fixed);
/// let fixed_key = fixed_key.unwrap();
/// assert_eq!(fixed_key.encoding(), KeyEncoding::Pkcs8);
/// assert!(fixed_key.pem().starts_with("-----BEGIN PRIVATE KEY-----\n"));
/// assert!(!report.to_json_pretty().contains("MHcCAQEE") && !format!("{fixed_key:?}").contains("MHcC"));
/// ```
pub fn check_certificate_with_key_fix(
    input: &CertificateInput<'_>,
) -> (Report, Option<NormalizedKey>) {
    let mut asked = input.clone();
    asked.fix_key = Some(KeyFixer::CONVERT);
    let (report, key) = certificate_report(check_material(&asked));
    (report, key.map(NormalizedKey::from))
}

/// The report of a certificate check, and the key its outcome re-encoded, if any.
fn certificate_report(outcome: MaterialOutcome) -> (Report, Option<ConvertedKey>) {
    let report = Report::new(
        "certificate",
        outcome.findings.into_diagnostics(&ErrorCodes::CATALOGUE),
        outcome.summary,
        outcome.normalized,
    );
    (report, outcome.normalized_key)
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
