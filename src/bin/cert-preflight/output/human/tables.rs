//! Human listings: the rule table, the operations table, and what a provider's answer means.

use std::fmt::Write as _;

use cert_preflight::{Explanation, OperationInfo, Rule, Severity};

use super::{paint, severity_style, BOLD, DIM};

/// The rule table, aligned: id, severity, source, summary (and the API's error code).
pub(super) fn rules(rules: &[Rule]) -> String {
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
pub(super) fn operations(ops: &[OperationInfo]) -> String {
    // The source without its bracketed provider tags: `TARGETS.md §1`, or the seed file.
    let source =
        |o: &OperationInfo| -> String { o.seed.split(" (").next().unwrap_or(o.seed).to_string() };
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

/// One paragraph per cause: the rule, why it leads to the answer, the source, and (with a
/// request) whether it applies, with its findings.
pub(super) fn explanation(explanation: &Explanation) -> String {
    let mut out = String::new();
    if explanation.causes.is_empty() {
        out.push_str(&format!(
            "No rule of {} is known to lead to that answer.\n",
            explanation.operation
        ));
        return out;
    }
    out.push_str(&format!(
        "{} rule(s) of {} lead to that answer:\n",
        explanation.causes.len(),
        explanation.operation
    ));
    for cause in &explanation.causes {
        let code = cause
            .api_error
            .map(|c| format!(", code {c}"))
            .unwrap_or_default();
        let also: Vec<&str> = cause.also.iter().map(Severity::as_str).collect();
        let also = match also.as_slice() {
            [] => String::new(),
            some => format!(", also {}", some.join(", ")),
        };
        out.push_str(&format!(
            "\n{} ({}{also}{code}): {}\n  why: {}\n  source: {}\n",
            cause.rule,
            cause.severity.as_str(),
            cause.summary,
            cause.why,
            cause.source
        ));
        match cause.applies {
            Some(true) => {
                out.push_str("  applies: yes, the request breaks it\n");
                for finding in &cause.findings {
                    out.push_str(&format!("    {}: {}\n", finding.path, finding.message));
                }
            }
            Some(false) => out.push_str("  applies: no, not in this request\n"),
            None => {}
        }
    }
    out
}
