//! Private key rules: presence, size, format, encryption, and the match with the leaf.
//! The key's text and bytes never reach a message.

use crate::catalog::{
    KEY_EC_PARAMETERS_BLOCK, KEY_ENCRYPTED, KEY_FORMAT_PKCS8, KEY_MISMATCH, KEY_MISSING,
    KEY_TOO_MANY, KEY_UNSUPPORTED, PEM_MALFORMED,
};
#[cfg(feature = "encrypted-keys")]
use crate::catalog::{KEY_ENCRYPTION_UNSUPPORTED, KEY_WRONG_PASSWORD};
use crate::context::ProviderProfile;
use crate::findings::Findings;
use crate::input::pem::PemIssue;
use crate::model::certificate::ParsedCertificate;
use crate::model::key::{match_certificate, KeyFormat, KeyMatch, PrivateKeyInfo, PublicHalf};
use crate::model::key_encoding::{reencode, ConvertedKey};
use crate::model::{
    is_certificate_label, read_key_field, KeyBlock, KeyField, KeyReading, Opened,
    EC_PARAMETERS_LABEL,
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
    /// The caller takes the key re-encoded for the target
    /// ([`check_certificate_with_key_fix`](crate::check_certificate_with_key_fix)): the
    /// encoding rules it resolves are then reported fixed.
    pub fix_key: Option<KeyFixer>,
    /// The only encoding the target takes the key in (Key Vault: PKCS#8), where it names one.
    pub key_encoding: Option<KeyFormat>,
    /// The password of an encrypted key, when the caller gave one: the key is then decrypted
    /// and judged as the key inside. Only ever handed to the decryption.
    pub password: Option<&'a str>,
}

/// The conversion a caller that takes the key re-encoded passes in: the entry points that
/// hand the key back (`check_certificate_with_key_fix`, `validate_request_bytes_with_key_fix`)
/// set [`KeyFixer::CONVERT`]. A function rather than a flag, so that a build that never calls
/// those entry points (the npm package's wasm modules, near their size budgets) leaves the
/// conversion out at link time.
#[derive(Clone, Copy)]
pub(crate) struct KeyFixer(fn(&KeyField, &KeyContext<'_>) -> Option<ConvertedKey>);

impl KeyFixer {
    /// The key rules' own conversion.
    pub(crate) const CONVERT: KeyFixer = KeyFixer(convert_for_target);
}

impl PartialEq for KeyFixer {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::fn_addr_eq(self.0, other.0)
    }
}

impl Eq for KeyFixer {}

impl std::fmt::Debug for KeyFixer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyFixer")
    }
}

/// What the key rules give back: where the key block was, and the key re-encoded for the
/// target when the caller asked for it and it differs from what was given.
#[derive(Debug, Default)]
pub(crate) struct KeyOutcome {
    pub block: Option<KeyBlockFacts>,
    pub converted: Option<ConvertedKey>,
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
/// Returns the label and lines of the key block judged, if there was one, and the key in the
/// encoding the target takes when the caller asked for it.
pub(crate) fn check_key(
    ctx: &KeyContext<'_>,
    leaf: Option<&ParsedCertificate>,
    all: &[ParsedCertificate],
    out: &mut Findings,
) -> KeyOutcome {
    let mut outcome = KeyOutcome::default();
    let Some(text) = present_text(ctx, out) else {
        return outcome;
    };
    let field = read_key_field(text, ctx.password);
    // Decided before any finding is made, so each finding says at once whether it is fixed.
    outcome.converted = ctx.fix_key.and_then(|fixer| (fixer.0)(&field, ctx));
    let converted_to = outcome.converted.as_ref().map(|c| c.format);
    let Some(block) = check_field_shape(&field, ctx, converted_to.is_some(), out) else {
        return outcome;
    };
    outcome.block = Some(KeyBlockFacts {
        label: block.label.clone(),
        begin_line: block.begin_line,
        end_line: block.end_line,
    });
    let Some(info) = check_readable(block, ctx, converted_to.is_some(), out) else {
        return outcome;
    };
    if ctx.profile == ProviderProfile::AlibabaSlb && !key_hints::is_pkcs1(info) {
        let message = format!(
            "The key is {}; Alibaba CLB documents unencrypted PKCS#1 keys (BEGIN RSA PRIVATE KEY): {}",
            info.describe(),
            key_hints::to_pkcs1(info)
        );
        if converted_to == Some(KeyFormat::Pkcs1) {
            out.emit_resolved(KEY_FORMAT_PKCS8, ctx.path, message);
        } else {
            out.emit(KEY_FORMAT_PKCS8, ctx.path, message);
        }
    }
    if let Some(leaf) = leaf {
        check_match(info, leaf, all, ctx.path, out);
    }
    outcome
}

/// The key field's text, or `key.missing` when a required key is absent; `None` also when
/// the field is over its size limit (reported).
fn present_text<'t>(ctx: &KeyContext<'t>, out: &mut Findings) -> Option<&'t str> {
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
    Some(text)
}

