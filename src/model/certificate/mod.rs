//! One X.509 certificate, parsed once (x509-parser) into owned values the rules read.
//! Parser types stay inside this module.

use x509_parser::asn1_rs::{BmpString, Tag};
use x509_parser::certificate::X509CertificateParser;
use x509_parser::error::X509Error;
use x509_parser::extensions::{
    BasicConstraints, ExtendedKeyUsage, GeneralName, SubjectAlternativeName,
};
use x509_parser::nom::Parser;
use x509_parser::oid_registry::{
    OID_X509_EXT_BASIC_CONSTRAINTS, OID_X509_EXT_EXTENDED_KEY_USAGE, OID_X509_EXT_SUBJECT_ALT_NAME,
};
use x509_parser::prelude::{FromDer, X509Certificate};
use x509_parser::public_key::{ECPoint, RSAPublicKey};
use x509_parser::signature_algorithm::RsaSsaPssParams;
use x509_parser::x509::{AlgorithmIdentifier, X509Name};

use super::oid_names::{dotted, short_name};
use crate::text::hex::hex;
pub(crate) use links::IssuerLinks;

mod links;

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

/// The signature algorithm a certificate was signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignatureKind {
    RsaPkcs1(Hash),
    RsaPss(Hash),
    Ecdsa(Hash),
    Ed25519,
    Other,
}

/// A named elliptic curve.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
    /// Any other curve, by name where known, else by OID.
    Other(String),
}

impl Curve {
    pub(crate) fn name(&self) -> &str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Other(name) => name,
        }
    }

    /// The one curve table: certificates and private keys name their curve by OID, and both
    /// are read through here, so a key and its own certificate always agree on the curve.
    pub(crate) fn from_oid(oid: &str) -> Curve {
        match oid {
            "1.2.840.10045.3.1.7" => Curve::P256,
            "1.3.132.0.34" => Curve::P384,
            "1.3.132.0.35" => Curve::P521,
            "1.3.132.0.10" => Curve::Other("secp256k1".into()),
            "1.2.840.10045.3.1.1" => Curve::Other("P-192".into()),
            "1.3.132.0.33" => Curve::Other("P-224".into()),
            "1.3.36.3.3.2.8.1.1.7" => Curve::Other("brainpoolP256r1".into()),
            "1.3.36.3.3.2.8.1.1.11" => Curve::Other("brainpoolP384r1".into()),
            "1.3.36.3.3.2.8.1.1.13" => Curve::Other("brainpoolP512r1".into()),
            other => Curve::Other(other.to_string()),
        }
    }
}

/// The subject public key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum KeyKind {
    Rsa { bits: u32 },
    Ec { curve: Curve, bits: u32 },
    Ed25519,
    Ed448,
    Dsa { bits: u32 },
    Other(String),
}

impl KeyKind {
    pub(crate) fn algorithm_name(&self) -> String {
        match self {
            KeyKind::Rsa { .. } => "RSA".into(),
            KeyKind::Ec { .. } => "EC".into(),
            KeyKind::Ed25519 => "Ed25519".into(),
            KeyKind::Ed448 => "Ed448".into(),
            KeyKind::Dsa { .. } => "DSA".into(),
            KeyKind::Other(oid) => oid.clone(),
        }
    }

    pub(crate) fn bits(&self) -> Option<u32> {
        match self {
            KeyKind::Rsa { bits } | KeyKind::Ec { bits, .. } | KeyKind::Dsa { bits } => Some(*bits),
            KeyKind::Ed25519 => Some(256),
            KeyKind::Ed448 => Some(456),
            KeyKind::Other(_) => None,
        }
    }
}

/// A parsed certificate with everything the rules need, owned.
#[derive(Debug, Clone)]
pub(crate) struct ParsedCertificate {
    /// Position in the input field (0 = first block).
    pub index: usize,
    /// 1-based line of the block's BEGIN boundary.
    #[allow(dead_code)]
    pub line: usize,
    /// The whole DER encoding (fingerprints, normalization).
    pub der: Vec<u8>,
    /// The signed part (tbsCertificate), for signature verification.
    pub tbs: Vec<u8>,
    /// Raw DER of the subject and issuer names, for exact linkage.
    pub subject_raw: Vec<u8>,
    pub issuer_raw: Vec<u8>,
    pub subject: String,
    pub issuer: String,
    pub common_name: Option<String>,
    pub dns_names: Vec<String>,
    /// DNS names and IP addresses in certificate order, as the providers list them.
    pub alt_names: Vec<String>,
    pub serial_hex: String,
    pub not_before: i64,
    pub not_after: i64,
    pub key: KeyKind,
    /// The whole SubjectPublicKeyInfo DER: for signature verifiers that take it, and trust
    /// anchors are matched by its hash.
    pub spki: Vec<u8>,
    /// The subjectPublicKey bits (RSAPublicKey DER, EC point, raw Ed25519 key).
    pub public_key: Vec<u8>,
    pub signature: SignatureKind,
    pub signature_name: String,
    pub signature_value: Vec<u8>,
    /// basicConstraints cA, or None when the extension is absent.
    pub basic_constraints_ca: Option<bool>,
    /// Extended key usage, or None when the extension is absent.
    pub eku_allows_server_auth: Option<bool>,
    /// Key identifiers and caIssuers URLs, to name a missing issuer and match anchors.
    pub links: IssuerLinks,
}

