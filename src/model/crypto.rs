//! Digests (ring), and which signature algorithm and key limits apply when verifying (the
//! arithmetic is a [`SignatureVerifier`]'s).

use ring::digest;

use super::certificate::{Curve, Hash, KeyKind, ParsedCertificate, PssParams, SignatureKind};
use super::key::rsa_public_key;
use crate::report::Fingerprints;
use crate::text::hex::{colon, hex};
use crate::verifier::{PublicKeyInfo, SignatureAlgorithm, SignatureVerifier, VerifyOutcome};

/// SHA-1 and SHA-256 of `der` in both provider styles.
pub(crate) fn fingerprints(der: &[u8]) -> Fingerprints {
    let sha1 = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, der);
    let sha256 = digest::digest(&digest::SHA256, der);
    Fingerprints {
        sha1_hex: hex(sha1.as_ref()),
        sha1_colon: colon(sha1.as_ref()),
        sha256_hex: hex(sha256.as_ref()),
        sha256_colon: colon(sha256.as_ref()),
    }
}

/// The outcome of checking that `issuer` signed `subject`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Verification {
    Valid,
    Invalid,
    /// This combination cannot be verified; the string names it.
    Unsupported(String),
    /// The signature algorithm belongs to another key type than the issuer's key (an RSA
    /// signature under an EC key, ...): that key cannot have made it. The string names both.
    WrongKeyType(String),
}

/// Verifies `subject`'s signature with `issuer`'s public key. The core picks the algorithm and
/// applies the key limits; `verifier` only does the arithmetic (see [`crate::verifier`]).
pub(crate) fn verify_signature(
    subject: &ParsedCertificate,
    issuer: &ParsedCertificate,
    verifier: &dyn SignatureVerifier,
) -> Verification {
    if let Some(mismatch) = key_type_mismatch(subject, &issuer.key) {
        return Verification::WrongKeyType(mismatch);
    }
    let algorithm = match signature_algorithm(subject.signature, &issuer.key) {
        Ok(algorithm) => algorithm,
        Err(reason) => return Verification::Unsupported(reason),
    };
    if !key_within_limits(algorithm, &issuer.public_key) {
        return Verification::Invalid;
    }
    let key = PublicKeyInfo {
        spki: &issuer.spki,
        key: &issuer.public_key,
    };
    match verifier.verify(algorithm, key, &subject.tbs, &subject.signature_value) {
        VerifyOutcome::Verified => Verification::Valid,
        VerifyOutcome::Bad => Verification::Invalid,
        VerifyOutcome::Unsupported => Verification::Unsupported(format!(
            "{} (the signature verifier in use cannot check it)",
            algorithm.name()
        )),
    }
}

/// Names the mismatch when `subject`'s signature algorithm is made by another key type than
/// `issuer_key`'s; None when the types fit or one of them is unknown to this tool.
fn key_type_mismatch(subject: &ParsedCertificate, issuer_key: &KeyKind) -> Option<String> {
    let needed = match subject.signature {
        SignatureKind::RsaPkcs1(_) | SignatureKind::RsaPss(_) => "RSA",
        SignatureKind::Ecdsa(_) => "EC",
        SignatureKind::Ed25519 => "Ed25519",
        SignatureKind::Other => return None,
    };
    let fits = match issuer_key {
        KeyKind::Rsa { .. } => needed == "RSA",
        KeyKind::Ec { .. } => needed == "EC",
        KeyKind::Ed25519 => needed == "Ed25519",
        KeyKind::Ed448 | KeyKind::Dsa { .. } => false,
        KeyKind::Other(_) => return None,
    };
    (!fits).then(|| {
        format!(
            "{} needs an {needed} key, and the issuer's key is {}",
            subject.signature_name,
            issuer_key.algorithm_name()
        )
    })
}

/// ring's limits on the keys it verifies with, applied before any verifier is asked so that
/// every verifier judges the same keys (OpenSSL alone would accept some of these; ring 0.17,
/// `rsa::public_key` and `ec::suite_b::public_key`): an odd RSA modulus of 1024 to 8192 bits
/// (2048 for PSS and for PKCS#1 with SHA-384) and an odd public exponent from 3 to 2^33 - 1; an EC
/// point in uncompressed form. A key outside them makes the signature invalid, as ring says.
fn key_within_limits(algorithm: SignatureAlgorithm, key: &[u8]) -> bool {
    use SignatureAlgorithm::*;
    let min_rsa_bits = match algorithm {
        RsaPkcs1Sha1 | RsaPkcs1Sha256 | RsaPkcs1Sha512 => 1024,
        RsaPkcs1Sha384 | RsaPssSha256 | RsaPssSha384 | RsaPssSha512 => 2048,
        EcdsaP256Sha256 | EcdsaP256Sha384 => return key.len() == 65 && key.first() == Some(&4),
        EcdsaP384Sha256 | EcdsaP384Sha384 => return key.len() == 97 && key.first() == Some(&4),
        Ed25519 => return true,
    };
    let Some((modulus, exponent)) = rsa_public_key(key) else {
        return false;
    };
    let odd = |value: &[u8]| value.last().is_some_and(|low| low & 1 == 1);
    (min_rsa_bits..=8192).contains(&significant_bits(&modulus))
        && odd(&modulus)
        && (2..=33).contains(&significant_bits(&exponent))
        && odd(&exponent)
}

