//! Tests of certificate parsing: facts against x509-parser's own accessors and formatting.
#![allow(
    clippy::as_conversions,
    reason = "test data builders: lengths and key sizes are small by construction"
)]

use super::algorithm::hash_of_oid;
use super::*;
use x509_parser::extensions::{ParsedExtension, X509Extension};
use x509_parser::x509::X509Name;

type TestResult = Result<(), Box<dyn std::error::Error>>;

fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    match content.len() {
        n if n < 0x80 => out.push(n as u8),
        n if n < 0x100 => out.extend([0x81, n as u8]),
        n => out.extend([0x82, (n >> 8) as u8, n as u8]),
    }
    out.extend_from_slice(content);
    out
}

/// An attribute: OID content bytes, value tag, value content bytes.
type Attr<'a> = (&'a [u8], u8, &'a [u8]);

/// A Name from RDNs of attributes.
fn name_der(rdns: &[&[Attr<'_>]]) -> Vec<u8> {
    let mut seq = Vec::new();
    for rdn in rdns {
        let mut set = Vec::new();
        for (oid, tag, value) in *rdn {
            let mut atv = tlv(0x06, oid);
            atv.extend(tlv(*tag, value));
            set.extend(tlv(0x30, &atv));
        }
        seq.extend(tlv(0x31, &set));
    }
    tlv(0x30, &seq)
}

/// The deep-parsed extension as the `X509Certificate` accessors would return it.
fn deep(
    ext_value: &[u8],
    oid: &[u8],
) -> Result<ParsedExtension<'static>, Box<dyn std::error::Error>> {
    let mut content = tlv(0x06, oid);
    content.extend(tlv(0x04, ext_value));
    let der = tlv(0x30, &content).leak();
    let (_, ext) = X509Extension::from_der(der)?;
    Ok(ext.parsed_extension().clone())
}

#[test]
fn shallow_extension_parsing_matches_deep_parsing() -> TestResult {
    let (bc, eku, san) = (
        OID_X509_EXT_BASIC_CONSTRAINTS,
        OID_X509_EXT_EXTENDED_KEY_USAGE,
        OID_X509_EXT_SUBJECT_ALT_NAME,
    );
    let (bc_oid, eku_oid, san_oid) = (bc.as_bytes(), eku.as_bytes(), san.as_bytes());
    let server_auth: &[u8] = &[0x06, 8, 43, 6, 1, 5, 5, 7, 3, 1];
    let values: Vec<Vec<u8>> = vec![
        vec![],
        vec![0x30, 0x00],
        vec![0x30, 0x03, 0x01, 0x01, 0xff],
        vec![0x30, 0x03, 0x01, 0x01, 0x00],
        vec![0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x00],
        vec![0x30, 0x03, 0x02, 0x01, 0x05],
        vec![0x30, 0x03, 0x04, 0x01, 0x05],
        vec![0x30, 0x03, 0x01, 0x01, 0xff, 0x00],
        vec![0x30, 0x05, 0x01, 0x01],
        vec![0x31, 0x00],
        tlv(0x30, server_auth),
        tlv(0x30, &[server_auth, server_auth].concat()),
        tlv(0x30, &[0x06, 3, 0x55, 29, 37]),
        tlv(0x30, &[0x06, 0]),
        tlv(0x30, b"\x82\x0bexample.com"),
        tlv(0x30, b"\x82\x0bexample.com\x87\x04\xc0\x00\x02\x01"),
        tlv(0x30, b"\x82\x02\xff\xfe"),
        tlv(0x30, b"\x82\x0bexample.com\x04\x00"),
        tlv(0x30, b"\x82\x0bexample.com\x82"),
        [tlv(0x30, b"\x82\x01a"), vec![0x05, 0x00]].concat(),
        vec![0xff; 3],
    ];
    for value in &values {
        let bc = match deep(value, bc_oid)? {
            ParsedExtension::BasicConstraints(bc) => Some(bc),
            _ => None,
        };
        assert_eq!(parse_basic_constraints(value), bc, "{value:02x?}");
        let eku = match deep(value, eku_oid)? {
            ParsedExtension::ExtendedKeyUsage(eku) => Ok(eku),
            _ => Err(X509Error::InvalidExtensions),
        };
        assert_eq!(parse_extended_key_usage(value), eku, "{value:02x?}");
        let san = match deep(value, san_oid)? {
            ParsedExtension::SubjectAlternativeName(san) => Ok(san),
            _ => Err(X509Error::InvalidExtensions),
        };
        assert_eq!(parse_subject_alternative_name(value), san, "{value:02x?}");
    }
    Ok(())
}

#[test]
fn pss_hash_matches_signature_algorithm_try_from() -> TestResult {
    use x509_parser::signature_algorithm::SignatureAlgorithm;
    let pss: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 1, 10];
    let sha256_alg = tlv(
        0x30,
        &[tlv(0x06, &[96, 134, 72, 1, 101, 3, 4, 2, 1]), vec![5, 0]].concat(),
    );
    let params: Vec<Option<Vec<u8>>> = vec![
        None,
        Some(vec![0x05, 0x00]),
        Some(tlv(0x30, &[])),
        Some(tlv(0x30, &tlv(0xa0, &sha256_alg))),
        Some(tlv(0x30, &tlv(0xa0, &[0x30, 0x01]))),
        Some(tlv(0x30, &tlv(0xa1, &sha256_alg))),
        Some(tlv(0x31, &tlv(0xa0, &sha256_alg))),
    ];
    for p in params {
        let mut content = tlv(0x06, pss);
        content.extend(p.clone().unwrap_or_default());
        let der = tlv(0x30, &content);
        let (_, alg) = AlgorithmIdentifier::from_der(&der)?;
        let want = match SignatureAlgorithm::try_from(&alg) {
            Ok(SignatureAlgorithm::RSASSA_PSS(params)) => {
                Some(hash_of_oid(&params.hash_algorithm_oid().to_id_string()))
            }
            _ => None,
        };
        let got = match signature_kind(&alg) {
            SignatureKind::RsaPss(params) if params != PssParams::UNREADABLE => Some(params.hash),
            _ => None,
        };
        assert_eq!(got, want, "{p:02x?}");
    }
    Ok(())
}

