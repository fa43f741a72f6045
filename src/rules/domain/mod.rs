//! Domain-name rules (seed 003's `domain` field, seed 002's `domains[].domain`) and RFC 6125
//! coverage of each name by the leaf certificate.
//!
//! A name is checked as the seed describes it: labels of 1 to 63 ASCII letters, digits and
//! hyphens that start and end with a letter or digit, or a wildcard name whose whole leftmost
//! label is `*` (`*.test.com`). A Unicode name is an error; its punycode (`xn--`) form is
//! suggested, computed per label after lowercasing with the RFC 3492 encoder below. Full
//! UTS 46 mapping (width folding, `ß` and other deviations, disallowed code points) is not
//! applied, so the suggestion is right for ordinary lowercase-able names only. A label with a
//! capital sigma `Σ` gets the general punycode advice (see `punycode_name`).
//!
//! Duplicates compare names lower-cased by [`lowercase`]: character by character as
//! `char::to_lowercase`, which is `str::to_lowercase` except that a word-final `Σ` lowers to
//! `σ` rather than `ς` (such names are rejected as non-ASCII anyway). This keeps the standard
//! library's case tables out of the wasm module.

use std::borrow::Cow;
use std::collections::btree_map::Entry;
use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::catalog;
use crate::findings::Findings;
use crate::report::Severity;
use crate::text::case::{has_capital_sigma, lowercase};
use crate::text::punycode::punycode_encode;
use crate::text::quote;

mod coverage;
mod ip_address;

pub(crate) use coverage::check_coverage;

/// The names a leaf certificate presents for matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CertificateNames {
    /// subjectAltName dNSName entries, as written in the certificate.
    pub dns: Vec<String>,
    /// The subject's commonName (used only when there is no DNS SAN).
    pub common_name: Option<String>,
    /// subjectAltName iPAddress entries, as the report writes them (`192.0.2.10`): a
    /// configured IP address is covered by the same address (RFC 9525 section 6.2).
    pub ip_addresses: Vec<String>,
    /// Whether the check is for the public audience (browsers): a name covered only by the
    /// common name is then refused, not only warned about.
    pub public_audience: bool,
}

/// A domain name that passed the syntax rules, with the path it is reported at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedName<'a> {
    /// The name as given, trimmed.
    pub name: &'a str,
    /// JSON pointer for diagnostics about this name (shared by the names of one field).
    pub path: Cow<'a, str>,
}

/// Most names in one domain field or list (seed 003).
const MAX_NAMES: usize = 30;
/// The field length the seed's prose states (over it: a warning).
const FIELD_PROSE_MAX: usize = 1_024;
/// The field length the seed's schema states (over it: an error).
const FIELD_SCHEMA_MAX: usize = 10_000;
/// Most characters in one label (seed 003, RFC 1035).
const MAX_LABEL: usize = 63;
/// Most characters in one name (RFC 1035, without the root's trailing dot).
const MAX_NAME: usize = 253;
/// Characters of a user's value shown in a message before it is cut with `…`.
pub(super) const SHOWN_CHARS: usize = 80;
/// Certificate names listed in a `domain.not_covered` message before "and N more".
const SHOWN_CERT_NAMES: usize = 5;

/// Checks a comma-separated domain field (ELB `domain`, CLI `--domains`): field length, count,
/// empty entries, each name's syntax, duplicates. Every diagnostic uses `path`; messages name
/// the entry. Returns the names that passed the syntax rules, for coverage.
///
/// An empty field (`""`) holds no names and is accepted. Entries are numbered from 1 in
/// messages. A name that appears twice is reported once as `domain.duplicate` and returned
/// once.
pub(crate) fn check_domain_field<'a>(
    field: &'a str,
    path: &'a str,
    out: &mut Findings,
) -> Vec<CheckedName<'a>> {
    check_names_field(field, path, false, out)
}

