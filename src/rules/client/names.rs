//! The leaf's names: the subjectAltName entries as encoded, the common name, dNSName syntax,
//! wildcards, internal names and reserved IP addresses (BR 7.1.2.7.12 and 7.1.4.3, RFC 5280
//! section 4.2.1.6).

use super::leaf::Leaf;
#[cfg(feature = "public-suffix")]
use super::public_suffix::{public_suffix, Section, LIST_DATE};
#[cfg(feature = "public-suffix")]
use crate::catalog::CERT_WILDCARD_PUBLIC_SUFFIX;
use crate::catalog::{
    CERT_CN_NOT_IN_SAN, CERT_CN_PRESENT, CERT_CN_TOO_LONG, CERT_DNS_HYPHEN,
    CERT_DNS_LABEL_TOO_LONG, CERT_DNS_NAME_INVALID, CERT_DNS_NAME_TOO_LONG,
    CERT_DNS_RESERVED_LABEL, CERT_DNS_UNDERSCORE, CERT_INTERNAL_NAME, CERT_IP_MALFORMED,
    CERT_IP_RESERVED, CERT_SAN_DUPLICATE, CERT_SAN_EMPTY, CERT_SAN_EMPTY_ENTRY, CERT_SAN_MALFORMED,
    CERT_WILDCARD_BARE, CERT_WILDCARD_INVALID,
};
use crate::findings::Findings;
use crate::model::certificate::SanEntry;
#[cfg(feature = "public-suffix")]
use crate::report::Severity;
use crate::text::punycode::punycode_decode;
use crate::text::{quote, QUOTE_CHARS};

/// RFC 5280 appendix A (ub-common-name): a commonName has at most 64 characters.
const MAX_COMMON_NAME_CHARS: usize = 64;
/// RFC 1035 section 2.3.4: a label has at most 63 octets.
const MAX_LABEL_OCTETS: usize = 63;
/// RFC 1035 section 2.3.4 (255 octets on the wire): 253 characters written out.
const MAX_NAME_CHARS: usize = 253;
/// CA/Browser Forum ballot SC12: underscores in dNSNames forbidden from 2019-04-30 (before
/// then a CA could issue them for at most 30 days).
const UNDERSCORE_FORBIDDEN_FROM: i64 = 1_556_582_400; // 2019-04-30T00:00:00Z

/// Top-level labels that are not public: RFC 2606 and RFC 6761 (test, example, invalid,
/// localhost), RFC 6762 (local), RFC 8375 (home.arpa: its TLD is arpa, handled apart), ICANN's
/// 2024 reservation of `internal`, and the undelegated names most used inside companies (lan,
/// corp, home, intranet, private, localdomain), which the ICANN name collision list blocks.
/// Not the public suffix list: a name under a TLD missing here passes this lint.
const INTERNAL_TLDS: &[&str] = &[
    "test",
    "example",
    "invalid",
    "localhost",
    "local",
    "internal",
    "lan",
    "corp",
    "home",
    "intranet",
    "private",
    "localdomain",
];

pub(super) fn check_names(leaf: &Leaf<'_>, out: &mut Findings) {
    let lint = &leaf.cert.lint;
    let Some(entries) = &lint.san else {
        // No subjectAltName: `cert.no_san` says so.
        check_common_name(leaf, &[], out);
        return;
    };
    if check_san_encoding(leaf, entries, out) {
        return;
    }
    let dns: Vec<&str> = entries
        .iter()
        .filter_map(|e| match e {
            // A dNSName that is not IA5 is `cert.san_malformed`'s alone.
            SanEntry::Dns { name, ia5: true } => Some(name.as_str()),
            _ => None,
        })
        .collect();
    if entries.is_empty() {
        // Any audience: like a missing subjectAltName (`cert.no_san`), it covers no name.
        out.emit(
            CERT_SAN_EMPTY,
            leaf.path.clone(),
            format!(
                "{} has a subjectAltName extension with no name in it, so it covers no name for browsers and Go; RFC 5280 (4.2.1.6) requires at least one",
                leaf.who()
            ),
        );
    }
    check_common_name(leaf, entries, out);
    #[cfg(feature = "public-suffix")]
    for name in &dns {
        check_wildcard_suffix(leaf, name, out);
    }
    if !leaf.public {
        return;
    }
    for (i, name) in dns.iter().enumerate() {
        if name.is_empty() {
            out.emit(
                CERT_SAN_EMPTY_ENTRY,
                leaf.path.clone(),
                format!("{} has an empty dNSName in its subjectAltName", leaf.who()),
            );
            continue;
        }
        if dns
            .get(..i)
            .is_some_and(|before| before.iter().any(|b| b.eq_ignore_ascii_case(name)))
        {
            out.emit(
                CERT_SAN_DUPLICATE,
                leaf.path.clone(),
                format!(
                    "{} lists {} twice in its subjectAltName",
                    leaf.who(),
                    quote(name, QUOTE_CHARS)
                ),
            );
            continue;
        }
        check_dns_name(leaf, name, out);
    }
    for entry in entries {
        if let SanEntry::Ip(octets) = entry {
            check_ip(leaf, octets, "subjectAltName", out);
        }
    }
}

