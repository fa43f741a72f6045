//! The rules over one domain name (seed 003's labels, RFC 1035's lengths, the wildcard's
//! place), each its own function with its own message, so that every problem of a name is
//! reported at once; and the punycode suggestion for a Unicode name.

use crate::catalog;
use crate::findings::Findings;
use crate::text::case::{has_capital_sigma, lowercase};
use crate::text::punycode::punycode_encode;
use crate::text::quote;

/// Characters of a user's value shown in a message before it is cut with `…`.
pub(super) const SHOWN_CHARS: usize = 80;
/// Most characters in one label (seed 003, RFC 1035).
pub(super) const MAX_LABEL: usize = 63;
/// Most characters in one name (RFC 1035, without the root's trailing dot).
const MAX_NAME: usize = 253;

/// Names the name a message is about (`entry 2, "a..com"` or `"a..com"`), quoted only when a
/// message is written: most names pass every rule, and quoting is most of a clean check's
/// cost for them.
pub(super) struct Subject<'a> {
    /// 1-based position in a comma-separated field; `None` in a list with a path per name.
    pub(super) entry: Option<usize>,
    pub(super) raw: &'a str,
}

impl std::fmt::Display for Subject<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(number) = self.entry {
            write!(f, "entry {number}, ")?;
        }
        f.write_str(&quote(self.raw, SHOWN_CHARS))
    }
}

/// Whether `name` is an ordinary host name that no name rule reports: 1 to 253 characters of
/// dot-separated labels, each 1 to 63 ASCII letters, digits and hyphens, starting and ending
/// with a letter or digit, no wildcard and no whitespace. Most names are, and this one pass
/// lets [`check_name`] skip its rule-by-rule checks for them (the tests check that both agree).
pub(super) fn is_plain_host_name(name: &str) -> bool {
    if name.is_empty() || name.len() > MAX_NAME {
        return false;
    }
    let mut label_len = 0;
    let mut previous = b'.';
    for &b in name.as_bytes() {
        if b == b'.' {
            // An empty label, or one ending with a hyphen.
            if label_len == 0 || previous == b'-' {
                return false;
            }
            label_len = 0;
        } else if b.is_ascii_alphanumeric() || (b == b'-' && label_len > 0) {
            label_len += 1;
            if label_len > MAX_LABEL {
                return false;
            }
        } else {
            return false;
        }
        previous = b;
    }
    label_len > 0 && previous != b'-'
}

/// How `*` is misused in a name, if it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum WildcardProblem {
    /// `*` is part of the leftmost label (`a*.x.com`, `*com`).
    Partial,
    /// `*` in a label other than the leftmost (`a.*.com`, `*.*.com`); 1-based label number.
    NotLeftmost(usize),
    /// A `*` label with no domain after it (`*`, `*.`).
    NothingAfter,
}

fn wildcard_problem(labels: &[&str]) -> Option<WildcardProblem> {
    let first = labels.first().copied().unwrap_or("");
    if first.contains('*') && first != "*" {
        return Some(WildcardProblem::Partial);
    }
    if let Some(i) = labels.iter().skip(1).position(|l| l.contains('*')) {
        return Some(WildcardProblem::NotLeftmost(i + 2));
    }
    if first == "*" && labels.iter().skip(1).all(|l| l.is_empty()) {
        return Some(WildcardProblem::NothingAfter);
    }
    None
}

/// Runs the name rules over one entry (`raw`, possibly with whitespace around it), reporting
/// at `path` with messages starting `subject: `. Returns whether the name passed every
/// error-level name rule. Whitespace around the name is reported but does not fail it: the
/// trimmed name is what the caller keeps.
pub(super) fn check_name(raw: &str, path: &str, subject: &Subject<'_>, out: &mut Findings) -> bool {
    is_plain_host_name(raw) || check_name_rules(raw, path, subject, out)
}

