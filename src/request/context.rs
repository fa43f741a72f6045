//! What the caller knows that a request body does not carry.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::error::InputError;
use crate::time::Timestamp;

/// Caller context for a request: path parameters and facts the body does not carry.
///
/// The CLI's `--context FILE` and the npm options set the same keys through
/// [`RequestContext::set`], so a key means the same everywhere.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
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
    /// The service that will use the certificate (ACM, IAM: `cloudfront`, `alb`, ...), which
    /// may narrow the accepted keys or the path (TARGETS §1, §2).
    pub service: Option<String>,
    /// PEM of the certificate an ACM re-import replaces (TARGETS §1: a re-import may not add
    /// a key usage the previous certificate lacked).
    pub previous_certificate: Option<String>,
    /// Server certificate names that already exist in the account (IAM: `name.already_exists`).
    pub existing_names: Vec<String>,
    /// `global` or `regional` (GCP: the key types accepted differ, TARGETS §3).
    pub endpoint: Option<String>,
    /// The zone's name (Cloudflare: a SAN must be the zone or under it, TARGETS §5).
    pub zone_name: Option<String>,
    /// Whether the zone uses Bring Your Own IP (Cloudflare: `legacy_custom` does not work then).
    pub byoip: Option<bool>,
    /// Host names that will be served with the certificate (Kubernetes Ingress `spec.tls.hosts`).
    pub hosts: Vec<String>,
    /// PEM of the caller's own trust anchors, for certificates in the body (a private CA).
    pub roots: Option<String>,
    /// Whether Mozilla's root store counts as trust anchors (true unless the caller says not).
    pub public_roots: bool,
    /// Who the certificates in the body are for (`audience`: `auto`, `public`, `private`).
    pub audience: crate::context::Audience,
    /// The instant at which certificate validity is judged.
    pub now: Timestamp,
    /// `cert.expires_soon` fires when the leaf expires within this many days.
    pub expiry_warning_days: u32,
    /// Who verifies the signatures of certificates in the body; `None` is ring.
    pub verifier: Option<crate::verifier::SharedVerifier>,
    /// The caller takes the key re-encoded for the operation
    /// ([`validate_request_bytes_with_key_fix`](crate::validate_request_bytes_with_key_fix)).
    pub(crate) fix_key: Option<crate::rules::key::KeyFixer>,
    /// The password of an encrypted private key in the body
    /// ([`RequestContext::set_key_password`]); wiped on drop, redacted in `Debug`.
    pub(crate) key_password: Option<KeyPassword>,
}

/// A key password held by a [`RequestContext`]: wiped when dropped, never shown by `Debug`.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct KeyPassword(pub(crate) zeroize::Zeroizing<String>);

impl std::fmt::Debug for KeyPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Every key [`RequestContext::set`] takes, in the order the documentation lists them.
pub const CONTEXT_KEYS: &[&str] = &[
    "certificate",
    "listener_protocol",
    "default_certificate_id",
    "in_use",
    "service",
    "previous_certificate",
    "existing_names",
    "endpoint",
    "zone_name",
    "byoip",
    "hosts",
    "roots",
    "no_public_roots",
    "audience",
];

impl RequestContext {
    /// A context with no path parameters and no caller facts, judged at `now`.
    pub fn new(now: Timestamp) -> Self {
        RequestContext {
            path_params: BTreeMap::new(),
            certificate: None,
            listener_protocol: None,
            default_certificate_id: None,
            in_use: None,
            service: None,
            previous_certificate: None,
            existing_names: Vec::new(),
            endpoint: None,
            zone_name: None,
            byoip: None,
            hosts: Vec::new(),
            roots: None,
            public_roots: true,
            audience: crate::context::Audience::Auto,
            now,
            expiry_warning_days: crate::context::DEFAULT_EXPIRY_WARNING_DAYS,
            verifier: None,
            fix_key: None,
            key_password: None,
        }
    }

