//! What the certificate-upload operations beyond the seeds share (TARGETS.md): reading a blob
//! that may be base64 of PEM, running the certificate core over separate leaf, chain and key
//! fields with the operation's limits, the accepted key types, and AWS's tag rules.
//!
//! The certificates are parsed once, by the core; the operations' own rules read the parsed
//! model the core hands back ([`Material`]), never the text again.

use crate::input::base64_standard;
use serde_json::Value;

use super::checks::certificate_input;
use super::walk::{child, Walk};
use crate::catalog;
use crate::check::{check_material, FieldLimits, Pkcs12Source};
use crate::model::certificate::Curve;
use crate::model::certificate::{KeyKind, ParsedCertificate};
use crate::report::Severity;
use crate::rules::certificate::ValidityFloor;
use crate::rules::domain::CertificateNames;
use crate::rules::key::KeyBlockFacts;
use crate::text::{quote, QUOTE_CHARS};

/// The form a PEM-bearing string was given in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BlobForm {
    /// PEM text, as SDKs and most APIs take it.
    Pem,
    /// Base64 of PEM text: the wire form of an AWS blob, a Kubernetes `data` value.
    Base64OfPem,
    /// Base64 of base64 of PEM: encoded once too often.
    Base64Twice,
    /// Base64 of binary DER (not PEM).
    Base64OfDer,
    /// Neither PEM nor base64 of anything readable.
    Unreadable,
}

/// A PEM-bearing string after its base64 layers, if any, are taken off.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Blob {
    /// The PEM text (decoded when the value was base64), or the value as given.
    pub text: String,
    /// How it was given.
    pub form: BlobForm,
}

/// Reads a value that is PEM text or base64 of it (once or twice).
pub(crate) fn read_blob(value: &str) -> Blob {
    let as_given = |form| Blob {
        text: value.to_string(),
        form,
    };
    if value.contains("-----BEGIN") {
        return as_given(BlobForm::Pem);
    }
    let Some(once) = decode_base64(value) else {
        return as_given(BlobForm::Unreadable);
    };
    match String::from_utf8(once) {
        Ok(text) if text.contains("-----BEGIN") => Blob {
            text,
            form: BlobForm::Base64OfPem,
        },
        Ok(text) => match decode_base64(&text).and_then(|twice| String::from_utf8(twice).ok()) {
            Some(pem) if pem.contains("-----BEGIN") => Blob {
                text: pem,
                form: BlobForm::Base64Twice,
            },
            _ => as_given(BlobForm::Unreadable),
        },
        Err(not_text) if not_text.as_bytes().first() == Some(&0x30) => {
            as_given(BlobForm::Base64OfDer)
        }
        Err(_) => as_given(BlobForm::Unreadable),
    }
}

/// Standard base64 with or without padding, line breaks and spaces ignored; `None` for an
/// empty value or a character outside the alphabet.
pub(crate) fn decode_base64(value: &str) -> Option<Vec<u8>> {
    let compact: String = value.chars().filter(|c| !c.is_ascii_whitespace()).collect();
    if compact.is_empty() {
        return None;
    }
    base64_standard::decode_padding_optional(compact.as_bytes()).ok()
}

/// Says how a field was given (`request.blob_encoding`, info) and refuses what is not PEM
/// after decoding (`pem.malformed`). Returns the PEM text to check, if any.
pub(crate) fn report_blob(walk: &mut Walk<'_>, blob: &Blob, path: &str, name: &str) -> bool {
    let said = match blob.form {
        BlobForm::Pem => return true,
        BlobForm::Base64OfPem => format!(
            "`{name}` is base64 of PEM text (the wire form); it was decoded and the PEM inside checked"
        ),
        BlobForm::Base64Twice => format!(
            "`{name}` is base64 of base64 of PEM: it was encoded twice; the PEM inside was checked, but the API decodes only once"
        ),
        BlobForm::Base64OfDer | BlobForm::Unreadable => {
            let what = if blob.form == BlobForm::Base64OfDer {
                "base64 of binary DER, not PEM"
            } else {
                "neither PEM text nor base64 of PEM"
            };
            walk.emit(
                catalog::PEM_MALFORMED,
                path,
                format!(
                    "`{name}` is {what}; give the PEM text (-----BEGIN ...-----), e.g. `openssl x509 -inform der -in FILE.der -out FILE.pem`"
                ),
            );
            return false;
        }
    };
    let severity = if blob.form == BlobForm::Base64Twice {
        Severity::Warning
    } else {
        catalog::REQUEST_BLOB_ENCODING.severity
    };
    walk.emit_as(catalog::REQUEST_BLOB_ENCODING, severity, path, said);
    true
}