/// [`check_domain_field`] for the names a client will ask a certificate for (the `cert`
/// command's `--domains`, the crate's and the fronts' `domains`): an IP address is one of them
/// too (RFC 9525 section 6.2; a domain field of a provider's API takes DNS names only).
pub(crate) fn check_peer_names<'a>(
    field: &'a str,
    path: &'a str,
    out: &mut Findings,
) -> Vec<CheckedName<'a>> {
    check_names_field(field, path, true, out)
}

fn check_names_field<'a>(
    field: &'a str,
    path: &'a str,
    ip_addresses: bool,
    out: &mut Findings,
) -> Vec<CheckedName<'a>> {
    let length = field.chars().count();
    if length > FIELD_SCHEMA_MAX {
        out.emit(
            catalog::DOMAIN_FIELD_TOO_LONG,
            path,
            format!(
                "the domain field is {length} characters, over the 10,000 that the API schema \
                 allows (its prose even says 0 to 1,024)"
            ),
        );
    } else if length > FIELD_PROSE_MAX {
        out.emit_as(
            catalog::DOMAIN_FIELD_TOO_LONG,
            Severity::Warning,
            path,
            format!(
                "the domain field is {length} characters, over the 1,024 that the API \
                     description states (its schema says at most 10,000, so it may still be \
                     accepted)"
            ),
        );
    }
    if field.is_empty() {
        return Vec::new();
    }

    let entries: Vec<&str> = field.split(',').collect();
    let count = entries.iter().filter(|e| !e.trim().is_empty()).count();
    if count > MAX_NAMES {
        out.emit(
            catalog::DOMAIN_TOO_MANY,
            path,
            format!("the domain field holds {count} names; at most {MAX_NAMES} are allowed"),
        );
    }

    let last = entries.len().saturating_sub(1);
    let mut seen: BTreeMap<Cow<'_, str>, usize> = BTreeMap::new();
    let mut passed = Vec::with_capacity(entries.len());
    for (index, raw) in entries.iter().enumerate() {
        let number = index + 1;
        if raw.trim().is_empty() {
            let why = if !raw.is_empty() {
                "holds only whitespace"
            } else if entries.len() == 1 {
                "is empty"
            } else if index == 0 {
                "is empty because the field starts with a comma"
            } else if index == last {
                "is empty because the field ends with a comma"
            } else {
                "is empty because two commas follow each other"
            };
            out.emit(
                catalog::DOMAIN_EMPTY_ENTRY,
                path,
                format!(
                    "entry {number} {why}; separate names with single commas and nothing \
                     else, as in a.com,b.com"
                ),
            );
            continue;
        }
        let subject = Subject {
            entry: Some(number),
            raw,
        };
        let name = raw.trim();
        let ok = (ip_addresses && ip_address::is_ip_address(raw))
            || check_name(raw, path, &subject, out);
        match seen.entry(duplicate_key(name)) {
            Entry::Occupied(first) => {
                out.emit(
                    catalog::DOMAIN_DUPLICATE,
                    path,
                    format!(
                        "{subject}: the same name as entry {} (names compare \
                         case-insensitively); give each name once",
                        first.get()
                    ),
                );
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(number);
            }
        }
        if ok {
            passed.push(CheckedName {
                name,
                path: Cow::Borrowed(path),
            });
        }
    }
    passed
}