/// Parses one certificate's DER. The error is a short reason for `cert.malformed`.
pub(crate) fn parse_certificate(
    index: usize,
    line: usize,
    der: &[u8],
) -> Result<ParsedCertificate, String> {
    // Extensions are parsed shallowly: only the three the rules read are parsed, below, so
    // x509-parser's parsers for the others (policies, CRL distribution points, SCTs, ...) are
    // not linked into the wasm module.
    let (rest, cert) = X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(der)
        .map_err(|e| describe_error(&e))?;
    if !rest.is_empty() {
        return Err(format!("{} bytes follow the certificate's DER", rest.len()));
    }
    let tbs = &cert.tbs_certificate;
    let spki = tbs.public_key();
    let key = key_kind(&spki.algorithm, &spki.subject_public_key.data);
    let sig_name = signature_name(&cert.signature_algorithm);
    let signature = signature_kind(&cert.signature_algorithm);
    let basic_constraints_ca = match basic_constraints(&cert) {
        Ok(bc) => bc.map(|bc| bc.ca),
        Err(e) => return Err(format!("its basicConstraints extension: {e}")),
    };
    let eku_allows_server_auth = match extended_key_usage(&cert) {
        Ok(eku) => eku.map(|eku| eku.server_auth || eku.any),
        Err(e) => return Err(format!("its extendedKeyUsage extension: {e}")),
    };
    let common_name = tbs
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .map(str::to_string);
    let mut dns_names = Vec::new();
    let mut alt_names = Vec::new();
    match subject_alternative_name(&cert) {
        Ok(Some(san)) => {
            for name in &san.general_names {
                match name {
                    GeneralName::DNSName(dns) => {
                        dns_names.push(dns.to_string());
                        alt_names.push(dns.to_string());
                    }
                    GeneralName::IPAddress(bytes) => alt_names.push(ip_to_string(bytes)),
                    _ => {}
                }
            }
        }
        Ok(None) => {}
        Err(e) => return Err(format!("its subjectAltName extension: {e}")),
    }
    Ok(ParsedCertificate {
        index,
        line,
        der: der.to_vec(),
        tbs: tbs.as_ref().to_vec(),
        subject_raw: tbs.subject().as_raw().to_vec(),
        issuer_raw: tbs.issuer().as_raw().to_vec(),
        subject: name_to_string(tbs.subject()),
        issuer: name_to_string(tbs.issuer()),
        common_name,
        dns_names,
        alt_names,
        serial_hex: hex_lower(trim_leading_zeros(tbs.raw_serial())),
        not_before: tbs.validity().not_before.timestamp(),
        not_after: tbs.validity().not_after.timestamp(),
        key,
        spki: spki.raw.to_vec(),
        public_key: spki.subject_public_key.data.to_vec(),
        signature,
        signature_name: sig_name,
        signature_value: cert.signature_value.data.to_vec(),
        basic_constraints_ca,
        eku_allows_server_auth,
        links: links::issuer_links(&cert),
    })
}

// The three extensions the rules read, parsed from their raw values with the same results as
// x509-parser's deep parsing and its `X509Certificate` accessors: a duplicate is
// `DuplicateExtensions`; a basicConstraints that does not parse counts as absent (the accessor
// returns `Ok(None)` for it); an extendedKeyUsage or subjectAltName that does not parse is
// `InvalidExtensions`. Bytes after the parsed value are ignored, as deep parsing does.

fn basic_constraints(cert: &X509Certificate<'_>) -> Result<Option<BasicConstraints>, X509Error> {
    Ok(cert
        .get_extension_unique(&OID_X509_EXT_BASIC_CONSTRAINTS)?
        .and_then(|ext| parse_basic_constraints(ext.value)))
}