/// [`check_name`]'s rules one by one, each with its own message.
pub(super) fn check_name_rules(
    raw: &str,
    path: &str,
    subject: &Subject<'_>,
    out: &mut Findings,
) -> bool {
    let name = raw.trim();
    let labels: Vec<&str> = name.split('.').collect();
    let mut report = NameReport { out, path, subject };
    // Each rule runs, so every problem of the name is reported at once.
    let wildcard = wildcard_problem(&labels);
    let passed = [
        surrounding_whitespace(raw, name, &mut report),
        non_ascii(name, &labels, &mut report),
        wildcard_rule(wildcard, &mut report),
        empty_labels(name, &labels, wildcard, &mut report),
        invalid_characters(name, &mut report),
        hyphen_ends(&labels, &mut report),
        label_lengths(&labels, &mut report),
        name_length(name, &mut report),
    ];
    passed.iter().all(|ok| *ok)
}

/// Where the findings about one name go, each message prefixed with the name.
struct NameReport<'a, 'o> {
    out: &'o mut Findings,
    path: &'a str,
    subject: &'a Subject<'a>,
}

impl NameReport<'_, '_> {
    /// Records `rule` and returns false (the name did not pass), for `return report.fail(…)`.
    fn fail(&mut self, rule: &'static crate::catalog::Rule, message: String) -> bool {
        let subject = self.subject;
        self.out
            .emit(rule, self.path, format!("{subject}: {message}"));
        false
    }
}

/// Checked as sent: the API receives the whitespace, so it is an error (issue 13). The trimmed
/// name still goes on to the coverage check, so that the user learns both problems at once.
fn surrounding_whitespace(raw: &str, name: &str, report: &mut NameReport<'_, '_>) -> bool {
    if name.len() != raw.len() {
        report.fail(
            catalog::DOMAIN_LABEL_INVALID,
            "whitespace around the name is not accepted; remove the space".to_string(),
        );
    }
    true
}

fn non_ascii(name: &str, labels: &[&str], report: &mut NameReport<'_, '_>) -> bool {
    if name.is_ascii() {
        return true;
    }
    let message = match punycode_name(labels) {
        Some(ascii) => format!(
            "non-ASCII characters are not accepted; use the punycode form {} \
             (per-label RFC 3492 after lowercasing, without UTS 46 mapping)",
            quote(&ascii, SHOWN_CHARS)
        ),
        None => "non-ASCII characters are not accepted; use the name's punycode (xn--) \
                 form"
            .to_string(),
    };
    report.fail(catalog::DOMAIN_NON_ASCII, message)
}

fn wildcard_rule(problem: Option<WildcardProblem>, report: &mut NameReport<'_, '_>) -> bool {
    let Some(problem) = problem else {
        return true;
    };
    let message = match problem {
        WildcardProblem::Partial => "* must be the whole leftmost label, as in \
                                     *.test.com; partial wildcards are not allowed"
            .to_string(),
        WildcardProblem::NotLeftmost(n) => format!(
            "* appears in label {n}; it is allowed only as the whole leftmost label, as \
             in *.test.com"
        ),
        WildcardProblem::NothingAfter => "* must be followed by a domain, as in \
                                          *.test.com"
            .to_string(),
    };
    report.fail(catalog::DOMAIN_WILDCARD_INVALID, message)
}

fn empty_labels(
    name: &str,
    labels: &[&str],
    wildcard: Option<WildcardProblem>,
    report: &mut NameReport<'_, '_>,
) -> bool {
    if wildcard == Some(WildcardProblem::NothingAfter) || !labels.iter().any(|l| l.is_empty()) {
        return true;
    }
    let mut why = Vec::new();
    if name.starts_with('.') {
        why.push("a dot at the start");
    }
    if name.contains("..") {
        why.push("two dots in a row");
    }
    if name.ends_with('.') {
        why.push("a dot at the end");
    }
    report.fail(
        catalog::DOMAIN_LABEL_INVALID,
        format!(
            "empty label ({}); every label between dots needs 1 to 63 letters, digits or \
             hyphens",
            crate::text::join(&why, " and ")
        ),
    )
}

