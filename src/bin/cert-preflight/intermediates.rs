//! `--intermediates FILE|DIR`: the pool of intermediates a chain is completed from (issue 22).
//! A file is read whole (PEM, DER or PKCS#7); a directory's certificate files (by extension,
//! in file-name order, not recursively) one at a time, so only their DER stays in memory.

use std::path::{Path, PathBuf};

use cert_preflight::IntermediatePool;

use crate::input::{describe, read_bytes, shown, CliError};
use crate::output::note;

/// Extensions of the files read from a directory (ASCII case-insensitive): certificates and
/// PKCS#7 bundles; never keys or PKCS#12 files.
const POOL_EXTENSIONS: &[&str] = &["pem", "crt", "cer", "der", "p7b", "p7c"];

/// Reads `path` (a file or a directory) into a pool; what could not be read inside a file is a
/// note on stderr, a file that cannot be read at all an error.
pub(crate) fn read_pool(path: &Path) -> Result<IntermediatePool, CliError> {
    let mut pool = IntermediatePool::new();
    let meta = std::fs::metadata(path).map_err(|e| {
        CliError::new(
            format!("cannot read the intermediates: {}", describe(&e)),
            shown(path),
        )
    })?;
    let files = if meta.is_dir() {
        directory_files(path)?
    } else {
        vec![path.to_path_buf()]
    };
    for file in &files {
        let bytes = read_bytes(file, "intermediates file")?;
        if cert_preflight::looks_like_pkcs12(&bytes) {
            return Err(CliError::new(
                "a PKCS#12 file: --intermediates takes PEM, DER or PKCS#7 certificates",
                shown(file),
            ));
        }
        pool.add(&bytes, &shown(file));
    }
    for skipped in pool.skipped() {
        note(&format!("intermediates: skipped {skipped}"));
    }
    if pool.is_empty() {
        note(&format!(
            "the intermediates pool ({}) holds no certificate",
            shown(path)
        ));
    }
    Ok(pool)
}

/// The certificate files directly in `dir`, by name; hidden ones are left out.
fn directory_files(dir: &Path) -> Result<Vec<PathBuf>, CliError> {
    let fail = |e: std::io::Error| {
        CliError::new(
            format!("cannot list the intermediates directory: {}", describe(&e)),
            shown(dir),
        )
    };
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(fail)? {
        let path = entry.map_err(fail)?.path();
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default();
        let wanted = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| POOL_EXTENSIONS.iter().any(|x| x.eq_ignore_ascii_case(e)));
        if wanted && !name.starts_with('.') && path.is_file() {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}
