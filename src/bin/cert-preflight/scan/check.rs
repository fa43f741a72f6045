//! The work done for one task on a worker thread: decide what the file is (a certificate file,
//! a private key on its own, or not ours), find its key, read both, and run the core's check.

use std::collections::{HashMap, HashSet};
use std::io::Read as _;
use std::path::{Path, PathBuf};

use cert_preflight::{
    check_certificate, CertificateInput, CertificatePurpose, ProviderProfile, Timestamp,
};

use super::discover::{has_extension, Task, SIBLING_CERT_EXTENSIONS};
use zeroize::Zeroizing;

use crate::input::{self, describe, shown, CliError};
use crate::output::CheckedFile;

/// What the checkers need to know, shared read-only by every worker.
pub(crate) struct Settings {
    /// The instant at which validity is judged.
    pub now: Timestamp,
    /// `cert.expires_soon` window in days.
    pub expiry_days: u32,
    /// Provider documentation to apply.
    pub profile: ProviderProfile,
    /// Pair `x.crt` with `x.key` beside it.
    pub sibling_keys: bool,
    /// Read private keys at all (not for an expiry sweep, which only needs dates).
    pub read_keys: bool,
    /// Record the line of each certificate block (SARIF regions).
    pub block_lines: bool,
    /// `--key-for`: canonical certificate path -> key path as given.
    pub key_for: HashMap<PathBuf, PathBuf>,
    /// The keys named by `--key-for`, canonical, so that they are not reported on their own.
    pub paired_keys: HashSet<PathBuf>,
    /// The password every PKCS#12 file is opened with (scan never prompts; empty when none is
    /// given). A file it does not open gets `pkcs12.wrong_password` in its report.
    pub pkcs12_password: Zeroizing<String>,
    /// The password every encrypted private key is opened with (`--key-password-*`, resolved
    /// as `cert`'s but never asked for); `None` when none is given, and then an encrypted key
    /// is `key.encrypted` as before. A key it does not open gets `key.wrong_password`.
    pub key_password: Option<Zeroizing<String>>,
    /// `--intermediates`: the pool every chain may be completed from.
    pub intermediates: Option<cert_preflight::IntermediatePool>,
}

impl Settings {
    /// Resolves `--key-for CERT=KEY` pairs; a file that does not exist is an argument error.
    pub(crate) fn add_key_pairs(&mut self, pairs: &[String]) -> Result<(), CliError> {
        for pair in pairs {
            let Some((cert, key)) = pair.split_once('=') else {
                return Err(CliError::new(
                    format!("{pair:?} is not CERT=KEY (e.g. site.crt=site.key)"),
                    "--key-for",
                ));
            };
            let canonical = |p: &str| {
                std::fs::canonicalize(p).map_err(|e| {
                    CliError::new(format!("cannot read {p:?}: {}", describe(&e)), "--key-for")
                })
            };
            self.paired_keys.insert(canonical(key)?);
            self.key_for.insert(canonical(cert)?, PathBuf::from(key));
        }
        Ok(())
    }
}

/// The result of one task.
pub(crate) enum Outcome {
    /// A certificate file and its report.
    Checked(Box<CheckedFile>),
    /// An input (or its key) that could not be read: named on stderr, exit status 2.
    Unreadable { file: String, what: String },
    /// A note for stderr.
    Note(String),
    /// A private key file: checked with its certificate (`paired`) or not at all.
    KeyFile { paired: bool },
    /// A file found by content sniffing that does not start with a PEM boundary.
    NotCertificate,
}

/// Runs one task.
pub(crate) fn run(task: Task, settings: &Settings) -> Outcome {
    match task {
        Task::Stdin => check_text(Path::new("-"), None, settings),
        Task::Unreadable { path, what } => Outcome::Unreadable {
            file: shown(&path),
            what,
        },
        Task::Note(text) => Outcome::Note(text),
        Task::File { path, sniff } => check_file(&path, sniff, settings),
    }
}

fn check_file(path: &Path, sniff: bool, settings: &Settings) -> Outcome {
    if !settings.paired_keys.is_empty() {
        if let Ok(canonical) = std::fs::canonicalize(path) {
            if settings.paired_keys.contains(&canonical) {
                return Outcome::KeyFile { paired: true };
            }
        }
    }
    if has_extension(path, &["key"]) && settings.sibling_keys && has_sibling_certificate(path) {
        return Outcome::KeyFile { paired: true };
    }
    if sniff {
        match starts_with_pem_boundary(path) {
            Ok(true) => {}
            // Not a certificate by name, and not readable or not PEM: not ours to report.
            Ok(false) | Err(_) => return Outcome::NotCertificate,
        }
    }
    let key = if settings.read_keys {
        key_for(path, settings)
    } else {
        None
    };
    check_text(path, key, settings)
}