fn parse_basic_constraints(value: &[u8]) -> Option<BasicConstraints> {
    BasicConstraints::from_der(value).ok().map(|(_, bc)| bc)
}

fn extended_key_usage<'a>(
    cert: &X509Certificate<'a>,
) -> Result<Option<ExtendedKeyUsage<'a>>, X509Error> {
    cert.get_extension_unique(&OID_X509_EXT_EXTENDED_KEY_USAGE)?
        .map(|ext| parse_extended_key_usage(ext.value))
        .transpose()
}

fn parse_extended_key_usage(value: &[u8]) -> Result<ExtendedKeyUsage<'_>, X509Error> {
    match ExtendedKeyUsage::from_der(value) {
        Ok((_, eku)) => Ok(eku),
        Err(_) => Err(X509Error::InvalidExtensions),
    }
}

fn subject_alternative_name<'a>(
    cert: &X509Certificate<'a>,
) -> Result<Option<SubjectAlternativeName<'a>>, X509Error> {
    cert.get_extension_unique(&OID_X509_EXT_SUBJECT_ALT_NAME)?
        .map(|ext| parse_subject_alternative_name(ext.value))
        .transpose()
}

fn parse_subject_alternative_name(value: &[u8]) -> Result<SubjectAlternativeName<'_>, X509Error> {
    match SubjectAlternativeName::from_der(value) {
        Ok((_, san)) => Ok(san),
        Err(_) => Err(X509Error::InvalidExtensions),
    }
}

fn describe_error(e: &x509_parser::nom::Err<x509_parser::error::X509Error>) -> String {
    match e {
        x509_parser::nom::Err::Incomplete(_) => "its DER encoding is truncated".into(),
        x509_parser::nom::Err::Error(e) | x509_parser::nom::Err::Failure(e) => {
            format!("its DER encoding is invalid ({e})")
        }
    }
}

/// Formats a distinguished name exactly as x509-parser 0.18's `X509Name` Display does
/// (`CN=a, O=b`, multi-valued RDNs joined with ` + `, unknown types as `OID(1.2.3)`, values
/// that are not strings in upper-case hex, `<X509Error: Invalid X.509 name>` when a string is
/// not valid), with a table of short names instead of x509-parser's OID registry.
#[allow(
    clippy::indexing_slicing,
    reason = "nibbles (< 16) index 16-entry tables; slices are bounded by the lengths checked beside them"
)]
fn name_to_string(name: &X509Name<'_>) -> String {
    // The text is about as long as the DER (short names replace OIDs and headers).
    let mut out = String::with_capacity(name.as_raw().len());
    for (i, rdn) in name.iter_rdn().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        for (j, attr) in rdn.iter().enumerate() {
            if j > 0 {
                out.push_str(" + ");
            }
            let oid = attr.attr_type();
            match short_name(oid.as_bytes()) {
                Some(short) => out.push_str(short),
                None => {
                    // An attribute type parsed from DER is never a relative OID.
                    out.push_str("OID(");
                    out.push_str(&oid.to_id_string());
                    out.push(')');
                }
            }
            out.push('=');
            let value = attr.attr_value();
            match value.tag() {
                Tag::NumericString
                | Tag::VisibleString
                | Tag::PrintableString
                | Tag::GeneralString
                | Tag::ObjectDescriptor
                | Tag::GraphicString
                | Tag::T61String
                | Tag::VideotexString
                | Tag::Utf8String
                | Tag::Ia5String => match std::str::from_utf8(value.data) {
                    Ok(text) => out.push_str(text),
                    Err(_) => return INVALID_NAME.to_string(),
                },
                Tag::BmpString => match BmpString::try_from(value) {
                    Ok(text) => out.push_str(text.as_ref()),
                    Err(_) => return INVALID_NAME.to_string(),
                },
                _ => {
                    for b in value.data {
                        out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
                        out.push(char::from(HEX_UPPER[usize::from(b & 0xf)]));
                    }
                }
            }
        }
    }
    out
}

/// What x509-parser's Display prints for a name it cannot format.
const INVALID_NAME: &str = "<X509Error: Invalid X.509 name>";
const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

#[allow(
    clippy::indexing_slicing,
    reason = "nibbles (< 16) index 16-entry tables; slices are bounded by the lengths checked beside them"
)]
fn trim_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    match &bytes[first..] {
        [] if !bytes.is_empty() => &bytes[bytes.len() - 1..],
        rest => rest,
    }
}

fn hex_lower(bytes: &[u8]) -> String {
    hex(bytes)
}

