//! What the caller knows that a request body does not carry.

use std::collections::BTreeMap;

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
            expiry_warning_days: crate::context::DEFAULT_EXPIRY_WARNING_DAYS,
        }
    }
}
