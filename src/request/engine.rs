//! The one engine: walks a JSON request against an operation's declaration and emits the
//! generic `request.*` rules with RFC 6901 JSON pointer paths, then runs the operation's
//! cross-field checks.
//!
//! Nothing here knows any particular operation: adding an operation is a declaration file
//! under `operations/`. The walk only recurses into declared objects and lists, so its depth is
//! bounded by the declaration, whatever the input.

use serde_json::{Map, Value};

use super::context::RequestContext;
use super::decl::{Condition, Kind, OperationDecl, Param};
use super::suggest::suggestion;
use super::walk::{child, Walk, PATH_BASE};
use crate::catalog;
use crate::text::{json_type_name, length_phrase, quote, units, QUOTE_CHARS};

/// Validates path parameters and body against `decl`, then runs its cross-field checks.
pub(crate) fn run<'a>(
    decl: &'a OperationDecl,
    body: &'a Value,
    ctx: &'a RequestContext,
) -> Walk<'a> {
    let mut walk = Walk::new(body, ctx, decl.policies);
    if !decl.path.is_empty() || !ctx.path_params.is_empty() {
        let path_object: Map<String, Value> = ctx
            .path_params
            .iter()
            .map(|(k, v)| (k.clone(), Value::String(v.clone())))
            .collect();
        walk_members(&mut walk, decl.path, &path_object, PATH_BASE);
    }
    match body {
        Value::Object(members) => walk_members(&mut walk, decl.body, members, ""),
        other => {
            walk.emit(
                catalog::REQUEST_MALFORMED,
                "",
                format!(
                    "the request body must be a JSON object, not {}",
                    json_type_name(other)
                ),
            );
        }
    }
    if body.is_object() {
        for check in decl.checks {
            check(&mut walk);
        }
    }
    walk
}

fn walk_members(walk: &mut Walk<'_>, params: &[Param], members: &Map<String, Value>, base: &str) {
    for param in params {
        let path = child(base, param.name);
        // Null is absence, for every parameter, required or not: a body copied from a GET
        // response (seed 003's example prints `"domain" : null`) must not fail.
        match members.get(param.name) {
            None => missing(walk, param, &path, "is missing"),
            Some(Value::Null) => missing(walk, param, &path, "is null"),
            Some(_) if param.output_only => output_only(walk, param, &path),
            Some(value) => {
                not_applicable(walk, param, &path);
                walk_value(walk, param, value, &path);
            }
        }
    }
    for key in members.keys() {
        if !params.iter().any(|p| p.name == key) {
            let hint = suggestion(key, params);
            let what = if base == PATH_BASE {
                "a path parameter of this operation"
            } else {
                "a documented parameter here"
            };
            walk.emit(
                catalog::REQUEST_UNKNOWN_FIELD,
                &child(base, key),
                format!("{} is not {what}{hint}", quote(key, QUOTE_CHARS)),
            );
        }
    }
}

/// Why the parameter is required: `Some("")` always, `Some(" when ...")` by condition.
fn is_required(walk: &Walk<'_>, param: &Param) -> Option<String> {
    if param.required {
        return Some(String::new());
    }
    if !param.required_when.is_empty()
        && param
            .required_when
            .iter()
            .all(|c| c.holds(walk.root) == Some(true))
    {
        let says: Vec<&str> = param.required_when.iter().map(|c| c.says).collect();
        return Some(format!(" when {}", says.join(" and ")));
    }
    None
}

fn missing(walk: &mut Walk<'_>, param: &Param, path: &str, how: &str) {
    if let Some(when) = is_required(walk, param) {
        walk.emit(
            catalog::REQUEST_MISSING_FIELD,
            path,
            format!("`{}` {how}; it is required{when}", param.name),
        );
    }
}

