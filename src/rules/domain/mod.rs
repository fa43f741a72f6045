//! Domain-name rules (seed 003's `domain` field, seed 002's `domains[].domain`) and RFC 6125
//! coverage of each name by the leaf certificate.
//!
//! A name is checked as the seed describes it: labels of 1 to 63 ASCII letters, digits and
//! hyphens that start and end with a letter or digit, or a wildcard name whose whole leftmost
//! label is `*` (`*.test.com`). A Unicode name is an error; its punycode (`xn--`) form is
//! suggested, computed per label after lowercasing with the RFC 3492 encoder (name.rs). Full
//! UTS 46 mapping (width folding, `ß` and other deviations, disallowed code points) is not
//! applied, so the suggestion is right for ordinary lowercase-able names only. A label with a
//! capital sigma `Σ` gets the general punycode advice (see `name::punycode_name`).
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
use crate::text::case::lowercase;
use crate::text::quote;

mod coverage;
mod ip_address;
mod name;

pub(crate) use coverage::check_coverage;
use name::{check_name, Subject, SHOWN_CHARS};

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

#[cfg(test)]
mod tests;
