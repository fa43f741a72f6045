//! Text from the bytes a user hands over: a request body or a certificate file as it arrives
//! from disk, a pipe or an upload. UTF-8 (with or without a byte-order mark) is taken as it is;
//! UTF-16 with its byte-order mark (what Windows PowerShell 5.1's `>` writes) is decoded.

/// The encoding a body arrived in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
}

/// Why bytes are not text: where the first bad byte is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct NotText {
    /// The encoding the bytes claimed (by their byte-order mark) or were taken for.
    pub encoding: Encoding,
    /// Offset of the first byte that is not part of a valid character.
    pub offset: usize,
}

impl NotText {
    /// One sentence for a `request.malformed` message.
    pub(crate) fn describe(&self) -> String {
        let name = match self.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16 (little-endian, from its byte-order mark)",
            Encoding::Utf16Be => "UTF-16 (big-endian, from its byte-order mark)",
        };
        format!(
            "the request body is not valid {name} text: the byte at offset {} does not start a valid character",
            self.offset
        )
    }
}

/// Decodes `bytes` as UTF-8, or as UTF-16 when they start with a UTF-16 byte-order mark. A
/// UTF-8 byte-order mark is kept (the parsers skip it).
pub(crate) fn decode_text(bytes: &[u8]) -> Result<String, NotText> {
    match bytes {
        [0xFF, 0xFE, rest @ ..] => decode_utf16(rest, Encoding::Utf16Le),
        [0xFE, 0xFF, rest @ ..] => decode_utf16(rest, Encoding::Utf16Be),
        _ => std::str::from_utf8(bytes)
            .map(str::to_string)
            .map_err(|e| NotText {
                encoding: Encoding::Utf8,
                offset: e.valid_up_to(),
            }),
    }
}

fn decode_utf16(bytes: &[u8], encoding: Encoding) -> Result<String, NotText> {
    const BOM: usize = 2;
    let units = bytes.chunks(2).map(|pair| match (encoding, pair) {
        (Encoding::Utf16Le, [lo, hi]) => u16::from_le_bytes([*lo, *hi]),
        (_, [hi, lo]) => u16::from_be_bytes([*hi, *lo]),
        // An odd trailing byte: not a code unit; a lone surrogate stands in so it is refused.
        _ => 0xD800,
    });
    let mut text = String::with_capacity(bytes.len() / 2);
    let mut offset = BOM;
    for unit in char::decode_utf16(units) {
        match unit {
            Ok(c) => {
                text.push(c);
                offset += 2 * c.len_utf16();
            }
            Err(_) => return Err(NotText { encoding, offset }),
        }
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utf16le(text: &str) -> Vec<u8> {
        let mut out = vec![0xFF, 0xFE];
        out.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        out
    }

    #[test]
    fn each_encoding_and_each_fault() {
        let mut be = vec![0xFE, 0xFF];
        be.extend("{\"a\":\"标签\"}".encode_utf16().flat_map(u16::to_be_bytes));
        type Expected = Result<&'static str, (Encoding, usize)>;
        let cases: Vec<(Vec<u8>, Expected)> = vec![
            (b"{}".to_vec(), Ok("{}")),
            (b"\xEF\xBB\xBF{}".to_vec(), Ok("\u{feff}{}")),
            (utf16le("{\"port\": 443}"), Ok("{\"port\": 443}")),
            (utf16le("😀x"), Ok("😀x")),
            (be, Ok("{\"a\":\"标签\"}")),
            (b"{\"a\": \"\xFF\"}".to_vec(), Err((Encoding::Utf8, 7))),
            (vec![0xFF, 0xFE, b'{', 0, b'}'], Err((Encoding::Utf16Le, 4))),
            (
                vec![0xFF, 0xFE, b'{', 0, 0x00, 0xDC],
                Err((Encoding::Utf16Le, 4)),
            ),
        ];
        for (bytes, expected) in cases {
            let got = decode_text(&bytes).map_err(|e| (e.encoding, e.offset));
            let expected = expected.map(str::to_string);
            assert_eq!(got, expected, "{bytes:?}");
        }
    }
}
