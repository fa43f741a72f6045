//! Private key rules: presence, size, format, encryption, and the match with the leaf.
//! The key's text and bytes never reach a message.

use crate::catalog::{
    KEY_EC_PARAMETERS_BLOCK, KEY_ENCRYPTED, KEY_FORMAT_PKCS8, KEY_MISMATCH, KEY_MISSING,
    KEY_TOO_MANY, KEY_UNSUPPORTED, PEM_MALFORMED,
};
use crate::context::ProviderProfile;
use crate::findings::Findings;
use crate::input::pem::PemIssue;
use crate::model::certificate::ParsedCertificate;
use crate::model::key::{match_certificate, KeyMatch, PrivateKeyInfo};
use crate::model::{
    is_certificate_label, read_key_field, KeyBlock, KeyField, KeyReading, EC_PARAMETERS_LABEL,
};
use crate::report::Severity;
use crate::rules::chain::describe;
use crate::rules::key_hints;
use crate::rules::pem::{
    check_size, issues_to_diagnostics, unexpected_block, FieldKind, SizeLimit,
};

/// What the key rules need.
pub(crate) struct KeyContext<'a> {
    pub text: Option<&'a str>,
    pub required: bool,
    pub profile: ProviderProfile,
    pub path: &'a str,
    /// The operation's limit on the key field.
    pub limit: SizeLimit,
    /// The key shares its text with the certificates (Key Vault's `value`): certificate blocks
    /// belong, and the text's PEM issues were reported with the certificates.
    pub combined: bool,
}

/// Where the key the rules judged was, and its label: what an operation's own key rules read
/// (`key.not_pkcs8`), without the key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct KeyBlockFacts {
    pub label: String,
    pub begin_line: usize,
    pub end_line: usize,
}

/// Checks the private key field against the leaf (and names another certificate it fits).
/// Returns the label and lines of the key block judged, if there was one.
pub(crate) fn check_key(
    ctx: &KeyContext<'_>,
    leaf: Option<&ParsedCertificate>,
    all: &[ParsedCertificate],
    out: &mut Findings,
) -> Option<KeyBlockFacts> {
    let path = ctx.path;
    let text = match ctx.text {
        Some(text) if !text.trim().is_empty() => text,
        _ => {
            if ctx.required {
                out.emit(
                    KEY_MISSING,
                    path,
                    "A server certificate needs its private key; paste the unencrypted PEM key that belongs to the leaf certificate",
                );
            }
            return None;
        }
    };
    if check_size(text, FieldKind::PrivateKey, ctx.limit, path, out) {
        return None;
    }
    let field = read_key_field(text);
    let block = check_field_shape(&field, ctx, out)?;
    let facts = KeyBlockFacts {
        label: block.label.clone(),
        begin_line: block.begin_line,
        end_line: block.end_line,
    };
    let Some(info) = check_readable(block, ctx.profile, path, out) else {
        return Some(facts);
    };
    if ctx.profile == ProviderProfile::AlibabaSlb && !key_hints::is_pkcs1(info) {
        out.emit(
            KEY_FORMAT_PKCS8,
            path,
            format!(
                "The key is {}; Alibaba CLB documents unencrypted PKCS#1 keys (BEGIN RSA PRIVATE KEY): {}",
                info.describe(),
                key_hints::to_pkcs1(info)
            ),
        );
    }
    if let Some(leaf) = leaf {
        check_match(info, leaf, all, path, out);
    }
    Some(facts)
}

/// The field's PEM rules, blocks of other kinds, no key, several keys. Returns the first key
/// block, the one the other rules are about.
fn check_field_shape<'f>(
    field: &'f KeyField,
    ctx: &KeyContext<'_>,
    out: &mut Findings,
) -> Option<&'f KeyBlock> {
    let path = ctx.path;
    let malformed = has_malformed(&field.issues);
    if (field.has_blocks || malformed) && !ctx.combined {
        issues_to_diagnostics(&field.issues, FieldKind::PrivateKey, path, out);
    }
    for block in &field.foreign {
        if block.label == EC_PARAMETERS_LABEL {
            out.emit(
                KEY_EC_PARAMETERS_BLOCK,
                path,
                format!(
                    "An EC PARAMETERS block (lines {}-{}) comes with the key (openssl ecparam -genkey writes it); ACM removes it, Cloudflare refuses the upload: keep only the PRIVATE KEY block, or convert with `openssl pkcs8 -topk8 -nocrypt -in KEY.pem -out key-pkcs8.pem`",
                    block.begin_line, block.end_line
                ),
            );
        } else if !(ctx.combined && is_certificate_label(&block.label)) {
            unexpected_block(block, FieldKind::PrivateKey, path, out);
        }
    }
    if ctx.combined && field.keys.is_empty() && ctx.required {
        out.emit(
            KEY_MISSING,
            path,
            "The text has certificates but no private key; it must contain the private key as well as the certificates",
        );
    }
    if field.keys.is_empty() && !malformed && !field.has_blocks {
        out.emit(
            PEM_MALFORMED,
            path,
            "No PEM block was found in the private key field; expected -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----",
        );
    }
    if field.keys.len() > 1 {
        out.emit(
            KEY_TOO_MANY,
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
    profile: ProviderProfile,
    path: &str,
    out: &mut Findings,
) -> Option<&'b PrivateKeyInfo> {
    let lines = format!("lines {}-{}", block.begin_line, block.end_line);
    let label = block.label.as_str();
    match &block.reading {
        KeyReading::Read(info) => return Some(info),
        KeyReading::Encrypted { how } => out.emit(
            KEY_ENCRYPTED,
            path,
            format!(
                "The private key ({lines}) is encrypted ({how}); the providers need it unencrypted: run {}",
                key_hints::decrypt(profile)
            ),
        ),
        KeyReading::UnsupportedLabel => out.emit(
            KEY_UNSUPPORTED,
            path,
            format!(
                "The {label} block ({lines}) is not a supported key format; {}",
                key_hints::from_label(label)
            ),
        ),
        KeyReading::Unreadable(reason) => out.emit(
            KEY_UNSUPPORTED,
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
            out.emit_as(
                KEY_UNSUPPORTED,
                Severity::Warning,
                path,
                format!("Could not check the key against the leaf: {why}"),
            );
        }
        KeyMatch::Differs(why) => {
            let elsewhere = all
                .iter()
                .filter(|c| c.index != leaf.index)
                .find(|c| match_certificate(info, c) == KeyMatch::Matches)
                .map(|c| format!("; it belongs to {} instead", describe(c)))
                .unwrap_or_default();
            out.emit(
                KEY_MISMATCH,
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
