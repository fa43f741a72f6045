//! wasm-bindgen bindings of cert-preflight, for the npm package in `pkg/`.
//!
//! The boundary is deliberately narrow: strings and scalars in, JSON text out. The JavaScript
//! glue (`pkg/src/api.js`) checks argument types (throwing `TypeError` on misuse), turns `now`
//! into epoch milliseconds or RFC 3339 text, and `JSON.parse`s the result, so callers get plain
//! objects identical to the CLI's `--format json`. `checkCertificate` and `fingerprint` get
//! their options as arguments; the request functions get theirs as JSON (their `context` and
//! `path` are open-ended objects, read as `serde_json::Value` like a request body). Reading
//! options from JSON in the certificate functions linked serde_json's parser into the
//! browser's certificate module, which parses no JSON otherwise (pkg/README.md "Size").
//!
//! Nothing here may panic: with `panic = "abort"` a panic is a wasm trap that leaves the
//! module unusable for the whole page. Every fallible step returns an error string instead:
//! `!CODE\tSUBJECT\tmessage` (a JSON document never starts with `!`), CODE one of
//! [`UNKNOWN_OPERATION`] and [`INVALID_OPTION_VALUE`], SUBJECT the operation or option
//! concerned; the glue throws it as a `CertPreflightError` with that `code`.
//!
//! Built twice (see `Cargo.toml`'s `requests` feature): request validation exists only in the
//! module built with `requests`, so the module a browser loads first stays within its budget.
//!
//! Each checking function takes an optional JavaScript signature verifier (the `verifier` module): the
//! Node entry passes `node:crypto`'s, the browser entry none (ring in the module). Node loads
//! only the request module, so the certificate module ignores the argument (see `Verifier`).
#![forbid(unsafe_code)]

#[cfg(feature = "requests")]
mod verifier;

#[cfg(feature = "pkcs12")]
use cert_preflight::{certificate_text, looks_like_pkcs12};
use cert_preflight::{
    check_certificate as core_check_certificate, fingerprint as core_fingerprint, Audience,
    CertificateInput, CertificatePurpose, DigestAlgorithm, FingerprintStyle, ProviderProfile,
    Timestamp, DEFAULT_EXPIRY_WARNING_DAYS,
};
#[cfg(feature = "requests")]
use cert_preflight::{
    validate_request as core_validate_request, InputError, IntermediatePool, RequestContext,
};
#[cfg(feature = "requests")]
use serde_json::Value;
#[cfg(feature = "requests")]
use verifier::{from_js, JsVerifier};
use wasm_bindgen::prelude::wasm_bindgen;
#[cfg(not(feature = "requests"))]
use wasm_bindgen::JsValue;
#[cfg(feature = "encrypted-keys")]
use zeroize::Zeroizing;

/// `check_certificate`'s signature verifier: in the request module, what Node passes
/// (`node:crypto`, see the `verifier` module). The certificate module is loaded only by the
/// browser entry, which passes none (ring in the module decides), so it takes the argument as
/// an opaque value it ignores: the JavaScript verifier's glue (four byte arrays per call) and
/// `signature_algorithms` stay out of it (pkg/README.md "Size").
#[cfg(feature = "requests")]
type Verifier = Option<JsVerifier>;
#[cfg(not(feature = "requests"))]
type Verifier = JsValue;

/// A request function's options, as one JSON object (the glue has already checked their
/// types). They are read through `serde_json::Value`, which the core's request validation needs
/// anyway, rather than derived structs: that keeps serde's derive and untagged-enum code out of
/// the module.
#[cfg(feature = "requests")]
struct Options(serde_json::Map<String, Value>);

/// Error code: the operation is not one the core knows.
pub const UNKNOWN_OPERATION: &str = "UNKNOWN_OPERATION";
/// Error code: an option has the right type but a value the core cannot use.
pub const INVALID_OPTION_VALUE: &str = "INVALID_OPTION_VALUE";

/// An error for JavaScript: its code, what it concerns, and the message.
struct Failure {
    code: &'static str,
    subject: String,
    message: String,
}

impl Failure {
    fn option(name: &str, message: impl Into<String>) -> Failure {
        Failure {
            code: INVALID_OPTION_VALUE,
            subject: name.to_string(),
            message: message.into(),
        }
    }

    fn encode(self) -> String {
        format!("!{}\t{}\t{}", self.code, self.subject, self.message)
    }
}

