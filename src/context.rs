//! What a certificate check is for: the purpose of the field and the provider documentation to
//! apply. Both the driver (`crate::check`) and the rules read these, so they live apart from
//! either.

use crate::error::InputError;

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

/// Every purpose by its name in the Python `purpose` option (`ca-upload` is the CLI's `--ca`
/// and npm's `ca: true`), with what it checks.
const PURPOSES: &[(&str, CertificatePurpose, &str)] = &[
    (
        "server",
        CertificatePurpose::Server,
        "A server certificate with its chain, key and domains.",
    ),
    (
        "client-ca",
        CertificatePurpose::ClientCa,
        "CA certificates that verify client certificates.",
    ),
    (
        "ca-upload",
        CertificatePurpose::CaUpload,
        "Exactly one CA certificate to upload.",
    ),
];

/// Every profile by its name in the fronts (the CLI's `--profile`, the npm and Python
/// `profile` option), with what it applies.
const PROFILES: &[(&str, ProviderProfile, &str)] = &[
    (
        "generic",
        ProviderProfile::Generic,
        "Only the rules that hold everywhere.",
    ),
    (
        "alibaba-slb",
        ProviderProfile::AlibabaSlb,
        "Alibaba Cloud CLB (SLB): RSA certificates and PKCS#1 keys.",
    ),
];

/// The value `name` stands for in `table`, or the error naming what `option` takes.
fn lookup<T: Copy>(
    option: &'static str,
    table: &[(&'static str, T, &'static str)],
    name: &str,
) -> Result<T, InputError> {
    table
        .iter()
        .find(|(known, _, _)| *known == name)
        .map(|(_, value, _)| *value)
        .ok_or_else(|| InputError::UnknownName {
            option,
            value: crate::text::redact::quotable(name),
            expected: table
                .iter()
                .map(|(known, _, _)| format!("\"{known}\""))
                .collect::<Vec<_>>()
                .join(" or "),
        })
}

/// The name of `value` in `table` (every variant has one; the fallback is the first).
fn name_of<T: PartialEq>(table: &[(&'static str, T, &'static str)], value: &T) -> &'static str {
    table
        .iter()
        .find(|(_, known, _)| known == value)
        .or(table.first())
        .map_or("", |(name, _, _)| name)
}

impl CertificatePurpose {
    /// Every purpose's name and a one-line summary, in the order help texts list them.
    pub fn names() -> impl Iterator<Item = (&'static str, &'static str)> {
        PURPOSES.iter().map(|(name, _, summary)| (*name, *summary))
    }

    /// The purpose's name, as its [`FromStr`](std::str::FromStr) reads it.
    pub fn name(self) -> &'static str {
        name_of(PURPOSES, &self)
    }
}

impl std::str::FromStr for CertificatePurpose {
    type Err = InputError;

    /// Reads a purpose name (`server`, `client-ca`, `ca-upload`), exactly as written.
    fn from_str(name: &str) -> Result<Self, InputError> {
        lookup("purpose", PURPOSES, name)
    }
}

impl ProviderProfile {
    /// Every profile's name and a one-line summary, in the order help texts list them.
    pub fn names() -> impl Iterator<Item = (&'static str, &'static str)> {
        PROFILES.iter().map(|(name, _, summary)| (*name, *summary))
    }

    /// The profile's name, as its [`FromStr`](std::str::FromStr) reads it.
    pub fn name(self) -> &'static str {
        name_of(PROFILES, &self)
    }
}

impl std::str::FromStr for ProviderProfile {
    type Err = InputError;

    /// Reads a profile name (`generic`, `alibaba-slb`), exactly as written.
    ///
    /// ```
    /// use cert_preflight::ProviderProfile;
    /// assert_eq!("alibaba-slb".parse::<ProviderProfile>(), Ok(ProviderProfile::AlibabaSlb));
    /// assert!("aws".parse::<ProviderProfile>().is_err());
    /// ```
    fn from_str(name: &str) -> Result<Self, InputError> {
        lookup("profile", PROFILES, name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_name_reads_back() {
        for (name, _) in ProviderProfile::names() {
            let profile: ProviderProfile = name.parse().expect("a listed name");
            assert_eq!(profile.name(), name);
        }
        for (name, _) in CertificatePurpose::names() {
            let purpose: CertificatePurpose = name.parse().expect("a listed name");
            assert_eq!(purpose.name(), name);
        }
        let err = "Generic".parse::<ProviderProfile>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown profile \"Generic\"; expected \"generic\" or \"alibaba-slb\""
        );
        let err = "ca_upload".parse::<CertificatePurpose>().unwrap_err();
        assert_eq!(
            err.to_string(),
            "unknown purpose \"ca_upload\"; expected \"server\" or \"client-ca\" or \"ca-upload\""
        );
    }
}
