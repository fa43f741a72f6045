//! What the client-acceptance lints read from a certificate beyond the facts the other rules
//! use: the subjectAltName entry by entry as encoded (a dNSName that is not an IA5String is
//! kept, not dropped), every common name, the validity times as written, the extended key
//! usage and key usage with their criticality, and repeated extensions. Read from the raw DER
//! with asn1-rs (already linked through x509-parser), so that an entry x509-parser refuses
//! still reaches the lints.

use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};
use x509_parser::prelude::X509Certificate;

/// One subjectAltName entry as encoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SanEntry {
    /// A dNSName: its text (each byte outside IA5, i.e. above 0x7F, as U+FFFD) and whether
    /// every byte is IA5 (RFC 5280 section 4.2.1.6: dNSName is an IA5String).
    Dns { name: String, ia5: bool },
    /// An iPAddress: its octets (4 or 16 when well formed).
    Ip(Vec<u8>),
    /// Another kind of name (rfc822Name, URI, directoryName, otherName, ...), by its tag number.
    Other(u32),
}

/// A validity time as written: which ASN.1 type and its characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TimeEncoding {
    /// True for GeneralizedTime, false for UTCTime.
    pub generalized: bool,
    /// The characters of the value (`YYMMDDHHMMSSZ`, `YYYYMMDDHHMMSS.fffZ`, ...).
    pub text: String,
}

/// An extension's criticality and content, for extendedKeyUsage and keyUsage.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct LintFacts {
    /// The subjectAltName extension's entries; `None` when the extension is absent, `Some` of
    /// an empty list when it is present with no entry (or its value cannot be read).
    pub san: Option<Vec<SanEntry>>,
    /// Whether the subjectAltName value could be read as a SEQUENCE of GeneralName.
    pub san_readable: bool,
    /// Every commonName in the subject, in order (as text, lossy).
    pub common_names: Vec<String>,
    /// notBefore and notAfter as written, when the validity could be located.
    pub validity: Option<[TimeEncoding; 2]>,
    /// extendedKeyUsage: (critical, purpose OIDs dotted); `None` when absent.
    pub eku: Option<(bool, Vec<String>)>,
    /// keyUsage: (critical, bits, bit 0 = digitalSignature); `None` when absent.
    pub key_usage: Option<(bool, u16)>,
}

/// The keyUsage bits the lints name (RFC 5280 section 4.2.1.3), bit 0 first.
#[cfg_attr(not(feature = "client-lints"), allow(dead_code))] // read by the client lints only
pub(crate) mod key_usage {
    pub(crate) const DIGITAL_SIGNATURE: u16 = 1; // bit 0 (`1 << 0`, which mutates to an equal `1 >> 0`)
    pub(crate) const KEY_ENCIPHERMENT: u16 = 1 << 2;
    pub(crate) const DATA_ENCIPHERMENT: u16 = 1 << 3;
    pub(crate) const KEY_AGREEMENT: u16 = 1 << 4;
    pub(crate) const KEY_CERT_SIGN: u16 = 1 << 5;
    pub(crate) const CRL_SIGN: u16 = 1 << 6;
}

const OID_SAN: &str = "2.5.29.17";
const OID_EKU: &str = "2.5.29.37";
const OID_KEY_USAGE: &str = "2.5.29.15";

/// Reads the lint facts of a parsed certificate.
pub(crate) fn lint_facts(cert: &X509Certificate<'_>) -> LintFacts {
    let tbs = &cert.tbs_certificate;
    let mut facts = LintFacts {
        common_names: tbs
            .subject()
            .iter_common_name()
            .map(|cn| lossy(cn.attr_value().data))
            .collect(),
        validity: validity_encoding(tbs.as_ref(), tbs.issuer().as_raw()),
        ..LintFacts::default()
    };
    let mut seen: Vec<String> = Vec::new();
    for ext in tbs.extensions() {
        let oid = ext.oid.to_id_string();
        // A repeated extension is read once, the first (`parse_certificate` reports a repeated
        // basicConstraints, extendedKeyUsage or subjectAltName as the certificate's defect).
        if seen.contains(&oid) {
            continue;
        }
        match oid.as_str() {
            OID_SAN => {
                let entries = san_entries(ext.value);
                facts.san_readable = entries.is_some();
                facts.san = Some(entries.unwrap_or_default());
            }
            OID_EKU => facts.eku = Some((ext.critical, eku_oids(ext.value))),
            OID_KEY_USAGE => facts.key_usage = Some((ext.critical, key_usage_bits(ext.value))),
            _ => {}
        }
        seen.push(oid);
    }
    facts
}

