//! A private key, read just far enough to know its format and its public half.
//!
//! Nothing here keeps private key bytes: the public half is derived (RSA modulus and
//! exponent, the EC point the key carries, the Ed25519 public key computed by ring) and the
//! decoded block is zeroized by its owner. No type here prints key material in `Debug`.

use der_parser::ber::{BerObject, BerObjectContent};
use der_parser::der::parse_der;
use ring::signature::{Ed25519KeyPair, KeyPair};

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
        let format = match self.format {
            KeyFormat::Pkcs8 => "PKCS#8",
            KeyFormat::Pkcs1 => "PKCS#1",
            KeyFormat::Sec1 => "SEC1",
        };
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

fn sequence<'a, 'b>(obj: &'b BerObject<'a>, what: &str) -> Result<&'b [BerObject<'a>], String> {
    obj.as_sequence()
        .map(Vec::as_slice)
        .map_err(|_| format!("the {what} is not a DER SEQUENCE"))
}

fn parse_whole<'a>(der: &'a [u8], what: &str) -> Result<BerObject<'a>, String> {
    match parse_der(der) {
        Ok(([], obj)) => Ok(obj),
        Ok(_) => Err(format!("the {what} has trailing bytes after its DER")),
        Err(_) => Err(format!("the {what} is not valid DER")),
    }
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
        .and_then(|o| o.as_oid().ok())
        .map(dotted)
        .ok_or_else(|| format!("the {what} has no algorithm OID"))?;
    let inner = private_key
        .as_slice()
        .map_err(|_| format!("the {what}'s privateKey is not an OCTET STRING"))?;
    let public = match &*oid {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => parse_pkcs1(inner)?,
        "1.2.840.10045.2.1" => {
            let curve = algorithm
                .get(1)
                .and_then(|p| p.as_oid().ok())
                .map(|o| Curve::from_oid(&dotted(o)));
            parse_sec1(inner, curve)?
        }
        "1.3.101.112" => {
            let seed_obj = parse_whole(inner, "Ed25519 private key")?;
            let seed = seed_obj
                .as_slice()
                .map_err(|_| "the Ed25519 private key is not an OCTET STRING".to_string())?;
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
    let integer = |i: usize| match fields.get(i).map(|f| &f.content) {
        Some(BerObjectContent::Integer(bytes)) => Ok(unsigned(bytes)),
        _ => Err(format!("field {i} of the {what} is not an INTEGER")),
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
        let tag = field.header.tag().0;
        let Ok(inner) = field.as_slice() else {
            continue;
        };
        let Ok((_, value)) = parse_der(inner) else {
            return Err(format!(
                "the {what}'s optional field [{tag}] is not valid DER"
            ));
        };
        match tag {
            0 => {
                if let Ok(oid) = value.as_oid() {
                    curve.get_or_insert_with(|| Curve::from_oid(&dotted(oid)));
                }
            }
            1 => point = value.as_bitstring().ok().map(|b| b.data.to_vec()),
            _ => {}
        }
    }
    let curve = curve.ok_or_else(|| format!("the {what} does not name its curve"))?;
    Ok(PublicHalf::Ec { curve, point })
}

/// Number of significant bits of a big-endian unsigned integer.
fn rsa_bits(modulus: &[u8]) -> u32 {
    match modulus.first() {
        Some(first) => (modulus.len() as u32 - 1) * 8 + (8 - first.leading_zeros()),
        None => 0,
    }
}

/// Compares a key's public half with a certificate's public key.
pub(crate) fn match_certificate(key: &PrivateKeyInfo, cert: &ParsedCertificate) -> KeyMatch {
    match (&key.public, &cert.key) {
        (PublicHalf::Rsa { modulus, exponent }, KeyKind::Rsa { .. }) => {
            match rsa_public_from_spki(&cert.public_key) {
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
        (public, cert_key) => KeyMatch::Differs(format!(
            "the key is {:?}, the certificate's key is {}",
            public,
            cert_key.algorithm_name()
        )),
    }
}

/// Modulus and exponent from an RSAPublicKey DER (the SPKI bit string of an RSA key).
fn rsa_public_from_spki(der: &[u8]) -> Option<(Vec<u8>, Vec<u8>)> {
    let obj = parse_der(der).ok()?.1;
    let fields = obj.as_sequence().ok()?;
    let n = match &fields.first()?.content {
        BerObjectContent::Integer(b) => unsigned(b),
        _ => return None,
    };
    let e = match &fields.get(1)?.content {
        BerObjectContent::Integer(b) => unsigned(b),
        _ => return None,
    };
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

    #[test]
    fn bit_counting() {
        assert_eq!(rsa_bits(&[]), 0);
        assert_eq!(rsa_bits(&[0x01]), 1);
        assert_eq!(rsa_bits(&[0x80, 0x00]), 16);
    }
}