/// Number of significant bits of a big-endian unsigned integer without leading zero bytes.
pub(crate) fn significant_bits(value: &[u8]) -> u32 {
    match value.first() {
        Some(first) => {
            (u32::try_from(value.len()).unwrap_or(u32::MAX) - 1) * 8 + (8 - first.leading_zeros())
        }
        None => 0,
    }
}

/// The algorithm `signature` calls for with an issuer key of `issuer_key`'s kind, or why it
/// cannot be verified.
fn signature_algorithm(
    signature: SignatureKind,
    issuer_key: &KeyKind,
) -> Result<SignatureAlgorithm, String> {
    use Hash::*;
    use SignatureAlgorithm::*;
    let alg = match (signature, issuer_key) {
        (SignatureKind::RsaPkcs1(hash), KeyKind::Rsa { bits }) => match hash {
            Sha1 => RsaPkcs1Sha1,
            Sha256 => RsaPkcs1Sha256,
            Sha384 if *bits >= 2048 => RsaPkcs1Sha384,
            Sha512 => RsaPkcs1Sha512,
            Md5 => return Err("md5WithRSAEncryption (MD5 signatures cannot be verified safely)".into()),
            _ => return Err(format!("RSA PKCS#1 v1.5 with this digest and a {bits}-bit key")),
        },
        (SignatureKind::RsaPss(params), KeyKind::Rsa { bits }) if *bits >= 2048 => {
            pss_algorithm(params)?
        }
        (SignatureKind::Ecdsa(hash), KeyKind::Ec { curve, .. }) => match (curve, hash) {
            (Curve::P256, Sha256) => EcdsaP256Sha256,
            (Curve::P256, Sha384) => EcdsaP256Sha384,
            (Curve::P384, Sha256) => EcdsaP384Sha256,
            (Curve::P384, Sha384) => EcdsaP384Sha384,
            (curve, _) => {
                return Err(format!(
                    "ECDSA on {} with this digest (P-256 and P-384 with SHA-256 or SHA-384 are verifiable)",
                    curve.name()
                ))
            }
        },
        (SignatureKind::Ed25519, KeyKind::Ed25519) => Ed25519,
        (SignatureKind::Other, _) => return Err("an algorithm this tool does not know".into()),
        (SignatureKind::RsaPss(_), KeyKind::Rsa { bits }) => {
            return Err(format!("RSASSA-PSS with a {bits}-bit key (2048 bits or more are verifiable)"))
        }
        // Other pairs are caught by key_type_mismatch before this is called.
        (_, key) => {
            return Err(format!(
                "a signature algorithm that does not fit the issuer's {} key",
                key.algorithm_name()
            ))
        }
    };
    Ok(alg)
}

/// The PSS scheme the verifiers check (ring's, and node:crypto as the npm package calls it):
/// the digest, MGF1 with the same digest, a salt as long as the digest, trailer field 1.
/// Other parameters are valid RFC 4055 signatures that no verifier here can check (OpenSSL
/// may verify them), so they are reported as unsupported, never as bad: asking a verifier
/// would only get a false "bad signature".
fn pss_algorithm(params: PssParams) -> Result<SignatureAlgorithm, String> {
    let (algorithm, digest, digest_len) = match params.hash {
        Hash::Sha256 => (SignatureAlgorithm::RsaPssSha256, "SHA-256", 32),
        Hash::Sha384 => (SignatureAlgorithm::RsaPssSha384, "SHA-384", 48),
        Hash::Sha512 => (SignatureAlgorithm::RsaPssSha512, "SHA-512", 64),
        Hash::Other if params.mgf1_hash.is_none() => {
            return Err("RSASSA-PSS whose parameters are missing or unreadable".into())
        }
        _ => return Err("RSASSA-PSS with a digest other than SHA-256/384/512".into()),
    };
    if params.mgf1_hash != Some(params.hash) {
        return Err(format!(
            "RSASSA-PSS with {digest} and a mask generation function other than MGF1 with {digest} (the only one verifiable here)"
        ));
    }
    if params.salt_length != digest_len {
        return Err(format!(
            "RSASSA-PSS with {digest} and a {}-byte salt (only a salt as long as the digest, {digest_len} bytes, is verifiable here)",
            params.salt_length
        ));
    }
    if params.trailer_field != 1 {
        return Err(format!(
            "RSASSA-PSS with trailer field {} (RFC 4055 defines only 1)",
            params.trailer_field
        ));
    }
    Ok(algorithm)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_styles() {
        let f = fingerprints(b"abc");
        assert_eq!(f.sha1_hex, "a9993e364706816aba3e25717850c26c9cd0d89d");
        assert_eq!(
            f.sha1_colon,
            "A9:99:3E:36:47:06:81:6A:BA:3E:25:71:78:50:C2:6C:9C:D0:D8:9D"
        );
        assert_eq!(
            f.sha256_hex,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
        assert_eq!(colon(&[]), "");
    }
}