/// The GeneralNames of a subjectAltName value; `None` when it is not a SEQUENCE of them.
fn san_entries(value: &[u8]) -> Option<Vec<SanEntry>> {
    let (_, seq) = Any::from_der(value).ok()?;
    if seq.tag() != Tag::Sequence {
        return None;
    }
    let mut rest = seq.data;
    let mut entries = Vec::new();
    while !rest.is_empty() {
        let (next, name) = Any::from_der(rest).ok()?;
        rest = next;
        if name.class() != Class::ContextSpecific {
            return None;
        }
        entries.push(match name.tag().0 {
            2 => SanEntry::Dns {
                name: lossy(name.data),
                ia5: name.data.is_ascii(),
            },
            7 => SanEntry::Ip(name.data.to_vec()),
            other => SanEntry::Other(other),
        });
    }
    Some(entries)
}

/// The purpose OIDs of an extendedKeyUsage value (unreadable ones left out).
fn eku_oids(value: &[u8]) -> Vec<String> {
    let Ok((_, seq)) = Any::from_der(value) else {
        return Vec::new();
    };
    let mut rest = seq.data;
    let mut oids = Vec::new();
    while let Ok((next, oid)) = x509_parser::asn1_rs::Oid::from_der(rest) {
        oids.push(oid.to_id_string());
        rest = next;
    }
    oids
}

/// The bits of a keyUsage BIT STRING, bit 0 (digitalSignature) as the lowest.
fn key_usage_bits(value: &[u8]) -> u16 {
    let Ok((_, bits)) = Any::from_der(value) else {
        return 0;
    };
    // The first content byte counts the unused bits; the named bits follow, first bit highest.
    let mut out = 0u16;
    for (byte_index, byte) in bits.data.iter().skip(1).take(2).enumerate() {
        for bit in 0..8 {
            if byte & (0x80 >> bit) != 0 {
                out |= 1 << (byte_index * 8 + bit);
            }
        }
    }
    out
}

/// notBefore and notAfter as written: the Validity SEQUENCE follows the issuer name in the
/// TBSCertificate (RFC 5280 section 4.1), which is where x509-parser read `issuer` from.
fn validity_encoding(tbs: &[u8], issuer: &[u8]) -> Option<[TimeEncoding; 2]> {
    let start = issuer.as_ptr().addr().checked_sub(tbs.as_ptr().addr())?;
    let after_issuer = tbs.get(start.checked_add(issuer.len())?..)?;
    let (_, validity) = Any::from_der(after_issuer).ok()?;
    let (rest, not_before) = Any::from_der(validity.data).ok()?;
    let (_, not_after) = Any::from_der(rest).ok()?;
    let time = |any: &Any<'_>| TimeEncoding {
        generalized: any.tag() == Tag::GeneralizedTime,
        text: lossy(any.data),
    };
    Some([time(&not_before), time(&not_after)])
}

/// Bytes as text, each byte that is not ASCII as U+FFFD (these are IA5 or Printable values:
/// anything beyond ASCII is already wrong, and is shown as such).
fn lossy(bytes: &[u8]) -> String {
    match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => bytes
            .iter()
            .map(|&b| {
                if b.is_ascii() {
                    char::from(b)
                } else {
                    char::REPLACEMENT_CHARACTER
                }
            })
            .collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use x509_parser::extensions::KeyUsage;

    /// keyUsage's bits as x509-parser's own parser numbers them (bit 0 digitalSignature, bit 8
    /// decipherOnly, the one bit of the second content byte), for every encoding a CA writes:
    /// one content byte or two, unused bits counted or not.
    #[test]
    fn key_usage_bits_are_numbered_as_x509_parser_numbers_them() {
        let table: [&[u8]; 7] = [
            &[0x03, 0x02, 0x07, 0x80],       // digitalSignature
            &[0x03, 0x02, 0x05, 0xa0],       // digitalSignature, keyEncipherment
            &[0x03, 0x02, 0x01, 0x06],       // keyCertSign, cRLSign
            &[0x03, 0x02, 0x00, 0xff],       // the first eight
            &[0x03, 0x03, 0x07, 0x00, 0x80], // decipherOnly alone
            &[0x03, 0x03, 0x07, 0x88, 0x80], // digitalSignature, keyAgreement, decipherOnly
            &[0x03, 0x01, 0x00],             // none
        ];
        for value in table {
            let expected = KeyUsage::from_der(value)
                .map(|(_, ku)| ku.flags)
                .unwrap_or(0);
            assert_eq!(key_usage_bits(value), expected, "{value:02x?}");
        }
        assert_eq!(key_usage_bits(table[4]), 1 << 8);
    }
}
