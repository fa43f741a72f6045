//! `scan`'s human text: one block per file, the summary table, and the expiry sweep's list.

use std::fmt::Write as _;

use anstyle::Style;

use super::report::{diagnostic_line, summary};
use super::{clean, paint, BOLD, DIM, RED, YELLOW};
use crate::output::{CheckedFile, SweepEntry, Totals};

/// One file's human block: its path (and key), one line per diagnostic, then its verdict and
/// the leaf's name and expiry.
pub(super) fn file_block(checked: &CheckedFile) -> String {
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

/// The summary table printed after the blocks.
pub(super) fn summary_table(t: &Totals, expiry_days: u32) -> String {
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

/// The sweep as an aligned table (or a line saying there is nothing).
pub(super) fn sweep_table(entries: &[SweepEntry], days: u32) -> String {
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
