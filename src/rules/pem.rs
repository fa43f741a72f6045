//! PEM text rules: size limits, malformed blocks, stray text, line widths, blank lines, and
//! blocks of the wrong kind. Messages name lines and labels, never content.

use crate::catalog::{
    PEM_BLANK_LINE, PEM_KEY_TOO_LARGE, PEM_LINE_LENGTH, PEM_MALFORMED, PEM_STRAY_TEXT,
    PEM_TOO_LARGE, PEM_UNEXPECTED_BLOCK,
};
use crate::findings::Findings;
use crate::input::pem::shown_label;
use crate::input::pem::PemIssue;
use crate::model::ForeignBlock;
use crate::report::Severity;
use crate::text::{list_numbers, plural, quote, QUOTE_CHARS};

/// Seed 003: "Maximum 65,536 character length is allowed" for the certificate field.
pub(crate) const MAX_CERTIFICATE_CHARS: usize = 65_536;
/// Seed 003: "Maximum 8,192 character length is allowed" for the private key field.
pub(crate) const MAX_KEY_CHARS: usize = 8_192;

/// Which field the text came from: decides the rule and the wording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FieldKind {
    Certificate,
    PrivateKey,
}

/// What a size limit counts: the seeds count characters, some providers count bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SizeUnit {
    Characters,
    Bytes,
}

/// A field's size limit as one provider documents it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SizeLimit {
    /// The largest size allowed (inclusive).
    pub max: usize,
    /// What `max` counts.
    pub unit: SizeUnit,
    /// Error: over it, the field is not read further. Warning: said, and the field is read.
    pub severity: Severity,
    /// Which source the limit follows where the provider's sources disagree (its SDK model
    /// and its prose documents), said in the message: the user who reads the other source
    /// learns why this one is applied.
    pub follows: Option<&'static str>,
}

impl SizeLimit {
    /// Seed 003's certificate field limit.
    pub(crate) const SEED_CERTIFICATE: SizeLimit = SizeLimit::characters(MAX_CERTIFICATE_CHARS);
    /// Seed 003's private key field limit.
    pub(crate) const SEED_KEY: SizeLimit = SizeLimit::characters(MAX_KEY_CHARS);

    /// At most `max` characters; an error over it.
    pub(crate) const fn characters(max: usize) -> SizeLimit {
        SizeLimit {
            max,
            unit: SizeUnit::Characters,
            severity: Severity::Error,
            follows: None,
        }
    }

    /// At most `max` bytes; an error over it.
    pub(crate) const fn bytes(max: usize) -> SizeLimit {
        SizeLimit {
            max,
            unit: SizeUnit::Bytes,
            severity: Severity::Error,
            follows: None,
        }
    }

    /// The same limit, saying which source it follows where the sources disagree, e.g. "the
    /// API reference's 5 KB; botocore's model says 8,192".
    pub(crate) const fn follows(self, source: &'static str) -> SizeLimit {
        SizeLimit {
            follows: Some(source),
            ..self
        }
    }

    /// The same limit, said as a warning (the provider's rejection is unverified).
    pub(crate) const fn warning(self) -> SizeLimit {
        SizeLimit {
            severity: Severity::Warning,
            ..self
        }
    }
}

/// `pem.too_large` / `pem.key_too_large`, checked before any parsing. True when over a limit
/// that stops reading.
pub(crate) fn check_size(
    text: &str,
    kind: FieldKind,
    limit: SizeLimit,
    path: &str,
    out: &mut Findings,
) -> bool {
    let (rule, what) = match kind {
        FieldKind::Certificate => (&PEM_TOO_LARGE, "certificate field"),
        FieldKind::PrivateKey => (&PEM_KEY_TOO_LARGE, "private key field"),
    };
    // A text of at most `max` bytes has at most `max` characters: count only longer ones.
    if text.len() <= limit.max {
        return false;
    }
    let (size, unit) = match limit.unit {
        SizeUnit::Bytes => (text.len(), "bytes"),
        SizeUnit::Characters => (text.chars().count(), "characters"),
    };
    if size <= limit.max {
        return false;
    }
    let stops = limit.severity == Severity::Error;
    let then = if stops {
        ", so it was not read further"
    } else {
        ""
    };
    let source = limit
        .follows
        .map(|source| format!(" (as {source})"))
        .unwrap_or_default();
    out.emit_as(
        rule,
        limit.severity,
        path,
        format!(
            "the {what} has {size} {unit}; at most {} are allowed{source}{then}",
            limit.max
        ),
    );
    stops
}

