//! PKCS#7 certificate bundles (`.p7b`, `.p7c`: `-----BEGIN PKCS7-----`, or DER): the
//! certificates of a SignedData (RFC 2315 9.1, RFC 5652 5.1). Walked with asn1-rs, which
//! x509-parser already links, so the wasm module gains no parser.

use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};

/// id-signedData, 1.2.840.113549.1.7.2, as DER content bytes.
const SIGNED_DATA_OID: &[u8] = &[0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02];

/// True when `der` starts like a PKCS#7 ContentInfo holding SignedData (whatever follows).
pub(crate) fn is_signed_data(der: &[u8]) -> bool {
    let Ok((_, info)) = Any::from_der(der) else {
        return false;
    };
    info.tag() == Tag::Sequence
        && Any::from_der(info.data)
            .is_ok_and(|(_, oid)| oid.tag() == Tag::Oid && oid.data == SIGNED_DATA_OID)
}

/// The DER of every certificate in a PKCS#7 SignedData, in the bundle's order. The error is a
/// short reason for the report.
pub(crate) fn certificates(der: &[u8]) -> Result<Vec<&[u8]>, String> {
    let bad = |what: &str| format!("its PKCS#7 structure is invalid ({what})");
    let (rest, info) = Any::from_der(der).map_err(|_| bad("ContentInfo"))?;
    if !rest.is_empty() {
        return Err(format!("{} bytes follow the PKCS#7 structure", rest.len()));
    }
    let (after_type, content_type) = Any::from_der(info.data).map_err(|_| bad("contentType"))?;
    if info.tag() != Tag::Sequence || content_type.data != SIGNED_DATA_OID {
        return Err("it is PKCS#7 but not SignedData, the form that carries certificates".into());
    }
    let (_, explicit) = Any::from_der(after_type).map_err(|_| bad("content"))?;
    if explicit.class() != Class::ContextSpecific || explicit.tag() != Tag(0) {
        return Err(bad("content"));
    }
    let (_, signed_data) = Any::from_der(explicit.data).map_err(|_| bad("SignedData"))?;
    // version, digestAlgorithms, contentInfo, then [0] IMPLICIT certificates when present.
    let mut fields = signed_data.data;
    for what in ["version", "digestAlgorithms", "contentInfo"] {
        fields = Any::from_der(fields).map_err(|_| bad(what))?.0;
    }
    let Ok((_, set)) = Any::from_der(fields) else {
        return Ok(Vec::new());
    };
    if set.class() != Class::ContextSpecific || set.tag() != Tag(0) {
        return Ok(Vec::new());
    }
    let mut out = Vec::new();
    let mut remaining = set.data;
    while !remaining.is_empty() {
        let (after, _) = Any::from_der(remaining).map_err(|_| bad("certificates"))?;
        let used = remaining.len().saturating_sub(after.len());
        out.push(remaining.get(..used).ok_or_else(|| bad("certificates"))?);
        remaining = after;
    }
    Ok(out)
}
