//! Completing a chain from the caller's intermediates pool (issue 22): where the bundle lacks
//! an issuer, the pool's certificates of that name are candidates, accepted only when the key
//! identifiers agree and the child's signature verifies with their key (never by the name
//! alone). The path builder (`chain::analyse`, whose best path prefers one that reaches a trust
//! anchor) then chooses among the bundle and the accepted candidates, so of two cross-signed
//! intermediates the one that reaches the root store or the caller's roots is taken. The
//! chosen ones join the bundle right after the certificate each issued, numbered after the
//! bundle's own, before the chain rules run: the report, and the normalized bundle that
//! `--fix` writes, are of the completed chain.

use super::client_path::judge_candidate;
use super::input::CertificateInput;
use crate::catalog::{CHAIN_COMPLETED_FROM_POOL, CHAIN_POOL_CANDIDATE_REJECTED};
use crate::context::CertificatePurpose;
use crate::findings::Findings;
use crate::model::certificate::{parse_certificate, ParsedCertificate};
use crate::model::crypto::{verify_signature, Verification};
use crate::model::CertificateField;
use crate::rules::chain::{analyse, describe};
use crate::rules::chain_end::first_anchoring;
use crate::text::hex::colon;
use crate::trust::{AnchorSource, Anchoring, IntermediatePool, PoolCertificate, TrustAnchors};
use crate::verifier::SignatureVerifier;

/// Most pool certificates taken as candidates for one check: a path is at most 11
/// certificates (seed 003) and cross-signs give a few per level, so this bounds the work a
/// pool of many same-named certificates can cause (like `chain::MAX_PATH_EXTENSIONS`).
const MAX_CANDIDATES: usize = 32;

/// A pool certificate accepted as the issuer of `child` (a position in the combined list).
struct Candidate<'p> {
    cert: ParsedCertificate,
    child: usize,
    from: PoolCertificate<'p>,
}

/// A pool certificate with the issuer's name that did not sign `child`, and why.
struct Rejected<'p> {
    child: usize,
    from: PoolCertificate<'p>,
    why: String,
}

/// Adds to `field` the pool certificates the best path from its leaf needs, and says so.
pub(super) fn complete(
    field: &mut CertificateField,
    pool: &IntermediatePool,
    anchors: &TrustAnchors<'_>,
    input: &CertificateInput<'_>,
    out: &mut Findings,
) {
    if input.purpose != CertificatePurpose::Server || pool.is_empty() {
        return;
    }
    let verifier = crate::verifier::chosen(input.verifier.as_ref());
    let bundle = field.certificates.len();
    let mut all = field.certificates.clone();
    let (candidates, rejected) = gather(&mut all, pool, anchors, verifier);
    let (chosen, anchoring) = if candidates.is_empty() {
        (Vec::new(), None)
    } else {
        choose(&all, bundle, anchors, input, verifier)
    };
    let base = input.paths.certificate.as_str();
    // The chosen ones, numbered after the bundle's certificates in path order, each placed
    // right after the certificate it issued. Candidate k is `all[bundle + k]`.
    let mut numbers: Vec<(usize, usize)> = Vec::new();
    for (position, child) in chosen.iter().copied() {
        let Some(candidate) = position.checked_sub(bundle).and_then(|k| candidates.get(k)) else {
            continue;
        };
        let mut cert = candidate.cert.clone();
        cert.index = field.certificate_blocks + numbers.len();
        numbers.push((position, cert.index));
        let child_number = number_of(&all, &numbers, child);
        let at = field
            .certificates
            .iter()
            .position(|c| c.index == child_number)
            .map_or(field.certificates.len(), |p| p + 1);
        let added = Added {
            candidate,
            cert: &cert,
            child_number,
        };
        report_added(&all, &candidates, &added, anchoring, base, out);
        field.certificates.insert(at, cert);
    }
    // A name without the key matters where nothing was found for a certificate that stays.
    let stays = |p: usize| p < bundle || numbers.iter().any(|&(q, _)| q == p);
    for rejection in &rejected {
        let found = candidates.iter().any(|c| c.child == rejection.child);
        if stays(rejection.child) && !found {
            let child_number = number_of(&all, &numbers, rejection.child);
            report_rejected(&all, rejection, child_number, base, out);
        }
    }
}

/// One chosen candidate as it joins the bundle.
struct Added<'a, 'p> {
    candidate: &'a Candidate<'p>,
    /// The candidate under its number in the completed bundle.
    cert: &'a ParsedCertificate,
    /// The number of the certificate it issued.
    child_number: usize,
}

/// The number a certificate of `all` has in the completed bundle: a bundle certificate keeps
/// its own, a chosen pool certificate the one it was given.
fn number_of(all: &[ParsedCertificate], numbers: &[(usize, usize)], position: usize) -> usize {
    numbers
        .iter()
        .find(|(p, _)| *p == position)
        .map(|(_, n)| *n)
        .or_else(|| all.get(position).map(|c| c.index))
        .unwrap_or(position)
}

