//! The state of one request validation, shared by the engine, the declarations' value checks
//! and the cross-field checks: the body, the caller's context, and the findings so far.
//!
//! Also the RFC 6901 pointer helpers every part of request validation writes paths with.

use serde_json::Value;

use super::context::RequestContext;
use super::policy::{active, Policies};
use crate::catalog::Rule;
use crate::findings::Findings;
use crate::model::key_encoding::ConvertedKey;
use crate::report::CertificateSummary;
use crate::report::Severity;

/// The state of one validation: the request, the caller's context, and what was found.
pub(crate) struct Walk<'a> {
    /// The request body (an object).
    pub root: &'a Value,
    /// Path parameters and caller facts.
    pub ctx: &'a RequestContext,
    /// Every finding so far. The operation's error codes are applied when the report is built.
    pub findings: Findings,
    /// Facts of a certificate checked by a cross-field rule.
    pub certificate: Option<CertificateSummary>,
    /// The certificate field rewritten by the core, when it fixes something.
    pub normalized: Option<String>,
    /// Normalized values of separate leaf and chain fields, by JSON pointer.
    pub normalized_fields: Vec<(String, String)>,
    /// The key re-encoded for the operation, when the caller asked for it (never in the
    /// report).
    pub normalized_key: Option<ConvertedKey>,
}

impl<'a> Walk<'a> {
    /// A walk of `root` with nothing found yet; findings are made under the `policies` that
    /// hold for `root`.
    pub(crate) fn new(root: &'a Value, ctx: &'a RequestContext, policies: Policies) -> Self {
        Walk {
            root,
            ctx,
            findings: Findings::with_policies(active(policies, root)),
            certificate: None,
            normalized: None,
            normalized_fields: Vec::new(),
            normalized_key: None,
        }
    }

    /// Records `rule` at `path` (see [`Findings::emit`]).
    pub(crate) fn emit(&mut self, rule: &'static Rule, path: &str, message: impl Into<String>) {
        self.findings.emit(rule, path, message);
    }

    /// Records `rule` with the severity its context decides (see [`Findings::emit_as`]).
    pub(crate) fn emit_as(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        path: &str,
        message: impl Into<String>,
    ) {
        self.findings.emit_as(rule, severity, path, message);
    }

    /// Records `rule` for a problem the normalized output resolves (see
    /// [`Findings::emit_resolved`]).
    pub(crate) fn emit_resolved(
        &mut self,
        rule: &'static Rule,
        path: &str,
        message: impl Into<String>,
    ) {
        self.findings.emit_resolved(rule, path, message);
    }
}

/// Where path parameters are reported: `/path/<name>`.
pub(crate) const PATH_BASE: &str = "/path";

/// Escapes one reference token per RFC 6901 (`~` as `~0`, `/` as `~1`).
pub(crate) fn escape_token(token: &str) -> String {
    token.replace('~', "~0").replace('/', "~1")
}

/// `base` + `/` + the escaped `token`.
pub(crate) fn child(base: &str, token: &str) -> String {
    format!("{base}/{}", escape_token(token))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(escape_token("a/b~c"), "a~1b~0c");
        assert_eq!(child("/Tag", "0"), "/Tag/0");
    }
}
