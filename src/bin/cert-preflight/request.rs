//! `cert-preflight request` and `cert-preflight operations`.

use cert_preflight::{find_operation, operations, validate_request_bytes, RequestContext};

use crate::args::{Format, RequestArgs};
use crate::input::{self, is_stdin, CliError};
use crate::{emit, human, print_report, to_json, Sink};

/// Checks a request body for one operation and prints the report (or lists the operations
/// with `--list`).
pub(crate) fn run_request(args: &RequestArgs, format: Format) -> Result<u8, CliError> {
    if args.list {
        return run_operations(format);
    }
    // clap enforces both positionals unless --list; stay defensive anyway.
    let (Some(name), Some(file)) = (&args.operation, &args.file) else {
        return Err(CliError {
            what: "request needs OPERATION and FILE (or --list)".to_string(),
            context: None,
        });
    };
    let Some(operation) = find_operation(name) else {
        let known: Vec<&str> = operations().iter().map(|o| o.id).collect();
        let what = if known.is_empty() {
            "unknown operation".to_string()
        } else {
            format!("unknown operation; known: {}", known.join(", "))
        };
        return Err(CliError::new(what, name.clone()));
    };
    let now = input::now(args.clock.now.as_deref())?;
    let path_params = input::path_params(&args.paths)?;
    if let Some(context) = &args.context {
        if is_stdin(context) && is_stdin(file) {
            return Err(CliError::new(
                "stdin can feed only one of FILE and --context",
                "-",
            ));
        }
    }
    let extra = args
        .context
        .as_deref()
        .map(input::read_context)
        .transpose()?
        .unwrap_or_default();
    let body = input::read_bytes(file, "request body")?;

    let mut context = RequestContext::new(now);
    context.path_params = path_params;
    context.certificate = extra.certificate;
    context.listener_protocol = extra.listener_protocol;
    context.default_certificate_id = extra.default_certificate_id;
    context.in_use = extra.in_use;
    context.expiry_warning_days = args.clock.expiry_days;

    let report = validate_request_bytes(operation.id, &body, &context)
        .map_err(|e| CliError::new(e.to_string(), operation.id))?;
    Ok(print_report(&report, format, Sink::Stdout, false))
}

/// Lists the supported operations with their provider action and seed.
pub(crate) fn run_operations(format: Format) -> Result<u8, CliError> {
    match format {
        Format::Json | Format::Sarif => emit(&to_json(operations())?, Sink::Stdout),
        Format::Human => emit(&human::operations_table(operations()), Sink::Stdout),
    }
    Ok(0)
}
