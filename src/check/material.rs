//! The certificate driver: reads the certificate field into the model once, runs the
//! certificate-material rules over it in order, and builds the normalized bundle (the
//! mechanical fix).

use super::input::CertificateInput;
use crate::context::CertificatePurpose;
use crate::findings::Findings;
use crate::input::pem::{encode_block, PemIssue};
use crate::model::{read_certificate_field, CertificateField, MalformedCertificate};
use crate::report::CertificateSummary;
use crate::rules::catalog::{CA_SINGLE_CERTIFICATE, CERT_MALFORMED, CHAIN_EMPTY, CHAIN_TOO_DEEP};
use crate::rules::certificate::{check_certificates, facts, CertificateContext};
use crate::rules::chain::{analyse, ChainAnalysis};
use crate::rules::domain::{check_coverage, check_domain_field, CertificateNames};
use crate::rules::key::{check_key, KeyContext};
use crate::rules::pem::{check_size, issues_to_diagnostics, unexpected_block, FieldKind};

/// What the core found in a certificate field: findings, facts, the fix, and the leaf's
/// names (for domain coverage checks done by the caller).
#[derive(Debug, Clone, Default)]
pub(crate) struct MaterialOutcome {
    pub findings: Findings,
    pub summary: Option<CertificateSummary>,
    pub normalized: Option<String>,
    /// DNS subject alternative names and common name of the leaf, when a leaf was parsed.
    pub leaf_names: Option<crate::rules::domain::CertificateNames>,
}

/// Seed 003: "supports certificate chains with a maximum of 11 layers".
pub(crate) const MAX_CHAIN_CERTIFICATES: usize = 11;

/// Runs every certificate-material rule over one input (the body of `check_material`).
pub(super) fn run(input: &CertificateInput<'_>) -> MaterialOutcome {
    let mut out = MaterialOutcome::default();
    let findings = &mut out.findings;
    let base = input.paths.certificate.as_str();
    let mark = findings.len();
    let field = read_field(input.certificate, base, findings);
    let mut leaf_position = None;
    if let Some(field) = &field {
        let chain = check_field(field, input, findings);
        leaf_position = chain.leaf.or((!field.certificates.is_empty()).then_some(0));
        // Facts once per certificate; the leaf's are a copy of its chain entry.
        let chain_facts: Vec<_> = field
            .certificates
            .iter()
            .enumerate()
            .map(|(pos, c)| {
                let self_signed = chain.self_signed.get(pos).copied().unwrap_or(false);
                facts(c, self_signed, input.now)
            })
            .collect();
        out.summary = (!chain_facts.is_empty()).then(|| CertificateSummary {
            leaf: leaf_position.and_then(|p| chain_facts.get(p)).cloned(),
            chain: chain_facts,
        });
        out.leaf_names = leaf_position
            .and_then(|p| field.certificates.get(p))
            .map(|c| CertificateNames {
                dns: c.dns_names.clone(),
                common_name: c.common_name.clone(),
            });
        out.normalized = normalize(field, &chain, input);
        if out.normalized.is_some() {
            // The normalized bundle keeps this many certificates: `chain.too_deep` is fixed only
            // when that is within the limit.
            let kept = chain.normalized_order(input.purpose).len();
            findings.mark_fixed_since(mark, |f| {
                f.rule().id != CHAIN_TOO_DEEP.id || kept <= MAX_CHAIN_CERTIFICATES
            });
        }
    }
    let leaf = field
        .as_ref()
        .zip(leaf_position)
        .and_then(|(f, p)| f.certificates.get(p));
    if input.purpose == CertificatePurpose::Server {
        let key_ctx = KeyContext {
            text: input.private_key,
            required: input.key_required,
            profile: input.profile,
            path: &input.paths.private_key,
        };
        let all = field
            .as_ref()
            .map(|f| f.certificates.as_slice())
            .unwrap_or(&[]);
        check_key(&key_ctx, leaf, all, findings);
    }
    if let Some(domains) = input.domains {
        let names = check_domain_field(domains, &input.paths.domains, findings);
        if let Some(leaf_names) = &out.leaf_names {
            if input.purpose == CertificatePurpose::Server {
                check_coverage(&names, leaf_names, findings);
            }
        }
    }
    out
}

