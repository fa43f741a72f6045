//! Private key rules: presence, size, format, encryption, and the match with the leaf.
//! The key's text and bytes never reach a message.

use crate::context::ProviderProfile;
use crate::findings::Findings;
use crate::input::pem::PemIssue;
use crate::model::certificate::ParsedCertificate;
use crate::model::key::{match_certificate, KeyFormat, KeyMatch, PrivateKeyInfo};
use crate::model::{read_key_field, KeyBlock, KeyField, KeyReading};
use crate::report::Severity;
use crate::rules::catalog::{
    KEY_ENCRYPTED, KEY_FORMAT_PKCS8, KEY_MISMATCH, KEY_MISSING, KEY_TOO_MANY, KEY_UNSUPPORTED,
    PEM_MALFORMED,
};
use crate::rules::chain::describe;
use crate::rules::pem::{check_size, issues_to_diagnostics, unexpected_block, FieldKind};

/// What the key rules need.
pub(crate) struct KeyContext<'a> {
    pub text: Option<&'a str>,
    pub required: bool,
    pub profile: ProviderProfile,
    pub path: &'a str,
}

/// Checks the private key field against the leaf (and names another certificate it fits).
pub(crate) fn check_key(
    ctx: &KeyContext<'_>,
    leaf: Option<&ParsedCertificate>,
    all: &[ParsedCertificate],
    out: &mut Findings,
) {
    let path = ctx.path;
    let text = match ctx.text {
        Some(text) if !text.trim().is_empty() => text,
        _ => {
            if ctx.required {
                out.emit(
                    &KEY_MISSING,
                    path,
                    "A server certificate needs its private key; paste the unencrypted PEM key that belongs to the leaf certificate",
                );
            }
            return;
        }
    };
    if check_size(text, FieldKind::PrivateKey, path, out) {
        return;
    }
    let field = read_key_field(text);
    let Some(block) = check_field_shape(&field, path, out) else {
        return;
    };
    let Some(info) = check_readable(block, path, out) else {
        return;
    };
    if ctx.profile == ProviderProfile::AlibabaSlb && info.format != KeyFormat::Pkcs1 {
        out.emit(
            &KEY_FORMAT_PKCS8,
            path,
            format!(
                "The key is {}; Alibaba CLB documents unencrypted PKCS#1 keys (BEGIN RSA PRIVATE KEY): convert with `openssl rsa -in key.pem -traditional -out key-pkcs1.pem`",
                info.describe()
            ),
        );
    }
    if let Some(leaf) = leaf {
        check_match(info, leaf, all, path, out);
    }
}

/// The field's PEM rules, blocks of other kinds, no key, several keys. Returns the first key
/// block, the one the other rules are about.
fn check_field_shape<'f>(
    field: &'f KeyField,
    path: &str,
    out: &mut Findings,
) -> Option<&'f KeyBlock> {
    let malformed = has_malformed(&field.issues);
    if field.has_blocks || malformed {
        issues_to_diagnostics(&field.issues, FieldKind::PrivateKey, path, out);
    }
    for block in &field.foreign {
        unexpected_block(block, FieldKind::PrivateKey, path, out);
    }
    if field.keys.is_empty() && !malformed && !field.has_blocks {
        out.emit(
            &PEM_MALFORMED,
            path,
            "No PEM block was found in the private key field; expected -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----",
        );
    }
    if field.keys.len() > 1 {
        out.emit(
            &KEY_TOO_MANY,
            path,
            format!(
                "The private key field holds {} private keys; give only the leaf certificate's key",
                field.keys.len()
            ),
        );
    }
    field.keys.first()
}

/// `key.encrypted` and `key.unsupported` for a key that could not be read; the key's format
/// and public half when it could.
fn check_readable<'b>(
    block: &'b KeyBlock,
    path: &str,
    out: &mut Findings,
) -> Option<&'b PrivateKeyInfo> {
    let lines = format!("lines {}-{}", block.begin_line, block.end_line);
    let label = block.label.as_str();
    match &block.reading {
        KeyReading::Read(info) => return Some(info),
        KeyReading::Encrypted { how } => out.emit(
            &KEY_ENCRYPTED,
            path,
            format!(
                "The private key ({lines}) is encrypted ({how}); the providers need it unencrypted: run `openssl pkey -in key.pem -out key-plain.pem` and enter the passphrase"
            ),
        ),
        KeyReading::UnsupportedLabel => out.emit(
            &KEY_UNSUPPORTED,
            path,
            format!(
                "The {label} block ({lines}) is not a supported key format; use PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 RSA or SEC1 EC, e.g. `openssl pkcs8 -topk8 -nocrypt -in key.pem`"
            ),
        ),
        KeyReading::Unreadable(reason) => out.emit(
            &KEY_UNSUPPORTED,
            path,
            format!("The private key ({lines}) could not be read: {reason}"),
        ),
    };
    None
}

/// `key.mismatch` (naming the certificate the key does fit, if any), or a warning when the key
/// cannot be compared.
fn check_match(
    info: &PrivateKeyInfo,
    leaf: &ParsedCertificate,
    all: &[ParsedCertificate],
    path: &str,
    out: &mut Findings,
) {
    match match_certificate(info, leaf) {
        KeyMatch::Matches => {}
        KeyMatch::Unknown(why) => {
            // Not a mismatch: the key could not be compared (an EC key without its public
            // point), so the finding is a warning here.
            out.emit(
                &KEY_UNSUPPORTED,
                path,
                format!("Could not check the key against the leaf: {why}"),
            )
            .set_severity(Severity::Warning);
        }
        KeyMatch::Differs(why) => {
            let elsewhere = all
                .iter()
                .filter(|c| c.index != leaf.index)
                .find(|c| match_certificate(info, c) == KeyMatch::Matches)
                .map(|c| format!("; it belongs to {} instead", describe(c)))
                .unwrap_or_default();
            out.emit(
                &KEY_MISMATCH,
                path,
                format!(
                    "The private key ({}) does not match the leaf, {}: {why}{elsewhere}",
                    info.describe(),
                    describe(leaf)
                ),
            );
        }
    }
}

fn has_malformed(issues: &[PemIssue]) -> bool {
    issues
        .iter()
        .any(|i| matches!(i, PemIssue::Malformed { .. }))
}
