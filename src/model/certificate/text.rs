//! The text of a certificate's names, serial and addresses, as the report shows them: written
//! out by hand rather than through x509-parser's and std's Display, whose formatting machinery
//! costs the browser module kilobytes (pkg/README.md "Size"); the tests hold each to the
//! Display it replaces.

use x509_parser::asn1_rs::Tag;
use x509_parser::der_parser::error::BerError;
use x509_parser::error::X509Error;
use x509_parser::nom::error::ErrorKind;
use x509_parser::x509::X509Name;

use crate::model::oid_names::short_name;
use crate::text::hex::hex;

/// Formats a distinguished name as x509-parser 0.18's `X509Name` Display does (`CN=a, O=b`,
/// multi-valued RDNs joined with ` + `, unknown types as `OID(1.2.3)`, values that are not
/// strings in upper-case hex), with a table of short names instead of x509-parser's OID
/// registry. One difference: a string value that is not valid UTF-8 (or UTF-16) is shown with
/// U+FFFD in place of the bad bytes, where x509-parser gives up on the whole name with
/// `<X509Error: Invalid X.509 name>`, which is no text for a user.
#[allow(
    clippy::indexing_slicing,
    reason = "nibbles (< 16) index 16-entry tables; slices are bounded by the lengths checked beside them"
)]
pub(super) fn name_to_string(name: &X509Name<'_>) -> String {
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
                | Tag::Ia5String => push_lossy(&mut out, value.data),
                // Big-endian UTF-16, a lone last byte read as a code unit (as asn1-rs does).
                Tag::BmpString => out.extend(
                    char::decode_utf16(value.data.chunks(2).map(|unit| match unit {
                        [high, low] => u16::from_be_bytes([*high, *low]),
                        _ => unit.first().copied().map(u16::from).unwrap_or(0),
                    }))
                    .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)),
                ),
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

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// `bytes` as UTF-8, each invalid sequence as U+FFFD (`String::from_utf8_lossy` without its
/// iterator, which costs half a kilobyte in the wasm module).
fn push_lossy(out: &mut String, mut bytes: &[u8]) {
    loop {
        match std::str::from_utf8(bytes) {
            Ok(text) => return out.push_str(text),
            Err(e) => {
                let (good, bad) = bytes.split_at(e.valid_up_to());
                out.push_str(std::str::from_utf8(good).unwrap_or_default());
                out.push(char::REPLACEMENT_CHARACTER);
                bytes = bad
                    .get(e.error_len().unwrap_or(bad.len())..)
                    .unwrap_or_default();
            }
        }
    }
}

#[allow(
    clippy::indexing_slicing,
    reason = "nibbles (< 16) index 16-entry tables; slices are bounded by the lengths checked beside them"
)]
pub(super) fn trim_leading_zeros(bytes: &[u8]) -> &[u8] {
    let first = bytes.iter().position(|b| *b != 0).unwrap_or(bytes.len());
    match &bytes[first..] {
        [] if !bytes.is_empty() => &bytes[bytes.len() - 1..],
        rest => rest,
    }
}

pub(super) fn hex_lower(bytes: &[u8]) -> String {
    hex(bytes)
}

/// An iPAddress name as `Ipv4Addr` / `Ipv6Addr` Display write it (RFC 5952 for IPv6: the
/// first longest run of two or more zero groups as `::`, IPv4-mapped as `::ffff:a.b.c.d`),
/// written out to keep the standard library's address formatting out of the wasm module.
pub(crate) fn ip_to_string(bytes: &[u8]) -> String {
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

/// Why x509-parser could not read a certificate or an extension, in words: its `Display`
/// writes `BER error: Unexpected Tag (expected: Some(Tag(16)), actual: Tag(2))`, which is no
/// text for a user, and brings the text of every x509-parser, der-parser and nom error into the
/// browser module.
pub(super) fn x509_error_text(e: &X509Error) -> String {
    let what = match e {
        X509Error::InvalidVersion => "invalid version",
        X509Error::InvalidSerial => "invalid serial number",
        X509Error::InvalidAlgorithmIdentifier => "invalid algorithm identifier",
        X509Error::InvalidX509Name => "invalid name",
        X509Error::InvalidDate => "invalid date",
        X509Error::InvalidSPKI => "invalid subject public key info",
        X509Error::InvalidSubjectUID | X509Error::InvalidIssuerUID => "invalid unique identifier",
        X509Error::InvalidExtensions => "invalid extensions",
        X509Error::DuplicateExtensions => "duplicate extensions",
        X509Error::InvalidSignatureValue => "invalid signature value",
        X509Error::InvalidTbsCertificate => "invalid TBSCertificate",
        X509Error::InvalidNumber => "invalid number",
        X509Error::Der(BerError::UnexpectedTag {
            expected: Some(expected),
            actual,
        }) => {
            return format!(
                "an element of tag {} where tag {} was expected",
                actual.0, expected.0
            )
        }
        X509Error::Der(BerError::Incomplete(_)) | X509Error::NomError(ErrorKind::Eof) => {
            "truncated"
        }
        X509Error::Der(BerError::InvalidLength) => "invalid length",
        X509Error::Der(_) => "not valid DER",
        _ => "not a certificate",
    };
    what.to_string()
}
