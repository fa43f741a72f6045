//! The report every front returns: diagnostics plus the facts of any certificate checked.
//!
//! The JSON shape is the project's public contract (SPEC "Interface contract"); the CLI's
//! `--format json`, the npm package and `serde_json` of [`Report`] all produce it.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// How bad a diagnostic is. `valid` is false when any [`Severity::Error`] is present.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Severity {
    /// The provider documents the constraint (the request would be rejected), or the result
    /// is certainly broken.
    Error,
    /// Not a documented rejection, but a real problem the user will hit.
    Warning,
    /// Worth knowing, nothing to fix.
    Info,
}

impl Severity {
    /// The lowercase name used in JSON and human output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding: which rule, how bad, where (an RFC 6901 JSON pointer), and what to do.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Diagnostic {
    /// Stable rule id from the rule table, e.g. `chain.misordered`.
    pub rule: String,
    /// Severity of this occurrence (usually the rule's, escalated for some contexts).
    pub severity: Severity,
    /// RFC 6901 JSON pointer to the field concerned, e.g. `/certificate/chain/1`.
    pub path: String,
    /// One plain sentence: what is wrong and what is allowed.
    pub message: String,
    /// The error code the provider would answer, where its documentation names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_error: Option<String>,
    /// True when the report's `normalized` text resolves this diagnostic.
    #[serde(default, skip_serializing_if = "is_false")]
    pub fixed: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// SHA-1 and SHA-256 digests of a certificate's DER, in the styles the providers show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Fingerprints {
    /// SHA-1, lowercase hex without separators (as Huawei ELB shows it).
    pub sha1_hex: String,
    /// SHA-1, uppercase colon-separated pairs (as Alibaba SLB shows it).
    pub sha1_colon: String,
    /// SHA-256, lowercase hex without separators.
    pub sha256_hex: String,
    /// SHA-256, uppercase colon-separated pairs.
    pub sha256_colon: String,
}

/// What a certificate says about itself, as the providers' API responses would show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateFacts {
    /// Position of the certificate in the input field (0 = first block).
    pub index: usize,
    /// Subject distinguished name, RFC 4514 style.
    pub subject: String,
    /// Issuer distinguished name, RFC 4514 style.
    pub issuer: String,
    /// The subject's commonName, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub common_name: Option<String>,
    /// Subject alternative names: DNS names and IP addresses, in certificate order.
    pub subject_alternative_names: Vec<String>,
    /// Serial number, lowercase hex.
    pub serial: String,
    /// Start of validity, RFC 3339 UTC (`2018-07-02T13:25:47Z`).
    pub not_before: String,
    /// End of validity, RFC 3339 UTC (`2045-11-17T13:25:47Z`, as ELB's `expire_time`).
    pub not_after: String,
    /// Start of validity in milliseconds since the Unix epoch.
    pub not_before_ms: i64,
    /// End of validity in milliseconds since the Unix epoch (as SLB's `ExpireTimeStamp`).
    pub not_after_ms: i64,
    /// Whole days from the check's `now` to `not_after` (negative when expired).
    pub days_remaining: i64,
    /// Public key algorithm: `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA` or the OID.
    pub key_algorithm: String,
    /// Public key size in bits (RSA modulus, EC field size).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_size: Option<u32>,
    /// Curve of an EC key: `P-256`, `P-384`, `P-521`, another curve's name (`secp256k1`), the
    /// OID of a curve without a name here, or `explicit curve parameters`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_curve: Option<String>,
    /// Signature algorithm, e.g. `sha256WithRSAEncryption`, `ecdsa-with-SHA256`.
    pub signature_algorithm: String,
    /// basicConstraints CA:TRUE.
    pub is_ca: bool,
    /// Subject equals issuer and the signature verifies with the certificate's own key.
    pub is_self_signed: bool,
    /// Digests of the DER encoding.
    pub fingerprints: Fingerprints,
}

