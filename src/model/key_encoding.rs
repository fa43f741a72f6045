//! A private key re-encoded for a target that takes another encoding (issue 22): PKCS#8 to
//! PKCS#1 for an RSA key (Alibaba CLB), PKCS#1 or SEC1 to PKCS#8 (what
//! `openssl pkcs8 -topk8 -nocrypt` writes, the command the `key.ec_parameters_block` message
//! gives for ACM and Cloudflare).
//!
//! Only the DER wrapping changes; no arithmetic is done on the key and nothing is checked
//! beyond what `key::parse_private_key` already read. The structures (RFC 5208 PrivateKeyInfo,
//! RFC 8017 A.1.2 RSAPrivateKey, RFC 5915 ECPrivateKey) are read with asn1-rs's untyped
//! [`Any`], as `key.rs` reads them, and written by the three-line DER writer below: the
//! RustCrypto `pkcs1`/`pkcs8`/`sec1` crates would add `der` to the browser modules, whose
//! request module has under 2 KB gzipped of headroom (pkg/README.md, "Size"). Every buffer
//! that holds key bytes is wiped on drop.

use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};
use zeroize::Zeroizing;

use super::key::{KeyFormat, PrivateKeyInfo, PublicHalf};

/// DER of the rsaEncryption AlgorithmIdentifier with its NULL parameters (RFC 8017 A.1,
/// RFC 3279 2.3.1): SEQUENCE { OID 1.2.840.113549.1.1.1, NULL }.
const RSA_ENCRYPTION_ALGORITHM: &[u8] = &[
    0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00,
];

/// Content octets of the rsaEncryption OID (1.2.840.113549.1.1.1).
const RSA_ENCRYPTION_OID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x01];

/// DER of the id-ecPublicKey OID (1.2.840.10045.2.1, RFC 5480 2.1.1).
const EC_PUBLIC_KEY_OID: &[u8] = &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01];

/// A private key written in another encoding: the DER, wiped on drop, and what it is.
#[derive(Clone)]
pub(crate) struct ConvertedKey {
    pub format: KeyFormat,
    pub der: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for ConvertedKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "ConvertedKey({:?}, <{} bytes, redacted>)",
            self.format,
            self.der.len()
        )
    }
}

/// The private key in `to`, as DER, when the key can be written that way by re-wrapping it:
/// `None` for a combination no target needs or no re-wrapping gives (an EC or Ed25519 key as
/// PKCS#1, an RSASSA-PSS key as PKCS#1, whose parameters PKCS#1 cannot carry).
pub(crate) fn reencode(
    info: &PrivateKeyInfo,
    der: &[u8],
    to: KeyFormat,
) -> Option<Zeroizing<Vec<u8>>> {
    match (info.format, to) {
        (from, to) if from == to => Some(Zeroizing::new(der.to_vec())),
        (KeyFormat::Pkcs8, KeyFormat::Pkcs1) => pkcs8_rsa_to_pkcs1(der),
        (KeyFormat::Pkcs1, KeyFormat::Pkcs8) => {
            Some(private_key_info(RSA_ENCRYPTION_ALGORITHM, der))
        }
        (KeyFormat::Sec1, KeyFormat::Pkcs8) if matches!(info.public, PublicHalf::Ec { .. }) => {
            sec1_to_pkcs8(der)
        }
        _ => None,
    }
}

/// The RSAPrivateKey inside a PKCS#8 PrivateKeyInfo whose algorithm is rsaEncryption.
fn pkcs8_rsa_to_pkcs1(der: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let fields = elements(sequence_content(der)?)?;
    let algorithm = elements(sequence_content(fields.get(1)?.raw)?)?;
    let oid = algorithm.first()?;
    if oid.any.tag() != Tag::Oid || oid.any.data != RSA_ENCRYPTION_OID {
        return None;
    }
    let private_key = &fields.get(2)?.any;
    (private_key.class() == Class::Universal && private_key.tag() == Tag::OctetString)
        .then(|| Zeroizing::new(private_key.data.to_vec()))
}

/// A SEC1 ECPrivateKey as PKCS#8: the curve moves to the AlgorithmIdentifier and the inner
/// ECPrivateKey keeps its version, private key and public key but not its `[0] parameters`,
/// as OpenSSL writes it (RFC 5915 3 allows either; the outer algorithm names the curve).
fn sec1_to_pkcs8(der: &[u8]) -> Option<Zeroizing<Vec<u8>>> {
    let fields = elements(sequence_content(der)?)?;
    let mut parameters = None;
    let mut inner = Zeroizing::new(Vec::with_capacity(der.len()));
    for field in &fields {
        let is_parameters = field.any.class() == Class::ContextSpecific && field.any.tag().0 == 0;
        if is_parameters {
            parameters = Some(field.any.data);
        } else {
            inner.extend_from_slice(field.raw);
        }
    }
    // A SEC1 key without its curve cannot be read (key.unsupported), so never gets here.
    let parameters = parameters?;
    let mut algorithm = Zeroizing::new(Vec::new());
    let mut content = EC_PUBLIC_KEY_OID.to_vec();
    content.extend_from_slice(parameters);
    write_tlv(0x30, &content, &mut algorithm);
    let mut ec_private_key = Zeroizing::new(Vec::with_capacity(inner.len() + 4));
    write_tlv(0x30, &inner, &mut ec_private_key);
    Some(private_key_info(&algorithm, &ec_private_key))
}

