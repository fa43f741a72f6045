//! A private key, read just far enough to know its format and its public half.
//!
//! The public half is derived (RSA modulus and exponent, the EC point the key carries, the
//! Ed25519 public key computed by ring); the key's own bytes stay only in [`SecretDer`], wiped
//! on drop. No type here prints key material in `Debug`.

use std::borrow::Cow;

use ring::signature::{Ed25519KeyPair, KeyPair};
use x509_parser::asn1_rs::{Any, Class, FromDer, Oid, Tag};
use zeroize::Zeroizing;

use super::certificate::{Curve, KeyKind, ParsedCertificate};
use super::oid_names::dotted;

/// How the key was encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KeyFormat {
    /// `BEGIN PRIVATE KEY` (PKCS#8 PrivateKeyInfo).
    Pkcs8,
    /// `BEGIN RSA PRIVATE KEY` (PKCS#1 RSAPrivateKey).
    Pkcs1,
    /// `BEGIN EC PRIVATE KEY` (SEC1 ECPrivateKey).
    Sec1,
}

impl KeyFormat {
    /// The PEM label of a block in this format.
    pub(crate) fn label(self) -> &'static str {
        match self {
            KeyFormat::Pkcs8 => "PRIVATE KEY",
            KeyFormat::Pkcs1 => "RSA PRIVATE KEY",
            KeyFormat::Sec1 => "EC PRIVATE KEY",
        }
    }

    /// The format's name: `PKCS#8`, `PKCS#1` or `SEC1`.
    pub(crate) fn name(self) -> &'static str {
        match self {
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Sec1 => "SEC1",
        }
    }
}

/// A private key block's DER: wiped on drop, and its `Debug` shows only its length.
pub(crate) struct SecretDer(pub Zeroizing<Vec<u8>>);

impl SecretDer {
    /// The DER bytes.
    pub(crate) fn bytes(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for SecretDer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "<{} bytes of key, redacted>", self.0.len())
    }
}

/// The public half of a private key, in the form a certificate's SPKI carries it.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum PublicHalf {
    /// Modulus and exponent as unsigned big-endian bytes, leading zeros removed.
    Rsa { modulus: Vec<u8>, exponent: Vec<u8> },
    /// The curve, and the point the key carries (None when the key omits it).
    Ec {
        curve: Curve,
        point: Option<Vec<u8>>,
    },
    /// The 32-byte public key derived from the seed.
    Ed25519(Vec<u8>),
}

impl std::fmt::Debug for PublicHalf {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PublicHalf::Rsa { modulus, .. } => write!(f, "Rsa({} bits)", rsa_bits(modulus)),
            PublicHalf::Ec { curve, .. } => write!(f, "Ec({})", curve.name()),
            PublicHalf::Ed25519(_) => f.write_str("Ed25519"),
        }
    }
}

/// A readable private key: its format and public half.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PrivateKeyInfo {
    pub format: KeyFormat,
    pub public: PublicHalf,
}

impl PrivateKeyInfo {
    /// A short description such as `RSA 2048-bit (PKCS#1)`; never key material.
    pub(crate) fn describe(&self) -> String {
        let format = self.format.name();
        let kind = match &self.public {
            PublicHalf::Rsa { modulus, .. } => format!("RSA {}-bit", rsa_bits(modulus)),
            PublicHalf::Ec { curve, .. } => format!("EC {}", curve.name()),
            PublicHalf::Ed25519(_) => "Ed25519".to_string(),
        };
        format!("{kind} ({format})")
    }
}

/// Whether a key matches a certificate's public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyMatch {
    Matches,
    /// Different key; the string says how (algorithm, size or value).
    Differs(String),
    /// The key does not carry enough to tell (an EC key without its public point).
    Unknown(String),
}

/// Reads a key block's DER by its PEM label. `Err` is a reason for `key.unsupported`.
pub(crate) fn parse_private_key(label: &str, der: &[u8]) -> Result<PrivateKeyInfo, String> {
    match label {
        "PRIVATE KEY" => parse_pkcs8(der),
        "RSA PRIVATE KEY" => Ok(PrivateKeyInfo {
            format: KeyFormat::Pkcs1,
            public: parse_pkcs1(der)?,
        }),
        "EC PRIVATE KEY" => Ok(PrivateKeyInfo {
            format: KeyFormat::Sec1,
            public: parse_sec1(der, None)?,
        }),
        other => Err(format!(
            "a {other} block is not a supported private key format"
        )),
    }
}

