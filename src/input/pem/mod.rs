//! A lenient PEM scanner (RFC 7468): finds every block with its line numbers and reports what
//! is wrong instead of rejecting the whole field.
//!
//! Accepted forms: 64-column PEM, CRLF line ends, a leading BOM, text between blocks, and the
//! one-line form Huawei's API documentation uses inside JSON
//! (`-----BEGIN CERTIFICATE-----MIIC...-----END CERTIFICATE-----`).
//!
//! Nothing here echoes block content: messages name lines and labels only, so a private key
//! pasted into the wrong field never reaches a diagnostic.

use zeroize::Zeroizing;

use crate::input::base64_standard;
use crate::text::redact::safe_preview;

const BEGIN: &str = "-----BEGIN ";
const END: &str = "-----END ";
const DASHES: &str = "-----";
/// Longest label accepted; anything longer is not a PEM boundary.
const MAX_LABEL: usize = 64;

/// One decoded PEM block. Its `Debug` shows the label, lines and length, never the bytes.
pub(crate) struct PemBlock {
    /// The label between `BEGIN ` and the dashes, e.g. `CERTIFICATE`.
    pub label: String,
    /// 1-based line of the BEGIN boundary.
    pub begin_line: usize,
    /// 1-based line of the END boundary.
    pub end_line: usize,
    /// RFC 1421 headers such as `Proc-Type: 4,ENCRYPTED` (names and values).
    pub headers: Vec<(String, String)>,
    /// The decoded bytes. Zeroized on drop: key blocks pass through here.
    pub der: Zeroizing<Vec<u8>>,
}

impl std::fmt::Debug for PemBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PemBlock")
            .field("label", &self.label)
            .field("begin_line", &self.begin_line)
            .field("end_line", &self.end_line)
            .field("headers", &self.headers.len())
            .field("der_len", &self.der.len())
            .finish()
    }
}

impl PemBlock {
    /// True when the block carries `Proc-Type: 4,ENCRYPTED`.
    pub(crate) fn is_legacy_encrypted(&self) -> bool {
        self.headers.iter().any(|(name, value)| {
            name.eq_ignore_ascii_case("Proc-Type")
                && value.to_ascii_uppercase().contains("ENCRYPTED")
        })
    }
}

/// Something the scanner noticed about the text itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum PemIssue {
    /// The text cannot be read as PEM here (`pem.malformed`). `label` is the block's label when
    /// the problem is inside a block.
    Malformed {
        line: usize,
        label: Option<String>,
        message: String,
    },
    /// Non-blank text outside any block (`pem.stray_text`). `preview` is a short quote, only
    /// when the text cannot be key material (it contains spaces or punctuation).
    StrayText {
        line: usize,
        lines: usize,
        preview: Option<String>,
    },
    /// A base64 line that is not 64 characters (or a last line over 64) (`pem.line_length`).
    LineLength {
        line: usize,
        length: usize,
        label: String,
    },
    /// A blank line inside a block or between blocks (`pem.blank_line`).
    BlankLine { line: usize, inside: bool },
}

/// The result of scanning one field.
#[derive(Debug, Default)]
pub(crate) struct ScannedPem {
    /// Blocks whose boundaries and base64 were readable, in input order.
    pub blocks: Vec<PemBlock>,
    /// What was wrong with the text, in input order.
    pub issues: Vec<PemIssue>,
}

/// Maps byte offsets to 1-based line numbers.
struct Lines {
    starts: Vec<usize>,
}

impl Lines {
    fn new(text: &str) -> Self {
        // 64-column PEM: about one line per 65 bytes.
        let mut starts = Vec::with_capacity(text.len() / 64 + 2);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Lines { starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i + 1,
            Err(i) => i,
        }
    }
}

