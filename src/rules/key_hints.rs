//! The exact command that converts a private key into the encoding a target wants, for the
//! messages of the rules about a key's encoding. The commands name placeholder files
//! (`key.pem`), never the key: the key's text never reaches a message.
//!
//! `openssl pkey` (OpenSSL 1.1.1 and 3.x) writes PKCS#8 by default and, with `-traditional`,
//! PKCS#1 for an RSA key (SEC1 for EC); OpenSSL 3.0's `openssl rsa` writes PKCS#8 unless told
//! otherwise, so it is not used. ssh-keygen reads OpenSSH keys, which openssl cannot.

use crate::context::ProviderProfile;
use crate::model::key::{KeyFormat, PrivateKeyInfo, PublicHalf};

/// `key.format_pkcs8` (Alibaba CLB wants PKCS#1 RSA): the command for an RSA key, or why no
/// command helps for another key type.
pub(crate) fn to_pkcs1(info: &PrivateKeyInfo) -> String {
    match (&info.public, info.format) {
        (PublicHalf::Rsa { .. }, _) => {
            "convert it with `openssl pkey -in key.pem -traditional -out key-pkcs1.pem` (key.pem: your key file; the result starts with BEGIN RSA PRIVATE KEY)".to_string()
        }
        _ => "no command converts a non-RSA key to PKCS#1: CLB documents RSA keys and certificates, so issue an RSA key and certificate".to_string(),
    }
}

/// `key.encrypted`: the command that writes the key unencrypted, in the encoding the profile
/// wants (PKCS#1 for Alibaba CLB, PKCS#8 elsewhere); it asks for the passphrase.
pub(crate) fn decrypt(profile: ProviderProfile) -> &'static str {
    match profile {
        ProviderProfile::AlibabaSlb => {
            "`openssl pkey -in key.pem -traditional -out key-plain.pem` (key.pem: your key file; it asks for the passphrase and writes PKCS#1 for an RSA key, as CLB documents)"
        }
        ProviderProfile::Generic => {
            "`openssl pkey -in key.pem -out key-plain.pem` (key.pem: your key file; it asks for the passphrase and writes unencrypted PKCS#8)"
        }
    }
}

/// `key.unsupported` for a block of another label: the command that converts it, where one
/// exists.
pub(crate) fn from_label(label: &str) -> &'static str {
    match label {
        "OPENSSH PRIVATE KEY" => {
            "openssl cannot read OpenSSH keys: convert a copy with `cp key key-copy && ssh-keygen -p -m PEM -f key-copy` (it rewrites key-copy as PEM: PKCS#1 for RSA, SEC1 for EC)"
        }
        _ => {
            "use PKCS#8 (BEGIN PRIVATE KEY), PKCS#1 RSA or SEC1 EC; openssl converts any key it reads with `openssl pkey -in key.pem -out key-pkcs8.pem` (key.pem: your key file)"
        }
    }
}

/// True when the key is already in the encoding `key.format_pkcs8` asks for.
pub(crate) fn is_pkcs1(info: &PrivateKeyInfo) -> bool {
    info.format == KeyFormat::Pkcs1
}
