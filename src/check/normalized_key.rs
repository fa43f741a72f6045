//! The private key as the target takes it: the key's half of the mechanical fix (issue 22).
//!
//! The report is the public JSON contract and never holds key material, so the re-encoded
//! key travels beside it, only to a caller that asked for it
//! ([`check_certificate_with_key_fix`](crate::check_certificate_with_key_fix)). Its text is
//! wiped when dropped, and neither `Debug` nor any other trait prints it.
//!
//! SPEC disagrees with itself here: "Fixing, not only finding" says a private key is never
//! rewritten or printed, while its command-line section (and issue 22) adds `--fix-key`, which
//! writes the key in the encoding the target needs. Both hold as far as they can: the key is
//! rewritten only into a file the user names, only when asked, and is still never printed.

use zeroize::Zeroizing;

use crate::input::pem::encode_secret_block;
use crate::model::key::KeyFormat;
use crate::model::key_encoding::ConvertedKey;

/// How a private key is encoded: the PEM label it is written under.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum KeyEncoding {
    /// PKCS#8 PrivateKeyInfo, `BEGIN PRIVATE KEY` (RFC 5208, RFC 5958).
    Pkcs8,
    /// PKCS#1 RSAPrivateKey, `BEGIN RSA PRIVATE KEY` (RFC 8017 A.1.2).
    Pkcs1,
    /// SEC1 ECPrivateKey, `BEGIN EC PRIVATE KEY` (RFC 5915).
    Sec1,
}

impl KeyEncoding {
    /// `PKCS#8`, `PKCS#1` or `SEC1`.
    pub fn name(self) -> &'static str {
        KeyFormat::from(self).name()
    }

    /// The PEM label: `PRIVATE KEY`, `RSA PRIVATE KEY` or `EC PRIVATE KEY`.
    pub fn pem_label(self) -> &'static str {
        KeyFormat::from(self).label()
    }
}

impl From<KeyEncoding> for KeyFormat {
    fn from(encoding: KeyEncoding) -> Self {
        match encoding {
            KeyEncoding::Pkcs8 => KeyFormat::Pkcs8,
            KeyEncoding::Pkcs1 => KeyFormat::Pkcs1,
            KeyEncoding::Sec1 => KeyFormat::Sec1,
        }
    }
}

fn encoding_of(format: KeyFormat) -> KeyEncoding {
    match format {
        KeyFormat::Pkcs8 => KeyEncoding::Pkcs8,
        KeyFormat::Pkcs1 => KeyEncoding::Pkcs1,
        KeyFormat::Sec1 => KeyEncoding::Sec1,
    }
}

/// The private key rewritten in the encoding its target takes: one unencrypted PEM block,
/// 64-column base64, `\n` line ends. Write it only where the user said (the CLI's
/// `--fix-key FILE`, created owner-only); its `Debug` shows the encoding, never the key.
#[derive(Clone)]
pub struct NormalizedKey {
    pem: Zeroizing<String>,
    encoding: KeyEncoding,
}

impl NormalizedKey {
    /// The key as PEM text. It is key material: never print or log it.
    pub fn pem(&self) -> &str {
        &self.pem
    }

    /// The encoding the key is written in.
    pub fn encoding(&self) -> KeyEncoding {
        self.encoding
    }
}

impl std::fmt::Debug for NormalizedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NormalizedKey")
            .field("encoding", &self.encoding)
            .field("pem", &"<redacted>")
            .finish()
    }
}

impl From<ConvertedKey> for NormalizedKey {
    fn from(key: ConvertedKey) -> Self {
        NormalizedKey {
            pem: encode_secret_block(key.format.label(), &key.der),
            encoding: encoding_of(key.format),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_shows_the_key() {
        let key = NormalizedKey::from(ConvertedKey {
            format: KeyFormat::Pkcs1,
            der: Zeroizing::new(b"secret bytes".to_vec()),
        });
        assert!(key.pem().starts_with("-----BEGIN RSA PRIVATE KEY-----\n"));
        let shown = format!("{key:?}");
        assert_eq!(
            shown,
            "NormalizedKey { encoding: Pkcs1, pem: \"<redacted>\" }"
        );
        assert!(!shown.contains("c2VjcmV0"), "{shown}");
        assert_eq!(key.encoding().name(), "PKCS#1");
        assert_eq!(key.encoding().pem_label(), "RSA PRIVATE KEY");
    }
}
