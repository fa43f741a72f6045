//! Unit tests of the name lints: syntax, reserved labels, address ranges, internal names.

use super::*;

#[test]
fn syntax_table() {
    for (name, bad) in [
        ("www.example.com", false),
        ("a b.example.com", true),
        (".example.com", true),
        ("example.com.", true),
        ("a..example.com", true),
        ("a\0.example.com", true),
        ("ex!ample.com", true),
        ("_dmarc.example.com", false),
        ("*.example.com", false),
    ] {
        assert_eq!(syntax_problem(name).is_some(), bad, "{name}");
    }
}

#[test]
fn reserved_labels() {
    assert!(!is_bad_reserved_label("xn--mnchen-3ya"));
    assert!(is_bad_reserved_label("xn--abc_"));
    assert!(is_bad_reserved_label("ab--cd"));
    assert!(!is_bad_reserved_label("abc--d"));
    // Decodes to ASCII only: not a real P-Label.
    assert!(is_bad_reserved_label("xn--abc-"));
}

#[test]
fn ranges() {
    assert!(reserved_range(&[10, 1, 2, 3]).is_some());
    assert!(reserved_range(&[8, 8, 8, 8]).is_none());
    assert!(reserved_range(&[192, 0, 2, 10]).is_some());
    assert!(reserved_range(&[192, 0, 3, 10]).is_none());
    let mut v6 = [0u8; 16];
    v6[15] = 1;
    assert!(reserved_range(&v6).is_some());
    v6[0] = 0x26;
    assert!(reserved_range(&v6).is_none());
}

/// Every IPv4 range of the registry at both of its ends and just outside them (issue 27:
/// most arms could be deleted unnoticed), and, where the standard library has a predicate
/// for a range, agreement with it over every a.b.x.y for a few x.y.
#[test]
fn ipv4_ranges_at_their_ends() {
    // (first, last, the range's text starts with)
    let table: [([u8; 4], [u8; 4], &str); 14] = [
        ([0, 0, 0, 0], [0, 255, 255, 255], "0.0.0.0/8"),
        ([10, 0, 0, 0], [10, 255, 255, 255], "10.0.0.0/8"),
        ([100, 64, 0, 0], [100, 127, 255, 255], "100.64.0.0/10"),
        ([127, 0, 0, 0], [127, 255, 255, 255], "127.0.0.0/8"),
        ([169, 254, 0, 0], [169, 254, 255, 255], "169.254.0.0/16"),
        ([172, 16, 0, 0], [172, 31, 255, 255], "172.16.0.0/12"),
        ([192, 0, 0, 0], [192, 0, 0, 255], "192.0.0.0/24"),
        ([192, 0, 2, 0], [192, 0, 2, 255], "192.0.2.0/24"),
        ([192, 168, 0, 0], [192, 168, 255, 255], "192.168.0.0/16"),
        ([198, 18, 0, 0], [198, 19, 255, 255], "198.18.0.0/15"),
        ([198, 51, 100, 0], [198, 51, 100, 255], "198.51.100.0/24"),
        ([203, 0, 113, 0], [203, 0, 113, 255], "203.0.113.0/24"),
        ([224, 0, 0, 0], [239, 255, 255, 255], "224.0.0.0/4"),
        ([240, 0, 0, 0], [255, 255, 255, 255], "240.0.0.0/4"),
    ];
    let as_u32 = u32::from_be_bytes;
    for (first, last, range) in table {
        for inside in [first, last] {
            let got = reserved_range(&inside).unwrap_or("none");
            assert!(got.starts_with(range), "{inside:?}: {got}");
        }
        for outside in [as_u32(first).checked_sub(1), as_u32(last).checked_add(1)] {
            let Some(outside) = outside.map(u32::to_be_bytes) else {
                continue;
            };
            let got = reserved_range(&outside).unwrap_or("none");
            assert!(!got.starts_with(range), "{outside:?}: {got}");
        }
    }
    for a in 0..=255u8 {
        for b in 0..=255u8 {
            for (c, d) in [(0, 0), (2, 1), (100, 7), (113, 255)] {
                let address = std::net::Ipv4Addr::new(a, b, c, d);
                let std_says = address.is_private()
                    || address.is_loopback()
                    || address.is_link_local()
                    || address.is_multicast()
                    || address.is_documentation()
                    || address.is_broadcast();
                if std_says {
                    assert!(reserved_range(&address.octets()).is_some(), "{address}");
                }
            }
        }
    }
    // A malformed address (five octets) has no range: cert.ip_malformed reports it.
    assert_eq!(reserved_range(&[0xfc, 0, 0, 0, 1]), None);
    assert_eq!(reserved_range(&[10, 0, 0]), None);
}

/// The IPv6 ranges at both ends and just outside them, and agreement with `Ipv6Addr`'s
/// predicates on a sample of addresses around each range (issue 27: the link-local test
/// could be weakened unnoticed).
#[test]
fn ipv6_ranges_at_their_ends() {
    let full = |text: &str| u128::from(text.parse::<std::net::Ipv6Addr>().unwrap());
    let table = [
        ("::", "::1", "::/127"),
        ("::ffff:10.0.0.0", "::ffff:10.255.255.255", "::ffff:0:0/96"),
        (
            "fc00::",
            "fdff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fc00::/7",
        ),
        (
            "fe80::",
            "febf:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "fe80::/10",
        ),
        (
            "ff00::",
            "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
            "ff00::/8",
        ),
        (
            "2001:db8::",
            "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff",
            "2001:db8::/32",
        ),
    ];
    let mut sample = Vec::new();
    for (first, last, range) in table {
        let (first, last) = (full(first), full(last));
        for inside in [first, last] {
            let got = reserved_range(&inside.to_be_bytes()).unwrap_or("none");
            assert!(got.starts_with(range), "{inside:x}: {got}");
        }
        for outside in [first.checked_sub(1), last.checked_add(1)]
            .into_iter()
            .flatten()
        {
            let got = reserved_range(&outside.to_be_bytes()).unwrap_or("none");
            assert!(!got.starts_with(range), "{outside:x}: {got}");
        }
        for step in [0, 1, 1 << 64, 1 << 100, 1 << 118, 1 << 120] {
            sample.extend([
                first.wrapping_sub(step),
                last.wrapping_add(step),
                first ^ step,
            ]);
        }
    }
    for address in sample.into_iter().map(std::net::Ipv6Addr::from) {
        let std_says = address.is_loopback()
            || address.is_unspecified()
            || address.is_multicast()
            || address.is_unique_local()
            || address.is_unicast_link_local();
        if std_says {
            assert!(reserved_range(&address.octets()).is_some(), "{address}");
        }
    }
}

#[test]
fn internal_names() {
    assert!(internal_tld(&["intranet"]).is_some());
    assert!(internal_tld(&["a", "corp"]).is_some());
    assert!(internal_tld(&["a", "com"]).is_none());
}