#[cfg(feature = "requests")]
impl From<InputError> for Failure {
    fn from(error: InputError) -> Failure {
        let (code, subject) = match &error {
            InputError::UnknownOperation { name, .. } => (UNKNOWN_OPERATION, name.clone()),
            InputError::InvalidTime { .. } => (INVALID_OPTION_VALUE, "now".to_string()),
            // InputError is non-exhaustive: a future variant is an option value too.
            _ => (INVALID_OPTION_VALUE, String::new()),
        };
        Failure {
            code,
            subject,
            message: error.to_string(),
        }
    }
}

#[cfg(feature = "requests")]
impl Options {
    fn parse(json: &str) -> Result<Options, Failure> {
        match serde_json::from_str::<Value>(json) {
            Ok(Value::Object(map)) => Ok(Options(map)),
            _ => Err(Failure::option(
                "options",
                "invalid options: expected a JSON object",
            )),
        }
    }

    fn expiry_days(&self) -> Result<u32, Failure> {
        match self.0.get("expiry_days") {
            None | Some(Value::Null) => Ok(DEFAULT_EXPIRY_WARNING_DAYS),
            Some(v) => v
                .as_u64()
                .and_then(|d| u32::try_from(d).ok())
                .ok_or_else(|| {
                    Failure::option("expiryDays", "expiryDays must be a non-negative integer")
                }),
        }
    }

    /// `now`: epoch milliseconds (an integer), or RFC 3339 text parsed by the core (the same
    /// parser as the CLI's `--now`). The glue always passes it: the core never reads a clock.
    fn now(&self) -> Result<Timestamp, Failure> {
        match self.0.get("now") {
            Some(Value::String(text)) => now_from_text(text),
            Some(Value::Number(n)) => n
                .as_i64()
                .filter(|ms| ms.unsigned_abs() <= MAX_TIME_MS)
                .map(Timestamp::from_unix_millis)
                .ok_or_else(now_ms_error),
            _ => Err(now_required()),
        }
    }
}

fn now_ms_error() -> Failure {
    Failure::option("now", "now is not a valid time in epoch milliseconds")
}

fn now_required() -> Failure {
    Failure::option("now", "now is required")
}

fn now_from_text(text: &str) -> Result<Timestamp, Failure> {
    Timestamp::parse_rfc3339(text).map_err(|e| Failure::option("now", format!("now: {e}")))
}

/// `now` as the glue passes it to the certificate functions: epoch milliseconds (a whole
/// number, `Math.floor`ed by the glue) or RFC 3339 text, one of the two.
fn now_of(ms: Option<f64>, text: Option<String>) -> Result<Timestamp, Failure> {
    match (ms, text) {
        (_, Some(text)) => now_from_text(&text),
        (Some(ms), None) => whole_millis(ms)
            .map(Timestamp::from_unix_millis)
            .ok_or_else(now_ms_error),
        (None, None) => Err(now_required()),
    }
}

/// A whole number of milliseconds within the ECMAScript Date range, as an integer; `None`
/// otherwise (what `as_i64` and the range check give for the same number sent as JSON).
fn whole_millis(ms: f64) -> Option<i64> {
    // ±8.64e15 is below 2^53: within it every whole f64 is exact, so the cast cannot round
    // or saturate.
    #[allow(clippy::as_conversions, clippy::cast_possible_truncation)]
    let whole = ms as i64;
    (ms.fract() == 0.0 && whole.unsigned_abs() <= MAX_TIME_MS).then_some(whole)
}

/// `profile`: the CLI's `--profile` names, read by the core.
fn profile_of(name: Option<String>) -> Result<ProviderProfile, Failure> {
    name.as_deref()
        .map_or(Ok(ProviderProfile::Generic), str::parse)
        .map_err(|e| Failure::option("profile", format!("profile: {e}")))
}

/// `audience`: `auto` (default), `public` or `private` (issue 20).
fn audience_of(name: Option<String>) -> Result<Audience, Failure> {
    match name {
        None => Ok(Audience::Auto),
        Some(name) => Audience::from_name(&name).ok_or_else(|| {
            Failure::option(
                "audience",
                format!("audience: \"{name}\" is not \"auto\", \"public\" or \"private\""),
            )
        }),
    }
}

/// The ECMAScript Date range, ±100,000,000 days.
const MAX_TIME_MS: u64 = 8_640_000_000_000_000;

