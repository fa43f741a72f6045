//! The certificate driver: reads the certificate field into the model once, runs the
//! certificate-material rules over it in order, and builds the normalized bundle (the
//! mechanical fix).

use super::anchors;
use super::client_path::{judge_candidate, path_members};
use super::input::CertificateInput;
use crate::catalog::{
    CA_SINGLE_CERTIFICATE, CERT_MALFORMED, CHAIN_EMPTY, CHAIN_TOO_DEEP, PEM_PKCS7,
};
use crate::context::CertificatePurpose;
use crate::findings::{FieldSplit, Findings};
use crate::input::pem::{encode_block, PemIssue};
use crate::model::certificate::ParsedCertificate;
use crate::model::key_encoding::ConvertedKey;
use crate::model::{
    is_key_material_label, read_certificate_field, CertificateField, MalformedCertificate,
};
use crate::report::CertificateSummary;
use crate::rules::certificate::{check_certificates, facts, CertificateContext};
use crate::rules::chain::{analyse, ChainAnalysis};
use crate::rules::chain_end::judge_path_end;
use crate::rules::domain::{check_coverage, check_peer_names, CertificateNames};
use crate::rules::key::{check_key, KeyBlockFacts, KeyContext};
use crate::rules::path::check_path;
use crate::rules::pem::{
    check_size, issues_to_diagnostics, unexpected_block, FieldKind, SizeLimit,
};
use crate::trust::TrustAnchors;

/// What the core found in a certificate field: findings, facts, the fix, and the leaf's
/// names (for domain coverage checks done by the caller).
#[derive(Debug, Clone, Default)]
pub(crate) struct MaterialOutcome {
    pub findings: Findings,
    pub summary: Option<CertificateSummary>,
    pub normalized: Option<String>,
    /// DNS subject alternative names and common name of the leaf, when a leaf was parsed.
    pub leaf_names: Option<crate::rules::domain::CertificateNames>,
    /// Every certificate read, the certificate field's first, then the chain field's, each
    /// parsed once: what an operation's own rules read (never re-parsed).
    pub certificates: Vec<ParsedCertificate>,
    /// Position of the leaf in `certificates`.
    pub leaf: Option<usize>,
    /// Certificate blocks in the certificate field (the leaf field when the chain is apart).
    pub certificate_field_blocks: usize,
    /// With the chain apart: the normalized leaf field and chain field, when they differ from
    /// the input (field path, value).
    pub normalized_fields: Vec<(String, String)>,
    /// The label and lines of the key block judged (never its content).
    pub key_block: Option<KeyBlockFacts>,
    /// The key in the encoding the target takes, when the input asked for it (`fix_key`)
    /// and that differs from what was given: DER, written as PEM only by the entry points
    /// that hand it back (so the npm modules, which never call them, link no key encoder).
    pub normalized_key: Option<ConvertedKey>,
    /// The path ends at a self-signed root that is no trust anchor (what
    /// `chain.untrusted_root` reports), for an operation that reports it as its own rule.
    pub untrusted_root: bool,
}

impl MaterialOutcome {
    /// Nothing found yet; findings are made under the input's policies (the operation's).
    pub(super) fn under(input: &CertificateInput<'_>) -> Self {
        MaterialOutcome {
            findings: Findings::with_policies(input.policies.clone()),
            ..MaterialOutcome::default()
        }
    }
}

