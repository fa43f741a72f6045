//! Rules on each certificate alone (validity, CA flags, key usage, key strength, signature
//! digest, provider algorithm support) and the facts the reports show.

use crate::catalog::{
    Rule, CERT_ALGORITHM_UNSUPPORTED, CERT_EXPIRED, CERT_EXPIRES_SOON, CERT_LEAF_IS_CA,
    CERT_NOT_CA, CERT_NOT_YET_VALID, CERT_NO_SAN, CERT_NO_SERVER_AUTH, CERT_SHA1_SIGNATURE,
    CERT_WEAK_KEY,
};
use crate::context::{CertificatePurpose, ProviderProfile};
use crate::findings::Findings;
use crate::model::certificate::{
    Curve, EkuServerAuth, Hash, KeyKind, ParsedCertificate, PssParams, SignatureKind,
};
use crate::model::crypto::fingerprints;
use crate::report::{CertificateFacts, Severity};
use crate::rules::chain::{describe, ChainAnalysis};
#[cfg(feature = "client-lints")]
use crate::rules::client;
use crate::text::{plural, quote, QUOTE_CHARS};
use crate::time::{format_rfc3339, Timestamp};

const DAY: i64 = 86_400;

/// A provider's least remaining validity for the leaf, and the rule and words for a leaf
/// under it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ValidityFloor {
    /// Fewest days of validity the leaf must have left.
    pub days: i64,
    /// The rule a leaf under it is.
    pub rule: &'static Rule,
    /// Who refuses it, for the message (`Cloudflare`).
    pub provider: &'static str,
}

/// What the per-certificate rules need to know beyond the certificate itself.
pub(crate) struct CertificateContext<'a> {
    pub purpose: CertificatePurpose,
    pub profile: ProviderProfile,
    pub now: Timestamp,
    pub expiry_warning_days: u32,
    /// The operation's least remaining validity for the leaf, in place of `cert.expires_soon`.
    pub validity_floor: Option<ValidityFloor>,
    pub base: &'a str,
    /// The audience resolved for this check: true for `public`.
    #[cfg_attr(not(feature = "client-lints"), allow(dead_code))]
    // read by the client lints only
    pub public_audience: bool,
}

/// Whole days from `now` to `until`, rounded toward negative infinity.
fn days_between(now: i64, until: i64) -> i64 {
    until.saturating_sub(now).div_euclid(DAY)
}

/// Runs the per-certificate rules over every certificate that is not a duplicate.
pub(crate) fn check_certificates(
    certs: &[ParsedCertificate],
    chain: &ChainAnalysis,
    ctx: &CertificateContext<'_>,
    out: &mut Findings,
) {
    // The certificate the server-side rules are about: the chain's leaf, or the first one.
    let leaf = chain.leaf.unwrap_or(0);
    let beyond_anchor: &[usize] = chain
        .anchoring
        .and_then(|(at, _)| chain.path.iter().position(|&p| p == at))
        .and_then(|i| chain.path.get(i + 1..))
        .unwrap_or_default();
    for (pos, cert) in certs.iter().enumerate() {
        if chain.duplicates.contains(&pos) {
            continue;
        }
        let checked = Checked {
            cert,
            base: ctx.base,
            is_leaf: pos == leaf,
        };
        let self_signed = chain.self_signed.get(pos).copied().unwrap_or(false);
        let on_path = chain.path.contains(&pos);
        // A certificate off the path is `chain.unrelated` (the normalized bundle drops it), and
        // one above the trust anchor the path meets is never reached: clients judge neither's
        // validity.
        let off_path = ctx.purpose == CertificatePurpose::Server
            && (chain.unrelated.contains(&pos) || beyond_anchor.contains(&pos));
        if !off_path {
            check_validity(&checked, ctx, out);
        }
        check_ca_flag(&checked, ctx, on_path, out);
        if ctx.purpose == CertificatePurpose::Server && checked.is_leaf {
            check_server_leaf(&checked, out);
            #[cfg(feature = "client-lints")]
            {
                let leaf = client::Leaf {
                    cert,
                    path: checked.path(),
                    // A CA given as the server certificate is `cert.leaf_is_ca`'s: the subscriber
                    // lints of the public audience would only repeat that it is no subscriber.
                    public: ctx.public_audience && cert.basic_constraints_ca != Some(true),
                };
                client::check_leaf(&leaf, out);
            }
        }
        check_strength(&checked, self_signed, out);
        if ctx.profile == ProviderProfile::AlibabaSlb && checked.is_leaf {
            check_alibaba_clb(&checked, out);
        }
    }
}

