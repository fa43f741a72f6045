//! The `cert-preflight` command line: reads files, calls the library, prints the report.
//!
//! Exit status: 0 valid (warnings allowed), 1 at least one error diagnostic, 2 the input could
//! not be read or the arguments were wrong (one line on stderr, never a panic).

mod args;
mod cert;
mod explain;
mod human;
mod input;
mod manifest;
mod password;
mod request;
mod scan;
mod shell;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

use args::{Cli, Command, Format};
use cert_preflight::Report;
use input::CliError;

fn main() -> ExitCode {
    // clap prints its own usage errors and exits with status 2 (0 for --help/--version).
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Scan(a) => scan::run_scan(a, cli.format),
        _ if cli.format == Format::Sarif => Err(CliError::new(
            "SARIF is written only by `scan`; use --format human or json",
            "--format",
        )),
        Command::Cert(a) => cert::run_cert(a, cli.format),
        Command::Fingerprint(a) => cert::run_fingerprint(a, cli.format),
        Command::Rules(a) => run_rules(a, cli.format),
        Command::Request(a) => request::run_request(a, cli.format),
        Command::Explain(a) => explain::run_explain(a, cli.format),
        Command::Operations(a) => request::run_operations_command(a, cli.format),
        Command::Completions(a) => shell::run_completions(a),
        Command::Man => shell::run_man(),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(err) => {
            let _ = anstream::stderr()
                .write_all(error_line(&err.what, err.context.as_deref()).as_bytes());
            ExitCode::from(2)
        }
    }
}

/// `cert-preflight: error: <what> (<context>)` and a newline, control characters escaped.
pub fn error_line(what: &str, context: Option<&str>) -> String {
    let context = context.map(|c| format!(" ({c})")).unwrap_or_default();
    format!(
        "{}: {}{}\n",
        human::paint(
            human::severity_style(cert_preflight::Severity::Error),
            "cert-preflight: error"
        ),
        human::clean(what),
        human::clean(&context)
    )
}

/// Where a command's main output goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sink {
    /// Standard output (the normal case).
    Stdout,
    /// Standard error (when stdout carries `--fix -`'s bundle).
    Stderr,
}

/// Writes `text` (ANSI styles stripped unless on a colour terminal). A closed pipe
/// (`| head`) is not an error worth reporting.
pub fn emit(text: &str, sink: Sink) {
    let _ = match sink {
        Sink::Stdout => anstream::stdout().write_all(text.as_bytes()),
        Sink::Stderr => anstream::stderr().write_all(text.as_bytes()),
    };
}

/// A `cert-preflight: note: ...` line on stderr.
pub fn note(text: &str) {
    emit(&note_line(text), Sink::Stderr);
}

/// `cert-preflight: note: <text>` and a newline, control characters escaped.
pub fn note_line(text: &str) -> String {
    format!(
        "{} {}\n",
        human::paint(anstyle::Style::new().bold(), "cert-preflight: note:"),
        human::clean(text)
    )
}

/// Prints a report in the chosen format and returns its exit status (0 valid, 1 errors).
pub fn print_report(report: &Report, format: Format, sink: Sink, fix_hint: bool) -> u8 {
    match format {
        Format::Json | Format::Sarif => emit(&format!("{}\n", report.to_json_pretty()), sink),
        Format::Human => emit(&human::report(report, fix_hint), sink),
    }
    u8::from(!report.valid)
}

/// Pretty JSON of any serializable library value (rules, operations, fingerprints).
pub fn to_json<T: serde::Serialize + ?Sized>(value: &T) -> Result<String, CliError> {
    serde_json::to_string_pretty(value)
        .map(|mut s| {
            s.push('\n');
            s
        })
        .map_err(|e| CliError {
            what: format!("cannot write JSON: {e}"),
            context: None,
        })
}

/// `cert-preflight rules [--operation OP]`.
fn run_rules(args: &args::RulesArgs, format: Format) -> Result<u8, CliError> {
    let rules = match &args.operation {
        None => cert_preflight::rules().to_vec(),
        Some(operation) => cert_preflight::operation_rules(operation).map_err(|e| CliError {
            what: e.to_string(),
            context: None,
        })?,
    };
    match format {
        Format::Json | Format::Sarif => emit(&to_json(&rules)?, Sink::Stdout),
        Format::Human => emit(&human::rules_table(&rules), Sink::Stdout),
    }
    Ok(0)
}
