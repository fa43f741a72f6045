//! What a certificate check is given: [`CertificateInput`] and where its fields are.

use crate::context::{CertificatePurpose, ProviderProfile, DEFAULT_EXPIRY_WARNING_DAYS};
use crate::time::Timestamp;

/// JSON pointers used for the diagnostics of each input field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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

/// Everything [`check_certificate`](crate::check_certificate) looks at. Build it with [`CertificateInput::new`] and set
/// the optional fields. Its `Debug` redacts the private key.
#[derive(Clone)]
#[non_exhaustive]
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
        }
    }
}
