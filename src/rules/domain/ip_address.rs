//! IP addresses among the names a client asks for: whether a text is one, as std's parser says
//! (without linking it into the npm certificate module: pkg/README.md "Size"), and its text in
//! the form the report gives a certificate's iPAddress entries.

/// Whether `text` is an IPv4 or IPv6 address as `text.parse::<std::net::IpAddr>()` reads one
/// (dotted-quad IPv4 without leading zeros; IPv6 groups of one to four hex digits, one `::`,
/// an embedded IPv4 address last; no zone or port), without linking std's address parser
/// into the npm certificate module (pkg/README.md "Size"). The tests hold it to std's parser.
pub(crate) fn is_ip_address(text: &str) -> bool {
    let b = text.as_bytes();
    ipv4_end(b, 0) == Some(b.len()) || ipv6_end(b) == Some(b.len())
}

/// `text` in the form the report gives a certificate's iPAddress (RFC 5952 for IPv6, as std's
/// `Display`), when it is an address ([`is_ip_address`]); the tests hold it to std's parser.
pub(crate) fn ip_address_text(text: &str) -> Option<String> {
    if !is_ip_address(text) {
        return None;
    }
    if !text.contains(':') {
        // Dotted-quad without leading zeros, as `is_ip_address` takes it, is already that form.
        return Some(text.to_string());
    }
    let (head, tail) = text.split_once("::").unwrap_or((text, ""));
    let mut octets = [0_u8; 16];
    let mut end = 0;
    push_ipv6_groups(head, &mut octets, &mut end);
    // The groups after `::` end the address: written after the head, then moved to the end.
    let start = end;
    push_ipv6_groups(tail, &mut octets, &mut end);
    if let Some(rest) = octets.get_mut(start..) {
        rest.rotate_right(16_usize.saturating_sub(end));
    }
    Some(crate::model::certificate::ip_to_string(&octets))
}

/// Writes the octets of colon-separated IPv6 groups (an embedded IPv4 address last) from
/// `octets[*end]` on, in text `is_ip_address` has accepted (so at most 16 octets in all).
#[allow(
    clippy::indexing_slicing,
    reason = "an accepted address has at most 16 octets, so `*end` stays within the array"
)]
fn push_ipv6_groups(part: &str, octets: &mut [u8; 16], end: &mut usize) {
    for item in part.split(':').filter(|item| !item.is_empty()) {
        if item.contains('.') {
            for decimal in item.split('.') {
                octets[*end] = decimal.bytes().fold(0, |v, c| v * 10 + (c - b'0'));
                *end += 1;
            }
        } else {
            let value = item
                .chars()
                .filter_map(|c| c.to_digit(16))
                .fold(0, |v, d| v << 4 | d);
            let [_, _, high, low] = value.to_be_bytes();
            octets[*end] = high;
            octets[*end + 1] = low;
            *end += 2;
        }
    }
}

/// Where a number of 1 to `max_digits` digits in `radix`, at most `max`, starting at `at`
/// ends (with a leading zero only when `zero_prefix` or alone).
fn number_end(
    b: &[u8],
    at: usize,
    radix: u32,
    max_digits: usize,
    max: u32,
    zero_prefix: bool,
) -> Option<usize> {
    let rest = b.get(at..)?;
    let digits = rest
        .iter()
        .take_while(|c| char::from(**c).is_digit(radix))
        .count();
    let value = rest
        .iter()
        .take(digits)
        .filter_map(|c| char::from(*c).to_digit(radix))
        .fold(0_u32, |v, d| v.saturating_mul(radix).saturating_add(d));
    let leading_zero = digits > 1 && rest.first() == Some(&b'0');
    (digits > 0 && digits <= max_digits && value <= max && (zero_prefix || !leading_zero))
        .then_some(at + digits)
}

/// `sep` at `at` (for every item but the first, `index` 0), then the item: where it ends.
fn item_end(
    b: &[u8],
    at: usize,
    index: usize,
    sep: u8,
    item: impl Fn(usize) -> Option<usize>,
) -> Option<usize> {
    if index == 0 {
        return item(at);
    }
    (b.get(at) == Some(&sep)).then_some(())?;
    item(at + 1)
}

