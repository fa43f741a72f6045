//! `cert --fix-key FILE`: the one place the command line writes private key material.
//!
//! The key goes only to a file the user names, never to standard output, a report or a note.
//! The file is created new (`O_CREAT | O_EXCL`: an existing file, or a symlink even to nothing,
//! is refused rather than followed or overwritten) with owner-only permissions (0600 on Unix;
//! the umask can only narrow them), so no other user can read it between its creation and a
//! later chmod.

use std::fs::OpenOptions;
use std::io::Write as _;
use std::path::Path;

use cert_preflight::NormalizedKey;

use crate::input::{describe, is_stdin, shown, CliError};
use crate::output::note;

/// Refuses a `--fix-key` target before any work is done: standard output, a directory, or a
/// path that already exists (a file or a symlink).
pub(crate) fn check_target(out: &Path) -> Result<(), CliError> {
    if is_stdin(out) {
        return Err(CliError::new(
            "--fix-key never writes the key to standard output: name a new file",
            "-",
        ));
    }
    // symlink_metadata does not follow a link: a dangling symlink exists too.
    if std::fs::symlink_metadata(out).is_ok() {
        return Err(CliError::new(
            "--fix-key creates a new file and never overwrites one (nor follows a symlink): remove it or name another file",
            shown(out),
        ));
    }
    Ok(())
}

/// Writes the key to `out`, created new and owner-only; or says why nothing was written.
pub(crate) fn write_key(out: &Path, key: Option<&NormalizedKey>) -> Result<(), CliError> {
    let Some(key) = key else {
        note("--fix-key wrote nothing: the key needs no re-encoding for this target, or it cannot be re-encoded here (several keys, an encrypted key without its password (--key-password-file, --key-password-env) or one it does not open, an unreadable key; see the key diagnostics)");
        return Ok(());
    };
    let fail = |e: &std::io::Error| {
        CliError::new(format!("cannot write the key: {}", describe(e)), shown(out))
    };
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(out).map_err(|e| fail(&e))?;
    if let Err(e) = file
        .write_all(key.pem().as_bytes())
        .and_then(|()| file.sync_all())
    {
        // A partial key file is worse than none.
        drop(file);
        let _ = std::fs::remove_file(out);
        return Err(fail(&e));
    }
    note(&format!(
        "wrote the key as {} (BEGIN {}) to {}, readable by its owner only",
        key.encoding().name(),
        key.encoding().pem_label(),
        shown(out)
    ));
    Ok(())
}
