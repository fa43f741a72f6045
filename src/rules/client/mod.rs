//! Client-acceptance lints of the leaf (subscriber) certificate (issue 20): what browsers and
//! TLS libraries refuse, and what the CA/Browser Forum Baseline Requirements (BR) and RFC 5280
//! forbid, by audience. For the `public` audience every lint applies; for `private` only the
//! ones marked `any audience` below, which TLS libraries refuse whatever the issuer.
//!
//! Each lint reads the parsed model (`ParsedCertificate::lint`) and emits one catalogue row;
//! its limits are constants with their source beside them. The rows carry the zlint and
//! pkilint names of the same check (`crate::catalog`).

use crate::catalog::{
    CERT_EKU_CRITICAL, CERT_EKU_EXTRA, CERT_EKU_MISSING, CERT_KEY_NOT_FOR_BROWSERS,
    CERT_KEY_USAGE_CA_BITS, CERT_KEY_USAGE_FOR_KEY_TYPE, CERT_KEY_USAGE_NO_SIGNATURE,
    CERT_TIME_ENCODING, CERT_TIME_REJECTED, CERT_VALIDITY_BR_LIMIT, CERT_VALIDITY_NEAR_LIMIT,
    CERT_VALIDITY_TOO_LONG,
};
use crate::findings::Findings;
use crate::model::certificate::{key_usage as ku, KeyKind, TimeEncoding};
use crate::report::Severity;

mod leaf;
mod names;
#[cfg(feature = "public-suffix")]
mod public_suffix;

pub(crate) use leaf::Leaf;

/// Runs the client-acceptance lints over the server leaf.
pub(crate) fn check_leaf(leaf: &Leaf<'_>, out: &mut Findings) {
    check_time_encoding(leaf, out);
    check_key_usage_signature(leaf, out);
    check_key_usage_ca_bits(leaf, out);
    names::check_names(leaf, out);
    if !leaf.public {
        return;
    }
    check_validity_period(leaf, out);
    check_extended_key_usage(leaf, out);
    check_key_usage(leaf, out);
    check_key_type(leaf, out);
}

const DAY: i64 = 86_400;

/// One maximum validity period and the notBefore from which it applies.
struct ValidityLimit {
    /// First notBefore (Unix seconds, UTC) the limit applies to.
    from: i64,
    from_text: &'static str,
    days: i64,
    /// Whether clients refuse a longer certificate (error) or only the BR forbid it (warning).
    enforced_by: Option<&'static str>,
    source: &'static str,
}

/// Maximum validity by issuance date, latest first. Sources: BR 6.3.2 (825 days from
/// 2018-03-01, ballot 193; 398 days from 2020-09-01, ballot SC-31), Apple's "About upcoming
/// limits on trusted certificates" (398 days from 2020-09-01, enforced by Safari/iOS/macOS)
/// and Chrome's matching root program policy, Apple's iOS 13 / macOS 10.15 requirements (825
/// days from 2019-07-01), ballot SC-081 (200 days from 2026-03-15, 100 from 2027-03-15, 47
/// from 2029-03-15). SC-081's limits are the CA/Browser Forum's: no client is documented to
/// refuse a longer certificate yet, so they are warnings.
const VALIDITY_LIMITS: &[ValidityLimit] = &[
    ValidityLimit {
        from: 1_868_227_200, // 2029-03-15T00:00:00Z
        from_text: "2029-03-15",
        days: 47,
        enforced_by: None,
        source: "CA/Browser Forum ballot SC-081",
    },
    ValidityLimit {
        from: 1_805_068_800, // 2027-03-15T00:00:00Z
        from_text: "2027-03-15",
        days: 100,
        enforced_by: None,
        source: "CA/Browser Forum ballot SC-081",
    },
    ValidityLimit {
        from: 1_773_532_800, // 2026-03-15T00:00:00Z
        from_text: "2026-03-15",
        days: 200,
        enforced_by: None,
        source: "CA/Browser Forum ballot SC-081",
    },
    ValidityLimit {
        from: 1_598_918_400, // 2020-09-01T00:00:00Z
        from_text: "2020-09-01",
        days: 398,
        enforced_by: Some("Safari (Apple) and Chrome refuse it"),
        source: "Apple and Chrome root policies, BR 6.3.2 (ballot SC-31)",
    },
    ValidityLimit {
        from: 1_561_939_200, // 2019-07-01T00:00:00Z
        from_text: "2019-07-01",
        days: 825,
        enforced_by: Some("iOS 13 and macOS 10.15 refuse it"),
        source: "Apple's iOS 13 / macOS 10.15 requirements, BR 6.3.2 (ballot 193)",
    },
    ValidityLimit {
        from: 1_519_862_400, // 2018-03-01T00:00:00Z
        from_text: "2018-03-01",
        days: 825,
        enforced_by: None,
        source: "BR 6.3.2 (ballot 193)",
    },
];