/// The one key of the field in the encoding the target takes, when that differs from what
/// was given: PKCS#1 for an RSA key under the Alibaba CLB profile; the encoding the operation
/// names (Key Vault: PKCS#8); PKCS#8 without the `EC PARAMETERS` block `openssl ecparam
/// -genkey` writes beside a key (what ACM and Cloudflare want, and what the
/// `key.ec_parameters_block` message's command writes). In a combined text
/// (Key Vault's `value`) only the key is converted: the certificates stay in the report's
/// normalized text, the key never goes there. A key decrypted with the caller's key password is
/// always handed back, unencrypted (ACM, IAM, GCP and Cloudflare refuse encrypted keys), in the
/// target's encoding or else its own. `None` for a field whose fix is not mechanical: no key
/// or several, an encrypted key without its password (or one it does not open), an unreadable
/// one, a broken PEM block (never silently dropped), or a key no re-wrapping gives in that
/// encoding (an EC key as PKCS#1).
fn convert_for_target(field: &KeyField, ctx: &KeyContext<'_>) -> Option<ConvertedKey> {
    if has_malformed(&field.issues) {
        return None;
    }
    let [block] = field.keys.as_slice() else {
        return None;
    };
    let (info, decrypted) = match &block.reading {
        KeyReading::Read(info) => (info, false),
        #[cfg(feature = "encrypted-keys")]
        KeyReading::Encrypted {
            opened: Opened::Key(info),
            ..
        } => (info, true),
        _ => return None,
    };
    let ec_parameters = field.foreign.iter().any(|b| b.label == EC_PARAMETERS_LABEL);
    let is_rsa = matches!(info.public, PublicHalf::Rsa { .. });
    let to = match (ctx.profile, ctx.key_encoding, ec_parameters) {
        (ProviderProfile::AlibabaSlb, _, _) if is_rsa => KeyFormat::Pkcs1,
        (_, Some(wanted), _) => wanted,
        (_, None, true) => KeyFormat::Pkcs8,
        // Otherwise the key keeps its encoding: a decrypted key is written unencrypted in the
        // encoding it was encrypted in, and any other has nothing to convert (below).
        _ => info.format,
    };
    if to == info.format && !ec_parameters && !decrypted {
        return None;
    }
    let der = reencode(info, block.der.bytes(), to)?;
    Some(ConvertedKey { format: to, der })
}

