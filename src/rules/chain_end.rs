//! Where the path from the leaf ends: at a self-signed root (`chain.root_included`), or at a
//! certificate whose issuer is missing (`chain.incomplete`, naming that issuer: its name, the
//! key identifier from the Authority Key Identifier, the AIA caIssuers URLs).

use crate::model::certificate::ParsedCertificate;
use crate::model::crypto::colon;
use crate::report::{Diagnostic, MissingIssuer};
use crate::rules::catalog::{CHAIN_INCOMPLETE, CHAIN_ROOT_INCLUDED};
use crate::rules::chain::{capital, describe, path_of, ChainAnalysis};

/// Judges the last certificate of `analysis.path` and records what it found in `analysis`.
pub(crate) fn judge_path_end(
    certs: &[ParsedCertificate],
    analysis: &mut ChainAnalysis,
    base: &str,
    out: &mut Vec<Diagnostic>,
) {
    let Some(&last) = analysis.path.last() else {
        return;
    };
    let end = &certs[last];
    if analysis.self_signed[last] {
        analysis.root_included = analysis.path.len() > 1;
        if analysis.root_included {
            out.push(Diagnostic::new(
                &CHAIN_ROOT_INCLUDED,
                path_of(base, end),
                format!(
                    "{} is a self-signed root; clients already have their roots, so it can be left out",
                    capital(&describe(end))
                ),
            ));
        }
        return;
    }
    // A path ending in a CA is taken to end below a root that clients trust (the usual
    // leaf+intermediate bundle); a path ending in an end-entity certificate lacks its issuer.
    if end.basic_constraints_ca == Some(true) {
        return;
    }
    let missing = missing_issuer(end);
    out.push(Diagnostic::new(
        &CHAIN_INCOMPLETE,
        path_of(base, end),
        format!(
            "{} was issued by {}, which is not in the bundle; add that intermediate certificate after it",
            capital(&describe(end)),
            name_missing(&missing)
        ),
    ));
    analysis.missing_issuer = Some(missing);
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
            missing.ca_issuers.join(" or ")
        ));
    }
    if !details.is_empty() {
        text.push_str(&format!(" ({})", details.join("; ")));
    }
    text
}
