//! Where a password comes from: a file, an environment variable, or a prompt on a terminal;
//! never a command-line argument, which other users of the machine can read in the process
//! list. Two passwords are asked this one way: a PKCS#12 file's (`--password-*`) and an
//! encrypted private key's (`--key-password-*`). The text is kept in buffers wiped on drop and
//! never printed.

use std::io::IsTerminal as _;
use std::path::{Path, PathBuf};

use clap::Args;
use zeroize::Zeroizing;

use crate::input::{read_bytes, shown, CliError};

/// The environment variable read for a PKCS#12 password when neither option is given.
pub(crate) const PASSWORD_ENV: &str = "CERT_PREFLIGHT_PASSWORD";

/// The environment variable read for a key password when neither option is given.
pub(crate) const KEY_PASSWORD_ENV: &str = "CERT_PREFLIGHT_KEY_PASSWORD";

/// `--password-file` and `--password-env`, for PKCS#12 (`.pfx`, `.p12`) input.
#[derive(Debug, Args, Default)]
pub(crate) struct PasswordArgs {
    /// File holding the PKCS#12 password (one trailing line end is dropped). Without this or
    /// --password-env: $CERT_PREFLIGHT_PASSWORD, else a prompt on a terminal (never in scan),
    /// else no password.
    #[arg(long, value_name = "FILE")]
    pub password_file: Option<PathBuf>,
    /// Name of an environment variable holding the PKCS#12 password.
    #[arg(long, value_name = "VAR", conflicts_with = "password_file")]
    pub password_env: Option<String>,
}

/// `--key-password-file` and `--key-password-env`, for an encrypted private key (`cert --key`,
/// the private key of a `request` body, or every key `scan` pairs with a certificate).
#[derive(Debug, Args, Default)]
pub(crate) struct KeyPasswordArgs {
    /// File holding the password of an encrypted private key (one trailing line end is
    /// dropped; scan opens every key with it): the key is decrypted, checked like an
    /// unencrypted one, and --fix-key writes it unencrypted. Without this or --key-password-env:
    /// $CERT_PREFLIGHT_KEY_PASSWORD, else a prompt on a terminal when the key is encrypted
    /// (never in scan), else none (reported as encrypted).
    #[arg(long, value_name = "FILE")]
    pub key_password_file: Option<PathBuf>,
    /// Name of an environment variable holding the password of an encrypted private key.
    #[arg(long, value_name = "VAR", conflicts_with = "key_password_file")]
    pub key_password_env: Option<String>,
}

/// How a password may be asked for when none is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Prompt {
    /// Ask on the terminal when standard input and standard error are both terminals.
    OnTerminal,
    /// Never ask (`scan`, which reads many files, possibly in parallel).
    Never,
}

/// Where one password may come from, in the order tried: the option's file, the option's
/// environment variable, the default variable, a prompt.
struct Sources<'a> {
    file: Option<&'a Path>,
    env: Option<&'a str>,
    /// The option naming the variable, for the error when it is not set.
    env_option: &'static str,
    default_env: &'static str,
    /// What the prompt asks for, e.g. `Password for bundle.pfx`.
    asking: String,
}

impl Sources<'_> {
    /// The password from the first source given; `None` when there is none.
    fn resolve(&self, prompt: Prompt) -> Result<Option<Zeroizing<String>>, CliError> {
        if let Some(path) = self.file {
            let mut bytes = read_bytes(path, "password file")?;
            let raw = Zeroizing::new(std::mem::take(&mut *bytes));
            let text = std::str::from_utf8(&raw)
                .map_err(|_| CliError::new("password file is not UTF-8 text", shown(path)))?;
            let text = text
                .strip_suffix('\n')
                .map(|t| t.strip_suffix('\r').unwrap_or(t))
                .unwrap_or(text);
            return Ok(Some(Zeroizing::new(text.to_string())));
        }
        if let Some(name) = self.env {
            return std::env::var(name)
                .map(|value| Some(Zeroizing::new(value)))
                .map_err(|_| {
                    CliError::new(
                        format!("environment variable {name} is not set (or not UTF-8)"),
                        self.env_option,
                    )
                });
        }
        if let Ok(value) = std::env::var(self.default_env) {
            return Ok(Some(Zeroizing::new(value)));
        }
        let interactive = std::io::stdin().is_terminal() && std::io::stderr().is_terminal();
        if prompt == Prompt::OnTerminal && interactive {
            return rpassword::prompt_password(format!("{}: ", self.asking))
                .map(|value| Some(Zeroizing::new(value)))
                .map_err(|e| CliError::new(format!("cannot read the password: {e}"), "terminal"));
        }
        Ok(None)
    }
}

impl PasswordArgs {
    /// The password for `file` (named in the prompt), from the first source given; an empty
    /// password when there is none (openssl's `-passout pass:` files open with it).
    pub(crate) fn resolve(
        &self,
        file: &str,
        prompt: Prompt,
    ) -> Result<Zeroizing<String>, CliError> {
        let sources = Sources {
            file: self.password_file.as_deref(),
            env: self.password_env.as_deref(),
            env_option: "--password-env",
            default_env: PASSWORD_ENV,
            asking: format!("Password for {file}"),
        };
        Ok(sources.resolve(prompt)?.unwrap_or_default())
    }
}

impl KeyPasswordArgs {
    /// The password of the encrypted key in `file` (named in the prompt), from the first source
    /// given; `None` when there is none, and then the key is judged as before: encrypted.
    pub(crate) fn resolve(
        &self,
        file: &str,
        prompt: Prompt,
    ) -> Result<Option<Zeroizing<String>>, CliError> {
        let sources = Sources {
            file: self.key_password_file.as_deref(),
            env: self.key_password_env.as_deref(),
            env_option: "--key-password-env",
            default_env: KEY_PASSWORD_ENV,
            asking: format!("Key password for {file}"),
        };
        sources.resolve(prompt)
    }

    /// Whether any option was given (a password without an encrypted key is then worth a
    /// note).
    pub(crate) fn given(&self) -> bool {
        self.key_password_file.is_some() || self.key_password_env.is_some()
    }
}
