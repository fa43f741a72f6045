//! Reading what the user named: files (or stdin for `-`), the clock, `--path` pairs and the
//! request context file. Every failure is a [`CliError`]: one line, exit status 2.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use cert_preflight::{certificate_text, private_key_text, BytesReadAs, Timestamp};
use zeroize::Zeroizing;

/// Input that could not be read, or an argument that was not understood: printed as
/// `cert-preflight: error: <what> (<context>)` and exit status 2.
#[derive(Debug)]
pub(crate) struct CliError {
    /// What went wrong, in one plain phrase.
    pub what: String,
    /// The file or option concerned, if any.
    pub context: Option<String>,
}

impl CliError {
    /// An error about `context` (a file path or an option name).
    pub(crate) fn new(what: impl Into<String>, context: impl Into<String>) -> Self {
        CliError {
            what: what.into(),
            context: Some(context.into()),
        }
    }
}

/// Whether `path` means stdin.
pub(crate) fn is_stdin(path: &Path) -> bool {
    path.as_os_str() == "-"
}

/// A path as the user wrote it, for messages.
pub(crate) fn shown(path: &Path) -> String {
    if is_stdin(path) {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

/// Describes an I/O error without the `(os error N)` noise.
pub(crate) fn describe(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = err.to_string();
            let text = text.split(" (os error").next().unwrap_or(&text);
            text.to_lowercase()
        }
    }
}

/// Larger inputs are refused before they are read into memory. The core's own limits are far
/// smaller (65,536 characters for a certificate field) and are reported as diagnostics; this
/// one only keeps a mistaken `cert /dev/zero` from exhausting memory.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

/// Reads all bytes of `path` (stdin for `-`); `what` names the file in errors ("certificate file").
pub(crate) fn read_bytes(path: &Path, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let bytes = read_capped(path, what)?;
    if u64::try_from(bytes.len()).unwrap_or(u64::MAX) > MAX_INPUT_BYTES {
        return Err(CliError::new(
            format!("{what} is larger than {} MiB", MAX_INPUT_BYTES >> 20),
            shown(path),
        ));
    }
    Ok(bytes)
}

/// Reads up to [`MAX_INPUT_BYTES`] + 1 bytes, so that an oversized input is detected.
fn read_capped(path: &Path, what: &str) -> Result<Zeroizing<Vec<u8>>, CliError> {
    let mut bytes = Zeroizing::new(Vec::new());
    if is_stdin(path) {
        io::stdin()
            .lock()
            .take(MAX_INPUT_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| CliError::new(format!("cannot read {what}: {}", describe(&e)), "stdin"))?;
        return Ok(bytes);
    }
    let fail =
        |e: io::Error| CliError::new(format!("cannot read {what}: {}", describe(&e)), shown(path));
    let meta = std::fs::metadata(path).map_err(fail)?;
    if meta.is_dir() {
        return Err(CliError::new(
            format!("{what} is a directory, expected a file"),
            shown(path),
        ));
    }
    let file = std::fs::File::open(path).map_err(fail)?;
    file.take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    Ok(bytes)
}

/// Reads a UTF-8 text file (a request body, a context file).
pub(crate) fn read_text(path: &Path, what: &str) -> Result<String, CliError> {
    let mut bytes = read_bytes(path, what)?;
    String::from_utf8(std::mem::take(&mut *bytes))
        .map_err(|_| CliError::new(format!("{what} is not UTF-8 text"), shown(path)))
}

/// Reads a private key file (as [`private_key_text`] reads bytes). The text stays in a buffer
/// that is wiped when dropped, and no error message quotes it.
pub(crate) fn read_key(path: &Path) -> Result<Zeroizing<String>, CliError> {
    let bytes = read_bytes(path, "private key file")?;
    Ok(private_key_text(&bytes))
}

/// A certificate file as PEM text, plus a note when it was not plain UTF-8; or a PKCS#12 file,
/// which the core opens with its password.
pub(crate) struct CertificateText {
    /// The PEM text to check (empty for a PKCS#12 file).
    pub pem: String,
    /// Set when the file was binary DER (wrapped into one CERTIFICATE block) or not all UTF-8.
    pub note: Option<String>,
    /// The file's bytes when it is PKCS#12 (`.pfx`, `.p12`).
    pub pkcs12: Option<Vec<u8>>,
}

/// Reads a certificate file: PKCS#12 kept as bytes for the core to open; anything else as
/// [`certificate_text`] reads bytes (UTF-8 PEM as is, binary DER wrapped into one
/// `CERTIFICATE` block, other bytes that are not UTF-8 read lossily, so the text around the
/// blocks is the core's `pem.stray_text` and the blocks are checked).
pub(crate) fn read_certificate(path: &Path) -> Result<CertificateText, CliError> {
    let mut bytes = read_bytes(path, "certificate file")?;
    if cert_preflight::looks_like_pkcs12(&bytes) {
        return Ok(CertificateText {
            pem: String::new(),
            note: None,
            pkcs12: Some(std::mem::take(&mut *bytes)),
        });
    }
    let (text, read_as) = certificate_text(&bytes);
    let note = match read_as {
        BytesReadAs::Der => Some(format!(
            "{} is binary DER, not PEM; checking it as one CERTIFICATE block",
            shown(path)
        )),
        BytesReadAs::Lossy => Some(format!(
            "{} is not all UTF-8; bytes that are not were read as U+FFFD",
            shown(path)
        )),
        _ => None,
    };
    Ok(CertificateText {
        pem: text.into_owned(),
        note,
        pkcs12: None,
    })
}

/// `--now` if given (RFC 3339), else the system clock.
pub(crate) fn now(arg: Option<&str>) -> Result<Timestamp, CliError> {
    match arg {
        Some(text) => {
            Timestamp::parse_rfc3339(text).map_err(|e| CliError::new(e.to_string(), "--now"))
        }
        None => {
            let secs = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
                .unwrap_or(0);
            Ok(Timestamp::from_unix_seconds(secs))
        }
    }
}

/// Parses repeated `--path key=value` arguments.
pub(crate) fn path_params(pairs: &[String]) -> Result<BTreeMap<String, String>, CliError> {
    let mut params = BTreeMap::new();
    for pair in pairs {
        let Some((key, value)) = pair.split_once('=') else {
            return Err(CliError::new(
                format!("{pair:?} is not KEY=VALUE (e.g. project_id=0123abcd)"),
                "--path",
            ));
        };
        let key = key.trim();
        if key.is_empty() {
            return Err(CliError::new(
                format!("{pair:?} has an empty key"),
                "--path",
            ));
        }
        if params.insert(key.to_string(), value.to_string()).is_some() {
            return Err(CliError::new(format!("{key:?} is given twice"), "--path"));
        }
    }
    Ok(params)
}

/// Reads `--context FILE` (SPEC: a JSON object of context keys) into `context`; a `null`
/// value counts as absent. The keys and their types are the core's
/// ([`RequestContext::set`](cert_preflight::RequestContext::set)).
pub(crate) fn read_context(
    path: &Path,
    context: &mut cert_preflight::RequestContext,
) -> Result<(), CliError> {
    let text = read_text(path, "context file")?;
    let fail = |what: String| CliError::new(what, shown(path));
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| fail(format!("context file is not JSON: {e}")))?;
    let serde_json::Value::Object(map) = value else {
        return Err(fail("context file must be a JSON object".to_string()));
    };
    for (key, value) in &map {
        context.set(key, value).map_err(|e| fail(e.to_string()))?;
    }
    Ok(())
}