#[test]
fn ip_to_string_matches_std_display() {
    use std::net::{Ipv4Addr, Ipv6Addr};
    let mut cases: Vec<[u8; 16]> = vec![
        [0; 16],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1],
        [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 192, 0, 2, 1],
        [0x20, 1, 0xd, 0xb8, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1],
        [0x20, 1, 0xd, 0xb8, 0, 1, 0, 0, 0, 1, 0, 1, 0, 1, 0, 1],
        [0xfe, 0x80, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0],
    ];
    let mut state: u32 = 99;
    for _ in 0..5000 {
        let mut v6 = [0u8; 16];
        for pair in v6.chunks_exact_mut(2) {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            // Mostly zero groups, so that runs of every length occur.
            if (state >> 16) % 3 != 0 {
                let mask = if state & 0x100 == 0 { 0x0fff } else { 0xffff };
                pair.copy_from_slice(&((state >> 8) as u16 & mask).to_be_bytes());
            }
        }
        cases.push(v6);
    }
    for v6 in cases {
        assert_eq!(ip_to_string(&v6), Ipv6Addr::from(v6).to_string());
        let v4 = [v6[0], v6[1], v6[15], v6[3]];
        assert_eq!(ip_to_string(&v4), Ipv4Addr::from(v4).to_string());
    }
}

