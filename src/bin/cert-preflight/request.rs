//! `cert-preflight request` and `cert-preflight operations`.

use cert_preflight::{
    find_operation, operations, schema, validate_request_bytes,
    validate_request_bytes_with_key_fix, validate_request_query, validate_request_value, Report,
    RequestContext,
};

use crate::args::{OperationsArgs, RequestArgs, Wire};
use crate::input::{self, is_stdin, shown, CliError};
use crate::key_file;
use crate::manifest::{self, Document};
use crate::output::{emit, print_report, renderer, to_json, Format, Sink};
use crate::password::Prompt;

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
    if let Some(out) = &args.fix_key {
        key_file::check_target(out)?;
    }
    let path_params = input::path_params(&args.paths)?;
    if let Some(context) = &args.context {
        if is_stdin(context) && is_stdin(file) {
            return Err(CliError::new(
                "stdin can feed only one of FILE and --context",
                "-",
            ));
        }
    }
    let body = input::read_bytes(file, "request body")?;

    let mut context = RequestContext::new(now);
    context.path_params = path_params;
    context.expiry_warning_days = args.clock.expiry_days;
    if let Some(path) = args.context.as_deref() {
        input::read_context(path, &mut context)?;
    }
    // An encrypted key's password: asked for on a terminal only when the body mentions an
    // encrypted key (`ENCRYPTED PRIVATE KEY`, `Proc-Type: 4,ENCRYPTED`) and does not come from
    // standard input, which the prompt would share.
    let prompt = if !is_stdin(file) && String::from_utf8_lossy(&body).contains("ENCRYPTED") {
        Prompt::OnTerminal
    } else {
        Prompt::Never
    };
    if let Some(password) = args.key_password.resolve(&shown(file), prompt)? {
        context.set_key_password(&password);
    }

    let text = String::from_utf8_lossy(&body);
    let json = args.wire == Wire::Json && !manifest::is_yaml(file, &text, operation.id);
    if let (Some(out), true) = (&args.fix_key, json) {
        let (report, key) = validate_request_bytes_with_key_fix(operation.id, &body, &context)
            .map_err(|e| CliError::new(e.to_string(), operation.id))?;
        key_file::write_key(out, key.as_ref())?;
        return print_report(&report, format, Sink::Stdout, false);
    }
    if args.fix_key.is_some() {
        return Err(CliError::new(
            "--fix-key reads a JSON request body (not --wire query or YAML)",
            "--fix-key",
        ));
    }
    if args.wire == Wire::Query {
        // The core bounds the query by the operation's own limits before reading it.
        let report = validate_request_query(operation.id, &text, &context)
            .map_err(|e| CliError::new(e.to_string(), operation.id))?;
        return print_report(&report, format, Sink::Stdout, false);
    }
    if manifest::is_yaml(file, &text, operation.id) {
        let documents = manifest::tls_secrets(manifest::read_documents(file, &text)?);
        return check_documents(operation.id, documents, &context, format, file);
    }
    let report = validate_request_bytes(operation.id, &body, &context)
        .map_err(|e| CliError::new(e.to_string(), operation.id))?;
    print_report(&report, format, Sink::Stdout, false)
}

/// Checks each YAML document: one document prints one report as for JSON; several print a
/// JSON array of reports (or each report under a heading), and the exit status is the worst.
fn check_documents(
    operation: &str,
    documents: Vec<Document>,
    context: &RequestContext,
    format: Format,
    file: &std::path::Path,
) -> Result<u8, CliError> {
    let reports: Vec<(&Document, Report)> = documents
        .iter()
        .map(|doc| {
            validate_request_value(operation, &doc.value, context)
                .map(|report| (doc, report))
                .map_err(|e| CliError::new(e.to_string(), operation.to_string()))
        })
        .collect::<Result<_, _>>()?;
    match reports.as_slice() {
        [] => Err(CliError::new(
            "no document to check: the file has no Secret of type kubernetes.io/tls",
            shown(file),
        )),
        [(_, report)] => print_report(report, format, Sink::Stdout, false),
        several => {
            let titled: Vec<(String, &Report)> = several
                .iter()
                .map(|(doc, report)| {
                    let name = manifest::name_of(doc).unwrap_or("(no name)");
                    (format!("document {} ({name})", doc.number), report)
                })
                .collect();
            emit(&renderer(format).reports(&titled)?, Sink::Stdout);
            Ok(u8::from(several.iter().any(|(_, r)| !r.valid)))
        }
    }
}

/// Lists the supported operations with their provider action and seed.
/// `cert-preflight operations [--schema [OPERATION]]`.
pub(crate) fn run_operations_command(
    args: &OperationsArgs,
    format: Format,
) -> Result<u8, CliError> {
    match args.schema.as_deref() {
        None => run_operations(format),
        Some("") => {
            let all: serde_json::Map<String, serde_json::Value> = operations()
                .iter()
                .filter_map(|o| schema(o.id).ok().map(|s| (o.id.to_string(), s)))
                .collect();
            emit(&to_json(&all)?, Sink::Stdout);
            Ok(0)
        }
        Some(name) => {
            let schema =
                schema(name).map_err(|e| CliError::new(e.to_string(), name.to_string()))?;
            emit(&to_json(&schema)?, Sink::Stdout);
            Ok(0)
        }
    }
}

pub(crate) fn run_operations(format: Format) -> Result<u8, CliError> {
    emit(&renderer(format).operations(operations())?, Sink::Stdout);
    Ok(0)
}
