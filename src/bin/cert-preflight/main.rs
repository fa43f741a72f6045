//! The `cert-preflight` command line: reads files, calls the library, prints the report.
//!
//! Exit status: 0 valid (warnings allowed), 1 at least one error diagnostic, 2 the input could
//! not be read or the arguments were wrong (one line on stderr, never a panic).

mod args;
mod cert;
mod explain;
mod input;
mod intermediates;
mod key_file;
mod manifest;
mod output;
mod password;
mod request;
mod scan;
mod shell;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

use args::{Cli, Command};
use input::CliError;
use output::{emit, error_line, renderer, Format, Sink};

fn main() -> ExitCode {
    // clap prints its own usage errors and exits with status 2 (0 for --help/--version).
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Scan(a) => scan::run_scan(a, a.format),
        Command::Cert(a) => cert::run_cert(a, a.output.format),
        Command::Fingerprint(a) => cert::run_fingerprint(a, a.output.format),
        Command::Rules(a) => run_rules(a, a.output.format),
        Command::Request(a) => request::run_request(a, a.output.format),
        Command::Explain(a) => explain::run_explain(a, a.output.format),
        Command::Operations(a) => request::run_operations_command(a, a.output.format),
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

/// `cert-preflight rules [--operation OP]`.
fn run_rules(args: &args::RulesArgs, format: Format) -> Result<u8, CliError> {
    let rules = match &args.operation {
        None => cert_preflight::rules().to_vec(),
        Some(operation) => cert_preflight::operation_rules(operation).map_err(|e| CliError {
            what: e.to_string(),
            context: None,
        })?,
    };
    emit(&renderer(format).rules(&rules)?, Sink::Stdout);
    Ok(0)
}