/// A member copied from a GET response: one rule on every operation, its value not judged.
fn output_only(walk: &mut Walk<'_>, param: &Param, path: &str) {
    walk.emit(
        catalog::REQUEST_OUTPUT_ONLY,
        path,
        format!(
            "`{}` is output only: the API sets it and ignores it in a request; leave it out",
            param.name
        ),
    );
}

fn not_applicable(walk: &mut Walk<'_>, param: &Param, path: &str) {
    let failed: Vec<&Condition> = param
        .only_when
        .iter()
        .filter(|c| c.holds(walk.root) == Some(false))
        .collect();
    if failed.is_empty() {
        return;
    }
    let says: Vec<&str> = failed.iter().map(|c| c.says).collect();
    walk.emit(
        catalog::REQUEST_NOT_APPLICABLE,
        path,
        format!(
            "`{}` takes effect only when {}, which is not the case here; it is ignored",
            param.name,
            says.join(" and ")
        ),
    );
}

fn wrong_type(walk: &mut Walk<'_>, param: &Param, value: &Value, path: &str) {
    let name = if param.name.is_empty() {
        "each item".to_string()
    } else {
        format!("`{}`", param.name)
    };
    walk.emit(
        catalog::REQUEST_WRONG_TYPE,
        path,
        format!(
            "{name} must be {}, not {}",
            param.kind.describe(),
            json_type_name(value)
        ),
    );
}

fn walk_value(walk: &mut Walk<'_>, param: &Param, value: &Value, path: &str) {
    let type_ok = match (param.kind, value) {
        (Kind::String, Value::String(text)) => {
            string_rules(walk, param, text, path);
            true
        }
        (Kind::Integer, Value::Number(number)) => integer_rules(walk, param, number, path),
        (Kind::Boolean, Value::Bool(_)) => true,
        (Kind::Object(members), Value::Object(map)) => {
            walk_members(walk, members, map, path);
            true
        }
        (Kind::Array(item), Value::Array(items)) => {
            array_rules(walk, param, item, items, path);
            true
        }
        (Kind::Map(entry), Value::Object(map)) => {
            for (name, value) in map {
                if !value.is_null() {
                    walk_value(walk, entry, value, &child(path, name));
                }
            }
            true
        }
        _ => {
            wrong_type(walk, param, value, path);
            false
        }
    };
    if type_ok {
        if let Some(check) = param.check {
            check(value, path, walk);
        }
    }
}

fn label(param: &Param) -> String {
    if param.name.is_empty() {
        "each item".to_string()
    } else {
        format!("`{}`", param.name)
    }
}

fn string_rules(walk: &mut Walk<'_>, param: &Param, text: &str, path: &str) {
    let name = label(param);
    if text.is_empty() {
        if let Some(when) = is_required(walk, param) {
            walk.emit(
                catalog::REQUEST_MISSING_FIELD,
                path,
                format!("{name} is empty; it is required{when}"),
            );
            return;
        }
    }
    let chars = text.chars().count();
    let too_short = param.min_len.is_some_and(|min| chars < min);
    let too_long = param.max_len.is_some_and(|max| chars > max);
    if too_short || too_long {
        walk.emit(
            catalog::REQUEST_LENGTH,
            path,
            format!(
                "{name} is {} long; it must be {}",
                units(chars, "characters"),
                length_phrase(param.min_len, param.max_len, "characters")
            ),
        );
    }
    if !param.values.is_empty() && !param.values.contains(&text) {
        let lower = text.to_lowercase();
        let close = param
            .value_names
            .iter()
            .find(|(name, _)| *name == lower)
            .map(|(_, value)| {
                format!(" (\"{text}\" is a console's name for `{value}`, the API's value)")
            })
            .or_else(|| {
                param
                    .values
                    .iter()
                    .find(|v| v.eq_ignore_ascii_case(text))
                    .map(|v| format!(" (did you mean `{v}`? values are case-sensitive)"))
            })
            .unwrap_or_default();
        walk.emit(
            catalog::REQUEST_INVALID_VALUE,
            path,
            format!(
                "{name} is {}; allowed values: {}{close}",
                quote(text, QUOTE_CHARS),
                param.values.join(", ")
            ),
        );
    }
    if let Some(set) = param.chars {
        if let Some((index, bad)) = set.first_outside(text) {
            walk.emit(
                catalog::REQUEST_INVALID_VALUE,
                path,
                format!(
                    "{name} contains {bad:?} (U+{:04X}) at character {}; only {} are allowed",
                    u32::from(bad),
                    index + 1,
                    set.says
                ),
            );
        }
    }
    if let Some(prefix) = param.id_prefix {
        if !text.starts_with(prefix) || text.len() == prefix.len() {
            walk.emit(
                catalog::ID_FORMAT,
                path,
                format!(
                    "{name} is {}; IDs of this kind look like `{prefix}…`",
                    quote(text, QUOTE_CHARS)
                ),
            );
        }
    }
}

