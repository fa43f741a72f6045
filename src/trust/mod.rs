//! Trust anchors: Mozilla's root store (a generated table of match keys, see
//! `scripts/gen-roots.py`) and the roots a caller adds. The chain rules ask whether a
//! certificate is an anchor, or was issued by one. The intermediates pool (`pool`) holds the
//! issuers a caller lets a chain be completed from.

mod mozilla_roots;
mod pool;

use crate::report::Anchored;
use ring::digest;

use crate::model::certificate::ParsedCertificate;
use crate::model::crypto::{verify_signature, Verification};
use crate::verifier::SignatureVerifier;

pub(crate) use mozilla_roots::{STORE_DATE, STORE_SOURCE};
pub use pool::IntermediatePool;
#[cfg(feature = "intermediates")]
pub(crate) use pool::PoolCertificate;

/// Where a trust anchor comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AnchorSource {
    /// Mozilla's root store (the generated table).
    PublicStore,
    /// A root the caller gave (`roots`).
    CallerRoots,
}

/// How a certificate meets a trust anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Anchoring {
    /// The certificate is the anchor (the same name and key).
    IsAnchor(AnchorSource),
    /// An anchor issued it.
    IssuedByAnchor(AnchorSource),
}

impl Anchoring {
    /// What the report says.
    pub(crate) fn anchored(self) -> Anchored {
        match self {
            Anchoring::IsAnchor(AnchorSource::PublicStore) => Anchored::StoreRoot,
            Anchoring::IssuedByAnchor(AnchorSource::PublicStore) => Anchored::IssuedByStoreRoot,
            Anchoring::IsAnchor(AnchorSource::CallerRoots) => Anchored::CallerRoot,
            Anchoring::IssuedByAnchor(AnchorSource::CallerRoots) => Anchored::IssuedByCallerRoot,
        }
    }
}

/// The anchors one check trusts.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TrustAnchors<'a> {
    /// Whether Mozilla's root store counts.
    pub(crate) public: bool,
    /// Roots the caller gave, parsed.
    pub(crate) caller: &'a [ParsedCertificate],
    /// Who verifies a signature by a caller's root (the check's own verifier).
    pub(crate) verifier: &'a dyn SignatureVerifier,
}

impl<'a> TrustAnchors<'a> {
    /// How `cert` meets an anchor, if it does. The caller's roots are checked first (by name
    /// and by verifying the signature with the root's key); the store by name and key
    /// identifier only, since its keys are not shipped.
    pub(crate) fn anchoring(&self, cert: &ParsedCertificate) -> Option<Anchoring> {
        if self
            .caller
            .iter()
            .any(|root| root.subject_raw == cert.subject_raw && root.spki == cert.spki)
        {
            return Some(Anchoring::IsAnchor(AnchorSource::CallerRoots));
        }
        if self
            .caller
            .iter()
            .any(|root| root.subject_raw == cert.issuer_raw && signed_by(cert, root, self.verifier))
        {
            return Some(Anchoring::IssuedByAnchor(AnchorSource::CallerRoots));
        }
        if !self.public {
            return None;
        }
        let own_id = cert.links.subject_key_id.as_deref().unwrap_or_default();
        if in_store(&cert.subject_raw, own_id) {
            return Some(Anchoring::IsAnchor(AnchorSource::PublicStore));
        }
        let issuer_id = cert.links.authority_key_id.as_deref().unwrap_or_default();
        if in_store(&cert.issuer_raw, issuer_id) {
            return Some(Anchoring::IssuedByAnchor(AnchorSource::PublicStore));
        }
        None
    }

    /// The caller's root that issued `cert` (by name and signature), if one did: the last
    /// certificate of the path a client builds to it.
    pub(crate) fn caller_issuer(&self, cert: &ParsedCertificate) -> Option<&'a ParsedCertificate> {
        self.caller.iter().find(|root| {
            root.subject_raw == cert.issuer_raw && signed_by(cert, root, self.verifier)
        })
    }

    /// True when `cert` is itself an anchor (a root of the store or one the caller gave).
    pub(crate) fn is_anchor(&self, cert: &ParsedCertificate) -> bool {
        matches!(self.anchoring(cert), Some(Anchoring::IsAnchor(_)))
    }
}

/// `root`'s key made `cert`'s signature; when the algorithm cannot be verified here, the key
/// identifiers must agree instead.
fn signed_by(
    cert: &ParsedCertificate,
    root: &ParsedCertificate,
    verifier: &dyn SignatureVerifier,
) -> bool {
    match verify_signature(cert, root, verifier) {
        Verification::Valid => true,
        Verification::Unsupported(_) => {
            match (&cert.links.authority_key_id, &root.links.subject_key_id) {
                (Some(authority), Some(own)) => authority == own,
                _ => true,
            }
        }
        Verification::Invalid | Verification::WrongKeyType(_) => false,
    }
}

/// The store's match key: the first 8 bytes of SHA-256 over a name's DER and a key identifier.
fn store_key(name: &[u8], key_id: &[u8]) -> u64 {
    let mut context = digest::Context::new(&digest::SHA256);
    context.update(name);
    context.update(key_id);
    let hash = context.finish();
    let mut first = [0u8; 8];
    for (to, from) in first.iter_mut().zip(hash.as_ref()) {
        *to = *from;
    }
    u64::from_be_bytes(first)
}

fn in_store(name: &[u8], key_id: &[u8]) -> bool {
    mozilla_roots::ROOT_KEYS
        .binary_search(&store_key(name, key_id))
        .is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_and_has_every_root() {
        let keys = &mozilla_roots::ROOT_KEYS;
        assert!(keys.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(keys.len() > 100, "{}", keys.len());
        assert_eq!(STORE_DATE.len(), "2026-05-20".len());
    }

    #[test]
    fn store_key_is_sha256_of_name_then_key_id() {
        // SHA-256("abc") = ba7816bf8f01cfea...
        assert_eq!(store_key(b"ab", b"c"), 0xba78_16bf_8f01_cfea);
        assert_eq!(store_key(b"abc", b""), 0xba78_16bf_8f01_cfea);
    }
}
