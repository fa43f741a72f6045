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

    /// A DER element: tag, length (short form, or long form in one or two octets), content.
    fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
        let len = u16::try_from(content.len())
            .unwrap_or(u16::MAX)
            .to_be_bytes();
        let mut out = vec![tag];
        match len {
            [0, short] if short < 0x80 => out.push(short),
            [0, one] => out.extend([0x81, one]),
            [high, low] => out.extend([0x82, high, low]),
        }
        out.extend_from_slice(content);
        out
    }

    /// A Name of one-attribute RDNs: (the attribute type's OID octets, a UTF8String value).
    fn name(rdns: &[(&[u8], &str)]) -> Vec<u8> {
        let mut seq = Vec::new();
        for (oid, value) in rdns {
            let mut atv = tlv(0x06, oid);
            atv.extend(tlv(0x0c, value.as_bytes()));
            seq.extend(tlv(0x31, &tlv(0x30, &atv)));
        }
        tlv(0x30, &seq)
    }

    /// A directoryName subtree holds the names whose RDNs start with its own (RFC 5280
    /// 4.2.1.10), whatever the form of either Name's length: a long organisational unit makes a
    /// Name of over 127 octets, whose DER length takes the long form (`81 xx`, or `82 xx xx`).
    #[test]
    fn directory_subtrees_compare_rdns_past_either_length_form() {
        const O: &[u8] = &[0x55, 0x04, 0x0a];
        const OU: &[u8] = &[0x55, 0x04, 0x0b];
        const CN: &[u8] = &[0x55, 0x04, 0x03];
        let unit = "Certificate Services ".repeat(5);
        let huge_unit = "Certificate Services ".repeat(15);
        let org_only = name(&[(O, "Preflight Test")]);
        let other_org = name(&[(O, "Other Org")]);
        let org_unit = name(&[(O, "Preflight Test"), (OU, &unit)]);
        let short = name(&[(O, "Preflight Test"), (CN, "www.example.com")]);
        let long = name(&[(O, "Preflight Test"), (OU, &unit), (CN, "www.example.com")]);
        let huge = name(&[
            (O, "Preflight Test"),
            (OU, &huge_unit),
            (CN, "www.example.com"),
        ]);
        let length_octet = |der: &[u8]| der.get(1).copied();
        assert!(length_octet(&short) < Some(0x80), "short form");
        assert_eq!(
            (length_octet(&long), length_octet(&huge)),
            (Some(0x81), Some(0x82))
        );
        assert_eq!(
            length_octet(&org_unit),
            Some(0x81),
            "a subtree in the long form"
        );
        // (subject, subtree, within)
        let table = [
            (&short, &org_only, true),
            (&short, &other_org, false),
            (&long, &org_only, true),
            (&long, &other_org, false),
            (&long, &org_unit, true),
            (&short, &org_unit, false),
            (&huge, &org_only, true),
            (&huge, &other_org, false),
            (&huge, &org_unit, false),
        ];
        for (i, (subject, subtree, within)) in table.into_iter().enumerate() {
            assert_eq!(dn_within(subject, subtree), within, "case {i}");
        }
        assert!(is_empty_name(&[0x30, 0x00]));
        assert!(!is_empty_name(&short));
    }

    /// A certificate of testdata/certs/rsa (`leaf`, `intermediate`), parsed as the field reads it.
    fn fixture(name: &str) -> ParsedCertificate {
        let path = format!(
            "{}/testdata/certs/rsa/{name}.pem",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        let field = crate::model::read_certificate_field(&text);
        field
            .certificates
            .into_iter()
            .next()
            .unwrap_or_else(|| panic!("{path}"))
    }

    /// The intermediate of testdata as a CA with these subtrees.
    fn ca_with(permitted: Vec<Subtree>, excluded: Vec<Subtree>) -> ParsedCertificate {
        let mut ca = fixture("intermediate");
        let mut nc = ca.path.name_constraints.take().unwrap_or_default();
        nc.permitted = Some(permitted).filter(|p| !p.is_empty());
        nc.excluded = Some(excluded).filter(|e| !e.is_empty());
        ca.path.name_constraints = Some(nc);
        ca
    }

    /// Which name a constraint reads (RFC 5280 6.1.3 (b)): the dNSName and iPAddress
    /// subjectAltNames, and the common name only of a leaf that has neither, as browsers and
    /// rustls-webpki read a name-less leaf; an intermediate's common name is not a host name.
    #[test]
    fn the_common_name_is_constrained_only_on_a_leaf_without_alternative_names() {
        let com = || vec![Subtree::Dns("example.com".into())];
        let other_net = vec![Subtree::Ip(vec![192, 0, 3, 0, 255, 255, 255, 0])];
        let in_range = vec![192, 0, 2, 7];
        // (a leaf, its dNSNames, its iPAddresses, its common name, the CA's permitted
        // subtrees, broken)
        let table = [
            (true, vec![], vec![], "www.example.org", com(), true),
            (true, vec![], vec![], "www.example.com", com(), false),
            (
                true,
                vec!["www.example.com"],
                vec![],
                "www.example.org",
                com(),
                false,
            ),
            (
                true,
                vec![],
                vec![in_range.clone()],
                "www.example.org",
                com(),
                false,
            ),
            (false, vec![], vec![], "issuing.example.org", com(), false),
            (true, vec![], vec![], "Preflight Test Server", com(), false),
            (true, vec![], vec![], "localhost", com(), false),
            (
                false,
                vec!["ca.example.org"],
                vec![],
                "Issuing CA",
                com(),
                true,
            ),
            (
                true,
                vec![],
                vec![in_range],
                "www.example.com",
                other_net,
                true,
            ),
        ];
        for (i, (is_leaf, dns, ips, cn, permitted, broken)) in table.into_iter().enumerate() {
            let mut cert = fixture("leaf");
            cert.dns_names = dns.into_iter().map(String::from).collect();
            cert.path.ip_addresses = ips;
            cert.common_name = Some(cn.to_string());
            let found = violation(&cert, is_leaf, &ca_with(permitted, vec![]));
            assert_eq!(found.is_some(), broken, "case {i}: {found:?}");
        }
    }

    /// directoryName subtrees bound the subject (RFC 5280 4.2.1.10): a subject outside every
    /// permitted one, or inside an excluded one, breaks them; an empty subject names nothing
    /// for them to bound (its names are in the subjectAltName).
    #[test]
    fn directory_subtrees_bound_a_non_empty_subject() {
        const O: &[u8] = &[0x55, 0x04, 0x0a];
        let ours = || vec![Subtree::Directory(name(&[(O, "Preflight Test")]))];
        let theirs = || vec![Subtree::Directory(name(&[(O, "Other Org")]))];
        let leaf = fixture("leaf");
        assert!(dn_within(
            &leaf.subject_raw,
            &name(&[(O, "Preflight Test")])
        ));
        let mut nameless = leaf.clone();
        nameless.subject_raw = vec![0x30, 0x00];
        // (the certificate, permitted, excluded, broken)
        let table = [
            (&leaf, ours(), vec![], false),
            (&leaf, theirs(), vec![], true),
            (&leaf, vec![], ours(), true),
            (&leaf, vec![], theirs(), false),
            (&nameless, theirs(), vec![], false),
            (&nameless, vec![], ours(), false),
        ];
        for (i, (cert, permitted, excluded, broken)) in table.into_iter().enumerate() {
            let found = violation(cert, true, &ca_with(permitted, excluded));
            assert_eq!(found.is_some(), broken, "case {i}: {found:?}");
        }
    }

    /// The labels a presented name and a DNS constraint may have: letters, digits, hyphens
    /// inside the label and underscores (service labels such as `_acme`), at most 63 octets; a
    /// name is checked against the constraints only when it is one (a name that is not is
    /// refused under DNS constraints, as rustls-webpki does).
    #[test]
    fn dns_labels_take_letters_digits_inner_hyphens_and_underscores() {
        let long = "a".repeat(63);
        let too_long = "a".repeat(64);
        // (name, a valid presented name and constraint)
        let table = [
            ("my-host.example.com".to_string(), true),
            ("_acme.example.com".to_string(), true),
            ("x1.example.com".to_string(), true),
            (format!("{long}.example.com"), true),
            (format!("{too_long}.example.com"), false),
            ("-host.example.com".to_string(), false),
            ("host-.example.com".to_string(), false),
            ("ho st.example.com".to_string(), false),
            ("host..example.com".to_string(), false),
        ];
        for (name, valid) in table {
            assert_eq!(valid_dns_name(&name), valid, "name {name}");
            assert_eq!(valid_dns_constraint(&name), valid, "constraint {name}");
        }
        assert!(valid_dns_name("*.example.com"));
        assert!(!valid_dns_name("*."));
        assert!(
            valid_dns_constraint(""),
            "the empty constraint covers every name"
        );
    }

    /// A finding about an iPAddress names it as the user would write it: an IPv4 address
    /// dotted, an IPv6 address as its 16 octets in hexadecimal.
    #[test]
    fn ip_findings_name_the_address() {
        let mut cert = fixture("leaf");
        cert.path.ip_addresses = vec![vec![192, 0, 2, 7]];
        let v4 = ca_with(
            vec![],
            vec![Subtree::Ip(vec![192, 0, 2, 0, 255, 255, 255, 0])],
        );
        let found = violation(&cert, true, &v4).unwrap_or_default();
        assert!(
            found.contains("192.0.2.7 is in an excluded range"),
            "{found}"
        );
        let v6 = [vec![0x20, 0x01, 0x0d, 0xb8], vec![0; 11], vec![1]].concat();
        cert.path.ip_addresses = vec![v6];
        let other = [vec![0xfd; 16], vec![0xff; 16]].concat();
        let found =
            violation(&cert, true, &ca_with(vec![Subtree::Ip(other)], vec![])).unwrap_or_default();
        assert!(
            found.contains("20:01:0D:B8:00:00:00:00:00:00:00:00:00:00:00:01 is outside"),
            "{found}"
        );
    }

    #[test]
    fn ip_ranges() {
        assert!(ip_in(&[192, 0, 2, 7], &[192, 0, 2, 0, 255, 255, 255, 0]));
        assert!(!ip_in(&[192, 0, 3, 7], &[192, 0, 2, 0, 255, 255, 255, 0]));
        assert!(!ip_in(&[192, 0, 2, 7], &[0; 32]));
    }
}
