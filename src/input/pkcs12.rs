//! PKCS#12 (PFX, RFC 7292) files in: the certificates and private keys they hold, in file
//! order, or why they could not be opened.
//!
//! The decoding, the MAC check and the decryption are `p12-keystore`'s (`Pkcs12Archive`, which
//! keeps the bags in file order with duplicates). This module adds what a pre-flight check needs
//! beyond it: telling a wrong password from a file whose MAC was damaged, and naming the
//! unsupported algorithm.

use p12_keystore::error::Error as P12Error;
use p12_keystore::Pkcs12Archive;
use x509_parser::asn1_rs::{Any, FromDer, Tag};
use zeroize::Zeroizing;

/// What a PKCS#12 file held, in file order. The keys are PKCS#8 DER in buffers wiped on drop.
pub(crate) struct OpenedPkcs12 {
    /// Each certificate bag's DER, in file order.
    pub certificates: Vec<Vec<u8>>,
    /// The private key: the one whose localKeyId a certificate bag shares (the key of that
    /// certificate, as openssl and Windows link them), else the first; PKCS#8 DER.
    pub key: Option<Zeroizing<Vec<u8>>>,
}

/// Why a PKCS#12 file could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Pkcs12Failure {
    /// Not a PKCS#12 structure (what the decoder said).
    Malformed(String),
    /// The MAC does not verify, and the content does not decrypt without it either: the
    /// password is wrong.
    WrongPassword,
    /// A password was given, but the file was written without one (it opens with the empty or
    /// the absent password).
    NoPasswordExpected,
    /// The password decrypts the content but the MAC does not verify: the file was changed or
    /// damaged after it was made.
    MacInvalid,
    /// An encryption scheme or MAC digest the decoder does not implement (its description).
    Unsupported(String),
    /// The password-based key derivation asks for more iterations than the decoder allows (a
    /// bound on the work an input can demand).
    TooManyIterations,
}

/// Opens `der` with `password`. An empty password also tries the absent (NULL) password, as
/// openssl and pyca do: files written "without a password" carry a MAC under it.
pub(crate) fn open(der: &[u8], password: &str) -> Result<OpenedPkcs12, Pkcs12Failure> {
    match Pkcs12Archive::from_pkcs12(der, password) {
        Ok(archive) => Ok(contents(archive)),
        Err(P12Error::MacError(_)) if password.is_empty() && null_password_mac_verifies(der) => {
            open_under_null_password(der)
        }
        Err(P12Error::MacError(_)) => Err(mac_failure(der, password)),
        Err(other) => Err(classify(&other)),
    }
}

/// Whether the file opens with no password: the empty one (pyca's `NoEncryption`, openssl's
/// `-passout pass:`) or the absent one (RFC 7292 B.1).
fn written_without_password(der: &[u8]) -> bool {
    Pkcs12Archive::from_pkcs12(der, "").is_ok() || null_password_mac_verifies(der)
}

/// The MAC verified under the NULL password: the bags stored in the clear can be read (with
/// the MAC left out, already checked); bags encrypted under the NULL password cannot, since the
/// decryption takes its password as text.
fn open_under_null_password(der: &[u8]) -> Result<OpenedPkcs12, Pkcs12Failure> {
    let without_mac = strip_mac(der).ok_or(Pkcs12Failure::Malformed(
        "its PFX structure could not be re-read".to_string(),
    ))?;
    Pkcs12Archive::from_pkcs12(&without_mac, "")
        .map(contents)
        .map_err(|_| {
            Pkcs12Failure::Unsupported(
                "encryption under an absent (NULL) password rather than an empty one".to_string(),
            )
        })
}

/// Whether the PFX's MAC verifies under the NULL password (RFC 7292 B.2 with no password
/// bytes): the KDF is `pkcs12`'s, the HMAC ring's.
fn null_password_mac_verifies(der: &[u8]) -> bool {
    use der::Decode as _;
    let Ok(pfx) = pkcs12::pfx::Pfx::from_der(der) else {
        return false;
    };
    let Some(mac_data) = pfx.mac_data else {
        return false;
    };
    if mac_data.iterations > MAX_MAC_ITERATIONS {
        return false;
    }
    let salt = mac_data.mac_salt.as_bytes();
    let rounds = mac_data.iterations;
    let expected = mac_data.mac.digest.as_bytes();
    let data = pfx.auth_safe.content.value();
    let verify = |algorithm: ring::hmac::Algorithm, key: Vec<u8>| {
        let key = ring::hmac::Key::new(algorithm, &key);
        ring::hmac::verify(&key, data, expected).is_ok()
    };
    let derive = |len| (salt, rounds, len);
    match mac_data.mac.algorithm.oid.to_string().as_str() {
        "1.3.14.3.2.26" => verify(
            ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
            null_key::<sha1::Sha1>(derive(20)),
        ),
        "2.16.840.1.101.3.4.2.1" => verify(
            ring::hmac::HMAC_SHA256,
            null_key::<sha2::Sha256>(derive(32)),
        ),
        "2.16.840.1.101.3.4.2.2" => verify(
            ring::hmac::HMAC_SHA384,
            null_key::<sha2::Sha384>(derive(48)),
        ),
        "2.16.840.1.101.3.4.2.3" => verify(
            ring::hmac::HMAC_SHA512,
            null_key::<sha2::Sha512>(derive(64)),
        ),
        _ => false,
    }
}

