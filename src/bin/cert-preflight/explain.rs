//! `cert-preflight explain OPERATION ERROR [--request FILE]`: what a provider's answer means.

use cert_preflight::{explain, explain_request, RequestContext};

use crate::args::ExplainArgs;
use crate::input::{self, CliError};
use crate::output::{emit, renderer, Format, Sink};

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
    emit(&renderer(format).explanation(&explanation)?, Sink::Stdout);
    Ok(0)
}
