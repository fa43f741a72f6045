//! `--format human`: text for a person at a terminal. A report is one line per diagnostic,
//! the certificate's facts and a summary (`report.rs`); listings are aligned tables
//! (`tables.rs`); `scan` writes a block per file and a summary table (`scan.rs`).
//!
//! Text is built with ANSI styles embedded; the caller writes it through `anstream`, which
//! strips them when stdout is not a terminal or `NO_COLOR` is set. Text from the input
//! (messages can quote it) is escaped so it cannot drive the terminal.

mod report;
mod scan;
mod tables;

use anstyle::{AnsiColor, Style};
use cert_preflight::{Explanation, FingerprintReport, OperationInfo, Report, Rule, Severity};

use super::{CheckedFile, Render, ScanRender, Split, SweepEntry, Totals};
use crate::input::CliError;

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();

/// The style of a severity's name.
pub(crate) fn severity_style(severity: Severity) -> Style {
    match severity {
        Severity::Error => AnsiColor::Red.on_default().bold(),
        Severity::Warning => AnsiColor::Yellow.on_default().bold(),
        // Info, and any severity a later version adds.
        _ => AnsiColor::Cyan.on_default().bold(),
    }
}

/// `text` wrapped in `style` (reset after).
pub(crate) fn paint(style: Style, text: &str) -> String {
    format!("{style}{text}{style:#}")
}

/// Replaces control characters (escape sequences, newlines) with visible escapes.
pub(crate) fn clean(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// The commands that print one result.
pub(crate) struct Human;

impl Render for Human {
    fn report(&self, report: &Report, fix_hint: bool) -> Result<String, CliError> {
        Ok(report::report(report, fix_hint))
    }

    /// Each report under `document N (name):`.
    fn reports(&self, reports: &[(String, &Report)]) -> Result<String, CliError> {
        Ok(reports
            .iter()
            .map(|(heading, r)| format!("{heading}:\n{}", report::report(r, false)))
            .collect())
    }

    fn rules(&self, rules: &[Rule]) -> Result<String, CliError> {
        Ok(tables::rules(rules))
    }

    fn operations(&self, operations: &[OperationInfo]) -> Result<String, CliError> {
        Ok(tables::operations(operations))
    }

    fn explanation(&self, explanation: &Explanation) -> Result<String, CliError> {
        Ok(tables::explanation(explanation))
    }

    /// One fingerprint per line on stdout; the diagnostics on stderr.
    fn fingerprints(&self, report: &FingerprintReport) -> Result<Split, CliError> {
        Ok(Split {
            stdout: report
                .fingerprints
                .iter()
                .map(|f| format!("{f}\n"))
                .collect(),
            stderr: report
                .report
                .diagnostics
                .iter()
                .map(|d| format!("{}\n", report::diagnostic_line(d)))
                .collect(),
        })
    }
}

/// `scan --format human`.
pub(crate) struct HumanScan {
    /// The `cert.expires_soon` window the summary table names.
    pub expiry_days: u32,
}

impl ScanRender for HumanScan {
    fn styled(&self) -> bool {
        true
    }

    fn file(&mut self, file: &CheckedFile, _rules: &[Rule]) -> Result<String, CliError> {
        Ok(scan::file_block(file))
    }

    fn finish(&mut self, totals: &Totals, _unreadable: &[(String, String)]) -> String {
        scan::summary_table(totals, self.expiry_days)
    }

    fn sweep(&self, entries: &[SweepEntry], days: u32) -> Result<String, CliError> {
        Ok(scan::sweep_table(entries, days))
    }
}
