//! A PKCS#12 (PFX) file checked as its content: opened with its password, its certificates
//! written as the PEM bundle `openssl pkcs12 -nodes` would print (file order) and its key as
//! PKCS#8 PEM, then judged by the same driver as PEM input, so the same material gives the same
//! diagnostics whichever form it came in.

use super::input::{CertificateInput, Pkcs12Source};
use super::material::MaterialOutcome;
use crate::catalog::PKCS12_UNSUPPORTED;
#[cfg(feature = "pkcs12")]
use {
    super::material,
    crate::catalog::{PKCS12_EMPTY, PKCS12_MAC_INVALID, PKCS12_MALFORMED, PKCS12_WRONG_PASSWORD},
    crate::input::pem::{encode_block, encode_secret_block},
    crate::input::pkcs12::{open, Pkcs12Failure},
    zeroize::Zeroizing,
};

/// Without the `pkcs12` feature (the browser's certificate module leaves the PKCS#12 decoder
/// out for its size budget): one finding that says so.
#[cfg(not(feature = "pkcs12"))]
pub(super) fn run(input: &CertificateInput<'_>, _source: Pkcs12Source<'_>) -> MaterialOutcome {
    let mut outcome = MaterialOutcome::under(input);
    outcome.findings.emit(
        PKCS12_UNSUPPORTED,
        input.paths.certificate.as_str(),
        "This build cannot open PKCS#12 files (the browser's certificate module leaves the decoder out for size): give the certificates and the key as PEM",
    );
    outcome
}

/// Opens `source` and runs the certificate driver over what it holds. A file that cannot be
/// opened gives one finding at the certificate field and nothing else to judge.
#[cfg(feature = "pkcs12")]
pub(super) fn run(input: &CertificateInput<'_>, source: Pkcs12Source<'_>) -> MaterialOutcome {
    let base = input.paths.certificate.as_str();
    let opened = match open(source.der, source.password) {
        Ok(opened) => opened,
        Err(failure) => {
            let mut outcome = MaterialOutcome::under(input);
            let (rule, message) = describe_failure(&failure);
            outcome.findings.emit(rule, base, message);
            return outcome;
        }
    };
    if opened.certificates.is_empty() {
        let mut outcome = MaterialOutcome::under(input);
        outcome.findings.emit(
            PKCS12_EMPTY,
            base,
            "The PKCS#12 file holds no certificate: export it again with the certificate (and its chain) included",
        );
        return outcome;
    }
    let bundle: String = opened
        .certificates
        .iter()
        .map(|der| encode_block("CERTIFICATE", der))
        .collect();
    let key: Option<Zeroizing<String>> = opened
        .key
        .as_ref()
        .map(|der| encode_secret_block("PRIVATE KEY", der));
    let mut inner = input.clone();
    inner.certificate = &bundle;
    inner.pkcs12 = None;
    // The file's own key is what an upload of the file sends; a key given beside it is judged
    // only when the file has none.
    if let Some(key) = &key {
        inner.private_key = Some(key.as_str());
    }
    material::run(&inner)
}

#[cfg(feature = "pkcs12")]
fn describe_failure(failure: &Pkcs12Failure) -> (&'static crate::catalog::Rule, String) {
    match failure {
        Pkcs12Failure::Malformed(why) => (
            PKCS12_MALFORMED,
            format!("The file is not a readable PKCS#12 (PFX) file ({why}); export it again, or give the PEM certificates instead"),
        ),
        Pkcs12Failure::WrongPassword => (
            PKCS12_WRONG_PASSWORD,
            "The PKCS#12 password is wrong: its MAC does not verify and its content does not decrypt with it (with no password given, the empty password is tried)".to_string(),
        ),
        Pkcs12Failure::NoPasswordExpected => (
            PKCS12_WRONG_PASSWORD,
            "The PKCS#12 file was written without a password (it opens with no password) but one was given: give no password".to_string(),
        ),
        Pkcs12Failure::MacInvalid => (
            PKCS12_MAC_INVALID,
            "The password decrypts the PKCS#12 content but its MAC (integrity check) does not verify: the file was altered or damaged after it was exported; export it again".to_string(),
        ),
        Pkcs12Failure::Unsupported(what) => (
            PKCS12_UNSUPPORTED,
            format!("The PKCS#12 file cannot be opened here: it uses {what}; export it again with AES-256 (openssl pkcs12 -export without -legacy does)"),
        ),
        Pkcs12Failure::TooManyIterations => (
            PKCS12_UNSUPPORTED,
            "The PKCS#12 file asks for more key-derivation iterations than are allowed here (a bound on the work a file can demand); export it again with the tool's default".to_string(),
        ),
    }
}
