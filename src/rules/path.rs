//! Path validation (issue 26): RFC 5280 section 6 and the web PKI's rules over the path a
//! client builds, from the leaf up to the trust anchor (the caller's root included, reported at
//! its own pointer under `roots`). Every certificate of the path: its key, its critical
//! extensions, its serial number, its key identifiers; every issuer: a CA by its extensions,
//! its path length and name constraints over the certificates below it.
//!
//! Which clients refuse what, the source of each rule's severity: rustls-webpki (`webpki`),
//! pyca/cryptography's verifier (`pyca`, which applies RFC 5280's MUSTs and the CA/Browser
//! Forum's profile), Go's crypto/x509, Chrome and Firefox; x509-limbo's cases say which.

use crate::catalog::{
    CERT_CA_PROFILE, CERT_EXPIRED, CERT_FORBIDDEN_KEY, CERT_KEY_IDENTIFIER, CERT_NOT_YET_VALID,
    CERT_SAN_CRITICALITY, CERT_SERIAL_INVALID, CERT_UNKNOWN_CRITICAL_EXTENSION,
    CHAIN_NAME_CONSTRAINTS, CHAIN_PATH_LENGTH, CHAIN_TOO_MANY_INTERMEDIATES,
};
use crate::findings::Findings;
use crate::model::certificate::{Curve, EkuServerAuth, KeyKind, ParsedCertificate};
use crate::rules::chain::describe;
use crate::rules::name_constraints;
use crate::time::format_rfc3339;

/// RFC 5280 4.1.2.2: "Conforming CAs MUST NOT use serialNumber values longer than 20 octets."
const MAX_SERIAL_OCTETS: usize = 20;

/// rustls-webpki's and Chrome's smallest RSA modulus (webpki `RSA_PKCS1_2048_8192_*`; Chrome
/// since M93 for public roots: CA/Browser Forum BR 6.1.5).
const MIN_RSA_BITS: u32 = 2048;

/// rustls-webpki's longest path: at most 6 intermediates between the leaf and the trust anchor
/// (`MAX_SUB_CA_COUNT`, rustls-webpki 0.103 `verify_cert.rs`; a longer path is
/// `MaximumPathDepthExceeded`).
const MAX_INTERMEDIATES: usize = 6;

/// One certificate of the path, with where it is in the caller's input.
pub(crate) struct PathMember<'a> {
    pub cert: &'a ParsedCertificate,
    /// Its JSON pointer (`/certificate/chain/2`, `/roots/chain/0`).
    pub pointer: String,
    /// Its own key made its signature (a root).
    pub self_signed: bool,
    /// A trust anchor the caller gave (read from `roots`, not from the bundle).
    pub caller_anchor: bool,
    /// The client's trust anchor itself, the caller's or the bundle's copy of one: where the
    /// path ends, not a link a client validates or counts.
    pub trust_anchor: bool,
}

impl PathMember<'_> {
    fn self_issued(&self) -> bool {
        self.cert.subject_raw == self.cert.issuer_raw
    }
}

