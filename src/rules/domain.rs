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

use std::collections::BTreeMap;
use std::fmt::Write as _;

use crate::report::{Diagnostic, Severity};
use crate::rules::case::{has_capital_sigma, lowercase};
use crate::rules::catalog;

/// The names a leaf certificate presents for matching.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct CertificateNames {
    /// subjectAltName dNSName entries, as written in the certificate.
    pub dns: Vec<String>,
    /// The subject's commonName (used only when there is no DNS SAN).
    pub common_name: Option<String>,
}

/// A domain name that passed the syntax rules, with the path it is reported at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CheckedName {
    /// The name as given, trimmed.
    pub name: String,
    /// JSON pointer for diagnostics about this name.
    pub path: String,
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
const SHOWN_CHARS: usize = 80;
/// Certificate names listed in a `domain.not_covered` message before "and N more".
const SHOWN_CERT_NAMES: usize = 5;

/// Checks a comma-separated domain field (ELB `domain`, CLI `--domains`): field length, count,
/// empty entries, each name's syntax, duplicates. Every diagnostic uses `path`; messages name
/// the entry. Returns the names that passed the syntax rules, for coverage.
///
/// An empty field (`""`) holds no names and is accepted. Entries are numbered from 1 in
/// messages. A name that appears twice is reported once as `domain.duplicate` and returned
/// once.
pub(crate) fn check_domain_field(
    field: &str,
    path: &str,
    out: &mut Vec<Diagnostic>,
) -> Vec<CheckedName> {
    let length = field.chars().count();
    if length > FIELD_SCHEMA_MAX {
        out.push(Diagnostic::new(
            &catalog::DOMAIN_FIELD_TOO_LONG,
            path,
            format!(
                "the domain field is {length} characters, over the 10,000 that the API schema \
                 allows (its prose even says 0 to 1,024)"
            ),
        ));
    } else if length > FIELD_PROSE_MAX {
        out.push(
            Diagnostic::new(
                &catalog::DOMAIN_FIELD_TOO_LONG,
                path,
                format!(
                    "the domain field is {length} characters, over the 1,024 that the API \
                     description states (its schema says at most 10,000, so it may still be \
                     accepted)"
                ),
            )
            .with_severity(Severity::Warning),
        );
    }
    if field.is_empty() {
        return Vec::new();
    }

    let entries: Vec<&str> = field.split(',').collect();
    let count = entries.iter().filter(|e| !e.trim().is_empty()).count();
    if count > MAX_NAMES {
        out.push(Diagnostic::new(
            &catalog::DOMAIN_TOO_MANY,
            path,
            format!("the domain field holds {count} names; at most {MAX_NAMES} are allowed"),
        ));
    }

    let last = entries.len().saturating_sub(1);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut passed = Vec::new();
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
            out.push(Diagnostic::new(
                &catalog::DOMAIN_EMPTY_ENTRY,
                path,
                format!(
                    "entry {number} {why}; separate names with single commas and nothing \
                     else, as in a.com,b.com"
                ),
            ));
            continue;
        }
        let subject = format!("entry {number}, {}", show(raw));
        let name = raw.trim();
        let ok = check_name(raw, path, &subject, out);
        let key = lowercase(name);
        if let Some(first) = seen.get(&key) {
            out.push(Diagnostic::new(
                &catalog::DOMAIN_DUPLICATE,
                path,
                format!(
                    "{subject}: the same name as entry {first} (names compare \
                     case-insensitively); give each name once"
                ),
            ));
            continue;
        }
        seen.insert(key, number);
        if ok {
            passed.push(CheckedName {
                name: name.to_string(),
                path: path.to_string(),
            });
        }
    }
    passed
}

#[allow(dead_code)] // used by request validation (APIG)
/// Checks a list of names that each have their own path (APIG `domains[i].domain`): count,
/// each name's syntax, duplicates. Returns the names that passed the syntax rules.
///
/// `domain.too_many` is reported once, at the path of the first name over the limit. A
/// duplicate is reported at the later entry's path, naming the earlier index, and returned
/// once. An empty name is `domain.empty_entry` at its path.
pub(crate) fn check_domain_list(
    names: &[CheckedName],
    out: &mut Vec<Diagnostic>,
) -> Vec<CheckedName> {
    if let Some(first_over) = names.get(MAX_NAMES) {
        out.push(Diagnostic::new(
            &catalog::DOMAIN_TOO_MANY,
            first_over.path.as_str(),
            format!(
                "{} domain names are given and this is number {}; at most {MAX_NAMES} are \
                 allowed",
                names.len(),
                MAX_NAMES + 1
            ),
        ));
    }

    let mut seen: BTreeMap<String, (usize, &str)> = BTreeMap::new();
    let mut passed = Vec::new();
    for (index, entry) in names.iter().enumerate() {
        let path = entry.path.as_str();
        let name = entry.name.trim();
        if name.is_empty() {
            out.push(Diagnostic::new(
                &catalog::DOMAIN_EMPTY_ENTRY,
                path,
                "the domain name is empty; give one name such as www.test.com",
            ));
            continue;
        }
        let subject = show(&entry.name);
        let ok = check_name(&entry.name, path, &subject, out);
        let key = lowercase(name);
        if let Some((first, first_path)) = seen.get(&key) {
            out.push(Diagnostic::new(
                &catalog::DOMAIN_DUPLICATE,
                path,
                format!(
                    "{subject}: the same name as entry {first} (at {first_path}; names \
                     compare case-insensitively); give each name once"
                ),
            ));
            continue;
        }
        seen.insert(key, (index, path));
        if ok {
            passed.push(CheckedName {
                name: name.to_string(),
                path: path.to_string(),
            });
        }
    }
    passed
}

