//! The public suffix list (publicsuffix.org), for wildcards directly over a public suffix
//! (`*.com`, `*.co.uk`, `*.s3.amazonaws.com`). The rules are data generated from a pinned PyPI
//! package (`scripts/gen-public-suffix.py`, list date in [`LIST_DATE`]), sorted, so a lookup is
//! four binary searches over the text itself: nothing is built at run time.
//!
//! Behind the `public-suffix` cargo feature: the list is about 45 KB gzipped, which the npm
//! modules' size budgets cannot take, so the browser and Node builds leave this lint out.

/// A header, a blank line, then `rule sections` lines sorted bytewise: sections `i` (ICANN),
/// `p` (PRIVATE) or `ip`; rules in A-label form, `*.` wildcard and `!` exception rules as the
/// list writes them.
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
    // A rule makes the name a suffix: the name itself, a wildcard over its parent, or a
    // wildcard over the name, whose implicit root the name is (the list's own test vectors:
    // c.kobe.jp under *.kobe.jp is a suffix; publicsuffixlist reads it so).
    let mut rules = vec![name.clone(), format!("*.{name}")];
    if let Some((_, parent)) = name.split_once('.') {
        rules.push(format!("*.{parent}"));
    }
    let listed: Vec<&str> = rules.iter().filter_map(|r| sections_of(r)).collect();
    // An exception rule says the name is not a suffix, in its sections.
    let excepted = sections_of(&format!("!{name}")).unwrap_or("");
    let in_section =
        |letter: char| listed.iter().any(|s| s.contains(letter)) && !excepted.contains(letter);
    if in_section('i') {
        Some(Section::Icann)
    } else if in_section('p') && excepted.is_empty() {
        Some(Section::Private)
    } else {
        None
    }
}

/// The sections of the rule written exactly `rule`, by binary search over the sorted lines.
fn sections_of(rule: &str) -> Option<&'static str> {
    let (_, lines) = LIST.split_once("\n\n")?;
    // [low, high): byte offsets of line starts still in play.
    let (mut low, mut high) = (0, lines.len());
    while low < high {
        let mid = low + (high - low) / 2;
        // The line holding byte `mid`, never starting before `low`.
        let start = lines
            .get(low..mid)
            .and_then(|before| before.rfind('\n'))
            .map_or(low, |at| low + at + 1);
        let end = lines
            .get(start..)
            .and_then(|rest| rest.find('\n'))
            .map_or(lines.len(), |at| start + at);
        let (line_rule, sections) = lines.get(start..end)?.split_once(' ')?;
        match line_rule.cmp(rule) {
            std::cmp::Ordering::Equal => return Some(sections),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
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
    fn every_listed_rule_is_found() {
        let (_, lines) = LIST.split_once("\n\n").unwrap_or_default();
        for line in lines.lines() {
            let (rule, sections) = line.split_once(' ').unwrap_or((line, ""));
            assert_eq!(sections_of(rule), Some(sections), "{rule}");
        }
        assert_eq!(sections_of("no-such-rule.example"), None);
        assert_eq!(sections_of(""), None);
    }

    #[test]
    fn date_matches_the_generated_header() {
        let header = LIST.lines().next().unwrap_or_default();
        assert!(header.contains(LIST_DATE), "{header}");
    }
}
