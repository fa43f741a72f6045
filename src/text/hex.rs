//! Hex digits for fingerprints, serials and key identifiers.

/// Lowercase hex without separators (`a3b9b3a2…`, as Huawei ELB shows a fingerprint).
pub(crate) fn hex(bytes: &[u8]) -> String {
    hex_digits(bytes, b"0123456789abcdef", None)
}

/// Uppercase hex pairs separated by colons (`A3:B9:…`, as Alibaba SLB shows a fingerprint).
pub(crate) fn colon(bytes: &[u8]) -> String {
    hex_digits(bytes, b"0123456789ABCDEF", Some(b':'))
}

/// Two digits per byte from `digits`, with `separator` between bytes. Written out rather than
/// `format!("{b:02x}")` per byte, which is slower and larger in the wasm module; by index into
/// a buffer of the final size rather than `String::push` per digit, a call each in the
/// size-optimized module.
#[allow(
    clippy::indexing_slicing,
    reason = "a nibble (0 to 15) indexes a 16-entry table; byte i's digits sit at i * step and \
              i * step + 1 of a buffer of n * step - (step - 2) bytes"
)]
fn hex_digits(bytes: &[u8], digits: &[u8; 16], separator: Option<u8>) -> String {
    let step = if separator.is_some() { 3 } else { 2 };
    let mut out = vec![separator.unwrap_or(b'0'); (bytes.len() * step).saturating_sub(step - 2)];
    for (i, b) in bytes.iter().enumerate() {
        // Each byte's two digits; with a separator, it already sits between them.
        out[i * step] = digits[usize::from(b >> 4)];
        out[i * step + 1] = digits[usize::from(b & 0x0f)];
    }
    // Always ASCII when `digits` and `separator` are (both are, at every call).
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_styles() {
        assert_eq!(hex(&[0x0a, 0xff, 0x00]), "0aff00");
        assert_eq!(colon(&[0x0a, 0xff, 0x00]), "0A:FF:00");
        assert_eq!(hex(&[]), "");
        assert_eq!(colon(&[1]), "01");
    }

    #[test]
    fn every_byte_value_and_length_as_format_spells_it() {
        let all: Vec<u8> = (0..=255).collect();
        for len in [0, 1, 2, 20, 32, 256] {
            let bytes = all.get(..len).unwrap_or_default();
            let lower: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
            let pairs: Vec<String> = bytes.iter().map(|b| format!("{b:02X}")).collect();
            assert_eq!(hex(bytes), lower);
            assert_eq!(colon(bytes), pairs.join(":"));
        }
    }
}
