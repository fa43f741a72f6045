//! One X.509 certificate, parsed once (x509-parser) into owned values the rules read.
//! Parser types stay inside this module.

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
use x509_parser::public_key::ECPoint;
use x509_parser::signature_algorithm::RsaSsaPssParams;
use x509_parser::x509::AlgorithmIdentifier;

pub(crate) use super::curve::Curve;
use super::oid_names::dotted;
use algorithm::{pss_params, rsa_modulus_bits};
pub(crate) use algorithm::{Hash, PssParams};
pub(crate) use constraints::{PathFacts, Subtree};
pub(crate) use links::IssuerLinks;
pub(crate) use lint_facts::LintFacts;
#[cfg(feature = "client-lints")]
pub(crate) use lint_facts::{key_usage, SanEntry, TimeEncoding};
pub(crate) use text::ip_to_string;
use text::{hex_lower, name_to_string, trim_leading_zeros, x509_error_text};

mod algorithm;
mod constraints;
mod links;
mod lint_facts;
mod text;

/// The signature algorithm a certificate was signed with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SignatureKind {
    RsaPkcs1(Hash),
    RsaPss(PssParams),
    Ecdsa(Hash),
    Ed25519,
    Other,
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
    /// What the extended key usage says about TLS server authentication, or None when the
    /// extension is absent.
    pub eku_server_auth: Option<EkuServerAuth>,
    /// Key identifiers and caIssuers URLs, to name a missing issuer and match anchors.
    pub links: IssuerLinks,
    /// Why the certificate breaks RFC 5280 although it could be read (`cert.malformed`, with
    /// its facts and fingerprints still reported).
    pub defect: Option<String>,
    /// The X.509 version as written (1, 2 or 3).
    pub version: u32,
    /// Whether the keyUsage extension is present.
    pub has_key_usage: bool,
    /// What the client-acceptance lints read (names and times as encoded, key usages).
    pub lint: LintFacts,
    /// What path validation reads: constraints, key identifiers' form, serial, critical
    /// extensions.
    pub path: PathFacts,
}

/// What an index of many certificates keeps of one: its subject name's DER and its subject key
/// identifier, read without building the rest of the model (the intermediates pool parses a
/// certificate fully only when it is a candidate issuer).
pub(crate) fn subject_and_key_id(der: &[u8]) -> Result<(Vec<u8>, Option<Vec<u8>>), String> {
    let (rest, cert) = X509CertificateParser::new()
        .with_deep_parse_extensions(false)
        .parse(der)
        .map_err(|e| describe_error(&e))?;
    if !rest.is_empty() {
        return Err(format!("{} bytes follow the certificate's DER", rest.len()));
    }
    let subject = cert.tbs_certificate.subject().as_raw().to_vec();
    Ok((subject, links::issuer_links(&cert).subject_key_id))
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
    // A repeated extension breaks RFC 5280 but leaves the certificate readable: it is
    // reported (`defect`) and, as OpenSSL does, read as absent; its DER still has fingerprints.
    let mut defect = None;
    let mut repeated = |name: &str| {
        defect.get_or_insert(format!(
            "it has more than one {name} extension (RFC 5280 section 4.2 allows each extension once)"
        ));
    };
    let basic_constraints_ca = match basic_constraints(&cert) {
        Ok(bc) => bc.map(|bc| bc.ca),
        Err(X509Error::DuplicateExtensions) => {
            repeated("basicConstraints");
            None
        }
        Err(e) => {
            return Err(format!(
                "its basicConstraints extension: {}",
                x509_error_text(&e)
            ))
        }
    };
    let eku_server_auth = match extended_key_usage(&cert) {
        Ok(eku) => eku.map(|eku| {
            if eku.server_auth {
                EkuServerAuth::Listed
            } else if eku.any {
                EkuServerAuth::AnyPurposeOnly
            } else {
                EkuServerAuth::Missing
            }
        }),
        Err(X509Error::DuplicateExtensions) => {
            repeated("extendedKeyUsage");
            None
        }
        Err(e) => {
            return Err(format!(
                "its extendedKeyUsage extension: {}",
                x509_error_text(&e)
            ))
        }
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
        Err(X509Error::DuplicateExtensions) => repeated("subjectAltName"),
        Err(e) => {
            return Err(format!(
                "its subjectAltName extension: {}",
                x509_error_text(&e)
            ))
        }
    }
    let path = constraints::path_facts(&cert);
    if let Some(name) = path.unreadable.first() {
        defect.get_or_insert(format!(
            "its {name} extension does not parse (pyca/cryptography refuses the certificate)"
        ));
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
        eku_server_auth,
        links: links::issuer_links(&cert),
        defect,
        version: tbs.version.0 + 1,
        has_key_usage: cert
            .get_extension_unique(&x509_parser::oid_registry::OID_X509_EXT_KEY_USAGE)
            .ok()
            .flatten()
            .is_some(),
        lint: lint_facts::lint_facts(&cert),
        path,
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

/// An extended key usage extension's answer for a TLS server certificate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum EkuServerAuth {
    /// serverAuth is listed.
    Listed,
    /// No serverAuth, but anyExtendedKeyUsage: RFC 5280 (4.2.1.12) lets it stand for any
    /// purpose, Go and OpenSSL accept it, rustls-webpki does not (it matches serverAuth only).
    AnyPurposeOnly,
    /// Neither (an empty extension included).
    Missing,
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
            format!("its DER encoding is invalid ({})", x509_error_text(e))
        }
    }
}