fn to_json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).unwrap_or_else(|e| not_serialized(&e).encode())
}

/// The error when a result cannot be written as JSON, with serde_json's reason.
#[cfg(feature = "requests")]
fn not_serialized(error: &serde_json::Error) -> Failure {
    Failure::option("result", format!("could not serialize: {error}"))
}

/// The error when a result cannot be written as JSON. The certificate module's results (the
/// core's report, fingerprints and catalogue) derive `Serialize`, with string map keys and no
/// custom errors, so serde_json cannot fail on them; its reason is left out here because
/// formatting it links every message of serde_json's parser (1.2 KB gzipped) into a module
/// that parses no JSON (pkg/README.md "Size"). The request module, which parses JSON, says it.
#[cfg(not(feature = "requests"))]
fn not_serialized(_: &serde_json::Error) -> Failure {
    Failure::option("result", "could not serialize")
}

/// `intermediates` and their names as `check_certificate` takes them: PEM texts (an array, or
/// nothing) in the request module. The certificate module refuses a pool (`refuse_pool`), so
/// it takes them as opaque values it only tests for absence: an `Option<Vec<String>>` there
/// linked wasm-bindgen's array-of-strings conversion into the module and its glue for
/// nothing (pkg/README.md "Size").
#[cfg(feature = "requests")]
type Texts = Option<Vec<String>>;
#[cfg(not(feature = "requests"))]
type Texts = JsValue;

/// Checks a certificate bundle, its key and its domains, with the options of
/// `checkCertificate` (`key`, `domains`, `ca`, `now`, `expiryDays`, `profile`, `roots`,
/// `noPublicRoots`, `audience`, `intermediates` with its sources' names) one argument each;
/// `now` is `now_ms` (epoch milliseconds) or `now_text` (RFC 3339). Returns the report as JSON,
/// or an error.
#[cfg(not(feature = "encrypted-keys"))]
#[wasm_bindgen]
// One argument per option: see the module's documentation for why not one JSON object.
#[allow(clippy::too_many_arguments)]
pub fn check_certificate(
    pem: &str,
    key: Option<String>,
    domains: Option<String>,
    ca: Option<bool>,
    now_ms: Option<f64>,
    now_text: Option<String>,
    expiry_days: Option<u32>,
    profile: Option<String>,
    roots: Option<String>,
    no_public_roots: Option<bool>,
    audience: Option<String>,
    intermediates: Texts,
    intermediate_names: Texts,
    verifier: Verifier,
) -> String {
    check(
        Source::Text(pem),
        key,
        domains,
        ca,
        now_ms,
        now_text,
        expiry_days,
        profile,
        roots,
        no_public_roots,
        audience,
        intermediates,
        intermediate_names,
        verifier,
        None,
    )
}

/// [`check_certificate`] in the Node module, with `keyPassword` (issue 22, item 3): an
/// encrypted private key is decrypted with it and checked like an unencrypted one. A separate
/// definition because wasm-bindgen exports every parameter it sees (a `#[cfg]` on one is not
/// honoured), and the browser modules must not pay for a parameter they cannot use.
#[cfg(feature = "encrypted-keys")]
#[wasm_bindgen]
// One argument per option: see the module's documentation for why not one JSON object.
#[allow(clippy::too_many_arguments)]
pub fn check_certificate(
    pem: &str,
    key: Option<String>,
    domains: Option<String>,
    ca: Option<bool>,
    now_ms: Option<f64>,
    now_text: Option<String>,
    expiry_days: Option<u32>,
    profile: Option<String>,
    roots: Option<String>,
    no_public_roots: Option<bool>,
    audience: Option<String>,
    intermediates: Texts,
    intermediate_names: Texts,
    verifier: Verifier,
    key_password: Option<String>,
) -> String {
    let key_password = key_password.map(Zeroizing::new);
    check(
        Source::Text(pem),
        key,
        domains,
        ca,
        now_ms,
        now_text,
        expiry_days,
        profile,
        roots,
        no_public_roots,
        audience,
        intermediates,
        intermediate_names,
        verifier,
        key_password.as_ref().map(|p| p.as_str()),
    )
}