/// Turns scanner issues into diagnostics. Line-width and blank-line findings are grouped per
/// field so a 76-column bundle gives one diagnostic, not forty.
///
/// Stray text is quoted only from the certificate field: nothing of a key field is echoed.
pub(crate) fn issues_to_diagnostics(
    issues: &[PemIssue],
    kind: FieldKind,
    path: &str,
    out: &mut Findings,
) {
    let mut widths: Vec<(String, usize, usize)> = Vec::new(); // (label, line, length)
    let mut blank_lines = Vec::new();
    for issue in issues {
        match issue {
            PemIssue::Malformed { message, .. } => {
                out.emit(PEM_MALFORMED, path, message.as_str());
            }
            PemIssue::StrayText {
                line,
                lines,
                preview,
            } => {
                let quoted = preview
                    .as_ref()
                    .filter(|_| kind == FieldKind::Certificate)
                    .map(|p| format!(" ({})", quote(p, QUOTE_CHARS + 1)))
                    .unwrap_or_default();
                let extent = if *lines == 1 {
                    format!("line {line}")
                } else {
                    format!("{lines} lines from line {line}")
                };
                out.emit(
                    PEM_STRAY_TEXT,
                    path,
                    format!(
                        "Text outside the PEM blocks at {extent}{quoted}; only BEGIN/END blocks are allowed (remove it, e.g. \"Bag Attributes\" from a PKCS#12 export)"
                    ),
                );
            }
            PemIssue::LineLength {
                line,
                length,
                label,
            } => widths.push((label.clone(), *line, *length)),
            PemIssue::BlankLine { line, .. } => blank_lines.push(*line),
        }
    }
    if let Some((label, first_line, _)) = widths.first() {
        // Distinct lengths, ascending (kept sorted by insertion: no sort code in the wasm).
        let mut distinct: Vec<usize> = Vec::new();
        for &(_, _, length) in &widths {
            if let Err(at) = distinct.binary_search(&length) {
                distinct.insert(at, length);
            }
        }
        let lengths: Vec<String> = distinct.iter().map(usize::to_string).collect();
        out.emit(
            PEM_LINE_LENGTH,
            path,
            format!(
                "{} base64 line{} (the first on line {first_line}, in the {} block) {} {} characters long; the providers ask for 64-character lines (the last line up to 64)",
                widths.len(),
                plural(widths.len()),
                shown_label(label),
                if widths.len() == 1 { "is" } else { "are" },
                crate::text::join(&lengths, " or ")
            ),
        );
    }
    if !blank_lines.is_empty() {
        out.emit(
            PEM_BLANK_LINE,
            path,
            format!(
                "Blank line{} at line{} {}; the providers expect none inside or between PEM blocks",
                plural(blank_lines.len()),
                plural(blank_lines.len()),
                list_numbers(&blank_lines)
            ),
        );
    }
}

