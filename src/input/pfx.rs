//! Telling a PKCS#12 (PFX) file from the DER a certificate field takes, in every build: the
//! CLI reads such a file with its password (feature `pkcs12`), and a build without it (the npm
//! package) still names what it was given rather than calling it a broken certificate.

use x509_parser::asn1_rs::{Any, FromDer, Tag};

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
pub(crate) fn pfx_members(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
