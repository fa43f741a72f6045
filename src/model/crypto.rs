//! Digests and signature verification with ring.

use ring::digest;
use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};

use super::certificate::{Curve, Hash, KeyKind, ParsedCertificate, SignatureKind};
use crate::report::Fingerprints;
use crate::text::hex::{colon, hex};

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
    /// ring cannot verify this combination; the string names it.
    Unsupported(String),
}

/// Verifies `subject`'s signature with `issuer`'s public key.
pub(crate) fn verify_signature(
    subject: &ParsedCertificate,
    issuer: &ParsedCertificate,
) -> Verification {
    let algorithm = match verification_algorithm(subject.signature, &issuer.key) {
        Ok(algorithm) => algorithm,
        Err(reason) => return Verification::Unsupported(reason),
    };
    let key = UnparsedPublicKey::new(algorithm, &issuer.public_key);
    match key.verify(&subject.tbs, &subject.signature_value) {
        Ok(()) => Verification::Valid,
        Err(_) => Verification::Invalid,
    }
}

fn verification_algorithm(
    signature: SignatureKind,
    issuer_key: &KeyKind,
) -> Result<&'static dyn VerificationAlgorithm, String> {
    use Hash::*;
    let alg: &'static dyn VerificationAlgorithm = match (signature, issuer_key) {
        (SignatureKind::RsaPkcs1(hash), KeyKind::Rsa { bits }) => match hash {
            Sha1 => &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
            Sha256 => &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
            Sha384 if *bits >= 2048 => &signature::RSA_PKCS1_2048_8192_SHA384,
            Sha512 => &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
            Md5 => return Err("md5WithRSAEncryption (MD5 signatures cannot be verified safely)".into()),
            _ => return Err(format!("RSA PKCS#1 v1.5 with this digest and a {bits}-bit key")),
        },
        (SignatureKind::RsaPss(hash), KeyKind::Rsa { bits }) if *bits >= 2048 => match hash {
            Sha256 => &signature::RSA_PSS_2048_8192_SHA256,
            Sha384 => &signature::RSA_PSS_2048_8192_SHA384,
            Sha512 => &signature::RSA_PSS_2048_8192_SHA512,
            _ => return Err("RSASSA-PSS with a digest other than SHA-256/384/512".into()),
        },
        (SignatureKind::Ecdsa(hash), KeyKind::Ec { curve, .. }) => match (curve, hash) {
            (Curve::P256, Sha256) => &signature::ECDSA_P256_SHA256_ASN1,
            (Curve::P256, Sha384) => &signature::ECDSA_P256_SHA384_ASN1,
            (Curve::P384, Sha256) => &signature::ECDSA_P384_SHA256_ASN1,
            (Curve::P384, Sha384) => &signature::ECDSA_P384_SHA384_ASN1,
            (curve, _) => {
                return Err(format!(
                    "ECDSA on {} with this digest (P-256 and P-384 with SHA-256 or SHA-384 are verifiable)",
                    curve.name()
                ))
            }
        },
        (SignatureKind::Ed25519, KeyKind::Ed25519) => &signature::ED25519,
        (SignatureKind::Other, _) => return Err("an algorithm this tool does not know".into()),
        (_, key) => {
            return Err(format!(
                "a signature algorithm that does not fit the issuer's {} key",
                key.algorithm_name()
            ))
        }
    };
    Ok(alg)
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