/// [`check_certificate`] of a file's bytes (issue 22), read as the CLI reads a certificate file
/// and the Python package reads `bytes`: a PKCS#12 file (`looks_like_pkcs12`) opened by the
/// core with `password` (ignored for anything else, as the CLI's is), other bytes as
/// `certificate_text` reads them. Only with the `pkcs12` feature: the Node module and the
/// browser's PKCS#12 module (`initPkcs12()`); the browser's first two modules leave the decoder
/// out for size, and their glue (`pkg/src/web.js`) refuses bytes until `initPkcs12()` has run.
#[cfg(feature = "pkcs12")]
#[wasm_bindgen]
#[allow(clippy::too_many_arguments)]
pub fn check_certificate_bytes(
    bytes: Vec<u8>,
    password: Option<String>,
    key: Option<String>,
    domains: Option<String>,
    ca: Option<bool>,
    now_ms: Option<f64>,
    now_text: Option<String>,
    expiry_days: Option<u32>,
    profile: Option<String>,
    roots: Option<String>,
    no_public_roots: Option<bool>,
    audience: Option<String>,
    intermediates: Texts,
    intermediate_names: Texts,
    verifier: Verifier,
    key_password: Option<String>,
) -> String {
    // All may hold secrets (a PFX's key, its password, a key's password): wiped when dropped.
    let bytes = Zeroizing::new(bytes);
    let key_password = key_password.map(Zeroizing::new);
    let password = Zeroizing::new(password.unwrap_or_default());
    let text;
    let source = if looks_like_pkcs12(&bytes) {
        Source::Pkcs12 {
            der: &bytes,
            password: &password,
        }
    } else {
        text = Zeroizing::new(certificate_text(&bytes).0.into_owned());
        Source::Text(&text)
    };
    check(
        source,
        key,
        domains,
        ca,
        now_ms,
        now_text,
        expiry_days,
        profile,
        roots,
        no_public_roots,
        audience,
        intermediates,
        intermediate_names,
        verifier,
        key_password.as_ref().map(|p| p.as_str()),
    )
}

/// The certificate field as the caller gave it.
enum Source<'a> {
    /// PEM text (or a file's bytes read as text).
    Text(&'a str),
    /// A PKCS#12 file and its password.
    #[cfg(feature = "pkcs12")]
    Pkcs12 { der: &'a [u8], password: &'a str },
}

/// What [`check_certificate`] and [`check_certificate_bytes`] share: the options read, the
/// check run.
#[allow(clippy::too_many_arguments)]
fn check(
    source: Source<'_>,
    key: Option<String>,
    domains: Option<String>,
    ca: Option<bool>,
    now_ms: Option<f64>,
    now_text: Option<String>,
    expiry_days: Option<u32>,
    profile: Option<String>,
    roots: Option<String>,
    no_public_roots: Option<bool>,
    audience: Option<String>,
    intermediates: Texts,
    intermediate_names: Texts,
    verifier: Verifier,
    key_password: Option<&str>,
) -> String {
    let run = || -> Result<String, Failure> {
        #[cfg(feature = "requests")]
        let pool = pool_of(intermediates, intermediate_names)?;
        #[cfg(not(feature = "requests"))]
        refuse_pool(&intermediates, intermediate_names)?;
        let now = now_of(now_ms, now_text)?;
        let mut input = match source {
            Source::Text(pem) => CertificateInput::new(pem, now),
            #[cfg(feature = "pkcs12")]
            Source::Pkcs12 { der, password } => CertificateInput::pkcs12(der, password, now),
        };
        input.private_key = key.as_deref();
        input.key_password = key_password;
        input.domains = domains.as_deref();
        if ca == Some(true) {
            input.purpose = CertificatePurpose::CaUpload;
        }
        input.expiry_warning_days = expiry_days.unwrap_or(DEFAULT_EXPIRY_WARNING_DAYS);
        input.profile = profile_of(profile)?;
        input.roots = roots.as_deref();
        input.public_roots = no_public_roots != Some(true);
        input.audience = audience_of(audience)?;
        #[cfg(feature = "requests")]
        {
            input.verifier = from_js(verifier);
            input.intermediates = pool.as_ref();
        }
        #[cfg(not(feature = "requests"))]
        let _ = verifier;
        Ok(to_json(&core_check_certificate(&input)))
    };
    run().unwrap_or_else(Failure::encode)
}

