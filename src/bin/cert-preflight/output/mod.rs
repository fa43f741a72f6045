//! The command line's output layer: every command hands what it found to a renderer and
//! writes the text through here, so the commands import output downward and no command knows
//! a format.
//!
//! One renderer per format, each in its own module: `human` (readable, coloured on a
//! terminal), `json` (the one JSON serializer: pretty for one result, JSON Lines for `scan`)
//! and `sarif` (SARIF 2.1.0, `scan` alone). A format is registered here: its variant in
//! [`Format`] or [`ScanFormat`] (clap offers exactly these values, so `--format sarif` outside
//! `scan` is refused by clap) and its arm in [`renderer`] or [`scan_renderer`].

mod human;
mod json;
mod sarif;
mod scan;

use std::io::Write as _;

use cert_preflight::{Explanation, FingerprintReport, OperationInfo, Report, Rule, Severity};

use crate::input::CliError;

pub(crate) use human::{clean, paint, severity_style};
pub(crate) use json::pretty as to_json;
pub(crate) use scan::{sort_sweep, sweep_entries, CheckedFile, SweepEntry, Totals};

/// Output format of the commands that print one result.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum Format {
    /// One line per diagnostic, a facts block and a summary.
    Human,
    /// Exactly the report's JSON (the same as the npm package and the Rust type).
    Json,
}

/// Output format of `scan`, the one command that also writes SARIF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub(crate) enum ScanFormat {
    /// One block per file and a summary table.
    Human,
    /// JSON Lines, one report per file with its `file` path.
    Json,
    /// SARIF 2.1.0, for code scanning UIs.
    Sarif,
}

/// How one format writes each kind of result the commands print.
pub(crate) trait Render {
    /// One report; `fix_hint`: say that `--fix` would write the normalized bundle.
    fn report(&self, report: &Report, fix_hint: bool) -> Result<String, CliError>;
    /// Several reports of one file (a YAML manifest's Secrets), each with its heading.
    fn reports(&self, reports: &[(String, &Report)]) -> Result<String, CliError>;
    /// The rule listing (the catalogue, or as one operation reports it).
    fn rules(&self, rules: &[Rule]) -> Result<String, CliError>;
    /// The supported operations.
    fn operations(&self, operations: &[OperationInfo]) -> Result<String, CliError>;
    /// What a provider's answer means.
    fn explanation(&self, explanation: &Explanation) -> Result<String, CliError>;
    /// Fingerprints: what goes to stdout, and what goes to stderr (the human form keeps
    /// stdout to one fingerprint per line so that it pipes cleanly).
    fn fingerprints(&self, report: &FingerprintReport) -> Result<Split, CliError>;
}

/// Text for stdout and text for stderr.
pub(crate) struct Split {
    pub stdout: String,
    pub stderr: String,
}

/// How one format writes `scan`: written as the files are checked, so memory does not grow
/// with their number.
pub(crate) trait ScanRender {
    /// Whether the text carries ANSI styles (stripped when stdout is not a colour terminal);
    /// otherwise its bytes pass through untouched.
    fn styled(&self) -> bool {
        false
    }
    /// Whether the format locates diagnostics at the line of their certificate block (the
    /// checker then records each block's line).
    fn wants_block_lines(&self) -> bool {
        false
    }
    /// Why the format cannot list the expiry sweep (`--expiring-within`), if it cannot.
    fn refuses_sweep(&self) -> Option<&'static str> {
        None
    }
    /// What comes before the first file.
    fn start(&mut self, _rules: &[Rule]) -> String {
        String::new()
    }
    /// One checked file.
    fn file(&mut self, file: &CheckedFile, rules: &[Rule]) -> Result<String, CliError>;
    /// What comes after the last file: the totals, and the inputs that could not be read
    /// (each already named on stderr) as (file, what).
    fn finish(&mut self, totals: &Totals, unreadable: &[(String, String)]) -> String;
    /// The expiry sweep's listing, soonest first (never asked of a format that [refuses it](ScanRender::refuses_sweep)).
    fn sweep(&self, entries: &[SweepEntry], days: u32) -> Result<String, CliError>;
}

/// The renderer of `format`.
pub(crate) fn renderer(format: Format) -> &'static dyn Render {
    match format {
        Format::Human => &human::Human,
        Format::Json => &json::Json,
    }
}

/// A fresh renderer of `scan`'s `format`; `expiry_days` is the warning window the human
/// summary names.
pub(crate) fn scan_renderer(format: ScanFormat, expiry_days: u32) -> Box<dyn ScanRender> {
    match format {
        ScanFormat::Human => Box::new(human::HumanScan { expiry_days }),
        ScanFormat::Json => Box::new(json::JsonLines),
        ScanFormat::Sarif => Box::new(sarif::Sarif::default()),
    }
}

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
        paint(anstyle::Style::new().bold(), "cert-preflight: note:"),
        clean(text)
    )
}

/// `cert-preflight: error: <what> (<context>)` and a newline, control characters escaped.
pub(crate) fn error_line(what: &str, context: Option<&str>) -> String {
    let context = context.map(|c| format!(" ({c})")).unwrap_or_default();
    format!(
        "{}: {}{}\n",
        paint(severity_style(Severity::Error), "cert-preflight: error"),
        clean(what),
        clean(&context)
    )
}

/// Prints a report in the chosen format and returns its exit status (0 valid, 1 errors).
pub(crate) fn print_report(
    report: &Report,
    format: Format,
    sink: Sink,
    fix_hint: bool,
) -> Result<u8, CliError> {
    emit(&renderer(format).report(report, fix_hint)?, sink);
    Ok(u8::from(!report.valid))
}
