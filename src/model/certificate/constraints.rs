//! What path validation reads from a certificate beyond its names and key (RFC 5280 section 6):
//! basicConstraints' criticality and pathLenConstraint, keyUsage keyCertSign, name constraints,
//! the key identifier extensions' form, the serial number's encoding, the extensions marked
//! critical that no client understands, and the subjectAltName's criticality. Read once when the
//! certificate is parsed; an extension that does not parse counts as absent here (the reading
//! rules report it).

use x509_parser::extensions::{
    AuthorityInfoAccess, AuthorityKeyIdentifier, BasicConstraints, GeneralName, KeyUsage,
    NameConstraints,
};
use x509_parser::prelude::{FromDer, X509Certificate};

use crate::model::oid_names::dotted;

/// The extensions path validators process (RFC 5280 section 4.2 and the web PKI's): a critical
/// extension outside this list makes rustls-webpki, Go, OpenSSL and browsers refuse the
/// certificate (RFC 5280 4.2: "A certificate-using system MUST reject the certificate if it
/// encounters a critical extension it does not recognize").
const UNDERSTOOD_EXTENSIONS: &[&str] = &[
    "2.5.29.14", // subjectKeyIdentifier
    "2.5.29.15", // keyUsage
    "2.5.29.17", // subjectAltName
    "2.5.29.19", // basicConstraints
    "2.5.29.30", // nameConstraints
    "2.5.29.31", // cRLDistributionPoints
    "2.5.29.32", // certificatePolicies
    "2.5.29.33", // policyMappings
    "2.5.29.35", // authorityKeyIdentifier
    "2.5.29.36", // policyConstraints
    "2.5.29.37", // extKeyUsage
    "2.5.29.54", // inhibitAnyPolicy
                 // authorityInfoAccess is left out: RFC 5280 4.2.2.1 makes it non-critical and
                 // rustls-webpki does not process it, so a critical one is refused.
];

/// A name a constraint subtree gives (RFC 5280 4.2.1.10).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Subtree {
    /// A dNSName constraint, as written (`example.com`, `.example.com`).
    Dns(String),
    /// An iPAddress constraint: address and mask, 8 bytes (IPv4) or 32 (IPv6) together.
    Ip(Vec<u8>),
    /// A directoryName constraint: the name's DER.
    Directory(Vec<u8>),
    /// Another form (rfc822Name, URI, otherName, ...), by its kind.
    Other(&'static str),
}

/// A nameConstraints extension.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct NameConstraintsFacts {
    pub critical: bool,
    /// None when the field is absent (not the same as an empty list).
    pub permitted: Option<Vec<Subtree>>,
    pub excluded: Option<Vec<Subtree>>,
}

/// The authorityKeyIdentifier's form.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct AuthorityKeyIdFacts {
    pub critical: bool,
    pub has_key_id: bool,
    /// authorityCertIssuer or authorityCertSerialNumber is present.
    pub has_issuer_and_serial: bool,
}

/// Path-validation facts of one certificate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct PathFacts {
    /// basicConstraints' critical flag, when the extension is present.
    pub basic_constraints_critical: Option<bool>,
    /// basicConstraints pathLenConstraint.
    pub path_len: Option<u32>,
    /// keyUsage keyCertSign, when keyUsage is present.
    pub key_cert_sign: Option<bool>,
    pub name_constraints: Option<NameConstraintsFacts>,
    pub authority_key_id: Option<AuthorityKeyIdFacts>,
    /// subjectKeyIdentifier's critical flag, when present.
    pub subject_key_id_critical: Option<bool>,
    /// subjectAltName's critical flag, when present.
    pub san_critical: Option<bool>,
    /// policyConstraints' critical flag, when present.
    pub policy_constraints_critical: Option<bool>,
    /// Extensions path validators parse that do not parse here, by name.
    pub unreadable: Vec<&'static str>,
    /// The subject is an empty sequence.
    pub empty_subject: bool,
    /// The serialNumber INTEGER's content octets, as encoded.
    pub serial: Vec<u8>,
    /// Dotted OIDs of critical extensions no validator understands.
    pub unknown_critical: Vec<String>,
    /// iPAddress subjectAltNames, as encoded (4 or 16 bytes).
    pub ip_addresses: Vec<Vec<u8>>,
    /// The forms of the other subjectAltNames (not dNSName or iPAddress), for messages.
    pub other_san_kinds: Vec<&'static str>,
}