/// One certificate under check, with what its messages need.
struct Checked<'a> {
    cert: &'a ParsedCertificate,
    base: &'a str,
    is_leaf: bool,
}

impl Checked<'_> {
    /// Its JSON pointer; built only for a diagnostic, so a certificate with nothing to report
    /// costs no formatting.
    fn path(&self) -> String {
        format!("{}/chain/{}", self.base, self.cert.index)
    }

    /// `Certificate 2 (CN=…)`, for the start of a message.
    fn who(&self) -> String {
        describe(self.cert)
    }
}

/// `cert.expired`, `cert.not_yet_valid`, and for the leaf `cert.expires_soon` (or the
/// operation's validity floor, such as Cloudflare's `cert.expires_within_window`).
fn check_validity(c: &Checked<'_>, ctx: &CertificateContext<'_>, out: &mut Findings) {
    let now = ctx.now.unix_seconds();
    let cert = c.cert;
    if cert.not_after < now {
        out.emit(
            CERT_EXPIRED,
            c.path(),
            format!(
                "{} expired on {} ({}); renew it",
                c.who(),
                format_rfc3339(cert.not_after),
                ago(days_between(now, cert.not_after))
            ),
        );
    } else if cert.not_before > now {
        out.emit(
            CERT_NOT_YET_VALID,
            c.path(),
            format!(
                "{} is not valid until {}; its notBefore is in the future",
                c.who(),
                format_rfc3339(cert.not_before)
            ),
        );
    } else if c.is_leaf {
        let days_left = days_between(now, cert.not_after);
        if let Some(floor) = ctx.validity_floor.filter(|f| days_left < f.days) {
            out.emit(
                floor.rule,
                ctx.base,
                format!(
                    "The leaf expires on {}, in {days_left} day{}; {} refuses certificates that expire within {} days: renew it first",
                    format_rfc3339(cert.not_after),
                    plural(usize::try_from(days_left.unsigned_abs()).unwrap_or(usize::MAX)),
                    floor.provider,
                    floor.days
                ),
            );
        } else if days_left < i64::from(ctx.expiry_warning_days) {
            out.emit(
                CERT_EXPIRES_SOON,
                c.path(),
                format!(
                    "{} expires on {}, in {days_left} day{}; renew it before then (warning threshold {} days)",
                    c.who(),
                    format_rfc3339(cert.not_after),
                    plural(usize::try_from(days_left.unsigned_abs()).unwrap_or(usize::MAX)),
                    ctx.expiry_warning_days
                ),
            );
        }
    }
}

/// `cert.not_ca`: an issuer on the chain, or any certificate of a CA upload, without
/// basicConstraints CA:TRUE.
fn check_ca_flag(c: &Checked<'_>, ctx: &CertificateContext<'_>, on_path: bool, out: &mut Findings) {
    let must_be_ca = match ctx.purpose {
        CertificatePurpose::Server => !c.is_leaf && on_path,
        CertificatePurpose::ClientCa | CertificatePurpose::CaUpload => true,
    };
    if !must_be_ca || c.cert.basic_constraints_ca == Some(true) {
        return;
    }
    let role = if ctx.purpose == CertificatePurpose::Server {
        "issues another certificate in the chain"
    } else {
        "is uploaded as a CA certificate"
    };
    out.emit(
        CERT_NOT_CA,
        c.path(),
        format!(
            "{} {role} but has no basicConstraints CA:TRUE ({}); a CA certificate is required",
            c.who(),
            match c.cert.basic_constraints_ca {
                Some(false) => "it says CA:FALSE",
                _ => "the extension is absent",
            }
        ),
    );
}

