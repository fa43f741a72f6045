//! Chain rules: order, linkage (by name and by verifying each signature), duplicates,
//! unrelated certificates, an incomplete chain, a root included.
#![allow(
    clippy::indexing_slicing,
    reason = "positions index `certs` and the per-position vectors built from it with the same length"
)]

use crate::context::CertificatePurpose;
use crate::findings::Findings;
use crate::model::certificate::ParsedCertificate;
use crate::model::crypto::{verify_signature, Verification};
use crate::rules::catalog::{
    CHAIN_BAD_SIGNATURE, CHAIN_DUPLICATE, CHAIN_INCOMPLETE, CHAIN_MISORDERED, CHAIN_ROOT_INCLUDED,
    CHAIN_UNRELATED, CHAIN_UNSUPPORTED_SIGNATURE,
};

/// What the chain analysis found, by position in the parsed-certificate list.
#[derive(Debug, Default)]
pub(crate) struct ChainAnalysis {
    /// The leaf (the certificate the path starts from).
    pub leaf: Option<usize>,
    /// The path from the leaf up, each issuer after its subject.
    pub path: Vec<usize>,
    /// Positions that repeat an earlier certificate.
    pub duplicates: Vec<usize>,
    /// Positions on no path from the leaf.
    pub unrelated: Vec<usize>,
    /// Per position: subject equals issuer and the signature verifies with its own key.
    pub self_signed: Vec<bool>,
    /// The path ends in a self-signed root that clients already have.
    pub root_included: bool,
    /// The input order differs from the path order.
    pub misordered: bool,
}

impl ChainAnalysis {
    /// The certificates the normalized bundle keeps, in order.
    pub(crate) fn normalized_order(&self, purpose: CertificatePurpose) -> Vec<usize> {
        match purpose {
            CertificatePurpose::Server => {
                let keep = if self.root_included {
                    self.path.len().saturating_sub(1)
                } else {
                    self.path.len()
                };
                self.path.iter().take(keep).copied().collect()
            }
            _ => (0..self.self_signed.len())
                .filter(|i| !self.duplicates.contains(i))
                .collect(),
        }
    }
}

/// Describes certificate `cert` for messages: `certificate 2 (CN=example.com)`.
pub(crate) fn describe(cert: &ParsedCertificate) -> String {
    match &cert.common_name {
        Some(cn) => format!("certificate {} (CN={cn})", cert.index),
        None => format!("certificate {} ({})", cert.index, cert.subject),
    }
}

fn path_of(base: &str, cert: &ParsedCertificate) -> String {
    format!("{base}/chain/{}", cert.index)
}

