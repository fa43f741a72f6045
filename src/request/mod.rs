//! Request validation for the five seed operations (SPEC "Operation rules", "Tags",
//! "Resource IDs and regions").
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
use crate::error::InputError;
use crate::findings::Findings;
use crate::input::decode::decode_text;
use crate::report::Report;

mod checks;
mod context;
mod decl;
mod engine;
mod operations;
mod regions;
mod suggest;
mod upload;
mod walk;
mod wire;

pub use context::{RequestContext, CONTEXT_KEYS};
pub use decl::OperationInfo;

/// Largest request body [`validate_request`] parses: 1 MiB. Larger bodies are refused with
/// `request.malformed` before parsing.
pub const MAX_REQUEST_BYTES: usize = 1024 * 1024;

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
/// for Alibaba Cloud, says `InvalidParameter`; Huawei ELB's seed names no code at all). What
/// `cert-preflight rules --operation` lists.
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
            ..*rule
        })
        .collect())
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
/// Text over [`MAX_REQUEST_BYTES`], text that is not JSON (the message gives the parser's line
/// and column), nested deeper than serde_json's limit of 128, or not a JSON object gives a
/// report with `request.malformed`. A leading byte-order mark is ignored. The only error is
/// an unknown operation.
pub fn validate_request(
    operation: &str,
    body: &str,
    context: &RequestContext,
) -> Result<Report, InputError> {
    let declaration = find_declaration(operation)?;
    if body.len() > MAX_REQUEST_BYTES {
        return Ok(too_large(declaration, body.len()));
    }
    let text = body.strip_prefix('\u{feff}').unwrap_or(body);
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Ok(validate_declared(declaration, &value, context)),
        Err(error) => Ok(malformed(declaration, parse_error_message(&error))),
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
    if body.len() > MAX_REQUEST_BYTES {
        return Ok(too_large(declaration, body.len()));
    }
    match decode_text(body) {
        Ok(text) => validate_request(operation, &text, context),
        Err(not_text) => Ok(malformed(declaration, not_text.describe())),
    }
}

/// Validates a request body given as an already-parsed JSON value.
pub fn validate_request_value(
    operation: &str,
    body: &serde_json::Value,
    context: &RequestContext,
) -> Result<Report, InputError> {
    let declaration = find_declaration(operation)?;
    Ok(validate_declared(declaration, body, context))
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

fn validate_declared(
    declaration: &decl::OperationDecl,
    body: &serde_json::Value,
    context: &RequestContext,
) -> Report {
    let walk = engine::run(declaration, body, context);
    let mut report = Report::new(
        declaration.info.id,
        walk.findings.into_diagnostics(&declaration.error_codes),
        walk.certificate,
        walk.normalized,
    );
    report.normalized_fields = walk.normalized_fields.into_iter().collect();
    report
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

fn too_large(declaration: &decl::OperationDecl, bytes: usize) -> Report {
    malformed(
        declaration,
        format!(
            "the request body is {bytes} bytes; bodies over 1 MiB ({MAX_REQUEST_BYTES} bytes) are refused without parsing"
        ),
    )
}

fn malformed(declaration: &decl::OperationDecl, message: String) -> Report {
    let mut findings = Findings::new();
    findings.emit(&catalog::REQUEST_MALFORMED, "", message);
    Report::new(
        declaration.info.id,
        findings.into_diagnostics(&declaration.error_codes),
        None,
        None,
    )
}

fn unknown(name: &str) -> InputError {
    InputError::UnknownOperation {
        name: name.to_string(),
        known: operations()
            .iter()
            .map(|o| o.id)
            .collect::<Vec<_>>()
            .join(", "),
    }
}
