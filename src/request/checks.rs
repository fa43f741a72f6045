//! Value checks shared by the declarations: the rules a parameter table cannot say (tags,
//! region ids and suffixes, ClientToken, trusted IP lists, Huawei ids), and the bridge that
//! sends a certificate-bearing field through the certificate core.
//!
//! Each `fn(&Value, &str, &mut Walk)` runs only once the engine has found the value's JSON type
//! right, so they skip anything else silently.

use std::net::IpAddr;

use serde_json::Value;

use super::regions::{is_known_region, known_regions, region_suffix};
use super::walk::{child, Walk};
use crate::catalog;
use crate::check::{check_material, CertificateInput};
use crate::report::Severity;
use crate::rules::domain::CertificateNames;
use crate::text::{edit_distance, quote, QUOTE_CHARS};

/// Most tags one request may carry (seeds 001, 004: "Valid values of N: 1 to 20").
pub(crate) const MAX_TAGS: usize = 20;
/// Longest tag key or value, in characters (seeds 001, 004).
pub(crate) const MAX_TAG_CHARS: usize = 128;

/// `ClientToken` (seeds 000, 001): "can contain only ASCII characters".
pub(crate) fn client_token(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(token) = value.as_str() else { return };
    if let Some((index, c)) = token.chars().enumerate().find(|(_, c)| !c.is_ascii()) {
        walk.emit(
            catalog::CLIENT_TOKEN_NON_ASCII,
            path,
            format!(
                "`ClientToken` contains the non-ASCII character {c:?} at character {}; the token can contain only ASCII characters",
                index + 1
            ),
        );
    }
}

/// ALB `CertificateId` (seed 000): "must ... end with a region ID, e.g. 1011****-cn-hangzhou".
/// The suffix is matched against the known regions (longest match). An id that ends with
/// something shaped like a region that is not in the table is `id.unknown_region` (a
/// warning: the table may be out of date); anything else is `id.region_suffix`.
pub(crate) fn alb_certificate_id(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(id) = value.as_str() else { return };
    if id.is_empty() {
        return;
    }
    if let Some(region) = region_suffix(id) {
        let number = id
            .strip_suffix(region)
            .and_then(|rest| rest.strip_suffix('-'))
            .unwrap_or_default();
        if !number.chars().all(|c| c.is_ascii_digit() || c == '*') {
            walk.emit(
                catalog::ID_FORMAT,
                path,
                format!(
                    "`CertificateId` {} does not look like a certificate ID: digits, then `-{region}`",
                    quote(id, QUOTE_CHARS)
                ),
            );
        }
        return;
    }
    let unknown_region = id.split_once('-').filter(|(number, rest)| {
        !number.is_empty()
            && number.chars().all(|c| c.is_ascii_digit() || c == '*')
            && looks_like_region(rest)
    });
    match unknown_region {
        Some((_, region)) => {
            walk.emit(
                catalog::ID_UNKNOWN_REGION,
                path,
                format!(
                    "`CertificateId` {} ends with {}, which is not a known Alibaba Cloud region{}",
                    quote(id, QUOTE_CHARS),
                    quote(region, QUOTE_CHARS),
                    closest_region(region)
                ),
            );
        }
        None => {
            walk.emit(
                catalog::ID_REGION_SUFFIX,
                path,
                format!(
                    "`CertificateId` {} must end with a region ID, e.g. 1011****-cn-hangzhou",
                    quote(id, QUOTE_CHARS)
                ),
            );
        }
    }
}

/// `cn-hangzhou`-shaped: lowercase letters, digits and single hyphens, starting with two or
/// three letters and a hyphen.
fn looks_like_region(text: &str) -> bool {
    let Some((area, rest)) = text.split_once('-') else {
        return false;
    };
    (2..=3).contains(&area.len())
        && area.chars().all(|c| c.is_ascii_lowercase())
        && !rest.is_empty()
        && rest.split('-').all(|part| {
            !part.is_empty()
                && part
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        })
}

fn closest_region(region: &str) -> String {
    if region.len() > 64 {
        return String::new();
    }
    known_regions()
        .map(|known| (edit_distance(region, known), known))
        .filter(|(distance, _)| *distance <= 2)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, known)| format!(" (did you mean `{known}`?)"))
        .unwrap_or_default()
}

