//! Short names of the OIDs x509-parser 0.18 knows (its `oid_registry()`: oid-registry 0.8 with all
//! crypto and X.509 entries, plus `id-mgf1`), with its abbreviations (CN, C, L, ST, O, OU, DC,
//! Email) in place of the short names. Distinguished names are formatted from this table
//! exactly as x509-parser's `X509Name` Display does, without linking its registry (its
//! descriptions and hash maps cost about 20 KB in the wasm module).
//!
//! Keys are the DER contents of the OID, compared byte for byte as the registry's hash map does.
//! Generated from the registry; `tests::table_matches_x509_parser_registry` checks it. The
//! table is packed at compile time into one byte string (length-prefixed OID, then
//! length-prefixed name, per entry), which is all the module holds: a slice of pairs would
//! add 16 bytes of pointers per entry (about 1 KB gzipped).
#![allow(
    clippy::indexing_slicing,
    reason = "offsets into tables built at compile time from the same data"
)]

use std::borrow::Cow;

/// The short name x509-parser's registry gives the OID with DER contents `der`.
pub(crate) fn short_name(der: &[u8]) -> Option<&'static str> {
    // Name attributes are nearly always X.520 (2.5.4.n: CN, O, C, ...): indexed directly.
    if let [0x55, 0x04, n] = der {
        if let Some(&Some(name)) = X520_NAMES.get(usize::from(*n)) {
            return Some(name);
        }
    }
    let mut rest: &'static [u8] = &PACKED;
    while let [oid_len, tail @ ..] = rest {
        let (oid, tail) = tail.split_at(usize::from(*oid_len));
        let [name_len, tail @ ..] = tail else {
            return None;
        };
        let (name, tail) = tail.split_at(usize::from(*name_len));
        // The last byte first: it differs for nearly every entry, and skips a memcmp call.
        if oid.last() == der.last() && oid == der {
            return std::str::from_utf8(name).ok();
        }
        rest = tail;
    }
    None
}

/// The table's X.520 attribute types (2.5.4.n, DER `55 04 n`) indexed by `n`.
#[allow(
    clippy::as_conversions,
    reason = "a const table: From and TryFrom are not const; u8 to usize"
)]
const X520_NAMES: [Option<&str>; 128] = {
    let mut out = [None; 128];
    let mut i = 0;
    while i < OID_SHORT_NAMES.len() {
        let (oid, name) = OID_SHORT_NAMES[i];
        if oid.len() == 3 && oid[0] == 0x55 && oid[1] == 0x04 && oid[2] < 128 {
            out[oid[2] as usize] = Some(name);
        }
        i += 1;
    }
    out
};

/// The dotted form of an OID, exactly as asn1-rs's `to_id_string` writes it, looked up by DER
/// bytes for the algorithms and curves nearly every certificate uses (formatting the arcs costs
/// more than parsing the whole certificate), computed for any other.
pub(crate) fn dotted(oid: &x509_parser::asn1_rs::Oid<'_>) -> Cow<'static, str> {
    match COMMON_DOTTED.iter().find(|(der, _)| *der == oid.as_bytes()) {
        Some((_, text)) => Cow::Borrowed(text),
        None => Cow::Owned(oid.to_id_string()),
    }
}

/// DER contents and dotted form; `tests::common_dotted_forms_match_asn1_rs` checks each pair.
const COMMON_DOTTED: &[(&[u8], &str)] = &[
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 1],
        "1.2.840.113549.1.1.1",
    ), // rsaEncryption
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 11],
        "1.2.840.113549.1.1.11",
    ), // sha256WithRSA
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 12],
        "1.2.840.113549.1.1.12",
    ), // sha384WithRSA
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 13],
        "1.2.840.113549.1.1.13",
    ), // sha512WithRSA
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 10],
        "1.2.840.113549.1.1.10",
    ), // RSASSA-PSS
    (&[42, 134, 72, 206, 61, 2, 1], "1.2.840.10045.2.1"), // ecPublicKey
    (&[42, 134, 72, 206, 61, 3, 1, 7], "1.2.840.10045.3.1.7"), // P-256
    (&[43, 129, 4, 0, 34], "1.3.132.0.34"),               // P-384
    (&[43, 129, 4, 0, 35], "1.3.132.0.35"),               // P-521
    (&[42, 134, 72, 206, 61, 4, 3, 2], "1.2.840.10045.4.3.2"), // ecdsa-with-SHA256
    (&[42, 134, 72, 206, 61, 4, 3, 3], "1.2.840.10045.4.3.3"), // ecdsa-with-SHA384
    (&[43, 101, 112], "1.3.101.112"),                     // Ed25519
];

