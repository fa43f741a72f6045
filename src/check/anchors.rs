//! The trust anchors of one check: the caller's roots (read like a certificate field by the
//! driver, their problems reported at their own path) and whether Mozilla's root store counts;
//! and the report's facts about them.

use super::input::CertificateInput;
use crate::context::Audience;
use crate::model::certificate::ParsedCertificate;
use crate::report::TrustFacts;
use crate::rules::chain::ChainAnalysis;
use crate::trust::{AnchorSource, Anchoring, TrustAnchors, STORE_DATE, STORE_SOURCE};

/// The anchors `input` asks for, over the roots read by [`read_roots`].
pub(super) fn anchors<'a>(
    input: &'a CertificateInput<'_>,
    roots: &'a [ParsedCertificate],
) -> TrustAnchors<'a> {
    TrustAnchors {
        public: input.public_roots,
        caller: roots,
        verifier: crate::verifier::chosen(input.verifier.as_ref()),
    }
}

/// The report's trust facts: the anchors used and where the path meets one.
pub(super) fn trust_facts(
    anchors: &TrustAnchors<'_>,
    chain: &ChainAnalysis,
    certs: &[ParsedCertificate],
    audience: Audience,
) -> TrustFacts {
    let (public, reason) = resolve_audience(audience, chain);
    TrustFacts {
        audience: if public { "public" } else { "private" }.to_string(),
        audience_reason: reason.to_string(),
        store: anchors.public.then(|| STORE_SOURCE.to_string()),
        store_date: anchors.public.then(|| STORE_DATE.to_string()),
        caller_roots: anchors.caller.len(),
        anchored: chain.anchoring.map(|(_, a)| a.anchored()),
        anchored_at: chain
            .anchoring
            .and_then(|(pos, _)| certs.get(pos))
            .map(|c| c.index),
        path: chain
            .path
            .iter()
            .filter_map(|&pos| certs.get(pos))
            .map(|c| c.index)
            .collect(),
        path_reason: chain.path_reason.clone(),
    }
}

/// The audience the client-acceptance lints are judged for (true: `public`) and why. `auto`
/// is `public` exactly when the path meets Mozilla's root store.
pub(super) fn resolve_audience(audience: Audience, chain: &ChainAnalysis) -> (bool, &'static str) {
    match audience {
        Audience::Public => (true, "the caller chose the public audience"),
        Audience::Private => (
            false,
            "the caller chose the private audience: the CA/Browser Forum and root program lints do not apply, only what TLS libraries refuse for any certificate",
        ),
        _ => match chain.anchoring.map(|(_, a)| a) {
            Some(Anchoring::IsAnchor(AnchorSource::PublicStore))
            | Some(Anchoring::IssuedByAnchor(AnchorSource::PublicStore)) => (
                true,
                "auto: the path anchors in Mozilla's root store, so browsers' rules apply",
            ),
            Some(_) => (
                false,
                "auto: the path anchors in a root the caller gave, not in Mozilla's root store: the CA/Browser Forum and root program lints do not apply (say audience public to apply them)",
            ),
            None => (
                false,
                "auto: the path does not anchor in Mozilla's root store: the CA/Browser Forum and root program lints do not apply (say audience public to apply them)",
            ),
        },
    }
}
