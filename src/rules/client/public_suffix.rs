//! The public suffix list (publicsuffix.org), for wildcards directly over a public suffix
//! (`*.com`, `*.co.uk`, `*.s3.amazonaws.com`). The rules are data generated from a pinned PyPI
//! package (`scripts/gen-public-suffix.py`, list date in [`LIST_DATE`]); the lookup scans them
//! once per wildcard name, which is rare enough that no index is built.
//!
//! Behind the `public-suffix` cargo feature: the list is about 45 KB gzipped, which the npm
//! modules' size budgets cannot take, so the browser and Node builds leave this lint out.

/// `section rule` lines: `i` for the ICANN section, `p` for the PRIVATE one; rules in A-label
/// form, `*.` wildcard and `!` exception rules as the list writes them.
const LIST: &str = include_str!("public_suffix_list.txt");

/// The list's date: the last part of the pinned package's version (1.1.2.20261023).
pub(super) const LIST_DATE: &str = "2026-10-23";

/// Which section of the list makes a name a public suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Section {
    /// A registry's own suffix (`com`, `co.uk`): Chrome refuses a wildcard directly under it.
    Icann,
    /// A suffix its owner registered (`s3.amazonaws.com`): the Baseline Requirements (3.2.2.6)
    /// let only that owner have a wildcard under it.
    Private,
}

/// Whether `name` (ASCII, any case, no trailing dot) is itself a public suffix, and by which
/// section; None for a name under one, or under no listed top-level domain. The ICANN section
/// wins where both apply, as an ICANN-only matcher (Chrome's) sees it.
pub(super) fn public_suffix(name: &str) -> Option<Section> {
    let name = name.to_ascii_lowercase();
    let parent = name.split_once('.').map(|(_, rest)| rest);
    // [ICANN, PRIVATE]: a rule makes the name a suffix; an exception rule says it is not.
    let mut listed = [false; 2];
    let mut excepted = [false; 2];
    for line in LIST.lines() {
        let (section, rule) = match line.split_once(' ') {
            Some(("i", rule)) => (0, rule),
            Some(("p", rule)) => (1, rule),
            _ => continue,
        };
        // A wildcard rule `*.x` covers one label under x, and x itself: its implicit root,
        // as the list's own test vectors have it (c.kobe.jp under *.kobe.jp is a suffix) and
        // publicsuffixlist reads it.
        let wildcard_base = rule.strip_prefix("*.");
        if rule == name
            || wildcard_base == Some(name.as_str())
            || wildcard_base.is_some_and(|base| Some(base) == parent)
        {
            if let Some(slot) = listed.get_mut(section) {
                *slot = true;
            }
        } else if rule.strip_prefix('!') == Some(name.as_str()) {
            if let Some(slot) = excepted.get_mut(section) {
                *slot = true;
            }
        }
    }
    let [icann, private] = listed;
    let [icann_exception, private_exception] = excepted;
    if icann && !icann_exception {
        Some(Section::Icann)
    } else if (icann || private) && !icann_exception && !private_exception {
        Some(Section::Private)
    } else {
        None
    }
}

#[cfg(test)]
#[allow(
    clippy::panic,
    reason = "test code: a broken case file should stop the test loudly"
)]
mod tests {
    use super::*;

    #[test]
    fn well_known_suffixes() {
        let table: &[(&str, Option<Section>)] = &[
            ("com", Some(Section::Icann)),
            ("CO.UK", Some(Section::Icann)),
            ("example.com", None),
            ("s3.amazonaws.com", Some(Section::Private)),
            // The wildcard rule *.ck and its exception !www.ck.
            ("anything.ck", Some(Section::Icann)),
            ("www.ck", None),
            ("no-such-tld-here", None),
        ];
        for (name, expected) in table {
            assert_eq!(public_suffix(name), *expected, "{name}");
        }
    }

    /// Differential: the pinned package's own matcher (publicsuffixlist) judged these names
    /// when the table was generated; the lookup must agree on every one.
    #[test]
    fn agrees_with_publicsuffixlist() {
        let cases = include_str!("public_suffix_cases.tsv");
        let mut checked = 0;
        for line in cases.lines().filter(|l| !l.starts_with('#')) {
            let (name, verdict) = line.split_once('\t').unwrap_or((line, ""));
            let expected = match verdict {
                "icann" => Some(Section::Icann),
                "private" => Some(Section::Private),
                "none" => None,
                other => panic!("{name}: verdict {other:?}"),
            };
            assert_eq!(public_suffix(name), expected, "{name}");
            checked += 1;
        }
        assert!(checked > 1000, "{checked} cases");
    }

    #[test]
    fn date_matches_the_generated_header() {
        let header = LIST.lines().next().unwrap_or_default();
        assert!(header.contains(LIST_DATE), "{header}");
    }
}
