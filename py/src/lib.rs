//! PyO3 bindings of cert-preflight: the extension module `cert_preflight._native`, under the
//! Python package in `py/python/cert_preflight`.
//!
//! Like the npm bindings (`pkg/rust/src/lib.rs`), this side only translates: Python values in,
//! the report's JSON text out (identical to the CLI's `--format json`); the Python side
//! (`_api.py`) checks argument types, turns `now` into epoch milliseconds or RFC 3339 text and
//! builds the immutable report objects. Every core call runs with the GIL released, on data
//! copied out of Python first, so calls from many threads run in parallel.
//!
//! Nothing here panics on input (the core does not, and this side only converts). A value the
//! core cannot use raises `InputFailure(code, subject, message)`, which the Python side raises
//! again as `CertPreflightError` with the npm package's `code`.
#![forbid(unsafe_code)]

use cert_preflight::{
    certificate_text, check_certificate as core_check_certificate, fingerprint as core_fingerprint,
    looks_like_pkcs12, operation_rules, private_key_text,
    validate_request as core_validate_request, validate_request_bytes, Audience, CertificateInput,
    CertificatePurpose, DigestAlgorithm, FingerprintStyle, InputError, IntermediatePool,
    ProviderProfile, RequestContext, Timestamp,
};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyByteArray, PyBytes, PyString};
use serde_json::Value;
use zeroize::Zeroizing;

create_exception!(
    _native,
    InputFailure,
    PyValueError,
    "A value the core cannot use: args are (code, subject, message)."
);

/// Error code: the operation is not one the core knows (as the npm package's).
const UNKNOWN_OPERATION: &str = "UNKNOWN_OPERATION";
/// Error code: an option has the right type but a value the core cannot use.
const INVALID_OPTION_VALUE: &str = "INVALID_OPTION_VALUE";

fn failure(code: &str, subject: &str, message: impl Into<String>) -> PyErr {
    InputFailure::new_err((code.to_string(), subject.to_string(), message.into()))
}

fn input_failure(error: InputError) -> PyErr {
    let subject = match &error {
        InputError::UnknownOperation { name, .. } => name.clone(),
        InputError::InvalidTime { .. } => "now".to_string(),
        InputError::UnknownName { option, .. } => option.to_string(),
        InputError::InvalidContext { key, .. } => format!("context.{key}"),
        // InputError is non-exhaustive: a future variant is an option value too.
        _ => String::new(),
    };
    let code = match error {
        InputError::UnknownOperation { .. } => UNKNOWN_OPERATION,
        _ => INVALID_OPTION_VALUE,
    };
    failure(code, &subject, error.to_string())
}

/// Text or bytes, as the caller gave them; read by [`Material::certificate`] or
/// [`Material::key`] once the GIL is released.
enum Material {
    /// A `str`; lone surrogates (which UTF-8 cannot hold) became U+FFFD, as the CLI reads bytes
    /// that are not UTF-8.
    Text(Zeroizing<String>),
    /// `bytes` or `bytearray`: read as the CLI reads a file.
    Bytes(Zeroizing<Vec<u8>>),
}

impl Material {
    /// Copies `value` out of Python; `name` names the argument in a `TypeError`.
    fn from_py(value: &Bound<'_, PyAny>, name: &str) -> PyResult<Material> {
        if let Ok(text) = value.cast::<PyString>() {
            return Ok(Material::Text(Zeroizing::new(lossy_text(text)?)));
        }
        if let Ok(bytes) = value.cast::<PyBytes>() {
            return Ok(Material::Bytes(Zeroizing::new(bytes.as_bytes().to_vec())));
        }
        if let Ok(bytes) = value.cast::<PyByteArray>() {
            return Ok(Material::Bytes(Zeroizing::new(bytes.to_vec())));
        }
        Err(PyTypeError::new_err(format!(
            "{name} must be str or bytes, got {}",
            type_name(value)
        )))
    }

