//! Request validation for every declared operation: the five seed operations (SPEC "Operation
//! rules", "Tags", "Resource IDs and regions") and the six of TARGETS.md.
//!
//! Each operation's parameters are declared as data in `operations/<operation>.rs`, read like
//! the seed's parameter table (`decl.rs` is the vocabulary). One engine (`engine.rs`) walks a
//! JSON body against a declaration and emits the generic `request.*` rules with RFC 6901 JSON
//! pointer paths; cross-field rules are small functions beside each declaration; certificate
//! fields go through the certificate core.
//!
//! Paths: body fields are pointers into the body (`/DefaultActions/0/Type`); path parameters
//! are reported at `/path/<name>` (`/path/project_id`); a certificate given as caller context
//! at `/context/certificate`. A problem with the whole body (not JSON, not an object, too deep
//! or too large) is `request.malformed` at the empty pointer `""`.
//!
//! ```
//! use cert_preflight::{validate_request, RequestContext, Timestamp};
//! let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
//! let report = validate_request(
//!     "CreateListener",
//!     r#"{"LoadBalancerId": "alb-n5qw04uq8vavfe****", "ListenerProtocol": "HTTP",
//!         "ListenerPort": 0, "DefaultActions": [{"Type": "ForwardGroup",
//!         "ForwardGroupConfig": {"ServerGroupTuples": [{"ServerGroupId": "sgp-8ilqs4axp6"}]}}]}"#,
//!     &RequestContext::new(now),
//! )
//! .unwrap();
//! assert!(!report.valid);
//! assert_eq!(report.diagnostics[0].path, "/ListenerPort");
//! assert_eq!(report.diagnostics[0].rule, "request.out_of_range");
//! ```

use crate::catalog::{self, Rule};
use crate::check::NormalizedKey;
use crate::error::InputError;
use crate::findings::Findings;
use crate::input::decode::decode_text;
use crate::model::key_encoding::ConvertedKey;
use crate::report::Report;

mod checks;
mod context;
mod decl;
mod engine;
mod explain;
mod form;
mod operations;
mod policy;
mod regions;
mod schema;
mod suggest;
mod upload;
mod walk;
mod wire;

pub use context::{RequestContext, CONTEXT_KEYS};
pub use decl::{FieldRole, OperationInfo};
pub use explain::{Cause, Explanation};
pub use form::{form_fields, FieldKind, FormField};

/// Largest request body [`validate_request`] parses for an operation whose own limits need no
/// more: 1 MiB. An operation whose fields may hold more (an IAM chain of 2,097,152 characters,
/// a Kubernetes Secret's 1 MiB of decoded data given as base64) raises it to what its limits
/// allow. Larger bodies are refused with `request.malformed` before parsing.
pub const MAX_REQUEST_BYTES: usize = decl::DEFAULT_BODY_CAP;

/// Every supported operation, in seed order.
pub fn operations() -> &'static [OperationInfo] {
    operations::INFOS
}

/// Finds an operation by id, provider action name or alias (case-insensitive).
pub fn find_operation(name: &str) -> Option<&'static OperationInfo> {
    let name = name.trim();
    operations().iter().find(|o| {
        o.id.eq_ignore_ascii_case(name)
            || o.action.eq_ignore_ascii_case(name)
            || o.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
    })
}

/// Every rule as `operation` reports it: each catalogue row with the error code that
/// operation's provider answers it with (APIG answers `APIG.2012` where the catalogue, written
/// for Alibaba Cloud, says `InvalidParameter`; Huawei ELB's seed names no code at all) and the
/// severities its policy gives it (Cloudflare holds `chain.root_included` as an error). What
/// `cert-preflight rules --operation` lists; a report of the operation holds nothing else.
///
/// ```
/// use cert_preflight::operation_rules;
/// let apig = operation_rules("huawei.apig.attach-certificate-domains").unwrap();
/// let label = apig.iter().find(|r| r.id == "domain.label_invalid").unwrap();
/// assert_eq!(label.api_error, Some("APIG.2012"));
/// assert!(operation_rules("no.such-operation").is_err());
/// ```
pub fn operation_rules(operation: &str) -> Result<Vec<Rule>, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(crate::catalog::rules()
        .iter()
        .map(|rule| Rule {
            api_error: declaration.error_codes.for_rule(rule),
            ..policy::listed(rule, declaration.policies)
        })
        .collect())
}