/// The server leaf's own rules: `cert.leaf_is_ca`, `cert.no_san`, `cert.no_server_auth`.
fn check_server_leaf(c: &Checked<'_>, out: &mut Findings) {
    let cert = c.cert;
    if cert.basic_constraints_ca == Some(true) {
        out.emit(
            CERT_LEAF_IS_CA,
            c.path(),
            format!(
                "{} is the server certificate but is a CA (basicConstraints CA:TRUE); use an end-entity certificate",
                c.who()
            ),
        );
    }
    // Only an absent subjectAltName is `cert.no_san`: one that is there but empty or malformed
    // is `cert.san_empty` or `cert.san_malformed`'s (issue 19, item 4): the certificate has one,
    // and saying it has none would send the user the wrong way.
    if cert.lint.san.is_none() && cert.alt_names.is_empty() {
        let cn = cert
            .common_name
            .as_deref()
            .map(|cn| format!(" (only its common name {})", quote(cn, QUOTE_CHARS)))
            .unwrap_or_default();
        // Browsers (Chrome 58+), Go 1.15+ and rustls-webpki refuse it for every name, whatever
        // the audience: Go is what most private PKIs serve (Kubernetes' "relies on legacy
        // Common Name field"). Only OpenSSL's host check and Java's still fall back to the CN.
        // A CA given as the server certificate is `cert.leaf_is_ca`'s, as for the client lints.
        let severity = if cert.basic_constraints_ca == Some(true) {
            Severity::Warning
        } else {
            Severity::Error
        };
        out.emit_as(
            CERT_NO_SAN,
            severity,
            c.path(),
            format!(
                "{} has no subjectAltName{cn}: browsers (Chrome 58+), Go 1.15+ and rustls ignore the common name, so they refuse it for every name (only OpenSSL's and Java's host checks read it); reissue it with the names in subjectAltName",
                c.who()
            ),
        );
    }
    match cert.eku_server_auth {
        Some(EkuServerAuth::Missing) => out.emit(
            CERT_NO_SERVER_AUTH,
            c.path(),
            format!(
                "{} has an extended key usage without serverAuth, so TLS clients (browsers, Go, OpenSSL, rustls) refuse it as a server certificate",
                c.who()
            ),
        ),
        Some(EkuServerAuth::AnyPurposeOnly) => out.emit(
            CERT_NO_SERVER_AUTH,
            c.path(),
            format!(
                "{} has anyExtendedKeyUsage but not serverAuth in its extended key usage: rustls (rustls-webpki) refuses it as a server certificate, although Go and OpenSSL accept it; reissue it with serverAuth",
                c.who()
            ),
        ),
        Some(EkuServerAuth::Listed) | None => {}
    }
}

/// `cert.weak_key`, and `cert.sha1_signature` for a certificate that is not self-signed (a
/// root's own signature is never checked by clients).
fn check_strength(c: &Checked<'_>, self_signed: bool, out: &mut Findings) {
    if let Some(problem) = weak_key(&c.cert.key) {
        out.emit(
            CERT_WEAK_KEY,
            c.path(),
            format!("{} has {problem}", c.who()),
        );
    }
    if let Some(digest) = weak_digest(c.cert.signature) {
        if !self_signed {
            out.emit(
                CERT_SHA1_SIGNATURE,
                c.path(),
                format!(
                    "{} is signed with {} ({digest}), which browsers, Go 1.18+ and rustls refuse; reissue it with SHA-256",
                    c.who(),
                    c.cert.signature_name
                ),
            );
        }
    }
}

/// `cert.algorithm_unsupported` under the Alibaba CLB profile.
fn check_alibaba_clb(c: &Checked<'_>, out: &mut Findings) {
    if let Some(problem) = clb_unsupported(&c.cert.key) {
        out.emit(
            CERT_ALGORITHM_UNSUPPORTED,
            c.path(),
            format!(
                "{} has {problem}; Alibaba CLB documents RSA certificates of 1024, 2048 or 4096 bits",
                c.who()
            ),
        );
    }
}

/// `3 days ago`, `1 day ago`, `less than a day ago` for a negative day count.
fn ago(days: i64) -> String {
    match days.unsigned_abs().saturating_sub(1) {
        0 => "less than a day ago".to_string(),
        1 => "1 day ago".to_string(),
        n => format!("{n} days ago"),
    }
}

fn weak_key(key: &KeyKind) -> Option<String> {
    match key {
        KeyKind::Rsa { bits } if *bits < 2048 => {
            Some(format!("a {bits}-bit RSA key; use at least 2048 bits"))
        }
        KeyKind::Ec {
            curve: curve @ (Curve::Secp256k1 | Curve::Other(_)),
            ..
        } => Some(format!(
            "an EC key on {}; browsers accept P-256, P-384 and P-521",
            curve.name()
        )),
        KeyKind::Ec {
            curve: Curve::Explicit { .. },
            ..
        } => Some(
            "an EC key given with explicit curve parameters instead of a curve name, which RFC 5480 forbids and browsers reject; reissue it with a key on P-256, P-384 or P-521 that names its curve".to_string(),
        ),
        KeyKind::Dsa { bits } => Some(format!(
            "a {bits}-bit DSA key; TLS clients no longer accept DSA, use RSA or ECDSA"
        )),
        _ => None,
    }
}