/// One certificate-bearing field: its PEM text and where it is in the request.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Field<'t> {
    pub text: &'t str,
    pub path: &'t str,
}

/// The certificate fields of one upload, as the operation takes them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Upload<'t> {
    /// The certificate field (the leaf field when the chain is apart).
    pub certificate: Field<'t>,
    /// The chain in a field of its own (ACM, IAM).
    pub chain: Option<Field<'t>>,
    /// The private key field.
    pub key: Option<Field<'t>>,
    /// The key is required.
    pub key_required: bool,
    /// Key and certificates share one text (Key Vault).
    pub combined: bool,
    /// The operation's limits.
    pub limits: FieldLimits,
    /// The least validity the provider takes for the leaf, if it names one.
    pub validity_floor: Option<ValidityFloor>,
}

/// What the core read, for the operation's own rules.
#[derive(Debug, Default)]
pub(crate) struct Material {
    /// Every certificate, the certificate field's first.
    pub certificates: Vec<ParsedCertificate>,
    /// Position of the leaf in `certificates`.
    pub leaf: Option<usize>,
    /// Certificate blocks in the certificate field.
    pub certificate_field_blocks: usize,
    /// The key block judged (label and lines only).
    pub key_block: Option<KeyBlockFacts>,
    /// The leaf's names.
    pub leaf_names: Option<CertificateNames>,
    /// The path ends at a self-signed root that is no trust anchor.
    pub untrusted_root: bool,
}

impl Material {
    /// The leaf, when one was read.
    pub(crate) fn leaf(&self) -> Option<&ParsedCertificate> {
        self.leaf.and_then(|p| self.certificates.get(p))
    }
}

/// Runs the certificate core over an upload's fields, with the caller's trust anchors, under
/// the operation's policy (its findings are made as the provider reports them).
pub(crate) fn check_upload(walk: &mut Walk<'_>, upload: &Upload<'_>) -> Material {
    check_upload_of(walk, upload, None)
}

/// [`check_upload`] of a PKCS#12 file (Key Vault's `value` as base64 of a PFX, opened with
/// `pwd`): its certificates and key take the place of the upload's text fields.
pub(crate) fn check_pkcs12_upload(
    walk: &mut Walk<'_>,
    upload: &Upload<'_>,
    pfx: Pkcs12Source<'_>,
) -> Material {
    check_upload_of(walk, upload, Some(pfx))
}

fn check_upload_of(
    walk: &mut Walk<'_>,
    upload: &Upload<'_>,
    pfx: Option<Pkcs12Source<'_>>,
) -> Material {
    let mut input = certificate_input(walk, upload.certificate.text);
    input.pkcs12 = pfx;
    input.paths.certificate = upload.certificate.path.into();
    if let Some(chain) = upload.chain {
        input.chain = Some(chain.text);
        input.paths.chain = chain.path.into();
    }
    if let Some(key) = upload.key {
        input.private_key = Some(key.text);
        input.paths.private_key = key.path.into();
    } else {
        input.paths.private_key = upload.certificate.path.into();
    }
    input.key_required = upload.key_required;
    input.combined = upload.combined;
    input.limits = upload.limits;
    input.validity_floor = upload.validity_floor;
    let outcome = check_material(&input);
    walk.findings.append(outcome.findings);
    if walk.certificate.is_none() {
        walk.certificate = outcome.summary;
    }
    if walk.normalized.is_none() {
        walk.normalized = outcome.normalized;
    }
    walk.normalized_fields.extend(outcome.normalized_fields);
    Material {
        certificates: outcome.certificates,
        leaf: outcome.leaf,
        certificate_field_blocks: outcome.certificate_field_blocks,
        key_block: outcome.key_block,
        leaf_names: outcome.leaf_names,
        untrusted_root: outcome.untrusted_root,
    }
}

/// Key types a provider accepts: RSA sizes and EC curves.
#[derive(Debug, Clone, Copy)]
pub(crate) struct KeyTypes {
    pub rsa_bits: &'static [u32],
    pub curves: &'static [Curve],
    /// The set in words, for messages, e.g. "RSA 1024-4096, EC P-256/P-384/P-521".
    pub says: &'static str,
}

impl KeyTypes {
    /// Whether `key` is in the set.
    pub(crate) fn accepts(&self, key: &KeyKind) -> bool {
        match key {
            KeyKind::Rsa { bits } => self.rsa_bits.contains(bits),
            KeyKind::Ec { curve, .. } => self.curves.contains(curve),
            _ => false,
        }
    }
}

