//! Wording shared by every message: quoting user text (never key material), plurals, number
//! lists, hex digits, ASCII case folding and the punycode encoder.
//!
//! Everything here is a leaf: it depends on nothing else in the crate, so the model, the rules
//! and request validation can all use it without an import cycle.

pub(crate) mod case;
pub(crate) mod hex;
pub(crate) mod punycode;
pub(crate) mod redact;

use serde_json::Value;

/// Characters of a user's value a message quotes by default before it is cut with `…`.
pub(crate) const QUOTE_CHARS: usize = 40;

/// The one way a message quotes user text: in double quotes, with control and unusual
/// characters escaped as Rust's `Debug` for strings does, cut with `…` after the closing quote
/// once the escaped text would pass `max_chars` characters. Text that may be key material (a
/// key pasted into the wrong field) is never quoted: a fixed phrase stands in for it.
pub(crate) fn quote(value: &str, max_chars: usize) -> String {
    if redact::may_be_secret(value) {
        return String::from("(text that looks like PEM or key material, not shown)");
    }
    let mut text = String::with_capacity(value.len().min(max_chars) + 2);
    text.push('"');
    let mut shown = 0;
    for c in value.chars() {
        let start = text.len();
        if c == '\'' {
            text.push(c);
        } else {
            text.extend(c.escape_debug());
        }
        let width = text.get(start..).map_or(0, |s| s.chars().count());
        if shown + width > max_chars {
            text.truncate(start);
            text.push_str("\"…");
            return text;
        }
        shown += width;
    }
    text.push('"');
    text
}

/// `"s"` unless `n` is 1, for "1 day" / "2 days".
pub(crate) fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}

/// `unit` in the singular when `count` is 1 ("1 character", "1 item").
pub(crate) fn units(count: usize, unit: &str) -> String {
    if count == 1 {
        format!("{count} {}", unit.strip_suffix('s').unwrap_or(unit))
    } else {
        format!("{count} {unit}")
    }
}

/// `items` with `sep` between them, as `[S]::join` writes them. The messages join both `&str`
/// and `String` lists: std's `join` is a generic copy loop instantiated once per item type
/// (0.8 KB of wasm each), this one is a few instructions each (pkg/README.md "Size").
pub(crate) fn join<S: AsRef<str>>(items: &[S], sep: &str) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push_str(sep);
        }
        out.push_str(item.as_ref());
    }
    out
}

/// `3`, `3 and 5`, `3, 5 and 9`, or the first ten and "and N more".
pub(crate) fn list_numbers(numbers: &[usize]) -> String {
    let shown: Vec<String> = numbers.iter().take(10).map(usize::to_string).collect();
    let more = numbers.len().saturating_sub(10);
    match (shown.split_last(), more) {
        (None, _) => String::new(),
        (Some((last, [])), 0) => last.clone(),
        (Some((last, rest)), 0) => format!("{} and {last}", join(rest, ", ")),
        (Some(_), more) => format!("{} and {more} more", join(&shown, ", ")),
    }
}

/// The JSON type of a value, in words.
pub(crate) fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(n) if n.is_i64() || n.is_u64() => "an integer",
        Value::Number(_) => "a number with a fraction",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// "exactly 1 item", "2 to 5 characters", "at most 3 items": a length limit in words.
pub(crate) fn length_phrase(min: Option<usize>, max: Option<usize>, unit: &str) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("exactly {}", units(min, unit)),
        (Some(min), Some(max)) => format!("{min} to {max} {unit}"),
        (Some(min), None) => format!("at least {}", units(min, unit)),
        (None, Some(max)) => format!("at most {}", units(max, unit)),
        (None, None) => format!("any number of {unit}"),
    }
}

/// Edit distance over characters: insertions, deletions, substitutions and transpositions
/// of two neighbours (optimal string alignment), so `nmae` is one edit from `name`.
pub(crate) fn edit_distance(a: &str, b: &str) -> usize {
    const FAR: usize = usize::MAX / 4;
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut before_previous: Vec<usize> = Vec::new();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = Vec::with_capacity(b.len() + 1);
        current.push(i + 1);
        for (j, cb) in b.iter().enumerate() {
            let at = |row: &Vec<usize>, k: usize| row.get(k).copied().unwrap_or(FAR);
            let substitute = at(&previous, j) + usize::from(ca != cb);
            let delete = at(&previous, j + 1) + 1;
            let insert = current.last().copied().unwrap_or(FAR) + 1;
            let mut best = substitute.min(delete).min(insert);
            let swapped =
                i > 0 && j > 0 && a.get(i - 1) == Some(cb) && b.get(j - 1) == Some(ca) && ca != cb;
            if swapped {
                best = best.min(at(&before_previous, j - 1) + 1);
            }
            current.push(best);
        }
        before_previous = std::mem::replace(&mut previous, current);
    }
    previous.last().copied().unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_escape_cut_and_never_show_key_material() {
        let cases: &[(&str, usize, &str)] = &[
            ("www.example.com", 40, "\"www.example.com\""),
            ("a\tb", 40, "\"a\\tb\""),
            ("it's", 40, "\"it's\""),
            ("say \"hi\"", 40, "\"say \\\"hi\\\"\""),
            ("abcdef", 3, "\"abc\"…"),
            ("ab\ncd", 3, "\"ab\"…"),
            (
                "-----BEGIN PRIVATE KEY-----",
                40,
                "(text that looks like PEM or key material, not shown)",
            ),
        ];
        for (value, max, expected) in cases {
            assert_eq!(quote(value, *max), *expected, "{value:?}");
        }
    }

    #[test]
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("listenport", "listenerport"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("标签", "标"), 1);
        assert_eq!(edit_distance("nmae", "name"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
        assert_eq!(length_phrase(Some(1), Some(1), "items"), "exactly 1 item");
    }

    #[test]
    fn number_lists_and_units_read_naturally() {
        assert_eq!(list_numbers(&[3]), "3");
        assert_eq!(list_numbers(&[3, 5]), "3 and 5");
        assert_eq!(list_numbers(&[3, 5, 9]), "3, 5 and 9");
        assert_eq!(
            list_numbers(&(1..=12).collect::<Vec<_>>()),
            "1, 2, 3, 4, 5, 6, 7, 8, 9, 10 and 2 more"
        );
        assert_eq!(units(1, "items"), "1 item");
        assert_eq!(units(2, "characters"), "2 characters");
        assert_eq!((plural(1), plural(2)), ("", "s"));
    }
}
