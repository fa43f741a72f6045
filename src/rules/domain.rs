//! Domain-name rules (seed 003's `domain` field, seed 002's `domains[].domain`) and RFC 6125
//! coverage of each name by the leaf certificate.
//!
//! STUB: interface fixed, implementation in progress.

use crate::report::Diagnostic;

/// The names a leaf certificate presents for matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CertificateNames {
    /// subjectAltName dNSName entries, as written in the certificate.
    pub dns: Vec<String>,
    /// The subject's commonName (used only when there is no DNS SAN).
    pub common_name: Option<String>,
}

/// A domain name that passed the syntax rules, with the path it is reported at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedName {
    /// The name as given, trimmed.
    pub name: String,
    /// JSON pointer for diagnostics about this name.
    pub path: String,
}

/// Checks a comma-separated domain field (ELB `domain`, CLI `--domains`): field length, count,
/// empty entries, each name's syntax, duplicates. Every diagnostic uses `path`; messages name
/// the entry. Returns the names that passed the syntax rules, for coverage.
pub(crate) fn check_domain_field(
    _field: &str,
    _path: &str,
    _out: &mut Vec<Diagnostic>,
) -> Vec<CheckedName> {
    Vec::new()
}

#[allow(dead_code)] // used by request validation (APIG)
/// Checks a list of names that each have their own path (APIG `domains[i].domain`): count,
/// each name's syntax, duplicates. Returns the names that passed the syntax rules.
pub(crate) fn check_domain_list(
    _names: &[CheckedName],
    _out: &mut Vec<Diagnostic>,
) -> Vec<CheckedName> {
    Vec::new()
}

/// Emits `domain.not_covered` for every name the certificate does not cover (RFC 6125).
pub(crate) fn check_coverage(
    _names: &[CheckedName],
    _certificate: &CertificateNames,
    _out: &mut Vec<Diagnostic>,
) {
}