/// An iPAddress name as `Ipv4Addr` / `Ipv6Addr` Display write it (RFC 5952 for IPv6: the
/// first longest run of two or more zero groups as `::`, IPv4-mapped as `::ffff:a.b.c.d`),
/// written out to keep the standard library's address formatting out of the wasm module.
fn ip_to_string(bytes: &[u8]) -> String {
    if let Ok(v4) = <[u8; 4]>::try_from(bytes) {
        ipv4_to_string(v4)
    } else if let Ok(v6) = <[u8; 16]>::try_from(bytes) {
        ipv6_to_string(v6)
    } else {
        format!("IP:{}", hex_lower(bytes))
    }
}

fn ipv4_to_string(octets: [u8; 4]) -> String {
    let mut out = String::with_capacity(15);
    push_ipv4(&mut out, octets);
    out
}

/// `a.b.c.d`, each octet in decimal, written digit by digit (no formatting machinery).
fn push_ipv4(out: &mut String, octets: [u8; 4]) {
    for (i, octet) in octets.into_iter().enumerate() {
        if i > 0 {
            out.push('.');
        }
        if octet >= 100 {
            out.push(char::from(b'0' + octet / 100));
        }
        if octet >= 10 {
            out.push(char::from(b'0' + octet / 10 % 10));
        }
        out.push(char::from(b'0' + octet % 10));
    }
}

#[allow(
    clippy::indexing_slicing,
    reason = "nibbles (< 16) index 16-entry tables; slices are bounded by the lengths checked beside them"
)]
fn ipv6_to_string(octets: [u8; 16]) -> String {
    let groups: Vec<u16> = octets
        .chunks_exact(2)
        .map(|pair| u16::from_be_bytes([pair[0], pair[1]]))
        .collect();
    let mut out = String::with_capacity(39);
    if groups[..6] == [0, 0, 0, 0, 0, 0xffff] {
        out.push_str("::ffff:");
        push_ipv4(&mut out, [octets[12], octets[13], octets[14], octets[15]]);
        return out;
    }
    // The first longest run of zero groups.
    let (mut start, mut len, mut run_start, mut run_len) = (0, 0, 0, 0);
    for (i, &group) in groups.iter().enumerate() {
        if group == 0 {
            if run_len == 0 {
                run_start = i;
            }
            run_len += 1;
            if run_len > len {
                (start, len) = (run_start, run_len);
            }
        } else {
            run_len = 0;
        }
    }
    // Groups in lowercase hex without leading zeros, `:` between them.
    let push_groups = |out: &mut String, part: &[u16]| {
        for (i, &group) in part.iter().enumerate() {
            if i > 0 {
                out.push(':');
            }
            let mut started = false;
            for shift in [12, 8, 4, 0] {
                let nibble = usize::from((group >> shift) & 0xf);
                if nibble != 0 || started || shift == 0 {
                    out.push(char::from(HEX_LOWER[nibble]));
                    started = true;
                }
            }
        }
    };
    if len > 1 {
        push_groups(&mut out, &groups[..start]);
        out.push_str("::");
        push_groups(&mut out, &groups[start + len..]);
    } else {
        push_groups(&mut out, &groups);
    }
    out
}

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

fn key_kind(algorithm: &AlgorithmIdentifier<'_>, key: &[u8]) -> KeyKind {
    let oid = dotted(&algorithm.algorithm);
    let size = key_size(&oid, key);
    match &*oid {
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => KeyKind::Rsa { bits: size },
        "1.2.840.10045.2.1" => {
            let curve_oid = algorithm
                .parameters
                .as_ref()
                .and_then(|p| p.as_oid().ok())
                .map(|o| dotted(&o))
                .unwrap_or_default();
            let curve = Curve::from_oid(&curve_oid);
            let bits = match curve {
                Curve::P256 => 256,
                Curve::P384 => 384,
                Curve::P521 => 521,
                Curve::Other(_) => size,
            };
            KeyKind::Ec { curve, bits }
        }
        "1.3.101.112" => KeyKind::Ed25519,
        "1.3.101.113" => KeyKind::Ed448,
        "1.2.840.10040.4.1" => KeyKind::Dsa { bits: size },
        _ => KeyKind::Other(oid.into_owned()),
    }
}