    fn optional(value: Option<&Bound<'_, PyAny>>, name: &str) -> PyResult<Option<Material>> {
        value
            .filter(|v| !v.is_none())
            .map(|v| Material::from_py(v, name))
            .transpose()
    }

    /// The certificate field's text (DER wrapped, other non-UTF-8 bytes read lossily).
    fn certificate(&self) -> Zeroizing<String> {
        match self {
            Material::Text(text) => text.clone(),
            Material::Bytes(bytes) => Zeroizing::new(certificate_text(bytes).0.into_owned()),
        }
    }

    /// The private key field's text (a DER key wrapped into the PEM block of its kind).
    fn key(&self) -> Zeroizing<String> {
        match self {
            Material::Text(text) => text.clone(),
            Material::Bytes(bytes) => private_key_text(bytes),
        }
    }
}

/// A Python `str` as UTF-8: a lone surrogate (which UTF-8 cannot hold) becomes one U+FFFD, as
/// a byte that is not UTF-8 does when the CLI reads a file, and as JavaScript's encoders do.
fn lossy_text(text: &Bound<'_, PyString>) -> PyResult<String> {
    if let Ok(utf8) = text.to_cow() {
        return Ok(utf8.into_owned());
    }
    let units = text.call_method1("encode", ("utf-16-le", "surrogatepass"))?;
    let units: Vec<u16> = units
        .cast::<PyBytes>()?
        .as_bytes()
        .chunks_exact(2)
        .map(|pair| {
            u16::from_le_bytes([
                pair.first().copied().unwrap_or(0),
                pair.get(1).copied().unwrap_or(0),
            ])
        })
        .collect();
    Ok(String::from_utf16_lossy(&units))
}

/// A `str` argument, read by [`lossy_text`].
struct Text(String);

impl<'py> FromPyObject<'_, 'py> for Text {
    type Error = PyErr;

    fn extract(value: Borrowed<'_, 'py, PyAny>) -> PyResult<Text> {
        let text = value.cast::<PyString>()?;
        lossy_text(&text).map(Text)
    }
}

fn type_name(value: &Bound<'_, PyAny>) -> String {
    value
        .get_type()
        .name()
        .map_or_else(|_| "an object".to_string(), |n| n.to_string())
}

/// `now` as the Python side passes it: epoch milliseconds, or RFC 3339 text that the core
/// parses (the same parser as the CLI's `--now`).
#[derive(FromPyObject)]
enum Now {
    Millis(i64),
    Text(Text),
}

impl Now {
    fn timestamp(&self) -> PyResult<Timestamp> {
        match self {
            Now::Millis(ms) => Ok(Timestamp::from_unix_millis(*ms)),
            Now::Text(Text(text)) => Timestamp::parse_rfc3339(text)
                .map_err(|e| failure(INVALID_OPTION_VALUE, "now", format!("now: {e}"))),
        }
    }
}

/// The intermediates pool's sources as the Python side passes them: a list of `(name,
/// material)` pairs, each material `str` or `bytes` (PEM, DER or PKCS#7).
fn intermediate_sources(
    value: Option<&Bound<'_, PyAny>>,
) -> PyResult<Option<Vec<(String, Material)>>> {
    let Some(value) = value.filter(|v| !v.is_none()) else {
        return Ok(None);
    };
    let mut sources = Vec::new();
    for (i, item) in value.try_iter()?.enumerate() {
        let (name, material): (Bound<'_, PyAny>, Bound<'_, PyAny>) = item?.extract()?;
        let name = lossy_text(name.cast::<PyString>()?)?;
        sources.push((
            name,
            Material::from_py(&material, &format!("intermediates[{i}]"))?,
        ));
    }
    Ok(Some(sources))
}

