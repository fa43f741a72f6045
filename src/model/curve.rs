//! The one curve table: certificates and private keys name their elliptic curve by OID (or
//! spell it out as explicit parameters), and both are read through here, so a key and its own
//! certificate always agree on the curve.

use x509_parser::asn1_rs::{Any, Class, FromDer, Tag};

/// An elliptic curve as a certificate or key gives it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Curve {
    P256,
    P384,
    P521,
    /// secp256k1 (SEC 2): a curve some providers name among the key types they take (Key Vault's
    /// P-256K), so that a declaration can list it as a value of this type.
    Secp256k1,
    /// Any other named curve, by name where known, else by OID.
    Other(String),
    /// Explicit curve parameters (`specifiedCurve`) instead of a curve name, which RFC 5480
    /// section 2.1.1 forbids in certificates. Two are the same curve when their field, a, b,
    /// base point and order are equal: `curve` holds those, length-prefixed (the optional
    /// seed and cofactor left out, as encoders differ there).
    Explicit {
        curve: Vec<u8>,
    },
}

/// What a report shows for explicit parameters.
const EXPLICIT: &str = "explicit curve parameters";

impl Curve {
    /// A plain name for reports and messages: `P-256`, `secp256k1`, `explicit curve
    /// parameters`, or the OID of a curve this table does not name.
    pub(crate) fn name(&self) -> &str {
        match self {
            Curve::P256 => "P-256",
            Curve::P384 => "P-384",
            Curve::P521 => "P-521",
            Curve::Secp256k1 => "secp256k1",
            Curve::Other(name) => name,
            Curve::Explicit { .. } => EXPLICIT,
        }
    }

    /// The curve an OID names (RFC 5480, SEC 2, RFC 5639). The table is short on purpose:
    /// every entry costs bytes in the wasm module, and a curve without a name here is shown
    /// by its OID.
    pub(crate) fn from_oid(oid: &str) -> Curve {
        let name = match oid {
            "1.2.840.10045.3.1.7" => return Curve::P256,
            "1.3.132.0.34" => return Curve::P384,
            "1.3.132.0.35" => return Curve::P521,
            "1.3.132.0.10" => return Curve::Secp256k1,
            "1.2.840.10045.3.1.1" => "P-192",
            "1.3.132.0.33" => "P-224",
            "1.3.132.0.28" => "secp128r1",
            "1.3.36.3.3.2.8.1.1.7" => "brainpoolP256r1",
            "1.3.36.3.3.2.8.1.1.11" => "brainpoolP384r1",
            "1.3.36.3.3.2.8.1.1.13" => "brainpoolP512r1",
            other => other,
        };
        Curve::Other(name.to_string())
    }

    /// The curve of an `ECParameters` element (RFC 5480 section 2.1.1, SEC 1 C.2): a named
    /// curve by its OID, explicit parameters by their content; None for anything else
    /// (`implicitCurve`, a stray NULL, bytes that are not DER).
    pub(crate) fn from_parameters(parameters: &Any<'_>) -> Option<Curve> {
        if parameters.class() != Class::Universal {
            return None;
        }
        match parameters.tag() {
            Tag::Oid => parameters
                .as_oid()
                .ok()
                .map(|oid| Curve::from_oid(&super::oid_names::dotted(&oid))),
            Tag::Sequence => Some(Curve::Explicit {
                curve: explicit_curve(parameters.data),
            }),
            _ => None,
        }
    }

    /// The length of an uncompressed point (`04 || x || y`) on this curve, where known.
    pub(crate) fn uncompressed_point_len(&self) -> Option<usize> {
        let field_bytes = match self {
            Curve::P256 => 32,
            Curve::P384 => 48,
            Curve::P521 => 66,
            Curve::Secp256k1 => 32,
            Curve::Other(name) => match name.as_str() {
                "P-192" => 24,
                "P-224" => 28,
                "brainpoolP256r1" => 32,
                "brainpoolP384r1" => 48,
                "brainpoolP512r1" => 64,
                _ => return None,
            },
            Curve::Explicit { .. } => return None,
        };
        Some(1 + 2 * field_bytes)
    }
}

/// The parts of explicit parameters that make the curve: fieldID, a, b, base and order
/// (leading zeros of the numbers dropped), each after its length. Parameters that do not have
/// that shape are kept whole, so they equal only themselves.
fn explicit_curve(content: &[u8]) -> Vec<u8> {
    let Some(parts) = curve_parts(content) else {
        return content.to_vec();
    };
    let mut out = Vec::with_capacity(content.len());
    for part in parts {
        let trimmed = part
            .iter()
            .position(|b| *b != 0)
            .and_then(|first| part.get(first..))
            .unwrap_or_default();
        out.extend_from_slice(
            &u32::try_from(trimmed.len())
                .unwrap_or(u32::MAX)
                .to_be_bytes(),
        );
        out.extend_from_slice(trimmed);
    }
    out
}

/// `SEQUENCE { version, fieldID, curve { a, b, seed? }, base, order, cofactor? }` (SEC 1
/// C.2): the fieldID's content, a, b, base and order.
fn curve_parts(content: &[u8]) -> Option<[&[u8]; 5]> {
    let fields = elements(content)?;
    let (field_id, curve, base, order) = (
        fields.get(1)?,
        fields.get(2)?,
        fields.get(3)?,
        fields.get(4)?,
    );
    let curve = elements(curve.data)?;
    let (a, b) = (curve.first()?, curve.get(1)?);
    Some([field_id.data, a.data, b.data, base.data, order.data])
}

fn elements(mut rest: &[u8]) -> Option<Vec<Any<'_>>> {
    let mut out = Vec::new();
    while !rest.is_empty() {
        let (after, element) = Any::from_der(rest).ok()?;
        out.push(element);
        rest = after;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn explicit_parameters_compare_by_their_curve_not_their_encoding() {
        // version 1, fieldID, curve { a, b, seed }, base, order, cofactor
        let with_seed: &[u8] = &[
            2, 1, 1, 48, 3, 6, 1, 42, 48, 10, 4, 1, 1, 4, 1, 2, 3, 2, 0, 7, 4, 1, 4, 2, 1, 5, 2, 1,
            1,
        ];
        let without_seed: &[u8] = &[
            2, 1, 1, 48, 3, 6, 1, 42, 48, 6, 4, 1, 1, 4, 1, 2, 4, 1, 4, 2, 1, 5,
        ];
        let other_order: &[u8] = &[
            2, 1, 1, 48, 3, 6, 1, 42, 48, 6, 4, 1, 1, 4, 1, 2, 4, 1, 4, 2, 1, 6,
        ];
        assert_eq!(explicit_curve(with_seed), explicit_curve(without_seed));
        assert_ne!(explicit_curve(without_seed), explicit_curve(other_order));
        assert_ne!(explicit_curve(&[1, 2]), explicit_curve(&[1, 3]));
    }

    #[test]
    fn named_curves_have_plain_names() {
        assert_eq!(Curve::from_oid("1.3.132.0.28").name(), "secp128r1");
        assert_eq!(Curve::from_oid("1.2.3.4").name(), "1.2.3.4");
        assert_eq!(
            Curve::Explicit { curve: Vec::new() }.name(),
            "explicit curve parameters"
        );
    }
}