/// `cert.validity_too_long`, `cert.validity_br_limit`, `cert.validity_near_limit`. The
/// validity period runs from notBefore through notAfter inclusive (BR 1.6.1, RFC 5280 section
/// 4.1.2.5): one second more than their difference.
fn check_validity_period(leaf: &Leaf<'_>, out: &mut Findings) {
    let cert = leaf.cert;
    let Some(limit) = VALIDITY_LIMITS.iter().find(|l| cert.not_before >= l.from) else {
        return;
    };
    let seconds = cert
        .not_after
        .saturating_sub(cert.not_before)
        .saturating_add(1);
    let max = limit.days * DAY;
    // The days shown: whole days, rounded up (398 days and one second is "399 days").
    let days = seconds.saturating_add(DAY - 1) / DAY;
    if seconds > max {
        let (rule, consequence) = match limit.enforced_by {
            Some(clients) => (&CERT_VALIDITY_TOO_LONG, clients.to_string()),
            None => (
                &CERT_VALIDITY_BR_LIMIT,
                "publicly trusted CAs may not issue it; clients do not refuse it yet".to_string(),
            ),
        };
        out.emit(
            rule,
            leaf.path.clone(),
            format!(
                "{} is valid for {days} days; a certificate issued from {} may be valid for at most {} days ({}): {consequence}",
                leaf.who(),
                limit.from_text,
                limit.days,
                limit.source
            ),
        );
    } else if seconds > max - DAY {
        out.emit(
            CERT_VALIDITY_NEAR_LIMIT,
            leaf.path.clone(),
            format!(
                "{} is valid for more than {} days, within a day of the {}-day maximum for certificates issued from {} ({}); CAs keep a day of margin (zlint and pkilint warn at {} days)",
                leaf.who(),
                limit.days - 1,
                limit.days,
                limit.from_text,
                limit.source,
                limit.days - 1
            ),
        );
    }
}

/// serverAuth, clientAuth: what a TLS server certificate's EKU may hold (BR 7.1.2.7.10).
const EKU_SERVER_AUTH: &str = "1.3.6.1.5.5.7.3.1";
const EKU_CLIENT_AUTH: &str = "1.3.6.1.5.5.7.3.2";

/// `cert.eku_missing`, `cert.eku_extra`, `cert.eku_critical` (BR 7.1.2.7.10).
fn check_extended_key_usage(leaf: &Leaf<'_>, out: &mut Findings) {
    let Some((critical, purposes)) = &leaf.cert.lint.eku else {
        out.emit(
            CERT_EKU_MISSING,
            leaf.path.clone(),
            format!(
                "{} has no extended key usage; the Baseline Requirements (7.1.2.7.10) require one with serverAuth in a TLS server certificate",
                leaf.who()
            ),
        );
        return;
    };
    let extra: Vec<&str> = purposes
        .iter()
        .map(String::as_str)
        .filter(|p| *p != EKU_SERVER_AUTH && *p != EKU_CLIENT_AUTH)
        .collect();
    if !extra.is_empty() {
        let names: Vec<String> = extra.iter().map(|oid| eku_name(oid)).collect();
        out.emit(
            CERT_EKU_EXTRA,
            leaf.path.clone(),
            format!(
                "{} has extended key usages other than serverAuth and clientAuth ({}); the Baseline Requirements (7.1.2.7.10) allow only those two in a TLS server certificate",
                leaf.who(),
                names.join(", ")
            ),
        );
    }
    if *critical {
        out.emit(
            CERT_EKU_CRITICAL,
            leaf.path.clone(),
            format!(
                "{}'s extended key usage is marked critical; the Baseline Requirements (7.1.2.7.6) require it non-critical, and pyca/cryptography refuses the certificate",
                leaf.who()
            ),
        );
    }
}