/// Scans `text` into blocks and issues. Never fails: unreadable parts become issues.
pub(crate) fn scan(text: &str) -> ScannedPem {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = Lines::new(text);
    let mut out = ScannedPem::default();
    let mut pos = 0;
    let mut previous_block_end: Option<usize> = None;

    while pos <= text.len() {
        let Some(begin) = find_from(text, pos, BEGIN) else {
            note_between(
                text,
                &lines,
                pos,
                text.len(),
                previous_block_end,
                true,
                &mut out,
            );
            break;
        };
        note_between(
            text,
            &lines,
            pos,
            begin,
            previous_block_end,
            false,
            &mut out,
        );
        let begin_line = lines.line_of(begin);
        let label_start = begin + BEGIN.len();
        let Some(label_end) = boundary_label_end(text, label_start) else {
            out.issues.push(PemIssue::Malformed {
                line: begin_line,
                label: None,
                message: format!(
                    "line {begin_line} starts a BEGIN boundary that is not closed by five dashes on the same line"
                ),
            });
            pos = label_start;
            previous_block_end = None;
            continue;
        };
        let label = &text[label_start..label_end];
        let body_start = label_end + DASHES.len();
        let next_begin = find_from(text, body_start, BEGIN);
        let end = find_from(text, body_start, END).filter(|e| next_begin.is_none_or(|n| *e < n));
        let Some(end) = end else {
            out.issues.push(PemIssue::Malformed {
                line: begin_line,
                label: Some(label.to_string()),
                message: format!(
                    "the {} block that begins on line {begin_line} has no END line: it is truncated",
                    shown_label(label)
                ),
            });
            pos = next_begin.unwrap_or(text.len() + 1);
            previous_block_end = None;
            continue;
        };
        let end_line = lines.line_of(end);
        let end_label_start = end + END.len();
        let Some(end_label_end) = boundary_label_end(text, end_label_start) else {
            out.issues.push(PemIssue::Malformed {
                line: end_line,
                label: Some(label.to_string()),
                message: format!(
                    "the END boundary on line {end_line} is not closed by five dashes"
                ),
            });
            pos = end_label_start;
            previous_block_end = None;
            continue;
        };
        let end_label = &text[end_label_start..end_label_end];
        let after = end_label_end + DASHES.len();
        pos = after;
        previous_block_end = Some(after);
        if end_label != label {
            out.issues.push(PemIssue::Malformed {
                line: end_line,
                label: Some(label.to_string()),
                message: format!(
                    "the block that begins on line {begin_line} as {} ends on line {end_line} as {}: the labels must match",
                    shown_label(label),
                    shown_label(end_label)
                ),
            });
            continue;
        }
        let body = &text[body_start..end];
        if let Some(block) = decode_body(
            body, label, begin_line, end_line, &lines, body_start, &mut out,
        ) {
            out.blocks.push(block);
        }
    }
    out
}

/// Finds `needle` at or after byte `from` (returns an absolute offset). Candidates are found
/// by their first byte with memchr: boundaries start with `-`, which base64 never holds, so
/// nearly every candidate is a match. (memchr's substring finder is faster still but costs
/// 3 KB gzipped in the wasm module.)
fn find_from(text: &str, from: usize, needle: &str) -> Option<usize> {
    let haystack = text.as_bytes().get(from..)?;
    let needle = needle.as_bytes();
    let first = *needle.first()?;
    let mut at = 0;
    while let Some(i) = memchr::memchr(first, haystack.get(at..)?) {
        let candidate = at + i;
        if haystack.get(candidate..)?.starts_with(needle) {
            return Some(from + candidate);
        }
        at = candidate + 1;
    }
    None
}

/// The end of a boundary label that starts at `start`: the next five dashes on the same line,
/// with a plausible label (printable ASCII, not too long).
fn boundary_label_end(text: &str, start: usize) -> Option<usize> {
    let rest = text.get(start..)?;
    let end = find_from(rest, 0, DASHES)?;
    // The dashes are ASCII, so `end` is a character boundary.
    let label = &rest[..end];
    let plausible = label.len() <= MAX_LABEL && label.bytes().all(|b| (0x20..0x7f).contains(&b));
    plausible.then_some(start + end)
}

/// Records what lies between two blocks (or before the first / after the last).
fn note_between(
    text: &str,
    lines: &Lines,
    from: usize,
    to: usize,
    previous_block_end: Option<usize>,
    at_end: bool,
    out: &mut ScannedPem,
) {
    let Some(between) = text.get(from..to) else {
        return;
    };
    let mut stray_first: Option<(usize, &str)> = None;
    let mut stray_lines = 0;
    let mut blank_lines = Vec::new();
    let mut offset = from;
    let pieces: Vec<&str> = between.split('\n').collect();
    let count = pieces.len();
    for (i, piece) in pieces.into_iter().enumerate() {
        let line = piece.trim_end_matches('\r');
        let line_no = lines.line_of(offset);
        offset += piece.len() + 1;
        if !line.trim().is_empty() {
            stray_lines += 1;
            stray_first.get_or_insert((line_no, line.trim()));
            continue;
        }
        // The remainder of the END line and the empty piece after the last newline are not
        // blank lines; anything else empty between two blocks is.
        let first_piece = i == 0;
        let last_piece = i + 1 == count;
        if previous_block_end.is_some() && !first_piece && !last_piece && !at_end {
            blank_lines.push(line_no);
        }
    }
    if let Some((line, first)) = stray_first {
        out.issues.push(PemIssue::StrayText {
            line,
            lines: stray_lines,
            preview: safe_preview(first),
        });
    }
    for line in blank_lines {
        out.issues.push(PemIssue::BlankLine {
            line,
            inside: false,
        });
    }
}