const PACKED_LEN: usize = {
    let mut len = 0;
    let mut i = 0;
    while i < OID_SHORT_NAMES.len() {
        len += 2 + OID_SHORT_NAMES[i].0.len() + OID_SHORT_NAMES[i].1.len();
        i += 1;
    }
    len
};

#[allow(
    clippy::as_conversions,
    reason = "a const table: From and TryFrom are not const; lengths under 256 are asserted"
)]
static PACKED: [u8; PACKED_LEN] = {
    let mut out = [0u8; PACKED_LEN];
    let mut at = 0;
    let mut i = 0;
    while i < OID_SHORT_NAMES.len() {
        let (oid, name) = OID_SHORT_NAMES[i];
        let name = name.as_bytes();
        assert!(oid.len() < 256 && name.len() < 256);
        out[at] = oid.len() as u8;
        at += 1;
        let mut j = 0;
        while j < oid.len() {
            out[at] = oid[j];
            at += 1;
            j += 1;
        }
        out[at] = name.len() as u8;
        at += 1;
        j = 0;
        while j < name.len() {
            out[at] = name[j];
            at += 1;
            j += 1;
        }
        i += 1;
    }
    out
};

const OID_SHORT_NAMES: &[(&[u8], &str)] = &[
    (&[9, 146, 38, 137, 147, 242, 44, 100, 1, 1], "uid"), // 0.9.2342.19200300.100.1.1
    (&[9, 146, 38, 137, 147, 242, 44, 100, 1, 25], "DC"), // 0.9.2342.19200300.100.1.25
    (
        &[42, 133, 3, 2, 2, 3],
        "id-GostR3411-94-with-GostR3410-2001",
    ), // 1.2.643.2.2.3
    (&[42, 133, 3, 2, 2, 19], "gostR3410-2001"),          // 1.2.643.2.2.19
    (&[42, 133, 3, 7, 1, 1, 1, 1], "gost3410-2012-256"),  // 1.2.643.7.1.1.1.1
    (&[42, 133, 3, 7, 1, 1, 1, 2], "gost3410-2012-512"),  // 1.2.643.7.1.1.1.2
    (
        &[42, 133, 3, 7, 1, 1, 3, 2],
        "id-tc26-signwithdigest-gost3410-12-256",
    ), // 1.2.643.7.1.1.3.2
    (
        &[42, 133, 3, 7, 1, 1, 3, 3],
        "id-tc26-signwithdigest-gost3410-12-512",
    ), // 1.2.643.7.1.1.3.3
    (&[42, 134, 72, 134, 247, 13, 1, 1, 1], "rsaEncryption"), // 1.2.840.113549.1.1.1
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 2],
        "md2WithRSAEncryption",
    ), // 1.2.840.113549.1.1.2
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 3],
        "md4WithRSAEncryption",
    ), // 1.2.840.113549.1.1.3
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 4],
        "md5WithRSAEncryption",
    ), // 1.2.840.113549.1.1.4
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 5],
        "sha1WithRSAEncryption",
    ), // 1.2.840.113549.1.1.5
    (&[42, 134, 72, 134, 247, 13, 1, 1, 8], "id-mgf1"),   // 1.2.840.113549.1.1.8
    (&[42, 134, 72, 134, 247, 13, 1, 1, 10], "rsassa-pss"), // 1.2.840.113549.1.1.10
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 11],
        "sha256WithRSAEncryption",
    ), // 1.2.840.113549.1.1.11
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 12],
        "sha384WithRSAEncryption",
    ), // 1.2.840.113549.1.1.12
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 13],
        "sha512WithRSAEncryption",
    ), // 1.2.840.113549.1.1.13
    (
        &[42, 134, 72, 134, 247, 13, 1, 1, 14],
        "sha224WithRSAEncryption",
    ), // 1.2.840.113549.1.1.14
    (&[42, 134, 72, 134, 247, 13, 1, 7, 1], "pkcs7-data"), // 1.2.840.113549.1.7.1
    (&[42, 134, 72, 134, 247, 13, 1, 7, 2], "pkcs7-signedData"), // 1.2.840.113549.1.7.2
    (&[42, 134, 72, 134, 247, 13, 1, 7, 3], "pkcs7-envelopedData"), // 1.2.840.113549.1.7.3
    (
        &[42, 134, 72, 134, 247, 13, 1, 7, 4],
        "pkcs7-signedAndEnvelopedData",
    ), // 1.2.840.113549.1.7.4
    (&[42, 134, 72, 134, 247, 13, 1, 7, 5], "pkcs7-digestedData"), // 1.2.840.113549.1.7.5
    (&[42, 134, 72, 134, 247, 13, 1, 7, 6], "pkcs7-encryptedData"), // 1.2.840.113549.1.7.6
    (&[42, 134, 72, 134, 247, 13, 1, 9, 1], "Email"),     // 1.2.840.113549.1.9.1
    (&[42, 134, 72, 134, 247, 13, 1, 9, 2], "unstructuredName"), // 1.2.840.113549.1.9.2
    (&[42, 134, 72, 134, 247, 13, 1, 9, 3], "contentType"), // 1.2.840.113549.1.9.3
    (&[42, 134, 72, 134, 247, 13, 1, 9, 4], "id-messageDigest"), // 1.2.840.113549.1.9.4
    (&[42, 134, 72, 134, 247, 13, 1, 9, 5], "signing-time"), // 1.2.840.113549.1.9.5
    (&[42, 134, 72, 134, 247, 13, 1, 9, 7], "challengePassword"), // 1.2.840.113549.1.9.7
    (&[42, 134, 72, 134, 247, 13, 1, 9, 14], "extensionRequest"), // 1.2.840.113549.1.9.14
    (&[42, 134, 72, 134, 247, 13, 1, 9, 15], "smimeCapabilities"), // 1.2.840.113549.1.9.15
    (&[42, 134, 72, 134, 247, 13, 1, 9, 20], "friendlyName"), // 1.2.840.113549.1.9.20
    (&[42, 134, 72, 134, 247, 13, 1, 12], "pkcs-12"),     // 1.2.840.113549.1.12
    (&[42, 134, 72, 134, 247, 13, 1, 12, 1], "pkcs-12PbeIds"), // 1.2.840.113549.1.12.1
    (
        &[42, 134, 72, 134, 247, 13, 1, 12, 1, 1],
        "pbeWithSHAAnd128BitRC4",
    ), // 1.2.840.113549.1.12.1.1
    (
        &[42, 134, 72, 134, 247, 13, 1, 12, 1, 2],
        "pbeWithSHAAnd40BitRC4",
    ), // 1.2.840.113549.1.12.1.2
    (
        &[42, 134, 72, 134, 247, 13, 1, 12, 1, 3],
        "pbeWithSHAAnd3-KeyTripleDES-CBC",
    ), // 1.2.840.113549.1.12.1.3
    (
        &[42, 134, 72, 134, 247, 13, 1, 12, 1, 4],
        "pbeWithSHAAnd2-KeyTripleDES-CBC",
    ), // 1.2.840.113549.1.12.1.4
    (
        &[42, 134, 72, 134, 247, 13, 1, 12, 1, 5],
        "pbeWithSHAAnd128BitRC2-CBC",
    ), // 1.2.840.113549.1.12.1.5
    (
        &[42, 134, 72, 134, 247, 13, 1, 12, 1, 6],
        "pbeWithSHAAnd40BitRC2-CBC",
    ), // 1.2.840.113549.1.12.1.6
    (&[42, 134, 72, 206, 56, 4, 1], "id-dsa"),            // 1.2.840.10040.4.1
    (&[42, 134, 72, 206, 56, 4, 3], "dsa-with-sha1"),     // 1.2.840.10040.4.3
    (&[42, 134, 72, 206, 61, 2, 1], "id-ecPublicKey"),    // 1.2.840.10045.2.1
    (&[42, 134, 72, 206, 61, 3, 1, 7], "prime256v1"),     // 1.2.840.10045.3.1.7
    (&[42, 134, 72, 206, 61, 4, 3, 1], "ecdsa-with-SHA224"), // 1.2.840.10045.4.3.1
    (&[42, 134, 72, 206, 61, 4, 3, 2], "ecdsa-with-SHA256"), // 1.2.840.10045.4.3.2
    (&[42, 134, 72, 206, 61, 4, 3, 3], "ecdsa-with-SHA384"), // 1.2.840.10045.4.3.3
    (&[42, 134, 72, 206, 61, 4, 3, 4], "ecdsa-with-SHA512"), // 1.2.840.10045.4.3.4
    (
        &[43, 6, 1, 4, 1, 130, 55, 60, 2, 1, 1],
        "msJurisdictionLocality",
    ), // 1.3.6.1.4.1.311.60.2.1.1
    (
        &[43, 6, 1, 4, 1, 130, 55, 60, 2, 1, 2],
        "msJurisdictionStateOrProvince",
    ), // 1.3.6.1.4.1.311.60.2.1.2
    (
        &[43, 6, 1, 4, 1, 130, 55, 60, 2, 1, 3],
        "msJurisdictionCountry",
    ), // 1.3.6.1.4.1.311.60.2.1.3
    (&[43, 6, 1, 4, 1, 214, 121, 2, 4, 2], "ctSCTList"),  // 1.3.6.1.4.1.11129.2.4.2
    (&[43, 6, 1, 5, 5, 7, 1, 1], "authorityInfoAccess"),  // 1.3.6.1.5.5.7.1.1
    (&[43, 6, 1, 5, 5, 7, 1, 11], "subjectInfoAccess"),   // 1.3.6.1.5.5.7.1.11
    (&[43, 6, 1, 5, 5, 7, 48, 1], "id-ad-ocsp"),          // 1.3.6.1.5.5.7.48.1
    (&[43, 6, 1, 5, 5, 7, 48, 2], "id-ad-caIssuers"),     // 1.3.6.1.5.5.7.48.2
    (&[43, 6, 1, 5, 5, 7, 48, 3], "id-ad-timestamping"),  // 1.3.6.1.5.5.7.48.3
    (&[43, 6, 1, 5, 5, 7, 48, 4], "id-ad-dvcs"),          // 1.3.6.1.5.5.7.48.4
    (&[43, 6, 1, 5, 5, 7, 48, 5], "id-ad-caRepository"),  // 1.3.6.1.5.5.7.48.5
    (&[43, 6, 1, 5, 5, 7, 48, 6], "id-ad-http-certs"),    // 1.3.6.1.5.5.7.48.6
    (&[43, 6, 1, 5, 5, 7, 48, 7], "id-ad-http-crls"),     // 1.3.6.1.5.5.7.48.7
    (&[43, 6, 1, 5, 5, 7, 48, 10], "id-ad-rpki-manifest"), // 1.3.6.1.5.5.7.48.10
    (&[43, 6, 1, 5, 5, 7, 48, 11], "id-ad-signed-object"), // 1.3.6.1.5.5.7.48.11
    (&[43, 6, 1, 5, 5, 7, 48, 12], "id-ad-cmc"),          // 1.3.6.1.5.5.7.48.12
    (&[43, 6, 1, 5, 5, 7, 48, 13], "id-ad-rpki-notify"),  // 1.3.6.1.5.5.7.48.13
    (&[43, 6, 1, 5, 5, 7, 48, 14], "id-ad-stirTNList"),   // 1.3.6.1.5.5.7.48.14
    (&[43, 14, 3, 2, 25], "md5WithRSASignature"),         // 1.3.14.3.2.25
    (&[43, 14, 3, 2, 26], "id-SHA1"),                     // 1.3.14.3.2.26
    (&[43, 14, 3, 2, 29], "sha1WithRSAEncryption"),       // 1.3.14.3.2.29
    (&[43, 36, 3, 3, 1, 2], "rsaSignatureWithripemd160"), // 1.3.36.3.3.1.2
    (&[43, 101, 112], "ed25519"),                         // 1.3.101.112
    (&[43, 101, 113], "ed448"),                           // 1.3.101.113
    (&[43, 129, 4, 0, 34], "secp384r1"),                  // 1.3.132.0.34
    (&[43, 129, 4, 0, 35], "secp521r1"),                  // 1.3.132.0.35
    (
        &[43, 129, 5, 16, 134, 72, 63, 0, 2],
        "dhSinglePass-stdDH-sha1kdf-scheme",
    ), // 1.3.133.16.840.63.0.2
    (&[85, 4], "x509"),                                   // 2.5.4
    (&[85, 4, 0], "objectClass"),                         // 2.5.4.0
    (&[85, 4, 1], "aliasedEntryName"),                    // 2.5.4.1
    (&[85, 4, 2], "knowledgeInformation"),                // 2.5.4.2
    (&[85, 4, 3], "CN"),                                  // 2.5.4.3
    (&[85, 4, 4], "surname"),                             // 2.5.4.4
    (&[85, 4, 5], "serialNumber"),                        // 2.5.4.5
    (&[85, 4, 6], "C"),                                   // 2.5.4.6
    (&[85, 4, 7], "L"),                                   // 2.5.4.7
    (&[85, 4, 8], "ST"),                                  // 2.5.4.8
    (&[85, 4, 9], "streetAddress"),                       // 2.5.4.9
    (&[85, 4, 10], "O"),                                  // 2.5.4.10
    (&[85, 4, 11], "OU"),                                 // 2.5.4.11
    (&[85, 4, 12], "title"),                              // 2.5.4.12
    (&[85, 4, 13], "description"),                        // 2.5.4.13
    (&[85, 4, 14], "searchGuide"),                        // 2.5.4.14
    (&[85, 4, 15], "businessCategory"),                   // 2.5.4.15
    (&[85, 4, 16], "postalAddress"),                      // 2.5.4.16
    (&[85, 4, 17], "postalCode"),                         // 2.5.4.17
    (&[85, 4, 41], "name"),                               // 2.5.4.41
    (&[85, 4, 42], "givenName"),                          // 2.5.4.42
    (&[85, 4, 43], "initials"),                           // 2.5.4.43
    (&[85, 4, 44], "generationQualifier"),                // 2.5.4.44
    (&[85, 4, 45], "uniqueIdentifier"),                   // 2.5.4.45
    (&[85, 4, 46], "dnQualifier"),                        // 2.5.4.46
    (&[85, 29, 1], "oldAuthorityKeyIdentifier"),          // 2.5.29.1
    (&[85, 29, 2], "oldKeyAttributes"),                   // 2.5.29.2
    (&[85, 29, 3], "oldCertificatePolicies"),             // 2.5.29.3
    (&[85, 29, 4], "oldKeyUsage"),                        // 2.5.29.4
    (&[85, 29, 5], "oldPolicyMapping"),                   // 2.5.29.5
    (&[85, 29, 6], "oldSubtreesConstraint"),              // 2.5.29.6
    (&[85, 29, 7], "oldSubjectAltNAme"),                  // 2.5.29.7
    (&[85, 29, 8], "oldIssuerAltNAme"),                   // 2.5.29.8
    (&[85, 29, 14], "subjectKeyIdentifier"),              // 2.5.29.14
    (&[85, 29, 15], "keyUsage"),                          // 2.5.29.15
    (&[85, 29, 16], "privateKeyUsagePeriod"),             // 2.5.29.16
    (&[85, 29, 17], "subjectAltName"),                    // 2.5.29.17
    (&[85, 29, 18], "issuerAltName"),                     // 2.5.29.18
    (&[85, 29, 19], "basicConstraints"),                  // 2.5.29.19
    (&[85, 29, 20], "crlNumber"),                         // 2.5.29.20
    (&[85, 29, 21], "reasonCode"),                        // 2.5.29.21
    (&[85, 29, 23], "holdInstructionCode"),               // 2.5.29.23
    (&[85, 29, 24], "invalidityDate"),                    // 2.5.29.24
    (&[85, 29, 27], "deltaCRLIndicator"),                 // 2.5.29.27
    (&[85, 29, 28], "issuerDistributionPoint"),           // 2.5.29.28
    (&[85, 29, 29], "issuer"),                            // 2.5.29.29
    (&[85, 29, 30], "nameConstraints"),                   // 2.5.29.30
    (&[85, 29, 31], "crlDistributionPoints"),             // 2.5.29.31
    (&[85, 29, 32], "certificatePolicies"),               // 2.5.29.32
    (&[85, 29, 33], "policyMappings"),                    // 2.5.29.33
    (&[85, 29, 35], "authorityKeyIdentifier"),            // 2.5.29.35
    (&[85, 29, 36], "policyConstraints"),                 // 2.5.29.36
    (&[85, 29, 37], "extendedKeyUsage"),                  // 2.5.29.37
    (&[85, 29, 46], "freshestCRL"),                       // 2.5.29.46
    (&[85, 29, 54], "inhibitAnyPolicy"),                  // 2.5.29.54
    (&[96, 134, 72, 1, 101, 3, 4, 1, 42], "aes-256-cbc"), // 2.16.840.1.101.3.4.1.42
    (&[96, 134, 72, 1, 101, 3, 4, 2, 1], "sha256"),       // 2.16.840.1.101.3.4.2.1
    (&[96, 134, 72, 1, 101, 3, 4, 2, 2], "sha384"),       // 2.16.840.1.101.3.4.2.2
    (&[96, 134, 72, 1, 101, 3, 4, 2, 3], "sha512"),       // 2.16.840.1.101.3.4.2.3
    (&[96, 134, 72, 1, 134, 248, 66, 1, 1], "nsCertType"), // 2.16.840.1.113730.1.1
    (&[96, 134, 72, 1, 134, 248, 66, 1, 2], "nsBaseURL"), // 2.16.840.1.113730.1.2
    (&[96, 134, 72, 1, 134, 248, 66, 1, 3], "nsRevocationURL"), // 2.16.840.1.113730.1.3
    (&[96, 134, 72, 1, 134, 248, 66, 1, 4], "nsCARevocationURL"), // 2.16.840.1.113730.1.4
    (&[96, 134, 72, 1, 134, 248, 66, 1, 5], "nsCACRLURL"), // 2.16.840.1.113730.1.5
    (&[96, 134, 72, 1, 134, 248, 66, 1, 6], "nsCACertURL"), // 2.16.840.1.113730.1.6
    (&[96, 134, 72, 1, 134, 248, 66, 1, 7], "nsRenewalURL"), // 2.16.840.1.113730.1.7
    (&[96, 134, 72, 1, 134, 248, 66, 1, 8], "nsCAPolicyURL"), // 2.16.840.1.113730.1.8
    (&[96, 134, 72, 1, 134, 248, 66, 1, 9], "nsHomepageURL"), // 2.16.840.1.113730.1.9
    (&[96, 134, 72, 1, 134, 248, 66, 1, 10], "nsEntityLogo"), // 2.16.840.1.113730.1.10
    (&[96, 134, 72, 1, 134, 248, 66, 1, 11], "nsUserPicture"), // 2.16.840.1.113730.1.11
    (&[96, 134, 72, 1, 134, 248, 66, 1, 12], "nsSSLServerName"), // 2.16.840.1.113730.1.12
    (&[96, 134, 72, 1, 134, 248, 66, 1, 13], "nsComment"), // 2.16.840.1.113730.1.13
];