/// Checks a certificate bundle, its key and its domains; returns the report as JSON.
#[pyfunction]
#[pyo3(signature = (certificate, *, now, key=None, domains=None, purpose=None, key_required=false, expiry_days=cert_preflight::DEFAULT_EXPIRY_WARNING_DAYS, profile=None, roots=None, public_roots=true, password=None, key_password=None, intermediates=None, audience=None))]
#[allow(clippy::too_many_arguments)] // one keyword argument per option, as Python passes them
fn check_certificate(
    py: Python<'_>,
    certificate: &Bound<'_, PyAny>,
    now: Now,
    key: Option<&Bound<'_, PyAny>>,
    domains: Option<Text>,
    purpose: Option<Text>,
    key_required: bool,
    expiry_days: u32,
    profile: Option<Text>,
    roots: Option<&Bound<'_, PyAny>>,
    public_roots: bool,
    password: Option<Text>,
    key_password: Option<Text>,
    intermediates: Option<&Bound<'_, PyAny>>,
    audience: Option<Text>,
) -> PyResult<String> {
    let certificate = Material::from_py(certificate, "certificate")?;
    let intermediates = intermediate_sources(intermediates)?;
    let audience = match &audience {
        None => Audience::Auto,
        Some(Text(name)) => Audience::from_name(name).ok_or_else(|| {
            failure(
                INVALID_OPTION_VALUE,
                "audience",
                "audience: must be one of \"auto\", \"public\", \"private\"",
            )
        })?,
    };
    let password = Zeroizing::new(password.map(|Text(p)| p).unwrap_or_default());
    // An encrypted key's password (issue 22, item 3): absent is not the empty password, since
    // without one an encrypted key is judged as before.
    let key_password = key_password.map(|Text(p)| Zeroizing::new(p));
    let key = Material::optional(key, "key")?;
    let roots = Material::optional(roots, "roots")?;
    let now = now.timestamp()?;
    let profile = profile
        .as_ref()
        .map(|Text(name)| name.as_str())
        .map_or(Ok(ProviderProfile::Generic), str::parse)
        .map_err(input_failure)?;
    let purpose = purpose
        .as_ref()
        .map(|Text(name)| name.as_str())
        .map_or(Ok(CertificatePurpose::Server), str::parse)
        .map_err(input_failure)?;
    py.detach(|| {
        // A PKCS#12 file's bytes are opened by the core with the password, as the CLI opens one.
        let pkcs12 = match &certificate {
            Material::Bytes(bytes) if looks_like_pkcs12(bytes) => Some(bytes),
            _ => None,
        };
        let pem = match pkcs12 {
            Some(_) => Zeroizing::new(String::new()),
            None => certificate.certificate(),
        };
        let key = key.as_ref().map(Material::key);
        let roots = roots.as_ref().map(Material::certificate);
        let mut input = match pkcs12 {
            Some(der) => CertificateInput::pkcs12(der, &password, now),
            None => CertificateInput::new(&pem, now),
        };
        input.private_key = key.as_ref().map(|k| k.as_str());
        input.key_password = key_password.as_ref().map(|p| p.as_str());
        input.domains = domains.as_ref().map(|Text(names)| names.as_str());
        input.purpose = purpose;
        input.key_required = key_required;
        input.expiry_warning_days = expiry_days;
        input.profile = profile;
        input.roots = roots.as_ref().map(|r| r.as_str());
        input.public_roots = public_roots;
        let pool = intermediates.as_ref().map(|sources| {
            let mut pool = IntermediatePool::new();
            for (name, material) in sources {
                match material {
                    Material::Text(text) => pool.add(text.as_bytes(), name),
                    Material::Bytes(bytes) => pool.add(bytes, name),
                };
            }
            pool
        });
        input.intermediates = pool.as_ref();
        input.audience = audience;
        to_json(&core_check_certificate(&input))
    })
}

