//! Opening an encrypted private key with the caller's key password (issue 22, item 3: "an
//! encrypted key is converted only when its password is given"), so that it is checked like a
//! plaintext key and can be written unencrypted for the clouds that refuse encrypted keys.
//!
//! Two forms, the two that OpenSSL writes:
//!
//! - PKCS#8 `ENCRYPTED PRIVATE KEY` (RFC 5958 3): PBES2 (RFC 8018 6.2) with PBKDF2 under
//!   HMAC-SHA1 or SHA-2 and AES-128/192/256-CBC or DES-EDE3-CBC. Parsed by `pkcs8`, decrypted
//!   by `pkcs5`. PBES1, scrypt and the AES-GCM schemes are reported unsupported: OpenSSL does
//!   not write them for keys by default, and scrypt's memory cost is the caller's to choose.
//! - The legacy OpenSSL PEM encryption (RFC 1421 headers, `Proc-Type: 4,ENCRYPTED` and
//!   `DEK-Info: AES-256-CBC,<IV hex>`), which `openssl rsa -aes128` and `openssl ec -des3`
//!   write: the key is EVP_BytesToKey(MD5, salt = the IV's first 8 bytes, one iteration), the
//!   cipher AES-CBC or DES-EDE3-CBC with PKCS#7 padding.
//!
//! A wrong password is told from a damaged file the way OpenSSL tells it: CBC padding that does
//! not check, or a plaintext that is not a DER SEQUENCE of the length it claims. Neither the
//! password nor the key ever reaches a message; every buffer holding either is wiped on drop.
//! Gated by the `encrypted-keys` feature: the browser modules leave it out for their budgets.

use cbc::cipher::{block_padding::Pkcs7, BlockCipherDecrypt, BlockModeDecrypt, KeyInit, KeyIvInit};
use md5::{Digest, Md5};
use pkcs5::pbes2;
use pkcs8::EncryptedPrivateKeyInfoRef;
use zeroize::Zeroizing;

/// Most PBKDF2 iterations tried: 2,000,000, well over what OpenSSL (2,048), pyca (a few
/// hundred thousand) or OWASP (600,000 for SHA-256) use, and low enough that a hostile file
/// cannot hold a check for minutes (`pkcs5` itself accepts 100,000,000).
pub(crate) const MAX_PBKDF2_ITERATIONS: u32 = 2_000_000;

/// Why an encrypted key could not be opened. Never holds the password or key bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum DecryptFailure {
    /// The scheme was understood but the password does not open the key.
    WrongPassword,
    /// A scheme, cipher or parameter this decoder does not implement (its description).
    Unsupported(String),
    /// The encrypted structure itself cannot be read (the reason).
    Malformed(String),
}

