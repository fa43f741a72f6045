//! The path a client validates, for the driver's path rules and for the best-path search
//! (`chain::best_path` asks how a client judges each candidate path): shared by the material
//! driver and the pool completion.

use super::input::CertificateInput;
use crate::findings::Findings;
use crate::model::certificate::ParsedCertificate;
use crate::rules::chain::ChainAnalysis;
use crate::rules::chain_end::first_anchoring;
use crate::rules::path::{check_path, PathMember};
use crate::trust::{AnchorSource, Anchoring, TrustAnchors};

/// How a client judges one candidate path (see `chain::best_path`): whether it meets a trust
/// anchor, and how many errors the path rules and the validity of its certificates give it.
pub(super) fn judge_candidate(
    certs: &[ParsedCertificate],
    path: &[usize],
    self_signed: &[bool],
    anchors: &TrustAnchors<'_>,
    input: &CertificateInput<'_>,
) -> (bool, usize) {
    let candidate = ChainAnalysis {
        path: path.to_vec(),
        self_signed: self_signed.to_vec(),
        anchoring: first_anchoring(certs, path, anchors),
        ..ChainAnalysis::default()
    };
    let members = path_members(certs, &candidate, anchors, input);
    let now = input.now.unix_seconds();
    let mut scratch = Findings::new();
    check_path(&members, now, &mut scratch);
    let expired = members
        .iter()
        .filter(|m| m.cert.not_after < now || m.cert.not_before > now)
        .count();
    let errors = scratch
        .into_diagnostics(&crate::findings::ErrorCodes::CATALOGUE)
        .iter()
        .filter(|d| d.severity == crate::report::Severity::Error)
        .count();
    (candidate.anchoring.is_some(), errors + expired)
}

/// The path a client validates: the chain's path up to where it meets a trust anchor, and the
/// caller's root that issued its last certificate, when one did.
pub(super) fn path_members<'a>(
    certs: &'a [ParsedCertificate],
    chain: &ChainAnalysis,
    anchors: &TrustAnchors<'a>,
    input: &CertificateInput<'_>,
) -> Vec<PathMember<'a>> {
    let base = input.paths.certificate.as_str();
    let end = chain
        .anchoring
        .and_then(|(pos, _)| chain.path.iter().position(|&p| p == pos))
        .map_or(chain.path.len(), |i| i + 1);
    let mut members: Vec<PathMember<'a>> = chain
        .path
        .iter()
        .take(end)
        .filter_map(|&pos| certs.get(pos).map(|cert| (pos, cert)))
        .map(|(pos, cert)| PathMember {
            cert,
            pointer: format!("{base}/chain/{}", cert.index),
            self_signed: chain.self_signed.get(pos).copied().unwrap_or(false),
            caller_anchor: false,
            trust_anchor: matches!(chain.anchoring, Some((at, Anchoring::IsAnchor(_))) if at == pos),
        })
        .collect();
    let issued_by_caller_root = matches!(
        chain.anchoring,
        Some((_, Anchoring::IssuedByAnchor(AnchorSource::CallerRoots)))
    );
    if let Some(root) = members
        .last()
        .filter(|_| issued_by_caller_root)
        .and_then(|last| anchors.caller_issuer(last.cert))
    {
        members.push(PathMember {
            cert: root,
            pointer: format!("{}/chain/{}", input.paths.roots, root.index),
            self_signed: root.subject_raw == root.issuer_raw,
            caller_anchor: true,
            trust_anchor: true,
        });
    }
    members
}