fn invalid_characters(name: &str, report: &mut NameReport<'_, '_>) -> bool {
    let mut bad: Vec<char> = Vec::new();
    for c in name.chars() {
        let allowed = c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '*') || !c.is_ascii();
        if !allowed && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if bad.is_empty() {
        return true;
    }
    let shown: Vec<String> = bad.iter().take(5).map(|c| format!("{c:?}")).collect();
    let more = if bad.len() > 5 { " and others" } else { "" };
    report.fail(
        catalog::DOMAIN_LABEL_INVALID,
        format!(
            "contains {}{more}; a label may hold only ASCII letters, digits and hyphens",
            crate::text::join(&shown, ", ")
        ),
    )
}

fn hyphen_ends(labels: &[&str], report: &mut NameReport<'_, '_>) -> bool {
    let hyphenated: Vec<&str> = labels
        .iter()
        .copied()
        .filter(|l| l.starts_with('-') || l.ends_with('-'))
        .collect();
    if hyphenated.is_empty() {
        return true;
    }
    let shown: Vec<String> = hyphenated
        .iter()
        .take(3)
        .map(|l| quote(l, SHOWN_CHARS))
        .collect();
    let more = if hyphenated.len() > 3 {
        " and others"
    } else {
        ""
    };
    let (noun, verb) = if hyphenated.len() == 1 {
        ("label", "starts or ends")
    } else {
        ("labels", "start or end")
    };
    report.fail(
        catalog::DOMAIN_LABEL_INVALID,
        format!(
            "{noun} {}{more} {verb} with a hyphen; labels must start and end with a letter \
             or digit",
            crate::text::join(&shown, ", ")
        ),
    )
}

fn label_lengths(labels: &[&str], report: &mut NameReport<'_, '_>) -> bool {
    let long: Vec<(usize, usize)> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l.chars().count()))
        .filter(|&(_, n)| n > MAX_LABEL)
        .collect();
    let Some(&(number, chars)) = long.first() else {
        return true;
    };
    let others = match long.len() {
        1 => String::new(),
        2 => " (and 1 more label is too)".to_string(),
        n => format!(" (and {} more labels are too)", n - 1),
    };
    report.fail(
        catalog::DOMAIN_LABEL_TOO_LONG,
        format!(
            "label {number} is {chars} characters{others}; each label may have at most \
             {MAX_LABEL}"
        ),
    )
}

/// `domain.too_long` is a warning (RFC 1035, not the seed): the name still passes.
fn name_length(name: &str, report: &mut NameReport<'_, '_>) -> bool {
    let chars = name.chars().count();
    if chars > MAX_NAME {
        report.fail(
            catalog::DOMAIN_TOO_LONG,
            format!(
                "the name is {chars} characters; DNS names have at most {MAX_NAME} \
                 (RFC 1035), so it cannot be resolved"
            ),
        );
    }
    true
}

/// The punycode form of a name: each non-ASCII label lowercased and encoded as `xn--…`.
/// `None` when a non-ASCII label's encoding is over 63 characters (RFC 1035: the suggestion
/// must itself be a valid label; a label of over 63 characters is not even encoded, since its
/// encoding is longer and the encoder's time grows with the square of the label's length) or
/// cannot be encoded, or when a label holds a capital sigma `Σ`: its lower case depends on context
/// (`σ` or final `ς`), which [`lowercase`] does not apply, so the caller gives the general
/// punycode advice instead of a possibly wrong form.
pub(super) fn punycode_name(labels: &[&str]) -> Option<String> {
    let mut encoded = Vec::with_capacity(labels.len());
    for label in labels {
        if has_capital_sigma(label) {
            return None;
        }
        let lower = lowercase(label);
        if lower.is_ascii() {
            encoded.push(lower);
        } else if lower.chars().nth(MAX_LABEL).is_some() {
            // Over 63 characters: never encoded (the encoding is longer still).
            return None;
        } else {
            let ascii = format!("xn--{}", punycode_encode(&lower)?);
            if ascii.len() > MAX_LABEL {
                return None;
            }
            encoded.push(ascii);
        }
    }
    Some(crate::text::join(&encoded, "."))
}