/// The certificate part of a report: the leaf's facts and every certificate's, in input order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct CertificateSummary {
    /// Facts of the leaf (the certificate the chain starts from).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leaf: Option<CertificateFacts>,
    /// Facts of every parsed certificate, in the order they appear in the input.
    pub chain: Vec<CertificateFacts>,
    /// The issuer that the path from the leaf lacks, when it stops short of a trust anchor
    /// and of a self-signed root (`chain.incomplete`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub missing_issuer: Option<MissingIssuer>,
    /// Which trust anchors the chain was judged against, and where it meets one (server
    /// certificates only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trust: Option<TrustFacts>,
}

/// The trust anchors of a check and how the path from the leaf meets them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct TrustFacts {
    /// The public root store consulted (`Mozilla root store (certifi 2026.05.20)`); absent
    /// when public roots are off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store: Option<String>,
    /// The date of that store, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_date: Option<String>,
    /// How many roots the caller added (`roots`).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub caller_roots: usize,
    /// How the path meets an anchor (in JSON `store_root`, `issued_by_store_root`,
    /// `caller_root` or `issued_by_caller_root`); absent when it meets none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchored: Option<Anchored>,
    /// Input position of the certificate that is, or was issued by, that anchor.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anchored_at: Option<usize>,
    /// The audience the client-acceptance lints were judged for: `public` or `private`.
    #[serde(default)]
    pub audience: String,
    /// Why that audience: the caller chose it, or where the path anchors (`auto`).
    #[serde(default)]
    pub audience_reason: String,
    /// The path a client builds from the leaf up, as certificates' `index` (leaf first); the
    /// certificates of the bundle not on it are `chain.unrelated`.
    #[serde(default)]
    pub path: Vec<usize>,
    /// Why that path: the only one, or what made it better than the others (it reaches a
    /// trust anchor, fewer problems a client refuses, shorter, first in the bundle).
    #[serde(default)]
    pub path_reason: String,
}

/// How a path meets a trust anchor: at an anchor itself, or at a certificate an anchor
/// issued; the anchor from Mozilla's root store or from the caller's roots.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Anchored {
    /// The path reaches a root of the public store.
    StoreRoot,
    /// The path reaches a certificate a root of the public store issued.
    IssuedByStoreRoot,
    /// The path reaches one of the caller's roots.
    CallerRoot,
    /// The path reaches a certificate one of the caller's roots issued.
    IssuedByCallerRoot,
}

impl Anchored {
    /// The word JSON uses: `store_root`, `issued_by_store_root`, `caller_root`,
    /// `issued_by_caller_root`.
    pub fn as_str(self) -> &'static str {
        match self {
            Anchored::StoreRoot => "store_root",
            Anchored::IssuedByStoreRoot => "issued_by_store_root",
            Anchored::CallerRoot => "caller_root",
            Anchored::IssuedByCallerRoot => "issued_by_caller_root",
        }
    }
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// Who issued the last certificate of an incomplete path, as that certificate names it:
/// enough to find the missing certificate (the core never fetches it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct MissingIssuer {
    /// Input position of the certificate whose issuer is missing.
    pub certificate: usize,
    /// The issuer's distinguished name, as the certificate's issuer field gives it.
    pub name: String,
    /// The issuer's key identifier from the certificate's Authority Key Identifier,
    /// uppercase colon-separated hex as openssl prints it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_id: Option<String>,
    /// Where the certificate says its issuer can be downloaded (AIA caIssuers URLs).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ca_issuers: Vec<String>,
}

