//! Human output: one line per diagnostic, the certificate's facts, a summary line.
//!
//! Text is built with ANSI styles embedded; the caller writes it through `anstream`, which
//! strips them when stdout is not a terminal or `NO_COLOR` is set. Text from the input
//! (messages can quote it) is escaped so it cannot drive the terminal.

use std::fmt::Write as _;

use anstyle::{AnsiColor, Style};
use cert_preflight::{CertificateFacts, Diagnostic, Report, Rule, Severity};

const BOLD: Style = Style::new().bold();
const DIM: Style = Style::new().dimmed();
const GREEN: Style = AnsiColor::Green.on_default().bold();
const RED: Style = AnsiColor::Red.on_default().bold();

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

/// `error[chain.misordered] /certificate/chain/0: message (the API would answer X)`.
pub(crate) fn diagnostic_line(d: &Diagnostic) -> String {
    let path = if d.path.is_empty() { "(body)" } else { &d.path };
    let mut line = format!(
        "{}{} {}: {}",
        paint(severity_style(d.severity), d.severity.as_str()),
        paint(BOLD, &format!("[{}]", clean(&d.rule))),
        clean(path),
        clean(&d.message)
    );
    if let Some(code) = &d.api_error {
        let _ = write!(line, " (the API would answer {})", clean(code));
    }
    if d.fixed {
        let _ = write!(line, " {}", paint(GREEN, "[fixed in normalized output]"));
    }
    line
}

/// The whole human report: diagnostics, facts, summary and (optionally) the `--fix` hint.
pub(crate) fn report(report: &Report, fix_hint: bool) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&diagnostic_line(d));
        out.push('\n');
    }
    if let Some(cert) = &report.certificate {
        if !out.is_empty() {
            out.push('\n');
        }
        if let Some(leaf) = &cert.leaf {
            leaf_block(&mut out, leaf);
        }
        // Which client-acceptance lints applied (issue 20): the report says it, so the human
        // text does too.
        if let Some(trust) = cert.trust.as_ref().filter(|t| !t.audience.is_empty()) {
            field(
                &mut out,
                "audience",
                &format!("{} ({})", trust.audience, clean(&trust.audience_reason)),
            );
        }
        if !cert.chain.is_empty() {
            chain_block(&mut out, &cert.chain, cert.leaf.as_ref().map(|l| l.index));
        }
    }
    if !out.is_empty() {
        out.push('\n');
    }
    out.push_str(&summary(report));
    out.push('\n');
    if fix_hint && report.normalized.is_some() {
        let _ = writeln!(
            out,
            "{} run with --fix FILE to write the normalized bundle",
            paint(BOLD, "hint:")
        );
    }
    out
}

