//! Who does the signature arithmetic: a small provider interface, in the way rustls separates
//! its crypto provider from its protocol logic.
//!
//! The core decides everything a rule depends on: which [`SignatureAlgorithm`] a certificate's
//! signature and its issuer's key call for, and which combinations (digests, curves, key sizes)
//! are supported at all. A [`SignatureVerifier`] is then asked one question: does this signature
//! over this message verify with this key? [`RingVerifier`] (the default) answers with ring; the
//! npm package answers with Node's `node:crypto` (OpenSSL), which is about twenty times faster
//! than ring compiled to WebAssembly. Whatever the verifier, the same input gives the same
//! report: the npm package's tests check that over every chain in `testdata/certs`.
//!
//! For RSASSA-PSS the question is always the one scheme ring verifies: MGF1 with the same
//! digest, a salt as long as the digest, trailer field 1. A certificate signed with other PSS
//! parameters (a 20-byte salt under SHA-256, say, which RFC 4055 allows and OpenSSL verifies)
//! is reported as unsupported by the core before any verifier is asked, so a verifier that
//! could check it cannot make the report differ from ring's.

use std::sync::Arc;

use ring::signature::{self, UnparsedPublicKey, VerificationAlgorithm};

/// A signature scheme the core asks a verifier about. Each names its padding (RSA), curve
/// (ECDSA) and digest, so a verifier needs no ASN.1 to pick its own primitive.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SignatureAlgorithm {
    /// RSASSA-PKCS1-v1_5 with SHA-1 (legacy certificates).
    RsaPkcs1Sha1,
    /// RSASSA-PKCS1-v1_5 with SHA-256.
    RsaPkcs1Sha256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    RsaPkcs1Sha384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    RsaPkcs1Sha512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256, salt as long as the digest.
    RsaPssSha256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384, salt as long as the digest.
    RsaPssSha384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512, salt as long as the digest.
    RsaPssSha512,
    /// ECDSA on P-256 with SHA-256; the signature is DER (`Ecdsa-Sig-Value`).
    EcdsaP256Sha256,
    /// ECDSA on P-256 with SHA-384; DER signature.
    EcdsaP256Sha384,
    /// ECDSA on P-384 with SHA-256; DER signature.
    EcdsaP384Sha256,
    /// ECDSA on P-384 with SHA-384; DER signature.
    EcdsaP384Sha384,
    /// Ed25519 (RFC 8032, pure: the message is not pre-hashed).
    Ed25519,
}

impl SignatureAlgorithm {
    /// Every algorithm, in declaration order.
    pub const ALL: &'static [SignatureAlgorithm] = &[
        SignatureAlgorithm::RsaPkcs1Sha1,
        SignatureAlgorithm::RsaPkcs1Sha256,
        SignatureAlgorithm::RsaPkcs1Sha384,
        SignatureAlgorithm::RsaPkcs1Sha512,
        SignatureAlgorithm::RsaPssSha256,
        SignatureAlgorithm::RsaPssSha384,
        SignatureAlgorithm::RsaPssSha512,
        SignatureAlgorithm::EcdsaP256Sha256,
        SignatureAlgorithm::EcdsaP256Sha384,
        SignatureAlgorithm::EcdsaP384Sha256,
        SignatureAlgorithm::EcdsaP384Sha384,
        SignatureAlgorithm::Ed25519,
    ];

    /// A stable name, e.g. `rsa-pkcs1-sha256`, for verifiers written in other languages.
    pub const fn name(self) -> &'static str {
        match self {
            SignatureAlgorithm::RsaPkcs1Sha1 => "rsa-pkcs1-sha1",
            SignatureAlgorithm::RsaPkcs1Sha256 => "rsa-pkcs1-sha256",
            SignatureAlgorithm::RsaPkcs1Sha384 => "rsa-pkcs1-sha384",
            SignatureAlgorithm::RsaPkcs1Sha512 => "rsa-pkcs1-sha512",
            SignatureAlgorithm::RsaPssSha256 => "rsa-pss-sha256",
            SignatureAlgorithm::RsaPssSha384 => "rsa-pss-sha384",
            SignatureAlgorithm::RsaPssSha512 => "rsa-pss-sha512",
            SignatureAlgorithm::EcdsaP256Sha256 => "ecdsa-p256-sha256",
            SignatureAlgorithm::EcdsaP256Sha384 => "ecdsa-p256-sha384",
            SignatureAlgorithm::EcdsaP384Sha256 => "ecdsa-p384-sha256",
            SignatureAlgorithm::EcdsaP384Sha384 => "ecdsa-p384-sha384",
            SignatureAlgorithm::Ed25519 => "ed25519",
        }
    }
}