/// Emits `domain.not_covered` for every name the certificate does not cover (RFC 6125).
///
/// Matching is ASCII case-insensitive and ignores one trailing dot on a certificate name. The
/// certificate's DNS subjectAltNames are used, its commonName only when it has none. A
/// certificate pattern `*.a.com` covers exactly one extra leftmost label (`x.a.com`, not
/// `a.com` nor `y.x.a.com`); any other use of `*` (`f*.a.com`, `a.*.com`) matches only its
/// own text. A configured wildcard name is covered only by the same wildcard. No public
/// suffix list is consulted.
pub(crate) fn check_coverage(
    names: &[CheckedName],
    certificate: &CertificateNames,
    out: &mut Vec<Diagnostic>,
) {
    let (presented, from_cn): (Vec<&str>, bool) = if !certificate.dns.is_empty() {
        (certificate.dns.iter().map(String::as_str).collect(), false)
    } else if let Some(cn) = &certificate.common_name {
        (vec![cn.as_str()], true)
    } else {
        (Vec::new(), false)
    };
    let has_wildcard = presented.iter().any(|p| wildcard_base(p).is_some());

    for entry in names {
        let name = entry.name.trim();
        if presented.iter().any(|p| covers(p, name)) {
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
        out.push(Diagnostic::new(
            &catalog::DOMAIN_NOT_COVERED,
            entry.path.as_str(),
            format!(
                "{} is not covered by the certificate, {what}{hint}",
                show(name)
            ),
        ));
    }
}

/// Whether the certificate name `pattern` covers the configured `name` (RFC 6125 6.4).
fn covers(pattern: &str, name: &str) -> bool {
    let pattern = pattern.strip_suffix('.').unwrap_or(pattern);
    if pattern.eq_ignore_ascii_case(name) {
        return true;
    }
    let Some(base) = wildcard_base(pattern) else {
        return false;
    };
    match name.split_once('.') {
        Some((first, rest)) => {
            !first.is_empty() && !first.contains('*') && rest.eq_ignore_ascii_case(base)
        }
        None => false,
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

/// Lists certificate names for a message: up to [`SHOWN_CERT_NAMES`], then "and N more".
fn list_names(names: &[&str]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(SHOWN_CERT_NAMES)
        .map(|n| show(n))
        .collect();
    let mut text = shown.join(", ");
    if names.len() > SHOWN_CERT_NAMES {
        let _ = write!(text, " and {} more", names.len() - SHOWN_CERT_NAMES);
    }
    text
}

/// A user's value quoted for a message, control and unusual characters escaped, cut with `…`
/// once the quoted text would pass [`SHOWN_CHARS`] characters.
/// Text that may be key material (a key pasted into the domain field) is never quoted.
fn show(value: &str) -> String {
    if crate::input::redact::may_be_secret(value) {
        return String::from("(text that looks like PEM or key material, not shown)");
    }
    let mut text = String::from("\"");
    let mut shown = 0;
    for c in value.chars() {
        let escaped: String = match c {
            '\'' => "'".to_string(),
            _ => c.escape_debug().collect(),
        };
        let width = escaped.chars().count();
        if shown + width > SHOWN_CHARS {
            text.push_str("\"…");
            return text;
        }
        shown += width;
        text.push_str(&escaped);
    }
    text.push('"');
    text
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
fn check_name(raw: &str, path: &str, subject: &str, out: &mut Vec<Diagnostic>) -> bool {
    let name = raw.trim();
    let mut ok = true;
    let mut push = |rule: &crate::rules::Rule, message: String| {
        out.push(Diagnostic::new(rule, path, format!("{subject}: {message}")));
    };

    if name.len() != raw.len() {
        push(
            &catalog::DOMAIN_LABEL_INVALID,
            "whitespace around the name is not accepted; remove the space".to_string(),
        );
    }

    let labels: Vec<&str> = name.split('.').collect();

    if !name.is_ascii() {
        ok = false;
        let message = match punycode_name(&labels) {
            Some(ascii) => format!(
                "non-ASCII characters are not accepted; use the punycode form {} \
                 (per-label RFC 3492 after lowercasing, without UTS 46 mapping)",
                show(&ascii)
            ),
            None => "non-ASCII characters are not accepted; use the name's punycode (xn--) \
                     form"
                .to_string(),
        };
        push(&catalog::DOMAIN_NON_ASCII, message);
    }

    let wildcard = wildcard_problem(&labels);
    if let Some(problem) = wildcard {
        ok = false;
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
        push(&catalog::DOMAIN_WILDCARD_INVALID, message);
    }

    if wildcard != Some(WildcardProblem::NothingAfter) && labels.iter().any(|l| l.is_empty()) {
        ok = false;
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
        push(
            &catalog::DOMAIN_LABEL_INVALID,
            format!(
                "empty label ({}); every label between dots needs 1 to 63 letters, digits or \
                 hyphens",
                why.join(" and ")
            ),
        );
    }

    let mut bad: Vec<char> = Vec::new();
    for c in name.chars() {
        let allowed = c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '*') || !c.is_ascii();
        if !allowed && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if !bad.is_empty() {
        ok = false;
        let shown: Vec<String> = bad.iter().take(5).map(|c| format!("{c:?}")).collect();
        let more = if bad.len() > 5 { " and others" } else { "" };
        push(
            &catalog::DOMAIN_LABEL_INVALID,
            format!(
                "contains {}{more}; a label may hold only ASCII letters, digits and hyphens",
                shown.join(", ")
            ),
        );
    }

    let hyphenated: Vec<&str> = labels
        .iter()
        .copied()
        .filter(|l| l.starts_with('-') || l.ends_with('-'))
        .collect();
    if !hyphenated.is_empty() {
        ok = false;
        let shown: Vec<String> = hyphenated.iter().take(3).map(|l| show(l)).collect();
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
        push(
            &catalog::DOMAIN_LABEL_INVALID,
            format!(
                "{noun} {}{more} {verb} with a hyphen; labels must start and end with a letter \
                 or digit",
                shown.join(", ")
            ),
        );
    }

    let long: Vec<(usize, usize)> = labels
        .iter()
        .enumerate()
        .map(|(i, l)| (i + 1, l.chars().count()))
        .filter(|&(_, n)| n > MAX_LABEL)
        .collect();
    if let Some(&(number, chars)) = long.first() {
        ok = false;
        let others = match long.len() {
            1 => String::new(),
            2 => " (and 1 more label is too)".to_string(),
            n => format!(" (and {} more labels are too)", n - 1),
        };
        push(
            &catalog::DOMAIN_LABEL_TOO_LONG,
            format!(
                "label {number} is {chars} characters{others}; each label may have at most \
                 {MAX_LABEL}"
            ),
        );
    }

    let chars = name.chars().count();
    if chars > MAX_NAME {
        out.push(Diagnostic::new(
            &catalog::DOMAIN_TOO_LONG,
            path,
            format!(
                "{subject}: the name is {chars} characters; DNS names have at most {MAX_NAME} \
                 (RFC 1035), so it cannot be resolved"
            ),
        ));
    }

    ok
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
    Some(encoded.join("."))
}

// RFC 3492 section 5 parameters.
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// RFC 3492 section 6.1 bias adaptation.
fn adapt(delta: u32, num_points: u32, first_time: bool) -> u32 {
    let mut delta = if first_time { delta / DAMP } else { delta / 2 };
    delta += delta / num_points.max(1);
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW)
}

/// A digit value 0..=35 as its lowercase basic code point (`a`..`z`, `0`..`9`).
fn encode_digit(d: u32) -> char {
    match d {
        0..=25 => char::from_u32(u32::from(b'a') + d).unwrap_or('?'),
        _ => char::from_u32(u32::from(b'0') + (d - 26) % 10).unwrap_or('?'),
    }
}

/// RFC 3492 section 6.3 encoder, without the `xn--` prefix. Basic code points are copied as
/// they are (case included); `None` on overflow.
pub(crate) fn punycode_encode(input: &str) -> Option<String> {
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut output: String = input.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(output.len()).ok()?;
    let total = u32::try_from(code_points.len()).ok()?;
    if basic > 0 {
        output.push('-');
    }
    let mut n = INITIAL_N;
    let mut delta: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut handled = basic;
    while handled < total {
        let m = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias.saturating_add(T_MAX) {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    output.push(encode_digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k = k.checked_add(BASE)?;
                }
                output.push(encode_digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PATH: &str = "/certificate/domain";

    /// `(rule, severity)` of each diagnostic, in emission order.
    fn kinds(diags: &[Diagnostic]) -> Vec<(String, Severity)> {
        diags.iter().map(|d| (d.rule.clone(), d.severity)).collect()
    }

    fn field(text: &str) -> (Vec<Diagnostic>, Vec<String>) {
        let mut out = Vec::new();
        let names = check_domain_field(text, PATH, &mut out);
        for d in &out {
            assert_eq!(d.path, PATH);
            assert!(!d.message.is_empty());
        }
        (out, names.into_iter().map(|n| n.name).collect())
    }

    fn rules_for(text: &str) -> Vec<&'static str> {
        let (out, _) = field(text);
        let mut ids: Vec<&'static str> = out
            .iter()
            .map(|d| {
                crate::rules::find_rule(&d.rule)
                    .map(|r| r.id)
                    .unwrap_or("unknown")
            })
            .collect();
        ids.sort_unstable();
        ids
    }

    /// A name of `n` characters made of valid labels (63-character labels and a shorter last).
    fn name_of(n: usize) -> String {
        let mut labels = Vec::new();
        let mut left = n;
        while left > 0 {
            if left <= MAX_LABEL {
                labels.push("b".repeat(left));
                break;
            }
            // A 63-character label plus its dot; never leave a 0-character remainder.
            let take = if left - 64 == 0 { 62 } else { 63 };
            labels.push("a".repeat(take));
            left -= take + 1;
        }
        let name = labels.join(".");
        assert_eq!(name.chars().count(), n);
        name
    }

    /// A field of `names` valid names joined by commas, exactly `len` characters long.
    fn field_of(len: usize, names: usize) -> String {
        let commas = names - 1;
        let each = (len - commas) / names;
        let extra = (len - commas) % names;
        let parts: Vec<String> = (0..names)
            .map(|i| {
                let n = each + usize::from(i < extra);
                // Distinct names: vary the last label's first character.
                let mut s = name_of(n);
                let c = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
                s.replace_range(s.len() - 1.., &c.to_string());
                s
            })
            .collect();
        let text = parts.join(",");
        assert_eq!(text.chars().count(), len);
        text
    }

    #[test]
    fn name_rules_table() {
        let table: &[(&str, &[&str])] = &[
            ("www.test.com", &[]),
            ("a.com,b.com", &[]),
            ("x-1.test-2.com", &[]),
            ("A.Example.COM", &[]),
            ("", &[]),
            // empty entries
            ("a.com,,b.com", &["domain.empty_entry"]),
            (",a.com", &["domain.empty_entry"]),
            ("a.com,", &["domain.empty_entry"]),
            ("a.com, ,b.com", &["domain.empty_entry"]),
            (" ", &["domain.empty_entry"]),
            (",", &["domain.empty_entry", "domain.empty_entry"]),
            // whitespace around a name
            ("a.com, b.com", &["domain.label_invalid"]),
            ("a.com ", &["domain.label_invalid"]),
            // labels
            ("a..b.com", &["domain.label_invalid"]),
            (".a.com", &["domain.label_invalid"]),
            ("a.com.", &["domain.label_invalid"]),
            ("a_b.com", &["domain.label_invalid"]),
            ("a b.com", &["domain.label_invalid"]),
            ("-a.com", &["domain.label_invalid"]),
            ("a-.com", &["domain.label_invalid"]),
            ("-a.b-.com", &["domain.label_invalid"]),
            ("a_b.-c..com", &["domain.label_invalid"; 3]),
            // wildcards
            ("*.test.com", &[]),
            ("*.com", &[]),
            ("a*.x.com", &["domain.wildcard_invalid"]),
            ("a.*.com", &["domain.wildcard_invalid"]),
            ("*.*.com", &["domain.wildcard_invalid"]),
            ("*", &["domain.wildcard_invalid"]),
            ("*com", &["domain.wildcard_invalid"]),
            ("*.", &["domain.wildcard_invalid"]),
            ("**.a.com", &["domain.wildcard_invalid"]),
            ("x.com.*", &["domain.wildcard_invalid"]),
            // non-ASCII
            ("bücher.example", &["domain.non_ascii"]),
            (
                "bü_cher.example",
                &["domain.label_invalid", "domain.non_ascii"],
            ),
            // duplicates
            ("a.com,A.COM", &["domain.duplicate"]),
            ("a.com,b.com,a.com", &["domain.duplicate"]),
            (
                "a..com,a..com",
                &[
                    "domain.duplicate",
                    "domain.label_invalid",
                    "domain.label_invalid",
                ],
            ),
        ];
        for (text, want) in table {
            let mut want: Vec<&str> = want.to_vec();
            want.sort_unstable();
            assert_eq!(rules_for(text), want, "field {text:?}");
        }
    }

    #[test]
    fn severities_and_returned_names() {
        let (out, names) = field("a.com,A.com,b..com,c.com");
        assert_eq!(names, vec!["a.com", "c.com"]);
        assert_eq!(
            kinds(&out),
            vec![
                ("domain.duplicate".to_string(), Severity::Warning),
                ("domain.label_invalid".to_string(), Severity::Error),
            ]
        );
        assert!(out[0].message.contains("entry 2"), "{}", out[0].message);
        assert!(out[0].message.contains("entry 1"), "{}", out[0].message);
        assert!(
            out[1].message.starts_with("entry 3, \"b..com\": "),
            "{}",
            out[1].message
        );

        // Whitespace is reported, yet the trimmed name goes on to coverage.
        let (out, names) = field("a.com, b.com");
        assert_eq!(names, vec!["a.com", "b.com"]);
        assert!(
            out[0].message.contains("remove the space"),
            "{}",
            out[0].message
        );

        // Invalid names are not returned.
        let (_, names) = field("*.a.com,a*.b.com,bücher.example,-x.com");
        assert_eq!(names, vec!["*.a.com"]);
    }

    #[test]
    fn one_problem_one_diagnostic() {
        // `*` is not also called a bad character; `*.` is not also an empty label.
        for text in ["*", "*.", "a*.x.com", "*.*.com"] {
            assert_eq!(rules_for(text), vec!["domain.wildcard_invalid"], "{text:?}");
        }
        // Two bad labels of the same kind: one diagnostic.
        assert_eq!(rules_for("-a.-b.com"), vec!["domain.label_invalid"]);
        assert_eq!(
            rules_for(&format!("{0}.{0}.com", "a".repeat(64))),
            vec!["domain.label_too_long"]
        );
        // Non-ASCII letters are not also bad characters.
        assert_eq!(rules_for("bücher.example"), vec!["domain.non_ascii"]);
    }

    #[test]
    fn wildcard_messages() {
        let (out, _) = field("a.*.com");
        assert!(out[0].message.contains("label 2"), "{}", out[0].message);
        assert!(out[0].message.contains("*.test.com"), "{}", out[0].message);
    }

    #[test]
    fn name_count_boundary() {
        let names = |n: usize| {
            (0..n)
                .map(|i| format!("h{i}.test.com"))
                .collect::<Vec<_>>()
                .join(",")
        };
        assert_eq!(rules_for(&names(30)), Vec::<&str>::new());
        assert_eq!(rules_for(&names(31)), vec!["domain.too_many"]);
        let (out, got) = field(&names(31));
        assert!(out[0].message.contains("31"), "{}", out[0].message);
        assert_eq!(got.len(), 31);
        // Empty entries do not count as names.
        assert_eq!(
            rules_for(&format!("{},", names(30))),
            vec!["domain.empty_entry"]
        );
    }

    #[test]
    fn label_length_boundary() {
        let at = format!("{}.com", "a".repeat(63));
        let over = format!("{}.com", "a".repeat(64));
        assert_eq!(rules_for(&at), Vec::<&str>::new());
        assert_eq!(rules_for(&over), vec!["domain.label_too_long"]);
        let (out, names) = field(&over);
        assert!(names.is_empty());
        assert!(out[0].message.contains("64"), "{}", out[0].message);
        // Characters, not bytes: 63 non-ASCII characters are not too long.
        let wide = format!("{}.com", "é".repeat(63));
        assert_eq!(rules_for(&wide), vec!["domain.non_ascii"]);
        let wider = format!("{}.com", "é".repeat(64));
        assert_eq!(
            rules_for(&wider),
            vec!["domain.label_too_long", "domain.non_ascii"]
        );
    }

    #[test]
    fn name_length_boundary() {
        assert_eq!(rules_for(&name_of(253)), Vec::<&str>::new());
        let (out, names) = field(&name_of(254));
        assert_eq!(
            kinds(&out),
            vec![("domain.too_long".to_string(), Severity::Warning)]
        );
        // A warning only: the name is still returned.
        assert_eq!(names.len(), 1);
    }

    #[test]
    fn field_length_boundary() {
        let table: &[(usize, usize, Option<Severity>)] = &[
            (1_024, 4, None),
            (1_025, 5, Some(Severity::Warning)),
            (10_000, 30, Some(Severity::Warning)),
            (10_001, 30, Some(Severity::Error)),
        ];
        for &(len, count, want) in table {
            let text = field_of(len, count);
            let (out, names) = field(&text);
            let got: Vec<Severity> = out
                .iter()
                .filter(|d| d.rule == "domain.field_too_long")
                .map(|d| d.severity)
                .collect();
            assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "length {len}");
            // Everything else is only the names' own length warning.
            assert!(
                out.iter()
                    .all(|d| d.rule == "domain.field_too_long" || d.rule == "domain.too_long"),
                "length {len}: {out:?}"
            );
            assert_eq!(names.len(), count, "length {len}");
        }
        let (out, _) = field(&field_of(10_001, 30));
        assert!(out[0].message.contains("10,000"), "{}", out[0].message);
        assert!(out[0].message.contains("1,024"), "{}", out[0].message);
        let (out, _) = field(&field_of(1_025, 5));
        assert!(out[0].message.contains("10,000"), "{}", out[0].message);
    }

    fn listed(names: &[&str]) -> Vec<CheckedName> {
        names
            .iter()
            .enumerate()
            .map(|(i, n)| CheckedName {
                name: n.to_string(),
                path: format!("/domains/{i}/domain"),
            })
            .collect()
    }

    #[test]
    fn list_form() {
        let mut out = Vec::new();
        let got = check_domain_list(
            &listed(&["a.com", "b..com", "A.com", "", " c.com", "*.x.com"]),
            &mut out,
        );
        let summary: Vec<(&str, &str)> = out
            .iter()
            .map(|d| (d.rule.as_str(), d.path.as_str()))
            .collect();
        assert_eq!(
            summary,
            vec![
                ("domain.label_invalid", "/domains/1/domain"),
                ("domain.duplicate", "/domains/2/domain"),
                ("domain.empty_entry", "/domains/3/domain"),
                ("domain.label_invalid", "/domains/4/domain"),
            ]
        );
        assert!(out[1].message.contains("entry 0"), "{}", out[1].message);
        assert!(
            out[1].message.contains("/domains/0/domain"),
            "{}",
            out[1].message
        );
        let got: Vec<(&str, &str)> = got
            .iter()
            .map(|n| (n.name.as_str(), n.path.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                ("a.com", "/domains/0/domain"),
                ("c.com", "/domains/4/domain"),
                ("*.x.com", "/domains/5/domain"),
            ]
        );
    }

    #[test]
    fn list_count_boundary() {
        let make = |n: usize| (0..n).map(|i| format!("h{i}.a.com")).collect::<Vec<_>>();
        let thirty = make(30);
        let refs: Vec<&str> = thirty.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        check_domain_list(&listed(&refs), &mut out);
        assert!(out.is_empty(), "{out:?}");

        let many = make(33);
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        check_domain_list(&listed(&refs), &mut out);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rule, "domain.too_many");
        assert_eq!(out[0].path, "/domains/30/domain");
        assert!(out[0].message.contains("33"), "{}", out[0].message);
    }

    fn cert(dns: &[&str], cn: Option<&str>) -> CertificateNames {
        CertificateNames {
            dns: dns.iter().map(|s| s.to_string()).collect(),
            common_name: cn.map(str::to_string),
        }
    }

    fn uncovered(names: &[&str], certificate: &CertificateNames) -> Vec<String> {
        let mut out = Vec::new();
        check_coverage(&listed(names), certificate, &mut out);
        for d in &out {
            assert_eq!(d.rule, "domain.not_covered");
            assert_eq!(d.severity, Severity::Error);
        }
        out.iter().map(|d| d.path.clone()).collect()
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

    #[test]
    fn coverage_common_name() {
        // CN only when there is no DNS SAN.
        assert!(uncovered(&["cn.com"], &cert(&[], Some("CN.com"))).is_empty());
        assert_eq!(
            uncovered(&["cn.com"], &cert(&["san.com"], Some("cn.com"))),
            vec!["/domains/0/domain"]
        );
        assert!(uncovered(&["x.cn.com"], &cert(&[], Some("*.cn.com"))).is_empty());
        // Nothing at all.
        let mut out = Vec::new();
        check_coverage(&listed(&["a.com"]), &CertificateNames::default(), &mut out);
        assert_eq!(out.len(), 1);
        assert!(out[0].message.contains("no DNS name"), "{}", out[0].message);
    }

    #[test]
    fn coverage_message_lists_names() {
        let many: Vec<String> = (0..8).map(|i| format!("n{i}.a.com")).collect();
        let refs: Vec<&str> = many.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        check_coverage(&listed(&["z.com"]), &cert(&refs, None), &mut out);
        let m = &out[0].message;
        assert!(m.starts_with("\"z.com\" is not covered"), "{m}");
        assert!(m.contains("\"n4.a.com\""), "{m}");
        assert!(!m.contains("n5.a.com"), "{m}");
        assert!(m.contains("and 3 more"), "{m}");

        let mut out = Vec::new();
        check_coverage(&listed(&["a.com"]), &cert(&["*.a.com"], None), &mut out);
        assert!(
            out[0].message.contains("exactly one label"),
            "{}",
            out[0].message
        );
    }

    #[test]
    fn punycode_in_message() {
        let (out, _) = field("Bücher.example");
        assert_eq!(out.len(), 1);
        assert!(
            out[0].message.contains("\"xn--bcher-kva.example\""),
            "{}",
            out[0].message
        );
        assert_eq!(
            punycode_name(&["bücher", "example"]).as_deref(),
            Some("xn--bcher-kva.example")
        );
        assert_eq!(
            punycode_name(&["MÜNCHEN", "de"]).as_deref(),
            Some("xn--mnchen-3ya.de")
        );
    }

    /// RFC 3492 section 7.1 sample strings. The RFC marks case in the encoded digits of (I)
    /// with uppercase letters; this encoder writes digits in lowercase, so (I) is compared in
    /// lowercase. Basic code points keep their case.
    #[test]
    fn punycode_rfc3492_samples() {
        let samples: &[(&str, &str)] = &[
            // (A) Arabic (Egyptian)
            (
                "\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\
                 \u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}",
                "egbpdaj6bu4bxfgehfvwxn",
            ),
            // (B) Chinese (simplified)
            (
                "\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}",
                "ihqwcrb4cv8a8dqg056pqjye",
            ),
            // (C) Chinese (traditional)
            (
                "\u{4ED6}\u{5011}\u{7232}\u{4EC0}\u{9EBD}\u{4E0D}\u{8AAA}\u{4E2D}\u{6587}",
                "ihqwctvzc91f659drss3x8bo0yb",
            ),
            // (D) Czech
            (
                "\u{0050}\u{0072}\u{006F}\u{010D}\u{0070}\u{0072}\u{006F}\u{0073}\u{0074}\
                 \u{011B}\u{006E}\u{0065}\u{006D}\u{006C}\u{0075}\u{0076}\u{00ED}\u{010D}\
                 \u{0065}\u{0073}\u{006B}\u{0079}",
                "Proprostnemluvesky-uyb24dma41a",
            ),
            // (E) Hebrew
            (
                "\u{05DC}\u{05DE}\u{05D4}\u{05D4}\u{05DD}\u{05E4}\u{05E9}\u{05D5}\u{05D8}\
                 \u{05DC}\u{05D0}\u{05DE}\u{05D3}\u{05D1}\u{05E8}\u{05D9}\u{05DD}\u{05E2}\
                 \u{05D1}\u{05E8}\u{05D9}\u{05EA}",
                "4dbcagdahymbxekheh6e0a7fei0b",
            ),
            // (F) Hindi (Devanagari)
            (
                "\u{092F}\u{0939}\u{0932}\u{094B}\u{0917}\u{0939}\u{093F}\u{0928}\u{094D}\
                 \u{0926}\u{0940}\u{0915}\u{094D}\u{092F}\u{094B}\u{0902}\u{0928}\u{0939}\
                 \u{0940}\u{0902}\u{092C}\u{094B}\u{0932}\u{0938}\u{0915}\u{0924}\u{0947}\
                 \u{0939}\u{0948}\u{0902}",
                "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd",
            ),
            // (G) Japanese (kanji and hiragana)
            (
                "\u{306A}\u{305C}\u{307F}\u{3093}\u{306A}\u{65E5}\u{672C}\u{8A9E}\u{3092}\
                 \u{8A71}\u{3057}\u{3066}\u{304F}\u{308C}\u{306A}\u{3044}\u{306E}\u{304B}",
                "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa",
            ),
            // (H) Korean (Hangul syllables)
            (
                "\u{C138}\u{ACC4}\u{C758}\u{BAA8}\u{B4E0}\u{C0AC}\u{B78C}\u{B4E4}\u{C774}\
                 \u{D55C}\u{AD6D}\u{C5B4}\u{B97C}\u{C774}\u{D574}\u{D55C}\u{B2E4}\u{BA74}\
                 \u{C5BC}\u{B9C8}\u{B098}\u{C88B}\u{C744}\u{AE4C}",
                "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c",
            ),
            // (I) Russian (Cyrillic): the RFC writes "b1abfaaepdrnnbgefbaDotcwatmq2g4l".
            (
                "\u{043F}\u{043E}\u{0447}\u{0435}\u{043C}\u{0443}\u{0436}\u{0435}\u{043E}\
                 \u{043D}\u{0438}\u{043D}\u{0435}\u{0433}\u{043E}\u{0432}\u{043E}\u{0440}\
                 \u{044F}\u{0442}\u{043F}\u{043E}\u{0440}\u{0443}\u{0441}\u{0441}\u{043A}\
                 \u{0438}",
                "b1abfaaepdrnnbgefbadotcwatmq2g4l",
            ),
            // (J) Spanish
            (
                "\u{0050}\u{006F}\u{0072}\u{0071}\u{0075}\u{00E9}\u{006E}\u{006F}\u{0070}\
                 \u{0075}\u{0065}\u{0064}\u{0065}\u{006E}\u{0073}\u{0069}\u{006D}\u{0070}\
                 \u{006C}\u{0065}\u{006D}\u{0065}\u{006E}\u{0074}\u{0065}\u{0068}\u{0061}\
                 \u{0062}\u{006C}\u{0061}\u{0072}\u{0065}\u{006E}\u{0045}\u{0073}\u{0070}\
                 \u{0061}\u{00F1}\u{006F}\u{006C}",
                "PorqunopuedensimplementehablarenEspaol-fmd56a",
            ),
            // (K) Vietnamese
            (
                "\u{0054}\u{1EA1}\u{0069}\u{0073}\u{0061}\u{006F}\u{0068}\u{1ECD}\u{006B}\
                 \u{0068}\u{00F4}\u{006E}\u{0067}\u{0074}\u{0068}\u{1EC3}\u{0063}\u{0068}\
                 \u{1EC9}\u{006E}\u{00F3}\u{0069}\u{0074}\u{0069}\u{1EBF}\u{006E}\u{0067}\
                 \u{0056}\u{0069}\u{1EC7}\u{0074}",
                "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g",
            ),
            // (L) 3<nen>B<gumi><kinpachi><sensei>
            (
                "\u{0033}\u{5E74}\u{0042}\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}",
                "3B-ww4c5e180e575a65lsy2b",
            ),
            // (M) <amuro><namie>-with-SUPER-MONKEYS
            (
                "\u{5B89}\u{5BA4}\u{5948}\u{7F8E}\u{6075}\u{002D}\u{0077}\u{0069}\u{0074}\
                 \u{0068}\u{002D}\u{0053}\u{0055}\u{0050}\u{0045}\u{0052}\u{002D}\u{004D}\
                 \u{004F}\u{004E}\u{004B}\u{0045}\u{0059}\u{0053}",
                "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",
            ),
            // (N) Hello-Another-Way-<sorezore><no><basho>
            (
                "\u{0048}\u{0065}\u{006C}\u{006C}\u{006F}\u{002D}\u{0041}\u{006E}\u{006F}\
                 \u{0074}\u{0068}\u{0065}\u{0072}\u{002D}\u{0057}\u{0061}\u{0079}\u{002D}\
                 \u{305D}\u{308C}\u{305E}\u{308C}\u{306E}\u{5834}\u{6240}",
                "Hello-Another-Way--fc4qua05auwb3674vfr0b",
            ),
            // (O) <hitotsu><yane><no><shita>2
            (
                "\u{3072}\u{3068}\u{3064}\u{5C4B}\u{6839}\u{306E}\u{4E0B}\u{0032}",
                "2-u9tlzr9756bt3uc0v",
            ),
            // (P) Maji<de>Koi<suru>5<byou><mae>
            (
                "\u{004D}\u{0061}\u{006A}\u{0069}\u{3067}\u{004B}\u{006F}\u{0069}\u{3059}\
                 \u{308B}\u{0035}\u{79D2}\u{524D}",
                "MajiKoi5-783gue6qz075azm5e",
            ),
            // (Q) <pafii>de<runba>
            (
                "\u{30D1}\u{30D5}\u{30A3}\u{30FC}\u{0064}\u{0065}\u{30EB}\u{30F3}\u{30D0}",
                "de-jg4avhby1noc0d",
            ),
            // (R) <sono><supiido><de>
            (
                "\u{305D}\u{306E}\u{30B9}\u{30D4}\u{30FC}\u{30C9}\u{3067}",
                "d9juau41awczczp",
            ),
            // (S) -> $1.00 <- (all basic: copied, then the delimiter)
            (
                "\u{002D}\u{003E}\u{0020}\u{0024}\u{0031}\u{002E}\u{0030}\u{0030}\u{0020}\
                 \u{003C}\u{002D}",
                "-> $1.00 <--",
            ),
        ];
        for (input, want) in samples {
            assert_eq!(punycode_encode(input).as_deref(), Some(*want), "{want}");
        }
        assert_eq!(punycode_encode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(punycode_encode("").as_deref(), Some(""));
    }

    #[test]
    fn never_panics_on_odd_input() {
        let odd = [
            "\u{10FFFF}".repeat(3_000),
            ('\u{80}'..='\u{D7FF}').collect::<String>(),
            "\u{0}.\u{7F}.com".to_string(),
            "é".repeat(20_000),
            ",".repeat(50),
            ".".repeat(300),
            "*".repeat(100),
            "a\u{301}.b\u{200D}.c".to_string(),
            "\u{3000}a.com\u{3000}".to_string(),
            "xn--.-.--.*-.-*".to_string(),
        ];
        for text in &odd {
            let mut out = Vec::new();
            let names = check_domain_field(text, PATH, &mut out);
            let list = listed(&[text.as_str()]);
            let more = check_domain_list(&list, &mut out);
            check_coverage(
                &names.into_iter().chain(more).collect::<Vec<_>>(),
                &cert(&[text.as_str(), "*", "", "*."], Some(text.as_str())),
                &mut out,
            );
            for d in &out {
                assert!(d.message.chars().count() < 1_000, "{}", d.message);
            }
        }
    }
}