/// `RegionId` (seed 004): must be a known region; an error here, since the request goes to
/// that region.
pub(crate) fn region_id(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(region) = value.as_str() else { return };
    if region.is_empty() || is_known_region(region) {
        return;
    }
    // The request goes to this region, so an unknown one is an error here, not a warning.
    walk.emit_as(
        catalog::ID_UNKNOWN_REGION,
        Severity::Error,
        path,
        format!(
            "`RegionId` {} is not a known Alibaba Cloud region{}",
            quote(region, QUOTE_CHARS),
            closest_region(region)
        ),
    );
}

/// Huawei `project_id` and `certificate_id` (seeds 002, 003 examples): 32 hex digits.
pub(crate) fn huawei_id(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(id) = value.as_str() else { return };
    if id.is_empty() || (id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())) {
        return;
    }
    walk.emit(
        catalog::ID_FORMAT,
        path,
        format!(
            "{} does not look like a Huawei Cloud ID: 32 hexadecimal digits, e.g. 99a3fff0d03c428eac3678da6a7d0f24",
            quote(id, QUOTE_CHARS)
        ),
    );
}

/// `XForwardedForClientSourceIpsTrusted` (seed 001, example `10.1.1.0/24`): IPv4 or IPv6
/// addresses and CIDR blocks. Several entries may be separated by commas or semicolons
/// (spaces around them are ignored); each must parse with `std::net`.
pub(crate) fn ip_or_cidr_list(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(list) = value.as_str() else { return };
    for (index, entry) in list.split([',', ';']).map(str::trim).enumerate() {
        let problem = if entry.is_empty() {
            Some(String::from("is empty"))
        } else {
            ip_or_cidr_problem(entry)
        };
        if let Some(problem) = problem {
            walk.emit(
                catalog::REQUEST_INVALID_VALUE,
                path,
                format!(
                    "entry {} of `XForwardedForClientSourceIpsTrusted` ({}) {problem}; give IP addresses or CIDR blocks such as 10.1.1.0/24, separated by commas or semicolons",
                    index + 1,
                    quote(entry, QUOTE_CHARS)
                ),
            );
        }
    }
}

fn ip_or_cidr_problem(entry: &str) -> Option<String> {
    let (address, prefix) = match entry.split_once('/') {
        Some((address, prefix)) => (address, Some(prefix)),
        None => (entry, None),
    };
    let Ok(ip) = address.parse::<IpAddr>() else {
        return Some(String::from("is not an IP address"));
    };
    let bits = if ip.is_ipv4() { 32 } else { 128 };
    match prefix.map(|p| (p, p.parse::<u8>())) {
        None => None,
        Some((_, Ok(length))) if length <= bits && !prefix.is_some_and(|p| p.starts_with('+')) => {
            None
        }
        Some((text, _)) => Some(format!(
            "has the prefix length {}; it must be 0 to {bits}",
            quote(text, QUOTE_CHARS)
        )),
    }
}

