//! Where a PKCS#12 file's password comes from: a file, an environment variable, or a prompt on
//! a terminal; never a command-line argument, which other users of the machine can read in the
//! process list. The text is kept in buffers wiped on drop and never printed.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use clap::Args;
use zeroize::Zeroizing;

use crate::input::{read_bytes, shown, CliError};

/// The environment variable read when neither option is given.
pub(crate) const PASSWORD_ENV: &str = "CERT_PREFLIGHT_PASSWORD";

/// `--password-file` and `--password-env`, for PKCS#12 (`.pfx`, `.p12`) input.
#[derive(Debug, Args, Default)]
pub(crate) struct PasswordArgs {
    /// File holding the PKCS#12 password (one trailing line end is dropped). Without this or
    /// --password-env: $CERT_PREFLIGHT_PASSWORD, else a prompt on a terminal, else no password.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Name of an environment variable holding the PKCS#12 password.
    #[arg(long, value_name = "VAR", conflicts_with = "password_file")]
    pub password_env: Option<String>,
}

/// How a password may be asked for when none is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prompt {
    /// Ask on the terminal when standard input and standard error are both terminals.
    OnTerminal,
    /// Never ask (`scan`, which reads many files, possibly in parallel).
    Never,
}

impl PasswordArgs {
    /// The password for `file` (named in the prompt), from the first source given; an empty
    /// password when there is none (openssl's `-passout pass:` files open with it).
    pub(crate) fn resolve(
        &self,
        file: &str,
        prompt: Prompt,
    ) -> Result<Zeroizing<String>, CliError> {
        if let Some(path) = &self.password_file {
            let mut bytes = read_bytes(path, "password file")?;
            let raw = Zeroizing::new(std::mem::take(&mut *bytes));
            let text = std::str::from_utf8(&raw)
                .map_err(|_| CliError::new("password file is not UTF-8 text", shown(path)))?;
            let text = text
                .strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(text);
            return Ok(Zeroizing::new(text.to_string()));
        }
        if let Some(name) = &self.password_env {
            return std::env::var(name).map(Zeroizing::new).map_err(|_| {
                CliError::new(
                    format!("environment variable {name} is not set (or not UTF-8)"),
                    "--password-env",
                )
            });
        }
        if let Ok(value) = std::env::var(PASSWORD_ENV) {
            return Ok(Zeroizing::new(value));
        }
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if prompt == Prompt::OnTerminal && interactive {
            return rpassword::prompt_password(format!("Password for {file}: "))
                .map(Zeroizing::new)
                .map_err(|e| CliError::new(format!("cannot read the password: {e}"), file));
        }
        Ok(Zeroizing::new(String::new()))
    }
}
