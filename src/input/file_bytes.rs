//! The bytes of a file as the text of a certificate or key field. The command line reads its
//! files this way and the Python package reads `bytes` this way, so that one input gives one
//! report whichever front it came through.
//!
//! UTF-8 is taken as is. Binary DER (an ASN.1 SEQUENCE that is not UTF-8) is wrapped into the
//! PEM block of its kind, so the core checks it like any PEM. Other bytes that are not UTF-8
//! (an `openssl x509 -text` dump, PKCS#12 "Bag Attributes" around clean PEM blocks) are read
//! lossily: the text around the blocks is `pem.stray_text` and the blocks are checked.

use std::borrow::Cow;

use x509_parser::der_parser::asn1_rs::{Any, Class, FromDer};
use zeroize::Zeroizing;

use crate::input::pem::{encode_block, encode_secret_block};

/// How [`certificate_text`] read a file's bytes (the CLI says so in a note).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum BytesReadAs {
    /// UTF-8 text, unchanged.
    Text,
    /// Binary DER, wrapped into one `CERTIFICATE` block.
    Der,
    /// Not all UTF-8: bytes that are not were read as U+FFFD.
    Lossy,
}

/// The certificate field's text for the bytes of a file, and how they were read.
///
/// ```
/// use cert_preflight::{certificate_text, BytesReadAs};
/// let (text, read_as) = certificate_text(&[0x30, 0x03, 0x02, 0x01, 0xff]);
/// assert_eq!(read_as, BytesReadAs::Der);
/// assert!(text.starts_with("-----BEGIN CERTIFICATE-----\n"));
/// ```
pub fn certificate_text(bytes: &[u8]) -> (Cow<'_, str>, BytesReadAs) {
    match std::str::from_utf8(bytes) {
        Ok(text) => (Cow::Borrowed(text), BytesReadAs::Text),
        Err(_) if bytes.first() == Some(&0x30) => (
            Cow::Owned(encode_block("CERTIFICATE", bytes)),
            BytesReadAs::Der,
        ),
        Err(_) => (String::from_utf8_lossy(bytes), BytesReadAs::Lossy),
    }
}

/// The private key field's text for the bytes of a file, in a buffer wiped when dropped. A
/// binary DER key (PKCS#8, encrypted PKCS#8, PKCS#1 RSA or SEC1 EC, told apart by the shape of
/// its outer SEQUENCE) is wrapped into the PEM block of its kind; other bytes that are not
/// UTF-8 are read lossily, so the core reports them without anyone quoting them.
pub fn private_key_text(bytes: &[u8]) -> Zeroizing<String> {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Zeroizing::new(text.to_string());
    }
    if let Some(label) = der_key_label(bytes) {
        return encode_secret_block(label, bytes);
    }
    Zeroizing::new(String::from_utf8_lossy(bytes).into_owned())
}

/// Whether the private key field's text holds an encrypted private key (`ENCRYPTED PRIVATE
/// KEY`, or a block with the legacy `Proc-Type: 4,ENCRYPTED` header): what a caller checks
/// before asking for a key password (the command line prompts only then). Reads block labels
/// and headers only.
pub fn private_key_is_encrypted(text: &str) -> bool {
    crate::input::pem::scan(text).blocks.iter().any(|block| {
        crate::model::is_private_key_label(&block.label)
            && (block.label == "ENCRYPTED PRIVATE KEY" || block.is_legacy_encrypted())
    })
}

/// The PEM label of a DER private key, from the tags of its outer SEQUENCE's first two
/// elements: `INTEGER, SEQUENCE` is PKCS#8 (version, algorithm); `SEQUENCE, OCTET STRING`
/// encrypted PKCS#8 (algorithm, data); `INTEGER, INTEGER` PKCS#1 RSA (version, modulus);
/// `INTEGER, OCTET STRING` SEC1 EC (version, private key). Anything else is not a DER key.
fn der_key_label(der: &[u8]) -> Option<&'static str> {
    let (_, outer) = Any::from_der(der).ok()?;
    if universal_tag(&outer) != Some(0x10) || !outer.header.is_constructed() {
        return None;
    }
    let (rest, first) = Any::from_der(outer.data).ok()?;
    let (_, second) = Any::from_der(rest).ok()?;
    match (universal_tag(&first)?, universal_tag(&second)?) {
        (0x02, 0x10) => Some("PRIVATE KEY"),
        (0x10, 0x04) => Some("ENCRYPTED PRIVATE KEY"),
        (0x02, 0x02) => Some("RSA PRIVATE KEY"),
        (0x02, 0x04) => Some("EC PRIVATE KEY"),
        _ => None,
    }
}

/// The tag number of a universal-class element (0x02 INTEGER, 0x04 OCTET STRING, 0x10 SEQUENCE).
fn universal_tag(element: &Any<'_>) -> Option<u32> {
    (element.class() == Class::Universal).then_some(element.tag().0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (bytes, label or None): the four key shapes and things that are not keys.
    #[test]
    fn der_key_labels_follow_the_outer_sequence() {
        let cases: &[(&[u8], Option<&str>)] = &[
            (&[0x30, 0x06, 0x02, 0x01, 0x00, 0x30, 0x02, 0x05], None), // inner SEQUENCE overruns
            (
                &[0x30, 0x07, 0x02, 0x01, 0x00, 0x30, 0x02, 0x05, 0x00],
                Some("PRIVATE KEY"),
            ),
            (
                &[0x30, 0x06, 0x30, 0x00, 0x04, 0x02, 0xaa, 0xbb],
                Some("ENCRYPTED PRIVATE KEY"),
            ),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x07],
                Some("RSA PRIVATE KEY"),
            ),
            (
                &[0x30, 0x06, 0x02, 0x01, 0x01, 0x04, 0x01, 0xff],
                Some("EC PRIVATE KEY"),
            ),
            (&[0x31, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x07], None), // a SET
            (&[0x30, 0x03, 0x02, 0x01, 0x00], None),                   // one element
            (&[0x30, 0x84, 0xff, 0xff, 0xff, 0xff], None),             // length past the end
            (&[], None),
        ];
        for (bytes, label) in cases {
            assert_eq!(der_key_label(bytes), *label, "{bytes:02x?}");
        }
    }

    #[test]
    fn key_text_wraps_der_and_reads_other_bytes_lossily() {
        // PKCS#1 shape (INTEGER, INTEGER) with a byte that is not UTF-8.
        let der = [0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0xff];
        assert_eq!(
            private_key_text(&der).as_str(),
            "-----BEGIN RSA PRIVATE KEY-----\nMAYCAQACAf8=\n-----END RSA PRIVATE KEY-----\n"
        );
        assert_eq!(
            private_key_text(b"ab\xffcd").as_str(),
            "ab\u{fffd}cd",
            "not DER: lossy"
        );
        assert_eq!(private_key_text(b"plain").as_str(), "plain");
    }

    #[test]
    fn certificate_text_reads_text_der_and_other_bytes() {
        assert_eq!(
            certificate_text(b"pem"),
            (Cow::Borrowed("pem"), BytesReadAs::Text)
        );
        let (text, read_as) = certificate_text(b"Bag \xff\n-----BEGIN");
        assert_eq!(
            (text.as_ref(), read_as),
            ("Bag \u{fffd}\n-----BEGIN", BytesReadAs::Lossy)
        );
        let (text, read_as) = certificate_text(&[0x30, 0x80, 0xff]);
        assert_eq!(read_as, BytesReadAs::Der);
        assert_eq!(
            text,
            "-----BEGIN CERTIFICATE-----\nMID/\n-----END CERTIFICATE-----\n"
        );
    }
}
