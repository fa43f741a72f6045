//! The trust anchors of one check: the caller's roots (read like a certificate field by the
//! driver, their problems reported at their own path) and whether Mozilla's root store counts;
//! and the report's facts about them.

use super::input::CertificateInput;
use crate::model::certificate::ParsedCertificate;
use crate::report::TrustFacts;
use crate::rules::chain::ChainAnalysis;
use crate::trust::{TrustAnchors, STORE_DATE, STORE_SOURCE};

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
) -> TrustFacts {
    TrustFacts {
        store: anchors.public.then(|| STORE_SOURCE.to_string()),
        store_date: anchors.public.then(|| STORE_DATE.to_string()),
        caller_roots: anchors.caller.len(),
        anchored: chain.anchoring.map(|(_, a)| a.anchored()),
        anchored_at: chain
            .anchoring
            .and_then(|(pos, _)| certs.get(pos))
            .map(|c| c.index),
    }
}