/// A JSON Schema (draft 2020-12) of `operation`'s request body, generated from its
/// declaration, with its path parameters under `$defs/path`: types, required and
/// conditionally required members, enums, length, item and integer limits, character
/// patterns, `readOnly` for output-only members. It rejects what the declaration makes an
/// error and nothing that is only a warning, so a body that `validate_request` finds without
/// errors validates. What `cert-preflight operations --schema` prints.
///
/// ```
/// let schema = cert_preflight::schema("iam:UploadServerCertificate").unwrap();
/// assert_eq!(schema["$schema"], "https://json-schema.org/draft/2020-12/schema");
/// assert_eq!(schema["properties"]["ServerCertificateName"]["maxLength"], 128);
/// assert!(cert_preflight::schema("no.such-operation").is_err());
/// ```
pub fn schema(operation: &str) -> Result<serde_json::Value, InputError> {
    Ok(schema::operation_schema(find_declaration(operation)?))
}

/// What a provider's answer (an error code, or the text of its message) means for `operation`:
/// the rules that lead to it, from the error codes that operation's reports carry and a table
/// of known misleading messages with their sources. What `cert-preflight explain` prints.
///
/// ```
/// let why = cert_preflight::explain(
///     "acm:ImportCertificate",
///     "Unable to validate certificate chain. The index within the chain of the invalid certificate is: -1",
/// )
/// .unwrap();
/// assert_eq!(why.causes[0].rule, "chain.incomplete");
/// ```
pub fn explain(operation: &str, error: &str) -> Result<Explanation, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(Explanation {
        operation: declaration.info.id,
        error: error.to_string(),
        causes: explain::causes(declaration, error),
        checked: false,
    })
}

/// [`explain`], then the request `body` (JSON text, as [`validate_request`] reads it) is
/// checked and each cause says whether it applies, with its findings.
pub fn explain_request(
    operation: &str,
    error: &str,
    body: &str,
    context: &RequestContext,
) -> Result<Explanation, InputError> {
    let mut explanation = explain(operation, error)?;
    let report = validate_request(operation, body, context)?;
    explain::mark(&mut explanation.causes, &report);
    explanation.checked = true;
    Ok(explanation)
}

fn find_declaration(name: &str) -> Result<&'static decl::OperationDecl, InputError> {
    let info = find_operation(name).ok_or_else(|| unknown(name))?;
    operations::DECLARATIONS
        .iter()
        .find(|d| d.info.id == info.id)
        .ok_or_else(|| unknown(name))
}

/// Validates a request body given as JSON text.
///
/// Text over the operation's size bound ([`MAX_REQUEST_BYTES`], or more where the operation's
/// own field limits allow more), text that is not JSON (the message gives the parser's line
/// and column), nested deeper than serde_json's limit of 128, or not a JSON object gives a
/// report with `request.malformed`. A leading byte-order mark is ignored. The only error is
/// an unknown operation.
pub fn validate_request(
    operation: &str,
    body: &str,
    context: &RequestContext,
) -> Result<Report, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(validate_text(declaration, body, context).0)
}

/// The report of a body given as JSON text, and the key the check re-encoded, if any.
fn validate_text(
    declaration: &'static decl::OperationDecl,
    body: &str,
    context: &RequestContext,
) -> (Report, Option<ConvertedKey>) {
    if body.len() > declaration.max_body_bytes {
        let cap = declaration.max_body_bytes;
        return (
            too_large(declaration, ("body", "bodies"), body.len(), cap),
            None,
        );
    }
    let text = body.strip_prefix('\u{feff}').unwrap_or(body);
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => validate_declared(declaration, &value, context),
        Err(error) => (malformed(declaration, parse_error_message(&error)), None),
    }
}

