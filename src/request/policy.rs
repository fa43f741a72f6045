//! When an operation's findings policy applies: facts of the request body, read before any
//! check runs (the policies themselves, [`Policy`], are declared beside each operation's error
//! codes). Cloudflare holds `chain.root_included` as an error unless `bundle_method` is
//! `force`; Key Vault lets a misordered bundle pass unless `preserveCertOrder` is true.

use serde_json::Value;

use crate::catalog::Rule;
use crate::findings::{Policy, Scope};

/// A fact of the request body a policy depends on.
#[derive(Debug, Clone, Copy)]
pub(crate) enum When {
    /// Whatever the body says.
    Always,
    /// The member (an RFC 6901 pointer) is this string.
    Is(&'static str, &'static str),
    /// The member is not this string (absent counts as not).
    IsNot(&'static str, &'static str),
    /// The member is `true`.
    IsTrue(&'static str),
    /// The member is a string.
    Given(&'static str),
}

impl When {
    /// Whether the fact holds for `root`.
    fn holds(self, root: &Value) -> bool {
        match self {
            When::Always => true,
            When::Is(at, value) => root.pointer(at).and_then(Value::as_str) == Some(value),
            When::IsNot(at, value) => root.pointer(at).and_then(Value::as_str) != Some(value),
            When::IsTrue(at) => root.pointer(at).and_then(Value::as_bool) == Some(true),
            When::Given(at) => root.pointer(at).is_some_and(Value::is_string),
        }
    }
}

/// An operation's policies, each with when it applies. Every policy that holds applies; where
/// two speak of one rule, the first decides.
pub(crate) type Policies = &'static [(When, Policy)];

/// The policies that hold for `root`, in order.
pub(crate) fn active(policies: Policies, root: &Value) -> Vec<Policy> {
    policies
        .iter()
        .filter(|(when, _)| when.holds(root))
        .map(|(_, policy)| *policy)
        .collect()
}

/// `rule` as an operation under `policies` reports it: the severity it always has there (the
/// row's, unless a policy that always applies overrides it) and every other severity it can
/// have (the row's own `also`, and what each conditional policy gives it).
pub(crate) fn listed(rule: &Rule, policies: Policies) -> Rule {
    let always = policies
        .iter()
        .filter(|(when, _)| matches!(when, When::Always))
        .flat_map(|(_, policy)| policy.overrides)
        .find(|o| o.rule.id == rule.id && o.scope == Scope::Any)
        .map(|o| o.severity);
    let severity = always.unwrap_or(rule.severity);
    let mut also = match always {
        Some(_) => rule.also,
        None => rule.also.with(rule.severity),
    };
    for (_, policy) in policies {
        for other in policy.severities_of(rule) {
            also = also.with(other);
        }
    }
    Rule {
        severity,
        also: also.without(severity),
        ..*rule
    }
}
