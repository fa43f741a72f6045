//! The RFC 3492 punycode encoder, for the `xn--` form suggested for a Unicode name.
//!
//! Why not the `idna` crate: only the encoder is needed (the suggestion is the name's labels
//! encoded as they are, not a UTS 46 mapping). Measured for issue 18 on x86_64 (opt-level z,
//! LTO, stripped): `idna::punycode::encode_str` adds 2,480 bytes to a binary, but `idna` 1.1
//! depends on `idna_adapter` 1.2, which pulls ICU4X's normalizer (29 crates in its tree, 1 min
//! 46 s to build cold on the project's 2 cores) into every build of the core, the wasm module
//! and CI; its full `domain_to_ascii` adds 151,760 bytes, the whole wasm budget. This encoder
//! is RFC 3492 section 6.3 line by line, checked against the RFC's sample strings below.

// RFC 3492 section 5 parameters.
const BASE: u32 = 36;
const T_MIN: u32 = 1;
const T_MAX: u32 = 26;
const SKEW: u32 = 38;
const DAMP: u32 = 700;
const INITIAL_BIAS: u32 = 72;
const INITIAL_N: u32 = 128;

/// RFC 3492 section 6.1 bias adaptation.
fn adapt(delta: u32, num_points: u32, first_time: bool) -> u32 {
    let mut delta = if first_time { delta / DAMP } else { delta / 2 };
    delta += delta / num_points.max(1);
    let mut k = 0;
    while delta > ((BASE - T_MIN) * T_MAX) / 2 {
        delta /= BASE - T_MIN;
        k += BASE;
    }
    k + ((BASE - T_MIN + 1) * delta) / (delta + SKEW)
}

/// A digit value 0..=35 as its lowercase basic code point (`a`..`z`, `0`..`9`).
fn encode_digit(d: u32) -> char {
    match d {
        0..=25 => char::from_u32(u32::from(b'a') + d).unwrap_or('?'),
        _ => char::from_u32(u32::from(b'0') + (d - 26) % 10).unwrap_or('?'),
    }
}

