//! Chain rules: order, linkage (by name and by verifying each signature), duplicates,
//! unrelated certificates, an incomplete chain, a root included.
#![allow(
    clippy::indexing_slicing,
    reason = "positions index `certs` and the per-position vectors built from it with the same length"
)]

use crate::catalog::{
    CHAIN_BAD_SIGNATURE, CHAIN_DUPLICATE, CHAIN_MISORDERED, CHAIN_UNRELATED,
    CHAIN_UNSUPPORTED_SIGNATURE,
};
use crate::context::CertificatePurpose;
use crate::findings::Findings;
use crate::model::certificate::ParsedCertificate;
use crate::model::crypto::{verify_signature, Verification};
use crate::report::MissingIssuer;
use crate::trust::Anchoring;
use crate::verifier::SignatureVerifier;

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
    /// Per position: the signature verifies with the certificate's own key (subject equals
    /// issuer, and the own key made the signature: self-issued alone is not self-signed).
    pub self_signed: Vec<bool>,
    /// The path ends in a self-signed root that clients already have.
    pub root_included: bool,
    /// The input order differs from the path order.
    pub misordered: bool,
    /// Who issued the path's last certificate, when that issuer is missing.
    pub missing_issuer: Option<MissingIssuer>,
    /// The first certificate of the path that is, or was issued by, a trust anchor.
    pub anchoring: Option<(usize, Anchoring)>,
    /// Why the path is this one, for the report (issue 26: "say which path was chosen and
    /// why").
    pub path_reason: String,
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

pub(crate) fn path_of(base: &str, cert: &ParsedCertificate) -> String {
    format!("{base}/chain/{}", cert.index)
}

/// Analyses the parsed certificates of one field and emits the chain rules; where the path
/// ends is judged after, against the trust anchors (`chain_end::judge_path_end`).
pub(crate) fn analyse(
    certs: &[ParsedCertificate],
    purpose: CertificatePurpose,
    base: &str,
    verifier: &dyn SignatureVerifier,
    judge: &PathJudge<'_>,
    out: &mut Findings,
) -> ChainAnalysis {
    let mut analysis = ChainAnalysis {
        self_signed: vec![false; certs.len()],
        ..ChainAnalysis::default()
    };
    if certs.is_empty() {
        return analysis;
    }
    analysis.duplicates = find_duplicates(certs, base, out);
    let unique: Vec<usize> = (0..certs.len())
        .filter(|i| !analysis.duplicates.contains(i))
        .collect();
    find_self_signed(
        certs,
        &unique,
        &mut analysis.self_signed,
        base,
        verifier,
        out,
    );
    if purpose != CertificatePurpose::Server {
        return analysis;
    }
    let (leaf, first_walk) = choose_leaf(certs, &unique, &analysis.self_signed, verifier);
    let chosen = best_path(certs, &unique, &analysis.self_signed, leaf, verifier, judge)
        .unwrap_or_else(|| ChosenPath {
            walk: first_walk,
            reason: ONLY_PATH.to_string(),
            candidates: Vec::new(),
        });
    let walk = chosen.walk;
    analysis.path_reason = chosen.reason;
    analysis.leaf = Some(leaf);
    out.leaf_chosen(base, leaf);
    analysis.path = walk.path;
    report_links(certs, &walk.links, base, out);
    analysis.unrelated = unique
        .iter()
        .copied()
        .filter(|i| !analysis.path.contains(i))
        .collect();
    let other_paths = Unrelated {
        path: &analysis.path,
        on_other_paths: &chosen.candidates,
    };
    report_unrelated(certs, &analysis.unrelated, &other_paths, base, out);
    analysis.misordered = report_order(certs, &analysis.path, leaf, base, out);
    analysis
}