/// The key size `SubjectPublicKeyInfo::parsed()` and `PublicKey::key_size()` give, read only for
/// the key types whose size the rules use (not GOST's, which x509-parser also parses): RSA
/// (`rsaEncryption` only: an RSASSA-PSS key is `Unknown` to x509-parser, size 0), EC and DSA; 0
/// when the key does not parse. `tests::key_size_matches_x509_parser` checks it.
fn key_size(algorithm: &str, key: &[u8]) -> u32 {
    let bits = match algorithm {
        "1.2.840.113549.1.1.1" => RSAPublicKey::from_der(key).map_or(0, |(_, k)| k.key_size()),
        "1.2.840.10045.2.1" => ECPoint::from(key).key_size(),
        "1.2.840.10040.4.1" => x509_parser::der_parser::der::parse_der_integer(key)
            .ok()
            .and_then(|(_, y)| y.as_slice().ok())
            .map_or(0, |y| y.len() * 8),
        _ => 0,
    };
    bits as u32
}

fn hash_of_oid(oid: &str) -> Hash {
    match oid {
        "1.2.840.113549.2.5" => Hash::Md5,
        "1.3.14.3.2.26" => Hash::Sha1,
        "2.16.840.1.101.3.4.2.1" => Hash::Sha256,
        "2.16.840.1.101.3.4.2.2" => Hash::Sha384,
        "2.16.840.1.101.3.4.2.3" => Hash::Sha512,
        _ => Hash::Other,
    }
}

fn signature_kind(algorithm: &AlgorithmIdentifier<'_>) -> SignatureKind {
    match &*dotted(&algorithm.algorithm) {
        "1.2.840.113549.1.1.4" => SignatureKind::RsaPkcs1(Hash::Md5),
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => SignatureKind::RsaPkcs1(Hash::Sha1),
        "1.2.840.113549.1.1.11" => SignatureKind::RsaPkcs1(Hash::Sha256),
        "1.2.840.113549.1.1.12" => SignatureKind::RsaPkcs1(Hash::Sha384),
        "1.2.840.113549.1.1.13" => SignatureKind::RsaPkcs1(Hash::Sha512),
        // What `SignatureAlgorithm::try_from` does for this OID, without linking its parsers
        // for the other algorithms' parameters (RSAES-OAEP).
        "1.2.840.113549.1.1.10" => {
            match algorithm.parameters.as_ref().map(RsaSsaPssParams::try_from) {
                Some(Ok(params)) => {
                    SignatureKind::RsaPss(hash_of_oid(&params.hash_algorithm_oid().to_id_string()))
                }
                _ => SignatureKind::RsaPss(Hash::Other),
            }
        }
        "1.2.840.10045.4.1" => SignatureKind::Ecdsa(Hash::Sha1),
        "1.2.840.10045.4.3.2" => SignatureKind::Ecdsa(Hash::Sha256),
        "1.2.840.10045.4.3.3" => SignatureKind::Ecdsa(Hash::Sha384),
        "1.2.840.10045.4.3.4" => SignatureKind::Ecdsa(Hash::Sha512),
        "1.3.101.112" => SignatureKind::Ed25519,
        _ => SignatureKind::Other,
    }
}

/// The conventional (OpenSSL) name of a signature algorithm, or its OID.
fn signature_name(algorithm: &AlgorithmIdentifier<'_>) -> String {
    let oid = dotted(&algorithm.algorithm);
    let name = match &*oid {
        "1.2.840.113549.1.1.2" => "md2WithRSAEncryption",
        "1.2.840.113549.1.1.4" => "md5WithRSAEncryption",
        "1.2.840.113549.1.1.5" | "1.3.14.3.2.29" => "sha1WithRSAEncryption",
        "1.2.840.113549.1.1.14" => "sha224WithRSAEncryption",
        "1.2.840.113549.1.1.11" => "sha256WithRSAEncryption",
        "1.2.840.113549.1.1.12" => "sha384WithRSAEncryption",
        "1.2.840.113549.1.1.13" => "sha512WithRSAEncryption",
        "1.2.840.113549.1.1.10" => "rsassaPss",
        "1.2.840.10045.4.1" => "ecdsa-with-SHA1",
        "1.2.840.10045.4.3.1" => "ecdsa-with-SHA224",
        "1.2.840.10045.4.3.2" => "ecdsa-with-SHA256",
        "1.2.840.10045.4.3.3" => "ecdsa-with-SHA384",
        "1.2.840.10045.4.3.4" => "ecdsa-with-SHA512",
        "1.3.101.112" => "ED25519",
        "1.3.101.113" => "ED448",
        "1.2.840.10040.4.3" => "dsa-with-SHA1",
        "2.16.840.1.101.3.4.3.2" => "dsa-with-SHA256",
        "1.2.156.10197.1.501" => "SM2-with-SM3",
        _ => return oid.into_owned(),
    };
    name.to_string()
}

#[cfg(test)]
mod tests;
