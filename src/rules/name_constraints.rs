//! Name constraints along the path (RFC 5280 4.2.1.10 and 6.1.3 (b), (c)): each CA's permitted
//! and excluded subtrees bound the names of every certificate below it: dNSName and iPAddress
//! subjectAltNames, the leaf's common name when it has no DNS name (as browsers and
//! rustls-webpki read a name-less leaf), and the subject against directoryName subtrees. A name
//! or a constraint the check cannot evaluate is refused, as rustls-webpki and pyca/cryptography
//! do.

use crate::model::certificate::{ParsedCertificate, Subtree};

/// Why a certificate's names break a CA's constraints, or `None`.
pub(crate) fn violation(
    constrained: &ParsedCertificate,
    is_leaf: bool,
    ca: &ParsedCertificate,
) -> Option<String> {
    let nc = ca.path.name_constraints.as_ref()?;
    let permitted = nc.permitted.as_deref().unwrap_or_default();
    let excluded = nc.excluded.as_deref().unwrap_or_default();
    for tree in permitted.iter().chain(excluded) {
        if let Subtree::Dns(base) = tree {
            if !valid_dns_constraint(base) {
                return Some(format!(
                    "its dNSName constraint \"{base}\" is not a valid DNS name constraint (a leading period or a wildcard), which clients refuse to evaluate"
                ));
            }
        }
    }
    let mut dns: Vec<&str> = constrained.dns_names.iter().map(String::as_str).collect();
    if is_leaf && dns.is_empty() && constrained.path.ip_addresses.is_empty() {
        if let Some(cn) = constrained
            .common_name
            .as_deref()
            .filter(|cn| looks_like_dns(cn))
        {
            dns.push(cn);
        }
    }
    for name in dns {
        if !valid_dns_name(name) {
            if permitted
                .iter()
                .chain(excluded)
                .any(|t| matches!(t, Subtree::Dns(_)))
            {
                return Some(format!(
                    "the name \"{name}\" is not a valid DNS name, so it cannot be checked against the DNS name constraints"
                ));
            }
            continue;
        }
        if let Some(Subtree::Dns(base)) = excluded
            .iter()
            .find(|t| matches!(t, Subtree::Dns(base) if dns_excluded(name, base)))
        {
            return Some(format!("\"{name}\" is in its excluded subtree \"{base}\""));
        }
        let allowed: Vec<&str> = permitted
            .iter()
            .filter_map(|t| match t {
                Subtree::Dns(base) => Some(base.as_str()),
                _ => None,
            })
            .collect();
        let has_dns_permits = permitted.iter().any(|t| matches!(t, Subtree::Dns(_)));
        if has_dns_permits && !allowed.iter().any(|base| dns_permitted(name, base)) {
            return Some(format!(
                "\"{name}\" is outside its permitted subtrees ({})",
                crate::text::join(&allowed, ", ")
            ));
        }
    }
    for ip in &constrained.path.ip_addresses {
        if excluded
            .iter()
            .any(|t| matches!(t, Subtree::Ip(range) if ip_in(ip, range)))
        {
            return Some(format!(
                "the IP address {} is in an excluded range",
                show_ip(ip)
            ));
        }
        let ranges: Vec<&Vec<u8>> = permitted
            .iter()
            .filter_map(|t| match t {
                Subtree::Ip(range) => Some(range),
                _ => None,
            })
            .collect();
        if !ranges.is_empty() && !ranges.iter().any(|r| ip_in(ip, r)) {
            return Some(format!(
                "the IP address {} is outside its permitted ranges",
                show_ip(ip)
            ));
        }
    }
    let subject = &constrained.subject_raw;
    let directories = |list: &[Subtree]| -> Vec<Vec<u8>> {
        list.iter()
            .filter_map(|t| match t {
                Subtree::Directory(dn) => Some(dn.clone()),
                _ => None,
            })
            .collect()
    };
    if !is_empty_name(subject) {
        if directories(excluded)
            .iter()
            .any(|dn| dn_within(subject, dn))
        {
            return Some(format!(
                "its subject \"{}\" is in an excluded directoryName subtree",
                constrained.subject
            ));
        }
        let permitted_dns = directories(permitted);
        if !permitted_dns.is_empty() && !permitted_dns.iter().any(|dn| dn_within(subject, dn)) {
            return Some(format!(
                "its subject \"{}\" is outside the permitted directoryName subtrees",
                constrained.subject
            ));
        }
    }
    for kind in &constrained.path.other_san_kinds {
        if excluded.iter().any(|t| t == &Subtree::Other(kind)) {
            return Some(format!(
                "it has a {kind} subjectAltName and {kind} names are constrained (excluded), which clients cannot evaluate"
            ));
        }
    }
    None
}