/// The `Tag` list (seeds 001, 004): at most 20 tags; each key present, at most 128
/// characters, not starting with `acs:` or `aliyun`, without `http://` or `https://`; each
/// value the same rules except that it may be empty (004 says both "can be an empty string"
/// and "1 to 128 characters"; SPEC resolves it: empty is allowed); no key twice.
pub(crate) fn tag_list(value: &Value, path: &str, walk: &mut Walk<'_>) {
    let Some(tags) = value.as_array() else { return };
    if tags.len() > MAX_TAGS {
        walk.emit(
            catalog::TAG_TOO_MANY,
            path,
            format!(
                "{} tags are given; at most {MAX_TAGS} are allowed",
                tags.len()
            ),
        );
    }
    let mut seen: Vec<(&str, String)> = Vec::new();
    for (index, tag) in tags.iter().enumerate() {
        let Some(tag) = tag.as_object() else { continue };
        let tag_path = child(path, &index.to_string());
        let key_path = child(&tag_path, "Key");
        match tag.get("Key") {
            // Null is absence (the engine says nothing about an optional null member).
            None | Some(Value::Null) => {
                walk.emit(
                    catalog::TAG_KEY_MISSING,
                    &key_path,
                    format!("tag {index} has no `Key`; every tag needs a non-empty key"),
                );
            }
            Some(Value::String(key)) if key.is_empty() => {
                walk.emit(
                    catalog::TAG_KEY_MISSING,
                    &key_path,
                    format!(
                        "tag {index} has an empty `Key`; the tag key cannot be an empty string"
                    ),
                );
            }
            Some(Value::String(key)) => {
                tag_text(walk, key, &key_path, TagPart::Key);
                match seen.iter().find(|(earlier, _)| *earlier == key.as_str()) {
                    Some((_, first)) => {
                        walk.emit(
                            catalog::TAG_DUPLICATE_KEY,
                            &key_path,
                            format!(
                            "the tag key {} is already used at {first}; each key may appear once",
                            quote(key, QUOTE_CHARS)
                        ),
                        );
                    }
                    None => seen.push((key.as_str(), key_path.clone())),
                }
            }
            Some(_) => {}
        }
        if let Some(Value::String(text)) = tag.get("Value") {
            tag_text(walk, text, &child(&tag_path, "Value"), TagPart::Value);
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum TagPart {
    Key,
    Value,
}

fn tag_text(walk: &mut Walk<'_>, text: &str, path: &str, part: TagPart) {
    let (word, too_long, reserved, url) = match part {
        TagPart::Key => (
            "key",
            &catalog::TAG_KEY_TOO_LONG,
            &catalog::TAG_KEY_RESERVED_PREFIX,
            &catalog::TAG_KEY_CONTAINS_URL,
        ),
        TagPart::Value => (
            "value",
            &catalog::TAG_VALUE_TOO_LONG,
            &catalog::TAG_VALUE_RESERVED_PREFIX,
            &catalog::TAG_VALUE_CONTAINS_URL,
        ),
    };
    let chars = text.chars().count();
    if chars > MAX_TAG_CHARS {
        walk.emit(
            too_long,
            path,
            format!(
                "the tag {word} is {chars} characters long; at most {MAX_TAG_CHARS} are allowed"
            ),
        );
    }
    if let Some(prefix) = ["acs:", "aliyun"].iter().find(|p| text.starts_with(**p)) {
        walk.emit(
            reserved,
            path,
            format!(
                "the tag {word} {} starts with `{prefix}`; tag {word}s cannot start with acs: or aliyun",
                quote(text, QUOTE_CHARS)
            ),
        );
    }
    if let Some(scheme) = ["http://", "https://"].iter().find(|s| text.contains(**s)) {
        walk.emit(
            url,
            path,
            format!(
                "the tag {word} {} contains `{scheme}`; tag {word}s cannot contain http:// or https://",
                quote(text, QUOTE_CHARS)
            ),
        );
    }
}

/// Runs the certificate core on one input and keeps its diagnostics, the first summary and
/// normalized text; returns the leaf's names for coverage checks.
pub(crate) fn check_pem(
    walk: &mut Walk<'_>,
    input: &CertificateInput<'_>,
) -> Option<CertificateNames> {
    let outcome = check_material(input);
    walk.findings.append(outcome.findings);
    if walk.certificate.is_none() {
        walk.certificate = outcome.summary;
    }
    if walk.normalized.is_none() {
        walk.normalized = outcome.normalized;
    }
    outcome.leaf_names
}

/// A [`CertificateInput`] for `pem` judged as the context says: its time, expiry window,
/// signature verifier, trust anchors (`roots`, `no_public_roots`) and `audience`. Every operation that
/// reads a certificate starts here, so a context key means the same in each of them.
pub(crate) fn certificate_input<'p>(walk: &Walk<'p>, pem: &'p str) -> CertificateInput<'p> {
    let mut input = CertificateInput::new(pem, walk.ctx.now);
    input.expiry_warning_days = walk.ctx.expiry_warning_days;
    input.verifier = walk.ctx.verifier.clone();
    input.roots = walk.ctx.roots.as_deref();
    input.public_roots = walk.ctx.public_roots;
    input.audience = walk.ctx.audience;
    input.policies = walk.findings.policies();
    input.fix_key = walk.ctx.fix_key;
    input.key_password = walk.ctx.key_password.as_ref().map(|p| p.0.as_str());
    input
}