/// `cert.san_malformed` (any audience): a subjectAltName that is not a readable list of
/// names, or a dNSName that is not an IA5String. Go's crypto/x509 refuses to parse such a
/// certificate ("x509: SAN dNSName is malformed"); RFC 5280 (4.2.1.6) makes dNSName an
/// IA5String. True when the extension cannot be read at all (nothing else to check).
fn check_san_encoding(leaf: &Leaf<'_>, entries: &[SanEntry], out: &mut Findings) -> bool {
    if !leaf.cert.lint.san_readable {
        out.emit(
            CERT_SAN_MALFORMED,
            leaf.path.clone(),
            format!(
                "{}'s subjectAltName extension is not a valid list of names (RFC 5280 section 4.2.1.6), so it covers no name; Go's crypto/x509 refuses to parse the certificate",
                leaf.who()
            ),
        );
        return true;
    }
    for entry in entries {
        if let SanEntry::Dns { name, ia5: false } = entry {
            out.emit(
                CERT_SAN_MALFORMED,
                leaf.path.clone(),
                format!(
                    "{} has the dNSName {} in its subjectAltName, which is not an IA5String (ASCII): RFC 5280 (4.2.1.6) requires the xn-- (punycode) form, and Go's crypto/x509 refuses to parse the certificate (\"x509: SAN dNSName is malformed\")",
                    leaf.who(),
                    quote(name, QUOTE_CHARS)
                ),
            );
        }
    }
    false
}

/// `cert.cn_present`, `cert.cn_not_in_san`, `cert.cn_too_long`, and an IP address in the
/// common name (`cert.ip_reserved`): public audience only.
fn check_common_name(leaf: &Leaf<'_>, entries: &[SanEntry], out: &mut Findings) {
    if !leaf.public {
        return;
    }
    for cn in &leaf.cert.lint.common_names {
        let chars = cn.chars().count();
        if chars > MAX_COMMON_NAME_CHARS {
            out.emit(
                CERT_CN_TOO_LONG,
                leaf.path.clone(),
                format!(
                    "{}'s common name has {chars} characters; RFC 5280 (ub-common-name) allows at most {MAX_COMMON_NAME_CHARS}",
                    leaf.who()
                ),
            );
        }
        if entries.is_empty() {
            continue;
        }
        let ip = parse_ip(cn);
        // An address in the CN must be its iPAddress entry's text exactly: dotted-quad, or RFC
        // 5952 for IPv6 (lowercase, compressed), as BR 7.1.2.7.2 requires; the same address
        // written otherwise (`2001:DB8::1`, uncompressed) is not "one of the entries".
        let in_san = entries.iter().any(|e| match e {
            SanEntry::Dns { name, .. } => name == cn,
            SanEntry::Ip(octets) => crate::model::certificate::ip_to_string(octets) == *cn,
            SanEntry::Other(_) => false,
        });
        if !in_san {
            out.emit(
                CERT_CN_NOT_IN_SAN,
                leaf.path.clone(),
                format!(
                    "{}'s common name {} is not one of its subjectAltName entries (compared exactly); the Baseline Requirements (7.1.4.3) require it to be one",
                    leaf.who(),
                    quote(cn, QUOTE_CHARS)
                ),
            );
        }
        if let Some(octets) = ip {
            check_ip(leaf, &octets, "common name", out);
        }
    }
    if let Some(cn) = leaf.cert.lint.common_names.first() {
        out.emit(
            CERT_CN_PRESENT,
            leaf.path.clone(),
            format!(
                "{} has a common name ({}); the Baseline Requirements call it deprecated (7.1.4.3) and clients use only the subjectAltName",
                leaf.who(),
                quote(cn, QUOTE_CHARS)
            ),
        );
    }
}

