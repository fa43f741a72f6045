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

use crate::error::InputError;
use crate::findings::Findings;
use crate::report::Report;
use crate::rules::catalog;

mod checks;
mod context;
mod decl;
mod engine;
mod operations;
mod regions;
mod suggest;
mod walk;

pub use context::RequestContext;
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
        return Ok(malformed(
            declaration,
            format!(
                "the request body is {} bytes; bodies over 1 MiB ({MAX_REQUEST_BYTES} bytes) are refused without parsing",
                body.len()
            ),
        ));
    }
    let text = body.strip_prefix('\u{feff}').unwrap_or(body);
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => Ok(validate_declared(declaration, &value, context)),
        Err(error) => Ok(malformed(declaration, parse_error_message(&error))),
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

fn validate_declared(
    declaration: &decl::OperationDecl,
    body: &serde_json::Value,
    context: &RequestContext,
) -> Report {
    let walk = engine::run(declaration, body, context);
    Report::new(
        declaration.info.id,
        walk.findings.into_diagnostics(&declaration.error_codes),
        walk.certificate,
        walk.normalized,
    )
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