/// Runs every certificate-material rule over one input (the body of `check_material`).
pub(super) fn run(input: &CertificateInput<'_>) -> MaterialOutcome {
    let mut out = MaterialOutcome::under(input);
    let findings = &mut out.findings;
    let base = input.paths.certificate.as_str();
    let mark = findings.len();
    let combined = input.combined;
    let limit = input.limits.certificate;
    let mut field = read_field(input.certificate, (base, limit), combined, findings);
    let leaf_blocks = field.as_ref().map_or(0, |f| f.certificate_blocks);
    out.certificate_field_blocks = leaf_blocks;
    let chain_text = input.chain.filter(|text| !text.trim().is_empty());
    if let (Some(field), Some(text)) = (field.as_mut(), chain_text) {
        let chain_path = input.paths.chain.as_str();
        let limit = input.limits.chain;
        if let Some(chain) = read_field(text, (chain_path, limit), false, findings) {
            append_chain_field(field, chain);
        }
    }
    if let (Some(field), true) = (field.as_ref(), input.chain.is_some()) {
        findings.split_fields(FieldSplit {
            base: base.to_string(),
            chain: input.paths.chain.clone(),
            leaf_blocks,
            leaf_repeats: leaf_repeats(&field.certificates, leaf_blocks),
        });
    }
    let roots = input
        .roots
        .and_then(|text| {
            let limit = SizeLimit::SEED_CERTIFICATE;
            read_field(text, (&input.paths.roots, limit), false, findings)
        })
        .map(|field| field.certificates)
        .unwrap_or_default();
    let anchors = anchors::anchors(input, &roots);
    #[cfg(feature = "intermediates")]
    if let (Some(field), Some(pool)) = (field.as_mut(), input.intermediates) {
        super::pool::complete(field, pool, &anchors, input, findings);
    }
    let mut leaf_position = None;
    if let Some(field) = &field {
        let chain = check_field(field, input, &anchors, findings);
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
            missing_issuer: chain.missing_issuer.clone(),
            trust: (input.purpose == CertificatePurpose::Server).then(|| {
                anchors::trust_facts(&anchors, &chain, &field.certificates, input.audience)
            }),
        });
        out.leaf_names = leaf_position
            .and_then(|p| field.certificates.get(p))
            .map(|c| CertificateNames {
                dns: c.dns_names.clone(),
                common_name: c.common_name.clone(),
                ip_addresses: c
                    .alt_names
                    .iter()
                    .filter(|name| !c.dns_names.contains(name))
                    .cloned()
                    .collect(),
            });
        out.normalized = normalize(field, &chain, input);
        if input.chain.is_some() {
            out.normalized_fields = normalize_apart(field, &chain, input, leaf_blocks);
        }
        if out.normalized.is_some() || !out.normalized_fields.is_empty() {
            // The normalized bundle keeps this many certificates: `chain.too_deep` is fixed only
            // when that is within the limit.
            let kept = chain.normalized_order(input.purpose).len();
            findings.normalized_resolves_since(mark, kept <= input.limits.max_certificates);
        }
        out.untrusted_root = input.purpose == CertificatePurpose::Server
            && chain.anchoring.is_none()
            && chain
                .path
                .last()
                .is_some_and(|&end| chain.self_signed.get(end).copied().unwrap_or(false));
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
            limit: input.limits.key,
            combined: input.combined,
            fix_key: input.fix_key,
            key_encoding: input.key_encoding,
            password: input.key_password,
        };
        let all = field
            .as_ref()
            .map(|f| f.certificates.as_slice())
            .unwrap_or(&[]);
        let key = check_key(&key_ctx, leaf, all, findings);
        out.key_block = key.block;
        out.normalized_key = key.converted;
    }
    if let Some(domains) = input.domains {
        let names = check_peer_names(domains, &input.paths.domains, findings);
        if let Some(leaf_names) = &out.leaf_names {
            if input.purpose == CertificatePurpose::Server {
                check_coverage(&names, leaf_names, findings);
            }
        }
    }
    out.leaf = leaf_position;
    out.certificates = field.map(|f| f.certificates).unwrap_or_default();
    out
}

/// Appends a separate chain field's certificates after the leaf field's, numbered after them,
/// so the chain rules judge the two fields as the one bundle the provider builds.
fn append_chain_field(field: &mut CertificateField, chain: CertificateField) {
    let offset = field.certificate_blocks;
    field.certificate_blocks += chain.certificate_blocks;
    field
        .certificates
        .extend(chain.certificates.into_iter().map(|mut c| {
            c.index += offset;
            c
        }));
    field.issues.extend(chain.issues);
    field
        .malformed
        .extend(chain.malformed.into_iter().map(|mut m| {
            m.index += offset;
            m
        }));
}

/// Bundle indices of the chain field's certificates that repeat one of the leaf field's.
fn leaf_repeats(certificates: &[ParsedCertificate], leaf_blocks: usize) -> Vec<usize> {
    let (leaf_field, chain_field): (Vec<_>, Vec<_>) =
        certificates.iter().partition(|c| c.index < leaf_blocks);
    chain_field
        .iter()
        .filter(|c| leaf_field.iter().any(|l| l.der == c.der))
        .map(|c| c.index)
        .collect()
}

