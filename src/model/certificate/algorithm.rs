//! What algorithm identifiers say beyond their OID: the digest, RSASSA-PSS signature
//! parameters (RFC 4055), and the size of an RSA modulus under either RSA key OID.

use x509_parser::asn1_rs::{Any, FromDer, Tag};
use x509_parser::signature_algorithm::RsaSsaPssParams;

/// A digest named by a signature algorithm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hash {
    Md5,
    Sha1,
    Sha256,
    Sha384,
    Sha512,
    Other,
}

pub(super) fn hash_of_oid(oid: &str) -> Hash {
    match oid {
        "1.2.840.113549.2.5" => Hash::Md5,
        "1.3.14.3.2.26" => Hash::Sha1,
        "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
        "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
        "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
        _ => Hash::Other,
    }
}

/// RSASSA-PSS parameters (RFC 4055 section 3.1), defaults applied: what a verifier must
/// match besides the digest.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct PssParams {
    pub hash: Hash,
    /// The digest of MGF1, or None when the mask generation function is not MGF1 (or its
    /// parameters do not parse).
    pub mgf1_hash: Option<Hash>,
    pub salt_length: u32,
    pub trailer_field: u32,
}

impl PssParams {
    /// Parameters that did not parse: nothing can be verified with them.
    pub(super) const UNREADABLE: PssParams = PssParams {
        hash: Hash::Other,
        mgf1_hash: None,
        salt_length: 0,
        trailer_field: 0,
    };
}

/// Significant bits of the modulus of an RSAPublicKey DER (`SEQUENCE { modulus INTEGER,
/// exponent INTEGER }`); 0 when it does not parse. Read with asn1-rs's `Any`, already linked,
/// rather than x509-parser's `RSAPublicKey` parser, which costs about 1 KB in the wasm module.
pub(super) fn rsa_modulus_bits(der: &[u8]) -> u32 {
    let modulus = Any::from_der(der)
        .ok()
        .filter(|(_, seq)| seq.tag() == Tag::Sequence)
        .and_then(|(_, seq)| Any::from_der(seq.data).ok())
        .filter(|(_, int)| int.tag() == Tag::Integer)
        .map(|(_, int)| int.data)
        .unwrap_or_default();
    match modulus.iter().position(|b| *b != 0) {
        Some(first) => {
            let rest = u32::try_from(modulus.len() - first).unwrap_or(u32::MAX);
            let top = modulus.get(first).copied().unwrap_or(0);
            (rest - 1) * 8 + (8 - top.leading_zeros())
        }
        None => 0,
    }
}

pub(super) fn pss_params(params: &RsaSsaPssParams<'_>) -> PssParams {
    const ID_MGF1: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 1, 8]; // 1.2.840.113549.1.1.8
    let mgf1_hash = match params.mask_gen_algorithm() {
        Ok(mgf) if mgf.mgf.as_bytes() == ID_MGF1 => Some(hash_of_oid(&mgf.hash.to_id_string())),
        _ => None,
    };
    PssParams {
        hash: hash_of_oid(&params.hash_algorithm_oid().to_id_string()),
        mgf1_hash,
        salt_length: params.salt_length(),
        trailer_field: params.trailer_field(),
    }
}
