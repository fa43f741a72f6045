//! wasm-bindgen bindings of cert-preflight, for the npm package in `pkg/`.
//!
//! The boundary is deliberately narrow: strings in, JSON text out. The JavaScript glue
//! (`pkg/src/api.js`) checks argument types (throwing `TypeError` on misuse), turns `now`
//! into epoch milliseconds or RFC 3339 text, serializes options to JSON, and `JSON.parse`s
//! the result, so callers get plain objects identical to the CLI's `--format json`.
//!
//! Nothing here may panic: with `panic = "abort"` a panic is a wasm trap that leaves the
//! module unusable for the whole page. Every fallible step returns an error string instead.
//! An error is returned as text starting with `!` (a JSON document never does); the glue
//! throws it as a `TypeError`.
#![forbid(unsafe_code)]

use std::collections::BTreeMap;

use cert_preflight::{
    check_certificate as core_check_certificate, fingerprint as core_fingerprint,
    validate_request as core_validate_request, CertificateInput, CertificatePurpose,
    DigestAlgorithm, FingerprintStyle, RequestContext, Timestamp, DEFAULT_EXPIRY_WARNING_DAYS,
};
use serde::Deserialize;
use wasm_bindgen::prelude::wasm_bindgen;

/// `now` as the glue passes it: epoch milliseconds, or RFC 3339 text parsed by the core
/// (the same parser as the CLI's `--now`).
#[derive(Deserialize)]
#[serde(untagged)]
enum Now {
    Millis(f64),
    Text(String),
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct CertOptions {
    key: Option<String>,
    domains: Option<String>,
    ca: bool,
    now: Option<Now>,
    expiry_days: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct RequestOptions {
    path: BTreeMap<String, String>,
    certificate: Option<String>,
    listener_protocol: Option<String>,
    default_certificate_id: Option<String>,
    in_use: Option<bool>,
    now: Option<Now>,
    expiry_days: Option<u32>,
}

#[derive(Deserialize, Default)]
#[serde(default, deny_unknown_fields)]
struct FingerprintOptions {
    algorithm: Option<String>,
    style: Option<String>,
}

fn fail(message: impl std::fmt::Display) -> String {
    format!("!{message}")
}

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| fail(format!("could not serialize: {e}")))
}

fn parse_options<'a, T: Deserialize<'a> + Default>(json: &'a str) -> Result<T, String> {
    if json.is_empty() {
        return Ok(T::default());
    }
    serde_json::from_str(json).map_err(|e| format!("invalid options: {e}"))
}

fn timestamp(now: Option<Now>) -> Result<Timestamp, String> {
    match now {
        // The glue always passes `now` (it reads the JS clock); the core never does.
        None => Err("now is required".into()),
        Some(Now::Millis(ms)) => {
            if !ms.is_finite() || ms.abs() > 8.64e15 {
                return Err(format!("now: {ms} is not a valid time in epoch milliseconds"));
            }
            Ok(Timestamp::from_unix_millis(ms.floor() as i64))
        }
        Some(Now::Text(text)) => Timestamp::parse_rfc3339(&text).map_err(|e| format!("now: {e}")),
    }
}

/// Checks a certificate bundle, its key and its domains; `options` is JSON
/// `{key, domains, ca, now, expiry_days}`. Returns the report as JSON, or `!message`.
#[wasm_bindgen]
pub fn check_certificate(pem: &str, options: &str) -> String {
    let run = || -> Result<String, String> {
        let o: CertOptions = parse_options(options)?;
        let mut input = CertificateInput::new(pem, timestamp(o.now)?);
        input.private_key = o.key.as_deref();
        input.domains = o.domains.as_deref();
        if o.ca {
            input.purpose = CertificatePurpose::CaUpload;
        }
        input.expiry_warning_days = o.expiry_days.unwrap_or(DEFAULT_EXPIRY_WARNING_DAYS);
        Ok(to_json(&core_check_certificate(&input)))
    };
    run().unwrap_or_else(fail)
}

/// Validates a request body (JSON text) for an operation; `options` is JSON
/// `{path, certificate, listener_protocol, default_certificate_id, in_use, now, expiry_days}`.
#[wasm_bindgen]
pub fn validate_request(operation: &str, body: &str, options: &str) -> String {
    let run = || -> Result<String, String> {
        let o: RequestOptions = parse_options(options)?;
        let mut context = RequestContext::new(timestamp(o.now)?);
        context.path_params = o.path;
        context.certificate = o.certificate;
        context.listener_protocol = o.listener_protocol;
        context.default_certificate_id = o.default_certificate_id;
        context.in_use = o.in_use;
        context.expiry_warning_days = o.expiry_days.unwrap_or(DEFAULT_EXPIRY_WARNING_DAYS);
        core_validate_request(operation, body, &context)
            .map(|report| to_json(&report))
            .map_err(|e| e.to_string())
    };
    run().unwrap_or_else(fail)
}

/// Fingerprints of every certificate in `pem`; `options` is JSON `{algorithm, style}`.
#[wasm_bindgen]
pub fn fingerprint(pem: &str, options: &str) -> String {
    let run = || -> Result<String, String> {
        let o: FingerprintOptions = parse_options(options)?;
        let algorithm = match o.algorithm.as_deref() {
            None | Some("sha1") => DigestAlgorithm::Sha1,
            Some("sha256") => DigestAlgorithm::Sha256,
            Some(other) => return Err(format!("algorithm: {other:?} is not \"sha1\" or \"sha256\"")),
        };
        let style = match o.style.as_deref() {
            None | Some("hex") => FingerprintStyle::Hex,
            Some("colon") => FingerprintStyle::Colon,
            Some(other) => return Err(format!("style: {other:?} is not \"hex\" or \"colon\"")),
        };
        Ok(to_json(&core_fingerprint(pem, algorithm, style)))
    };
    run().unwrap_or_else(fail)
}

/// Every rule, as a JSON array.
#[wasm_bindgen]
pub fn rules() -> String {
    to_json(&cert_preflight::rules())
}

/// Every supported operation, as a JSON array.
#[wasm_bindgen]
pub fn operations() -> String {
    to_json(&cert_preflight::operations())
}

/// The version of the bindings (kept equal to the npm package's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}
