//! `cert-preflight explain OPERATION ERROR [--request FILE]`: what a provider's answer means.

use cert_preflight::{explain, explain_request, Explanation, RequestContext};

use crate::args::{ExplainArgs, Format};
use crate::input::{self, CliError};
use crate::output::{emit, to_json, Sink};

/// Explains the answer (checking the request when one is given) and prints the causes.
pub(crate) fn run_explain(args: &ExplainArgs, format: Format) -> Result<u8, CliError> {
    let explanation = match &args.request {
        None => explain(&args.operation, &args.error),
        Some(file) => {
            let mut context = RequestContext::new(input::now(args.clock.now.as_deref())?);
            context.path_params = input::path_params(&args.paths)?;
            context.expiry_warning_days = args.clock.expiry_days;
            if let Some(path) = args.context.as_deref() {
                input::read_context(path, &mut context)?;
            }
            let body = input::read_bytes(file, "request body")?;
            let text = String::from_utf8_lossy(&body);
            explain_request(&args.operation, &args.error, &text, &context)
        }
    }
    .map_err(|e| CliError::new(e.to_string(), args.operation.clone()))?;
    match format {
        Format::Json => emit(&to_json(&explanation)?, Sink::Stdout),
        Format::Human => emit(&human(&explanation), Sink::Stdout),
    }
    Ok(0)
}

/// One paragraph per cause: the rule, why it leads to the answer, the source, and (with a
/// request) whether it applies, with its findings.
fn human(explanation: &Explanation) -> String {
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
        out.push_str(&format!(
            "\n{} ({}{code}): {}\n  why: {}\n  source: {}\n",
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
