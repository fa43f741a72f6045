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
/// `format!("{b:02x}")` per byte, which is slower and larger in the wasm module.
fn hex_digits(bytes: &[u8], digits: &[u8; 16], separator: Option<u8>) -> String {
    let mut out = String::with_capacity(bytes.len() * 3);
    for (i, b) in bytes.iter().enumerate() {
        if let (Some(sep), true) = (separator, i > 0) {
            out.push(char::from(sep));
        }
        for nibble in [b >> 4, b & 0x0f] {
            let digit = digits.get(usize::from(nibble)).copied().unwrap_or(b'0');
            out.push(char::from(digit));
        }
    }
    out
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
}