/// RFC 3492 section 6.3 encoder, without the `xn--` prefix. Basic code points are copied as
/// they are (case included); `None` on overflow.
pub(crate) fn punycode_encode(input: &str) -> Option<String> {
    let code_points: Vec<u32> = input.chars().map(u32::from).collect();
    let mut output: String = input.chars().filter(char::is_ascii).collect();
    let basic = u32::try_from(output.len()).ok()?;
    let total = u32::try_from(code_points.len()).ok()?;
    if basic > 0 {
        output.push('-');
    }
    let mut n = INITIAL_N;
    let mut delta: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut handled = basic;
    while handled < total {
        let m = code_points.iter().copied().filter(|&c| c >= n).min()?;
        delta = delta.checked_add((m - n).checked_mul(handled + 1)?)?;
        n = m;
        for &c in &code_points {
            if c < n {
                delta = delta.checked_add(1)?;
            }
            if c == n {
                let mut q = delta;
                let mut k = BASE;
                loop {
                    let t = if k <= bias {
                        T_MIN
                    } else if k >= bias.saturating_add(T_MAX) {
                        T_MAX
                    } else {
                        k - bias
                    };
                    if q < t {
                        break;
                    }
                    output.push(encode_digit(t + (q - t) % (BASE - t)));
                    q = (q - t) / (BASE - t);
                    k = k.checked_add(BASE)?;
                }
                output.push(encode_digit(q));
                bias = adapt(delta, handled + 1, handled == basic);
                delta = 0;
                handled += 1;
            }
        }
        delta = delta.checked_add(1)?;
        n = n.checked_add(1)?;
    }
    Some(output)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 3492 section 7.1 sample strings. The RFC marks case in the encoded digits of (I)
    /// with uppercase letters; this encoder writes digits in lowercase, so (I) is compared in
    /// lowercase. Basic code points keep their case.
    #[test]
    fn punycode_rfc3492_samples() {
        let samples: &[(&str, &str)] = &[
            // (A) Arabic (Egyptian)
            (
                "\u{0644}\u{064A}\u{0647}\u{0645}\u{0627}\u{0628}\u{062A}\u{0643}\u{0644}\
                 \u{0645}\u{0648}\u{0634}\u{0639}\u{0631}\u{0628}\u{064A}\u{061F}",
                "egbpdaj6bu4bxfgehfvwxn",
            ),
            // (B) Chinese (simplified)
            (
                "\u{4ED6}\u{4EEC}\u{4E3A}\u{4EC0}\u{4E48}\u{4E0D}\u{8BF4}\u{4E2D}\u{6587}",
                "ihqwcrb4cv8a8dqg056pqjye",
            ),
            // (C) Chinese (traditional)
            (
                "\u{4ED6}\u{5011}\u{7232}\u{4EC0}\u{9EBD}\u{4E0D}\u{8AAA}\u{4E2D}\u{6587}",
                "ihqwctvzc91f659drss3x8bo0yb",
            ),
            // (D) Czech
            (
                "\u{0050}\u{0072}\u{006F}\u{010D}\u{0070}\u{0072}\u{006F}\u{0073}\u{0074}\
                 \u{011B}\u{006E}\u{0065}\u{006D}\u{006C}\u{0075}\u{0076}\u{00ED}\u{010D}\
                 \u{0065}\u{0073}\u{006B}\u{0079}",
                "Proprostnemluvesky-uyb24dma41a",
            ),
            // (E) Hebrew
            (
                "\u{05DC}\u{05DE}\u{05D4}\u{05D4}\u{05DD}\u{05E4}\u{05E9}\u{05D5}\u{05D8}\
                 \u{05DC}\u{05D0}\u{05DE}\u{05D3}\u{05D1}\u{05E8}\u{05D9}\u{05DD}\u{05E2}\
                 \u{05D1}\u{05E8}\u{05D9}\u{05EA}",
                "4dbcagdahymbxekheh6e0a7fei0b",
            ),
            // (F) Hindi (Devanagari)
            (
                "\u{092F}\u{0939}\u{0932}\u{094B}\u{0917}\u{0939}\u{093F}\u{0928}\u{094D}\
                 \u{0926}\u{0940}\u{0915}\u{094D}\u{092F}\u{094B}\u{0902}\u{0928}\u{0939}\
                 \u{0940}\u{0902}\u{092C}\u{094B}\u{0932}\u{0938}\u{0915}\u{0924}\u{0947}\
                 \u{0939}\u{0948}\u{0902}",
                "i1baa7eci9glrd9b2ae1bj0hfcgg6iyaf8o0a1dig0cd",
            ),
            // (G) Japanese (kanji and hiragana)
            (
                "\u{306A}\u{305C}\u{307F}\u{3093}\u{306A}\u{65E5}\u{672C}\u{8A9E}\u{3092}\
                 \u{8A71}\u{3057}\u{3066}\u{304F}\u{308C}\u{306A}\u{3044}\u{306E}\u{304B}",
                "n8jok5ay5dzabd5bym9f0cm5685rrjetr6pdxa",
            ),
            // (H) Korean (Hangul syllables)
            (
                "\u{C138}\u{ACC4}\u{C758}\u{BAA8}\u{B4E0}\u{C0AC}\u{B78C}\u{B4E4}\u{C774}\
                 \u{D55C}\u{AD6D}\u{C5B4}\u{B97C}\u{C774}\u{D574}\u{D55C}\u{B2E4}\u{BA74}\
                 \u{C5BC}\u{B9C8}\u{B098}\u{C88B}\u{C744}\u{AE4C}",
                "989aomsvi5e83db1d2a355cv1e0vak1dwrv93d5xbh15a0dt30a5jpsd879ccm6fea98c",
            ),
            // (I) Russian (Cyrillic): the RFC writes "b1abfaaepdrnnbgefbaDotcwatmq2g4l".
            (
                "\u{043F}\u{043E}\u{0447}\u{0435}\u{043C}\u{0443}\u{0436}\u{0435}\u{043E}\
                 \u{043D}\u{0438}\u{043D}\u{0435}\u{0433}\u{043E}\u{0432}\u{043E}\u{0440}\
                 \u{044F}\u{0442}\u{043F}\u{043E}\u{0440}\u{0443}\u{0441}\u{0441}\u{043A}\
                 \u{0438}",
                "b1abfaaepdrnnbgefbadotcwatmq2g4l",
            ),
            // (J) Spanish
            (
                "\u{0050}\u{006F}\u{0072}\u{0071}\u{0075}\u{00E9}\u{006E}\u{006F}\u{0070}\
                 \u{0075}\u{0065}\u{0064}\u{0065}\u{006E}\u{0073}\u{0069}\u{006D}\u{0070}\
                 \u{006C}\u{0065}\u{006D}\u{0065}\u{006E}\u{0074}\u{0065}\u{0068}\u{0061}\
                 \u{0062}\u{006C}\u{0061}\u{0072}\u{0065}\u{006E}\u{0045}\u{0073}\u{0070}\
                 \u{0061}\u{00F1}\u{006F}\u{006C}",
                "PorqunopuedensimplementehablarenEspaol-fmd56a",
            ),
            // (K) Vietnamese
            (
                "\u{0054}\u{1EA1}\u{0069}\u{0073}\u{0061}\u{006F}\u{0068}\u{1ECD}\u{006B}\
                 \u{0068}\u{00F4}\u{006E}\u{0067}\u{0074}\u{0068}\u{1EC3}\u{0063}\u{0068}\
                 \u{1EC9}\u{006E}\u{00F3}\u{0069}\u{0074}\u{0069}\u{1EBF}\u{006E}\u{0067}\
                 \u{0056}\u{0069}\u{1EC7}\u{0074}",
                "TisaohkhngthchnitingVit-kjcr8268qyxafd2f1b9g",
            ),
            // (L) 3<nen>B<gumi><kinpachi><sensei>
            (
                "\u{0033}\u{5E74}\u{0042}\u{7D44}\u{91D1}\u{516B}\u{5148}\u{751F}",
                "3B-ww4c5e180e575a65lsy2b",
            ),
            // (M) <amuro><namie>-with-SUPER-MONKEYS
            (
                "\u{5B89}\u{5BA4}\u{5948}\u{7F8E}\u{6075}\u{002D}\u{0077}\u{0069}\u{0074}\
                 \u{0068}\u{002D}\u{0053}\u{0055}\u{0050}\u{0045}\u{0052}\u{002D}\u{004D}\
                 \u{004F}\u{004E}\u{004B}\u{0045}\u{0059}\u{0053}",
                "-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n",
            ),
            // (N) Hello-Another-Way-<sorezore><no><basho>
            (
                "\u{0048}\u{0065}\u{006C}\u{006C}\u{006F}\u{002D}\u{0041}\u{006E}\u{006F}\
                 \u{0074}\u{0068}\u{0065}\u{0072}\u{002D}\u{0057}\u{0061}\u{0079}\u{002D}\
                 \u{305D}\u{308C}\u{305E}\u{308C}\u{306E}\u{5834}\u{6240}",
                "Hello-Another-Way--fc4qua05auwb3674vfr0b",
            ),
            // (O) <hitotsu><yane><no><shita>2
            (
                "\u{3072}\u{3068}\u{3064}\u{5C4B}\u{6839}\u{306E}\u{4E0B}\u{0032}",
                "2-u9tlzr9756bt3uc0v",
            ),
            // (P) Maji<de>Koi<suru>5<byou><mae>
            (
                "\u{004D}\u{0061}\u{006A}\u{0069}\u{3067}\u{004B}\u{006F}\u{0069}\u{3059}\
                 \u{308B}\u{0035}\u{79D2}\u{524D}",
                "MajiKoi5-783gue6qz075azm5e",
            ),
            // (Q) <pafii>de<runba>
            (
                "\u{30D1}\u{30D5}\u{30A3}\u{30FC}\u{0064}\u{0065}\u{30EB}\u{30F3}\u{30D0}",
                "de-jg4avhby1noc0d",
            ),
            // (R) <sono><supiido><de>
            (
                "\u{305D}\u{306E}\u{30B9}\u{30D4}\u{30FC}\u{30C9}\u{3067}",
                "d9juau41awczczp",
            ),
            // (S) -> $1.00 <- (all basic: copied, then the delimiter)
            (
                "\u{002D}\u{003E}\u{0020}\u{0024}\u{0031}\u{002E}\u{0030}\u{0030}\u{0020}\
                 \u{003C}\u{002D}",
                "-> $1.00 <--",
            ),
        ];
        for (input, want) in samples {
            assert_eq!(punycode_encode(input).as_deref(), Some(*want), "{want}");
        }
        assert_eq!(punycode_encode("bücher").as_deref(), Some("bcher-kva"));
        assert_eq!(punycode_encode("").as_deref(), Some(""));
    }
}