/// The issuer's public key, in the two forms verifiers take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct PublicKeyInfo<'a> {
    /// The whole `SubjectPublicKeyInfo` DER (what OpenSSL, WebCrypto's `spki` import and Node's
    /// `crypto.createPublicKey({ format: "der", type: "spki" })` take).
    pub spki: &'a [u8],
    /// The content of its `subjectPublicKey` BIT STRING (what ring takes): the `RSAPublicKey`
    /// DER, the uncompressed EC point, or the 32-byte Ed25519 key.
    pub key: &'a [u8],
}

/// A verifier's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum VerifyOutcome {
    /// The signature verifies with the key.
    Verified,
    /// It does not (wrong key, corrupted signature, or a key the primitive rejects).
    Bad,
    /// This verifier cannot check this algorithm; the report says the signature was not checked.
    Unsupported,
}

/// Checks one signature. Implementations must be deterministic and must not panic; anything
/// that goes wrong with the key or the signature is [`VerifyOutcome::Bad`].
pub trait SignatureVerifier: std::fmt::Debug {
    /// Does `signature` over `message` verify with `key` under `algorithm`?
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: PublicKeyInfo<'_>,
        message: &[u8],
        signature: &[u8],
    ) -> VerifyOutcome;
}

/// The default verifier: ring.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RingVerifier;

impl SignatureVerifier for RingVerifier {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: PublicKeyInfo<'_>,
        message: &[u8],
        signature: &[u8],
    ) -> VerifyOutcome {
        match UnparsedPublicKey::new(ring_algorithm(algorithm), key.key).verify(message, signature)
        {
            Ok(()) => VerifyOutcome::Verified,
            Err(_) => VerifyOutcome::Bad,
        }
    }
}

/// ring's primitive for each algorithm. ring's own key-size limits (RSA 1024 to 8192 bits,
/// 2048 for PSS and PKCS#1 with SHA-384) are enforced by the core before a verifier is asked,
/// so every verifier sees the same keys.
fn ring_algorithm(algorithm: SignatureAlgorithm) -> &'static dyn VerificationAlgorithm {
    use SignatureAlgorithm::*;
    match algorithm {
        RsaPkcs1Sha1 => &signature::RSA_PKCS1_1024_8192_SHA1_FOR_LEGACY_USE_ONLY,
        RsaPkcs1Sha256 => &signature::RSA_PKCS1_1024_8192_SHA256_FOR_LEGACY_USE_ONLY,
        RsaPkcs1Sha384 => &signature::RSA_PKCS1_2048_8192_SHA384,
        RsaPkcs1Sha512 => &signature::RSA_PKCS1_1024_8192_SHA512_FOR_LEGACY_USE_ONLY,
        RsaPssSha256 => &signature::RSA_PSS_2048_8192_SHA256,
        RsaPssSha384 => &signature::RSA_PSS_2048_8192_SHA384,
        RsaPssSha512 => &signature::RSA_PSS_2048_8192_SHA512,
        EcdsaP256Sha256 => &signature::ECDSA_P256_SHA256_ASN1,
        EcdsaP256Sha384 => &signature::ECDSA_P256_SHA384_ASN1,
        EcdsaP384Sha256 => &signature::ECDSA_P384_SHA256_ASN1,
        EcdsaP384Sha384 => &signature::ECDSA_P384_SHA384_ASN1,
        Ed25519 => &signature::ED25519,
    }
}

/// A verifier shared by the option structs ([`crate::CertificateInput::verifier`],
/// [`crate::RequestContext::verifier`]); `None` there means [`RingVerifier`]. Two handles are
/// equal when they share one verifier.
#[derive(Clone)]
pub struct SharedVerifier(Arc<dyn SignatureVerifier>);

impl SharedVerifier {
    /// Wraps a verifier for the option structs.
    pub fn new(verifier: impl SignatureVerifier + 'static) -> Self {
        SharedVerifier(Arc::new(verifier))
    }

    /// The verifier itself.
    pub fn get(&self) -> &dyn SignatureVerifier {
        &*self.0
    }
}

impl std::fmt::Debug for SharedVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl PartialEq for SharedVerifier {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

impl Eq for SharedVerifier {}

/// The verifier an optional field names, ring when none.
pub(crate) fn chosen(verifier: Option<&SharedVerifier>) -> &dyn SignatureVerifier {
    match verifier {
        Some(shared) => shared.get(),
        None => &RingVerifier,
    }
}
