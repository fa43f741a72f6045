//! Standard base64 (RFC 4648 section 4, padded), decoded strictly and encoded, for PEM bodies.
//!
//! Written out rather than taken from the `base64` crate because the wasm module is on a size
//! budget: the crate's general-purpose engine (chunked decoding, configurable padding and
//! alphabets) was about 3 KB of the module for the one configuration used here. It accepts
//! exactly what `base64::engine::general_purpose::STANDARD` accepts (canonical padding, no
//! trailing bits, no whitespace); `tests::decode_agrees_with_the_base64_crate` checks that
//! against the crate on every short input over an alphabet with each kind of byte, and the
//! encoder's output byte for byte.
#![allow(
    clippy::indexing_slicing,
    reason = "a u8 indexes a 256-entry table; a 6-bit value a 64-entry alphabet; the output \
              buffer holds 3 bytes per 4-character group"
)]

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Marks a byte outside the alphabet in [`VALUES`].
const INVALID: u8 = 0xff;

/// The 6-bit value of each alphabet byte, [`INVALID`] for every other byte (`=` included).
#[allow(
    clippy::as_conversions,
    reason = "a const table: From and TryFrom are not const; i < 64"
)]
const VALUES: [u8; 256] = {
    let mut table = [INVALID; 256];
    let mut i = 0;
    while i < 64 {
        table[ALPHABET[i] as usize] = i as u8;
        i += 1;
    }
    table
};

/// The input is not canonical padded base64 (the only failure; callers say why themselves).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct InvalidBase64;

/// Decodes padded base64: a multiple of four characters from the alphabet, the last group
/// ending in `=` or `==` when it carries 2 or 1 bytes, with its unused low bits zero.
pub(crate) fn decode(input: &[u8]) -> Result<Vec<u8>, InvalidBase64> {
    if input.len() % 4 != 0 {
        return Err(InvalidBase64);
    }
    // Written into a buffer of the full size, then cut to the bytes the padding leaves: one
    // `Vec::extend_from_slice` per group was a call each in the size-optimized wasm module.
    let mut out = vec![0u8; input.len() / 4 * 3];
    let mut len = 0;
    let groups = input.chunks_exact(4);
    let last_group = groups.len().wrapping_sub(1);
    for (i, group) in groups.enumerate() {
        let [a, b, c, d] = [group[0], group[1], group[2], group[3]];
        let (va, vb) = (VALUES[usize::from(a)], VALUES[usize::from(b)]);
        let (vc, vd) = (VALUES[usize::from(c)], VALUES[usize::from(d)]);
        if va == INVALID || vb == INVALID {
            return Err(InvalidBase64);
        }
        out[len] = (va << 2) | (vb >> 4);
        if vc != INVALID && vd != INVALID {
            out[len + 1] = (vb << 4) | (vc >> 2);
            out[len + 2] = (vc << 6) | vd;
            len += 3;
            continue;
        }
        // Padding: only in the last group, as `x=` after a value or `==`, with no bits lost.
        if i != last_group || d != b'=' {
            return Err(InvalidBase64);
        }
        if c == b'=' && vb & 0x0f == 0 {
            len += 1;
        } else if vc != INVALID && vc & 0x03 == 0 {
            out[len + 1] = (vb << 4) | (vc >> 2);
            len += 2;
        } else {
            return Err(InvalidBase64);
        }
    }
    out.truncate(len);
    Ok(out)
}

/// Decodes base64 whose padding may be left out or cut short (the `base64` crate's
/// `DecodePaddingMode::Indifferent`): the last group may end in fewer `=` than [`decode`] needs,
/// never in more, and is read as if it had them all.
pub(crate) fn decode_padding_optional(input: &[u8]) -> Result<Vec<u8>, InvalidBase64> {
    let pads = input.iter().rev().take_while(|&&c| c == b'=').count();
    let body = input.get(..input.len() - pads).unwrap_or_default();
    let missing = match body.len() % 4 {
        0 => 0,
        1 => return Err(InvalidBase64),
        rest => 4 - rest,
    };
    if pads > missing {
        return Err(InvalidBase64);
    }
    let mut padded = Vec::with_capacity(body.len() + missing);
    padded.extend_from_slice(body);
    padded.resize(body.len() + missing, b'=');
    decode(&padded)
}

