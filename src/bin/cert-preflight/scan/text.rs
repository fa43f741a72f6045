//! `scan`'s human and JSON Lines text: one block (or line) per file, the summary table, and
//! the expiry sweep's list.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use cert_preflight::Report;
use serde::Serialize;

use super::check::Checked;
use crate::human::{clean, diagnostic_line, paint, summary};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const RED: Style = AnsiColor::Red.on_default().bold();
const YELLOW: Style = AnsiColor::Yellow.on_default().bold();

/// One file's human block: its path (and key), one line per diagnostic, then its verdict and
/// the leaf's name and expiry.
pub(crate) fn human_block(checked: &Checked) -> String {
    let mut out = paint(BOLD, &clean(&checked.file));
    if let Some(key) = &checked.key_file {
        let _ = write!(out, " {}", paint(DIM, &format!("(key {})", clean(key))));
    }
    out.push('\n');
    for d in &checked.report.diagnostics {
        let _ = writeln!(out, "  {}", diagnostic_line(d));
    }
    let _ = write!(out, "  {}", summary(&checked.report));
    if let Some(leaf) = checked
        .report
        .certificate
        .as_ref()
        .and_then(|c| c.leaf.as_ref())
    {
        let name = leaf.common_name.as_deref().unwrap_or(&leaf.subject);
        let date = leaf.not_after.split('T').next().unwrap_or(&leaf.not_after);
        let _ = write!(
            out,
            "{}",
            paint(
                DIM,
                &format!(
                    " · {}, expires {date} ({})",
                    clean(name),
                    days(leaf.days_remaining)
                )
            )
        );
    }
    out.push_str("\n\n");
    out
}

fn days(left: i64) -> String {
    match left {
        d if d < 0 => format!("{} days ago", -d),
        1 => "1 day left".to_string(),
        d => format!("{d} days left"),
    }
}

/// A report with the file it came from, for JSON Lines: `file` first, then the report's own
/// fields exactly as `cert --format json` has them.
#[derive(Serialize)]
struct FileReport<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    key_file: Option<&'a str>,
    #[serde(flatten)]
    report: &'a Report,
}

/// One JSON Lines record for a checked file.
pub(crate) fn json_line(checked: &Checked) -> String {
    let record = FileReport {
        file: &checked.file,
        key_file: checked.key_file.as_deref(),
        report: &checked.report,
    };
    // Plain strings, numbers and bools: serializing cannot fail.
    let mut line = serde_json::to_string(&record).unwrap_or_default();
    line.push('\n');
    line
}

/// Counts for the summary table.
#[derive(Debug, Default)]
pub(crate) struct Totals {
    /// Certificate files checked.
    pub checked: usize,
    /// Of those, without errors.
    pub valid: usize,
    /// With at least one error.
    pub with_errors: usize,
    /// With at least one warning.
    pub with_warnings: usize,
    /// Whose leaf expires within the warning window (`cert.expires_soon`).
    pub expiring: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
    /// Private keys checked with their certificate.
    pub keys_paired: usize,
    /// Private key files with no certificate to check them with.
    pub keys_alone: usize,
}

impl Totals {
    /// Counts one checked file.
    pub(crate) fn add(&mut self, report: &Report) {
        self.checked += 1;
        if report.valid {
            self.valid += 1;
        } else {
            self.with_errors += 1;
        }
        if report.warnings > 0 {
            self.with_warnings += 1;
        }
        if report.by_rule("cert.expires_soon").next().is_some() {
            self.expiring += 1;
        }
    }
}

/// The summary table printed after the blocks.
pub(crate) fn summary_table(t: &Totals, expiry_days: u32) -> String {
    let expiring = format!("expiring within {expiry_days} days");
    let rows: [(&str, usize, Style); 8] = [
        ("files checked", t.checked, BOLD),
        ("valid", t.valid, Style::new()),
        ("with errors", t.with_errors, RED),
        ("with warnings", t.with_warnings, YELLOW),
        (&expiring, t.expiring, YELLOW),
        ("could not be read", t.unreadable, RED),
        (
            "keys checked with their certificate",
            t.keys_paired,
            Style::new(),
        ),
        (
            "keys without a certificate (not checked)",
            t.keys_alone,
            DIM,
        ),
    ];
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let mut out = format!("{}\n", paint(BOLD, "summary"));
    for (label, n, style) in rows {
        let style = if n == 0 { Style::new() } else { style };
        let _ = writeln!(
            out,
            "  {label:<width$}  {}",
            paint(style, &format!("{n:>6}"))
        );
    }
    out
}

/// One certificate in the expiry sweep.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct SweepEntry {
    /// The file it is in.
    pub file: String,
    /// Its position among the file's certificates (0 = first block).
    pub index: usize,
    /// Subject DN.
    pub subject: String,
    /// notAfter, RFC 3339.
    pub not_after: String,
    /// Whole days from `now` to notAfter (negative: expired).
    pub days_left: i64,
    #[serde(skip)]
    not_after_ms: i64,
}

/// The certificates of a report that expire within `days` (or have expired).
pub(crate) fn sweep_entries(checked: &Checked, days: u32) -> Vec<SweepEntry> {
    let Some(cert) = &checked.report.certificate else {
        return Vec::new();
    };
    cert.chain
        .iter()
        .filter(|c| c.days_remaining <= i64::from(days))
        .map(|c| SweepEntry {
            file: checked.file.clone(),
            index: c.index,
            subject: c.subject.clone(),
            not_after: c.not_after.clone(),
            days_left: c.days_remaining,
            not_after_ms: c.not_after_ms,
        })
        .collect()
}

/// Soonest first; ties by file, then position, so the order does not depend on the scan's.
pub(crate) fn sort_sweep(entries: &mut [SweepEntry]) {
    entries.sort_by(|a, b| {
        (a.not_after_ms, &a.file, a.index).cmp(&(b.not_after_ms, &b.file, b.index))
    });
}

/// The sweep as an aligned table (or a line saying there is nothing).
pub(crate) fn sweep_table(entries: &[SweepEntry], days: u32) -> String {
    if entries.is_empty() {
        return format!("no certificate expires within {days} days\n");
    }
    let files: Vec<String> = entries
        .iter()
        .map(|e| format!("{}#{}", clean(&e.file), e.index))
        .collect();
    let file_w = files
        .iter()
        .map(|f| f.chars().count())
        .max()
        .unwrap_or(0)
        .max(4);
    let mut out = paint(
        BOLD,
        &format!(
            "{:>9}  {:<20}  {:<file_w$}  SUBJECT",
            "DAYS LEFT", "NOT AFTER", "FILE"
        ),
    );
    out.push('\n');
    for (e, file) in entries.iter().zip(&files) {
        let style = if e.days_left < 0 { RED } else { YELLOW };
        let _ = writeln!(
            out,
            "{}  {:<20}  {file:<file_w$}  {}",
            paint(style, &format!("{:>9}", e.days_left)),
            e.not_after,
            clean(&e.subject)
        );
    }
    let expired = entries.iter().filter(|e| e.days_left < 0).count();
    let _ = writeln!(
        out,
        "\n{} within {days} days ({expired} already expired)",
        if entries.len() == 1 {
            "1 certificate expires".to_string()
        } else {
            format!("{} certificates expire", entries.len())
        }
    );
    out
}

/// The sweep as JSON Lines.
pub(crate) fn sweep_json(entries: &[SweepEntry]) -> String {
    let mut out = String::new();
    for e in entries {
        out.push_str(&serde_json::to_string(e).unwrap_or_default());
        out.push('\n');
    }
    out
}