#[test]
fn name_to_string_matches_x509_parser_display() -> TestResult {
    const CN: &[u8] = &[0x55, 4, 3];
    const O: &[u8] = &[0x55, 4, 10];
    const SERIAL: &[u8] = &[0x55, 4, 5];
    const EMAIL: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 9, 1];
    const UID: &[u8] = &[9, 146, 38, 137, 147, 242, 44, 100, 1, 1];
    const UNKNOWN: &[u8] = &[42, 3, 4];
    const BIG_ARC: &[u8] = &[
        42, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f,
    ];
    const PADDED_CN: &[u8] = &[0x55, 0x80, 4, 3];
    const SIG_ALG: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 1, 11];
    let cases: Vec<Vec<u8>> = vec![
        name_der(&[]),
        name_der(&[&[(CN, 0x13, b"example.com")]]),
        name_der(&[
            &[(O, 0x0c, "Bücher GmbH".as_bytes())],
            &[(CN, 0x0c, b"a, b")],
        ]),
        name_der(&[
            &[(CN, 0x13, b"x"), (O, 0x13, b"y")],
            &[(SERIAL, 0x13, b"42")],
        ]),
        name_der(&[&[(EMAIL, 0x16, b"a@b.c")], &[(UID, 0x0c, b"u1")]]),
        name_der(&[&[(UNKNOWN, 0x0c, b"v")], &[(BIG_ARC, 0x0c, b"w")]]),
        name_der(&[&[(PADDED_CN, 0x0c, b"v")], &[(SIG_ALG, 0x0c, b"w")]]),
        name_der(&[&[(CN, 0x04, &[0x00, 0xab, 0xff])], &[(O, 0x02, &[1])]]),
        name_der(&[&[(CN, 0x1e, &[0, 0x41, 0x00, 0xfc])]]),
        name_der(&[&[(CN, 0x1e, &[0, 0x41, 0x42])]]),
        name_der(&[&[(CN, 0x1e, &[0xd8, 0x00])]]),
        name_der(&[&[(CN, 0x0c, &[0xff, 0xfe])]]),
        name_der(&[&[(CN, 0x13, b"")], &[(O, 0x14, b"t61"), (O, 0x1a, b"vis")]]),
        name_der(&[&[(O, 0x30, &[])]]),
    ];
    let mut not_text = Vec::new();
    for der in &cases {
        let (_, name) = X509Name::from_der(der)?;
        if name.to_string() == "<X509Error: Invalid X.509 name>" {
            not_text.push(name_to_string(&name));
        } else {
            assert_eq!(name_to_string(&name), name.to_string(), "{der:02x?}");
        }
    }
    // Where x509-parser gives up on the whole name, the bad bytes become U+FFFD (issue 8).
    assert_eq!(not_text, ["CN=\u{FFFD}", "CN=\u{FFFD}\u{FFFD}"]);
    Ok(())
}

#[test]
fn helpers_never_panic_on_edge_bytes() {
    assert_eq!(trim_leading_zeros(&[]), &[] as &[u8]);
    assert_eq!(trim_leading_zeros(&[0, 0]), &[0]);
    assert_eq!(trim_leading_zeros(&[0, 1, 2]), &[1, 2]);
    assert_eq!(ip_to_string(&[192, 0, 2, 10]), "192.0.2.10");
    assert_eq!(ip_to_string(&[1, 2, 3]), "IP:010203");
    assert!(parse_certificate(0, 1, &[]).is_err());
    assert!(parse_certificate(0, 1, &[0x30, 0x03, 0x02, 0x01, 0x05]).is_err());
}

