//! The one place a finding is made.
//!
//! Every rule, whether it reads certificate material or a request body, records what it finds
//! through [`Findings::emit`]. A finding keeps its catalogue row (`&'static Rule`), so what the
//! rule table says about a rule (its severity, whether the normalized output fixes it, its error
//! code) is applied from the table, not retyped at each call.
//!
//! A finding is final when it is made. What an operation changes about the core's findings (a
//! severity its provider holds differently, a rule it reports as another, where a separate
//! chain field's certificates are reported) is declared as data ([`Policy`], [`FieldSplit`])
//! and applied here, inside `emit`, before the finding exists: zlint's `CheckApplies`, where
//! the policy is known before the check runs. Nothing edits a finding afterwards, so what
//! `cert-preflight rules --operation X` lists is what a report of X can contain.
//!
//! The provider's error code is applied in one place, [`Findings::into_diagnostics`], when the
//! report is built: the rule's own code, or the one the operation declares for it
//! ([`ErrorCodes`]).

use crate::catalog::{
    Rule, CHAIN_DUPLICATE, CHAIN_LEAF_IN_CHAIN, CHAIN_TOO_DEEP, GENERIC_PARAMETER_ERROR,
};

mod policy;

use crate::report::{Diagnostic, Severity};
use policy::LEAF_IN_CHAIN;
pub(crate) use policy::{FieldSplit, Override, Policy, Replacement, Scope};

/// One finding before it becomes a public [`Diagnostic`]. It has no setters: its rule,
/// severity and pointer are decided inside [`Findings::emit`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    rule: &'static Rule,
    severity: Severity,
    path: String,
    message: String,
    /// The caller said the normalized output resolves this occurrence; the report says
    /// `fixed` only where the rule's row agrees.
    resolved: bool,
}

#[cfg(test)]
impl Finding {
    /// The rule this finding is of.
    pub(crate) fn rule(&self) -> &'static Rule {
        self.rule
    }
}

/// A stretch of findings the normalized output resolves, declared to the sink once the
/// normalized output exists (the findings themselves are not touched).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Resolved {
    from: usize,
    to: usize,
    /// `chain.too_deep` is resolved only when the normalized bundle is within the limit.
    too_deep: bool,
}

/// The findings of one check, in the order they were made, and the policy they are made under.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Findings {
    found: Vec<Finding>,
    policies: Vec<Policy>,
    split: Option<FieldSplit>,
    /// The leaf's pointer (`{field}/chain/{i}`), once the chain analysis has chosen it.
    leaf: Option<String>,
    resolved: Vec<Resolved>,
}

impl Findings {
    /// No findings yet, nothing changed.
    pub(crate) fn new() -> Self {
        Findings::default()
    }

    /// No findings yet; each finding made under `policies` (the first that speaks of a rule
    /// decides).
    pub(crate) fn with_policies(policies: Vec<Policy>) -> Self {
        Findings {
            policies,
            ..Findings::default()
        }
    }

    /// The policies findings are made under, for a check that collects its own findings (the
    /// certificate core run by an operation).
    pub(crate) fn policies(&self) -> Vec<Policy> {
        self.policies.clone()
    }

    /// From now on, findings about the bundle's certificates are reported per field.
    pub(crate) fn split_fields(&mut self, split: FieldSplit) {
        self.split = Some(split);
    }

    /// The chain analysis chose the leaf: certificate `index` of the field at `base`. A policy
    /// entry for the leaf only applies from now on.
    pub(crate) fn leaf_chosen(&mut self, base: &str, index: usize) {
        self.leaf = Some(format!("{base}/chain/{index}"));
    }

    /// Records `rule` at `path` (an RFC 6901 pointer) with the severity the policy or the
    /// rule's row gives it.
    pub(crate) fn emit(
        &mut self,
        rule: &'static Rule,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.make(rule, None, path.into(), message.into(), false);
    }

    /// Records `rule` with a severity its context decides (a region id that is the request's
    /// own `RegionId`, a domain field over the prose limit). The catalogue row lists it among
    /// the rule's severities (`also`); an operation's policy still has the last word.
    pub(crate) fn emit_as(
        &mut self,
        rule: &'static Rule,
        severity: Severity,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.make(rule, Some(severity), path.into(), message.into(), false);
    }

    /// Records `rule` for a problem the report's normalized output resolves; the report says
    /// `fixed` only if the rule's row says the normalized output fixes it.
    pub(crate) fn emit_resolved(
        &mut self,
        rule: &'static Rule,
        path: impl Into<String>,
        message: impl Into<String>,
    ) {
        self.make(rule, None, path.into(), message.into(), true);
    }

    fn make(
        &mut self,
        rule: &'static Rule,
        severity: Option<Severity>,
        path: String,
        message: String,
        resolved: bool,
    ) {
        let (mut rule, mut severity, mut message) = (rule, severity, message);
        let about_leaf = self.leaf.as_deref() == Some(path.as_str());
        let mut path = path;
        if let Some(split) = &self.split {
            let (placed, repeat) = split.place(&path, rule, self.leaf.as_deref());
            path = placed;
            if repeat && rule.id == CHAIN_DUPLICATE.id {
                rule = CHAIN_LEAF_IN_CHAIN;
                severity = None;
                message = LEAF_IN_CHAIN.to_string();
            }
        }
        if let Some(replacement) = self.replacement_of(rule) {
            let Some(by) = replacement.by else { return };
            rule = by;
            severity = replacement.severity;
            if let Some(at) = replacement.path {
                path = at.to_string();
            }
            if let Some(says) = replacement.message {
                message = says.to_string();
            }
        }
        let severity = self
            .override_of(rule, about_leaf)
            .or(severity)
            .unwrap_or(rule.severity);
        self.found.push(Finding {
            rule,
            severity,
            path,
            message: sentence_case(message),
            resolved,
        });
    }