/// A boundary's label as a message may show it. Labels are user text, and a key pasted across
/// a BEGIN line puts key material there, so a label that may be key material is not shown.
pub(crate) fn shown_label(label: &str) -> &str {
    if crate::text::redact::may_be_secret(label) {
        "(label not shown: it looks like key material)"
    } else {
        label
    }
}

/// Decodes a block body: headers, base64 lines (their widths and blank lines), the bytes.
fn decode_body(
    body: &str,
    label: &str,
    begin_line: usize,
    end_line: usize,
    lines: &Lines,
    body_start: usize,
    out: &mut ScannedPem,
) -> Option<PemBlock> {
    let first_line = lines.line_of(body_start);
    let split = split_body(body, first_line, begin_line, end_line, out);
    if body.contains('\n') {
        check_line_lengths(&split.payload_lines, label, out);
    }
    let der = decode_payload(&split, label, begin_line, out)?;
    Some(PemBlock {
        label: label.to_string(),
        begin_line,
        end_line,
        headers: split.headers,
        der,
    })
}

/// A block body taken apart: its RFC 1421 headers and its payload lines.
struct SplitBody<'a> {
    headers: Vec<(String, String)>,
    /// The payload lines, trimmed, with their line numbers.
    payload_lines: Vec<(usize, &'a str)>,
    /// The payload lines joined, copied as they are: nearly always pure base64, which the
    /// decoder checks byte by byte anyway. Only when it refuses them does the careful pass of
    /// [`decode_payload`] drop spaces and tabs and look for the character to name.
    base64: Zeroizing<Vec<u8>>,
}

/// Headers, payload lines, and a `BlankLine` issue for each blank line that is not the one
/// legitimately following a header block.
fn split_body<'a>(
    body: &'a str,
    first_line: usize,
    begin_line: usize,
    end_line: usize,
    out: &mut ScannedPem,
) -> SplitBody<'a> {
    let mut split = SplitBody {
        headers: Vec::new(),
        payload_lines: Vec::with_capacity(body.len() / 64 + 1),
        base64: Zeroizing::new(Vec::with_capacity(body.len())),
    };
    let mut in_headers = true;
    for (line_no, piece) in (first_line..).zip(split_lines(body)) {
        let line = trim_line(piece);
        // The empty remainder of the BEGIN line and the empty piece before END are not lines
        // of the body.
        if line.is_empty() && (line_no == begin_line || line_no == end_line) {
            continue;
        }
        if in_headers && line.contains(':') {
            if let Some((name, value)) = line.split_once(':') {
                split
                    .headers
                    .push((name.trim().to_string(), value.trim().to_string()));
            }
            continue;
        }
        if line.is_empty() {
            // An RFC 1421 header block is followed by one legitimate blank line.
            let after_headers = in_headers && !split.headers.is_empty();
            if !after_headers {
                out.issues.push(PemIssue::BlankLine {
                    line: line_no,
                    inside: true,
                });
            }
            in_headers = false;
            continue;
        }
        in_headers = false;
        split.payload_lines.push((line_no, line));
        split.base64.extend_from_slice(line.as_bytes());
    }
    split
}

/// A `LineLength` issue for each payload line other than 64 characters (the last one may be
/// shorter). Not applied to the one-line form seed 003's example uses.
fn check_line_lengths(payload_lines: &[(usize, &str)], label: &str, out: &mut ScannedPem) {
    let Some((&(last_line, last), rest)) = payload_lines.split_last() else {
        return;
    };
    for &(line, text) in rest {
        let length = char_count(text);
        if length != 64 {
            out.issues.push(PemIssue::LineLength {
                line,
                length,
                label: label.to_string(),
            });
        }
    }
    let last_len = char_count(last);
    if last_len > 64 {
        out.issues.push(PemIssue::LineLength {
            line: last_line,
            length: last_len,
            label: label.to_string(),
        });
    }
}