/// p12-keystore's bound on the MAC's iterations, kept here too so that the NULL-password retry
/// demands no more work than the first try.
const MAX_MAC_ITERATIONS: i32 = 1_000_000;

/// The MAC key derived from no password bytes at all.
fn null_key<D>((salt, rounds, len): (&[u8], i32, usize)) -> Vec<u8>
where
    D: sha2::digest::Digest
        + sha2::digest::FixedOutputReset
        + sha2::digest::block_api::BlockSizeUser,
{
    pkcs12::kdf::derive_key::<D>(&[], salt, pkcs12::kdf::Pkcs12KeyType::Mac, rounds, len)
}

/// Whether `bytes` look like a PKCS#12 (PFX) file rather than a DER certificate, key or PKCS#7
/// bundle: a DER SEQUENCE whose first member is the INTEGER 3 (PFX version v3) and whose second
/// is a SEQUENCE (the authSafe ContentInfo). A certificate starts with a SEQUENCE, a PKCS#8 key
/// with INTEGER 0. What a reader of files calls before [`CertificateInput::pkcs12`].
///
/// [`CertificateInput::pkcs12`]: crate::CertificateInput::pkcs12
pub fn looks_like_pkcs12(bytes: &[u8]) -> bool {
    pfx_members(bytes).is_some()
}

/// The version and authSafe members of a PFX, as their DER bytes (RFC 7292 4: `PFX ::=
/// SEQUENCE { version INTEGER {v3(3)}, authSafe ContentInfo, macData MacData OPTIONAL }`).
/// Walked with asn1-rs, which x509-parser already links.
fn pfx_members(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let (_, outer) = Any::from_der(bytes).ok()?;
    if outer.tag() != Tag::Sequence {
        return None;
    }
    let (after_version, version) = Any::from_der(outer.data).ok()?;
    let (after_auth_safe, auth_safe) = Any::from_der(after_version).ok()?;
    let is_v3 = version.tag() == Tag::Integer && version.data == [3];
    if !is_v3 || auth_safe.tag() != Tag::Sequence {
        return None;
    }
    let version_der = outer.data.get(..outer.data.len() - after_version.len())?;
    let auth_safe_der = after_version.get(..after_version.len() - after_auth_safe.len())?;
    Some((version_der, auth_safe_der))
}

fn linked_key(archive: &Pkcs12Archive) -> Option<&[u8]> {
    let linked = archive.keys.iter().find(|key| {
        key.local_key_id.as_ref().is_some_and(|id| {
            archive
                .certs
                .iter()
                .any(|cert| cert.local_key_id.as_deref() == Some(id.0.as_slice()))
        })
    });
    linked.or(archive.keys.first()).map(|bag| bag.key.as_der())
}

fn contents(archive: Pkcs12Archive) -> OpenedPkcs12 {
    let key = linked_key(&archive).map(|der| Zeroizing::new(der.to_vec()));
    OpenedPkcs12 {
        certificates: archive
            .certs
            .into_iter()
            .map(|bag| bag.cert.as_der().to_vec())
            .collect(),
        key,
    }
}

/// The MAC failed: with the MAC left out, does the password decrypt the content? If it does,
/// the password is right and the file was altered; if not, the password is wrong.
fn mac_failure(der: &[u8], password: &str) -> Pkcs12Failure {
    if !password.is_empty() && written_without_password(der) {
        return Pkcs12Failure::NoPasswordExpected;
    }
    let Some(without_mac) = strip_mac(der) else {
        return Pkcs12Failure::WrongPassword;
    };
    // A wrong password fails the decryption's padding check or the DER of what it decrypted
    // (AES-CBC and 3DES-CBC padding passes by chance about once in 256 tries, and then the
    // DER fails). Only a file whose bags are all stored in the clear, which openssl writes only
    // when told `-certpbe NONE -keypbe NONE`, decrypts whatever the password.
    match Pkcs12Archive::from_pkcs12(&without_mac, password) {
        Ok(archive) if !archive.keys.is_empty() || !archive.certs.is_empty() => {
            Pkcs12Failure::MacInvalid
        }
        _ => Pkcs12Failure::WrongPassword,
    }
}