/// The key in words: "RSA 8192-bit", "EC P-521".
pub(crate) fn describe_key(key: &KeyKind) -> String {
    match key {
        KeyKind::Ec { curve, .. } => format!("EC {}", curve.name()),
        other => match other.bits() {
            Some(bits) => format!("{} {bits}-bit", other.algorithm_name()),
            None => other.algorithm_name(),
        },
    }
}

/// `cert.algorithm_unsupported` when the leaf's key is outside `accepted`, with `severity`.
pub(crate) fn check_key_type(
    walk: &mut Walk<'_>,
    leaf: &ParsedCertificate,
    accepted: &KeyTypes,
    (path, provider): (&str, &str),
    severity: Severity,
) -> bool {
    if accepted.accepts(&leaf.key) {
        return true;
    }
    walk.emit_as(
        catalog::CERT_ALGORITHM_UNSUPPORTED,
        severity,
        path,
        format!(
            "The leaf's key is {}; {provider} accepts {}",
            describe_key(&leaf.key),
            accepted.says
        ),
    );
    false
}

/// What differs between the AWS services' tag rules (TARGETS §1, §2).
#[derive(Debug, Clone, Copy)]
pub(crate) struct AwsTagRules {
    /// Fewest tags in a list that is given (ACM: 1; IAM: 0).
    pub min_items: usize,
    /// `Value` must be present (IAM), though it may be empty.
    pub value_required: bool,
    /// Where the user guide's maximum is one below the model's (ACM: 127/255 vs 128/256), a
    /// key or value of exactly the model's maximum is a warning.
    pub guide_is_one_less: bool,
}

/// Most tags per resource (ACM and IAM model `TagList` max 50).
pub(crate) const AWS_MAX_TAGS: usize = 50;
/// Longest tag key in characters (ACM and IAM model `TagKey` max 128).
pub(crate) const AWS_MAX_TAG_KEY: usize = 128;
/// Longest tag value in characters (ACM and IAM model `TagValue` max 256).
pub(crate) const AWS_MAX_TAG_VALUE: usize = 256;