/// The block's bytes, or a `Malformed` issue: a character that is not base64 (named, with its
/// line), an empty block, or base64 that is truncated or badly padded.
fn decode_payload(
    split: &SplitBody<'_>,
    label: &str,
    begin_line: usize,
    out: &mut ScannedPem,
) -> Option<Zeroizing<Vec<u8>>> {
    let label = shown_label(label);
    let mut malformed = |line: usize, message: String| {
        out.issues.push(PemIssue::Malformed {
            line,
            label: Some(label.to_string()),
            message,
        });
        None
    };
    let decoded = match base64_standard::decode(split.base64.as_slice()) {
        Ok(der) => Ok(der),
        Err(_) => {
            // The careful pass: spaces and tabs dropped, the first other character that is not
            // base64 named.
            let mut base64 = Zeroizing::new(Vec::with_capacity(split.base64.len()));
            let mut first_bad: Option<(usize, char)> = None; // (line, character)
            for &(line_no, line) in &split.payload_lines {
                for c in line.chars() {
                    let ascii = u8::try_from(c).ok().filter(u8::is_ascii);
                    if let Some(b) = ascii.filter(|b| is_base64_byte(*b)) {
                        base64.push(b);
                    } else if !matches!(c, ' ' | '\t') && first_bad.is_none() {
                        first_bad = Some((line_no, c));
                    }
                }
            }
            if let Some((line, bad)) = first_bad {
                return malformed(
                    line,
                    format!(
                        "the {label} block that begins on line {begin_line} has a character that is not base64 ({}) on line {line}",
                        describe_char(bad)
                    ),
                );
            }
            base64_standard::decode(base64.as_slice())
        }
    };
    match decoded {
        Ok(der) if !der.is_empty() => Some(Zeroizing::new(der)),
        Ok(_) => malformed(
            begin_line,
            format!("the {label} block that begins on line {begin_line} is empty"),
        ),
        Err(_) => malformed(
            begin_line,
            format!(
                "the base64 of the {label} block that begins on line {begin_line} is truncated or badly padded"
            ),
        ),
    }
}

/// `line.trim_end_matches('\r').trim()`, returning a base64 line as it is without walking it
/// (it starts and ends with a character that is not whitespace).
fn trim_line(line: &str) -> &str {
    let line = line.strip_suffix('\r').unwrap_or(line);
    let bytes = line.as_bytes();
    let solid = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || b"+/=".contains(b));
    if solid(bytes.first()) && solid(bytes.last()) {
        line
    } else {
        line.trim_end_matches('\r').trim()
    }
}

/// `text.split('\n')`, with the line ends found by memchr (much faster on 64-column PEM).
fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    memchr::memchr_iter(b'\n', text.as_bytes())
        .chain(std::iter::once(text.len()))
        .map(move |end| {
            // `end` is a '\n' (ASCII) or the end of `text`: both are character boundaries.
            let line = &text[start..end];
            start = end + 1;
            line
        })
}

/// Characters in a line, counted cheaply when it is ASCII (nearly always).
fn char_count(line: &str) -> usize {
    if line.is_ascii() {
        line.len()
    } else {
        line.chars().count()
    }
}

/// A character of the standard base64 alphabet, or its padding.
#[allow(clippy::indexing_slicing, reason = "a u8 indexes a 256-entry table")]
fn is_base64_byte(b: u8) -> bool {
    BASE64_BYTES[usize::from(b)]
}

/// [`is_base64_byte`] as a table: one load per byte in the scanner's hot loop.
#[allow(clippy::indexing_slicing, reason = "a u8 indexes a 256-entry table")]
#[allow(
    clippy::as_conversions,
    reason = "a const table: From and TryFrom are not const; b < 256"
)]
const BASE64_BYTES: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric() || c == b'+' || c == b'/' || c == b'=';
        b += 1;
    }
    table
};

fn describe_char(c: char) -> String {
    if c.is_ascii_graphic() {
        format!("'{c}'")
    } else {
        format!("U+{:04X}", u32::from(c))
    }
}

/// Encodes DER as a PEM block with 64-column base64 and `\n` line ends.
pub(crate) fn encode_block(label: &str, der: &[u8]) -> String {
    let b64 = base64_standard::encode(der);
    let mut out = String::with_capacity(block_capacity(label, &b64));
    write_block(&mut out, label, &b64);
    out
}

/// [`encode_block`] for key material: the base64 and the block live only in buffers that are
/// wiped when dropped, sized up front so that no reallocation leaves a copy behind.
pub(crate) fn encode_secret_block(label: &str, der: &[u8]) -> zeroize::Zeroizing<String> {
    let b64 = zeroize::Zeroizing::new(base64_standard::encode(der));
    let mut out = zeroize::Zeroizing::new(String::with_capacity(block_capacity(label, &b64)));
    write_block(&mut out, label, &b64);
    out
}

fn block_capacity(label: &str, b64: &str) -> usize {
    b64.len() + b64.len() / 64 + 1 + 2 * (BEGIN.len() + label.len() + 6)
}

fn write_block(out: &mut String, label: &str, b64: &str) {
    out.push_str(BEGIN);
    out.push_str(label);
    out.push_str("-----\n");
    let mut rest = b64;
    while !rest.is_empty() {
        let (line, tail) = rest.split_at(rest.len().min(64));
        out.push_str(line);
        out.push('\n');
        rest = tail;
    }
    out.push_str(END);
    out.push_str(label);
    out.push_str("-----\n");
}

#[cfg(test)]
mod tests;