/// A purpose OID's name where it is a well-known one.
fn eku_name(oid: &str) -> String {
    let name = match oid {
        "2.5.29.37.0" => "anyExtendedKeyUsage",
        "1.3.6.1.5.5.7.3.3" => "codeSigning",
        "1.3.6.1.5.5.7.3.4" => "emailProtection",
        "1.3.6.1.5.5.7.3.8" => "timeStamping",
        "1.3.6.1.5.5.7.3.9" => "OCSPSigning",
        "1.3.6.1.4.1.11129.2.4.4" => "precertificate signing",
        _ => return oid.to_string(),
    };
    name.to_string()
}

/// `cert.key_usage_ca_bits`: keyCertSign in a leaf that is not a CA is an error for any
/// audience (RFC 5280 4.2.1.3 requires the cA bit with it; pyca/cryptography refuses the leaf);
/// cRLSign alone only breaks the Baseline Requirements (public audience, a warning).
fn check_key_usage_ca_bits(leaf: &Leaf<'_>, out: &mut Findings) {
    let Some((_, bits)) = leaf.cert.lint.key_usage else {
        return;
    };
    let ca_bits = bits & (ku::KEY_CERT_SIGN | ku::CRL_SIGN);
    if ca_bits == 0 || leaf.cert.basic_constraints_ca == Some(true) {
        return;
    }
    let refused = bits & ku::KEY_CERT_SIGN != 0;
    if !refused && !leaf.public {
        return;
    }
    let message = format!(
        "{} is not a CA but its key usage has {}; {}",
        leaf.who(),
        bit_names(ca_bits),
        if refused {
            "RFC 5280 (4.2.1.3) allows keyCertSign only with the cA bit, and pyca/cryptography refuses such a certificate (OpenSSL too in strict mode)"
        } else {
            "the Baseline Requirements (7.1.2.7.11) forbid it in a subscriber certificate"
        }
    );
    let severity = if refused {
        Severity::Error
    } else {
        Severity::Warning
    };
    out.emit_as(CERT_KEY_USAGE_CA_BITS, severity, leaf.path.clone(), message);
}

/// `cert.key_usage_for_key_type` (public audience).
fn check_key_usage(leaf: &Leaf<'_>, out: &mut Findings) {
    let Some((_, bits)) = leaf.cert.lint.key_usage else {
        return;
    };
    let (allowed, family, source) = allowed_key_usage(&leaf.cert.key);
    let wrong = bits & !allowed;
    if wrong != 0 {
        out.emit(
            CERT_KEY_USAGE_FOR_KEY_TYPE,
            leaf.path.clone(),
            format!(
                "{} has {} in its key usage, which a TLS server's {family} key may not have ({source}); reissue it with digitalSignature{}",
                leaf.who(),
                bit_names(wrong),
                if family == "RSA" { " (and keyEncipherment for TLS 1.2 RSA key exchange)" } else { "" }
            ),
        );
    }
}

