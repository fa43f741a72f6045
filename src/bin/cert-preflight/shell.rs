//! `cert-preflight completions SHELL` and `cert-preflight man`: generated from the same clap
//! definitions as the parser, so they cannot drift from it.

use clap::CommandFactory as _;

use crate::args::{Cli, CompletionsArgs};
use crate::input::CliError;

/// Writes the completion script for one shell to stdout.
pub(crate) fn run_completions(args: &CompletionsArgs) -> Result<u8, CliError> {
    let mut command = Cli::command();
    let mut out = Vec::new();
    clap_complete::generate(args.shell, &mut command, "cert-preflight", &mut out);
    write_stdout(&out)
}

/// Writes the man page (roff) to stdout: the command, its options and every subcommand.
pub(crate) fn run_man() -> Result<u8, CliError> {
    let command = Cli::command();
    let mut out = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut out).map_err(write_error)?;
    man.render_name_section(&mut out).map_err(write_error)?;
    man.render_synopsis_section(&mut out).map_err(write_error)?;
    man.render_description_section(&mut out)
        .map_err(write_error)?;
    man.render_options_section(&mut out).map_err(write_error)?;
    man.render_subcommands_section(&mut out)
        .map_err(write_error)?;
    // One section per subcommand with its own options, so `man` documents `scan --include`.
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = format!("cert-preflight {}", sub.get_name());
        let sub_man = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        let mut section = Vec::new();
        sub_man
            .render_synopsis_section(&mut section)
            .map_err(write_error)?;
        sub_man
            .render_options_section(&mut section)
            .map_err(write_error)?;
        // Each generated section starts with `.SH SYNOPSIS`/`.SH OPTIONS`; as subsections of
        // the page they become `.SS` with the subcommand's name.
        let text = String::from_utf8_lossy(&section)
            .replace(
                ".SH SYNOPSIS",
                &format!(".SH \"{}\"\n.SS SYNOPSIS", name.to_uppercase()),
            )
            .replace(".SH OPTIONS", ".SS OPTIONS");
        out.extend_from_slice(text.as_bytes());
    }
    man.render_version_section(&mut out).map_err(write_error)?;
    write_stdout(&out)
}

fn write_error(e: std::io::Error) -> CliError {
    CliError {
        what: format!("cannot write the man page: {e}"),
        context: None,
    }
}

fn write_stdout(bytes: &[u8]) -> Result<u8, CliError> {
    use std::io::Write as _;
    // A closed pipe (`| head`) is not an error worth reporting.
    let _ = std::io::stdout().lock().write_all(bytes);
    Ok(0)
}
