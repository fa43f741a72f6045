//! RFC 6125 coverage: whether the leaf certificate's names cover each configured name.

use crate::catalog;
use crate::findings::Findings;

use super::ip_address::ip_address_text;
use super::name::SHOWN_CHARS;
use super::{list_names, CertificateNames, CheckedName};
use crate::text::quote;

/// Emits `domain.not_covered` for every name the certificate does not cover (RFC 6125).
///
/// Matching is ASCII case-insensitive and ignores one trailing dot on a certificate name. The
/// certificate's DNS subjectAltNames are used, its commonName only when it has none. A
/// certificate pattern `*.a.com` covers exactly one extra leftmost label (`x.a.com`, not
/// `a.com` nor `y.x.a.com`); any other use of `*` (`f*.a.com`, `a.*.com`) matches only its
/// own text. A configured wildcard name is covered only by the same wildcard. No public
/// suffix list is consulted.
pub(crate) fn check_coverage(
    names: &[CheckedName<'_>],
    certificate: &CertificateNames,
    out: &mut Findings,
) {
    let (presented, from_cn): (Vec<&str>, bool) = if !certificate.dns.is_empty() {
        (certificate.dns.iter().map(String::as_str).collect(), false)
    } else if let Some(cn) = &certificate.common_name {
        (vec![cn.as_str()], true)
    } else {
        (Vec::new(), false)
    };
    let patterns: Vec<Pattern<'_>> = presented.iter().map(|p| Pattern::new(p)).collect();
    let has_wildcard = patterns.iter().any(|p| p.wildcard_base.is_some());

    for entry in names {
        let name = entry.name.trim();
        if let Some(ip) = ip_address_text(name) {
            // Compared in the report's form of an iPAddress (`::1`, not `0:0:0:0:0:0:0:1`).
            if certificate.ip_addresses.contains(&ip) {
                continue;
            }
            // RFC 9525 section 6.2 (RFC 6125 1.7.2): an IP address is matched against
            // iPAddress entries only, never against a dNSName or the common name that spells
            // it (x509-limbo rfc5280::san::ip-in-dns; rustls-webpki, Go, browsers).
            out.emit(
                catalog::DOMAIN_NOT_COVERED,
                entry.path.as_ref(),
                format!(
                    "{} is an IP address, which only an iPAddress subjectAltName entry covers (RFC 9525 section 6.2); the certificate has {}",
                    quote(name, SHOWN_CHARS),
                    if certificate.ip_addresses.is_empty() {
                        "none".to_string()
                    } else {
                        list_names(&certificate.ip_addresses.iter().map(String::as_str).collect::<Vec<_>>())
                    }
                ),
            );
            continue;
        }
        if patterns.iter().any(|p| p.covers(name)) {
            if from_cn {
                // Covered for clients that still fall back to the common name (OpenSSL's and
                // Java's host checks), not for browsers (Chrome 58+), Go 1.15+ or rustls: an
                // error for every audience, as the leaf's cert.no_san (issue 26).
                out.emit(
                    catalog::DOMAIN_NOT_COVERED,
                    entry.path.as_ref(),
                    format!(
                        "{} is covered only by the certificate's common name, which browsers (Chrome 58+), Go 1.15+ and rustls ignore, so they refuse the certificate for it; it belongs in a DNS subjectAltName",
                        quote(name, SHOWN_CHARS)
                    ),
                );
            }
            continue;
        }
        let what = if presented.is_empty() {
            "which has no DNS name at all (no DNS subjectAltName and no commonName)".to_string()
        } else if from_cn {
            format!(
                "which has no DNS subjectAltName and covers only its commonName {}",
                list_names(&presented)
            )
        } else {
            format!("which covers only {}", list_names(&presented))
        };
        let hint = if name.starts_with("*.") {
            "; a wildcard name is covered only by the same wildcard in the certificate"
        } else if has_wildcard {
            "; a certificate wildcard covers exactly one label (*.a.com covers x.a.com, not \
             a.com nor y.x.a.com)"
        } else {
            ""
        };
        out.emit(
            catalog::DOMAIN_NOT_COVERED,
            entry.path.as_ref(),
            format!(
                "{} is not covered by the certificate, {what}{hint}",
                quote(name, SHOWN_CHARS)
            ),
        );
    }
}

/// A certificate name prepared once for matching every configured name.
struct Pattern<'a> {
    /// The name without one trailing dot.
    exact: &'a str,
    /// For `*.rest` with `*` only as the whole leftmost label, `rest`.
    wildcard_base: Option<&'a str>,
}