/// Runs the path rules over `path` (the leaf first, each issuer after the certificate it
/// issued). `now` is in Unix seconds.
pub(crate) fn check_path(path: &[PathMember<'_>], now: i64, out: &mut Findings) {
    for (position, member) in path.iter().enumerate() {
        let is_leaf = position == 0;
        check_key(member, out);
        check_extensions(member, out);
        // A trust anchor's serial number is nobody's to check: its certificate is only a
        // carrier for a name and a key (Starfield's G2 root has serial 0, and every client
        // trusts it).
        if !member.caller_anchor {
            check_serial(member, out);
        }
        check_key_identifiers(member, is_leaf, out);
        if is_leaf {
            check_leaf_names(member, out);
        } else {
            check_issuer(member, out);
            check_path_length(path, position, out);
            check_name_constraints(path, position, out);
        }
        if member.caller_anchor {
            check_anchor_validity(member, now, out);
        }
    }
    check_intermediate_count(path, out);
}

/// `cert.forbidden_key`: a key no TLS client accepts, for any audience.
fn check_key(m: &PathMember<'_>, out: &mut Findings) {
    let why = match &m.cert.key {
        KeyKind::Rsa { bits } if *bits < MIN_RSA_BITS => format!(
            "a {bits}-bit RSA key: rustls-webpki, Chrome and Firefox refuse RSA keys under {MIN_RSA_BITS} bits"
        ),
        KeyKind::Rsa { bits } if bits % 8 != 0 => format!(
            "a {bits}-bit RSA key, not a whole number of bytes: rustls-webpki (ring) refuses such moduli"
        ),
        KeyKind::Ec {
            curve: Curve::Explicit { .. },
            ..
        } => "an EC key with explicit curve parameters, which RFC 5480 forbids and every TLS client refuses".to_string(),
        KeyKind::Ec {
            curve: Curve::Other(name),
            ..
        } if name == "P-192" => {
            "an EC key on P-192, which no TLS client accepts (browsers and rustls-webpki take P-256, P-384 and P-521)".to_string()
        }
        KeyKind::Dsa { bits } => format!(
            "a {bits}-bit DSA key: TLS clients removed DSA (TLS 1.3, rustls-webpki, browsers)"
        ),
        _ => return,
    };
    out.emit(
        CERT_FORBIDDEN_KEY,
        m.pointer.clone(),
        format!("{} has {why}", describe(m.cert)),
    );
}

/// `cert.unknown_critical_extension`.
fn check_extensions(m: &PathMember<'_>, out: &mut Findings) {
    for oid in &m.cert.path.unknown_critical {
        out.emit(
            CERT_UNKNOWN_CRITICAL_EXTENSION,
            m.pointer.clone(),
            format!(
                "{} has the extension {oid} marked critical, which clients do not process, so they must refuse the certificate (RFC 5280 section 4.2)",
                describe(m.cert)
            ),
        );
    }
}

/// `cert.serial_invalid`: RFC 5280 4.1.2.2's positive integer of at most 20 octets.
fn check_serial(m: &PathMember<'_>, out: &mut Findings) {
    let serial = &m.cert.path.serial;
    // The value's octets: a positive INTEGER whose top bit is set is encoded with a leading
    // zero octet, which is not part of the 20 (RFC 5280 4.1.2.2, and pyca/cryptography).
    let value = match serial.as_slice() {
        [0, next, ..] if next & 0x80 != 0 => serial.get(1..).unwrap_or_default(),
        _ => serial.as_slice(),
    };
    let why = if serial.first().is_some_and(|b| b & 0x80 != 0) {
        "is negative".to_string()
    } else if serial.iter().all(|&b| b == 0) {
        "is zero".to_string()
    } else if value.len() > MAX_SERIAL_OCTETS {
        format!(
            "is {} octets long, over the {MAX_SERIAL_OCTETS} RFC 5280 allows",
            value.len()
        )
    } else {
        return;
    };
    out.emit(
        CERT_SERIAL_INVALID,
        m.pointer.clone(),
        format!(
            "The serial number of {} {why}; RFC 5280 section 4.1.2.2 requires a positive integer of at most 20 octets, and pyca/cryptography refuses it",
            describe(m.cert)
        ),
    );
}

/// `cert.key_identifier`: RFC 5280 4.2.1.1 and 4.2.1.2, and the CA/Browser Forum's root profile
/// (BR 7.1.2.1.3: a root's authorityKeyIdentifier, if any, holds only its own key identifier).
fn check_key_identifiers(m: &PathMember<'_>, is_leaf: bool, out: &mut Findings) {
    let facts = &m.cert.path;
    let mut problems = Vec::new();
    match &facts.authority_key_id {
        Some(aki) => {
            if aki.critical {
                problems.push("its authorityKeyIdentifier is marked critical (RFC 5280 4.2.1.1: MUST be non-critical)");
            }
            if !aki.has_key_id {
                problems.push("its authorityKeyIdentifier has no keyIdentifier (RFC 5280 4.2.1.1: MUST be included)");
            }
            if m.self_signed && aki.has_issuer_and_serial {
                problems.push("its authorityKeyIdentifier, on a root, carries authorityCertIssuer or authorityCertSerialNumber (CA/Browser Forum BR 7.1.2.1.3)");
            }
            if m.self_signed
                && aki.has_key_id
                && m.cert.links.authority_key_id.is_some()
                && m.cert.links.authority_key_id != m.cert.links.subject_key_id
            {
                problems.push("it is self-signed but its authorityKeyIdentifier differs from its subjectKeyIdentifier");
            }
        }
        // A trust anchor is not checked as an issued certificate: only a certificate some
        // other key signed needs to name that key.
        None if !m.self_signed && !m.caller_anchor => problems.push(
            "it has no authorityKeyIdentifier (RFC 5280 4.2.1.1: MUST be present in every certificate but a self-signed root)",
        ),
        None => {}
    }
    match facts.subject_key_id_critical {
        Some(true) => problems.push("its subjectKeyIdentifier is marked critical (RFC 5280 4.2.1.2: MUST be non-critical)"),
        None if !is_leaf => problems.push("it is a CA without subjectKeyIdentifier (RFC 5280 4.2.1.2: MUST be present in CA certificates)"),
        _ => {}
    }
    for problem in problems {
        out.emit(
            CERT_KEY_IDENTIFIER,
            m.pointer.clone(),
            format!(
                "{}: {problem}; pyca/cryptography refuses it",
                describe(m.cert)
            ),
        );
    }
}

/// `cert.san_criticality` and `chain.name_constraints` on the leaf: RFC 5280 4.2.1.6 (an empty
/// subject needs a critical subjectAltName), CA/Browser Forum BR 7.1.2.7.12 (a subject makes it
/// non-critical), RFC 5280 4.2.1.10 (name constraints only in CA certificates).
fn check_leaf_names(m: &PathMember<'_>, out: &mut Findings) {
    let facts = &m.cert.path;
    let why = match (facts.empty_subject, facts.san_critical) {
        (true, Some(false)) => "has an empty subject and a non-critical subjectAltName (RFC 5280 4.2.1.6: MUST be critical then)",
        (true, None) => "has an empty subject and no subjectAltName: it names nothing",
        (false, Some(true)) => "has a subject and a critical subjectAltName (CA/Browser Forum BR 7.1.2.7.12: non-critical when the subject is not empty)",
        _ => "",
    };
    if !why.is_empty() {
        out.emit(
            CERT_SAN_CRITICALITY,
            m.pointer.clone(),
            format!("{} {why}; pyca/cryptography refuses it", describe(m.cert)),
        );
    }
    if facts.name_constraints.is_some() && m.cert.basic_constraints_ca != Some(true) {
        out.emit(
            CHAIN_NAME_CONSTRAINTS,
            m.pointer.clone(),
            format!(
                "{} is an end-entity certificate with a nameConstraints extension, which RFC 5280 4.2.1.10 allows only in CA certificates",
                describe(m.cert)
            ),
        );
    }
}

/// `cert.ca_profile`: what an issuer needs to issue (RFC 5280 4.2.1.3,
/// 4.2.1.9, 4.1.2.4, 4.1.2.1; 6.1.4 (k), (n)).
fn check_issuer(m: &PathMember<'_>, out: &mut Findings) {
    let cert = m.cert;
    let facts = &cert.path;
    let mut problems = Vec::new();
    if cert.version < 3 {
        problems.push(format!("it is an X.509 version {} certificate, which cannot say it is a CA (rustls-webpki refuses every certificate that is not version 3)", cert.version));
    }
    match (cert.basic_constraints_ca, facts.basic_constraints_critical) {
        // An intermediate without CA:TRUE is `cert.not_ca`, reported by the certificate rules.
        (Some(true), Some(false)) => problems.push("its basicConstraints is not marked critical (RFC 5280 4.2.1.9: MUST be critical in CA certificates)".to_string()),
        (None, _) if m.caller_anchor => problems.push("it has no basicConstraints, so it is not a CA (RFC 5280 6.1.4 (k))".to_string()),
        _ => {}
    }
    if facts.key_cert_sign == Some(false) {
        problems.push("its keyUsage lacks keyCertSign, so its key may not sign certificates (RFC 5280 6.1.4 (n))".to_string());
    }
    if facts.policy_constraints_critical == Some(false) {
        problems.push(
            "its policyConstraints is not marked critical (RFC 5280 4.2.1.11: MUST be critical)"
                .to_string(),
        );
    }
    // A trust anchor is a name and a key to clients (webpki reads nothing else in it).
    if !m.caller_anchor && !m.self_signed {
        match cert.eku_server_auth {
            Some(EkuServerAuth::Missing) => problems.push("its extended key usage lacks serverAuth, which bars the certificates below it from TLS servers: rustls-webpki, Go and Chrome refuse the path".to_string()),
            Some(EkuServerAuth::AnyPurposeOnly) => problems.push("its extended key usage has anyExtendedKeyUsage but not serverAuth: rustls-webpki refuses the path (Go and Chrome accept it)".to_string()),
            _ => {}
        }
    }
    if facts.empty_subject {
        problems.push(
            "its subject is empty (RFC 5280 4.1.2.6: a CA's subject MUST be a non-empty name)"
                .to_string(),
        );
    }
    for problem in problems {
        out.emit(
            CERT_CA_PROFILE,
            m.pointer.clone(),
            format!(
                "{} issues certificates in the path but {problem}",
                describe(cert)
            ),
        );
    }
}

/// `chain.path_length`: RFC 5280 4.2.1.9 and 6.1.4 (l), (m): the intermediates below an issuer
/// that are not self-issued may number at most its pathLenConstraint.
fn check_path_length(path: &[PathMember<'_>], position: usize, out: &mut Findings) {
    let Some(issuer) = path.get(position) else {
        return;
    };
    let Some(limit) = issuer.cert.path.path_len else {
        return;
    };
    let below = path
        .get(1..position)
        .unwrap_or_default()
        .iter()
        .filter(|m| !m.self_issued())
        .count();
    if below > usize::try_from(limit).unwrap_or(usize::MAX) {
        out.emit(
            CHAIN_PATH_LENGTH,
            issuer.pointer.clone(),
            format!(
                "{} allows at most {limit} intermediate certificate(s) below it (pathLenConstraint), but the path has {below}",
                describe(issuer.cert)
            ),
        );
    }
}

/// `chain.too_many_intermediates`: rustls-webpki's depth limit. The intermediates are the
/// certificates between the leaf and the anchor: neither the anchor (the caller's root, the
/// bundle's copy of an anchor) nor a self-signed root ending a path that meets no anchor (a
/// client would have to trust it as one) counts. Self-issued ones count: webpki counts them.
fn check_intermediate_count(path: &[PathMember<'_>], out: &mut Findings) {
    let intermediates: Vec<&PathMember<'_>> = path
        .iter()
        .skip(1)
        .filter(|m| !m.trust_anchor && !m.self_signed)
        .collect();
    let Some(first_refused) = intermediates.get(MAX_INTERMEDIATES) else {
        return;
    };
    out.emit(
        CHAIN_TOO_MANY_INTERMEDIATES,
        first_refused.pointer.clone(),
        format!(
            "The path has {} intermediates between the leaf and the trust anchor; rustls clients refuse over {MAX_INTERMEDIATES} (MaximumPathDepthExceeded) and stop at {}: have the leaf issued by a CA nearer the root",
            intermediates.len(),
            describe(first_refused.cert)
        ),
    );
}

/// `chain.name_constraints`: the issuer at `position` constrains every certificate below it,
/// but self-issued intermediates (RFC 5280 6.1.3 (b)).
fn check_name_constraints(path: &[PathMember<'_>], position: usize, out: &mut Findings) {
    let Some(issuer) = path.get(position) else {
        return;
    };
    let Some(nc) = &issuer.cert.path.name_constraints else {
        return;
    };
    let malformed = match (&nc.permitted, &nc.excluded) {
        (None, None) => Some("has neither permitted nor excluded subtrees"),
        (Some(p), _) if p.is_empty() => Some("has an empty permitted subtrees list"),
        (_, Some(e)) if e.is_empty() => Some("has an empty excluded subtrees list"),
        // RFC 5280 4.2.1.10 says conforming CAs MUST mark it critical, but rustls-webpki, Go
        // and browsers apply a non-critical one all the same (x509-limbo's
        // webpki::nc::permitted-dns-match-noncritical, against rfc5280::nc's same case): the
        // constraints are applied, the criticality is not refused.
        _ => None,
    };
    if let Some(why) = malformed {
        out.emit(
            CHAIN_NAME_CONSTRAINTS,
            issuer.pointer.clone(),
            format!(
                "The nameConstraints extension of {} {why} (RFC 5280 4.2.1.10), and clients refuse it",
                describe(issuer.cert)
            ),
        );
        return;
    }
    for (below, member) in path.iter().enumerate().take(position) {
        let is_leaf = below == 0;
        if !is_leaf && member.self_issued() {
            continue;
        }
        if let Some(why) = name_constraints::violation(member.cert, is_leaf, issuer.cert) {
            out.emit(
                CHAIN_NAME_CONSTRAINTS,
                member.pointer.clone(),
                format!(
                    "{} breaks the name constraints of {}: {why}",
                    describe(member.cert),
                    describe(issuer.cert)
                ),
            );
        }
    }
}

/// `cert.expired` and `cert.not_yet_valid` for a caller's root (the bundle's certificates have
/// theirs from the certificate rules).
fn check_anchor_validity(m: &PathMember<'_>, now: i64, out: &mut Findings) {
    if m.cert.not_after < now {
        out.emit(
            CERT_EXPIRED,
            m.pointer.clone(),
            format!(
                "The trust anchor {} expired on {}: pyca/cryptography and OpenSSL refuse paths through it",
                describe(m.cert),
                format_rfc3339(m.cert.not_after)
            ),
        );
    } else if m.cert.not_before > now {
        out.emit(
            CERT_NOT_YET_VALID,
            m.pointer.clone(),
            format!(
                "The trust anchor {} is not valid before {}",
                describe(m.cert),
                format_rfc3339(m.cert.not_before)
            ),
        );
    }
}

#[cfg(test)]
mod tests;