/// AWS `Tags`: count, keys present, lengths, the `[\p{L}\p{Z}\p{N}_.:/=+\-@]` characters, the
/// reserved `aws:` prefix, keys used twice.
pub(crate) fn aws_tags(walk: &mut Walk<'_>, tags: &[Value], path: &str, rules: AwsTagRules) {
    if tags.len() > AWS_MAX_TAGS {
        walk.emit(
            catalog::TAG_TOO_MANY,
            path,
            format!(
                "{} tags are given; at most {AWS_MAX_TAGS} are allowed",
                tags.len()
            ),
        );
    }
    if tags.len() < rules.min_items {
        walk.emit(
            catalog::REQUEST_LENGTH,
            path,
            "`Tags` is an empty list; give at least one tag or leave `Tags` out",
        );
    }
    let mut seen: Vec<(&str, String)> = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let Some(tag) = tag.as_object() else { continue };
        let tag_path = child(path, &index.to_string());
        let key_path = child(&tag_path, "Key");
        match tag.get("Key").and_then(Value::as_str) {
            None | Some("") => {
                walk.emit(
                    catalog::TAG_KEY_MISSING,
                    &key_path,
                    format!("tag {index} has no `Key`; every tag needs a non-empty key"),
                );
            }
            Some(key) => {
                aws_tag_text(walk, key, &key_path, TagPart::Key, rules);
                match seen.iter().find(|(earlier, _)| *earlier == key) {
                    Some((_, first)) => {
                        walk.emit_as(
                            catalog::TAG_DUPLICATE_KEY, Severity::Warning,
                            &key_path,
                            format!(
                                "the tag key {} is already used at {first}; tag keys are case-sensitive and each may appear once",
                                quote(key, QUOTE_CHARS)
                            ),
                        );
                    }
                    None => seen.push((key, key_path.clone())),
                }
            }
        }
        let value_path = child(&tag_path, "Value");
        match tag.get("Value") {
            Some(Value::String(text)) => {
                aws_tag_text(walk, text, &value_path, TagPart::Value, rules)
            }
            None | Some(Value::Null) if rules.value_required => {
                walk.emit(
                    catalog::REQUEST_MISSING_FIELD,
                    &value_path,
                    format!(
                        "tag {index} has no `Value`; it is required (it may be an empty string)"
                    ),
                );
            }
            _ => {}
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagPart {
    Key,
    Value,
}

/// `[\p{L}\p{Z}\p{N}_.:/=+\-@]`: letters, separators, numbers and `_ . : / = + - @`.
fn is_aws_tag_char(c: char) -> bool {
    c.is_alphabetic()
        || c.is_numeric()
        || c == ' '
        || (c.is_whitespace() && !c.is_control())
        || matches!(c, '_' | '.' | ':' | '/' | '=' | '+' | '-' | '@')
}

fn aws_tag_text(walk: &mut Walk<'_>, text: &str, path: &str, part: TagPart, rules: AwsTagRules) {
    let (word, max, too_long, invalid, reserved) = match part {
        TagPart::Key => (
            "key",
            AWS_MAX_TAG_KEY,
            &catalog::TAG_KEY_TOO_LONG,
            &catalog::TAG_KEY_INVALID,
            &catalog::TAG_KEY_RESERVED_PREFIX,
        ),
        TagPart::Value => (
            "value",
            AWS_MAX_TAG_VALUE,
            &catalog::TAG_VALUE_TOO_LONG,
            &catalog::TAG_VALUE_INVALID,
            &catalog::TAG_VALUE_RESERVED_PREFIX,
        ),
    };
    let chars = text.chars().count();
    if chars > max {
        walk.emit(
            too_long,
            path,
            format!("the tag {word} is {chars} characters long; at most {max} are allowed"),
        );
    } else if chars == max && rules.guide_is_one_less {
        walk.emit_as(
            too_long, Severity::Warning,
            path,
            format!(
                "the tag {word} is {chars} characters long: the API model allows {max}, the ACM user guide says at most {}",
                max - 1
            ),
        );
    }
    if let Some((at, c)) = text.chars().enumerate().find(|(_, c)| !is_aws_tag_char(*c)) {
        walk.emit(
            invalid,
            path,
            format!(
                "the tag {word} {} has {c:?} at character {}; tag {word}s may hold letters, spaces, digits and _ . : / = + - @",
                quote(text, QUOTE_CHARS),
                at + 1
            ),
        );
    }
    let lower = text.get(..4).map(str::to_ascii_lowercase);
    if lower.as_deref() == Some("aws:") {
        let exact = text.starts_with("aws:");
        // Only the lowercase prefix is documented; other cases are unverified.
        let severity = if exact {
            reserved.severity
        } else {
            Severity::Warning
        };
        walk.emit_as(
            reserved,
            severity,
            path,
            format!(
                "the tag {word} {} starts with `aws:`, which is reserved for AWS",
                quote(text, QUOTE_CHARS)
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PEM: &str = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    fn b64(bytes: &[u8]) -> String {
        base64_standard::encode(bytes)
    }

    #[test]
    fn blob_forms() {
        let table = [
            (PEM.to_string(), BlobForm::Pem),
            (b64(PEM.as_bytes()), BlobForm::Base64OfPem),
            (b64(b64(PEM.as_bytes()).as_bytes()), BlobForm::Base64Twice),
            (b64(&[0x30, 0x82, 0x01, 0x00, 0xff]), BlobForm::Base64OfDer),
            ("not base64 at all!".to_string(), BlobForm::Unreadable),
            (String::new(), BlobForm::Unreadable),
        ];
        for (value, form) in table {
            let blob = read_blob(&value);
            assert_eq!(blob.form, form, "{value:?}");
            if matches!(form, BlobForm::Base64OfPem | BlobForm::Base64Twice) {
                assert_eq!(blob.text, PEM);
            }
        }
        // Line-wrapped base64 (what `base64` writes) and missing padding decode too.
        let wrapped: String = b64(PEM.as_bytes())
            .as_bytes()
            .chunks(76)
            .map(|c| format!("{}\n", String::from_utf8_lossy(c)))
            .collect();
        assert_eq!(read_blob(&wrapped).form, BlobForm::Base64OfPem);
        assert_eq!(
            read_blob(b64(PEM.as_bytes()).trim_end_matches('=')).form,
            BlobForm::Base64OfPem
        );
    }

    #[test]
    fn aws_tag_characters() {
        for ok in [
            "env",
            "Kostenstelle",
            "コスト",
            "a b",
            "a_b.c:d/e=f+g-h@i",
            "٣",
        ] {
            assert!(ok.chars().all(is_aws_tag_char), "{ok}");
        }
        for bad in ["a*b", "a\tb", "a#b", "a,b", "é!"] {
            assert!(!bad.chars().all(is_aws_tag_char), "{bad}");
        }
    }
}
