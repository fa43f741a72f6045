//! Runs the certificate-material rules in order over one parsed input, and builds the
//! normalized bundle (the mechanical fix).

use crate::check::{
    CertificateInput, CertificatePurpose, DigestAlgorithm, FingerprintReport, FingerprintStyle,
    MaterialOutcome,
};
use crate::input::pem::{encode_block, PemIssue};
use crate::model::{read_certificate_field, CertificateField, MalformedCertificate};
use crate::report::{CertificateSummary, Diagnostic, Severity};
use crate::rules::catalog::{CA_SINGLE_CERTIFICATE, CERT_MALFORMED, CHAIN_EMPTY, CHAIN_TOO_DEEP};
use crate::rules::certificate::{check_certificates, facts, CertificateContext};
use crate::rules::chain::{analyse, ChainAnalysis};
use crate::rules::domain::{check_coverage, check_domain_field, CertificateNames};
use crate::rules::key::{check_key, KeyContext};
use crate::rules::pem::{check_size, issues_to_diagnostics, unexpected_block, FieldKind};

/// Seed 003: "supports certificate chains with a maximum of 11 layers".
pub(crate) const MAX_CHAIN_CERTIFICATES: usize = 11;

/// Rules whose findings the normalized bundle resolves.
const FIXED_BY_NORMALIZING: &[&str] = &[
    "pem.stray_text",
    "pem.line_length",
    "pem.blank_line",
    "chain.misordered",
    "chain.duplicate",
    "chain.root_included",
    "chain.unrelated",
];

/// Runs every certificate-material rule over one input (the body of `check_material`).
pub(crate) fn run_material_rules(input: &CertificateInput<'_>) -> MaterialOutcome {
    let mut out = MaterialOutcome::default();
    let diags = &mut out.diagnostics;
    let base = input.paths.certificate.as_str();
    let field = if check_size(input.certificate, FieldKind::Certificate, base, diags) {
        None
    } else {
        Some(read_certificate_field(input.certificate))
    };
    let mut leaf_position = None;
    if let Some(field) = &field {
        let first_own = diags.len();
        let chain = check_field(field, input, diags);
        leaf_position = chain.leaf.or(if field.certificates.is_empty() {
            None
        } else {
            Some(0)
        });
        let summary_leaf = leaf_position.and_then(|p| field.certificates.get(p));
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
        out.leaf_names = summary_leaf.map(|c| CertificateNames {
            dns: c.dns_names.clone(),
            common_name: c.common_name.clone(),
        });
        out.normalized = normalize(field, &chain, input);
        if out.normalized.is_some() {
            let kept = chain.normalized_order(input.purpose).len();
            for d in diags.iter_mut().skip(first_own) {
                let fixed_too_deep = d.rule == CHAIN_TOO_DEEP.id && kept <= MAX_CHAIN_CERTIFICATES;
                if FIXED_BY_NORMALIZING.contains(&d.rule.as_str()) || fixed_too_deep {
                    d.fixed = true;
                }
            }
        }
    }
    let leaf = field
        .as_ref()
        .zip(leaf_position)
        .and_then(|(f, p)| f.certificates.get(p));
    let key_applies = input.purpose == CertificatePurpose::Server;
    if key_applies {
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
        check_key(&key_ctx, leaf, all, diags);
    }
    if let Some(domains) = input.domains {
        let names = check_domain_field(domains, &input.paths.domains, diags);
        if let Some(leaf_names) = &out.leaf_names {
            if input.purpose == CertificatePurpose::Server {
                check_coverage(&names, leaf_names, diags);
            }
        }
    }
    out
}