/// The PFX without its macData: `SEQUENCE { version, authSafe }`, with a DER length.
fn strip_mac(der: &[u8]) -> Option<Vec<u8>> {
    let (version, auth_safe) = pfx_members(der)?;
    let body_len = version.len() + auth_safe.len();
    let mut out = vec![0x30];
    push_der_length(&mut out, body_len);
    out.extend_from_slice(version);
    out.extend_from_slice(auth_safe);
    Some(out)
}

/// X.690 8.1.3: the short form below 128, else 0x80 | the count of length bytes, then them.
fn push_der_length(out: &mut Vec<u8>, len: usize) {
    let bytes = len.to_be_bytes();
    let leading_zeros = bytes.iter().take_while(|b| **b == 0).count();
    let significant = bytes.get(leading_zeros..).unwrap_or_default();
    match significant {
        [] => out.push(0),
        [short] if *short < 0x80 => out.push(*short),
        long => {
            out.push(0x80 | u8::try_from(long.len()).unwrap_or(0));
            out.extend_from_slice(long);
        }
    }
}

fn classify(err: &P12Error) -> Pkcs12Failure {
    let unsupported = |what: &str| Pkcs12Failure::Unsupported(what.to_string());
    match err {
        P12Error::UnsupportedEncryptionScheme => unsupported(
            "an encryption scheme or MAC digest other than PBES2 (PBKDF2 with AES or 3DES), the PKCS#12 PBE schemes with 3DES or RC2-40, and SHA-1 or SHA-2 MACs",
        ),
        P12Error::UnsupportedMacAlgorithm => {
            unsupported("a MAC digest other than SHA-1 or the SHA-2 family")
        }
        P12Error::UnsupportedContentType => {
            unsupported("public-key (enveloped or signed) protection instead of a password")
        }
        P12Error::InvalidParameters => Pkcs12Failure::TooManyIterations,
        // The decoder knows the structure but not the algorithm it names.
        P12Error::DerError(e) if matches!(e.kind(), der::ErrorKind::OidUnknown { .. }) => {
            Pkcs12Failure::Unsupported(format!("an algorithm that is not implemented here ({e})"))
        }
        // pkcs5 names an algorithm inside PBES2 it does not implement (its OID).
        P12Error::Pkcs5Error(what) if what.contains("unsupported") => {
            Pkcs12Failure::Unsupported(format!("an algorithm inside PBES2 that is not implemented here ({what})"))
        }
        // A padding or decryption error in a file without a MAC: the password is wrong.
        P12Error::UnpadError | P12Error::Pkcs5Error(_) => Pkcs12Failure::WrongPassword,
        other => Pkcs12Failure::Malformed(other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn der_lengths_use_the_short_and_long_forms() {
        let cases: [(usize, &[u8]); 4] = [
            (0, &[0x00]),
            (0x7f, &[0x7f]),
            (0x80, &[0x81, 0x80]),
            (0x1234, &[0x82, 0x12, 0x34]),
        ];
        for (len, expected) in cases {
            let mut out = Vec::new();
            push_der_length(&mut out, len);
            assert_eq!(out, expected, "length {len}");
        }
    }

    #[test]
    fn a_certificate_or_a_key_is_not_taken_for_a_pfx() {
        // SEQUENCE { SEQUENCE {} } (certificate-shaped) and SEQUENCE { INTEGER 0, ... } (PKCS#8).
        assert!(!looks_like_pkcs12(&[0x30, 0x02, 0x30, 0x00]));
        assert!(!looks_like_pkcs12(&[
            0x30, 0x05, 0x02, 0x01, 0x00, 0x30, 0x00
        ]));
        assert!(looks_like_pkcs12(&[
            0x30, 0x05, 0x02, 0x01, 0x03, 0x30, 0x00
        ]));
        assert!(!looks_like_pkcs12(b"-----BEGIN CERTIFICATE-----"));
        assert!(!looks_like_pkcs12(&[]));
    }

    #[test]
    fn garbage_is_malformed_not_a_crash() {
        for bytes in [
            &b""[..],
            &[0x30, 0x80],
            &[0x30, 0x03, 0x02, 0x01, 0x03],
            b"hello",
        ] {
            assert!(
                matches!(open(bytes, "pw"), Err(Pkcs12Failure::Malformed(_))),
                "{bytes:?}"
            );
        }
    }
}
