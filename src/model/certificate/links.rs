//! What links a certificate to its issuer beyond the names: the Subject and Authority Key
//! Identifiers and the Authority Information Access caIssuers URLs (RFC 5280 4.2.1.1,
//! 4.2.1.2, 4.2.2.1). They name a missing issuer and match trust anchors; they never decide
//! whether a certificate is readable, so an extension that does not parse counts as absent.

use x509_parser::der_parser::oid::Oid;
use x509_parser::extensions::{
    AuthorityInfoAccess, AuthorityKeyIdentifier, GeneralName, KeyIdentifier,
};
use x509_parser::oid_registry::{
    OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS, OID_PKIX_ACCESS_DESCRIPTOR_OCSP,
    OID_PKIX_AUTHORITY_INFO_ACCESS, OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER,
    OID_X509_EXT_SUBJECT_KEY_IDENTIFIER,
};
use x509_parser::prelude::{FromDer, X509Certificate};

/// The issuer-linking extensions of one certificate, owned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct IssuerLinks {
    /// subjectKeyIdentifier: the key identifier of this certificate's own key.
    pub subject_key_id: Option<Vec<u8>>,
    /// authorityKeyIdentifier keyIdentifier: the issuer's key identifier.
    pub authority_key_id: Option<Vec<u8>>,
    /// authorityInfoAccess caIssuers URIs: where the issuer's certificate can be downloaded.
    pub ca_issuers: Vec<String>,
    /// authorityInfoAccess OCSP URIs (ACM refuses one over 1,000 characters, TARGETS §1).
    pub ocsp: Vec<String>,
}

/// Reads the three extensions; each one absent, repeated or unreadable is left empty.
pub(crate) fn issuer_links(cert: &X509Certificate<'_>) -> IssuerLinks {
    let value = |oid: &Oid<'static>| -> Option<&[u8]> {
        cert.get_extension_unique(oid)
            .ok()
            .flatten()
            .map(|ext| ext.value)
    };
    let subject_key_id = value(&OID_X509_EXT_SUBJECT_KEY_IDENTIFIER)
        .and_then(|v| KeyIdentifier::from_der(v).ok())
        .map(|(_, id)| id.0.to_vec());
    let authority_key_id = value(&OID_X509_EXT_AUTHORITY_KEY_IDENTIFIER)
        .and_then(|v| AuthorityKeyIdentifier::from_der(v).ok())
        .and_then(|(_, aki)| aki.key_identifier)
        .map(|id| id.0.to_vec());
    let access = value(&OID_PKIX_AUTHORITY_INFO_ACCESS)
        .and_then(|v| AuthorityInfoAccess::from_der(v).ok())
        .map(|(_, aia)| aia.accessdescs)
        .unwrap_or_default();
    let uris = |method: &Oid<'static>| -> Vec<String> {
        access
            .iter()
            .filter(|d| d.access_method == *method)
            .filter_map(|d| match &d.access_location {
                GeneralName::URI(uri) => Some(uri.to_string()),
                _ => None,
            })
            .collect()
    };
    IssuerLinks {
        subject_key_id,
        authority_key_id,
        ca_issuers: uris(&OID_PKIX_ACCESS_DESCRIPTOR_CA_ISSUERS),
        ocsp: uris(&OID_PKIX_ACCESS_DESCRIPTOR_OCSP),
    }
}