/// The certificate field's own rules: PEM text, parsing, count, chain, each certificate.
fn check_field(
    field: &CertificateField,
    input: &CertificateInput<'_>,
    out: &mut Vec<Diagnostic>,
) -> ChainAnalysis {
    let base = input.paths.certificate.as_str();
    issues_to_diagnostics(&field.issues, FieldKind::Certificate, base, out);
    for block in &field.foreign {
        out.push(unexpected_block(block, FieldKind::Certificate, base));
    }
    for bad in &field.malformed {
        out.push(malformed_certificate(bad, base));
    }
    let count = field.certificate_blocks;
    if count == 0 {
        let has_malformed = field
            .issues
            .iter()
            .any(|i| matches!(i, PemIssue::Malformed { .. }));
        let why = if has_malformed {
            "no readable certificate was found in the certificate field"
        } else {
            "the certificate field has no -----BEGIN CERTIFICATE----- block"
        };
        out.push(Diagnostic::new(
            &CHAIN_EMPTY,
            base,
            format!("{}{why}", "No certificate: "),
        ));
    }
    if count > MAX_CHAIN_CERTIFICATES {
        out.push(Diagnostic::new(
            &CHAIN_TOO_DEEP,
            base,
            format!(
                "The field has {count} certificates; at most {MAX_CHAIN_CERTIFICATES} are allowed (leaf, intermediates and root together)"
            ),
        ));
    }
    if input.purpose == CertificatePurpose::CaUpload && count > 1 {
        out.push(Diagnostic::new(
            &CA_SINGLE_CERTIFICATE,
            base,
            format!("UploadCACertificate takes exactly one CA certificate; this field has {count}: upload them one at a time"),
        ));
    }
    let verifier = crate::verifier::chosen(input.verifier.as_ref());
    let chain = analyse(&field.certificates, input.purpose, base, verifier, out);
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
    let unreadable = !field.malformed.is_empty()
        || field
            .issues
            .iter()
            .any(|i| matches!(i, PemIssue::Malformed { .. }))
        || field.certificates.is_empty();
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

/// Fingerprints of every certificate in a PEM field, with the reading problems.
pub(crate) fn fingerprint_field(
    pem: &str,
    algorithm: DigestAlgorithm,
    style: FingerprintStyle,
) -> FingerprintReport {
    let mut diagnostics = Vec::new();
    let base = "/certificate";
    let mut fingerprints = Vec::new();
    if !check_size(pem, FieldKind::Certificate, base, &mut diagnostics) {
        let field = read_certificate_field(pem);
        issues_to_diagnostics(
            &field.issues,
            FieldKind::Certificate,
            base,
            &mut diagnostics,
        );
        for bad in &field.malformed {
            diagnostics.push(malformed_certificate(bad, base));
        }
        for block in &field.foreign {
            diagnostics.push(unexpected_block(block, FieldKind::Certificate, base));
        }
        if field.certificate_blocks == 0 {
            diagnostics.push(Diagnostic::new(
                &CHAIN_EMPTY,
                base,
                "No certificate: the field has no readable CERTIFICATE block",
            ));
        }
        for cert in &field.certificates {
            let f = crate::model::crypto::fingerprints(&cert.der);
            fingerprints.push(match (algorithm, style) {
                (DigestAlgorithm::Sha1, FingerprintStyle::Hex) => f.sha1_hex,
                (DigestAlgorithm::Sha1, FingerprintStyle::Colon) => f.sha1_colon,
                (DigestAlgorithm::Sha256, FingerprintStyle::Hex) => f.sha256_hex,
                (DigestAlgorithm::Sha256, FingerprintStyle::Colon) => f.sha256_colon,
            });
        }
    }
    let report = crate::report::Report::new("fingerprint", diagnostics, None, None);
    FingerprintReport {
        valid: report.valid,
        errors: report.errors,
        warnings: report.warnings,
        diagnostics: report.diagnostics,
        fingerprints,
    }
}

/// Severity helper kept here so callers can escalate uniformly.
#[allow(dead_code)]
pub(crate) fn escalate(d: Diagnostic, to: Severity) -> Diagnostic {
    d.with_severity(to)
}

/// `cert.malformed` for a CERTIFICATE block that x509-parser could not read; the same words for
/// the full check and for fingerprints.
fn malformed_certificate(bad: &MalformedCertificate, base: &str) -> Diagnostic {
    Diagnostic::new(
        &CERT_MALFORMED,
        format!("{base}/chain/{}", bad.index),
        format!(
            "Certificate {} (the block on line {}) is not a valid X.509 certificate: {}",
            bad.index, bad.line, bad.reason
        ),
    )
}
