//! The certificate-material entry points: [`check_certificate`] and [`fingerprint`].
//!
//! Both scan the PEM text once, parse each certificate once into the model, and run the rules
//! over it. Request validation reuses [`check_material`] for its certificate-bearing fields.

use crate::report::{CertificateSummary, Diagnostic, Report};
use crate::time::Timestamp;

/// Days before expiry at which `cert.expires_soon` warns, unless the caller says otherwise.
pub const DEFAULT_EXPIRY_WARNING_DAYS: u32 = 30;

/// What the certificate field is for; decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CertificatePurpose {
    /// A server certificate with its chain: leaf first, key matching the leaf, domains covered.
    #[default]
    Server,
    /// CA certificates that verify client certificates (Huawei ELB `type: client`).
    ClientCa,
    /// Exactly one CA certificate (Alibaba SLB UploadCACertificate, `cert --ca`).
    CaUpload,
}

/// Provider-specific documentation beyond the seeds that adds warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ProviderProfile {
    /// Only the rules that hold everywhere.
    #[default]
    Generic,
    /// Alibaba Cloud CLB (SLB): RSA certificates and PKCS#1 keys are what it documents.
    AlibabaSlb,
}

/// JSON pointers used for the diagnostics of each input field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldPaths {
    /// The certificate field; certificate `i` is reported at `{certificate}/chain/{i}`.
    pub certificate: String,
    /// The private key field.
    pub private_key: String,
    /// The comma-separated domain field.
    pub domains: String,
}

impl Default for FieldPaths {
    fn default() -> Self {
        FieldPaths {
            certificate: "/certificate".into(),
            private_key: "/private_key".into(),
            domains: "/domains".into(),
        }
    }
}

/// Everything [`check_certificate`] looks at. Build it with [`CertificateInput::new`] and set
/// the optional fields. Its `Debug` redacts the private key.
#[derive(Clone)]
pub struct CertificateInput<'a> {
    /// The certificate field: one or more PEM blocks (leaf first).
    pub certificate: &'a str,
    /// The private key field, if given. Never echoed in any output.
    pub private_key: Option<&'a str>,
    /// Comma-separated domain names that the leaf must cover, if given.
    pub domains: Option<&'a str>,
    /// Whether a missing private key is an error (`key.missing`).
    pub key_required: bool,
    /// What the certificate is for.
    pub purpose: CertificatePurpose,
    /// Provider documentation to apply beyond the seeds.
    pub profile: ProviderProfile,
    /// The instant at which validity is judged.
    pub now: Timestamp,
    /// `cert.expires_soon` fires when the leaf expires within this many days.
    pub expiry_warning_days: u32,
    /// Where each field is in the caller's input, for diagnostic paths.
    pub paths: FieldPaths,
    /// Who verifies signatures; `None` is ring ([`crate::RingVerifier`]). The rules decide
    /// the same way whatever the verifier.
    pub verifier: Option<crate::SharedVerifier>,
}

impl std::fmt::Debug for CertificateInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CertificateInput")
            .field("certificate", &self.certificate)
            .field(
                "private_key",
                &self
                    .private_key
                    .map(|k| format!("<redacted, {} characters>", k.chars().count())),
            )
            .field("domains", &self.domains)
            .field("key_required", &self.key_required)
            .field("purpose", &self.purpose)
            .field("profile", &self.profile)
            .field("now", &self.now)
            .field("expiry_warning_days", &self.expiry_warning_days)
            .field("paths", &self.paths)
            .field("verifier", &self.verifier)
            .finish()
    }
}

impl<'a> CertificateInput<'a> {
    /// A server-certificate check of `certificate` at `now`, with no key and no domains.
    pub fn new(certificate: &'a str, now: Timestamp) -> Self {
        CertificateInput {
            certificate,
            private_key: None,
            domains: None,
            key_required: false,
            purpose: CertificatePurpose::Server,
            profile: ProviderProfile::Generic,
            now,
            expiry_warning_days: DEFAULT_EXPIRY_WARNING_DAYS,
            paths: FieldPaths::default(),
            verifier: None,
        }
    }
}

/// What the core found in a certificate field: diagnostics, facts, the fix, and the leaf's
/// names (for domain coverage checks done by the caller).
#[derive(Debug, Clone, Default)]
pub(crate) struct MaterialOutcome {
    pub diagnostics: Vec<Diagnostic>,
    pub summary: Option<CertificateSummary>,
    pub normalized: Option<String>,
    /// DNS subject alternative names and common name of the leaf, when a leaf was parsed.
    pub leaf_names: Option<crate::rules::domain::CertificateNames>,
}

/// Runs every certificate-material rule over one input.
pub(crate) fn check_material(input: &CertificateInput<'_>) -> MaterialOutcome {
    crate::rules::run_material_rules(input)
}

/// Checks a certificate bundle, its private key and its domain names; the report's operation
/// is `certificate`.
pub fn check_certificate(input: &CertificateInput<'_>) -> Report {
    let outcome = check_material(input);
    Report::new(
        "certificate",
        outcome.diagnostics,
        outcome.summary,
        outcome.normalized,
    )
}

/// Which digest [`fingerprint`] computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DigestAlgorithm {
    /// SHA-1 (what Huawei ELB and Alibaba SLB show).
    #[default]
    Sha1,
    /// SHA-256.
    Sha256,
}

/// How [`fingerprint`] formats a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum FingerprintStyle {
    /// Lowercase hex without separators (`a3b9b3a2...`), as Huawei ELB shows it.
    #[default]
    Hex,
    /// Uppercase colon-separated pairs (`A3:B9:B3:A2:...`), as Alibaba SLB shows it.
    Colon,
}

/// Fingerprints of every certificate in a PEM field, with any problems reading it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FingerprintReport {
    /// False when the field could not be read as certificates.
    pub valid: bool,
    /// Number of error diagnostics.
    pub errors: usize,
    /// Number of warning diagnostics.
    pub warnings: usize,
    /// Problems found while reading the field (PEM and parsing rules only).
    pub diagnostics: Vec<Diagnostic>,
    /// One fingerprint per certificate, in input order.
    pub fingerprints: Vec<String>,
}

/// Fingerprints of every certificate in `pem`, computed over each certificate's DER.
pub fn fingerprint(
    pem: &str,
    algorithm: DigestAlgorithm,
    style: FingerprintStyle,
) -> FingerprintReport {
    crate::rules::fingerprint_field(pem, algorithm, style)
}