/// A basic code point's digit value (RFC 3492 section 5), either case.
#[cfg_attr(not(feature = "client-lints"), allow(dead_code))] // read by the client lints only
fn decode_digit(c: u8) -> Option<u32> {
    match c {
        b'a'..=b'z' => Some(u32::from(c - b'a')),
        b'A'..=b'Z' => Some(u32::from(c - b'A')),
        b'0'..=b'9' => Some(u32::from(c - b'0') + 26),
        _ => None,
    }
}

/// RFC 3492 section 6.2 decoder, without the `xn--` prefix: `None` where the text is not
/// punycode (a bad digit, an overflow, a code point that is not a character), which is what
/// makes an `xn--` label invalid (the CA/Browser Forum's "P-Label" must decode).
#[cfg_attr(not(feature = "client-lints"), allow(dead_code))] // read by the client lints only
pub(crate) fn punycode_decode(input: &str) -> Option<String> {
    if !input.is_ascii() {
        return None;
    }
    let (basic, encoded) = match input.rfind('-') {
        Some(at) => (input.get(..at)?, input.get(at + 1..)?),
        None => ("", input),
    };
    let mut output: Vec<char> = basic.chars().collect();
    let mut n = INITIAL_N;
    let mut i: u32 = 0;
    let mut bias = INITIAL_BIAS;
    let mut digits = encoded.bytes().peekable();
    while digits.peek().is_some() {
        let old_i = i;
        let mut w: u32 = 1;
        let mut k = BASE;
        loop {
            let digit = decode_digit(digits.next()?)?;
            i = i.checked_add(digit.checked_mul(w)?)?;
            let t = if k <= bias {
                T_MIN
            } else if k >= bias.saturating_add(T_MAX) {
                T_MAX
            } else {
                k - bias
            };
            if digit < t {
                break;
            }
            w = w.checked_mul(BASE - t)?;
            k = k.checked_add(BASE)?;
        }
        let count = u32::try_from(output.len()).ok()?.checked_add(1)?;
        bias = adapt(i - old_i, count, old_i == 0);
        n = n.checked_add(i / count)?;
        i %= count;
        let at = usize::try_from(i).ok()?;
        if at > output.len() {
            return None;
        }
        output.insert(at, char::from_u32(n)?);
        i += 1;
    }
    Some(output.into_iter().collect())
}

#[cfg(test)]
mod decode_tests {
    use super::*;

    #[test]
    fn decodes_rfc_3492_samples_and_refuses_garbage() {
        // RFC 3492 section 7.1 (B) and common IDN labels.
        assert_eq!(punycode_decode("mnchen-3ya").as_deref(), Some("münchen"));
        assert_eq!(punycode_decode("bcher-kva").as_deref(), Some("bücher"));
        assert_eq!(
            punycode_decode("ihqwcrb4cv8a8dqg056pqjye").as_deref(),
            Some("他们为什么不说中文")
        );
        for word in ["münchen", "bücher", "例え", "ñ"] {
            let encoded = punycode_encode(word).unwrap_or_default();
            assert_eq!(
                punycode_decode(&encoded).as_deref(),
                Some(word),
                "{encoded}"
            );
        }
        assert_eq!(punycode_decode("ab_c"), None);
        assert_eq!(punycode_decode("99999999999"), None);
    }
}