/// Decrypts a PKCS#8 EncryptedPrivateKeyInfo's DER: the PrivateKeyInfo DER inside.
pub(crate) fn decrypt_pkcs8(
    der: &[u8],
    password: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptFailure> {
    let info =
        EncryptedPrivateKeyInfoRef::try_from(der).map_err(|e| describe_scheme_error(der, &e))?;
    let params = match &info.encryption_algorithm {
        pkcs5::EncryptionScheme::Pbes2(params) => params,
        pkcs5::EncryptionScheme::Pbes1(_) => {
            return Err(DecryptFailure::Unsupported(
                "PBES1 (PKCS#5 v1.5: DES or RC2 with MD5 or SHA-1)".into(),
            ))
        }
        _ => {
            return Err(DecryptFailure::Unsupported(
                "an unknown encryption scheme".into(),
            ))
        }
    };
    check_pbes2(params)?;
    let mut buffer = Zeroizing::new(info.encrypted_data.as_bytes().to_vec());
    let plain = params
        .decrypt_in_place(password, &mut buffer)
        .map_err(|e| match e {
            pkcs5::Error::DecryptFailed => DecryptFailure::WrongPassword,
            _ => DecryptFailure::Unsupported(format!("PBES2 parameters it cannot use ({e})")),
        })?;
    plaintext_key(plain)
}

/// Only PBKDF2 within the iteration cap, and only the CBC ciphers (the ones OpenSSL writes).
fn check_pbes2(params: &pbes2::Parameters) -> Result<(), DecryptFailure> {
    let Some(kdf) = params.kdf.pbkdf2() else {
        return Err(DecryptFailure::Unsupported(
            "PBES2 with scrypt (only PBKDF2 is read)".into(),
        ));
    };
    if kdf.iteration_count > MAX_PBKDF2_ITERATIONS {
        return Err(DecryptFailure::Unsupported(format!(
            "PBKDF2 with {} iterations, over the {MAX_PBKDF2_ITERATIONS} tried",
            kdf.iteration_count
        )));
    }
    match params.encryption {
        pbes2::EncryptionScheme::Aes128Cbc { .. }
        | pbes2::EncryptionScheme::Aes192Cbc { .. }
        | pbes2::EncryptionScheme::Aes256Cbc { .. }
        | pbes2::EncryptionScheme::DesEde3Cbc { .. } => Ok(()),
        _ => Err(DecryptFailure::Unsupported(format!(
            "PBES2 with the cipher {} (AES-128/192/256-CBC and DES-EDE3-CBC are read)",
            params.encryption.oid()
        ))),
    }
}

/// A structure that did not decode: unsupported when its outer shape is an
/// EncryptedPrivateKeyInfo whose algorithm (or PBES2 parameters) `pkcs5` does not know,
/// malformed otherwise.
fn describe_scheme_error(der: &[u8], error: &pkcs8::Error) -> DecryptFailure {
    use pkcs8::der::{asn1::OctetStringRef, Decode as _, Reader as _, SliceReader};
    let outer = SliceReader::new(der).and_then(|mut reader| {
        reader.sequence(|seq| {
            let algorithm = pkcs8::spki::AlgorithmIdentifierRef::decode(seq)?;
            <&OctetStringRef>::decode(seq)?;
            Ok(algorithm.oid)
        })
    });
    match outer {
        // PBES2 whose parameters did not decode: a KDF, PRF or cipher pkcs5 does not know
        // (Camellia, SHA-3), or damaged parameters; the two cannot be told apart.
        Ok(oid) if oid == pbes2::PBES2_OID => DecryptFailure::Unsupported(format!(
            "PBES2 parameters that cannot be read: a KDF, PRF or cipher other than PBKDF2 with HMAC-SHA1 or SHA-2 and AES-CBC or DES-EDE3-CBC, or damaged ones ({error})"
        )),
        Ok(oid) => DecryptFailure::Unsupported(format!(
            "the encryption algorithm {oid}, which is not PBES2 (only PBES2 with PBKDF2 and AES-CBC or DES-EDE3-CBC is read)"
        )),
        Err(_) => DecryptFailure::Malformed(format!(
            "it is not an EncryptedPrivateKeyInfo structure ({error})"
        )),
    }
}

/// The legacy OpenSSL ciphers of `DEK-Info`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LegacyCipher {
    Aes128,
    Aes192,
    Aes256,
    DesEde3,
}

impl LegacyCipher {
    fn from_name(name: &str) -> Option<Self> {
        match name.to_ascii_uppercase().as_str() {
            "AES-128-CBC" => Some(LegacyCipher::Aes128),
            "AES-192-CBC" => Some(LegacyCipher::Aes192),
            "AES-256-CBC" => Some(LegacyCipher::Aes256),
            "DES-EDE3-CBC" => Some(LegacyCipher::DesEde3),
            _ => None,
        }
    }

    /// (key length, IV length) in bytes.
    fn sizes(self) -> (usize, usize) {
        match self {
            LegacyCipher::Aes128 => (16, 16),
            LegacyCipher::Aes192 => (24, 16),
            LegacyCipher::Aes256 => (32, 16),
            LegacyCipher::DesEde3 => (24, 8),
        }
    }
}