impl<'a> Pattern<'a> {
    fn new(pattern: &'a str) -> Self {
        Pattern {
            exact: pattern.strip_suffix('.').unwrap_or(pattern),
            wildcard_base: wildcard_base(pattern),
        }
    }

    /// Whether this certificate name covers the configured `name` (RFC 6125 6.4).
    fn covers(&self, name: &str) -> bool {
        if self.exact.eq_ignore_ascii_case(name) {
            return true;
        }
        let Some(base) = self.wildcard_base else {
            return false;
        };
        match name.split_once('.') {
            Some((first, rest)) => {
                !first.is_empty() && !first.contains('*') && rest.eq_ignore_ascii_case(base)
            }
            None => false,
        }
    }
}

/// For a certificate pattern `*.rest` whose only `*` is the whole leftmost label, `rest`.
fn wildcard_base(pattern: &str) -> Option<&str> {
    let pattern = pattern.strip_suffix('.').unwrap_or(pattern);
    let rest = pattern.strip_prefix("*.")?;
    if rest.is_empty() || rest.contains('*') || rest.split('.').any(str::is_empty) {
        return None;
    }
    Some(rest)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Severity;
    use crate::rules::domain::tests::listed;

    fn cert(dns: &[&str], cn: Option<&str>) -> CertificateNames {
        CertificateNames {
            dns: dns.iter().map(|s| s.to_string()).collect(),
            common_name: cn.map(str::to_string),
            ip_addresses: Vec::new(),
        }
    }

    /// The message of a name that the common name alone covers.
    const CN_ONLY: &str = "covered only by the certificate's common name";

    fn uncovered(names: &[&str], certificate: &CertificateNames) -> Vec<String> {
        let mut out = crate::findings::Findings::new();
        check_coverage(&listed(names), certificate, &mut out);
        let out = out.diagnostics();
        for d in &out {
            assert_eq!(d.rule, "domain.not_covered");
        }
        // Names not covered; a name the common name alone covers is `covered_by_cn_only`'s.
        out.iter()
            .filter(|d| !d.message.contains(CN_ONLY))
            .map(|d| d.path.clone())
            .collect()
    }

    /// An address is covered by the iPAddress entry that holds it, however it is written
    /// (the report writes the certificate's in RFC 5952 form); never by a DNS name.
    #[test]
    fn ip_addresses_are_compared_as_addresses() {
        let mut certificate = cert(&["example.com"], None);
        certificate.ip_addresses =
            vec!["::1".into(), "2001:db8::1:0:0:1".into(), "192.0.2.1".into()];
        let names = [
            "::1",
            "0:0:0:0:0:0:0:1",
            "2001:DB8:0:0:1::1",
            "2001:db8::1:0:0:1",
            "192.0.2.1",
            "::2",
            "192.0.2.2",
            "::ffff:192.0.2.1",
        ];
        assert_eq!(
            uncovered(&names, &certificate),
            [
                "/domains/5/domain",
                "/domains/6/domain",
                "/domains/7/domain"
            ]
        );
    }

    /// Names covered only by the common name: a warning each, saying browsers ignore it.
    fn covered_by_cn_only(names: &[&str], certificate: &CertificateNames) -> Vec<String> {
        let mut out = crate::findings::Findings::new();
        check_coverage(&listed(names), certificate, &mut out);
        out.diagnostics()
            .into_iter()
            .filter(|d| d.message.contains(CN_ONLY))
            .inspect(|d| assert_eq!(d.severity, Severity::Error, "{}", d.message))
            .map(|d| d.path)
            .collect()
    }

    #[test]
    fn coverage_table() {
        let wild = cert(&["*.a.com"], None);
        let table: &[(&str, &CertificateNames, bool)] = &[
            ("x.a.com", &wild, true),
            ("X.A.COM", &wild, true),
            ("a.com", &wild, false),
            ("y.x.a.com", &wild, false),
            ("*.a.com", &wild, true),
            ("*.A.com", &wild, true),
            ("x.b.com", &wild, false),
        ];
        for (name, certificate, covered) in table {
            let missing = uncovered(&[name], certificate);
            assert_eq!(missing.is_empty(), *covered, "{name} by {certificate:?}");
        }

        let exact = cert(&["a.com", "www.a.com"], None);
        assert!(uncovered(&["A.com", "WWW.a.com"], &exact).is_empty());
        // A configured wildcard is covered only by the same wildcard.
        assert_eq!(uncovered(&["*.a.com"], &exact), vec!["/domains/0/domain"]);
        // Partial or misplaced wildcards cover only their own text.
        let partial = cert(&["f*.a.com", "x.*.com", "*"], None);
        assert_eq!(uncovered(&["foo.a.com", "x.y.com", "b"], &partial).len(), 3);
        assert!(uncovered(&["f*.a.com"], &partial).is_empty());
        // A trailing dot on a certificate name is ignored.
        assert!(uncovered(&["x.a.com"], &cert(&["*.a.com."], None)).is_empty());
    }

    /// Only `*.` followed by whole, non-empty labels without another `*` is a wildcard
    /// (RFC 6125 6.4.3 as browsers apply it): `*.*.a.com` and `*.a..com` cover their own text
    /// only, so `x.*.a.com` and `x.a..com` are not covered by them.
    #[test]
    fn wildcard_patterns_need_whole_labels_after_the_star() {
        let table: &[(&str, Option<&str>)] = &[
            ("*.a.com", Some("a.com")),
            ("*.a.com.", Some("a.com")),
            ("*.", None),
            ("*.*.a.com", None),
            ("*.a.*", None),
            ("*.a..com", None),
            ("*.a.com..", None),
            ("*", None),
            ("a.*.com", None),
            ("x*.a.com", None),
        ];
        for (pattern, base) in table {
            assert_eq!(wildcard_base(pattern), *base, "{pattern}");
        }
        for (pattern, name) in [("*.*.a.com", "x.*.a.com"), ("*.a..com", "x.a..com")] {
            assert_eq!(
                uncovered(&[name], &cert(&[pattern], None)),
                vec!["/domains/0/domain"],
                "{name} by {pattern}"
            );
        }
    }

    #[test]
    fn coverage_common_name() {
        // CN only when there is no DNS SAN.
        assert!(uncovered(&["cn.com"], &cert(&[], Some("CN.com"))).is_empty());
        assert_eq!(
            uncovered(&["cn.com"], &cert(&["san.com"], Some("cn.com"))),
            vec!["/domains/0/domain"]
        );
        assert!(uncovered(&["x.cn.com"], &cert(&[], Some("*.cn.com"))).is_empty());
        // Covered by the CN alone: an error for every audience, since browsers, Go 1.15+ and
        // rustls refuse it (issue 26; issue 8, item 6 made it a warning); never with a DNS SAN.
        assert_eq!(
            covered_by_cn_only(&["cn.com", "other.com"], &cert(&[], Some("CN.com"))),
            vec!["/domains/0/domain"]
        );
        assert!(covered_by_cn_only(&["san.com"], &cert(&["san.com"], Some("san.com"))).is_empty());
        // Nothing at all.
        let mut out = crate::findings::Findings::new();
        check_coverage(&listed(&["a.com"]), &CertificateNames::default(), &mut out);
        let out = out.diagnostics();
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("no DNS name"), "{}", out[0].message);
    }

    #[test]
    fn coverage_ip_addresses_only_by_ip_entries() {
        let with_ip = CertificateNames {
            ip_addresses: vec!["8.8.8.8".to_string()],
            ..cert(&["a.com"], None)
        };
        assert!(uncovered(&["8.8.8.8"], &with_ip).is_empty());
        // A dNSName or a common name spelling the address covers nothing (RFC 9525 6.2).
        let spelled = cert(&["8.8.8.8", "::1"], Some("8.8.4.4"));
        assert_eq!(uncovered(&["8.8.8.8"], &spelled), vec!["/domains/0/domain"]);
        assert_eq!(
            uncovered(&["8.8.4.4"], &cert(&[], Some("8.8.4.4"))),
            vec!["/domains/0/domain"]
        );
    }

    #[test]
    fn coverage_message_lists_names() {
        let many: Vec<String> = (0..8).map(|i| format!("n{i}.a.com")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let mut out = crate::findings::Findings::new();
        check_coverage(&listed(&["z.com"]), &cert(&refs, None), &mut out);
        let out = out.diagnostics();
        let m = &out[0].message;
        assert!(m.starts_with("\"z.com\" is not covered"), "{m}");
        assert!(m.contains("\"n4.a.com\""), "{m}");
        assert!(!m.contains("n5.a.com"), "{m}");
        assert!(m.contains("and 3 more"), "{m}");

        let mut out = crate::findings::Findings::new();
        check_coverage(&listed(&["a.com"]), &cert(&["*.a.com"], None), &mut out);
        let out = out.diagnostics();
        assert!(
            out[0].message.contains("exactly one label"),
            "{}",
            out[0].message
        );
    }
}
