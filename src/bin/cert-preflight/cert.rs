//! `cert-preflight cert` and `cert-preflight fingerprint`.

use std::path::Path;

use zeroize::Zeroizing;

use cert_preflight::{
    check_certificate, check_certificate_with_key_fix, fingerprint, CertificateInput,
    CertificatePurpose, DigestAlgorithm, FingerprintStyle,
};

use crate::args::{CertArgs, FingerprintArgs, Style};
use crate::input::{self, is_stdin, shown, CliError};
use crate::key_file;
use crate::output::{emit, note, print_report, renderer, Format, Sink};
use crate::password::Prompt;

/// Checks a certificate bundle (with its key and domains) and prints the report; with `--fix`,
/// writes the normalized bundle, and with `--fix-key` the key in the target's encoding.
pub(crate) fn run_cert(args: &CertArgs, format: Format) -> Result<u8, CliError> {
    let now = input::now(args.clock.now.as_deref())?;
    if let Some(out) = &args.fix_key {
        key_file::check_target(out)?;
    }
    if let Some(key) = &args.key {
        if is_stdin(key) && is_stdin(&args.file) {
            return Err(CliError::new(
                "stdin can feed only one of PEM_FILE and --key",
                "-",
            ));
        }
    }
    let cert = input::read_certificate(&args.file)?;
    if let Some(text) = &cert.note {
        note(text);
    }
    let key = args.key.as_deref().map(input::read_key).transpose()?;
    let roots = args
        .roots
        .as_deref()
        .map(input::read_certificate)
        .transpose()?;
    if let (Some(roots), Some(path)) = (&roots, &args.roots) {
        refuse_pkcs12(roots, path, "--roots takes PEM, DER or PKCS#7 certificates")?;
    }

    let pool = args
        .intermediates
        .as_deref()
        .map(crate::intermediates::read_pool)
        .transpose()?;

    let password = match &cert.pkcs12 {
        Some(_) => args
            .password
            .resolve(&shown(&args.file), Prompt::OnTerminal)?,
        None => Zeroizing::new(String::new()),
    };
    // Asked for only when the key is encrypted (a prompt for a plaintext key would be noise),
    // or when a source was named (so a wrong file or variable is an error, not ignored).
    let key_password = match (&key, &args.key) {
        (Some(text), Some(path))
            if args.key_password.given() || cert_preflight::private_key_is_encrypted(text) =>
        {
            args.key_password
                .resolve(&shown(path), Prompt::OnTerminal)?
        }
        _ => None,
    };
    let mut request = match &cert.pkcs12 {
        Some(der) => CertificateInput::pkcs12(der, &password, now),
        None => CertificateInput::new(&cert.pem, now),
    };
    request.private_key = key.as_ref().map(|k| k.as_str());
    request.key_password = key_password.as_ref().map(|p| p.as_str());
    request.domains = args.domains.as_deref();
    request.key_required = false;
    request.roots = roots.as_ref().map(|r| r.pem.as_str());
    request.public_roots = !args.no_public_roots;
    request.intermediates = pool.as_ref();
    request.audience = args.audience.audience();
    request.expiry_warning_days = args.clock.expiry_days;
    request.purpose = if args.ca {
        CertificatePurpose::CaUpload
    } else {
        CertificatePurpose::Server
    };
    request.profile = args.profile;
    // Only with --fix-key is the key re-encoded, and only then do the key diagnostics it
    // resolves say fixed: without it the report is every front's.
    let (report, fixed_key) = match &args.fix_key {
        Some(_) => check_certificate_with_key_fix(&request),
        None => (check_certificate(&request), None),
    };

    let sink = match &args.fix {
        Some(out) if is_stdin(out) => Sink::Stderr,
        _ => Sink::Stdout,
    };
    if let Some(out) = &args.fix {
        match &report.normalized {
            Some(text) => write_fix(out, text)?,
            None => note("nothing to fix: the bundle is already in the form the providers want; wrote nothing"),
        }
    }
    if let Some(out) = &args.fix_key {
        key_file::write_key(out, fixed_key.as_ref())?;
    }
    print_report(&report, format, sink, args.fix.is_none())
}

/// A PKCS#12 file where only certificates are read: an error that says what to give instead.
fn refuse_pkcs12(cert: &input::CertificateText, path: &Path, why: &str) -> Result<(), CliError> {
    match cert.pkcs12 {
        Some(_) => Err(CliError::new(format!("a PKCS#12 file: {why}"), shown(path))),
        None => Ok(()),
    }
}

/// Writes the normalized bundle to `out` (`-` is stdout).
fn write_fix(out: &Path, text: &str) -> Result<(), CliError> {
    if is_stdin(out) {
        emit(text, Sink::Stdout);
        return Ok(());
    }
    if out.is_dir() {
        return Err(CliError::new(
            "--fix names a directory, expected a file",
            shown(out),
        ));
    }
    std::fs::write(out, text).map_err(|e| {
        CliError::new(
            format!(
                "cannot write the normalized bundle: {}",
                input::describe(&e)
            ),
            shown(out),
        )
    })?;
    note(&format!("wrote the normalized bundle to {}", shown(out)));
    Ok(())
}

/// Prints one fingerprint per certificate (human: one per line, problems on stderr so the
/// output pipes cleanly) or the fingerprint report's JSON.
pub(crate) fn run_fingerprint(args: &FingerprintArgs, format: Format) -> Result<u8, CliError> {
    let cert = input::read_certificate(&args.file)?;
    refuse_pkcs12(&cert, &args.file, "fingerprint reads PEM, DER or PKCS#7 certificates; `cert-preflight cert FILE --format json` opens a PKCS#12 file and its facts carry each certificate's fingerprints")?;
    if let Some(text) = &cert.note {
        note(text);
    }
    let algorithm = if args.sha256 {
        DigestAlgorithm::Sha256
    } else {
        DigestAlgorithm::Sha1
    };
    let style = match args.style {
        Style::Hex => FingerprintStyle::Hex,
        Style::Colon => FingerprintStyle::Colon,
    };
    let report = fingerprint(&cert.pem, algorithm, style);
    let text = renderer(format).fingerprints(&report)?;
    emit(&text.stderr, Sink::Stderr);
    emit(&text.stdout, Sink::Stdout);
    Ok(u8::from(!report.report.valid))
}