/// Decrypts a legacy-encrypted PEM block's bytes with the cipher and IV its `DEK-Info` header
/// names: the traditional key DER inside (PKCS#1 or SEC1, as the block's label says).
pub(crate) fn decrypt_legacy(
    headers: &[(String, String)],
    der: &[u8],
    password: &[u8],
) -> Result<Zeroizing<Vec<u8>>, DecryptFailure> {
    let dek_info = headers
        .iter()
        .find(|(name, _)| name.eq_ignore_ascii_case("DEK-Info"))
        .map(|(_, value)| value.as_str())
        .ok_or_else(|| {
            DecryptFailure::Malformed("Proc-Type: 4,ENCRYPTED without a DEK-Info header".into())
        })?;
    let (name, iv_hex) = dek_info.split_once(',').unwrap_or((dek_info, ""));
    let name = name.trim();
    let cipher = LegacyCipher::from_name(name).ok_or_else(|| {
        // The header is not secret, but it is the caller's text: quoted only when it looks
        // like a cipher name.
        let shown =
            if name.len() <= 32 && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
                name
            } else {
                "named in DEK-Info"
            };
        DecryptFailure::Unsupported(format!(
            "the legacy PEM cipher {shown} (AES-128/192/256-CBC and DES-EDE3-CBC are read)"
        ))
    })?;
    let (key_len, iv_len) = cipher.sizes();
    let iv = decode_hex(iv_hex.trim())
        .filter(|iv| iv.len() == iv_len)
        .ok_or_else(|| {
            DecryptFailure::Malformed(format!(
                "the DEK-Info IV is not {iv_len} bytes of hexadecimal"
            ))
        })?;
    // EVP_BytesToKey's salt is the IV's first 8 bytes (PKCS5_SALT_LEN).
    let salt = iv.get(..8).unwrap_or(&iv);
    if der.is_empty() || der.len() % iv_len != 0 {
        return Err(DecryptFailure::Malformed(format!(
            "{} bytes of ciphertext, not a whole number of {iv_len}-byte blocks",
            der.len()
        )));
    }
    let key = bytes_to_key(password, salt, key_len);
    let mut buffer = Zeroizing::new(der.to_vec());
    let plain = match cipher {
        LegacyCipher::Aes128 => cbc_decrypt::<aes::Aes128Dec>(&key, &iv, &mut buffer),
        LegacyCipher::Aes192 => cbc_decrypt::<aes::Aes192Dec>(&key, &iv, &mut buffer),
        LegacyCipher::Aes256 => cbc_decrypt::<aes::Aes256Dec>(&key, &iv, &mut buffer),
        LegacyCipher::DesEde3 => cbc_decrypt::<des::TdesEde3>(&key, &iv, &mut buffer),
    }?;
    plaintext_key(plain)
}

/// CBC with PKCS#7 padding, in place; bad padding is a wrong password.
fn cbc_decrypt<'b, C: BlockCipherDecrypt + KeyInit>(
    key: &[u8],
    iv: &[u8],
    buffer: &'b mut [u8],
) -> Result<&'b [u8], DecryptFailure> {
    cbc::Decryptor::<C>::new_from_slices(key, iv)
        .map_err(|_| DecryptFailure::Malformed("a key or IV of the wrong length".into()))?
        .decrypt_padded::<Pkcs7>(buffer)
        .map_err(|_| DecryptFailure::WrongPassword)
}

/// OpenSSL's EVP_BytesToKey with MD5 and one iteration (what `PEM_do_header` uses):
/// D_1 = MD5(password || salt), D_i = MD5(D_{i-1} || password || salt), the key the first
/// `len` bytes of D_1 || D_2 || ...
fn bytes_to_key(password: &[u8], salt: &[u8], len: usize) -> Zeroizing<Vec<u8>> {
    let mut key = Zeroizing::new(Vec::with_capacity(len + 16));
    let mut previous: Option<Zeroizing<[u8; 16]>> = None;
    while key.len() < len {
        let mut md5 = Md5::new();
        if let Some(block) = &previous {
            md5.update(block.as_slice());
        }
        md5.update(password);
        md5.update(salt);
        let block = Zeroizing::new(<[u8; 16]>::from(md5.finalize()));
        key.extend_from_slice(block.as_slice());
        previous = Some(block);
    }
    key.truncate(len);
    key
}

/// Hexadecimal digits as bytes; `None` for an odd count or another character.
fn decode_hex(text: &str) -> Option<Vec<u8>> {
    let digits = text.as_bytes();
    if digits.len() % 2 != 0 {
        return None;
    }
    digits
        .chunks(2)
        .map(|pair| {
            let text = std::str::from_utf8(pair).ok()?;
            u8::from_str_radix(text, 16).ok()
        })
        .collect()
}

/// The plaintext when it is one DER SEQUENCE filling it exactly, as every key encoding is;
/// otherwise the padding checked by chance (about 1 in 256) and the password was wrong.
fn plaintext_key(plain: &[u8]) -> Result<Zeroizing<Vec<u8>>, DecryptFailure> {
    if is_one_sequence(plain) {
        Ok(Zeroizing::new(plain.to_vec()))
    } else {
        Err(DecryptFailure::WrongPassword)
    }
}