/// `chain.duplicate`: the same DER again. Returns the positions of the repeats.
fn find_duplicates(certs: &[ParsedCertificate], base: &str, out: &mut Findings) -> Vec<usize> {
    let mut duplicates = Vec::new();
    for (j, cert) in certs.iter().enumerate() {
        if let Some(first) = certs[..j].iter().position(|c| c.der == cert.der) {
            if !duplicates.contains(&first) {
                duplicates.push(j);
                out.emit(
                    CHAIN_DUPLICATE,
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
    duplicates
}

/// Marks the self-signed certificates among `unique`, and emits `chain.bad_signature` for one
/// that names itself as issuer, claims its own key, and verifies with no key at hand.
///
/// Self-signed is decided by the certificate's own key: the same name alone is only
/// "self-issued" (RFC 5280 6.1), as in a CA key rollover, and such a CA certificate is an
/// intermediate like any other.
fn find_self_signed(
    certs: &[ParsedCertificate],
    unique: &[usize],
    self_signed: &mut [bool],
    base: &str,
    verifier: &dyn SignatureVerifier,
    out: &mut Findings,
) {
    for &i in unique {
        let c = &certs[i];
        if c.subject_raw != c.issuer_raw {
            continue;
        }
        match verify_signature(c, c, verifier) {
            Verification::Valid => self_signed[i] = true,
            // Cannot check: trust the key identifiers, else the names, and say so.
            Verification::Unsupported(what) => {
                self_signed[i] = claims_own_key(c);
                if self_signed[i] {
                    out.emit(
                        CHAIN_UNSUPPORTED_SIGNATURE,
                        path_of(base, c),
                        format!(
                            "The signature of {} ({}) could not be verified with its own key: {what} is not supported, so it is taken as self-signed by its names and key identifiers",
                            describe(c),
                            c.signature_name
                        ),
                    );
                }
            }
            Verification::Invalid | Verification::WrongKeyType(_) => {
                let issued_by_another = unique.iter().any(|&j| {
                    j != i
                        && certs[j].subject_raw == c.issuer_raw
                        && verify_signature(c, &certs[j], verifier) == Verification::Valid
                });
                if claims_own_key(c) && !issued_by_another {
                    out.emit(
                        CHAIN_BAD_SIGNATURE,
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
}

/// The leaf and its path up: among the certificates that issued none of the others (the
/// end-entity ones among them when there are any: a leaf is no CA), the one with the longest
/// path (ties: the earliest), so a stray certificate first does not become the leaf.
fn choose_leaf(
    certs: &[ParsedCertificate],
    unique: &[usize],
    self_signed: &[bool],
    verifier: &dyn SignatureVerifier,
) -> (usize, Walk) {
    let issued_by = |child: usize, parent: usize| {
        child != parent && certs[child].issuer_raw == certs[parent].subject_raw
    };
    let issued_none: Vec<usize> = unique
        .iter()
        .copied()
        .filter(|&i| !unique.iter().any(|&j| issued_by(j, i)))
        .collect();
    let end_entities: Vec<usize> = issued_none
        .iter()
        .copied()
        .filter(|&i| certs[i].basic_constraints_ca != Some(true))
        .collect();
    let candidates = if end_entities.is_empty() {
        issued_none
    } else {
        end_entities
    };
    let mut best: Option<(usize, Walk)> = None;
    for candidate in candidates {
        let walk = walk_up(certs, unique, self_signed, candidate, &issued_by, verifier);
        if best
            .as_ref()
            .is_none_or(|(_, b)| walk.path.len() > b.path.len())
        {
            best = Some((candidate, walk));
        }
    }
    best.unwrap_or_else(|| {
        let first = unique.first().copied().unwrap_or(0);
        let walk = walk_up(certs, unique, self_signed, first, &issued_by, verifier);
        (first, walk)
    })
}

/// `chain.bad_signature` and `chain.unsupported_signature` for each link of the path.
fn report_links(
    certs: &[ParsedCertificate],
    links: &[(usize, usize, Verification)],
    base: &str,
    out: &mut Findings,
) {
    for (child, issuer, verdict) in links {
        let (child, issuer) = (&certs[*child], &certs[*issuer]);
        match verdict {
            Verification::Valid => {}
            Verification::Invalid => {
                out.emit(
                    CHAIN_BAD_SIGNATURE,
                    path_of(base, child),
                    format!(
                        "The signature of {} does not verify with the public key of {}, its issuer by name; one of them is corrupted or forged",
                        describe(child),
                        describe(issuer)
                    ),
                );
            }
            Verification::WrongKeyType(why) => {
                out.emit(
                    CHAIN_BAD_SIGNATURE,
                    path_of(base, child),
                    format!(
                        "{} given as the issuer of {} cannot have signed it ({why}): it is usually the wrong intermediate (same name, another key); use the certificate your CA issued with this one",
                        describe(issuer),
                        describe(child)
                    ),
                );
            }
            Verification::Unsupported(what) => {
                out.emit(
                    CHAIN_UNSUPPORTED_SIGNATURE,
                    path_of(base, child),
                    format!(
                        "The signature of {} ({}) could not be verified: {what} is not supported, so only the names were matched",
                        describe(child),
                        child.signature_name
                    ),
                );
            }
        }
    }
}

/// The chosen path and the certificates of the paths it was chosen over.
struct Unrelated<'a> {
    path: &'a [usize],
    on_other_paths: &'a [usize],
}

/// `chain.unrelated` for each certificate off the chosen path: one of another hierarchy, or an
/// issuer of a path member on a path a client would not take (a cross-sign, an expired twin).
fn report_unrelated(
    certs: &[ParsedCertificate],
    unrelated: &[usize],
    paths: &Unrelated<'_>,
    base: &str,
    out: &mut Findings,
) {
    let leaf = describe(&certs[paths.path[0]]);
    for &i in unrelated {
        let why = if paths.on_other_paths.contains(&i) {
            "it is on another path from the leaf, one a client would not take"
        } else {
            "it neither issued nor was issued by the chain's certificates"
        };
        out.emit(
            CHAIN_UNRELATED,
            path_of(base, &certs[i]),
            format!(
                "{} is not on the path from the leaf ({leaf}) to its root: {why}; remove it",
                describe(&certs[i]),
            ),
        );
    }
}

/// `chain.misordered` when the path members do not appear in path order, or the leaf is not
/// first. Returns whether they were misordered.
fn report_order(
    certs: &[ParsedCertificate],
    path: &[usize],
    leaf: usize,
    base: &str,
    out: &mut Findings,
) -> bool {
    let input_order: Vec<usize> = (0..certs.len()).filter(|i| path.contains(i)).collect();
    let misordered = input_order != path || leaf != 0;
    if misordered {
        let order: Vec<String> = path.iter().map(|&i| describe(&certs[i])).collect();
        out.emit(
            CHAIN_MISORDERED,
            base,
            format!(
                "The certificates are out of order: the leaf must come first and each issuer right after the certificate it issued; the right order is {}",
                crate::text::join(&order, ", then ")
            ),
        );
    }
    misordered
}

/// True unless the certificate's Authority Key Identifier names another key than its own
/// (a self-issued certificate signed by a previous CA key says so there).
fn claims_own_key(cert: &ParsedCertificate) -> bool {
    match (&cert.links.authority_key_id, &cert.links.subject_key_id) {
        (Some(authority), Some(own)) => authority == own,
        _ => true,
    }
}

/// How a client would judge one path (positions, leaf first), given which certificates are
/// self-signed: whether it reaches a trust anchor, and how many of the path rules refuse it.
/// The check driver builds it over the anchors and the path rules.
pub(crate) type PathJudge<'a> = dyn Fn(&[usize], &[bool]) -> (bool, usize) + 'a;

/// Most paths compared from one leaf: cross-signed CAs multiply them, and a bundle is at most a
/// few dozen certificates (rustls-webpki bounds its search the same way, by a budget).
const MAX_CANDIDATE_PATHS: usize = 64;

/// Most partial paths extended from one leaf: each extension verifies the signatures of the
/// certificates that may have issued its end, so this bounds the work on a bundle of many
/// certificates with the same names (rustls-webpki's budget: 100 signatures, 200 path steps).
const MAX_PATH_EXTENSIONS: usize = 256;

/// The reason given when the leaf has one path up.
const ONLY_PATH: &str = "the only path from the leaf";

/// The path a client would pick, as rustls-webpki and browsers do: of every path up from
/// `leaf` through the bundle (depth first, links whose signature verifies or cannot be checked),
/// the first that reaches an anchor with the fewest refusals, shorter ones first on a tie; and
/// why, against the next best. `None` when the leaf has at most one path (the plain walk
/// decides).
fn best_path(
    certs: &[ParsedCertificate],
    unique: &[usize],
    self_signed: &[bool],
    leaf: usize,
    verifier: &dyn SignatureVerifier,
    judge: &PathJudge<'_>,
) -> Option<ChosenPath> {
    let mut found = Vec::new();
    let mut stack = vec![Walk {
        path: vec![leaf],
        links: Vec::new(),
    }];
    let mut extensions = 0;
    // The search stopped at its bound: there may be more paths than it found.
    let mut capped = false;
    while let Some(walk) = stack.pop() {
        extensions += 1;
        if found.len() >= MAX_CANDIDATE_PATHS || extensions > MAX_PATH_EXTENSIONS {
            capped = true;
            break;
        }
        let current = walk.path.last().copied().unwrap_or(leaf);
        let issuers: Vec<(usize, Verification)> = if self_signed[current] {
            Vec::new()
        } else {
            unique
                .iter()
                .copied()
                .filter(|&j| {
                    j != current
                        && certs[current].issuer_raw == certs[j].subject_raw
                        && !walk.path.contains(&j)
                })
                .map(|j| (j, verify_signature(&certs[current], &certs[j], verifier)))
                .filter(|(_, v)| matches!(v, Verification::Valid | Verification::Unsupported(_)))
                .collect()
        };
        if issuers.is_empty() {
            found.push(walk);
            continue;
        }
        // Pushed in reverse so the input's first issuer is explored first.
        for (issuer, verdict) in issuers.into_iter().rev() {
            let mut next = Walk {
                path: walk.path.clone(),
                links: walk.links.clone(),
            };
            next.links.push((current, issuer, verdict));
            next.path.push(issuer);
            stack.push(next);
        }
    }
    let count = found.len();
    let ranks: Vec<PathRank> = found
        .iter()
        .enumerate()
        .map(|(order, walk)| {
            let (anchored, refusals) = judge(&walk.path, self_signed);
            PathRank {
                unanchored: !anchored,
                refusals,
                length: walk.path.len(),
                order,
            }
        })
        .collect();
    // The best and the runner-up by two scans: a sort would add its code to the browser
    // module (pkg/README.md "Size"). A single path has no runner-up: `None`.
    let best = ranks.iter().copied().min()?;
    let next = ranks.iter().copied().filter(|r| *r != best).min()?;
    let mut candidates = Vec::new();
    for &pos in found.iter().flat_map(|w| &w.path) {
        if !candidates.contains(&pos) {
            candidates.push(pos);
        }
    }
    let reason = best.why_over(&next, count, capped);
    found.into_iter().nth(best.order).map(|walk| ChosenPath {
        walk,
        reason,
        candidates,
    })
}

/// The path a client would take, why, and every certificate of the candidate paths.
struct ChosenPath {
    walk: Walk,
    reason: String,
    candidates: Vec<usize>,
}

/// How a client ranks a candidate path, best first: anchored, then fewest refusals, then
/// shortest, then the bundle's order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct PathRank {
    unanchored: bool,
    refusals: usize,
    length: usize,
    order: usize,
}

impl PathRank {
    /// Why this path beat `next` (the runner-up), among `count` candidates (`capped`: the
    /// search stopped at its bound, so there may be more). One `format!` and fixed phrases:
    /// each formatted piece costs the browser module bytes (pkg/README.md "Size").
    fn why_over(&self, next: &PathRank, count: usize, capped: bool) -> String {
        let or_more = if capped { " or more" } else { "" };
        let none = if self.unanchored {
            " (none reaches a trust anchor)"
        } else {
            ""
        };
        let why = if self.unanchored != next.unanchored {
            "the only one that reaches a trust anchor"
        } else if self.refusals != next.refusals {
            "the one with the fewest problems a client refuses"
        } else if self.length != next.length {
            "as good as the next and shorter"
        } else {
            "as good as the next and first in the bundle"
        };
        format!("of {count}{or_more} paths from the leaf{none}, {why}")
    }
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
    verifier: &dyn SignatureVerifier,
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
            .map(|j| (j, verify_signature(&certs[current], &certs[j], verifier)))
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

#[cfg(test)]
mod tests {
    use super::PathRank;

    fn rank(unanchored: bool, refusals: usize, length: usize, order: usize) -> PathRank {
        PathRank {
            unanchored,
            refusals,
            length,
            order,
        }
    }

    /// The reason names the first criterion on which the chosen path beat the runner-up, and
    /// says when the search stopped at its bound or no path reaches an anchor.
    #[test]
    fn the_reason_names_what_decided() {
        let cases = [
            (rank(false, 0, 3, 1), rank(true, 0, 2, 0), 2, false, "of 2 paths from the leaf, the only one that reaches a trust anchor"),
            (rank(false, 0, 3, 1), rank(false, 1, 2, 0), 3, false, "of 3 paths from the leaf, the one with the fewest problems a client refuses"),
            (rank(false, 1, 2, 1), rank(false, 1, 3, 0), 2, false, "of 2 paths from the leaf, as good as the next and shorter"),
            (rank(false, 0, 3, 0), rank(false, 0, 3, 1), 2, false, "of 2 paths from the leaf, as good as the next and first in the bundle"),
            (rank(true, 0, 3, 0), rank(true, 2, 3, 1), 64, true, "of 64 or more paths from the leaf (none reaches a trust anchor), the one with the fewest problems a client refuses"),
        ];
        for (best, next, count, capped, said) in cases {
            assert!(best < next, "{best:?} ranks before {next:?}");
            assert_eq!(best.why_over(&next, count, capped), said);
        }
    }
}