/// Where a dotted-quad IPv4 address starting at `at` ends.
fn ipv4_end(b: &[u8], mut at: usize) -> Option<usize> {
    for i in 0..4 {
        at = item_end(b, at, i, b'.', |at| number_end(b, at, 10, 3, 255, false))?;
    }
    Some(at)
}

/// Up to `limit` colon-separated IPv6 groups from `at`, the last two possibly an embedded
/// IPv4 address: how many, whether they ended with IPv4, and where they end.
fn ipv6_groups(b: &[u8], mut at: usize, limit: usize) -> (usize, bool, usize) {
    for i in 0..limit {
        if i + 1 < limit {
            if let Some(end) = item_end(b, at, i, b':', |at| ipv4_end(b, at)) {
                return (i + 2, true, end);
            }
        }
        match item_end(b, at, i, b':', |at| number_end(b, at, 16, 4, 0xffff, true)) {
            Some(end) => at = end,
            None => return (i, false, at),
        }
    }
    (limit, false, at)
}

/// Where an IPv6 address starting at the beginning of `b` ends.
fn ipv6_end(b: &[u8]) -> Option<usize> {
    let (head, head_ipv4, at) = ipv6_groups(b, 0, 8);
    if head == 8 {
        return Some(at);
    }
    if head_ipv4 || b.get(at..at + 2) != Some(b"::".as_slice()) {
        return None;
    }
    let limit = 8 - (head + 1);
    Some(ipv6_groups(b, at + 2, limit).2)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `is_ip_address` says what std's `IpAddr` parser says: on generated addresses (IPv4,
    /// IPv6 with and without `::` and an embedded IPv4, each mutated) and on random text over
    /// the characters addresses are made of.
    #[test]
    fn is_ip_address_agrees_with_std() {
        let mut seed = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            usize::try_from(seed % u64::try_from(n).unwrap()).unwrap()
        };
        let alphabet = b"0123456789abcdefABCDEFgx:.% -";
        let mut cases: Vec<String> = [
            "",
            "1.2.3.4",
            "01.2.3.4",
            "0.0.0.0",
            "255.255.255.255",
            "256.1.1.1",
            "1.2.3",
            "1.2.3.4.",
            "::",
            "::1",
            "1::",
            ":1",
            "1:",
            ":::",
            "1::2::3",
            "1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:7::",
            "::1:2:3:4:5:6:7",
            "::1:2:3:4:5:6:7:8",
            "1:2:3:4:5:6:1.2.3.4",
            "::ffff:1.2.3.4",
            "1.2.3.4::",
            "::1.2.3.4:1",
            "1:2:3:4:5:6:7:1.2.3.4",
            "00000::",
            "0000::",
            "fe80::1%1",
            "[::1]",
            "1.2.3.04",
            "1::1.2.3.4",
            "a.b.c.d",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for _ in 0..200_000 {
            let len = next(40);
            cases.push(
                (0..len)
                    .map(|_| char::from(alphabet[next(alphabet.len())]))
                    .collect(),
            );
        }
        for _ in 0..100_000 {
            let groups = next(9);
            let mut parts: Vec<String> = (0..groups)
                .map(|_| {
                    let digits = next(6);
                    (0..digits).map(|_| char::from(b"0f9A"[next(4)])).collect()
                })
                .collect();
            if next(3) == 0 {
                parts.push(format!(
                    "{}.{}.{}.{}",
                    next(300),
                    next(300),
                    next(300),
                    next(300)
                ));
            }
            let mut text = parts.join(":");
            if next(2) == 0 {
                let at = next(text.len() + 1);
                if text.is_char_boundary(at) {
                    text.insert_str(at, if next(4) == 0 { ":" } else { "::" });
                }
            }
            cases.push(text);
        }
        let mut addresses = 0;
        for case in &cases {
            let std_says = case.parse::<std::net::IpAddr>().ok();
            assert_eq!(is_ip_address(case), std_says.is_some(), "{case:?}");
            // And the address it names, in the report's form, is std's Display of it.
            assert_eq!(
                ip_address_text(case),
                std_says.map(|ip| ip.to_string()),
                "{case:?}"
            );
            addresses += usize::from(std_says.is_some());
        }
        // Enough of both answers to mean something.
        assert!(
            addresses > 10_000 && cases.len() - addresses > 10_000,
            "{addresses}"
        );
    }
}