/// The syntax lints of one dNSName (public audience). Each problem class is its own rule.
fn check_dns_name(leaf: &Leaf<'_>, name: &str, out: &mut Findings) {
    let quoted = quote(name, QUOTE_CHARS);
    let mut emit = |rule, what: String| {
        out.emit(
            rule,
            leaf.path.clone(),
            format!("{}'s dNSName {quoted} {what}", leaf.who()),
        );
    };
    if name.chars().count() > MAX_NAME_CHARS {
        emit(
            CERT_DNS_NAME_TOO_LONG,
            format!(
                "has {} characters; a DNS name has at most {MAX_NAME_CHARS} (RFC 1035)",
                name.chars().count()
            ),
        );
    }
    if let Some(problem) = syntax_problem(name) {
        emit(
            CERT_DNS_NAME_INVALID,
            format!("{problem} (RFC 5280 4.2.1.6, RFC 1034 preferred name syntax; BR 7.1.2.7.12)"),
        );
        return;
    }
    let labels: Vec<&str> = name.split('.').collect();
    let wildcard = labels.first() == Some(&"*");
    if name == "*" {
        emit(
            CERT_WILDCARD_BARE,
            "is a bare wildcard, which matches no name (RFC 6125 6.4.3)".to_string(),
        );
        return;
    }
    if labels
        .iter()
        .enumerate()
        .any(|(i, l)| l.contains('*') && !(i == 0 && *l == "*"))
    {
        emit(
            CERT_WILDCARD_INVALID,
            "has a * that is not the whole leftmost label; only *.example.com is valid (BR 7.1.2.7.12, RFC 6125 6.4.3), and browsers do not match other forms".to_string(),
        );
    }
    let host_labels = if wildcard {
        labels.get(1..).unwrap_or_default()
    } else {
        labels.as_slice()
    };
    if let Some(long) = host_labels.iter().find(|l| l.len() > MAX_LABEL_OCTETS) {
        emit(
            CERT_DNS_LABEL_TOO_LONG,
            format!(
                "has a label of {} characters ({}); a label has at most {MAX_LABEL_OCTETS} (RFC 1035)",
                long.len(),
                quote(long, QUOTE_CHARS)
            ),
        );
    }
    if let Some(edge) = host_labels
        .iter()
        .find(|l| l.starts_with('-') || l.ends_with('-'))
    {
        emit(
            CERT_DNS_HYPHEN,
            format!(
                "has the label {}, which starts or ends with a hyphen (RFC 1034 preferred name syntax)",
                quote(edge, QUOTE_CHARS)
            ),
        );
    }
    if let Some(reserved) = host_labels.iter().find(|l| is_bad_reserved_label(l)) {
        emit(
            CERT_DNS_RESERVED_LABEL,
            format!(
                "has the label {}: a label with -- in its third and fourth characters is reserved (RFC 5890), and only an xn-- label that decodes as punycode is allowed (BR 7.1.2.7.12, P-Label)",
                quote(reserved, QUOTE_CHARS)
            ),
        );
    }
    check_underscore(leaf, host_labels, &mut emit);
    // `*.com` is `cert.wildcard_public_suffix`'s, not an internal single-label name.
    #[cfg(feature = "public-suffix")]
    if wildcard && public_suffix(&host_labels.join(".")).is_some() {
        return;
    }
    if let Some(tld) = internal_tld(host_labels) {
        emit(
            CERT_INTERNAL_NAME,
            format!(
                "is an internal name ({tld}); publicly trusted CAs may not issue certificates for names under no public top-level domain since 2016-10-01 (BR 4.2.2, 7.1.2.7.12)"
            ),
        );
    }
}

