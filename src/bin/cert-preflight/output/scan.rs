//! What `scan` reports, whatever the format: a checked file, the totals of the summary, and
//! the expiry sweep's entries (`--expiring-within`).

use cert_preflight::Report;
use serde::Serialize;

/// A certificate file that was checked.
pub(crate) struct CheckedFile {
    /// The file as shown to the user (`stdin` for `-`).
    pub file: String,
    /// The private key checked with it, if one was paired.
    pub key_file: Option<String>,
    /// The core's report.
    pub report: Report,
    /// 1-based line of each certificate block's BEGIN line, in input order (empty when not
    /// asked for or when the file was DER).
    pub block_lines: Vec<usize>,
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
pub(crate) fn sweep_entries(checked: &CheckedFile, days: u32) -> Vec<SweepEntry> {
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