/// One whole DER element: `der` must hold exactly one, with nothing after it. The private key
/// structures are read with asn1-rs's untyped [`Any`] (already linked through x509-parser)
/// rather than der-parser's generic BER objects, which cost about 4 KB gzipped in the wasm
/// module (pkg/README.md, "Size").
fn parse_whole<'a>(der: &'a [u8], what: &str) -> Result<Any<'a>, String> {
    match Any::from_der(der) {
        Ok(([], obj)) => Ok(obj),
        Ok(_) => Err(format!("the {what} has trailing bytes after its DER")),
        Err(_) => Err(format!("the {what} is not valid DER")),
    }
}

/// The elements of a universal SEQUENCE, each read as one DER element.
fn sequence<'a>(obj: &Any<'a>, what: &str) -> Result<Vec<Any<'a>>, String> {
    if obj.class() != Class::Universal || obj.tag() != Tag::Sequence {
        return Err(format!("the {what} is not a DER SEQUENCE"));
    }
    let mut rest = obj.data;
    let mut fields = Vec::new();
    while !rest.is_empty() {
        let (after, field) =
            Any::from_der(rest).map_err(|_| format!("the {what} is not valid DER"))?;
        fields.push(field);
        rest = after;
    }
    Ok(fields)
}

/// The content of a universal element with tag `tag` (an INTEGER's, OCTET STRING's or OID's
/// bytes), or None.
fn content<'a>(obj: &Any<'a>, tag: Tag) -> Option<&'a [u8]> {
    (obj.class() == Class::Universal && obj.tag() == tag && !obj.data.is_empty())
        .then_some(obj.data)
}