#[cfg(test)]
mod tests {
    #[test]
    fn common_dotted_forms_match_asn1_rs() {
        use std::borrow::Cow;
        use x509_parser::asn1_rs::Oid;
        for (der, text) in super::COMMON_DOTTED {
            let oid = Oid::new(Cow::Borrowed(der));
            assert_eq!(oid.to_id_string(), *text);
            assert_eq!(super::dotted(&oid), *text);
        }
        let other = Oid::new(Cow::Borrowed(&[42, 134, 72, 134, 247, 13, 1, 1, 5][..]));
        assert_eq!(super::dotted(&other), "1.2.840.113549.1.1.5");
    }

    use super::{short_name, OID_SHORT_NAMES};
    use x509_parser::objects::{oid2abbrev, oid_registry};

    #[test]
    fn table_matches_x509_parser_registry() -> Result<(), Box<dyn std::error::Error>> {
        let registry = oid_registry();
        let mut count = 0;
        for (oid, _) in registry.iter() {
            let want = oid2abbrev(oid, registry).map_err(|_| "an OID without a name")?;
            let got = short_name(oid.as_bytes());
            assert_eq!(got, Some(want), "{}", oid.to_id_string());
            count += 1;
        }
        assert_eq!(count, OID_SHORT_NAMES.len());
        assert_eq!(short_name(&[42, 3, 4]), None);
        assert_eq!(short_name(&[]), None);
        Ok(())
    }
}