fn integer_rules(
    walk: &mut Walk<'_>,
    param: &Param,
    number: &serde_json::Number,
    path: &str,
) -> bool {
    let name = label(param);
    let range = match (param.min, param.max) {
        (Some(min), Some(max)) => format!("{min} to {max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => String::from("any integer"),
    };
    // Judged by value, the same from every front: an integral number is an integer however it
    // is written (443, 443.0, 4.43e2), as JavaScript and most SDK serializers see it. The number
    // is quoted as written (serde_json's arbitrary_precision keeps the text).
    let value = match integral_value(number) {
        Some(value) => value,
        None => {
            walk.emit(
                catalog::REQUEST_WRONG_TYPE,
                path,
                format!("{name} must be an integer, not {number}"),
            );
            return false;
        }
    };
    let below = param.min.is_some_and(|min| value < min);
    let above = param.max.is_some_and(|max| value > max);
    if below {
        walk.emit(
            catalog::REQUEST_OUT_OF_RANGE,
            path,
            format!("{name} is {number}; valid values: {range}"),
        );
    } else if above {
        match param.quota_max {
            Some(quota) if value <= quota => {
                walk.emit(
                catalog::REQUEST_QUOTA_REQUIRED,
                path,
                format!(
                    "{name} is {number}, above the default range {range}; values up to {quota} need a quota increase"
                ),
            );
            }
            Some(quota) => {
                walk.emit(
                catalog::REQUEST_OUT_OF_RANGE,
                path,
                format!(
                    "{name} is {number}; valid values: {range} (up to {quota} with a quota increase)"
                ),
            );
            }
            None => {
                walk.emit(
                    catalog::REQUEST_OUT_OF_RANGE,
                    path,
                    format!("{name} is {number}; valid values: {range}"),
                );
            }
        }
    }
    true
}

/// The value of an integral number, saturated to the `i64` range (a limit check then reports
/// it out of range, quoting the number as written); `None` for a number with a fraction.
///
/// Read from the number's text (serde_json's arbitrary_precision keeps it), not through `f64`:
/// exact for any length, and it keeps the float parser's tables out of the wasm module.
fn integral_value(number: &serde_json::Number) -> Option<i64> {
    if let Some(value) = number.as_i64() {
        return Some(value);
    }
    integral_value_of_text(&number.to_string())
}

/// `-12.50e1` -> `Some(-125)`; `1.5` -> `None`; `1e30` -> `Some(i64::MAX)`. The text is a JSON
/// number (RFC 8259 grammar), as the parser accepted it.
fn integral_value_of_text(text: &str) -> Option<i64> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(at) => (rest.get(..at)?, rest.get(at + 1..)?),
        None => (rest, "0"),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    // A huge exponent only saturates; clamping keeps the arithmetic small.
    let exponent: i64 = exponent
        .trim_start_matches('+')
        .parse::<i64>()
        .unwrap_or(if exponent.starts_with('-') {
            i64::MIN
        } else {
            i64::MAX
        })
        .clamp(-100_000, 100_000);
    let digits: Vec<u8> = whole
        .bytes()
        .chain(fraction.bytes())
        .map(|b| b - b'0')
        .collect();
    // The value is digits x 10^shift.
    let shift = exponent - i64::try_from(fraction.len()).ok()?;
    let kept = if shift >= 0 {
        digits.len()
    } else {
        // The last -shift digits are after the decimal point: they must all be zero.
        let cut = digits.len().saturating_sub(usize::try_from(-shift).ok()?);
        if digits
            .get(cut..)
            .is_some_and(|after| after.iter().any(|d| *d != 0))
        {
            return None;
        }
        cut
    };
    let mut value: i64 = 0;
    for digit in digits.iter().take(kept) {
        value = value.saturating_mul(10).saturating_add(i64::from(*digit));
    }
    if value != 0 {
        for _ in 0..shift.max(0) {
            value = value.saturating_mul(10);
            if value == i64::MAX {
                break;
            }
        }
    }
    Some(if negative {
        value.saturating_neg()
    } else {
        value
    })
}