/// `intermediates` (PEM texts, one per file) as a pool, each named by `intermediate_names`
/// (the glue names a single text `intermediates`, an array's items `intermediates[i]`). Only
/// in the request module: the certificate module leaves the pool out for its size budget
/// (issue 22), and says so.
#[cfg(feature = "requests")]
fn pool_of(
    intermediates: Option<Vec<String>>,
    names: Option<Vec<String>>,
) -> Result<Option<IntermediatePool>, Failure> {
    let Some(texts) = intermediates else {
        return Ok(None);
    };
    let names = names.unwrap_or_default();
    let mut pool = IntermediatePool::new();
    for (i, text) in texts.iter().enumerate() {
        let name = names
            .get(i)
            .cloned()
            .unwrap_or_else(|| format!("intermediates[{i}]"));
        pool.add(text.as_bytes(), &name);
    }
    Ok(Some(pool))
}

/// The certificate module has no pool (see the request module's `pool_of`): one given is
/// refused with what to do instead.
#[cfg(not(feature = "requests"))]
fn refuse_pool(intermediates: &JsValue, _names: Texts) -> Result<(), Failure> {
    if intermediates.is_null_or_undefined() {
        return Ok(());
    }
    Err(Failure::option(
        "intermediates",
        "intermediates: completing a chain from a pool is in the request module in the browser (it does not fit the certificate module's size budget); call `await initRequests()` first",
    ))
}

/// The request context from `options`' `{path, context, now, expiry_days}`.
#[cfg(feature = "requests")]
fn request_context(o: &Options, verifier: Option<JsVerifier>) -> Result<RequestContext, Failure> {
    let mut context = RequestContext::new(o.now()?);
    if let Some(Value::Object(path)) = o.0.get("path") {
        for (name, value) in path {
            let value = value
                .as_str()
                .ok_or_else(|| Failure::option("path", format!("path.{name} must be a string")))?;
            context.path_params.insert(name.clone(), value.to_string());
        }
    }
    if let Some(Value::Object(keys)) = o.0.get("context") {
        for (key, value) in keys {
            context
                .set(key, value)
                .map_err(|e| Failure::option(&format!("context.{key}"), format!("context: {e}")))?;
        }
    }
    context.expiry_warning_days = o.expiry_days()?;
    context.verifier = from_js(verifier);
    Ok(context)
}

/// Validates a request body (JSON text) for an operation; `options` is JSON
/// `{path, context: {<the core's context keys, snake_case>}, now, expiry_days}`. Only in the
/// request module (`requests` feature).
#[cfg(all(feature = "requests", not(feature = "encrypted-keys")))]
#[wasm_bindgen]
pub fn validate_request(
    operation: &str,
    body: &str,
    options: &str,
    verifier: Option<JsVerifier>,
) -> String {
    validate(operation, body, options, verifier, None)
}

/// [`validate_request`] in the modules with the ciphers (Node's and the browser's PKCS#12
/// module), with `keyPassword`: an encrypted private key in the body is decrypted with it and
/// checked like an unencrypted one, as `request --key-password-file` does. An argument of its
/// own, not a member of `options`: it is held in a buffer wiped on drop rather than in the
/// options' JSON text and `Value`s, and it is not a context key (`RequestContext::set_key_password`
/// keeps it out of context files). A separate definition for the reason given at
/// [`check_certificate`]: wasm-bindgen exports every parameter it sees, and the browser's
/// request module has no use for one.
#[cfg(all(feature = "requests", feature = "encrypted-keys"))]
#[wasm_bindgen]
pub fn validate_request(
    operation: &str,
    body: &str,
    options: &str,
    verifier: Option<JsVerifier>,
    key_password: Option<String>,
) -> String {
    let key_password = key_password.map(Zeroizing::new);
    validate(
        operation,
        body,
        options,
        verifier,
        key_password.as_ref().map(|p| p.as_str()),
    )
}

/// What both [`validate_request`]s share: the context read from `options` (and the key
/// password, when given), the body validated.
#[cfg(feature = "requests")]
fn validate(
    operation: &str,
    body: &str,
    options: &str,
    verifier: Option<JsVerifier>,
    key_password: Option<&str>,
) -> String {
    let run = || -> Result<String, Failure> {
        let mut context = request_context(&Options::parse(options)?, verifier)?;
        if let Some(password) = key_password {
            context.set_key_password(password);
        }
        core_validate_request(operation, body, &context)
            .map(|report| to_json(&report))
            .map_err(Failure::from)
    };
    run().unwrap_or_else(Failure::encode)
}