#[test]
fn key_size_matches_x509_parser() -> TestResult {
    use x509_parser::x509::SubjectPublicKeyInfo;
    let oids: [&[u8]; 6] = [
        &[42, 134, 72, 134, 247, 13, 1, 1, 1],  // rsaEncryption
        &[42, 134, 72, 134, 247, 13, 1, 1, 10], // RSASSA-PSS
        &[42, 134, 72, 206, 61, 2, 1],          // id-ecPublicKey
        &[42, 134, 72, 206, 56, 4, 1],          // id-dsa
        &[42, 133, 3, 2, 2, 19],                // GOST R 34.10-2001
        &[43, 6, 1, 4, 1],                      // something else
    ];
    let modulus = [&[0u8][..], &[0xc5; 256][..]].concat();
    let keys: Vec<Vec<u8>> = vec![
        vec![],
        tlv(0x30, &[tlv(0x02, &modulus), tlv(0x02, &[1, 0, 1])].concat()),
        tlv(0x30, &[tlv(0x02, &[0x7f; 128]), tlv(0x02, &[3])].concat()),
        tlv(0x30, &[tlv(0x02, &[0x85; 128]), tlv(0x02, &[3])].concat()),
        tlv(0x30, &tlv(0x02, &modulus)),
        tlv(0x02, &[0x00, 0x80, 1, 2, 3]),
        tlv(0x02, &[0x00, 0x10]),
        tlv(0x04, &[1; 32]),
        [&[4u8][..], &[7; 64][..]].concat(),
        [&[2u8][..], &[7; 48][..]].concat(),
        vec![5, 1, 2],
    ];
    let oid_bytes = |spki: &SubjectPublicKeyInfo<'_>| spki.algorithm.algorithm.as_bytes().to_vec();
    let oids: Vec<Vec<u8>> = oids.iter().map(|o| o.to_vec()).collect();
    for oid in &oids {
        for key in &keys {
            let algorithm = tlv(0x30, &tlv(0x06, oid));
            let bits = tlv(0x03, &[&[0u8][..], key].concat());
            let spki_der = tlv(0x30, &[algorithm, bits].concat());
            let (_, spki) = SubjectPublicKeyInfo::from_der(&spki_der)?;
            let expected = spki.parsed().map_or(0, |k| k.key_size() as u32);
            let oid = dotted(&spki.algorithm.algorithm);
            match key_kind(&spki.algorithm, key) {
                // GOST and unknown keys: x509-parser's size is not used.
                KeyKind::Other(_) => assert!(oids[4..].contains(&oid_bytes(&spki)), "{oid}"),
                // RSA sizes are the modulus's significant bits (`rsa_modulus_bits`, tested
                // against openssl), not x509-parser's whole bytes.
                KeyKind::Rsa { .. } => {}
                _ => assert_eq!(key_size(&oid, key), expected, "{oid} {key:02x?}"),
            }
        }
    }
    Ok(())
}

/// A certificate x509-parser cannot read is said in words (issue 27's review of the model's
/// error text): never x509-parser's `Display`, `BER error: Unexpected Tag (expected:
/// Some(Tag(16)), actual: Tag(2))`.
#[test]
fn unreadable_certificates_are_explained_in_words() {
    let leaf = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/certs/rsa/leaf.pem"
    ))
    .expect("testdata leaf");
    let der = crate::model::read_certificate_field(&leaf).certificates[0]
        .der
        .clone();
    // (what, the DER, what the reason says)
    let table: [(&str, Vec<u8>, &str); 4] = [
        (
            "an INTEGER",
            tlv(0x02, &[1]),
            "its DER encoding is invalid (an element of tag 2 where tag 16 was expected)",
        ),
        (
            "cut short",
            der[..der.len() / 2].to_vec(),
            "its DER encoding is invalid (truncated)",
        ),
        (
            "an empty SEQUENCE",
            tlv(0x30, &[]),
            "its DER encoding is truncated",
        ),
        (
            "trailing bytes",
            [der.as_slice(), &[0, 0]].concat(),
            "2 bytes follow the certificate's DER",
        ),
    ];
    for (what, der, expected) in table {
        let reason = parse_certificate(0, 1, &der).err().unwrap_or_default();
        assert!(reason.contains(expected), "{what}: {reason}");
        for raw in ["BER error", "Tag(", "nom error", "Some("] {
            assert!(!reason.contains(raw), "{what}: {reason}");
        }
    }
}

/// The digests a signature algorithm or RSASSA-PSS names, by OID: held to oid-registry's names
/// for SHA-1 and SHA-2, and to RFC 3279 section 2.2.2 (`id-md5`) for MD5, which the registry
/// does not carry. Any other digest is `Other`.
#[test]
fn digest_oids_are_the_registrys() {
    use x509_parser::oid_registry::{
        OID_HASH_SHA1, OID_NIST_HASH_SHA256, OID_NIST_HASH_SHA384, OID_NIST_HASH_SHA512,
    };
    let table = [
        ("1.2.840.113549.2.5".to_string(), Hash::Md5),
        (OID_HASH_SHA1.to_id_string(), Hash::Sha1),
        (OID_NIST_HASH_SHA256.to_id_string(), Hash::Sha256),
        (OID_NIST_HASH_SHA384.to_id_string(), Hash::Sha384),
        (OID_NIST_HASH_SHA512.to_id_string(), Hash::Sha512),
        ("2.16.840.1.101.3.4.2.4".to_string(), Hash::Other), // SHA-224
        ("1.2.840.113549.2.2".to_string(), Hash::Other),     // MD2
    ];
    for (oid, hash) in table {
        assert_eq!(hash_of_oid(&oid), hash, "{oid}");
    }
}