fn array_rules(walk: &mut Walk<'_>, param: &Param, item: &Param, items: &[Value], path: &str) {
    let name = label(param);
    if items.is_empty() {
        if let Some(when) = is_required(walk, param) {
            walk.emit(
                catalog::REQUEST_MISSING_FIELD,
                path,
                format!(
                    "{name} is an empty list; it is required{when} and needs at least one item"
                ),
            );
            return;
        }
    }
    let count = items.len();
    let too_short = param.min_len.is_some_and(|min| count < min);
    let too_long = param.max_len.is_some_and(|max| count > max);
    if too_short || too_long {
        walk.emit(
            catalog::REQUEST_LENGTH,
            path,
            format!(
                "{name} has {}; it must have {}",
                units(count, "items"),
                length_phrase(param.min_len, param.max_len, "items")
            ),
        );
    }
    for (index, value) in items.iter().enumerate() {
        let item_path = child(path, &index.to_string());
        if kind_matches(item.kind, value) {
            walk_value(walk, item, value, &item_path);
        } else {
            walk.emit(
                catalog::REQUEST_WRONG_TYPE,
                &item_path,
                format!(
                    "{name} item {index} must be {}, not {}",
                    item.kind.describe(),
                    json_type_name(value)
                ),
            );
        }
    }
}

fn kind_matches(kind: Kind, value: &Value) -> bool {
    matches!(
        (kind, value),
        (Kind::String, Value::String(_))
            | (Kind::Integer, Value::Number(_))
            | (Kind::Boolean, Value::Bool(_))
            | (Kind::Object(_) | Kind::Map(_), Value::Object(_))
            | (Kind::Array(_), Value::Array(_))
    )
}

#[cfg(test)]
mod tests {
    use super::integral_value_of_text;

    #[test]
    fn integral_values_read_from_the_text() {
        let cases: &[(&str, Option<i64>)] = &[
            ("443", Some(443)),
            ("443.0", Some(443)),
            ("443.000", Some(443)),
            ("4.43e2", Some(443)),
            ("44300e-2", Some(443)),
            ("1e2", Some(100)),
            ("1E+2", Some(100)),
            ("0.0", Some(0)),
            ("-0", Some(0)),
            ("0e999999999999999999999", Some(0)),
            ("-12.50e1", Some(-125)),
            ("443.5", None),
            ("1e-1", None),
            ("4435e-1", None),
            ("99999999999999999999", Some(i64::MAX)),
            ("-99999999999999999999", Some(-i64::MAX)),
            ("1e300", Some(i64::MAX)),
            ("-1e300", Some(-i64::MAX)),
            ("1e999999999999999999999", Some(i64::MAX)),
            ("1.5e999999999999999999999", Some(i64::MAX)),
        ];
        for (text, expected) in cases {
            assert_eq!(integral_value_of_text(text), *expected, "{text}");
        }
    }
}