/// The keyUsage bits a subscriber key of this type may have, with the source: BR 7.1.2.7.11's
/// table for TLS subscriber certificates, narrower than what RFC 3279, 5480 and 8410 allow the
/// key types (nonRepudiation is no server's business). The table's "not recommended" bits
/// (dataEncipherment for RSA, keyAgreement for ECDSA; pkilint's
/// `subscriber_discouraged_ku_present`) are allowed: the rule is about forbidden ones (pkilint's
/// `subscriber_prohibited_ku_present`). keyCertSign and cRLSign are `cert.key_usage_ca_bits`'s.
fn allowed_key_usage(key: &KeyKind) -> (u16, &'static str, &'static str) {
    let ca_bits = ku::KEY_CERT_SIGN | ku::CRL_SIGN;
    match key {
        KeyKind::Rsa { .. } => (
            ku::DIGITAL_SIGNATURE | ku::KEY_ENCIPHERMENT | ku::DATA_ENCIPHERMENT | ca_bits,
            "RSA",
            "BR 7.1.2.7.11: digitalSignature, keyEncipherment and dataEncipherment only; RFC 3279 section 2.3.1",
        ),
        KeyKind::Ec { .. } => (
            ku::DIGITAL_SIGNATURE | ku::KEY_AGREEMENT | ca_bits,
            "ECDSA",
            "BR 7.1.2.7.11: digitalSignature and keyAgreement only; RFC 5480 section 3",
        ),
        KeyKind::Ed25519 | KeyKind::Ed448 => (
            ku::DIGITAL_SIGNATURE | ca_bits,
            "EdDSA",
            "RFC 8410 section 5: no encipherment or agreement",
        ),
        _ => (u16::MAX, "these", "no restriction known"),
    }
}

/// `cert.key_usage_no_signature` (any audience): a keyUsage without digitalSignature. TLS 1.3
/// and every ECDHE suite authenticate the server with a signature, and the clients check the
/// bit: Chrome 124+ ("ERR_SSL_KEY_USAGE_INCOMPATIBLE", RSA included), BoringSSL, NSS, OpenSSL
/// ("certificate key usage doesn't permit signing"-style handshake failures) and Go refuse it.
fn check_key_usage_signature(leaf: &Leaf<'_>, out: &mut Findings) {
    let Some((_, bits)) = leaf.cert.lint.key_usage else {
        return;
    };
    if bits & ku::DIGITAL_SIGNATURE != 0 {
        return;
    }
    let rsa_only_encipherment =
        matches!(leaf.cert.key, KeyKind::Rsa { .. }) && bits & ku::KEY_ENCIPHERMENT != 0;
    out.emit(
        CERT_KEY_USAGE_NO_SIGNATURE,
        leaf.path.clone(),
        format!(
            "{}'s key usage ({}) lacks digitalSignature, which a TLS server's key needs for TLS 1.3 and every ECDHE handshake: Chrome 124+ refuses it (ERR_SSL_KEY_USAGE_INCOMPATIBLE), and so do BoringSSL, NSS and Go{}",
            leaf.who(),
            if bits == 0 { "no bit set".to_string() } else { bit_names(bits) },
            if rsa_only_encipherment {
                "; keyEncipherment alone serves only TLS 1.2's static RSA key exchange"
            } else {
                ""
            }
        ),
    );
}

