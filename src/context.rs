//! What a certificate check is for: the purpose of the field and the provider documentation to
//! apply. Both the driver (`crate::check`) and the rules read these, so they live apart from
//! either.

/// Days before expiry at which `cert.expires_soon` warns, unless the caller says otherwise.
pub const DEFAULT_EXPIRY_WARNING_DAYS: u32 = 30;

/// What the certificate field is for; decides which rules apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
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
#[non_exhaustive]
pub enum ProviderProfile {
    /// Only the rules that hold everywhere.
    #[default]
    Generic,
    /// Alibaba Cloud CLB (SLB): RSA certificates and PKCS#1 keys are what it documents.
    AlibabaSlb,
}

/// Who the certificate is for: decides whether the client-acceptance lints of the public web
/// PKI (CA/Browser Forum Baseline Requirements, the root programs' policies) apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Audience {
    /// `public` when the path anchors in the public root store, else `private`.
    #[default]
    Auto,
    /// Browsers and public TLS clients: the Baseline Requirements and root policies apply.
    Public,
    /// An internal CA's clients: only what TLS libraries refuse for any certificate applies.
    Private,
}

impl Audience {
    /// `auto`, `public` or `private`: the name the CLI, npm and Python take.
    pub fn as_str(self) -> &'static str {
        match self {
            Audience::Auto => "auto",
            Audience::Public => "public",
            Audience::Private => "private",
        }
    }

    /// The audience named `name` (`auto`, `public`, `private`), if it is one.
    pub fn from_name(name: &str) -> Option<Audience> {
        [Audience::Auto, Audience::Public, Audience::Private]
            .into_iter()
            .find(|a| a.as_str() == name)
    }
}
