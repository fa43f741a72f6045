//! "Did you mean" suggestions for undocumented parameter names, from the declarations.

use super::decl::{Kind, Param};
use crate::text::edit_distance;

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
