//! A human report: one line per diagnostic, the certificate's facts, a summary line.

use std::fmt::Write as _;

use cert_preflight::{CertificateFacts, Diagnostic, Report, Severity};

use super::{clean, paint, severity_style, BOLD, DIM, GREEN, RED};

/// `error[chain.misordered] /certificate/chain/0: message (the API would answer X)`.
pub(super) fn diagnostic_line(d: &Diagnostic) -> String {
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
        // A key rule is fixed by the key `--fix-key` writes, never by the bundle.
        let by = if d.rule.starts_with("key.") {
            "[fixed in the --fix-key file]"
        } else {
            "[fixed in normalized output]"
        };
        let _ = write!(line, " {}", paint(GREEN, by));
    }
    line
}

/// The whole human report: diagnostics, facts, summary and (optionally) the `--fix` hint.
pub(super) fn report(report: &Report, fix_hint: bool) -> String {
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
        // Which path a client would take, when the bundle offers more than one (issue 26).
        if let Some(trust) = cert
            .trust
            .as_ref()
            .filter(|t| t.path_reason.starts_with("of "))
        {
            let path: Vec<String> = trust.path.iter().map(usize::to_string).collect();
            field(
                &mut out,
                "path",
                &format!(
                    "certificates {} ({})",
                    path.join(", "),
                    clean(&trust.path_reason)
                ),
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
pub(super) fn summary(report: &Report) -> String {
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