/// Validates a request body given as the bytes of a file: UTF-8 (a byte-order mark is
/// skipped) or UTF-16 with its byte-order mark (what Windows PowerShell 5.1's `>` writes).
/// Bytes that are not text in that encoding give a report with `request.malformed` naming
/// the offset of the first bad byte, as for any other body that is not JSON.
///
/// ```
/// use cert_preflight::{validate_request_bytes, RequestContext, Timestamp};
/// let ctx = RequestContext::new(Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap());
/// let utf16: Vec<u8> = [0xFF, 0xFE].into_iter()
///     .chain("{}".encode_utf16().flat_map(u16::to_le_bytes)).collect();
/// let report = validate_request_bytes("UploadCACertificate", &utf16, &ctx).unwrap();
/// assert!(report.diagnostics.iter().all(|d| d.rule != "request.malformed"));
/// let broken = validate_request_bytes("UploadCACertificate", b"{\"RegionId\": \"\xFF\"}", &ctx).unwrap();
/// assert_eq!(broken.diagnostics[0].rule, "request.malformed");
/// assert!(broken.diagnostics[0].message.contains("offset 14"));
/// ```
pub fn validate_request_bytes(
    operation: &str,
    body: &[u8],
    context: &RequestContext,
) -> Result<Report, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(validate_bytes(declaration, body, context).0)
}

/// [`validate_request_bytes`], and the private key in the encoding the operation takes, when
/// that differs from what the body gives and the change is mechanical: PKCS#8 for Azure Key
/// Vault (`key.not_pkcs8`; the key alone: `value` is the certificates and this key
/// together), PKCS#8 without the `EC PARAMETERS` block for ACM and Cloudflare
/// (`key.ec_parameters_block`). Those diagnostics say `fixed` here, and only here: the report
/// never carries the key. An encrypted key is handed back (unencrypted) only when
/// [`RequestContext::set_key_password`] opens it.
pub fn validate_request_bytes_with_key_fix(
    operation: &str,
    body: &[u8],
    context: &RequestContext,
) -> Result<(Report, Option<NormalizedKey>), InputError> {
    let declaration = find_declaration(operation)?;
    let mut asked = context.clone();
    asked.fix_key = Some(crate::rules::key::KeyFixer::CONVERT);
    let (report, key) = validate_bytes(declaration, body, &asked);
    Ok((report, key.map(NormalizedKey::from)))
}

/// The report of a body given as file bytes, and the key the check re-encoded, if any.
fn validate_bytes(
    declaration: &'static decl::OperationDecl,
    body: &[u8],
    context: &RequestContext,
) -> (Report, Option<ConvertedKey>) {
    // UTF-16 takes up to twice the bytes of the same text; the text is measured again after.
    if body.len() > declaration.max_body_bytes.saturating_mul(2) {
        let cap = declaration.max_body_bytes;
        return (
            too_large(declaration, ("body", "bodies"), body.len(), cap),
            None,
        );
    }
    match decode_text(body) {
        Ok(text) => validate_text(declaration, &text, context),
        Err(not_text) => (malformed(declaration, not_text.describe()), None),
    }
}

/// Validates a request body given as an already-parsed JSON value.
pub fn validate_request_value(
    operation: &str,
    body: &serde_json::Value,
    context: &RequestContext,
) -> Result<Report, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(validate_declared(declaration, body, context).0)
}

/// The JSON body a query-style request stands for: IAM's form-encoded body (boto3's awsQuery
/// `Tags.member.1.Key=env`) or Alibaba Cloud's flattened RPC parameters (the Tea SDKs'
/// `Tag.1.Key=env&DryRun=True`), typed by the operation's declared parameters. `query` is the
/// query string or body text, or a whole URL. Validate the result with
/// [`validate_request_value`]; diagnostics then point into the JSON form (`Tag.1.Key` is
/// `/Tag/0/Key`). The only error is an unknown operation.
///
/// ```
/// use cert_preflight::request_from_query;
/// let body = request_from_query("UploadCACertificate", "RegionId=cn-hangzhou&Tag.1.Key=env").unwrap();
/// assert_eq!(body, serde_json::json!({"RegionId": "cn-hangzhou", "Tag": [{"Key": "env"}]}));
/// let iam = request_from_query("iam:UploadServerCertificate",
///     "Action=UploadServerCertificate&Version=2010-05-08&Tags.member.1.Key=env").unwrap();
/// assert_eq!(iam, serde_json::json!({"Tags": [{"Key": "env"}]}));
/// ```
pub fn request_from_query(operation: &str, query: &str) -> Result<serde_json::Value, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(wire::body_from_query(
        &declaration.info,
        declaration.body,
        query,
    ))
}