/// Looks up the missing issuers in the pool, transitively from the bundle's open ends, and
/// appends the accepted candidates to `all`.
fn gather<'p>(
    all: &mut Vec<ParsedCertificate>,
    pool: &'p IntermediatePool,
    anchors: &TrustAnchors<'_>,
    verifier: &dyn SignatureVerifier,
) -> (Vec<Candidate<'p>>, Vec<Rejected<'p>>) {
    let mut candidates: Vec<Candidate<'p>> = Vec::new();
    let mut rejected = Vec::new();
    let mut seen: Vec<u32> = Vec::new();
    let mut open: Vec<usize> = (0..all.len())
        .filter(|&i| is_open_end(all, i, anchors, verifier))
        .collect();
    open.reverse();
    while let Some(child_position) = open.pop() {
        let Some(child) = all.get(child_position) else {
            continue;
        };
        let mut accepted = Vec::new();
        for from in pool.named(&child.issuer_raw, child.links.authority_key_id.as_deref()) {
            if seen.contains(&from.id) || candidates.len() + accepted.len() >= MAX_CANDIDATES {
                continue;
            }
            match judge_candidate_issuer(child, &from, verifier) {
                Ok(Some(cert)) => {
                    seen.push(from.id);
                    accepted.push(Candidate {
                        cert,
                        child: child_position,
                        from,
                    });
                }
                Ok(None) => {}
                Err(why) => rejected.push(Rejected {
                    child: child_position,
                    from,
                    why,
                }),
            }
        }
        for candidate in accepted {
            all.push(candidate.cert.clone());
            candidates.push(candidate);
            let position = all.len() - 1;
            if is_open_end(all, position, anchors, verifier) {
                open.push(position);
            }
        }
    }
    (candidates, rejected)
}

/// Whether `from` issued `child`: `Ok(Some)` with it parsed when its name and key identifier
/// agree and `child`'s signature verifies with its key; `Ok(None)` when only the index's hash
/// matched; `Err` says why a certificate of the right name is not the issuer.
fn judge_candidate_issuer(
    child: &ParsedCertificate,
    from: &PoolCertificate<'_>,
    verifier: &dyn SignatureVerifier,
) -> Result<Option<ParsedCertificate>, String> {
    let cert =
        parse_certificate(0, 0, from.der).map_err(|why| format!("it does not parse ({why})"))?;
    if cert.subject_raw != child.issuer_raw {
        return Ok(None);
    }
    if from.key_id_differs {
        let named = child
            .links
            .authority_key_id
            .as_deref()
            .map(colon)
            .unwrap_or_default();
        return Err(format!(
            "its subject key identifier is not {named}, the one the certificate names: it is another key"
        ));
    }
    match verify_signature(child, &cert, verifier) {
        Verification::Valid => Ok(Some(cert)),
        Verification::Invalid => Err(
            "the certificate's signature does not verify with its key: it is another key".to_string(),
        ),
        Verification::WrongKeyType(why) => Err(format!("it cannot have signed the certificate ({why})")),
        Verification::Unsupported(what) => Err(format!(
            "the certificate's signature cannot be verified here ({what}), and a pool certificate is added only on a verified signature"
        )),
    }
}

/// A certificate whose issuer is nowhere among `all` by name, that is not self-signed and
/// does not meet a trust anchor: where the pool is looked in.
fn is_open_end(
    all: &[ParsedCertificate],
    position: usize,
    anchors: &TrustAnchors<'_>,
    verifier: &dyn SignatureVerifier,
) -> bool {
    let Some(cert) = all.get(position) else {
        return false;
    };
    let issuer_here = all
        .iter()
        .enumerate()
        .any(|(j, other)| j != position && other.subject_raw == cert.issuer_raw);
    let self_signed = cert.subject_raw == cert.issuer_raw
        && verify_signature(cert, cert, verifier) == Verification::Valid;
    !issuer_here && !self_signed && anchors.anchoring(cert).is_none()
}

/// The path a client would build through the bundle and the candidates (`chain::analyse`,
/// its findings discarded), up to where it meets a trust anchor: the candidates on it, each
/// with the position of the certificate it issued, in path order; and where the path meets an
/// anchor. A self-signed root is never
/// added (clients have their roots; the pool is of intermediates).
fn choose(
    all: &[ParsedCertificate],
    bundle: usize,
    anchors: &TrustAnchors<'_>,
    input: &CertificateInput<'_>,
    verifier: &dyn SignatureVerifier,
) -> (Vec<(usize, usize)>, Option<Anchoring>) {
    let path = best_path(all, anchors, input, verifier);
    let anchoring = first_anchoring(all, &path, anchors).map(|(_, a)| a);
    let mut chosen = Vec::new();
    for pair in path.windows(2) {
        let (child, issuer) = match pair {
            [child, issuer] => (*child, *issuer),
            _ => continue,
        };
        let is_root = all.get(issuer).is_some_and(|c| {
            c.subject_raw == c.issuer_raw && verify_signature(c, c, verifier) == Verification::Valid
        });
        if issuer >= bundle && !is_root {
            chosen.push((issuer, child));
        }
    }
    (chosen, anchoring)
}