fn key_kind(algorithm: &AlgorithmIdentifier<'_>, key_bits: &[u8]) -> KeyKind {
    let oid = dotted(&algorithm.algorithm);
    let size = key_size(&oid, key_bits);
    match &*oid {
        // rsaEncryption and RSASSA-PSS keys (RFC 4055) both hold an RSAPublicKey; its size is
        // the modulus's significant bits, as openssl prints it (x509-parser's `key_size` is 0
        // for a PSS key and counts whole bytes).
        "1.2.840.113549.1.1.1" | "1.2.840.113549.1.1.10" => KeyKind::Rsa {
            bits: rsa_modulus_bits(key_bits),
        },
        "1.2.840.10045.2.1" => {
            let curve = match algorithm
                .parameters
                .as_ref()
                .and_then(Curve::from_parameters)
            {
                Some(curve) => curve,
                None => Curve::Other("no named curve".into()),
            };
            let bits = match curve {
                Curve::P256 => 256,
                Curve::P384 => 384,
                Curve::P521 => 521,
                Curve::Secp256k1 | Curve::Other(_) | Curve::Explicit { .. } => size,
            };
            KeyKind::Ec { curve, bits }
        }
        "1.3.101.112" => KeyKind::Ed25519,
        "1.3.101.113" => KeyKind::Ed448,
        "1.2.840.10040.4.1" => KeyKind::Dsa { bits: size },
        _ => KeyKind::Other(oid.into_owned()),
    }
}

/// The key size x509-parser's `PublicKey::key_size()` gives, read only for the key types whose
/// size the rules use and that `key_kind` does not measure itself (not GOST's, which
/// `SubjectPublicKeyInfo::parsed()` would also parse, for about 1 KB of wasm): EC and DSA; 0 when
/// the key does not parse. `tests::key_size_matches_x509_parser` checks it.
fn key_size(algorithm: &str, key: &[u8]) -> u32 {
    let bits = match algorithm {
        "1.2.840.10045.2.1" => ECPoint::from(key).key_size(),
        "1.2.840.10040.4.1" => x509_parser::der_parser::der::parse_der_integer(key)
            .ok()
            .and_then(|(_, y)| y.as_slice().ok())
            .map_or(0, |y| y.len() * 8),
        _ => 0,
    };
    u32::try_from(bits).unwrap_or(u32::MAX)
}
/// The signature algorithms a verifier may take, by dotted OID (RSASSA-PSS, whose parameters
/// say the digest, is `signature_kind`'s). `tests::signature_kinds_match_openssls_names` holds
/// each to the digest and family of its name in `SIGNATURE_NAMES`.
const SIGNATURE_KINDS: &[(&str, SignatureKind)] = &[
    ("1.2.840.113549.1.1.4", SignatureKind::RsaPkcs1(Hash::Md5)),
    ("1.2.840.113549.1.1.5", SignatureKind::RsaPkcs1(Hash::Sha1)),
    ("1.3.14.3.2.29", SignatureKind::RsaPkcs1(Hash::Sha1)),
    (
        "1.2.840.113549.1.1.11",
        SignatureKind::RsaPkcs1(Hash::Sha256),
    ),
    (
        "1.2.840.113549.1.1.12",
        SignatureKind::RsaPkcs1(Hash::Sha384),
    ),
    (
        "1.2.840.113549.1.1.13",
        SignatureKind::RsaPkcs1(Hash::Sha512),
    ),
    ("1.2.840.10045.4.1", SignatureKind::Ecdsa(Hash::Sha1)),
    ("1.2.840.10045.4.3.2", SignatureKind::Ecdsa(Hash::Sha256)),
    ("1.2.840.10045.4.3.3", SignatureKind::Ecdsa(Hash::Sha384)),
    ("1.2.840.10045.4.3.4", SignatureKind::Ecdsa(Hash::Sha512)),
    ("1.3.101.112", SignatureKind::Ed25519),
];