/// `pem.unexpected_block` for a block whose kind does not belong in the field. Private key
/// blocks are named but never shown.
pub(crate) fn unexpected_block(
    block: &ForeignBlock,
    kind: FieldKind,
    path: &str,
    out: &mut Findings,
) {
    let lines = format!("lines {}-{}", block.begin_line, block.end_line);
    let message = match kind {
        FieldKind::Certificate if crate::model::is_private_key_label(&block.label) => format!(
            "A private key block ({}, {lines}) is in the certificate field; move it to the private key field (its content is not shown here)",
            shown_label(&block.label)
        ),
        FieldKind::Certificate => format!(
            "A {} block ({lines}) is in the certificate field; only CERTIFICATE blocks belong here",
            shown_label(&block.label)
        ),
        FieldKind::PrivateKey => format!(
            "A {} block ({lines}) is in the private key field; only the private key belongs here",
            shown_label(&block.label)
        ),
    };
    out.emit(PEM_UNEXPECTED_BLOCK, path, message);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_limits_are_in_characters_and_inclusive() {
        let mut out = Findings::new();
        let at_limit = "é".repeat(MAX_KEY_CHARS);
        let key = SizeLimit::SEED_KEY;
        let cert = SizeLimit::SEED_CERTIFICATE;
        assert!(!check_size(
            &at_limit,
            FieldKind::PrivateKey,
            key,
            "/k",
            &mut out
        ));
        let over = "é".repeat(MAX_KEY_CHARS + 1);
        assert!(check_size(
            &over,
            FieldKind::PrivateKey,
            key,
            "/k",
            &mut out
        ));
        assert!(!check_size(
            &"a".repeat(MAX_CERTIFICATE_CHARS),
            FieldKind::Certificate,
            cert,
            "/c",
            &mut out
        ));
        assert!(check_size(
            &"a".repeat(MAX_CERTIFICATE_CHARS + 1),
            FieldKind::Certificate,
            cert,
            "/c",
            &mut out
        ));
        let rules: Vec<_> = out.iter().map(|f| f.rule().id).collect();
        assert_eq!(rules, ["pem.key_too_large", "pem.too_large"]);
    }

    #[test]
    fn byte_limits_count_bytes_and_warnings_keep_reading() {
        let mut out = Findings::new();
        let limit = SizeLimit::bytes(4);
        assert!(!check_size(
            "éé",
            FieldKind::Certificate,
            limit,
            "/c",
            &mut out
        ));
        assert!(check_size(
            "ééa",
            FieldKind::Certificate,
            limit,
            "/c",
            &mut out
        ));
        assert!(!check_size(
            "ééa",
            FieldKind::Certificate,
            limit.warning(),
            "/c",
            &mut out
        ));
        let said: Vec<_> = out
            .diagnostics()
            .into_iter()
            .map(|d| (d.severity, d.message))
            .collect();
        assert_eq!(said.len(), 2);
        assert!(said[0].1.contains("5 bytes; at most 4"), "{said:?}");
        assert_eq!(said[1].0, Severity::Warning);
    }

    /// A block in the wrong field is named by its kind: a key block in the certificate field is
    /// a key (never shown), anything else there is "only CERTIFICATE blocks" (cargo-mutants found
    /// the guard between the two unpinned: docs/mutants.md).
    #[test]
    fn a_block_in_the_wrong_field_is_named_by_its_kind() {
        let cases = [
            ("PRIVATE KEY", FieldKind::Certificate, "A private key block (PRIVATE KEY, lines 3-9) is in the certificate field"),
            ("EC PRIVATE KEY", FieldKind::Certificate, "A private key block (EC PRIVATE KEY, lines 3-9)"),
            ("CERTIFICATE REQUEST", FieldKind::Certificate, "A CERTIFICATE REQUEST block (lines 3-9) is in the certificate field; only CERTIFICATE blocks belong here"),
            ("X509 CRL", FieldKind::Certificate, "only CERTIFICATE blocks belong here"),
            ("CERTIFICATE", FieldKind::PrivateKey, "A CERTIFICATE block (lines 3-9) is in the private key field"),
        ];
        for (label, kind, want) in cases {
            let mut out = Findings::new();
            let block = ForeignBlock {
                label: label.to_string(),
                begin_line: 3,
                end_line: 9,
            };
            unexpected_block(&block, kind, "/f", &mut out);
            let said = out.diagnostics();
            assert_eq!(said.len(), 1, "{label}");
            assert!(
                said[0].message.contains(want),
                "{label}: {}",
                said[0].message
            );
            let is_key = label.contains("PRIVATE KEY") && kind == FieldKind::Certificate;
            assert_eq!(
                said[0].message.contains("private key block"),
                is_key,
                "{label}"
            );
        }
    }
}