/// The best path from the leaf over `all`, cut after the first certificate that meets an
/// anchor.
fn best_path(
    all: &[ParsedCertificate],
    anchors: &TrustAnchors<'_>,
    input: &CertificateInput<'_>,
    verifier: &dyn SignatureVerifier,
) -> Vec<usize> {
    let judge = |path: &[usize], self_signed: &[bool]| {
        judge_candidate(all, path, self_signed, anchors, input)
    };
    let mut scratch = Findings::new();
    let analysis = analyse(
        all,
        CertificatePurpose::Server,
        input.paths.certificate.as_str(),
        verifier,
        &judge,
        &mut scratch,
    );
    let mut path = analysis.path;
    if let Some((at, _)) = first_anchoring(all, &path, anchors) {
        if let Some(end) = path.iter().position(|&p| p == at) {
            path.truncate(end + 1);
        }
    }
    path
}

/// `chain.completed_from_pool` for one added certificate: which, why it fits, and why it was
/// chosen over the other candidates for the same issuer.
fn report_added(
    all: &[ParsedCertificate],
    candidates: &[Candidate<'_>],
    added: &Added<'_, '_>,
    anchoring: Option<Anchoring>,
    base: &str,
    out: &mut Findings,
) {
    let (candidate, cert) = (added.candidate, added.cert);
    let Some(child) = all.get(candidate.child) else {
        return;
    };
    let key_id = child
        .links
        .authority_key_id
        .as_deref()
        .map(|id| format!(" and key identifier {}", colon(id)))
        .unwrap_or_default();
    let child_name = child
        .common_name
        .as_ref()
        .map(|cn| format!(" (CN={cn})"))
        .unwrap_or_default();
    let mut message = format!(
        "{} was added from the intermediates pool ({}) as the issuer of certificate {}{}: it has the issuer's name{key_id}, and certificate {}'s signature verifies with its key",
        describe(cert),
        where_from(&candidate.from),
        added.child_number,
        child_name,
        added.child_number,
    );
    let others: Vec<String> = candidates
        .iter()
        .filter(|c| c.child == candidate.child && c.from.id != candidate.from.id)
        .map(|c| format!("{}, issued by \"{}\"", where_from(&c.from), c.cert.issuer))
        .collect();
    if !others.is_empty() {
        let why = match anchoring {
            Some(Anchoring::IsAnchor(AnchorSource::PublicStore) | Anchoring::IssuedByAnchor(AnchorSource::PublicStore)) => {
                "the path through it reaches Mozilla's root store".to_string()
            }
            Some(_) => "the path through it reaches the given roots".to_string(),
            None => "no candidate's path reaches a trust anchor, and its path has the fewest problems (then: the shortest, the first in the pool)".to_string(),
        };
        message.push_str(&format!(
            "; the pool also has {} ({}): this one was chosen because {why}",
            if others.len() == 1 {
                "another candidate".to_string()
            } else {
                format!("{} other candidates", others.len())
            },
            others.join("; ")
        ));
    }
    out.emit(
        CHAIN_COMPLETED_FROM_POOL,
        format!("{base}/chain/{}", cert.index),
        message,
    );
}

/// `chain.pool_candidate_rejected`: the pool had the name but not the key.
fn report_rejected(
    all: &[ParsedCertificate],
    rejected: &Rejected<'_>,
    child_number: usize,
    base: &str,
    out: &mut Findings,
) {
    let Some(child) = all.get(rejected.child) else {
        return;
    };
    out.emit(
        CHAIN_POOL_CANDIDATE_REJECTED,
        format!("{base}/chain/{child_number}"),
        format!(
            "The intermediates pool has a certificate named \"{}\" ({}), the issuer certificate {child_number}{} names, but it was not added: {}",
            child.issuer,
            where_from(&rejected.from),
            child.common_name.as_ref().map(|cn| format!(" (CN={cn})")).unwrap_or_default(),
            rejected.why
        ),
    );
}

/// `pool.pem, certificate 2` (0-based, as the bundle's certificates are numbered).
fn where_from(from: &PoolCertificate<'_>) -> String {
    if from.source.is_empty() {
        format!("pool certificate {}", from.ordinal)
    } else {
        format!("{}, certificate {}", from.source, from.ordinal)
    }
}
