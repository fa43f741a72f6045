//! The signature verifier JavaScript may hand in: in Node, `node:crypto` (OpenSSL) instead of
//! ring compiled to WebAssembly, which spends about 320 us on each RSA-2048 verification where
//! OpenSSL spends about 20 (pkg/README.md, "Speed"). The core still picks the algorithm and
//! applies every limit; the JavaScript function only answers "does it verify".
//!
//! The protocol (pkg/src/node-verify.cjs implements it): `verify(code, spki, key, message,
//! signature)` with `code` the position of the algorithm in [`ALGORITHMS`], `spki` the whole
//! SubjectPublicKeyInfo DER, `key` its subjectPublicKey content (the PKCS#1 `RSAPublicKey` for
//! RSA), and the three byte arrays views of the module's memory, valid for the call only. It
//! returns [`VERIFIED`], [`BAD`] or anything else for unsupported, and must never throw (an
//! exception would unwind through the module).

use cert_preflight::{
    PublicKeyInfo, SharedVerifier, SignatureAlgorithm, SignatureVerifier, VerifyOutcome,
};
use wasm_bindgen::prelude::wasm_bindgen;

#[wasm_bindgen]
extern "C" {
    /// A JavaScript object with a `verify` method (see the module documentation). No `Debug`:
    /// it would link wasm-bindgen's value printer (about 0.5 KB gzipped of glue).
    pub type JsVerifier;

    #[wasm_bindgen(method, structural, js_name = verify)]
    fn verify_js(
        this: &JsVerifier,
        code: u32,
        spki: &[u8],
        key: &[u8],
        message: &[u8],
        signature: &[u8],
    ) -> u32;
}

/// The algorithm codes JavaScript receives: positions in this list. pkg/src/node-verify.cjs
/// has the same list; pkg/test/node/verifier.test.mjs checks that they agree by name.
pub(crate) const ALGORITHMS: &[SignatureAlgorithm] = SignatureAlgorithm::ALL;

/// `verify` returned: the signature verifies.
pub(crate) const VERIFIED: u32 = 0;
/// `verify` returned: it does not.
pub(crate) const BAD: u32 = 1;

struct JsSignatureVerifier(JsVerifier);

impl std::fmt::Debug for JsSignatureVerifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JsSignatureVerifier")
    }
}

impl SignatureVerifier for JsSignatureVerifier {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: PublicKeyInfo<'_>,
        message: &[u8],
        signature: &[u8],
    ) -> VerifyOutcome {
        let Some(code) = ALGORITHMS.iter().position(|a| *a == algorithm) else {
            return VerifyOutcome::Unsupported;
        };
        match self.0.verify_js(
            u32::try_from(code).unwrap_or(u32::MAX),
            key.spki,
            key.key,
            message,
            signature,
        ) {
            VERIFIED => VerifyOutcome::Verified,
            BAD => VerifyOutcome::Bad,
            _ => VerifyOutcome::Unsupported,
        }
    }
}

/// The core's verifier option for what JavaScript passed: `None` (ring) when it passed nothing.
pub(crate) fn from_js(verifier: Option<JsVerifier>) -> Option<SharedVerifier> {
    verifier.map(|v| SharedVerifier::new(JsSignatureVerifier(v)))
}

/// The algorithm names in code order, comma-separated, for the JavaScript side's self-check
/// (joined by hand: serializing a `Vec<&str>` with serde_json cost 0.8 KB of module).
#[wasm_bindgen]
#[allow(
    unreachable_pub,
    reason = "exported to JavaScript by wasm_bindgen, not through the crate root"
)]
pub fn signature_algorithms() -> String {
    let names: Vec<&str> = ALGORITHMS.iter().map(|a| a.name()).collect();
    names.join(",")
}