#[allow(dead_code)] // used by request validation (APIG)
/// Checks a list of names that each have their own path (APIG `domains[i].domain`): count,
/// each name's syntax, duplicates. Returns the names that passed the syntax rules.
///
/// `domain.too_many` is reported once, at the path of the first name over the limit, as a
/// warning: the list's own document (seed 002) states no limit. A
/// duplicate is reported at the later entry's path, naming the earlier index, and returned
/// once. An empty name is `domain.empty_entry` at its path.
pub(crate) fn check_domain_list<'a>(
    names: &[CheckedName<'a>],
    out: &mut Findings,
) -> Vec<CheckedName<'a>> {
    if let Some(first_over) = names.get(MAX_NAMES) {
        // Seed 002 documents no cap on the list; 30 is seed 003's limit for one comma-separated
        // field. SPEC's severity policy makes an undocumented limit a warning, not an error.
        out.emit_as(
            catalog::DOMAIN_TOO_MANY,
            Severity::Warning,
            first_over.path.as_ref(),
            format!(
                "{} domain names are given and this is number {}; the API documents no limit \
                 for this list, but Huawei Cloud ELB allows at most {MAX_NAMES} names per \
                 certificate (seed 003), so check the provider's quota",
                names.len(),
                MAX_NAMES + 1
            ),
        );
    }

    let mut seen: BTreeMap<Cow<'_, str>, (usize, &str)> = BTreeMap::new();
    let mut passed = Vec::with_capacity(names.len());
    for (index, entry) in names.iter().enumerate() {
        let path: &str = &entry.path;
        let name = entry.name.trim();
        if name.is_empty() {
            out.emit(
                catalog::DOMAIN_EMPTY_ENTRY,
                path,
                "the domain name is empty; give one name such as www.test.com",
            );
            continue;
        }
        let subject = Subject {
            entry: None,
            raw: entry.name,
        };
        let ok = check_name(entry.name, path, &subject, out);
        match seen.entry(duplicate_key(name)) {
            Entry::Occupied(first) => {
                let (first, first_path) = first.get();
                out.emit(
                    catalog::DOMAIN_DUPLICATE,
                    path,
                    format!(
                        "{subject}: the same name as entry {first} (at {first_path}; names \
                         compare case-insensitively); give each name once"
                    ),
                );
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert((index, path));
            }
        }
        if ok {
            passed.push(CheckedName {
                name,
                path: entry.path.clone(),
            });
        }
    }
    passed
}

/// Lists certificate names for a message: up to [`SHOWN_CERT_NAMES`], then "and N more".
fn list_names(names: &[&str]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(SHOWN_CERT_NAMES)
        .map(|n| quote(n, SHOWN_CHARS))
        .collect();
    let mut text = crate::text::join(&shown, ", ");
    if names.len() > SHOWN_CERT_NAMES {
        let _ = write!(text, " and {} more", names.len() - SHOWN_CERT_NAMES);
    }
    text
}

/// The name as duplicates are compared: lower-cased by [`lowercase`], borrowed when it has
/// no upper-case letter to change (nearly always).
fn duplicate_key(name: &str) -> Cow<'_, str> {
    if name.is_ascii() && !name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(lowercase(name))
    }
}

/// Names the name a message is about (`entry 2, "a..com"` or `"a..com"`), quoted only when a
/// message is written: most names pass every rule, and quoting is most of a clean check's
/// cost for them.
struct Subject<'a> {
    /// 1-based position in a comma-separated field; `None` in a list with a path per name.
    entry: Option<usize>,
    raw: &'a str,
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
fn is_plain_host_name(name: &str) -> bool {
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
fn check_name(raw: &str, path: &str, subject: &Subject<'_>, out: &mut Findings) -> bool {
    is_plain_host_name(raw) || check_name_rules(raw, path, subject, out)
}

/// [`check_name`]'s rules one by one, each with its own message.
fn check_name_rules(raw: &str, path: &str, subject: &Subject<'_>, out: &mut Findings) -> bool {
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
/// `None` when a non-ASCII label is over 63 characters (its encoding could not be a label
/// anyway, and the encoder's time grows with the square of the label's length) or cannot be
/// encoded, or when a label holds a capital sigma `Σ`: its lower case depends on context
/// (`σ` or final `ς`), which [`lowercase`] does not apply, so the caller gives the general
/// punycode advice instead of a possibly wrong form.
fn punycode_name(labels: &[&str]) -> Option<String> {
    let mut encoded = Vec::with_capacity(labels.len());
    for label in labels {
        if has_capital_sigma(label) {
            return None;
        }
        let lower = lowercase(label);
        if lower.is_ascii() {
            encoded.push(lower);
        } else if lower.chars().count() > MAX_LABEL {
            return None;
        } else {
            encoded.push(format!("xn--{}", punycode_encode(&lower)?));
        }
    }
    Some(crate::text::join(&encoded, "."))
}

#[cfg(test)]
mod tests;