fn bit_names(bits: u16) -> String {
    const NAMES: [&str; 9] = [
        "digitalSignature",
        "nonRepudiation",
        "keyEncipherment",
        "dataEncipherment",
        "keyAgreement",
        "keyCertSign",
        "cRLSign",
        "encipherOnly",
        "decipherOnly",
    ];
    NAMES
        .iter()
        .enumerate()
        .filter(|(i, _)| bits & (1 << i) != 0)
        .map(|(_, name)| *name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// `cert.key_not_for_browsers` (public audience): a key type the BR (6.1.5, 7.1.3.1) do not
/// allow and browsers do not accept in a server certificate: EdDSA, DSA and unknown types.
/// RSA sizes and EC curves are `cert.weak_key`'s (any audience; the path-validation rules).
fn check_key_type(leaf: &Leaf<'_>, out: &mut Findings) {
    let name = match &leaf.cert.key {
        KeyKind::Ed25519 => "Ed25519",
        KeyKind::Ed448 => "Ed448",
        KeyKind::Other(oid) => oid.as_str(),
        KeyKind::Rsa { .. } | KeyKind::Ec { .. } | KeyKind::Dsa { .. } => return,
    };
    out.emit(
        CERT_KEY_NOT_FOR_BROWSERS,
        leaf.path.clone(),
        format!(
            "{} has an {name} key: Chrome, Firefox and Safari do not accept it in a server certificate, and the Baseline Requirements (6.1.5) allow only RSA and ECDSA on P-256, P-384 or P-521",
            leaf.who()
        ),
    );
}

/// The year from which RFC 5280 (4.1.2.5) requires GeneralizedTime.
const GENERALIZED_TIME_FROM_YEAR: u32 = 2050;

/// `cert.time_rejected` (any audience) and `cert.time_encoding` (public): RFC 5280 section
/// 4.1.2.5 fixes the forms: UTCTime `YYMMDDHHMMSSZ` through 2049, GeneralizedTime
/// `YYYYMMDDHHMMSSZ` from 2050, seconds always, Zulu, no fraction. Go's parser (crypto/x509
/// through cryptobyte) refuses a GeneralizedTime with a fraction or an offset, and rustls-webpki
/// reads either type only in exactly that form (no UTCTime without seconds or Z), so such a
/// certificate fails in every Go or rustls client whatever its issuer (issue 26: the webpki
/// differential found the UTCTime half).
fn check_time_encoding(leaf: &Leaf<'_>, out: &mut Findings) {
    let Some(times) = &leaf.cert.lint.validity else {
        return;
    };
    for (field, time) in ["notBefore", "notAfter"].into_iter().zip(times.iter()) {
        let problems = time_problems(time);
        if problems.is_empty() {
            continue;
        }
        // Who cannot parse the certificate at all, if anyone.
        let rejected_by = if time.generalized {
            (!generalized_time_is_go_form(&time.text)).then_some("Go's crypto/x509 refuses")
        } else {
            (!utc_time_is_strict_form(&time.text))
                .then_some("rustls (rustls-webpki: BadDerTime) refuses")
        };
        let what = format!(
            "{}'s {field} is written {} \"{}\": {}",
            leaf.who(),
            if time.generalized {
                "as GeneralizedTime"
            } else {
                "as UTCTime"
            },
            time.text,
            problems.join("; ")
        );
        if let Some(who) = rejected_by {
            out.emit(
                CERT_TIME_REJECTED,
                leaf.path.clone(),
                format!("{what}; {who} to parse the certificate (RFC 5280 section 4.1.2.5)"),
            );
        } else if leaf.public {
            out.emit(
                CERT_TIME_ENCODING,
                leaf.path.clone(),
                format!("{what} (RFC 5280 section 4.1.2.5)"),
            );
        }
    }
}

/// What is wrong with one validity time's encoding, in words (empty when nothing).
fn time_problems(time: &TimeEncoding) -> Vec<String> {
    let text = time.text.as_str();
    let mut problems = Vec::new();
    let year_digits = if time.generalized { 4 } else { 2 };
    let digits: String = text.chars().take_while(char::is_ascii_digit).collect();
    let rest = text.get(digits.len()..).unwrap_or_default();
    // Date, hour and minute are always there (the parser read them); seconds may be missing.
    let seconds_present = digits.len() >= year_digits + 10;
    if !seconds_present {
        problems.push("it has no seconds".to_string());
    }
    if rest.starts_with('.') || rest.starts_with(',') {
        problems.push("it has fractional seconds".to_string());
    }
    let zone = rest.trim_start_matches(|c: char| c == '.' || c == ',' || c.is_ascii_digit());
    if zone != "Z" {
        problems.push(if zone.is_empty() {
            "it has no time zone (Z)".to_string()
        } else {
            format!("its time zone is \"{zone}\", not Z (UTC)")
        });
    }
    // Only a GeneralizedTime's year is judged (a UTCTime's two digits are always in range).
    let year: Option<u32> = digits.get(..4).and_then(|y| y.parse().ok());
    if time.generalized && year.is_some_and(|y| y < GENERALIZED_TIME_FROM_YEAR) {
        problems.push(format!(
            "a date before {GENERALIZED_TIME_FROM_YEAR} must be UTCTime"
        ));
    }
    problems
}

/// `YYMMDDHHMMSSZ` exactly: the only UTCTime form rustls-webpki's parser accepts (Go's and
/// OpenSSL's also take one without seconds).
fn utc_time_is_strict_form(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 13
        && bytes
            .get(..12)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && bytes.get(12) == Some(&b'Z')
}

/// `YYYYMMDDHHMMSSZ` exactly: the only GeneralizedTime form Go's parser accepts.
fn generalized_time_is_go_form(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 15
        && bytes
            .get(..14)
            .is_some_and(|d| d.iter().all(u8::is_ascii_digit))
        && bytes.get(14) == Some(&b'Z')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn time(generalized: bool, text: &str) -> TimeEncoding {
        TimeEncoding {
            generalized,
            text: text.to_string(),
        }
    }

    #[test]
    fn time_forms() {
        let table: &[(bool, &str, usize, bool)] = &[
            // (generalized, text, problems, Go's form)
            (false, "260101000000Z", 0, false),
            (false, "2601010000Z", 1, false),
            (false, "260101000000+0100", 1, false),
            (true, "20500101000000Z", 0, true),
            (true, "20500101000000.5Z", 1, false),
            (true, "20260101000000Z", 1, true),
            (true, "205001010000Z", 1, false),
            (true, "20500101000000+0000", 1, false),
        ];
        for &(generalized, text, count, go) in table {
            let t = time(generalized, text);
            assert_eq!(
                time_problems(&t).len(),
                count,
                "{text}: {:?}",
                time_problems(&t)
            );
            assert_eq!(generalized_time_is_go_form(text), go, "{text}");
        }
    }

    /// Go reads a GeneralizedTime only as `YYYYMMDDHHMMSSZ`: fourteen digits, then Z, nothing
    /// else (issue 27: near misses of the same length, or with the right prefix, were
    /// untested, so each part of the test could be weakened).
    #[test]
    fn generalized_time_forms_go_reads() {
        let table = [
            ("20500101000000Z", true),
            ("2050010100000AZ", false),
            ("205001010000000", false),
            ("20500101000000Z0", false),
            ("20500101000000", false),
            ("", false),
        ];
        for (text, go) in table {
            assert_eq!(generalized_time_is_go_form(text), go, "{text}");
        }
    }

    /// rustls-webpki reads a UTCTime only as `YYMMDDHHMMSSZ`: twelve digits, then Z, nothing
    /// else (thirteen-character near misses included, so each part of the test counts).
    #[test]
    fn utc_time_forms_rustls_reads() {
        let table = [
            ("260101000000Z", true),
            ("2601010000Z", false),
            ("260101000000+0100", false),
            ("2601010000+01", false),
            ("26010100000AZ", false),
            ("2601010000000", false),
            ("260101000000Z0", false),
            ("", false),
        ];
        for (text, rustls) in table {
            assert_eq!(utc_time_is_strict_form(text), rustls, "{text}");
        }
    }

    #[test]
    fn validity_limits_are_latest_first_and_dates_match() {
        for pair in VALIDITY_LIMITS.windows(2) {
            if let [later, earlier] = pair {
                assert!(later.from > earlier.from);
            }
        }
        for limit in VALIDITY_LIMITS {
            let date = crate::time::format_rfc3339(limit.from);
            assert!(
                date.starts_with(limit.from_text),
                "{date} {}",
                limit.from_text
            );
        }
    }

    #[test]
    fn key_usage_bit_names() {
        assert_eq!(
            bit_names(ku::KEY_ENCIPHERMENT | ku::KEY_AGREEMENT),
            "keyEncipherment, keyAgreement"
        );
        let (ec, _, _) = allowed_key_usage(&KeyKind::Ed25519);
        assert_eq!(ec & ku::KEY_AGREEMENT, 0);
    }
}