/// Reads the certificate field into the model once, with the rules about reading it: size,
/// PEM text, blocks of another kind, certificates that do not parse, no certificate at all.
/// `None` when the field is too large to read. The full check and `fingerprint_field` both
/// start here.
pub(super) fn read_field(text: &str, base: &str, out: &mut Findings) -> Option<CertificateField> {
    if check_size(text, FieldKind::Certificate, base, out) {
        return None;
    }
    let field = read_certificate_field(text);
    issues_to_diagnostics(&field.issues, FieldKind::Certificate, base, out);
    for block in &field.foreign {
        unexpected_block(block, FieldKind::Certificate, base, out);
    }
    for bad in &field.malformed {
        malformed_certificate(bad, base, out);
    }
    if field.certificate_blocks == 0 {
        let why = if has_malformed_pem(&field) {
            "no readable certificate was found in the certificate field"
        } else {
            "the certificate field has no -----BEGIN CERTIFICATE----- block"
        };
        out.emit(&CHAIN_EMPTY, base, format!("No certificate: {why}"));
    }
    Some(field)
}

fn has_malformed_pem(field: &CertificateField) -> bool {
    field
        .issues
        .iter()
        .any(|i| matches!(i, PemIssue::Malformed { .. }))
}

/// The certificate field's own rules beyond reading it: count, chain, each certificate.
fn check_field(
    field: &CertificateField,
    input: &CertificateInput<'_>,
    out: &mut Findings,
) -> ChainAnalysis {
    let base = input.paths.certificate.as_str();
    let count = field.certificate_blocks;
    if count > MAX_CHAIN_CERTIFICATES {
        out.emit(
            &CHAIN_TOO_DEEP,
            base,
            format!(
                "The field has {count} certificates; at most {MAX_CHAIN_CERTIFICATES} are allowed (leaf, intermediates and root together)"
            ),
        );
    }
    if input.purpose == CertificatePurpose::CaUpload && count > 1 {
        out.emit(
            &CA_SINGLE_CERTIFICATE,
            base,
            format!("UploadCACertificate takes exactly one CA certificate; this field has {count}: upload them one at a time"),
        );
    }
    let chain = analyse(&field.certificates, input.purpose, base, out);
    let ctx = CertificateContext {
        purpose: input.purpose,
        profile: input.profile,
        now: input.now,
        expiry_warning_days: input.expiry_warning_days,
        base,
    };
    check_certificates(&field.certificates, &chain, &ctx, out);
    chain
}

/// The field rewritten as the providers want it, when that differs from the input and every
/// certificate block could be read (a broken block is never silently dropped).
fn normalize(
    field: &CertificateField,
    chain: &ChainAnalysis,
    input: &CertificateInput<'_>,
) -> Option<String> {
    let unreadable =
        !field.malformed.is_empty() || has_malformed_pem(field) || field.certificates.is_empty();
    if unreadable {
        return None;
    }
    let text: String = chain
        .normalized_order(input.purpose)
        .iter()
        .filter_map(|&pos| field.certificates.get(pos))
        .map(|c| encode_block("CERTIFICATE", &c.der))
        .collect();
    (text != input.certificate && !text.is_empty()).then_some(text)
}

/// `cert.malformed` for a CERTIFICATE block that x509-parser could not read.
fn malformed_certificate(bad: &MalformedCertificate, base: &str, out: &mut Findings) {
    out.emit(
        &CERT_MALFORMED,
        format!("{base}/chain/{}", bad.index),
        format!(
            "Certificate {} (the block on line {}) is not a valid X.509 certificate: {}",
            bad.index, bad.line, bad.reason
        ),
    );
}
