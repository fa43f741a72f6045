//! What an operation changes about findings, as data: severity overrides, rules reported as
//! others, and where a separate chain field's certificates are reported. The sink
//! ([`super::Findings`]) applies them as each finding is made.

use crate::catalog::{Rule, CHAIN_MISORDERED};
use crate::report::Severity;

/// Which findings a policy entry applies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// Every finding of the rule.
    Any,
    /// Only a finding about the leaf certificate (at `{field}/chain/{leaf}`).
    Leaf,
}

/// A rule an operation's provider holds more or less strictly than the catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Override {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub scope: Scope,
}

impl Override {
    /// `rule` is `severity` for every finding of it.
    pub(crate) const fn new(rule: &'static Rule, severity: Severity) -> Override {
        Override {
            rule,
            severity,
            scope: Scope::Any,
        }
    }

    /// The same override, for the leaf's findings only.
    pub(crate) const fn for_leaf(self) -> Override {
        Override {
            scope: Scope::Leaf,
            ..self
        }
    }
}

/// A rule an operation reports as another rule (or as the same rule in its own words), or
/// does not report at all because its own rule says it better (`by: None`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Replacement {
    pub rule: &'static Rule,
    /// The rule reported instead; `None` withholds the finding.
    pub by: Option<&'static Rule>,
    /// Its severity (`None`: the replacing rule's own, or the policy's override of it).
    pub severity: Option<Severity>,
    /// The pointer it is reported at (`None`: where the original was).
    pub path: Option<&'static str>,
    /// What it says (`None`: the original message).
    pub message: Option<&'static str>,
}

impl Replacement {
    /// `rule` is reported as `by`, otherwise as found.
    pub(crate) const fn new(rule: &'static Rule, by: &'static Rule) -> Replacement {
        Replacement {
            rule,
            by: Some(by),
            severity: None,
            path: None,
            message: None,
        }
    }

    /// `rule` is not reported: the operation's own rule covers it.
    pub(crate) const fn withhold(rule: &'static Rule) -> Replacement {
        Replacement {
            by: None,
            ..Replacement::new(rule, rule)
        }
    }

    /// With this severity.
    pub(crate) const fn severity(self, severity: Severity) -> Replacement {
        Replacement {
            severity: Some(severity),
            ..self
        }
    }

    /// Saying this.
    pub(crate) const fn says(self, message: &'static str) -> Replacement {
        Replacement {
            message: Some(message),
            ..self
        }
    }
}

/// What an operation changes about findings, declared beside its error codes. Applied by
/// [`Findings::emit`] to every finding made under it, the certificate core's included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Policy {
    pub overrides: &'static [Override],
    pub replacements: &'static [Replacement],
}

impl Policy {
    /// Every severity this policy can give `rule` (for `rules --operation`).
    pub(crate) fn severities_of(&self, rule: &Rule) -> impl Iterator<Item = Severity> + '_ {
        let id = rule.id;
        let overrides = self
            .overrides
            .iter()
            .filter(move |o| o.rule.id == id)
            .map(|o| o.severity);
        let replacements = self.replacements.iter().filter_map(move |r| match r.by {
            Some(by) if by.id == id => Some(r.severity.unwrap_or(by.severity)),
            _ => None,
        });
        overrides.chain(replacements)
    }
}

/// With a separate chain field (ACM, IAM), where the bundle's certificates are reported: the
/// core numbers the two fields as one bundle, the leaf field's first; a finding about
/// certificate `i >= leaf_blocks` is reported as certificate `i - leaf_blocks` of the chain
/// field, and a repeat of the leaf there is `chain.leaf_in_chain` rather than a duplicate.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct FieldSplit {
    /// The leaf field's pointer.
    pub base: String,
    /// The chain field's pointer.
    pub chain: String,
    /// Certificate blocks in the leaf field.
    pub leaf_blocks: usize,
    /// Bundle positions of the chain field's certificates that repeat a leaf-field one.
    pub leaf_repeats: Vec<usize>,
}

/// The rule that takes the place of `chain.duplicate` for a repeat of the leaf in the chain
/// field, and what it says.
pub(super) const LEAF_IN_CHAIN: &str = "This is the leaf certificate again; the chain field takes only the certificates that issued it (\"Do not copy your certificate into the certificate chain\")";

impl FieldSplit {
    /// Where a finding at `path` is reported, and whether it is about a repeat of the leaf in
    /// the chain field.
    pub(super) fn place(&self, path: &str, rule: &Rule, leaf: Option<&str>) -> (String, bool) {
        // The leaf field holds just the leaf: an order problem is the chain field's.
        let leaf_alone =
            self.leaf_blocks == 1 && leaf == Some(format!("{}/chain/0", self.base).as_str());
        if leaf_alone && rule.id == CHAIN_MISORDERED.id && path == self.base {
            return (self.chain.clone(), false);
        }
        let prefix = format!("{}/chain/", self.base);
        let Some(rest) = path.strip_prefix(prefix.as_str()) else {
            return (path.to_string(), false);
        };
        let (number, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
        let Ok(index) = number.parse::<usize>() else {
            return (path.to_string(), false);
        };
        if index < self.leaf_blocks {
            return (path.to_string(), false);
        }
        let moved = format!("{}/chain/{}{tail}", self.chain, index - self.leaf_blocks);
        (moved, self.leaf_repeats.contains(&index))
    }
}
