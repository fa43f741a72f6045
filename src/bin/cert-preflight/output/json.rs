//! `--format json`: the library's own serde form of each value, so the command line prints
//! exactly what the Rust types, the npm package and the Python package give. The one JSON
//! serializer of the command line: pretty for a command's one result, one line per record
//! for `scan` (JSON Lines).

use cert_preflight::{Explanation, FingerprintReport, OperationInfo, Report, Rule};
use serde::Serialize;

use super::{CheckedFile, Render, ScanRender, Split, SweepEntry, Totals};
use crate::input::CliError;

/// Pretty JSON of any serializable value, and a newline.
pub(crate) fn pretty<T: Serialize + ?Sized>(value: &T) -> Result<String, CliError> {
    finish(serde_json::to_string_pretty(value))
}

/// One line of JSON (a JSON Lines record), and a newline.
fn line<T: Serialize + ?Sized>(value: &T) -> Result<String, CliError> {
    finish(serde_json::to_string(value))
}

fn finish(text: serde_json::Result<String>) -> Result<String, CliError> {
    text.map(|mut s| {
        s.push('\n');
        s
    })
    .map_err(|e| CliError {
        what: format!("cannot write JSON: {e}"),
        context: None,
    })
}

/// The commands that print one result.
pub(crate) struct Json;

impl Render for Json {
    fn report(&self, report: &Report, _fix_hint: bool) -> Result<String, CliError> {
        pretty(report)
    }

    /// A JSON array of the reports (the headings are the human form's).
    fn reports(&self, reports: &[(String, &Report)]) -> Result<String, CliError> {
        let all: Vec<&Report> = reports.iter().map(|(_, r)| *r).collect();
        pretty(&all)
    }

    fn rules(&self, rules: &[Rule]) -> Result<String, CliError> {
        pretty(rules)
    }

    fn operations(&self, operations: &[OperationInfo]) -> Result<String, CliError> {
        pretty(operations)
    }

    fn explanation(&self, explanation: &Explanation) -> Result<String, CliError> {
        pretty(explanation)
    }

    /// The whole fingerprint report (fingerprints and diagnostics) on stdout.
    fn fingerprints(&self, report: &FingerprintReport) -> Result<Split, CliError> {
        Ok(Split {
            stdout: pretty(report)?,
            stderr: String::new(),
        })
    }
}

/// `scan --format json`: JSON Lines, one record per file, then nothing.
pub(crate) struct JsonLines;

/// A report with the file it came from: `file` first, then the report's own fields exactly
/// as `cert --format json` has them.
#[derive(Serialize)]
struct FileRecord<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_file: Option<&'a str>,
    #[serde(flatten)]
    report: &'a Report,
}

impl ScanRender for JsonLines {
    fn file(&mut self, file: &CheckedFile, _rules: &[Rule]) -> Result<String, CliError> {
        line(&FileRecord {
            file: &file.file,
            key_file: file.key_file.as_deref(),
            report: &file.report,
        })
    }

    /// Nothing: a JSON Lines consumer counts the records itself.
    fn finish(&mut self, _totals: &Totals, _unreadable: &[(String, String)]) -> String {
        String::new()
    }

    /// One record per certificate.
    fn sweep(&self, entries: &[SweepEntry], _days: u32) -> Result<String, CliError> {
        entries.iter().map(line).collect()
    }
}