/// RSASSA-PSS's mask generation function is read as MGF1 with its digest only when it is MGF1
/// (RFC 4055 section 3.1, `id-mgf1`); any other function has no MGF1 digest, so a verifier
/// cannot match it.
#[test]
fn pss_mask_generation_other_than_mgf1_has_no_mgf1_digest() -> TestResult {
    let pss: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 1, 10];
    let mgf1: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 1, 8];
    let other: &[u8] = &[42, 134, 72, 134, 247, 13, 1, 1, 9]; // the next arc: not MGF1
    let sha384_alg = tlv(
        0x30,
        &[tlv(0x06, &[96, 134, 72, 1, 101, 3, 4, 2, 2]), vec![5, 0]].concat(),
    );
    for (function, expected) in [(mgf1, Some(Hash::Sha384)), (other, None)] {
        let mask = tlv(0x30, &[tlv(0x06, function), sha384_alg.clone()].concat());
        let params = tlv(0x30, &[tlv(0xa0, &sha384_alg), tlv(0xa1, &mask)].concat());
        let der = tlv(0x30, &[tlv(0x06, pss), params].concat());
        let (_, alg) = AlgorithmIdentifier::from_der(&der)?;
        match signature_kind(&alg) {
            SignatureKind::RsaPss(p) => {
                assert_eq!(p.hash, Hash::Sha384, "{function:02x?}");
                assert_eq!(p.mgf1_hash, expected, "{function:02x?}");
            }
            other => panic!("{function:02x?}: {other:?}"),
        }
    }
    Ok(())
}