/// Whether `der` is exactly one SEQUENCE with a definite length.
fn is_one_sequence(der: &[u8]) -> bool {
    let [0x30, first, rest @ ..] = der else {
        return false;
    };
    let (length, content) = match *first {
        short @ 0..=0x7f => (usize::from(short), rest),
        long @ 0x81..=0x84 => {
            let count = usize::from(long & 0x7f);
            let Some((length_bytes, content)) = rest.split_at_checked(count) else {
                return false;
            };
            let length = length_bytes
                .iter()
                .fold(0usize, |acc, b| (acc << 8) | usize::from(*b));
            (length, content)
        }
        _ => return false,
    };
    content.len() == length
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::panic, reason = "test code")]
    use super::*;

    #[test]
    fn bytes_to_key_matches_openssl() {
        // `openssl enc -aes-256-cbc -md md5 -S 0001020304050607 -pass pass:test -P` prints
        // the key below.
        let key = bytes_to_key(b"test", &[0, 1, 2, 3, 4, 5, 6, 7], 32);
        assert_eq!(hex(&key), EXPECTED_KEY);
        let again = bytes_to_key(b"test", &[0, 1, 2, 3, 4, 5, 6, 7], 16);
        assert_eq!(key.get(..16), Some(again.as_slice()));
    }

    const EXPECTED_KEY: &str = "EE529754BB720561FEF2AB980438B1ABFA1392A607394F1F5C42403E338CB5A5";

    fn hex(bytes: &[u8]) -> String {
        bytes.iter().map(|b| format!("{b:02X}")).collect()
    }

    #[test]
    fn hex_and_sequence_shapes() {
        assert_eq!(decode_hex("0aFf"), Some(vec![0x0a, 0xff]));
        assert_eq!(decode_hex("0a0"), None);
        assert_eq!(decode_hex("zz"), None);
        assert!(is_one_sequence(&[0x30, 0x00]));
        assert!(is_one_sequence(&[0x30, 0x81, 0x01, 0x05]));
        assert!(!is_one_sequence(&[0x30, 0x02, 0x05]));
        assert!(!is_one_sequence(&[0x04, 0x00]));
        assert!(!is_one_sequence(&[0x30, 0x80, 0x00, 0x00]));
    }

    #[test]
    fn pkcs8_structures_that_do_not_decode() {
        // Not DER at all.
        assert!(matches!(
            decrypt_pkcs8(b"\x30\x03\x02\x01", b"pw"),
            Err(DecryptFailure::Malformed(_))
        ));
        // SEQUENCE { SEQUENCE { OID 1.2.840.113549.1.5.13 (PBES2), NULL }, OCTET STRING {} }:
        // PBES2 with parameters that cannot be read is unsupported, not "not PBES2".
        let pbes2_null = [
            0x30, 0x11, 0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x05,
            0x0d, 0x05, 0x00, 0x04, 0x00,
        ];
        match decrypt_pkcs8(&pbes2_null, b"pw") {
            Err(DecryptFailure::Unsupported(why)) => {
                assert!(why.starts_with("PBES2 parameters"), "{why}")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn legacy_headers_are_required_and_checked() {
        let none: Vec<(String, String)> = Vec::new();
        assert!(matches!(
            decrypt_legacy(&none, &[0; 16], b"pw"),
            Err(DecryptFailure::Malformed(_))
        ));
        let rc2 = vec![(
            "DEK-Info".to_string(),
            "RC2-CBC,0001020304050607".to_string(),
        )];
        assert!(matches!(
            decrypt_legacy(&rc2, &[0; 16], b"pw"),
            Err(DecryptFailure::Unsupported(_))
        ));
        let short_iv = vec![("DEK-Info".to_string(), "AES-128-CBC,00".to_string())];
        assert!(matches!(
            decrypt_legacy(&short_iv, &[0; 16], b"pw"),
            Err(DecryptFailure::Malformed(_))
        ));
        let aes = vec![(
            "DEK-Info".to_string(),
            "AES-128-CBC,000102030405060708090A0B0C0D0E0F".to_string(),
        )];
        assert!(matches!(
            decrypt_legacy(&aes, &[0; 15], b"pw"),
            Err(DecryptFailure::Malformed(_))
        ));
    }
}