/// `cert.wildcard_public_suffix`: a wildcard whose base is itself a public suffix. Over an
/// ICANN suffix (`*.com`, `*.co.uk`) Chrome refuses to match it whatever the issuer (its
/// `VerifyHostname` consults the registry-controlled domains, private section excluded): an
/// error for any audience. Over a PRIVATE suffix (`*.s3.amazonaws.com`) browsers match it, and
/// only the Baseline Requirements (3.2.2.6) restrict issuance to the suffix's owner: a warning
/// for the public audience.
#[cfg(feature = "public-suffix")]
fn check_wildcard_suffix(leaf: &Leaf<'_>, name: &str, out: &mut Findings) {
    let Some(base) = name.strip_prefix("*.") else {
        return;
    };
    let base = base.strip_suffix('.').unwrap_or(base);
    let who = leaf.who();
    let quoted = quote(name, QUOTE_CHARS);
    match public_suffix(base) {
        Some(Section::Icann) => out.emit(
            CERT_WILDCARD_PUBLIC_SUFFIX,
            leaf.path.clone(),
            format!(
                "{who}'s dNSName {quoted} is a wildcard directly over the public suffix {} (public suffix list {LIST_DATE}, ICANN section): Chrome refuses to match it for any name, and the Baseline Requirements (3.2.2.6) forbid it",
                quote(base, QUOTE_CHARS)
            ),
        ),
        Some(Section::Private) if leaf.public => out.emit_as(
            CERT_WILDCARD_PUBLIC_SUFFIX,
            Severity::Warning,
            leaf.path.clone(),
            format!(
                "{who}'s dNSName {quoted} is a wildcard directly over the public suffix {} (public suffix list {LIST_DATE}, PRIVATE section): the Baseline Requirements (3.2.2.6) allow it only to the suffix's owner; browsers match it",
                quote(base, QUOTE_CHARS)
            ),
        ),
        _ => {}
    }
}

/// What makes a name break the preferred name syntax at the character level (letters,
/// digits, hyphens, underscores checked apart, `*` checked apart, periods between labels).
fn syntax_problem(name: &str) -> Option<String> {
    if name.contains('\0') {
        return Some("contains a NUL character".into());
    }
    if name.contains(' ') {
        return Some("contains a space".into());
    }
    if name.starts_with('.') {
        return Some("starts with a period".into());
    }
    if name.ends_with('.') {
        return Some("ends with a period (a fully qualified name's root label does not belong in a certificate)".into());
    }
    if name.contains("..") {
        return Some("has an empty label".into());
    }
    let bad = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_' | '*')))?;
    Some(format!(
        "contains {bad:?}, which is not a letter, digit, hyphen or period"
    ))
}

/// A label whose third and fourth characters are `--` (RFC 5890's reserved LDH labels) and
/// that is not an `xn--` label decoding as punycode.
fn is_bad_reserved_label(label: &str) -> bool {
    if label.get(2..4) != Some("--") {
        return false;
    }
    match label.get(..4) {
        Some(prefix) if prefix.eq_ignore_ascii_case("xn--") => label
            .get(4..)
            .and_then(punycode_decode)
            .is_none_or(|u| u.is_ascii()),
        _ => true,
    }
}