/// Validates a request body (`str`, or `bytes` read as the CLI reads a body file) for an
/// operation; `context` is a JSON object of the core's context keys, `key_password` the
/// password of an encrypted private key in the body (as `request --key-password-file`).
/// Returns the report as JSON.
#[pyfunction]
#[pyo3(signature = (operation, body, *, now, path=None, context=None, expiry_days=cert_preflight::DEFAULT_EXPIRY_WARNING_DAYS, key_password=None))]
#[allow(clippy::too_many_arguments)] // one keyword argument per option, as Python passes them
fn validate_request(
    py: Python<'_>,
    operation: Text,
    body: &Bound<'_, PyAny>,
    now: Now,
    path: Option<Text>,
    context: Option<Text>,
    expiry_days: u32,
    key_password: Option<Text>,
) -> PyResult<String> {
    let Text(operation) = operation;
    let body = Material::from_py(body, "body")?;
    let now = now.timestamp()?;
    let context = json_object(context, "context")?;
    let path_params = path_params(path)?;
    // As check_certificate's: wiped on drop, and absent is not the empty password.
    let key_password = key_password.map(|Text(p)| Zeroizing::new(p));
    // RequestContext holds the (not Send) verifier slot, so it is made with the GIL released.
    py.detach(|| {
        let mut request = request_context(now, path_params, &context, expiry_days)?;
        if let Some(password) = &key_password {
            // Copied into the context's own wiped buffer, never into a context key.
            request.set_key_password(password);
        }
        let report = match &body {
            Material::Text(text) => core_validate_request(&operation, text, &request),
            Material::Bytes(bytes) => validate_request_bytes(&operation, bytes, &request),
        };
        report.map_err(input_failure).and_then(|r| to_json(&r))
    })
}

/// The caller facts of a request: path parameters, the context keys (set by the core's
/// `RequestContext::set`, as the CLI's `--context` file) and the clock.
fn request_context(
    now: Timestamp,
    path_params: std::collections::BTreeMap<String, String>,
    context: &serde_json::Map<String, Value>,
    expiry_days: u32,
) -> PyResult<RequestContext> {
    let mut request = RequestContext::new(now);
    request.path_params = path_params;
    request.expiry_warning_days = expiry_days;
    for (key, value) in context {
        request.set(key, value).map_err(input_failure)?;
    }
    Ok(request)
}

/// Path parameters from the JSON object the Python side serialized.
fn path_params(path: Option<Text>) -> PyResult<std::collections::BTreeMap<String, String>> {
    let mut params = std::collections::BTreeMap::new();
    for (name, value) in json_object(path, "path")? {
        let Value::String(value) = value else {
            return Err(PyTypeError::new_err("path values must be str"));
        };
        params.insert(name, value);
    }
    Ok(params)
}

/// What a provider's answer means for an operation; with `request` (JSON text), each cause
/// says whether the request breaks it. Returns the explanation as JSON.
#[pyfunction]
#[pyo3(signature = (operation, error, *, now, request=None, path=None, context=None, expiry_days=cert_preflight::DEFAULT_EXPIRY_WARNING_DAYS))]
#[allow(clippy::too_many_arguments)] // one keyword argument per option, as Python passes them
fn explain(
    py: Python<'_>,
    operation: Text,
    error: Text,
    now: Now,
    request: Option<Text>,
    path: Option<Text>,
    context: Option<Text>,
    expiry_days: u32,
) -> PyResult<String> {
    let (Text(operation), Text(error)) = (operation, error);
    let now = now.timestamp()?;
    let params = path_params(path)?;
    let context = json_object(context, "context")?;
    py.detach(|| {
        let explanation = match request {
            None => cert_preflight::explain(&operation, &error),
            Some(Text(body)) => {
                let facts = request_context(now, params, &context, expiry_days)?;
                cert_preflight::explain_request(&operation, &error, &body, &facts)
            }
        };
        explanation.map_err(input_failure).and_then(|e| to_json(&e))
    })
}

/// The JSON Schema of an operation's request body, as JSON text.
#[pyfunction]
fn schema(operation: Text) -> PyResult<String> {
    to_json(&cert_preflight::schema(&operation.0).map_err(input_failure)?)
}

/// The fields a form shows for an operation, as a JSON array.
#[pyfunction]
fn form_fields(operation: Text) -> PyResult<String> {
    to_json(&cert_preflight::form_fields(&operation.0).map_err(input_failure)?)
}

