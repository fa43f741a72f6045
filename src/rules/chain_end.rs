//! Where the path from the leaf ends, judged against the trust anchors (Mozilla's root store
//! and the caller's roots): at or below an anchor (trusted), at a self-signed root that is no
//! anchor (`chain.untrusted_root`), or at a certificate whose issuer is missing
//! (`chain.incomplete`, naming that issuer: its name, the key identifier from the Authority
//! Key Identifier, the AIA caIssuers URLs). A root at the end is `chain.root_included`.

use crate::catalog::{CHAIN_INCOMPLETE, CHAIN_ROOT_INCLUDED, CHAIN_UNTRUSTED_ROOT};
use crate::findings::Findings;
use crate::model::certificate::ParsedCertificate;
use crate::report::MissingIssuer;
use crate::rules::chain::{describe, path_of, ChainAnalysis};
use crate::text::hex::colon;
use crate::trust::{Anchoring, TrustAnchors, STORE_DATE};

/// Judges the path's end and records what it found in `analysis`.
pub(crate) fn judge_path_end(
    certs: &[ParsedCertificate],
    anchors: &TrustAnchors<'_>,
    analysis: &mut ChainAnalysis,
    base: &str,
    out: &mut Findings,
) {
    let Some(&last) = analysis.path.last() else {
        return;
    };
    let Some(end) = certs.get(last) else {
        return;
    };
    analysis.anchoring = first_anchoring(certs, &analysis.path, anchors);
    let self_signed = analysis.self_signed.get(last).copied().unwrap_or(false);
    let root_is_anchor = self_signed && anchors.is_anchor(end);
    if self_signed {
        analysis.root_included = analysis.path.len() > 1;
        if analysis.root_included {
            let why = if root_is_anchor {
                "clients already have their roots, so it can be left out".to_string()
            } else {
                format!(
                    "it is not in {}, so clients have it only where it was installed, and sending it does not change that: it can be left out",
                    store_words(anchors)
                )
            };
            out.emit(
                CHAIN_ROOT_INCLUDED,
                path_of(base, end),
                format!("{} is a self-signed root; {why}", describe(end)),
            );
        }
    }
    if analysis.anchoring.is_some() {
        return;
    }
    if self_signed {
        out.emit(
            CHAIN_UNTRUSTED_ROOT,
            path_of(base, end),
            format!(
                "The chain ends at {}, a self-signed root (its own issuer) that is not in {}: clients will not trust it unless it is installed on them; a private CA is fine if that is intended (give its root as a trust anchor to say so)",
                describe(end),
                store_words(anchors)
            ),
        );
        return;
    }
    let missing = missing_issuer(end);
    out.emit(
        CHAIN_INCOMPLETE,
        path_of(base, end),
        format!(
            "{} was issued by {}, which is neither in the bundle nor in {}; add that certificate after it (or, for a private CA, give its root as a trust anchor)",
            describe(end),
            name_missing(&missing),
            store_words(anchors)
        ),
    );
    analysis.missing_issuer = Some(missing);
}

/// The first certificate of `path` that is, or was issued by, a trust anchor: clients stop
/// there.
pub(crate) fn first_anchoring(
    certs: &[ParsedCertificate],
    path: &[usize],
    anchors: &TrustAnchors<'_>,
) -> Option<(usize, Anchoring)> {
    path.iter().find_map(|&i| {
        certs
            .get(i)
            .and_then(|c| anchors.anchoring(c))
            .map(|a| (i, a))
    })
}

/// The anchors in words: `Mozilla's root store (2026-05-20)`, `the given roots`, or both.
fn store_words(anchors: &TrustAnchors<'_>) -> String {
    match (anchors.public, anchors.caller.is_empty()) {
        (true, true) => format!("Mozilla's root store ({STORE_DATE})"),
        (true, false) => format!("Mozilla's root store ({STORE_DATE}) nor among the given roots"),
        (false, _) => "the given roots (public roots are off)".to_string(),
    }
}

/// The issuer of `cert` as `cert` names it.
pub(crate) fn missing_issuer(cert: &ParsedCertificate) -> MissingIssuer {
    MissingIssuer {
        certificate: cert.index,
        name: cert.issuer.clone(),
        key_id: cert.links.authority_key_id.as_deref().map(colon),
        ca_issuers: cert.links.ca_issuers.clone(),
    }
}

/// `"CN=..." (key identifier AB:CD:..., downloadable from http://...)` for messages.
pub(crate) fn name_missing(missing: &MissingIssuer) -> String {
    let mut text = format!("\"{}\"", missing.name);
    let mut details = Vec::new();
    if let Some(id) = &missing.key_id {
        details.push(format!("key identifier {id}"));
    }
    if !missing.ca_issuers.is_empty() {
        details.push(format!(
            "its certificate says it can be downloaded from {}",
            crate::text::join(&missing.ca_issuers, " or ")
        ));
    }
    if !details.is_empty() {
        text.push_str(&format!(" ({})", crate::text::join(&details, "; ")));
    }
    text
}