/// `✗ 2 errors, 1 warning` or `✓ valid, 1 warning`.
pub(crate) fn summary(report: &Report) -> String {
    let infos = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Info)
        .count();
    let mut parts = Vec::new();
    if report.warnings > 0 {
        parts.push(plural(report.warnings, "warning"));
    }
    if infos > 0 {
        parts.push(plural(infos, "note"));
    }
    if report.valid {
        parts.insert(0, "valid".to_string());
        paint(GREEN, &format!("✓ {}", parts.join(", ")))
    } else {
        parts.insert(0, plural(report.errors, "error"));
        paint(RED, &format!("✗ {}", parts.join(", ")))
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn field(out: &mut String, label: &str, value: &str) {
    let _ = writeln!(out, "  {} {}", paint(DIM, &format!("{label:<10}")), value);
}

fn leaf_block(out: &mut String, leaf: &CertificateFacts) {
    let title = leaf.common_name.as_deref().unwrap_or(&leaf.subject);
    let _ = writeln!(out, "{} {}", paint(BOLD, "certificate"), clean(title));
    field(out, "subject", &clean(&leaf.subject));
    field(out, "issuer", &clean(&leaf.issuer));
    if !leaf.subject_alternative_names.is_empty() {
        field(
            out,
            "names",
            &clean(&leaf.subject_alternative_names.join(", ")),
        );
    }
    let expiry = format!("{} ({})", leaf.not_after, days_left(leaf.days_remaining));
    field(out, "not after", &expiry);
    field(out, "not before", &leaf.not_before);
    field(out, "key", &clean(&key_text(leaf)));
    field(out, "signature", &clean(&leaf.signature_algorithm));
    field(out, "serial", &clean(&leaf.serial));
    field(out, "SHA-1", &leaf.fingerprints.sha1_colon);
    field(out, "SHA-256", &leaf.fingerprints.sha256_colon);
}

fn chain_block(out: &mut String, chain: &[CertificateFacts], leaf: Option<usize>) {
    let _ = writeln!(
        out,
        "{} ({}, input order)",
        paint(BOLD, "chain"),
        plural(chain.len(), "certificate")
    );
    for c in chain {
        let origin = match (c.is_self_signed, c.is_ca) {
            (true, true) => "self-signed CA".to_string(),
            (true, false) => "self-signed".to_string(),
            (false, is_ca) => format!(
                "{}issued by {}",
                if is_ca { "CA, " } else { "" },
                clean(&c.issuer)
            ),
        };
        let date = c.not_after.split('T').next().unwrap_or(&c.not_after);
        let role = if Some(c.index) == leaf { " leaf" } else { "" };
        let _ = writeln!(
            out,
            "  {}{} {}  {}",
            paint(DIM, &format!("#{}", c.index)),
            paint(BOLD, role),
            clean(&c.subject),
            paint(
                DIM,
                &format!("({origin}; {}; expires {date})", clean(&key_text(c)))
            ),
        );
    }
}

fn key_text(c: &CertificateFacts) -> String {
    match (&c.key_curve, c.key_size) {
        (Some(curve), _) => format!("{} {}", c.key_algorithm, curve),
        (None, Some(bits)) => format!("{} {} bits", c.key_algorithm, bits),
        (None, None) => c.key_algorithm.clone(),
    }
}

fn days_left(days: i64) -> String {
    match days {
        d if d < -1 => format!("expired {} days ago", -d),
        -1 => "expired yesterday".to_string(),
        0 => "expires today".to_string(),
        1 => "1 day left".to_string(),
        d => format!("{d} days left"),
    }
}

/// The rule table, aligned: id, severity, source, summary (and the API's error code).
pub(crate) fn rules_table(rules: &[Rule]) -> String {
    let id_w = rules.iter().map(|r| r.id.len()).max().unwrap_or(0);
    let src_w = rules
        .iter()
        .map(|r| r.source.chars().count())
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        paint(
            BOLD,
            &format!(
                "{:<id_w$}  {:<8}  {:<src_w$}  SUMMARY",
                "RULE", "SEVERITY", "SOURCE"
            )
        )
    );
    for r in rules {
        let mut line = format!(
            "{:<id_w$}  {}  {:<src_w$}  {}",
            r.id,
            paint(
                severity_style(r.severity),
                &format!("{:<8}", r.severity.as_str())
            ),
            r.source,
            r.summary
        );
        if !r.also.is_empty() {
            let also: Vec<&str> = r.also.iter().map(Severity::as_str).collect();
            let _ = write!(
                line,
                " {}",
                paint(DIM, &format!("(also {})", also.join(", ")))
            );
        }
        if let Some(code) = r.api_error {
            let _ = write!(line, " {}", paint(DIM, &format!("(API error {code})")));
        }
        out.push_str(&line);
        out.push('\n');
    }
    out
}

/// The operations table: id, provider action, seed, summary.
pub(crate) fn operations_table(ops: &[cert_preflight::OperationInfo]) -> String {
    // The source without its bracketed provider tags: `TARGETS.md §1`, or the seed file.
    let source = |o: &cert_preflight::OperationInfo| -> String {
        o.seed.split(" (").next().unwrap_or(o.seed).to_string()
    };
    let id_w = ops.iter().map(|o| o.id.len()).max().unwrap_or(0).max(9);
    let prov_w = ops
        .iter()
        .map(|o| o.provider.len())
        .max()
        .unwrap_or(0)
        .max(8);
    let act_w = ops.iter().map(|o| o.action.len()).max().unwrap_or(0).max(6);
    let src_w = ops
        .iter()
        .map(|o| source(o).len())
        .max()
        .unwrap_or(0)
        .max(6);
    let mut out = String::new();
    let header = format!(
        "{:<id_w$}  {:<prov_w$}  {:<act_w$}  {:<src_w$}  SUMMARY",
        "OPERATION", "PROVIDER", "ACTION", "SOURCE"
    );
    let _ = writeln!(out, "{}", paint(BOLD, &header));
    for o in ops {
        let _ = writeln!(
            out,
            "{:<id_w$}  {:<prov_w$}  {:<act_w$}  {:<src_w$}  {}",
            o.id,
            o.provider,
            o.action,
            source(o),
            o.summary
        );
    }
    out
}