/// Reads the facts from a parsed certificate.
pub(crate) fn path_facts(cert: &X509Certificate<'_>) -> PathFacts {
    let tbs = &cert.tbs_certificate;
    let mut facts = PathFacts {
        empty_subject: tbs.subject().iter_rdn().next().is_none(),
        serial: tbs.raw_serial().to_vec(),
        ..PathFacts::default()
    };
    for ext in tbs.extensions() {
        let oid = dotted(&ext.oid);
        match &*oid {
            "2.5.29.19" => {
                facts.basic_constraints_critical = Some(ext.critical);
                facts.path_len = BasicConstraints::from_der(ext.value)
                    .ok()
                    .and_then(|(_, bc)| bc.path_len_constraint);
            }
            "2.5.29.15" => {
                facts.key_cert_sign = KeyUsage::from_der(ext.value)
                    .ok()
                    .map(|(_, ku)| ku.key_cert_sign());
            }
            "2.5.29.30" => {
                facts.name_constraints =
                    NameConstraints::from_der(ext.value).ok().map(|(_, nc)| {
                        let list =
                            |trees: Option<Vec<x509_parser::extensions::GeneralSubtree<'_>>>| {
                                trees.map(|t| t.iter().map(|s| subtree(&s.base)).collect())
                            };
                        NameConstraintsFacts {
                            critical: ext.critical,
                            permitted: list(nc.permitted_subtrees),
                            excluded: list(nc.excluded_subtrees),
                        }
                    });
            }
            "2.5.29.35" => {
                let aki = AuthorityKeyIdentifier::from_der(ext.value)
                    .ok()
                    .map(|(_, a)| a);
                facts.authority_key_id = Some(AuthorityKeyIdFacts {
                    critical: ext.critical,
                    has_key_id: aki.as_ref().is_some_and(|a| a.key_identifier.is_some()),
                    has_issuer_and_serial: aki.as_ref().is_some_and(|a| {
                        a.authority_cert_issuer.is_some() || a.authority_cert_serial.is_some()
                    }),
                });
            }
            "2.5.29.14" => facts.subject_key_id_critical = Some(ext.critical),
            "2.5.29.36" => facts.policy_constraints_critical = Some(ext.critical),
            "1.3.6.1.5.5.7.1.1" if AuthorityInfoAccess::from_der(ext.value).is_err() => {
                facts.unreadable.push("authorityInfoAccess");
            }
            "2.5.29.17" => {
                facts.san_critical = Some(ext.critical);
                if let Ok((_, san)) =
                    x509_parser::extensions::SubjectAlternativeName::from_der(ext.value)
                {
                    for name in &san.general_names {
                        match name {
                            GeneralName::IPAddress(bytes) => {
                                facts.ip_addresses.push(bytes.to_vec())
                            }
                            GeneralName::DNSName(_) => {}
                            other => facts.other_san_kinds.push(kind(other)),
                        }
                    }
                }
            }
            _ => {}
        }
        if ext.critical && !UNDERSTOOD_EXTENSIONS.contains(&&*oid) {
            facts.unknown_critical.push(oid.into_owned());
        }
    }
    facts
}

fn subtree(name: &GeneralName<'_>) -> Subtree {
    match name {
        GeneralName::DNSName(dns) => Subtree::Dns((*dns).to_string()),
        GeneralName::IPAddress(bytes) => Subtree::Ip(bytes.to_vec()),
        GeneralName::DirectoryName(dn) => Subtree::Directory(dn.as_raw().to_vec()),
        other => Subtree::Other(kind(other)),
    }
}

/// The GeneralName form's name, for messages.
fn kind(name: &GeneralName<'_>) -> &'static str {
    match name {
        GeneralName::OtherName(..) => "otherName",
        GeneralName::RFC822Name(_) => "rfc822Name",
        GeneralName::DNSName(_) => "dNSName",
        GeneralName::X400Address(_) => "x400Address",
        GeneralName::DirectoryName(_) => "directoryName",
        GeneralName::EDIPartyName(_) => "ediPartyName",
        GeneralName::URI(_) => "uniformResourceIdentifier",
        GeneralName::IPAddress(_) => "iPAddress",
        GeneralName::RegisteredID(_) => "registeredID",
        GeneralName::Invalid(..) => "an unreadable name",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each GeneralName form is named in messages by its field name in RFC 5280 4.2.1.6
    /// (`GeneralName ::= CHOICE { otherName [0], rfc822Name [1], ... }`), read from DER by
    /// x509-parser.
    #[test]
    fn general_names_are_named_by_their_rfc_5280_field() {
        let oid = [0x06, 0x03, 0x2a, 0x03, 0x04]; // 1.2.3.4
        let name = [0x30, 0x00]; // an empty Name
        let table: [(&[u8], &str); 9] = [
            (
                &[&[0xa0, 0x09][..], &oid, &[0xa0, 0x02, 0x05, 0x00]].concat(),
                "otherName",
            ),
            (b"\x81\x03a@b", "rfc822Name"),
            (b"\x82\x05a.com", "dNSName"),
            (&[0xa3, 0x02, 0x30, 0x00], "x400Address"),
            (&[&[0xa4, 0x02][..], &name].concat(), "directoryName"),
            (&[0xa5, 0x02, 0x30, 0x00], "ediPartyName"),
            (b"\x86\x08http://a", "uniformResourceIdentifier"),
            (&[0x87, 0x04, 192, 0, 2, 1], "iPAddress"),
            (&[0x88, 0x03, 0x2a, 0x03, 0x04], "registeredID"),
        ];
        for (der, expected) in table {
            let (_, general_name) = GeneralName::from_der(der)
                .unwrap_or_else(|e| panic!("{expected}: {der:02x?}: {e:?}"));
            assert_eq!(kind(&general_name), expected, "{der:02x?}");
        }
    }
}
