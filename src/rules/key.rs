//! Private key rules: presence, size, format, encryption, and the match with the leaf.
//! The key's text and bytes never reach a message.

use crate::context::ProviderProfile;
use crate::findings::Findings;
use crate::input::pem;
use crate::model::certificate::ParsedCertificate;
use crate::model::key::{match_certificate, parse_private_key, KeyFormat, KeyMatch};
use crate::model::{foreign, is_private_key_label};
use crate::report::Severity;
use crate::rules::catalog::{
    KEY_ENCRYPTED, KEY_FORMAT_PKCS8, KEY_MISMATCH, KEY_MISSING, KEY_TOO_MANY, KEY_UNSUPPORTED,
    PEM_MALFORMED,
};
use crate::rules::chain::describe;
use crate::rules::pem::{check_size, issues_to_diagnostics, unexpected_block, FieldKind};

/// Labels the providers accept for an unencrypted private key.
const SUPPORTED_LABELS: &[&str] = &["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

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
    let scanned = pem::scan(text);
    if !scanned.blocks.is_empty() || has_malformed(&scanned.issues) {
        issues_to_diagnostics(&scanned.issues, FieldKind::PrivateKey, path, out);
    }
    let mut keys = Vec::new();
    for block in &scanned.blocks {
        if !is_private_key_label(&block.label) {
            unexpected_block(&foreign(block), FieldKind::PrivateKey, path, out);
        } else {
            keys.push(block);
        }
    }
    let malformed = has_malformed(&scanned.issues);
    if keys.is_empty() {
        if !malformed && scanned.blocks.is_empty() {
            out.emit(
                &PEM_MALFORMED,
                path,
                "No PEM block was found in the private key field; expected -----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----",
            );
        }
        return;
    }
    if keys.len() > 1 {
        out.emit(
            &KEY_TOO_MANY,
            path,
            format!(
                "The private key field holds {} private keys; give only the leaf certificate's key",
                keys.len()
            ),
        );
    }
    let Some(block) = keys.first() else {
        return;
    };
    let label = block.label.as_str();
    let lines = format!("lines {}-{}", block.begin_line, block.end_line);
    if label == "ENCRYPTED PRIVATE KEY" || block.is_legacy_encrypted() {
        let how = if label == "ENCRYPTED PRIVATE KEY" {
            "PKCS#8 ENCRYPTED PRIVATE KEY"
        } else {
            "Proc-Type: 4,ENCRYPTED"
        };
        out.emit(
            &KEY_ENCRYPTED,
            path,
            format!(
                "The private key ({lines}) is encrypted ({how}); the providers need it unencrypted: run `openssl pkey -in key.pem -out key-plain.pem` and enter the passphrase"
            ),
        );
        return;
    }
    if !SUPPORTED_LABELS.contains(&label) {
        out.emit(
            &KEY_UNSUPPORTED,
            path,
            format!(
                "The {label} block ({lines}) is not a supported key format; use PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 RSA or SEC1 EC, e.g. `openssl pkcs8 -topk8 -nocrypt -in key.pem`"
            ),
        );
        return;
    }
    let info = match parse_private_key(label, &block.der) {
        Ok(info) => info,
        Err(reason) => {
            out.emit(
                &KEY_UNSUPPORTED,
                path,
                format!("The private key ({lines}) could not be read: {reason}"),
            );
            return;
        }
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
    let Some(leaf) = leaf else {
        return;
    };
    match match_certificate(&info, leaf) {
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
                .find(|c| match_certificate(&info, c) == KeyMatch::Matches)
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

fn has_malformed(issues: &[pem::PemIssue]) -> bool {
    issues
        .iter()
        .any(|i| matches!(i, pem::PemIssue::Malformed { .. }))
}