/// A JSON object the Python side serialized (the path parameters, the context), as a map.
fn json_object(text: Option<Text>, name: &str) -> PyResult<serde_json::Map<String, Value>> {
    match text.map(|Text(text)| serde_json::from_str::<Value>(&text)) {
        None => Ok(serde_json::Map::new()),
        Some(Ok(Value::Object(map))) => Ok(map),
        Some(_) => Err(PyTypeError::new_err(format!(
            "{name} must be a JSON object"
        ))),
    }
}

/// Fingerprints of every certificate; `algorithm` `sha1` or `sha256`, `style` `hex` or `colon`.
#[pyfunction]
#[pyo3(signature = (certificate, *, algorithm=None, style=None))]
fn fingerprint(
    py: Python<'_>,
    certificate: &Bound<'_, PyAny>,
    algorithm: Option<Text>,
    style: Option<Text>,
) -> PyResult<String> {
    let certificate = Material::from_py(certificate, "certificate")?;
    let algorithm = algorithm.map_or_else(|| "sha1".to_string(), |Text(name)| name);
    let style = style.map_or_else(|| "hex".to_string(), |Text(name)| name);
    let algorithm = match algorithm.as_str() {
        "sha1" => DigestAlgorithm::Sha1,
        "sha256" => DigestAlgorithm::Sha256,
        other => {
            return Err(failure(
                INVALID_OPTION_VALUE,
                "algorithm",
                format!("algorithm must be \"sha1\" or \"sha256\", got {other:?}"),
            ))
        }
    };
    let style = match style.as_str() {
        "hex" => FingerprintStyle::Hex,
        "colon" => FingerprintStyle::Colon,
        other => {
            return Err(failure(
                INVALID_OPTION_VALUE,
                "style",
                format!("style must be \"hex\" or \"colon\", got {other:?}"),
            ))
        }
    };
    py.detach(|| {
        to_json(&core_fingerprint(
            &certificate.certificate(),
            algorithm,
            style,
        ))
    })
}

/// Every rule as a JSON array; with `operation`, that operation's rules with its error codes.
#[pyfunction]
#[pyo3(signature = (operation=None))]
fn rules(operation: Option<Text>) -> PyResult<String> {
    match operation {
        None => to_json(&cert_preflight::rules()),
        Some(Text(name)) => to_json(&operation_rules(&name).map_err(input_failure)?),
    }
}

/// Every supported operation, as a JSON array.
#[pyfunction]
fn operations() -> PyResult<String> {
    to_json(&cert_preflight::operations())
}

/// The profile names `profile` takes, in order.
#[pyfunction]
fn profiles() -> Vec<&'static str> {
    ProviderProfile::names().map(|(name, _)| name).collect()
}

/// The purpose names `purpose` takes, in order.
#[pyfunction]
fn purposes() -> Vec<&'static str> {
    CertificatePurpose::names().map(|(name, _)| name).collect()
}

fn to_json<T: serde::Serialize>(value: &T) -> PyResult<String> {
    serde_json::to_string(value)
        .map_err(|e| PyValueError::new_err(format!("could not serialize the report: {e}")))
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(check_certificate, m)?)?;
    m.add_function(wrap_pyfunction!(validate_request, m)?)?;
    m.add_function(wrap_pyfunction!(fingerprint, m)?)?;
    m.add_function(wrap_pyfunction!(rules, m)?)?;
    m.add_function(wrap_pyfunction!(operations, m)?)?;
    m.add_function(wrap_pyfunction!(profiles, m)?)?;
    m.add_function(wrap_pyfunction!(purposes, m)?)?;
    m.add_function(wrap_pyfunction!(explain, m)?)?;
    m.add_function(wrap_pyfunction!(schema, m)?)?;
    m.add_function(wrap_pyfunction!(form_fields, m)?)?;
    m.add("InputFailure", m.py().get_type::<InputFailure>())?;
    m.add("CONTEXT_KEYS", cert_preflight::CONTEXT_KEYS.to_vec())?;
    m.add("MAX_REQUEST_BYTES", cert_preflight::MAX_REQUEST_BYTES)?;
    m.add("VERSION", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