/// RSASSA-PSS (RFC 4055): its digest and mask are in its parameters.
const OID_RSASSA_PSS: &str = "1.2.840.113549.1.1.10";

fn signature_kind(algorithm: &AlgorithmIdentifier<'_>) -> SignatureKind {
    let oid = dotted(&algorithm.algorithm);
    if oid == OID_RSASSA_PSS {
        // What `SignatureAlgorithm::try_from` does for this OID, without linking its parsers
        // for the other algorithms' parameters (RSAES-OAEP).
        return match algorithm.parameters.as_ref().map(RsaSsaPssParams::try_from) {
            Some(Ok(params)) => SignatureKind::RsaPss(pss_params(&params)),
            _ => SignatureKind::RsaPss(PssParams::UNREADABLE),
        };
    }
    SIGNATURE_KINDS
        .iter()
        .find(|(known, _)| *known == oid)
        .map_or(SignatureKind::Other, |(_, kind)| *kind)
}

/// The signature algorithms named in the report, by dotted OID, as OpenSSL names them (its long
/// names, which `openssl x509 -text` prints; `tests::signature_names_are_openssls` asks openssl).
const SIGNATURE_NAMES: &[(&str, &str)] = &[
    ("1.2.840.113549.1.1.2", "md2WithRSAEncryption"),
    ("1.2.840.113549.1.1.4", "md5WithRSAEncryption"),
    ("1.2.840.113549.1.1.5", "sha1WithRSAEncryption"),
    ("1.3.14.3.2.29", "sha1WithRSA"),
    ("1.2.840.113549.1.1.14", "sha224WithRSAEncryption"),
    ("1.2.840.113549.1.1.11", "sha256WithRSAEncryption"),
    ("1.2.840.113549.1.1.12", "sha384WithRSAEncryption"),
    ("1.2.840.113549.1.1.13", "sha512WithRSAEncryption"),
    ("1.2.840.113549.1.1.10", "rsassaPss"),
    ("1.2.840.10045.4.1", "ecdsa-with-SHA1"),
    ("1.2.840.10045.4.3.1", "ecdsa-with-SHA224"),
    ("1.2.840.10045.4.3.2", "ecdsa-with-SHA256"),
    ("1.2.840.10045.4.3.3", "ecdsa-with-SHA384"),
    ("1.2.840.10045.4.3.4", "ecdsa-with-SHA512"),
    ("1.3.101.112", "ED25519"),
    ("1.3.101.113", "ED448"),
    ("1.2.840.10040.4.3", "dsaWithSHA1"),
    ("2.16.840.1.101.3.4.3.2", "dsa_with_SHA256"),
    ("1.2.156.10197.1.501", "SM2-with-SM3"),
];

/// The conventional (OpenSSL) name of a signature algorithm, or its OID.
fn signature_name(algorithm: &AlgorithmIdentifier<'_>) -> String {
    let oid = dotted(&algorithm.algorithm);
    match SIGNATURE_NAMES.iter().find(|(known, _)| *known == oid) {
        Some((_, name)) => (*name).to_string(),
        None => oid.into_owned(),
    }
}

#[cfg(test)]
mod tests;