    /// The password of an encrypted private key in the body: the key is then decrypted and
    /// checked like an unencrypted one, and
    /// [`validate_request_bytes_with_key_fix`](crate::validate_request_bytes_with_key_fix)
    /// hands it back unencrypted, as
    /// [`CertificateInput::key_password`](crate::CertificateInput::key_password) does for a
    /// certificate check. Kept wiped on drop and never shown (`Debug` redacts it); not a
    /// context key, so that it never travels in a context file. Not used in a build without
    /// the `encrypted-keys` feature.
    pub fn set_key_password(&mut self, password: &str) {
        self.key_password = Some(KeyPassword(zeroize::Zeroizing::new(password.to_string())));
    }

    /// Sets one caller-context key from its JSON value, as the CLI's `--context` file and the
    /// npm options give it. `null` leaves the key unset. Strings for text keys, `true`/`false`
    /// for `in_use`, `byoip` and `no_public_roots`, arrays of strings for `existing_names` and
    /// `hosts` (a single string is taken as a one-item list).
    ///
    /// ```
    /// use cert_preflight::{RequestContext, Timestamp};
    /// let mut ctx = RequestContext::new(Timestamp::parse_rfc3339("2026-12-01T00:00:00Z").unwrap());
    /// ctx.set("zone_name", &serde_json::json!("example.com")).unwrap();
    /// ctx.set("hosts", &serde_json::json!(["shop.example.com"])).unwrap();
    /// assert_eq!(ctx.zone_name.as_deref(), Some("example.com"));
    /// assert!(ctx.set("in_use", &serde_json::json!("yes")).is_err());
    /// assert!(ctx.set("zone", &serde_json::json!("example.com")).is_err());
    /// ```
    pub fn set(&mut self, key: &str, value: &Value) -> Result<(), InputError> {
        let invalid = |reason: &str| InputError::InvalidContext {
            key: key.to_string(),
            reason: reason.to_string(),
        };
        if value.is_null() {
            return Ok(());
        }
        let text = || {
            value
                .as_str()
                .map(str::to_string)
                .ok_or_else(|| invalid("must be a string"))
        };
        let flag = || {
            value
                .as_bool()
                .ok_or_else(|| invalid("must be true or false"))
        };
        let list = || -> Result<Vec<String>, InputError> {
            match value {
                Value::String(one) => Ok(vec![one.clone()]),
                Value::Array(items) => items
                    .iter()
                    .map(|item| {
                        item.as_str()
                            .map(str::to_string)
                            .ok_or_else(|| invalid("must be an array of strings"))
                    })
                    .collect(),
                _ => Err(invalid("must be an array of strings")),
            }
        };
        match key {
            "certificate" => self.certificate = Some(text()?),
            "listener_protocol" => self.listener_protocol = Some(text()?),
            "default_certificate_id" => self.default_certificate_id = Some(text()?),
            "in_use" => self.in_use = Some(flag()?),
            "service" => self.service = Some(text()?),
            "previous_certificate" => self.previous_certificate = Some(text()?),
            "existing_names" => self.existing_names = list()?,
            "endpoint" => {
                let endpoint = text()?;
                if !matches!(endpoint.as_str(), "global" | "regional") {
                    return Err(invalid("must be \"global\" or \"regional\""));
                }
                self.endpoint = Some(endpoint);
            }
            "zone_name" => self.zone_name = Some(text()?),
            "byoip" => self.byoip = Some(flag()?),
            "hosts" => self.hosts = list()?,
            "roots" => self.roots = Some(text()?),
            "no_public_roots" => self.public_roots = !flag()?,
            "audience" => {
                self.audience = crate::context::Audience::from_name(&text()?)
                    .ok_or_else(|| invalid("must be \"auto\", \"public\" or \"private\""))?;
            }
            _ => {
                return Err(InputError::InvalidContext {
                    key: crate::text::redact::quotable(key),
                    reason: format!(
                        "is not a context key; expected one of {}",
                        CONTEXT_KEYS.join(", ")
                    ),
                })
            }
        }
        Ok(())
    }
}