/// [`request_from_query`], then [`validate_request_value`]: a query-style request (IAM's form
/// body, Alibaba Cloud's URL query, or a whole URL) checked as the JSON body it stands for.
/// Text over the operation's bound for this form is refused with `request.malformed` before
/// it is read: the same field limits as the JSON bound, counted as percent-encoding writes
/// them (see `OperationDecl::max_query_bytes`). The only error is an unknown operation.
///
/// ```
/// use cert_preflight::{validate_request_query, RequestContext, Timestamp};
/// let ctx = RequestContext::new(Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap());
/// let report = validate_request_query("UploadCACertificate", "RegionId=cn-hangzhou&Tag.1.Key=aliyun:x", &ctx).unwrap();
/// assert!(report.diagnostics.iter().any(|d| d.path == "/Tag/0/Key"));
/// ```
pub fn validate_request_query(
    operation: &str,
    query: &str,
    context: &RequestContext,
) -> Result<Report, InputError> {
    let declaration = find_declaration(operation)?;
    let cap = declaration.max_query_bytes();
    if query.len() > cap {
        let form = ("query", "queries");
        return Ok(too_large(declaration, form, query.len(), cap));
    }
    let body = wire::body_from_query(&declaration.info, declaration.body, query);
    Ok(validate_declared(declaration, &body, context).0)
}

fn validate_declared(
    declaration: &decl::OperationDecl,
    body: &serde_json::Value,
    context: &RequestContext,
) -> (Report, Option<ConvertedKey>) {
    let walk = engine::run(declaration, body, context);
    let mut report = Report::new(
        declaration.info.id,
        walk.findings.into_diagnostics(&declaration.error_codes),
        walk.certificate,
        walk.normalized,
    );
    report.normalized_fields = walk.normalized_fields.into_iter().collect();
    (report, walk.normalized_key)
}

fn parse_error_message(error: &serde_json::Error) -> String {
    let (line, column) = (error.line(), error.column());
    let text = error.to_string();
    let what = text
        .split(" at line ")
        .next()
        .unwrap_or(text.as_str())
        .to_string();
    if what.starts_with("recursion limit exceeded") {
        format!(
            "the request body is nested too deeply (more than 128 levels) at line {line}, column {column}"
        )
    } else if error.is_eof() {
        format!("the request body is not valid JSON: it ends early ({what}) at line {line}, column {column}")
    } else {
        format!("the request body is not valid JSON: {what} at line {line}, column {column}")
    }
}

/// `request.malformed` for a request of `bytes` over `cap`, refused before it is read; `what`
/// is the form's name and its plural (`("body", "bodies")`, `("query", "queries")`).
fn too_large(
    declaration: &decl::OperationDecl,
    (what, plural): (&str, &str),
    bytes: usize,
    cap: usize,
) -> Report {
    let bound = if cap == MAX_REQUEST_BYTES {
        format!("1 MiB ({MAX_REQUEST_BYTES} bytes)")
    } else {
        format!("{cap} bytes (what this operation's own field limits allow)")
    };
    malformed(
        declaration,
        format!("the request {what} is {bytes} bytes; {plural} over {bound} are refused without parsing"),
    )
}

fn malformed(declaration: &decl::OperationDecl, message: String) -> Report {
    let mut findings = Findings::new();
    findings.emit(catalog::REQUEST_MALFORMED, "", message);
    Report::new(
        declaration.info.id,
        findings.into_diagnostics(&declaration.error_codes),
        None,
        None,
    )
}

fn unknown(name: &str) -> InputError {
    InputError::UnknownOperation {
        name: crate::text::redact::quotable(name),
        known: operations()
            .iter()
            .map(|o| o.id)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