/// A DNS name constraint clients evaluate: labels of letters, digits and hyphens, no wildcard,
/// no leading period (rustls-webpki refuses both; RFC 5280 gives the leading period to URIs).
fn valid_dns_constraint(base: &str) -> bool {
    base.is_empty() || base.split('.').all(valid_label)
}

/// A presented DNS name: LDH labels, a `*` allowed only as the whole leftmost label.
fn valid_dns_name(name: &str) -> bool {
    let rest = name.strip_prefix("*.").unwrap_or(name);
    !rest.is_empty() && rest.split('.').all(valid_label)
}

fn valid_label(label: &str) -> bool {
    !label.is_empty()
        && label.len() <= 63
        && label
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        && !label.starts_with('-')
        && !label.ends_with('-')
}

/// A common name that names a host (has a dot, no spaces).
fn looks_like_dns(cn: &str) -> bool {
    cn.contains('.') && !cn.contains(' ')
}

/// `name` is `base` or a name under it (case-insensitive); the empty base covers every name.
fn dns_within(name: &str, base: &str) -> bool {
    if base.is_empty() {
        return true;
    }
    let (name, base) = (name.to_ascii_lowercase(), base.to_ascii_lowercase());
    name == base || name.ends_with(&format!(".{base}"))
}

/// A wildcard name is permitted when every name it matches is: its base must be under the
/// subtree (a wildcard's label cannot be the subtree's own name).
fn dns_permitted(name: &str, base: &str) -> bool {
    match name.strip_prefix("*.") {
        Some(wild_base) => dns_within(wild_base, base),
        None => dns_within(name, base),
    }
}

/// A wildcard name is excluded when any name it matches could be: the subtree is at or above
/// its base, or is a name it matches (CVE-2025-61727: `*.example.com` against an excluded
/// `foo.example.com`).
fn dns_excluded(name: &str, base: &str) -> bool {
    match name.strip_prefix("*.") {
        Some(wild_base) => dns_within(wild_base, base) || dns_within(base, wild_base),
        None => dns_within(name, base),
    }
}

/// `ip` (4 or 16 bytes) in `range` (address then mask, 8 or 32 bytes).
fn ip_in(ip: &[u8], range: &[u8]) -> bool {
    if range.len() != ip.len() * 2 {
        return false;
    }
    let (address, mask) = range.split_at(ip.len());
    ip.iter()
        .zip(address)
        .zip(mask)
        .all(|((a, b), m)| a & m == b & m)
}

fn show_ip(ip: &[u8]) -> String {
    if ip.len() == 4 {
        crate::text::join(&ip.iter().map(u8::to_string).collect::<Vec<_>>(), ".")
    } else {
        crate::text::hex::colon(ip)
    }
}

/// An empty Name is the DER `30 00`.
fn is_empty_name(raw: &[u8]) -> bool {
    raw.len() <= 2
}

/// `subject` starts with the RDNs of `base` (compared as DER, which is how the suite's CAs
/// encode both).
fn dn_within(subject: &[u8], base: &[u8]) -> bool {
    subject
        .get(header_len(subject)..)
        .unwrap_or_default()
        .starts_with(base.get(header_len(base)..).unwrap_or_default())
}

/// The length of a DER element's tag and length octets (short or long form length).
fn header_len(der: &[u8]) -> usize {
    match der.get(1) {
        Some(&first) if first & 0x80 != 0 => 2 + usize::from(first & 0x7f),
        _ => 2,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dns_subtrees() {
        let cases = [
            ("example.com", "example.com", true, true),
            ("www.example.com", "example.com", true, true),
            ("www.example.org", "example.com", false, false),
            ("wwwexample.com", "example.com", false, false),
            ("*.example.com", "example.com", true, true),
            ("*.example.com", "foo.example.com", false, true),
            ("anything.test", "", true, true),
        ];
        for (name, base, permitted, excluded) in cases {
            assert_eq!(dns_permitted(name, base), permitted, "{name} in {base}");
            assert_eq!(dns_excluded(name, base), excluded, "{name} not in {base}");
        }
        assert!(!valid_dns_constraint(".example.com"));
        assert!(!valid_dns_constraint("*.example.com"));
        assert!(!valid_dns_name("exa mple.com"));
    }

    #[test]
    fn ip_ranges() {
        assert!(ip_in(&[192, 0, 2, 7], &[192, 0, 2, 0, 255, 255, 255, 0]));
        assert!(!ip_in(&[192, 0, 3, 7], &[192, 0, 2, 0, 255, 255, 255, 0]));
        assert!(!ip_in(&[192, 0, 2, 7], &[0; 32]));
    }
}