/// Encodes bytes as padded base64. Written by index into a buffer of the final size: a
/// `String::push` per character, array iterators and `Vec::extend_from_slice` per group are
/// calls each in the size-optimized wasm module, where they were a fifth of a one-certificate
/// check (docs/performance.md).
pub(crate) fn encode(bytes: &[u8]) -> String {
    let mut out = vec![b'='; bytes.len().div_ceil(3) * 4];
    let mut at = 0;
    for chunk in bytes.chunks(3) {
        let n = u32::from(chunk[0]) << 16
            | u32::from(chunk.get(1).copied().unwrap_or(0)) << 8
            | u32::from(chunk.get(2).copied().unwrap_or(0));
        out[at] = sextet(n >> 18);
        out[at + 1] = sextet(n >> 12);
        // A chunk of n bytes gives n + 1 characters; the rest stay `=`.
        if chunk.len() > 1 {
            out[at + 2] = sextet(n >> 6);
        }
        if chunk.len() > 2 {
            out[at + 3] = sextet(n);
        }
        at += 4;
    }
    // Always ASCII: every byte comes from ALPHABET or is `=`.
    String::from_utf8(out).unwrap_or_default()
}

/// The alphabet character of the low six bits of `n`.
#[allow(
    clippy::as_conversions,
    reason = "a six-bit value always fits usize; the hot loop of every PEM encode (issue 23)"
)]
fn sextet(n: u32) -> u8 {
    ALPHABET[(n & 0x3f) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::STANDARD;
    use base64::Engine;

    /// Every string of up to `max_len` bytes over `symbols`, in order.
    fn all_strings(symbols: &[u8], max_len: usize) -> Vec<Vec<u8>> {
        let mut out = vec![Vec::new()];
        let mut layer = vec![Vec::new()];
        for _ in 0..max_len {
            let mut next = Vec::new();
            for s in &layer {
                for &c in symbols {
                    let mut t: Vec<u8> = s.clone();
                    t.push(c);
                    next.push(t);
                }
            }
            out.extend(next.iter().cloned());
            layer = next;
        }
        out
    }

    #[test]
    fn decode_agrees_with_the_base64_crate() {
        // Twelve symbols: values with zero and non-zero low bits (A=0, B=1, E=4, Q=16, w=48, /=63), padding,
        // and bytes outside the alphabet (space, '-', '_', '.', a non-ASCII byte).
        let symbols = b"ABEQw/=-_ .\xc3";
        let mut checked = 0;
        for input in all_strings(symbols, 5) {
            assert_eq!(
                decode(&input).ok(),
                STANDARD.decode(&input).ok(),
                "{:?}",
                String::from_utf8_lossy(&input)
            );
            checked += 1;
        }
        // Eight characters: two groups, padding in the first or the second.
        for input in all_strings(b"AQ=/ ", 8)
            .into_iter()
            .filter(|s| s.len() == 8)
        {
            assert_eq!(
                decode(&input).ok(),
                STANDARD.decode(&input).ok(),
                "{input:?}"
            );
            checked += 1;
        }
        assert!(checked > 600_000, "{checked}");
    }

    #[test]
    fn padding_optional_decode_agrees_with_the_base64_crate() {
        use base64::engine::general_purpose::{GeneralPurpose, GeneralPurposeConfig};
        use base64::engine::DecodePaddingMode;
        let indifferent = GeneralPurpose::new(
            &base64::alphabet::STANDARD,
            GeneralPurposeConfig::new().with_decode_padding_mode(DecodePaddingMode::Indifferent),
        );
        let mut checked = 0;
        for input in all_strings(b"ABEQw/=-_ .\xc3", 5).into_iter().chain(
            all_strings(b"AQ=/ ", 8)
                .into_iter()
                .filter(|s| s.len() >= 6),
        ) {
            assert_eq!(
                decode_padding_optional(&input).ok(),
                indifferent.decode(&input).ok(),
                "{:?}",
                String::from_utf8_lossy(&input)
            );
            checked += 1;
        }
        assert!(checked > 600_000, "{checked}");
    }

    #[test]
    fn every_byte_value_round_trips_through_both_codecs() {
        let all: Vec<u8> = (0..=255).collect();
        for len in 0..=all.len() {
            for start in [0, 1, 2, 100] {
                let bytes: Vec<u8> = all.iter().cycle().skip(start).take(len).copied().collect();
                let text = encode(&bytes);
                assert_eq!(text, STANDARD.encode(&bytes), "{bytes:?}");
                assert_eq!(decode(text.as_bytes()), Ok(bytes));
            }
        }
    }
}
