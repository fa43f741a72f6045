//! Reading what the user named: files (or stdin for `-`), the clock, `--path` pairs and the
//! request context file. Every failure is a [`CliError`]: one line, exit status 2.

use std::collections::BTreeMap;
use std::io::{self, Read};
use std::path::Path;
use std::time::{SystemTime, UNIX_EPOCH};

use base64::Engine as _;
use cert_preflight::Timestamp;
use zeroize::Zeroizing;

/// Input that could not be read, or an argument that was not understood: printed as
/// `cert-preflight: error: <what> (<context>)` and exit status 2.
#[derive(Debug)]
pub struct CliError {
    /// What went wrong, in one plain phrase.
    pub what: String,
    /// The file or option concerned, if any.
    pub context: Option<String>,
}

impl CliError {
    /// An error about `context` (a file path or an option name).
    pub fn new(what: impl Into<String>, context: impl Into<String>) -> Self {
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
    if bytes.len() as u64 > MAX_INPUT_BYTES {
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

/// Reads a private key file. The text stays in a buffer that is wiped when dropped, and no
/// error message quotes it. A binary DER key (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC,
/// told apart by the shape of its outer SEQUENCE) is wrapped into the PEM block of its kind, as
/// a DER certificate is; other bytes that are not UTF-8 are read lossily, so the core reports
/// them (as stray text or a malformed block) without the CLI quoting them.
pub(crate) fn read_key(path: &Path) -> Result<Zeroizing<String>, CliError> {
    let mut bytes = read_bytes(path, "private key file")?;
    let raw = Zeroizing::new(std::mem::take(&mut *bytes));
    if let Ok(text) = std::str::from_utf8(&raw) {
        return Ok(Zeroizing::new(text.to_string()));
    }
    if let Some(label) = der_key_label(&raw) {
        return Ok(Zeroizing::new(der_to_pem(&raw, label)));
    }
    Ok(Zeroizing::new(String::from_utf8_lossy(&raw).into_owned()))
}

/// The PEM label of a DER private key, from the tags of its outer SEQUENCE's first two
/// elements: `INTEGER, SEQUENCE` is PKCS#8 (version, algorithm); `SEQUENCE, OCTET STRING`
/// encrypted PKCS#8 (algorithm, data); `INTEGER, INTEGER` PKCS#1 RSA (version, modulus);
/// `INTEGER, OCTET STRING` SEC1 EC (version, private key). Anything else is not a DER key.
fn der_key_label(der: &[u8]) -> Option<&'static str> {
    let (0x30, body, _) = der_parts(der)? else {
        return None;
    };
    let (first, _, rest) = der_parts(body)?;
    let (second, _, _) = der_parts(rest)?;
    match (first, second) {
        (0x02, 0x30) => Some("PRIVATE KEY"),
        (0x30, 0x04) => Some("ENCRYPTED PRIVATE KEY"),
        (0x02, 0x02) => Some("RSA PRIVATE KEY"),
        (0x02, 0x04) => Some("EC PRIVATE KEY"),
        _ => None,
    }
}

/// Tag, content and what follows, for one DER element with a definite length.
fn der_parts(bytes: &[u8]) -> Option<(u8, &[u8], &[u8])> {
    let (&tag, rest) = bytes.split_first()?;
    let (&first, rest) = rest.split_first()?;
    let (length, rest) = if first < 0x80 {
        (usize::from(first), rest)
    } else {
        let count = usize::from(first & 0x7f);
        if count == 0 || count > 4 || rest.len() < count {
            return None;
        }
        let (digits, rest) = rest.split_at(count);
        let length = digits
            .iter()
            .fold(0usize, |n, d| (n << 8) | usize::from(*d));
        (length, rest)
    };
    if rest.len() < length {
        return None;
    }
    let (content, after) = rest.split_at(length);
    Some((tag, content, after))
}

/// A certificate file as PEM text, plus a note when it was DER and had to be wrapped; or a
/// PKCS#12 file, which the core opens with its password.
pub(crate) struct CertificateText {
    /// The PEM text to check (empty for a PKCS#12 file).
    pub pem: String,
    /// Set when the file was binary DER and was wrapped into one CERTIFICATE block.
    pub note: Option<String>,
    /// The file's bytes when it is PKCS#12 (`.pfx`, `.p12`).
    pub pkcs12: Option<Vec<u8>>,
}

/// Reads a certificate file: UTF-8 PEM as is; PKCS#12 kept as bytes for the core to open;
/// binary DER (first byte 0x30, an ASN.1 SEQUENCE) wrapped into one `CERTIFICATE` block; any
/// other bytes that are not UTF-8 (an
/// `openssl x509 -text` dump or PKCS#12 "Bag Attributes" around clean PEM blocks) read lossily,
/// so the text around the blocks is the core's `pem.stray_text` and the blocks are checked.
pub(crate) fn read_certificate(path: &Path) -> Result<CertificateText, CliError> {
    let mut bytes = read_bytes(path, "certificate file")?;
    let raw = std::mem::take(&mut *bytes);
    if cert_preflight::looks_like_pkcs12(&raw) {
        return Ok(CertificateText {
            pem: String::new(),
            note: None,
            pkcs12: Some(raw),
        });
    }
    match String::from_utf8(raw) {
        Ok(pem) => Ok(CertificateText {
            pem,
            note: None,
            pkcs12: None,
        }),
        Err(err) if err.as_bytes().first() == Some(&0x30) => Ok(CertificateText {
            pem: der_to_pem(err.as_bytes(), "CERTIFICATE"),
            note: Some(format!(
                "{} is binary DER, not PEM; checking it as one CERTIFICATE block",
                shown(path)
            )),
            pkcs12: None,
        }),
        Err(err) => Ok(CertificateText {
            pem: String::from_utf8_lossy(err.as_bytes()).into_owned(),
            note: Some(format!(
                "{} is not all UTF-8; bytes that are not were read as U+FFFD",
                shown(path)
            )),
            pkcs12: None,
        }),
    }
}

/// Wraps DER bytes into a 64-column PEM block with `label`.
fn der_to_pem(der: &[u8], label: &str) -> String {
    let b64 = Zeroizing::new(base64::engine::general_purpose::STANDARD.encode(der));
    let mut pem = format!("-----BEGIN {label}-----\n");
    for line in b64.as_bytes().chunks(64) {
        pem.push_str(&String::from_utf8_lossy(line));
        pem.push('\n');
    }
    pem.push_str(&format!("-----END {label}-----\n"));
    pem
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