/// PrivateKeyInfo ::= SEQUENCE { version 0, algorithm, privateKey OCTET STRING }.
fn private_key_info(algorithm: &[u8], private_key: &[u8]) -> Zeroizing<Vec<u8>> {
    let mut content = Zeroizing::new(Vec::with_capacity(private_key.len() + algorithm.len() + 8));
    content.extend_from_slice(&[0x02, 0x01, 0x00]);
    content.extend_from_slice(algorithm);
    write_tlv(0x04, private_key, &mut content);
    let mut out = Zeroizing::new(Vec::with_capacity(content.len() + 4));
    write_tlv(0x30, &content, &mut out);
    out
}

/// One DER element: its whole encoding and its parse.
struct Element<'a> {
    raw: &'a [u8],
    any: Any<'a>,
}

/// The content of the universal SEQUENCE that `der` holds entirely.
fn sequence_content(der: &[u8]) -> Option<&[u8]> {
    match Any::from_der(der) {
        Ok(([], obj)) if obj.class() == Class::Universal && obj.tag() == Tag::Sequence => {
            Some(obj.data)
        }
        _ => None,
    }
}

/// The DER elements `content` is made of, each with its whole encoding.
fn elements(content: &[u8]) -> Option<Vec<Element<'_>>> {
    let mut rest = content;
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (after, any) = Any::from_der(rest).ok()?;
        let raw = rest.get(..rest.len() - after.len())?;
        out.push(Element { raw, any });
        rest = after;
    }
    Some(out)
}

/// Appends a DER element with a one-byte `tag` (X.690 8.1.2), its definite length (8.1.3)
/// and `content`.
fn write_tlv(tag: u8, content: &[u8], out: &mut Vec<u8>) {
    out.push(tag);
    let len = content.len();
    if len < 0x80 {
        out.push(u8::try_from(len).unwrap_or(0));
    } else {
        let bytes = len.to_be_bytes();
        let skip = bytes.iter().take_while(|b| **b == 0).count();
        let significant = bytes.get(skip..).unwrap_or_default();
        out.push(0x80 | u8::try_from(significant.len()).unwrap_or(0));
        out.extend_from_slice(significant);
    }
    out.extend_from_slice(content);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::key::parse_private_key;

    #[test]
    fn lengths_are_definite_and_minimal() {
        for (len, header) in [
            (0usize, vec![0x04, 0x00]),
            (127, vec![0x04, 0x7f]),
            (128, vec![0x04, 0x81, 0x80]),
            (255, vec![0x04, 0x81, 0xff]),
            (256, vec![0x04, 0x82, 0x01, 0x00]),
            (70_000, vec![0x04, 0x83, 0x01, 0x11, 0x70]),
        ] {
            let mut out = Vec::new();
            write_tlv(0x04, &vec![0; len], &mut out);
            assert_eq!(out.get(..header.len()), Some(header.as_slice()), "{len}");
            assert_eq!(out.len(), header.len() + len);
            // asn1-rs reads back what was written.
            let (rest, any) = Any::from_der(&out).map_err(|e| e.to_string()).unwrap();
            assert!(rest.is_empty());
            assert_eq!(any.data.len(), len);
        }
    }

    #[test]
    fn garbage_is_not_reencoded() {
        let info = PrivateKeyInfo {
            format: KeyFormat::Pkcs8,
            public: PublicHalf::Rsa {
                modulus: vec![1],
                exponent: vec![3],
            },
        };
        for der in [
            &[][..],
            &[0x30, 0x00],
            &[0x30, 0x03, 0x02, 0x01, 0x00],
            &[0xff; 8],
        ] {
            assert!(reencode(&info, der, KeyFormat::Pkcs1).is_none(), "{der:?}");
        }
    }

    /// A PKCS#1 key wrapped as PKCS#8 and unwrapped again is the same DER, and reads as the
    /// same key each way.
    #[test]
    fn pkcs1_and_pkcs8_round_trip() {
        // RSAPrivateKey with nine small INTEGERs: enough for the reader, which only wraps.
        let mut content = Vec::new();
        for value in [0u8, 0x61, 3, 7, 11, 13, 5, 7, 1] {
            write_tlv(0x02, &[value], &mut content);
        }
        let mut pkcs1 = Vec::new();
        write_tlv(0x30, &content, &mut pkcs1);
        let info = parse_private_key("RSA PRIVATE KEY", &pkcs1).unwrap();
        let pkcs8 = reencode(&info, &pkcs1, KeyFormat::Pkcs8).unwrap();
        let wrapped = parse_private_key("PRIVATE KEY", &pkcs8).unwrap();
        assert_eq!(wrapped.public, info.public);
        let back = reencode(&wrapped, &pkcs8, KeyFormat::Pkcs1).unwrap();
        assert_eq!(back.as_slice(), pkcs1.as_slice());
    }
}