/// `cert.dns_underscore`: never in the registered domain's label (the label left of the
/// top-level one: RFC 5890 LDH, BR 7.1.2.7.12), and in subdomain labels forbidden from
/// 2019-04-30 (ballot SC12).
fn check_underscore(
    leaf: &Leaf<'_>,
    host_labels: &[&str],
    emit: &mut impl FnMut(&'static crate::catalog::Rule, String),
) {
    let Some(at) = host_labels.iter().position(|l| l.contains('_')) else {
        return;
    };
    let registered = host_labels.len() >= 2 && at + 2 >= host_labels.len();
    if registered {
        emit(
            CERT_DNS_UNDERSCORE,
            "has an underscore in its registered domain or top-level label, which no DNS host name may have (RFC 5890, BR 7.1.2.7.12)".to_string(),
        );
    } else if leaf.cert.not_before >= UNDERSCORE_FORBIDDEN_FROM {
        emit(
            CERT_DNS_UNDERSCORE,
            "has an underscore in a subdomain label, which the CA/Browser Forum forbids in certificates issued from 2019-04-30 (ballot SC12)".to_string(),
        );
    }
}

/// The internal top-level label of a name, when it has one (or it is a single label).
fn internal_tld(labels: &[&str]) -> Option<String> {
    match labels {
        [] => None,
        [single] => Some(format!("the single label {}", quote(single, QUOTE_CHARS))),
        // No top-level domain is numeric (RFC 1123 2.1, RFC 3696 2): an IPv4 address written
        // as a dNSName.
        [.., last] if !last.is_empty() && last.bytes().all(|b| b.is_ascii_digit()) => {
            Some(format!(
                "its top-level label {} is numeric: an IP address belongs in an iPAddress entry",
                quote(last, QUOTE_CHARS)
            ))
        }
        [.., last] => {
            let tld = last.to_ascii_lowercase();
            INTERNAL_TLDS
                .contains(&tld.as_str())
                .then(|| format!(".{tld} is not a public top-level domain"))
        }
    }
}

/// `cert.ip_malformed` and `cert.ip_reserved` for one address.
fn check_ip(leaf: &Leaf<'_>, octets: &[u8], place: &str, out: &mut Findings) {
    let Some(range) = reserved_range(octets) else {
        if octets.len() != 4 && octets.len() != 16 {
            out.emit(
                CERT_IP_MALFORMED,
                leaf.path.clone(),
                format!(
                    "{} has an iPAddress of {} octets in its {place}; an address has 4 (IPv4) or 16 (IPv6) (RFC 5280 4.2.1.6)",
                    leaf.who(),
                    octets.len()
                ),
            );
        }
        return;
    };
    out.emit(
        CERT_IP_RESERVED,
        leaf.path.clone(),
        format!(
            "{} has the address {} in its {place}, which is in a reserved range ({range}); publicly trusted CAs may not issue certificates for it (BR 7.1.2.7.12, IANA special-purpose registries)",
            leaf.who(),
            display_ip(octets)
        ),
    );
}

/// The IANA special-purpose range an address is in, when it is not globally routable
/// (IPv4: RFC 6890 registry; IPv6: its registry's non-global ranges).
fn reserved_range(octets: &[u8]) -> Option<&'static str> {
    match *octets {
        [a, b, ..] if octets.len() == 4 => Some(match (a, b) {
            (0, _) => "0.0.0.0/8, this network",
            (10, _) => "10.0.0.0/8, private (RFC 1918)",
            (100, 64..=127) => "100.64.0.0/10, shared address space (RFC 6598)",
            (127, _) => "127.0.0.0/8, loopback",
            (169, 254) => "169.254.0.0/16, link local",
            (172, 16..=31) => "172.16.0.0/12, private (RFC 1918)",
            (192, 0) if octets.get(2) == Some(&0) => "192.0.0.0/24, IETF protocol assignments",
            (192, 0) if octets.get(2) == Some(&2) => "192.0.2.0/24, documentation (TEST-NET-1)",
            (192, 168) => "192.168.0.0/16, private (RFC 1918)",
            (198, 18..=19) => "198.18.0.0/15, benchmarking",
            (198, 51) if octets.get(2) == Some(&100) => {
                "198.51.100.0/24, documentation (TEST-NET-2)"
            }
            (203, 0) if octets.get(2) == Some(&113) => "203.0.113.0/24, documentation (TEST-NET-3)",
            (224..=239, _) => "224.0.0.0/4, multicast",
            (240..=255, _) => "240.0.0.0/4, reserved",
            _ => return None,
        }),
        [first, second, ..] if octets.len() == 16 => {
            // `::` and `::1` only: `::2` to `::ff` are no special-purpose address.
            let all_but_last_zero = octets.get(..15).is_some_and(|p| p.iter().all(|b| *b == 0));
            if all_but_last_zero && octets.get(15).is_some_and(|last| *last <= 1) {
                Some("::/127, unspecified or loopback")
            } else if octets.get(..12) == Some(&[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff]) {
                octets
                    .get(12..)
                    .and_then(reserved_range)
                    .map(|_| "::ffff:0:0/96, an IPv4-mapped reserved address")
            } else if first & 0xfe == 0xfc {
                Some("fc00::/7, unique local")
            } else if first == 0xfe && second & 0xc0 == 0x80 {
                Some("fe80::/10, link local")
            } else if first == 0xff {
                Some("ff00::/8, multicast")
            } else if octets.get(..4) == Some(&[0x20, 0x01, 0x0d, 0xb8]) {
                Some("2001:db8::/32, documentation")
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Dotted or colon-separated text of an address, for messages.
fn display_ip(octets: &[u8]) -> String {
    if octets.len() == 4 {
        octets
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(".")
    } else {
        octets
            .chunks(2)
            .map(|pair| pair.iter().map(|b| format!("{b:02x}")).collect::<String>())
            .collect::<Vec<_>>()
            .join(":")
    }
}

/// A dotted-quad IPv4 address or an IPv6 address as octets (for a common name).
fn parse_ip(text: &str) -> Option<Vec<u8>> {
    if let Ok(v4) = text.parse::<std::net::Ipv4Addr>() {
        return Some(v4.octets().to_vec());
    }
    text.parse::<std::net::Ipv6Addr>()
        .ok()
        .map(|v6| v6.octets().to_vec())
}

#[cfg(test)]
mod tests;