/// The result of a check: valid or not, every diagnostic, and the facts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Report {
    /// What was checked: an operation id (`huawei.elb.update-certificate`) or `certificate`.
    pub operation: String,
    /// False when any diagnostic is an error.
    pub valid: bool,
    /// Number of error diagnostics.
    pub errors: usize,
    /// Number of warning diagnostics.
    pub warnings: usize,
    /// Every finding, sorted by path, then rule.
    pub diagnostics: Vec<Diagnostic>,
    /// Facts of the certificate field, present when a PEM was checked.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub certificate: Option<CertificateSummary>,
    /// The certificate field rewritten as the providers want it, when that fixes something.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normalized: Option<String>,
    /// Where an operation takes the leaf and its chain in separate fields (ACM, IAM): each
    /// field's normalized value, by JSON pointer, when it differs from what was given (the
    /// leaf alone in the leaf field, the issuers in order in the chain field).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub normalized_fields: BTreeMap<String, String>,
}

impl Report {
    /// Builds a report: sorts the diagnostics (path, then rule) and counts them.
    pub(crate) fn new(
        operation: impl Into<String>,
        diagnostics: Vec<Diagnostic>,
        certificate: Option<CertificateSummary>,
        normalized: Option<String>,
    ) -> Self {
        // Stable: findings of one rule at one path keep the order they were found in.
        let mut diagnostics = diagnostics;
        diagnostics.sort_by(|a, b| {
            (a.path.as_str(), a.rule.as_str()).cmp(&(b.path.as_str(), b.rule.as_str()))
        });
        diagnostics.dedup();
        let errors = count(&diagnostics, Severity::Error);
        let warnings = count(&diagnostics, Severity::Warning);
        Report {
            operation: operation.into(),
            valid: errors == 0,
            errors,
            warnings,
            diagnostics,
            certificate,
            normalized,
            normalized_fields: BTreeMap::new(),
        }
    }

    /// Diagnostics with the given rule id (handy in tests and callers).
    pub fn by_rule<'a>(&'a self, rule: &'a str) -> impl Iterator<Item = &'a Diagnostic> + 'a {
        self.diagnostics.iter().filter(move |d| d.rule == rule)
    }

    /// The report as pretty JSON (the CLI's `--format json`).
    pub fn to_json_pretty(&self) -> String {
        // Serializing plain structs of strings, numbers and bools cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_else(|_| String::from("{}"))
    }
}

fn count(diagnostics: &[Diagnostic], severity: Severity) -> usize {
    diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::catalog;
    use crate::findings::{ErrorCodes, Findings};

    fn diagnostics(found: &[(&'static crate::catalog::Rule, &str)]) -> Vec<Diagnostic> {
        let mut findings = Findings::new();
        for (rule, path) in found {
            findings.emit(rule, *path, "message");
        }
        findings.into_diagnostics(&ErrorCodes::CATALOGUE)
    }

    #[test]
    fn report_sorts_by_path_then_rule_and_counts() {
        let d = diagnostics(&[
            (catalog::CHAIN_DUPLICATE, "/certificate/chain/2"),
            (catalog::PEM_MALFORMED, "/certificate"),
            (catalog::CHAIN_BAD_SIGNATURE, "/certificate/chain/2"),
        ]);
        let r = Report::new("certificate", d, None, None);
        let order: Vec<_> = r.diagnostics.iter().map(|d| d.rule.as_str()).collect();
        assert_eq!(
            order,
            ["pem.malformed", "chain.bad_signature", "chain.duplicate"]
        );
        assert_eq!((r.errors, r.warnings, r.valid), (2, 1, false));
    }

    #[test]
    fn json_omits_absent_optional_fields() -> Result<(), Box<dyn std::error::Error>> {
        let d = diagnostics(&[(catalog::CHAIN_ROOT_INCLUDED, "/certificate/chain/1")]);
        let r = Report::new("certificate", d, None, None);
        let v: serde_json::Value = serde_json::from_str(&r.to_json_pretty())?;
        assert_eq!(v["valid"], true);
        assert!(v.get("certificate").is_none());
        assert!(v["diagnostics"][0].get("api_error").is_none());
        assert!(v["diagnostics"][0].get("fixed").is_none());
        assert_eq!(v["diagnostics"][0]["severity"], "info");
        Ok(())
    }
}
