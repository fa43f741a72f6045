//! Where the command line's output goes and in which format: every command writes through
//! here (`emit` to stdout or stderr, a report in the chosen format, JSON of a library value,
//! a note), so the commands import output downward instead of from `main.rs`. The human
//! format's text is `human.rs`; `scan`'s per-file forms (JSON Lines, SARIF) are `scan/`.

use std::io::Write as _;

use cert_preflight::Report;

use crate::args::Format;
use crate::human;
use crate::input::CliError;

/// Where a command's main output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sink {
    /// Standard output (the normal case).
    Stdout,
    /// Standard error (when stdout carries `--fix -`'s bundle).
    Stderr,
}

/// Writes `text` (ANSI styles stripped unless on a colour terminal). A closed pipe
/// (`| head`) is not an error worth reporting.
pub(crate) fn emit(text: &str, sink: Sink) {
    let _ = match sink {
        Sink::Stdout => anstream::stdout().write_all(text.as_bytes()),
        Sink::Stderr => anstream::stderr().write_all(text.as_bytes()),
    };
}

/// A `cert-preflight: note: ...` line on stderr.
pub(crate) fn note(text: &str) {
    emit(&note_line(text), Sink::Stderr);
}

/// `cert-preflight: note: <text>` and a newline, control characters escaped.
pub(crate) fn note_line(text: &str) -> String {
    format!(
        "{} {}\n",
        human::paint(anstyle::Style::new().bold(), "cert-preflight: note:"),
        human::clean(text)
    )
}

/// Prints a report in the chosen format and returns its exit status (0 valid, 1 errors).
pub(crate) fn print_report(report: &Report, format: Format, sink: Sink, fix_hint: bool) -> u8 {
    match format {
        Format::Json => emit(&format!("{}\n", report.to_json_pretty()), sink),
        Format::Human => emit(&human::report(report, fix_hint), sink),
    }
    u8::from(!report.valid)
}

/// Pretty JSON of any serializable library value (rules, operations, fingerprints).
pub(crate) fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| CliError {
            what: format!("cannot write JSON: {e}"),
            context: None,
        })
}