/// The field's PEM rules, blocks of other kinds, no key, several keys. Returns the first key
/// block, the one the other rules are about.
fn check_field_shape<'f>(
    field: &'f KeyField,
    ctx: &KeyContext<'_>,
    converted: bool,
    out: &mut Findings,
) -> Option<&'f KeyBlock> {
    let path = ctx.path;
    let malformed = has_malformed(&field.issues);
    if (field.has_blocks || malformed) && !ctx.combined {
        issues_to_diagnostics(&field.issues, FieldKind::PrivateKey, path, out);
    }
    for block in &field.foreign {
        if block.label == EC_PARAMETERS_LABEL {
            // The converted key is written without the block.
            let emit = if converted {
                Findings::emit_resolved
            } else {
                Findings::emit
            };
            emit(
                out,
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
/// and public half when it could (an encrypted key decrypted with the caller's password too,
/// after `key.encrypted`, fixed when the caller takes it back unencrypted). A wrong password
/// and a scheme not implemented here are rules of their own: each says what to do.
fn check_readable<'b>(
    block: &'b KeyBlock,
    ctx: &KeyContext<'_>,
    #[cfg_attr(
        not(feature = "encrypted-keys"),
        allow(
            unused_variables,
            reason = "only a decrypted key is fixed by conversion"
        )
    )]
    converted: bool,
    out: &mut Findings,
) -> Option<&'b PrivateKeyInfo> {
    let (profile, path) = (ctx.profile, ctx.path);
    let lines = format!("lines {}-{}", block.begin_line, block.end_line);
    let label = block.label.as_str();
    match &block.reading {
        KeyReading::Read(info) => return Some(info),
        KeyReading::Encrypted {
            how,
            opened: Opened::NoPassword,
        } => out.emit(
            KEY_ENCRYPTED,
            path,
            format!(
                "The private key ({lines}) is encrypted ({how}); the providers need it unencrypted: run {}",
                key_hints::decrypt(profile)
            ),
        ),
        #[cfg(feature = "encrypted-keys")]
        KeyReading::Encrypted { how, opened } => {
            return check_opened(how, opened, &lines, ctx, converted, out);
        }
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

/// What the key password did, as findings: `key.encrypted` for a key it opened (still an error
/// for the upload unless the caller takes the key back unencrypted, then fixed) and the key
/// for the other rules; a rule of its own for a wrong password or a scheme not implemented.
/// Only in a build that decrypts: the browser modules link none of these messages.
#[cfg(feature = "encrypted-keys")]
fn check_opened<'b>(
    how: &str,
    opened: &'b Opened,
    lines: &str,
    ctx: &KeyContext<'_>,
    converted: bool,
    out: &mut Findings,
) -> Option<&'b PrivateKeyInfo> {
    let (profile, path) = (ctx.profile, ctx.path);
    match opened {
        // Reported by `check_readable` before this is called.
        Opened::NoPassword => {}
        Opened::Key(info) => {
            let message = format!(
                "The private key ({lines}) is encrypted ({how}); it was decrypted with the key password given and is checked as the {} key inside, but the providers need it unencrypted: take it from the key fix (`cert-preflight cert --fix-key FILE`) or run {}",
                info.describe(),
                key_hints::decrypt(profile)
            );
            if converted {
                out.emit_resolved(KEY_ENCRYPTED, path, message);
            } else {
                out.emit(KEY_ENCRYPTED, path, message);
            }
            return Some(info);
        }
        Opened::WrongPassword => out.emit(
            KEY_WRONG_PASSWORD,
            path,
            format!(
                "The private key ({lines}) is encrypted ({how}) and the key password given does not decrypt it; give the password it was encrypted with"
            ),
        ),
        Opened::Unsupported(why) => out.emit(
            KEY_ENCRYPTION_UNSUPPORTED,
            path,
            format!(
                "The private key ({lines}) is encrypted ({how}) in a way not decrypted here: {why}; decrypt it yourself: run {}",
                key_hints::decrypt(profile)
            ),
        ),
        Opened::Unreadable(reason) => out.emit(
            KEY_UNSUPPORTED,
            path,
            format!("The encrypted private key ({lines}, {how}) could not be read: {reason}"),
        ),
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Two inputs that ask for the same conversion compare equal, and one asking for another
    /// does not (the derived `PartialEq` of `CertificateInput` and `RequestContext` goes
    /// through this); `Debug` names the type without a function address (issue 27: neither
    /// was read by a test).
    #[test]
    fn a_key_fixer_compares_by_its_function_and_prints_its_name() {
        fn nothing(_: &KeyField, _: &KeyContext<'_>) -> Option<ConvertedKey> {
            None
        }
        let other = KeyFixer(nothing);
        assert_eq!(KeyFixer::CONVERT, KeyFixer::CONVERT);
        assert_ne!(KeyFixer::CONVERT, other);
        assert_eq!(format!("{:?}", KeyFixer::CONVERT), "KeyFixer");
    }
}