/// Each name of `SIGNATURE_NAMES` is the one openssl gives its OID (`openssl asn1parse` prints an
/// OBJECT by its long name, as `openssl x509 -text` prints the signature algorithm).
#[test]
fn signature_names_are_openssls() {
    let mut wrong = Vec::new();
    for (oid, name) in SIGNATURE_NAMES {
        let arcs: Vec<u64> = oid.split('.').filter_map(|a| a.parse().ok()).collect();
        let der = x509_parser::asn1_rs::Oid::from(&arcs)
            .map(|o| tlv(0x06, o.as_bytes()))
            .unwrap_or_else(|e| panic!("{oid}: {e:?}"));
        let path = std::env::temp_dir().join(format!(
            "cert-preflight-oid-{}-{oid}.der",
            std::process::id()
        ));
        std::fs::write(&path, &der).unwrap_or_else(|e| panic!("{e}"));
        let out = std::process::Command::new("openssl")
            .args(["asn1parse", "-inform", "DER", "-in"])
            .arg(&path)
            .output()
            .unwrap_or_else(|e| panic!("openssl (the differential tests need it): {e}"));
        let _ = std::fs::remove_file(&path);
        let text = String::from_utf8_lossy(&out.stdout);
        let openssl = text.rsplit(':').next().unwrap_or_default().trim();
        if openssl != *name {
            wrong.push(format!("{oid}: ours {name}, openssl {openssl}"));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

/// Each algorithm `SIGNATURE_KINDS` lets a verifier take is the family and digest its OpenSSL
/// name says (`sha384WithRSAEncryption` is RSA PKCS#1 v1.5 with SHA-384); and every name of a
/// family and digest the verifiers take has its row (MD2, SHA-224, DSA, SM2 and Ed448 have none:
/// `SignatureKind::Other`).
#[test]
fn signature_kinds_match_openssls_names() {
    let from_name = |name: &str| {
        let lower = name.to_ascii_lowercase();
        let hash = [
            ("md5", Hash::Md5),
            ("sha1", Hash::Sha1),
            ("sha256", Hash::Sha256),
            ("sha384", Hash::Sha384),
            ("sha512", Hash::Sha512),
        ]
        .into_iter()
        .find(|(digest, _)| lower.contains(digest))
        .map(|(_, hash)| hash);
        match hash {
            _ if lower == "ed25519" => Some(SignatureKind::Ed25519),
            Some(hash) if lower.starts_with("ecdsa-") => Some(SignatureKind::Ecdsa(hash)),
            Some(hash) if lower.contains("withrsa") => Some(SignatureKind::RsaPkcs1(hash)),
            _ => None,
        }
    };
    for (oid, name) in SIGNATURE_NAMES {
        let listed = SIGNATURE_KINDS
            .iter()
            .find(|(known, _)| known == oid)
            .map(|(_, k)| *k);
        if *oid != OID_RSASSA_PSS {
            assert_eq!(listed, from_name(name), "{oid} {name}");
        }
    }
    for (oid, _) in SIGNATURE_KINDS {
        assert!(
            SIGNATURE_NAMES.iter().any(|(known, _)| known == oid),
            "{oid} has no name"
        );
    }
}

/// The key types named by their OID alone (RFC 8410's Ed25519 and Ed448, RFC 3279's DSA) are
/// the registry's OIDs; any other is `Other` with its OID, for the message.
#[test]
fn key_types_by_oid_are_the_registrys() -> TestResult {
    use x509_parser::oid_registry::{OID_KEY_TYPE_DSA, OID_SIG_ED25519, OID_SIG_ED448};
    let table = [
        (OID_SIG_ED25519.to_id_string(), KeyKind::Ed25519),
        (OID_SIG_ED448.to_id_string(), KeyKind::Ed448),
        (OID_KEY_TYPE_DSA.to_id_string(), KeyKind::Dsa { bits: 0 }),
        ("1.2.3.4".to_string(), KeyKind::Other("1.2.3.4".into())),
    ];
    for (oid, expected) in table {
        let arcs: Vec<u64> = oid.split('.').filter_map(|a| a.parse().ok()).collect();
        let oid_der = x509_parser::asn1_rs::Oid::from(&arcs).map_err(|e| format!("{e:?}"))?;
        let der = tlv(0x30, &tlv(0x06, oid_der.as_bytes()));
        let (_, algorithm) = AlgorithmIdentifier::from_der(&der)?;
        assert_eq!(key_kind(&algorithm, &[]), expected, "{oid}");
    }
    Ok(())
}

/// Each x509-parser error a user can meet has its own words; only the errors of other uses of
/// x509-parser (CRLs, signature verification) fall to "not a certificate".
#[test]
fn each_parse_error_has_its_own_words() {
    use super::text::x509_error_text;
    use x509_parser::der_parser::error::BerError;
    let table = [
        (X509Error::InvalidVersion, "invalid version"),
        (X509Error::InvalidSerial, "invalid serial number"),
        (
            X509Error::InvalidAlgorithmIdentifier,
            "invalid algorithm identifier",
        ),
        (X509Error::InvalidX509Name, "invalid name"),
        (X509Error::InvalidDate, "invalid date"),
        (X509Error::InvalidSPKI, "invalid subject public key info"),
        (X509Error::InvalidSubjectUID, "invalid unique identifier"),
        (X509Error::InvalidIssuerUID, "invalid unique identifier"),
        (X509Error::InvalidExtensions, "invalid extensions"),
        (X509Error::DuplicateExtensions, "duplicate extensions"),
        (X509Error::InvalidSignatureValue, "invalid signature value"),
        (X509Error::InvalidTbsCertificate, "invalid TBSCertificate"),
        (X509Error::InvalidNumber, "invalid number"),
        (X509Error::Der(BerError::InvalidLength), "invalid length"),
        (X509Error::Der(BerError::BerValueError), "not valid DER"),
        (X509Error::InvalidUserCertificate, "not a certificate"),
    ];
    for (error, expected) in table {
        assert_eq!(x509_error_text(&error), expected, "{error:?}");
    }
}