fn weak_digest(signature: SignatureKind) -> Option<&'static str> {
    match signature {
        SignatureKind::RsaPkcs1(Hash::Sha1)
        | SignatureKind::Ecdsa(Hash::Sha1)
        | SignatureKind::RsaPss(PssParams {
            hash: Hash::Sha1, ..
        }) => Some("SHA-1"),
        SignatureKind::RsaPkcs1(Hash::Md5) => Some("MD5"),
        _ => None,
    }
}

fn clb_unsupported(key: &KeyKind) -> Option<String> {
    match key {
        KeyKind::Rsa {
            bits: 1024 | 2048 | 4096,
        } => None,
        KeyKind::Rsa { bits } => Some(format!("a {bits}-bit RSA key")),
        other => Some(format!("a {} key", other.algorithm_name())),
    }
}

/// notBefore (`which` 0) or notAfter (1) in RFC 3339, with the fractional seconds a
/// GeneralizedTime was written with (issue 19, item 4: RFC 5280 forbids them, and showing the
/// time without them hid what `cert.time_rejected` reports).
fn shown_time(cert: &ParsedCertificate, which: usize) -> String {
    let seconds = if which == 0 {
        cert.not_before
    } else {
        cert.not_after
    };
    let text = format_rfc3339(seconds);
    let fraction = cert
        .lint
        .validity
        .as_ref()
        .and_then(|times| times.get(which))
        .filter(|time| time.generalized)
        .and_then(|time| time.text.split_once('.'))
        .map(|(_, rest)| rest.trim_end_matches(|c: char| !c.is_ascii_digit()))
        .filter(|digits| !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()));
    match (fraction, text.strip_suffix('Z')) {
        (Some(digits), Some(base)) => format!("{base}.{digits}Z"),
        _ => text,
    }
}

/// The facts a report shows for one certificate.
pub(crate) fn facts(
    cert: &ParsedCertificate,
    self_signed: bool,
    now: Timestamp,
) -> CertificateFacts {
    CertificateFacts {
        index: cert.index,
        subject: cert.subject.clone(),
        issuer: cert.issuer.clone(),
        common_name: cert.common_name.clone(),
        subject_alternative_names: cert.alt_names.clone(),
        serial: cert.serial_hex.clone(),
        not_before: shown_time(cert, 0),
        not_after: shown_time(cert, 1),
        not_before_ms: cert.not_before.saturating_mul(1000),
        not_after_ms: cert.not_after.saturating_mul(1000),
        days_remaining: days_between(now.unix_seconds(), cert.not_after),
        key_algorithm: cert.key.algorithm_name(),
        key_size: cert.key.bits(),
        key_curve: match &cert.key {
            KeyKind::Ec { curve, .. } => Some(curve.name().to_string()),
            _ => None,
        },
        signature_algorithm: cert.signature_name.clone(),
        is_ca: cert.basic_constraints_ca == Some(true),
        is_self_signed: self_signed,
        fingerprints: fingerprints(&cert.der),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_round_down() {
        assert_eq!(days_between(0, DAY - 1), 0);
        assert_eq!(days_between(0, DAY), 1);
        assert_eq!(days_between(0, -1), -1);
        assert_eq!(days_between(i64::MIN, i64::MAX), i64::MAX / DAY);
    }

    #[test]
    fn key_strength_table() {
        assert!(weak_key(&KeyKind::Rsa { bits: 1024 }).is_some());
        assert!(weak_key(&KeyKind::Rsa { bits: 2048 }).is_none());
        assert!(weak_key(&KeyKind::Ec {
            curve: Curve::P256,
            bits: 256
        })
        .is_none());
        let k1 = KeyKind::Ec {
            curve: Curve::Secp256k1,
            bits: 256,
        };
        assert!(weak_key(&k1).is_some_and(|m| m.contains("secp256k1")));
        assert!(clb_unsupported(&KeyKind::Rsa { bits: 3072 }).is_some());
        assert!(clb_unsupported(&KeyKind::Ed25519).is_some());
        assert!(clb_unsupported(&KeyKind::Rsa { bits: 4096 }).is_none());
    }
}
