//! Fingerprints of every certificate in a field, beside the report of reading it.

use super::material::read_field;
use crate::findings::{ErrorCodes, Findings};
use crate::report::Report;
use crate::rules::pem::SizeLimit;

/// Which digest [`fingerprint`](crate::fingerprint) computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum DigestAlgorithm {
    /// SHA-1 (what Huawei ELB and Alibaba SLB show).
    #[default]
    Sha1,
    /// SHA-256.
    Sha256,
}

/// How [`fingerprint`](crate::fingerprint) formats a digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum FingerprintStyle {
    /// Lowercase hex without separators (`a3b9b3a2...`), as Huawei ELB shows it.
    #[default]
    Hex,
    /// Uppercase colon-separated pairs (`A3:B9:B3:A2:...`), as Alibaba SLB shows it.
    Colon,
}

/// Fingerprints of every certificate in a PEM field, beside the report of reading it (the
/// PEM and parsing rules only; its operation is `fingerprint`).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[non_exhaustive]
pub struct FingerprintReport {
    /// Problems found while reading the field; `valid` is false when it could not be read.
    #[serde(flatten)]
    pub report: Report,
    /// One fingerprint per certificate, in input order.
    pub fingerprints: Vec<String>,
}

/// Fingerprints of every certificate in a PEM field, with the reading problems.
pub(super) fn fingerprint_field(
    pem: &str,
    algorithm: DigestAlgorithm,
    style: FingerprintStyle,
) -> FingerprintReport {
    let mut findings = Findings::new();
    let field = read_field(
        pem,
        ("/certificate", SizeLimit::SEED_CERTIFICATE),
        false,
        &mut findings,
    );
    let fingerprints = field
        .iter()
        .flat_map(|f| &f.certificates)
        .map(|cert| {
            let f = crate::model::crypto::fingerprints(&cert.der);
            match (algorithm, style) {
                (DigestAlgorithm::Sha1, FingerprintStyle::Hex) => f.sha1_hex,
                (DigestAlgorithm::Sha1, FingerprintStyle::Colon) => f.sha1_colon,
                (DigestAlgorithm::Sha256, FingerprintStyle::Hex) => f.sha256_hex,
                (DigestAlgorithm::Sha256, FingerprintStyle::Colon) => f.sha256_colon,
            }
        })
        .collect();
    let diagnostics = findings.into_diagnostics(&ErrorCodes::CATALOGUE);
    FingerprintReport {
        report: Report::new("fingerprint", diagnostics, None, None),
        fingerprints,
    }
}