/// The key for a certificate file: `--key-for`, else `<stem>.key` beside it.
fn key_for(cert: &Path, settings: &Settings) -> Option<PathBuf> {
    if !settings.key_for.is_empty() {
        let found = std::fs::canonicalize(cert)
            .ok()
            .and_then(|c| settings.key_for.get(&c).cloned());
        if found.is_some() {
            return found;
        }
    }
    if settings.sibling_keys && has_extension(cert, SIBLING_CERT_EXTENSIONS) {
        let sibling = cert.with_extension("key");
        if sibling.is_file() {
            return Some(sibling);
        }
    }
    None
}

fn has_sibling_certificate(key: &Path) -> bool {
    SIBLING_CERT_EXTENSIONS
        .iter()
        .any(|ext| key.with_extension(ext).is_file())
}

/// How many bytes are read to decide whether an unnamed file is PEM: a BOM, some blank lines
/// and `-----BEGIN ` fit easily.
const SNIFF_BYTES: u64 = 512;

/// Whether the file starts (after a BOM and white space) with `-----BEGIN `.
fn starts_with_pem_boundary(path: &Path) -> std::io::Result<bool> {
    let mut head = Vec::new();
    std::fs::File::open(path)?
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)?;
    let text = head.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace());
    Ok(start
        .and_then(|i| text.get(i..))
        .is_some_and(|rest| rest.starts_with(b"-----BEGIN ")))
}

fn check_text(path: &Path, key: Option<PathBuf>, settings: &Settings) -> Outcome {
    let unreadable = |err: CliError| Outcome::Unreadable {
        file: err.context.unwrap_or_else(|| shown(path)),
        what: err.what,
    };
    let cert = match input::read_certificate(path) {
        Ok(cert) => cert,
        Err(err) => return unreadable(err),
    };
    let labels = block_labels(&cert.pem);
    let has_certificate = labels.iter().any(|(label, _)| !is_key_label(label));
    let key_only_pem = !labels.is_empty() && !has_certificate && cert.pkcs12.is_none();
    // `x.key` read as DER (`note`) or as text without PEM blocks is a key (or garbage) too.
    let key_by_name = has_extension(path, &["key"])
        && cert.pkcs12.is_none()
        && (cert.note.is_some() || labels.is_empty());
    if key_only_pem || key_by_name {
        // A private key on its own (privkey.pem, x.key without x.crt): not a certificate
        // file, and the core has no check for a key without its certificate.
        return Outcome::KeyFile { paired: false };
    }
    let key_text = match key.as_deref().map(input::read_key).transpose() {
        Ok(k) => k,
        Err(err) => return unreadable(err),
    };
    let mut request = match &cert.pkcs12 {
        Some(der) => CertificateInput::pkcs12(der, &settings.pkcs12_password, settings.now),
        None => CertificateInput::new(&cert.pem, settings.now),
    };
    request.private_key = key_text.as_ref().map(|k| k.as_str());
    request.key_password = settings.key_password.as_ref().map(|p| p.as_str());
    request.key_required = false;
    request.expiry_warning_days = settings.expiry_days;
    request.purpose = CertificatePurpose::Server;
    request.profile = settings.profile;
    request.intermediates = settings.intermediates.as_ref();
    let report = check_certificate(&request);
    let block_lines = if settings.block_lines && cert.note.is_none() {
        labels
            .iter()
            .filter(|(label, _)| CERTIFICATE_LABELS.contains(&label.as_str()))
            .map(|(_, line)| *line)
            .collect()
    } else {
        Vec::new()
    };
    Outcome::Checked(Box::new(CheckedFile {
        file: shown(path),
        key_file: key.as_deref().map(shown),
        report,
        block_lines,
    }))
}

/// The labels the core reads as certificates (and numbers as `/certificate/chain/N`).
const CERTIFICATE_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE"];

fn is_key_label(label: &str) -> bool {
    label.contains("PRIVATE KEY")
}

/// Every `-----BEGIN LABEL-----` in the text with its 1-based line, in order (several per
/// line in the one-line form).
fn block_labels(text: &str) -> Vec<(String, usize)> {
    const BEGIN: &str = "-----BEGIN ";
    let mut out = Vec::new();
    let mut line = 1;
    let mut counted_to = 0;
    for (at, _) in text.match_indices(BEGIN) {
        let between = text.as_bytes().get(counted_to..at).unwrap_or_default();
        line += between.iter().filter(|&&b| b == b'\n').count();
        counted_to = at;
        let rest = text.get(at + BEGIN.len()..).unwrap_or_default();
        if let Some((label, _)) = rest.split_once("-----") {
            if !label.contains('\n') {
                out.push((label.to_string(), line));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn block_labels_count_lines_and_one_line_blocks() {
        let text = "junk\n-----BEGIN CERTIFICATE-----\nAA==\n-----END CERTIFICATE-----\n\
                    -----BEGIN CERTIFICATE-----AA==-----END CERTIFICATE----------BEGIN EC PRIVATE KEY-----x\n";
        let got = block_labels(text);
        let want = [
            ("CERTIFICATE".to_string(), 2),
            ("CERTIFICATE".to_string(), 5),
            ("EC PRIVATE KEY".to_string(), 5),
        ];
        assert_eq!(got, want);
    }
}