/// The dotted form of an OBJECT IDENTIFIER element.
fn oid_text(obj: &Any<'_>) -> Option<Cow<'static, str>> {
    content(obj, Tag::Oid).map(|bytes| dotted(&Oid::new(Cow::Borrowed(bytes))))
}

fn parse_pkcs8(der: &[u8]) -> Result<PrivateKeyInfo, String> {
    let what = "PKCS#8 key";
    let obj = parse_whole(der, what)?;
    let fields = sequence(&obj, what)?;
    let (Some(algorithm), Some(private_key)) = (fields.get(1), fields.get(2)) else {
        return Err(format!("the {what} is missing its algorithm or key"));
    };
    let algorithm = sequence(algorithm, "PKCS#8 algorithm identifier")?;
    let oid = algorithm
        .first()
        .and_then(oid_text)
        .ok_or_else(|| format!("the {what} has no algorithm OID"))?;
    let inner = content(private_key, Tag::OctetString)
        .ok_or_else(|| format!("the {what}'s privateKey is not an OCTET STRING"))?;
    let public = match &*oid {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => parse_pkcs1(inner)?,
        "1.2.840.10045.2.1" => {
            let curve = algorithm.get(1).and_then(Curve::from_parameters);
            parse_sec1(inner, curve)?
        }
        "1.3.101.112" => {
            let seed_obj = parse_whole(inner, "Ed25519 private key")?;
            let seed = content(&seed_obj, Tag::OctetString)
                .ok_or_else(|| "the Ed25519 private key is not an OCTET STRING".to_string())?;
            let pair = Ed25519KeyPair::from_seed_unchecked(seed)
                .map_err(|_| "the Ed25519 private key is not 32 bytes".to_string())?;
            PublicHalf::Ed25519(pair.public_key().as_ref().to_vec())
        }
        "1.3.101.113" => return Err("Ed448 keys are not supported by the providers".into()),
        "1.3.101.110" | "1.3.101.111" => {
            return Err("X25519/X448 keys are for key agreement, not certificates".into())
        }
        "1.2.840.10040.4.1" => return Err("DSA keys are not supported by the providers".into()),
        other => {
            return Err(format!(
                "the PKCS#8 key's algorithm {other} is not supported"
            ))
        }
    };
    Ok(PrivateKeyInfo {
        format: KeyFormat::Pkcs8,
        public,
    })
}

fn unsigned(bytes: &[u8]) -> Vec<u8> {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    bytes.get(first..).unwrap_or_default().to_vec()
}

fn parse_pkcs1(der: &[u8]) -> Result<PublicHalf, String> {
    let what = "RSA private key";
    let obj = parse_whole(der, what)?;
    let fields = sequence(&obj, what)?;
    if fields.len() < 9 {
        return Err(format!(
            "the {what} has {} fields, PKCS#1 needs 9",
            fields.len()
        ));
    }
    let integer = |i: usize| match fields.get(i).and_then(|f| content(f, Tag::Integer)) {
        Some(bytes) => Ok(unsigned(bytes)),
        None => Err(format!("field {i} of the {what} is not an INTEGER")),
    };
    let modulus = integer(1)?;
    let exponent = integer(2)?;
    if modulus.is_empty() || exponent.is_empty() {
        return Err(format!("the {what} has an empty modulus or exponent"));
    }
    Ok(PublicHalf::Rsa { modulus, exponent })
}

fn parse_sec1(der: &[u8], outer_curve: Option<Curve>) -> Result<PublicHalf, String> {
    let what = "EC private key";
    let obj = parse_whole(der, what)?;
    let fields = sequence(&obj, what)?;
    if fields.len() < 2 {
        return Err(format!("the {what} is missing its private key"));
    }
    let mut curve = outer_curve;
    let mut point = None;
    for field in fields.iter().skip(2) {
        // The optional fields are explicitly tagged: [0] parameters, [1] publicKey.
        if field.class() != Class::ContextSpecific {
            continue;
        }
        let tag = field.tag().0;
        let Ok((_, value)) = Any::from_der(field.data) else {
            return Err(format!(
                "the {what}'s optional field [{tag}] is not valid DER"
            ));
        };
        match tag {
            0 => match (&curve, Curve::from_parameters(&value)) {
                (None, inner) => curve = inner,
                // PKCS#8 names the curve in its algorithm and SEC1 may again: a key that
                // names two curves contradicts itself (OpenSSL refuses it too).
                (Some(outer), Some(inner)) if *outer != inner => {
                    return Err(format!(
                        "the key names two curves: {} in its PKCS#8 algorithm and {} in its EC private key",
                        outer.name(),
                        inner.name()
                    ))
                }
                _ => {}
            },
            // A BIT STRING: one byte of unused bits, then the point.
            1 => {
                point = content(&value, Tag::BitString)
                    .and_then(|b| b.get(1..))
                    .map(<[u8]>::to_vec)
            }
            _ => {}
        }
    }
    let curve = curve.ok_or_else(|| format!("the {what} does not name its curve"))?;
    if let (Some(point), Some(uncompressed)) = (&point, curve.uncompressed_point_len()) {
        let fits = match point.first() {
            Some(4) => point.len() == uncompressed,
            Some(2 | 3) => point.len() == uncompressed / 2 + 1,
            _ => false,
        };
        if !fits {
            return Err(format!(
                "the {what}'s public key ({} bytes) is not a point on {}, the curve it names",
                point.len(),
                curve.name()
            ));
        }
    }
    Ok(PublicHalf::Ec { curve, point })
}

/// Number of significant bits of a big-endian unsigned integer.
fn rsa_bits(modulus: &[u8]) -> u32 {
    match modulus.first() {
        Some(first) => {
            (u32::try_from(modulus.len()).unwrap_or(u32::MAX) - 1) * 8 + (8 - first.leading_zeros())
        }
        None => 0,
    }
}

/// Compares a key's public half with a certificate's public key.
pub(crate) fn match_certificate(key: &PrivateKeyInfo, cert: &ParsedCertificate) -> KeyMatch {
    match (&key.public, &cert.key) {
        (PublicHalf::Rsa { modulus, exponent }, KeyKind::Rsa { .. }) => {
            match rsa_public_key(&cert.public_key) {
                Some((n, e)) if &n == modulus && &e == exponent => KeyMatch::Matches,
                Some((n, _)) if rsa_bits(&n) != rsa_bits(modulus) => KeyMatch::Differs(format!(
                    "the key is {} bits, the certificate's key {} bits",
                    rsa_bits(modulus),
                    rsa_bits(&n)
                )),
                _ => KeyMatch::Differs("the RSA moduli differ".into()),
            }
        }
        (
            PublicHalf::Ec { curve, point },
            KeyKind::Ec {
                curve: cert_curve, ..
            },
        ) => {
            if let (Curve::Explicit { .. }, Curve::Explicit { .. }) = (curve, cert_curve) {
                if curve != cert_curve {
                    return KeyMatch::Differs(
                        "the key's and the certificate's explicit curve parameters differ".into(),
                    );
                }
            }
            if curve != cert_curve {
                return KeyMatch::Differs(format!(
                    "the key is on {}, the certificate's key on {}",
                    curve.name(),
                    cert_curve.name()
                ));
            }
            match point {
                Some(p) if p == &cert.public_key => KeyMatch::Matches,
                Some(_) => KeyMatch::Differs("the EC public points differ".into()),
                None => KeyMatch::Unknown(
                    "the EC private key omits its public key, so it cannot be compared with the certificate".into(),
                ),
            }
        }
        (PublicHalf::Ed25519(public), KeyKind::Ed25519) => {
            if public == &cert.public_key {
                KeyMatch::Matches
            } else {
                KeyMatch::Differs("the Ed25519 public keys differ".into())
            }
        }
        // The message names the key already (`PrivateKeyInfo::describe`).
        (_, cert_key) => KeyMatch::Differs(format!(
            "the certificate has {} {} key",
            if matches!(
                cert_key,
                KeyKind::Rsa { .. } | KeyKind::Ec { .. } | KeyKind::Ed25519 | KeyKind::Ed448
            ) {
                "an"
            } else {
                "a"
            },
            cert_key.algorithm_name()
        )),
    }
}

/// Modulus and exponent from an RSAPublicKey DER (the SPKI bit string of an RSA key).
pub(crate) fn rsa_public_key(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let obj = Any::from_der(der).ok()?.1;
    let fields = sequence(&obj, "RSA public key").ok()?;
    let n = unsigned(content(fields.first()?, Tag::Integer)?);
    let e = unsigned(content(fields.get(1)?, Tag::Integer)?);
    Some((n, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejects_garbage_without_panicking() {
        for label in [
            "PRIVATE KEY",
            "RSA PRIVATE KEY",
            "EC PRIVATE KEY",
            "DSA PRIVATE KEY",
        ] {
            for der in [
                &[][..],
                &[0x30, 0x00],
                &[0x30, 0x03, 0x02, 0x01, 0x00],
                &[0xff; 8],
            ] {
                assert!(parse_private_key(label, der).is_err(), "{label} {der:?}");
            }
        }
    }

    /// SEC1 `ECPrivateKey` with a P-256 curve name and a public point of `point_len` bytes.
    fn sec1_p256(point_len: u8) -> Vec<u8> {
        let p256_oid = [6, 8, 42, 134, 72, 206, 61, 3, 1, 7];
        let mut body = vec![2, 1, 1, 4, 32];
        body.extend([7; 32]);
        body.extend([0xa0, 10]);
        body.extend(p256_oid);
        body.extend([0xa1, point_len + 3, 3, point_len + 1, 0, 4]);
        body.extend(vec![9; usize::from(point_len) - 1]);
        let mut der = vec![0x30, 0x81, u8::try_from(body.len()).unwrap_or(u8::MAX)];
        der.extend(body);
        der
    }

    #[test]
    fn a_point_that_does_not_fit_its_curve_is_unreadable() {
        assert!(parse_private_key("EC PRIVATE KEY", &sec1_p256(65)).is_ok());
        let err = parse_private_key("EC PRIVATE KEY", &sec1_p256(97)).unwrap_err();
        assert!(err.contains("(97 bytes) is not a point on P-256"), "{err}");
    }

    #[test]
    fn bit_counting() {
        assert_eq!(rsa_bits(&[]), 0);
        assert_eq!(rsa_bits(&[0x01]), 1);
        assert_eq!(rsa_bits(&[0x80, 0x00]), 16);
    }
}
