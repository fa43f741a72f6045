//! Rules: constant metadata ([`Rule`], listed in [`catalog::RULES`]) and the pure checks that
//! emit them over the parsed model.
//!
//! The checks are grouped by what they read: `pem` (the scanned text), `chain` (the parsed
//! certificates as a set), `certificate` (each certificate alone), `key` (the private key
//! against the leaf), `domain` (names and their coverage by the leaf).

use serde::Serialize;

use crate::report::Severity;

pub(crate) use material::{fingerprint_field, run_material_rules};

pub(crate) mod case;
pub(crate) mod catalog;
pub(crate) mod certificate;
pub(crate) mod chain;
pub(crate) mod chain_end;
pub(crate) mod domain;
pub(crate) mod key;
pub(crate) mod key_hints;
pub(crate) mod material;
pub(crate) mod pem;

/// A rule's constant metadata. The check that emits it is a pure function over the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Rule {
    /// Stable id, e.g. `chain.misordered`. Part of the public contract.
    pub id: &'static str,
    /// Default severity (a few rules escalate in some contexts; the summary says when).
    pub severity: Severity,
    /// Where the constraint comes from: a seed document, a standard, or provider practice.
    pub source: &'static str,
    /// The provider's error code for this rule, where a seed names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_error: Option<&'static str>,
    /// One line saying what the rule checks.
    pub summary: &'static str,
}

/// Every rule the project checks, in catalogue order.
pub fn rules() -> &'static [Rule] {
    catalog::RULES
}

/// Looks a rule up by its id.
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    catalog::RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() -> Result<(), Box<dyn std::error::Error>> {
        let mut seen = std::collections::BTreeSet::new();
        for r in rules() {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            let (group, name) = r.id.split_once('.').ok_or("an id without a dot")?;
            assert!(!group.is_empty() && !name.is_empty(), "{}", r.id);
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
                "{}",
                r.id
            );
            assert!(!r.summary.is_empty() && !r.source.is_empty(), "{}", r.id);
        }
        assert_eq!(
            find_rule("chain.misordered").map(|r| r.id),
            Some("chain.misordered")
        );
        assert!(find_rule("no.such_rule").is_none());
        Ok(())
    }
}
