//! Request validation for the five seed operations.
//!
//! STUB: interface fixed, implementation in progress.

use std::collections::BTreeMap;

use crate::error::InputError;
use crate::report::Report;
use crate::time::Timestamp;

/// Caller context for a request: path parameters and facts the body does not carry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RequestContext {
    /// Path parameters such as `project_id` and `certificate_id`.
    pub path_params: BTreeMap<String, String>,
    /// PEM of the certificate the request refers to (APIG: to check domain coverage).
    pub certificate: Option<String>,
    /// The listener's protocol (`HTTP`, `HTTPS`, `QUIC`).
    pub listener_protocol: Option<String>,
    /// The listener's default certificate id.
    pub default_certificate_id: Option<String>,
    /// Whether a listener uses the certificate (ELB: clearing its domain then fails with 409).
    pub in_use: Option<bool>,
    /// The instant at which certificate validity is judged.
    pub now: Timestamp,
    /// `cert.expires_soon` fires when the leaf expires within this many days.
    pub expiry_warning_days: u32,
}

impl RequestContext {
    /// A context with no path parameters and no caller facts, judged at `now`.
    pub fn new(now: Timestamp) -> Self {
        RequestContext {
            path_params: BTreeMap::new(),
            certificate: None,
            listener_protocol: None,
            default_certificate_id: None,
            in_use: None,
            now,
            expiry_warning_days: crate::check::DEFAULT_EXPIRY_WARNING_DAYS,
        }
    }
}

/// One supported operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
pub struct OperationInfo {
    /// Stable id, e.g. `alibaba.alb.create-listener`.
    pub id: &'static str,
    /// The provider's action name, accepted as an alias, e.g. `CreateListener`.
    pub action: &'static str,
    /// The seed document the operation's rules come from.
    pub seed: &'static str,
    /// One line saying what the operation does.
    pub summary: &'static str,
}

/// Every supported operation.
pub fn operations() -> &'static [OperationInfo] {
    &[]
}

/// Finds an operation by id or provider action name (case-insensitive).
pub fn find_operation(name: &str) -> Option<&'static OperationInfo> {
    operations()
        .iter()
        .find(|o| o.id.eq_ignore_ascii_case(name) || o.action.eq_ignore_ascii_case(name))
}

/// Validates a request body given as JSON text.
pub fn validate_request(
    operation: &str,
    _body: &str,
    _context: &RequestContext,
) -> Result<Report, InputError> {
    Err(unknown(operation))
}

/// Validates a request body given as an already-parsed JSON value.
pub fn validate_request_value(
    operation: &str,
    _body: &serde_json::Value,
    _context: &RequestContext,
) -> Result<Report, InputError> {
    Err(unknown(operation))
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
