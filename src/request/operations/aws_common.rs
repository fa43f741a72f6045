//! What the two AWS operations (ACM, IAM) and other PEM-text targets share: reading a string
//! member, and the PEM whitespace rules ACM and Key Vault state.

use serde_json::Value;

use crate::catalog;
use crate::report::Severity;
use crate::request::walk::Walk;
use crate::text::list_numbers;

/// A string member's text, or `None` when absent, null, not a string (the engine said so) or
/// empty. An empty required member is `request.missing_field`; an empty optional one is
/// `request.length` (the models' minimum is 1).
pub(crate) fn text_member<'v>(
    walk: &mut Walk<'_>,
    root: &'v Value,
    name: &str,
    (path, required): (&str, bool),
) -> Option<&'v str> {
    let text = root.get(name)?.as_str()?;
    if !text.trim().is_empty() {
        return Some(text);
    }
    if required {
        walk.emit(
            catalog::REQUEST_MISSING_FIELD,
            path,
            format!("`{name}` is empty; it is required"),
        );
    } else {
        walk.emit(
            catalog::REQUEST_LENGTH,
            path,
            format!("`{name}` is empty; give a value or leave it out"),
        );
    }
    None
}

/// `pem.trailing_whitespace`: spaces or tabs at the end of lines ([ACM-FMT]: "the certificate
/// ... will be invalid"). Line numbers only: a key's text is never shown.
pub(crate) fn check_trailing_whitespace(walk: &mut Walk<'_>, text: &str, path: &str, fixed: bool) {
    let lines: Vec<usize> = text
        .split('\n')
        .enumerate()
        .filter(|(_, line)| {
            let line = line.strip_suffix('\r').unwrap_or(line);
            line.ends_with([' ', '\t'])
        })
        .map(|(i, _)| i + 1)
        .collect();
    if lines.is_empty() {
        return;
    }
    let fix = if fixed {
        "the report's normalized value has none"
    } else {
        "remove them"
    };
    let message = format!(
        "Spaces or tabs at the end of line{} {}; the PEM is refused with them: {fix}",
        if lines.len() == 1 { "" } else { "s" },
        list_numbers(&lines)
    );
    if fixed {
        walk.emit_resolved(catalog::PEM_TRAILING_WHITESPACE, path, message);
    } else {
        walk.emit(catalog::PEM_TRAILING_WHITESPACE, path, message);
    }
}

/// `pem.crlf` with the given severity: CRLF line ends (Key Vault's PEM import fails on them).
pub(crate) fn check_crlf(walk: &mut Walk<'_>, text: &str, path: &str, severity: Severity) -> bool {
    let count = text.matches("\r\n").count();
    if count == 0 {
        return false;
    }
    walk.emit_as(
        catalog::PEM_CRLF, severity,
        path,
        format!(
            "{count} line{} end{} with CRLF (\\r\\n); the import fails with a non-descriptive error: use LF line ends (e.g. `dos2unix FILE.pem`)",
            if count == 1 { "" } else { "s" },
            if count == 1 { "s" } else { "" }
        ),
    );
    true
}
