//! Wording for diagnostics: JSON type names, quoted user text, lengths with their units, and
//! "did you mean" suggestions for undocumented names.

use serde_json::Value;

use super::decl::{Kind, Param};

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

/// A short, safe rendering of user text for messages: at most 40 characters, quoted.
pub(crate) fn quote(text: &str) -> String {
    let mut shown: String = text.chars().take(40).collect();
    if text.chars().nth(40).is_some() {
        shown.push('…');
    }
    format!("{shown:?}")
}

/// `unit` in the singular when `count` is 1 ("1 character", "1 item").
pub(crate) fn units(count: usize, unit: &str) -> String {
    if count == 1 {
        format!("{count} {}", unit.strip_suffix('s').unwrap_or(unit))
    } else {
        format!("{count} {unit}")
    }
}

pub(crate) fn length_phrase(min: Option<usize>, max: Option<usize>, unit: &str) -> String {
    match (min, max) {
        (Some(min), Some(max)) if min == max => format!("exactly {}", units(min, unit)),
        (Some(min), Some(max)) => format!("{min} to {max} {unit}"),
        (Some(min), None) => format!("at least {}", units(min, unit)),
        (None, Some(max)) => format!("at most {}", units(max, unit)),
        (None, None) => format!("any number of {unit}"),
    }
}

/// " (did you mean `X`?)" for a close documented name, or a note that the parameter belongs
/// inside a documented object; empty otherwise.
pub(crate) fn suggestion(key: &str, params: &[Param]) -> String {
    if let Some(p) = params.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
        return format!(" (did you mean `{}`? names are case-sensitive)", p.name);
    }
    for parent in params {
        if let Kind::Object(members) = parent.kind {
            if let Some(p) = members.iter().find(|p| p.name.eq_ignore_ascii_case(key)) {
                return format!(
                    " (`{}` belongs inside the `{}` object)",
                    p.name, parent.name
                );
            }
        }
    }
    let key_chars = key.chars().count();
    if key_chars > 100 {
        return String::new();
    }
    // Documented names are ASCII; folding only ASCII keeps Unicode case tables out of the
    // wasm module and changes no suggestion.
    let lower_key = key.to_ascii_lowercase();
    let best = params
        .iter()
        .map(|p| (edit_distance(&lower_key, &p.name.to_ascii_lowercase()), p))
        .filter(|(distance, p)| *distance <= allowed_distance(p.name.len()))
        .min_by_key(|(distance, _)| *distance);
    match best {
        Some((_, p)) => format!(" (did you mean `{}`?)", p.name),
        None => String::new(),
    }
}

fn allowed_distance(name_len: usize) -> usize {
    match name_len {
        0..=4 => 1,
        5..=12 => 2,
        _ => 3,
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
    fn edit_distance_counts_characters() {
        assert_eq!(edit_distance("listenport", "listenerport"), 2);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("标签", "标"), 1);
        assert_eq!(edit_distance("nmae", "name"), 1);
        assert_eq!(edit_distance("abc", "abc"), 0);
    }

    #[test]
    fn quotes_are_short_and_units_agree() {
        assert_eq!(quote(&"x".repeat(50)), format!("\"{}…\"", "x".repeat(40)));
        assert_eq!(units(1, "items"), "1 item");
        assert_eq!(units(2, "characters"), "2 characters");
        assert_eq!(length_phrase(Some(1), Some(1), "items"), "exactly 1 item");
    }
}