/// Analyses the parsed certificates of one field and emits the chain rules.
pub(crate) fn analyse(
    certs: &[ParsedCertificate],
    purpose: CertificatePurpose,
    base: &str,
    out: &mut Findings,
) -> ChainAnalysis {
    let n = certs.len();
    let mut analysis = ChainAnalysis {
        self_signed: vec![false; n],
        ..ChainAnalysis::default()
    };
    if n == 0 {
        return analysis;
    }
    // Duplicates: the same DER again.
    for (j, cert) in certs.iter().enumerate() {
        if let Some(first) = certs[..j].iter().position(|c| c.der == cert.der) {
            if !analysis.duplicates.contains(&first) {
                analysis.duplicates.push(j);
                out.emit(
                    &CHAIN_DUPLICATE,
                    path_of(base, cert),
                    format!(
                        "{} is the same certificate as certificate {}; remove the repeat",
                        describe(cert),
                        certs[first].index
                    ),
                );
            }
        }
    }
    let unique: Vec<usize> = (0..n)
        .filter(|i| !analysis.duplicates.contains(i))
        .collect();
    for &i in &unique {
        let c = &certs[i];
        if c.subject_raw == c.issuer_raw {
            match verify_signature(c, c) {
                Verification::Valid => analysis.self_signed[i] = true,
                Verification::Unsupported(_) => analysis.self_signed[i] = true,
                Verification::Invalid => {
                    out.emit(
                    &CHAIN_BAD_SIGNATURE,
                    path_of(base, c),
                    format!(
                        "{} names itself as issuer but its signature does not verify with its own public key",
                        describe(c)
                    ),
                );
                }
            }
        }
    }
    if purpose != CertificatePurpose::Server {
        return analysis;
    }
    let issued_by = |child: usize, parent: usize| {
        child != parent && certs[child].issuer_raw == certs[parent].subject_raw
    };
    // The leaf: among the certificates that issued none of the others, the one with the
    // longest path (ties: the earliest), so a stray certificate first does not become the leaf.
    let mut best: Option<(usize, Walk)> = None;
    for &candidate in unique
        .iter()
        .filter(|&&i| !unique.iter().any(|&j| issued_by(j, i)))
    {
        let walk = walk_up(certs, &unique, &analysis.self_signed, candidate, &issued_by);
        if best
            .as_ref()
            .is_none_or(|(_, b)| walk.path.len() > b.path.len())
        {
            best = Some((candidate, walk));
        }
    }
    let (leaf, walk) = match best {
        Some(found) => found,
        None => {
            let first = unique.first().copied().unwrap_or(0);
            (
                first,
                walk_up(certs, &unique, &analysis.self_signed, first, &issued_by),
            )
        }
    };
    analysis.leaf = Some(leaf);
    analysis.path = walk.path;
    for (child, issuer, verdict) in walk.links {
        match verdict {
            Verification::Valid => {}
            Verification::Invalid => {
                out.emit(
                &CHAIN_BAD_SIGNATURE,
                path_of(base, &certs[child]),
                format!(
                    "The signature of {} does not verify with the public key of {}, its issuer by name; one of them is corrupted or forged",
                    describe(&certs[child]),
                    describe(&certs[issuer])
                ),
            );
            }
            Verification::Unsupported(what) => {
                out.emit(
                &CHAIN_UNSUPPORTED_SIGNATURE,
                path_of(base, &certs[child]),
                format!(
                    "The signature of {} ({}) could not be verified: {what} is not supported, so only the names were matched",
                    describe(&certs[child]),
                    certs[child].signature_name
                ),
            );
            }
        }
    }
    // A path ending in a CA is taken to end below a root that clients trust (the usual
    // leaf+intermediate bundle); a path ending in an end-entity certificate lacks its issuer.
    let last = analysis.path.last().copied().unwrap_or(leaf);
    if !analysis.self_signed[last] && certs[last].basic_constraints_ca != Some(true) {
        out.emit(
            &CHAIN_INCOMPLETE,
            path_of(base, &certs[last]),
            format!(
                "{} was issued by \"{}\", which is not in the bundle; add the intermediate certificate(s) after it",
                describe(&certs[last]),
                certs[last].issuer
            ),
        );
    }
    analysis.unrelated = unique
        .iter()
        .copied()
        .filter(|i| !analysis.path.contains(i))
        .collect();
    for &i in &analysis.unrelated {
        out.emit(
            &CHAIN_UNRELATED,
            path_of(base, &certs[i]),
            format!(
                "{} is not on the path from the leaf ({}) to its root: it neither issued nor was issued by the chain's certificates; remove it",
                describe(&certs[i]),
                describe(&certs[leaf])
            ),
        );
    }
    analysis.root_included = analysis.path.len() > 1 && analysis.self_signed[last];
    if analysis.root_included {
        out.emit(
            &CHAIN_ROOT_INCLUDED,
            path_of(base, &certs[last]),
            format!(
                "{} is a self-signed root; clients already have their roots, so it can be left out",
                describe(&certs[last])
            ),
        );
    }
    // Misordered: the path members do not appear in path order, or the leaf is not first.
    let input_order: Vec<usize> = (0..n).filter(|i| analysis.path.contains(i)).collect();
    analysis.misordered = input_order != analysis.path || leaf != 0;
    if analysis.misordered {
        let order: Vec<String> = analysis.path.iter().map(|&i| describe(&certs[i])).collect();
        out.emit(
            &CHAIN_MISORDERED,
            base,
            format!(
                "The certificates are out of order: the leaf must come first and each issuer right after the certificate it issued; the right order is {}",
                order.join(", then ")
            ),
        );
    }
    analysis
}

/// A path walked up from a leaf, with the verdict of each link.
struct Walk {
    path: Vec<usize>,
    links: Vec<(usize, usize, Verification)>,
}

/// Follows issuers up from `leaf`: by name, preferring an issuer whose key verifies the
/// signature, then one whose algorithm cannot be checked, then a name match that fails.
fn walk_up(
    certs: &[ParsedCertificate],
    unique: &[usize],
    self_signed: &[bool],
    leaf: usize,
    issued_by: &dyn Fn(usize, usize) -> bool,
) -> Walk {
    let mut walk = Walk {
        path: vec![leaf],
        links: Vec::new(),
    };
    let mut current = leaf;
    while !self_signed[current] {
        let verdicts: Vec<(usize, Verification)> = unique
            .iter()
            .copied()
            .filter(|&j| issued_by(current, j) && !walk.path.contains(&j))
            .map(|j| (j, verify_signature(&certs[current], &certs[j])))
            .collect();
        let chosen = verdicts
            .iter()
            .position(|(_, v)| *v == Verification::Valid)
            .or_else(|| {
                verdicts
                    .iter()
                    .position(|(_, v)| matches!(v, Verification::Unsupported(_)))
            })
            .or(if verdicts.is_empty() { None } else { Some(0) });
        let Some((issuer, verdict)) = chosen.and_then(|k| verdicts.into_iter().nth(k)) else {
            break;
        };
        walk.links.push((current, issuer, verdict));
        walk.path.push(issuer);
        current = issuer;
    }
    walk
}