/// The JSON Schema of an operation's request body. Only in the request module.
#[cfg(feature = "requests")]
#[wasm_bindgen]
pub fn schema(operation: &str) -> String {
    cert_preflight::schema(operation)
        .map(|schema| to_json(&schema))
        .unwrap_or_else(|e| Failure::from(e).encode())
}

/// What a provider's answer means for an operation; with `body` (JSON text) the request is
/// checked too, `options` as for [`validate_request`]. Only in the request module.
#[cfg(feature = "requests")]
#[wasm_bindgen]
pub fn explain(
    operation: &str,
    error: &str,
    body: Option<String>,
    options: &str,
    verifier: Option<JsVerifier>,
) -> String {
    let run = || -> Result<String, Failure> {
        let explanation = match body {
            None => cert_preflight::explain(operation, error)?,
            Some(body) => {
                let context = request_context(&Options::parse(options)?, verifier)?;
                cert_preflight::explain_request(operation, error, &body, &context)?
            }
        };
        Ok(to_json(&explanation))
    };
    run().unwrap_or_else(Failure::encode)
}

/// Fingerprints of every certificate in `pem`; `algorithm` is `sha1` (default) or `sha256`,
/// `style` `hex` (default) or `colon`.
#[wasm_bindgen]
pub fn fingerprint(pem: &str, algorithm: Option<String>, style: Option<String>) -> String {
    let run = || -> Result<String, Failure> {
        let algorithm = match algorithm.as_deref() {
            None | Some("sha1") => DigestAlgorithm::Sha1,
            Some("sha256") => DigestAlgorithm::Sha256,
            Some(other) => {
                return Err(Failure::option(
                    "algorithm",
                    format!("algorithm: \"{other}\" is not \"sha1\" or \"sha256\""),
                ))
            }
        };
        let style = match style.as_deref() {
            None | Some("hex") => FingerprintStyle::Hex,
            Some("colon") => FingerprintStyle::Colon,
            Some(other) => {
                return Err(Failure::option(
                    "style",
                    format!("style: \"{other}\" is not \"hex\" or \"colon\""),
                ))
            }
        };
        Ok(to_json(&core_fingerprint(pem, algorithm, style)))
    };
    run().unwrap_or_else(Failure::encode)
}

/// Every rule, as a JSON array.
#[wasm_bindgen]
pub fn rules() -> String {
    to_json(&cert_preflight::rules())
}

/// Every rule as `operation` reports it (the error code its provider answers, the severities
/// its policy gives), as a JSON array: what `cert-preflight rules --operation` lists; an
/// unknown operation is an error. Only in the request module: it reads the operations'
/// declarations.
#[cfg(feature = "requests")]
#[wasm_bindgen]
pub fn operation_rules(operation: &str) -> String {
    cert_preflight::operation_rules(operation)
        .map(|rules| to_json(&rules))
        .unwrap_or_else(|e| Failure::from(e).encode())
}

/// Every supported operation, as a JSON array.
#[wasm_bindgen]
pub fn operations() -> String {
    to_json(&cert_preflight::operations())
}

/// The fields a form shows for an operation (its certificate material by role, then its other
/// parameters with example values), as a JSON array; an unknown operation is an error. Only in
/// the request module: it reads the operations' declarations, which the certificate module
/// leaves out.
#[cfg(feature = "requests")]
#[wasm_bindgen]
pub fn form_fields(operation: &str) -> String {
    cert_preflight::form_fields(operation)
        .map(|fields| to_json(&fields))
        .unwrap_or_else(|error| Failure::from(error).encode())
}

/// The version of the bindings (kept equal to the npm package's).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `now` in milliseconds: what serde_json's `as_i64` and the range check accepted when the
    /// glue sent it as JSON (`Math.floor`ed, finite), the argument accepts.
    #[test]
    fn whole_millis_takes_what_the_json_number_took() {
        let max = 8_640_000_000_000_000.0;
        let table: &[(f64, Option<i64>)] = &[
            (0.0, Some(0)),
            (-0.0, Some(0)),
            (1_780_000_000_000.0, Some(1_780_000_000_000)),
            (-1.0, Some(-1)),
            (max, Some(8_640_000_000_000_000)),
            (-max, Some(-8_640_000_000_000_000)),
            (max + 2.0, None),
            (1e300, None),
            (1.5, None),
            (f64::NAN, None),
            (f64::INFINITY, None),
        ];
        for &(ms, want) in table {
            assert_eq!(whole_millis(ms), want, "{ms}");
        }
    }
}