/// Reads the certificate field into the model once, with the rules about reading it: size,
/// PEM text, blocks of another kind, certificates that do not parse, no certificate at all.
/// `None` when the field is too large to read. The full check and `fingerprint_field` both
/// start here.
pub(super) fn read_field(
    text: &str,
    (base, limit): (&str, SizeLimit),
    keys_belong: bool,
    out: &mut Findings,
) -> Option<CertificateField> {
    if check_size(text, FieldKind::Certificate, limit, base, out) {
        return None;
    }
    let field = read_certificate_field(text);
    issues_to_diagnostics(&field.issues, FieldKind::Certificate, base, out);
    for block in &field.foreign {
        // In a combined text (Key Vault's `value`) the key blocks are read by the key rules.
        if !(keys_belong && is_key_material_label(&block.label)) {
            unexpected_block(block, FieldKind::Certificate, base, out);
        }
    }
    for bad in &field.malformed {
        malformed_certificate(bad, base, out);
    }
    for bundle in &field.pkcs7 {
        out.emit(
            PEM_PKCS7,
            base,
            format!(
                "The block on line {} is a PKCS#7 bundle (.p7b/.p7c) of {} certificate(s); the providers take PEM certificates: use the normalized output (cert --fix), or `openssl pkcs7 -print_certs -in FILE.p7b` and drop its subject/issuer lines",
                bundle.line, bundle.certificates
            ),
        );
    }
    if field.certificate_blocks == 0 {
        let why = if has_malformed_pem(&field) {
            "no readable certificate was found in the certificate field"
        } else {
            "the certificate field has no -----BEGIN CERTIFICATE----- block"
        };
        out.emit(CHAIN_EMPTY, base, format!("No certificate: {why}"));
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
    anchors: &TrustAnchors<'_>,
    out: &mut Findings,
) -> ChainAnalysis {
    let base = input.paths.certificate.as_str();
    let count = field.certificate_blocks;
    let most = input.limits.max_certificates;
    if count > most {
        out.emit(
            CHAIN_TOO_DEEP,
            base,
            format!(
                "The field has {count} certificates; at most {most} are allowed (leaf, intermediates and root together)"
            ),
        );
    }
    if input.purpose == CertificatePurpose::CaUpload && count > 1 {
        out.emit(
            CA_SINGLE_CERTIFICATE,
            base,
            format!("UploadCACertificate takes exactly one CA certificate; this field has {count}: upload them one at a time"),
        );
    }
    let verifier = crate::verifier::chosen(input.verifier.as_ref());
    let judge = |path: &[usize], self_signed: &[bool]| {
        judge_candidate(&field.certificates, path, self_signed, anchors, input)
    };
    let mut chain = analyse(
        &field.certificates,
        input.purpose,
        base,
        verifier,
        &judge,
        out,
    );
    if input.purpose == CertificatePurpose::Server {
        judge_path_end(&field.certificates, anchors, &mut chain, base, out);
        let members = path_members(&field.certificates, &chain, anchors, input);
        check_path(&members, input.now.unix_seconds(), out);
    }
    let ctx = CertificateContext {
        purpose: input.purpose,
        profile: input.profile,
        now: input.now,
        expiry_warning_days: input.expiry_warning_days,
        validity_floor: input.validity_floor,
        base,
        public_audience: anchors::resolve_audience(input.audience, &chain).0,
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

/// With the chain apart: the leaf field as the leaf alone and the chain field as the rest in
/// order, each when it differs from what was given.
fn normalize_apart(
    field: &CertificateField,
    chain: &ChainAnalysis,
    input: &CertificateInput<'_>,
    leaf_blocks: usize,
) -> Vec<(String, String)> {
    if !field.malformed.is_empty() || has_malformed_pem(field) || field.certificates.is_empty() {
        return Vec::new();
    }
    let blocks: Vec<String> = chain
        .normalized_order(input.purpose)
        .iter()
        .filter_map(|&pos| field.certificates.get(pos))
        .map(|c| encode_block("CERTIFICATE", &c.der))
        .collect();
    let Some((leaf, rest)) = blocks.split_first() else {
        return Vec::new();
    };
    let rest: String = rest.concat();
    let given_chain = input.chain.unwrap_or_default();
    let mut fields = Vec::new();
    if leaf != input.certificate || leaf_blocks != 1 {
        fields.push((input.paths.certificate.clone(), leaf.clone()));
    }
    if rest != given_chain {
        fields.push((input.paths.chain.clone(), rest));
    }
    fields
}

/// `cert.malformed` for a CERTIFICATE block that x509-parser could not read.
fn malformed_certificate(bad: &MalformedCertificate, base: &str, out: &mut Findings) {
    out.emit(
        CERT_MALFORMED,
        format!("{base}/chain/{}", bad.index),
        format!(
            "Certificate {} (the block on line {}) is not a valid X.509 certificate: {}",
            bad.index, bad.line, bad.reason
        ),
    );
}