    fn replacement_of(&self, rule: &Rule) -> Option<Replacement> {
        self.policies
            .iter()
            .flat_map(|p| p.replacements)
            .find(|r| r.rule.id == rule.id)
            .copied()
    }

    fn override_of(&self, rule: &Rule, about_leaf: bool) -> Option<Severity> {
        self.policies
            .iter()
            .flat_map(|p| p.overrides)
            .find(|o| o.rule.id == rule.id && (o.scope == Scope::Any || about_leaf))
            .map(|o| o.severity)
    }

    /// How many findings have been made; a mark for [`Findings::normalized_resolves_since`].
    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// The findings made so far, in order.
    #[cfg(test)]
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.found.iter()
    }

    /// Declares that the normalized output now exists and resolves the findings made since
    /// `mark` whose rule the table marks `Normalized` (`chain.too_deep` only when
    /// `too_deep_resolved`: the normalized bundle is within the limit). The findings are not
    /// changed; the report reads this when it is built.
    pub(crate) fn normalized_resolves_since(&mut self, mark: usize, too_deep_resolved: bool) {
        self.resolved.push(Resolved {
            from: mark,
            to: self.found.len(),
            too_deep: too_deep_resolved,
        });
    }

    /// Whether a finding of `rule` was made since `mark`.
    pub(crate) fn has_since(&self, mark: usize, rule: &Rule) -> bool {
        self.found.iter().skip(mark).any(|f| f.rule.id == rule.id)
    }

    /// Appends another check's findings (made under the same policies) and what its normalized
    /// output resolves.
    pub(crate) fn append(&mut self, other: Findings) {
        let offset = self.found.len();
        self.resolved
            .extend(other.resolved.into_iter().map(|r| Resolved {
                from: r.from + offset,
                to: r.to + offset,
                ..r
            }));
        self.found.extend(other.found);
    }

    /// A copy of the findings as catalogue diagnostics, for tests that read what a rule said.
    #[cfg(test)]
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.clone().into_diagnostics(&ErrorCodes::CATALOGUE)
    }

    /// Whether the report says finding `index` is fixed: its row says the normalized output
    /// resolves the rule, and the normalized output covers this finding.
    fn is_fixed(&self, index: usize, finding: &Finding) -> bool {
        let rule = finding.rule;
        if !rule.fixed_by_normalizing {
            return false;
        }
        finding.resolved
            || self.resolved.iter().any(|r| {
                (r.from..r.to).contains(&index) && (rule.id != CHAIN_TOO_DEEP.id || r.too_deep)
            })
    }

    /// The public diagnostics, each with the error code `codes` gives its rule.
    pub(crate) fn into_diagnostics(self, codes: &ErrorCodes) -> Vec<Diagnostic> {
        let fixed: Vec<bool> = self
            .found
            .iter()
            .enumerate()
            .map(|(index, f)| self.is_fixed(index, f))
            .collect();
        self.found
            .into_iter()
            .zip(fixed)
            .map(|(f, fixed)| Diagnostic {
                rule: f.rule.id.to_string(),
                severity: f.severity,
                path: f.path,
                message: f.message,
                api_error: codes.for_rule(f.rule).map(str::to_string),
                fixed,
            })
            .collect()
    }
}

/// Every message in one voice: a sentence that starts with a capital letter, whichever rule
/// group wrote it. Only an ASCII first letter is changed, which keeps the Unicode case tables
/// (about 5 KB gzipped) out of the wasm module; a message that starts with a quoted value or a
/// code span is left as it is.
fn sentence_case(mut message: String) -> String {
    if let Some(first) = message.get_mut(..1) {
        first.make_ascii_uppercase();
    }
    message
}

/// The error codes an operation's provider answers, declared beside the operation: the code
/// for a bad parameter (which replaces the catalogue's generic Alibaba `InvalidParameter`), and
/// codes for particular rules. Outside any operation, [`ErrorCodes::CATALOGUE`] keeps each
/// rule's own code.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct ErrorCodes {
    /// What the generic `request.*` rules (catalogue code `InvalidParameter`) carry here;
    /// `None` when the provider's documentation names no code.
    pub parameter: Option<&'static str>,
    /// Rules this operation answers with a code of its own.
    pub rules: &'static [(&'static Rule, &'static str)],
    /// Whether the other rules keep the codes the catalogue lists (Alibaba Cloud's, from the
    /// seeds); false for another provider's operation, whose other rules then carry none.
    pub catalogue_codes: bool,
}

impl ErrorCodes {
    /// Each rule's own code, as the catalogue lists it.
    pub(crate) const CATALOGUE: ErrorCodes = ErrorCodes {
        parameter: Some(GENERIC_PARAMETER_ERROR),
        rules: &[],
        catalogue_codes: true,
    };

    /// The code `rule` carries under these codes.
    pub(crate) fn for_rule(&self, rule: &Rule) -> Option<&'static str> {
        if let Some((_, code)) = self.rules.iter().find(|(r, _)| r.id == rule.id) {
            return Some(code);
        }
        match rule.api_error {
            Some(GENERIC_PARAMETER_ERROR) => self.parameter,
            other if self.catalogue_codes => other,
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests;
