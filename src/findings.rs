//! The one place a finding is made.
//!
//! Every rule, whether it reads certificate material or a request body, records what it finds
//! through [`Findings::emit`]. A finding keeps its catalogue row (`&'static Rule`), so what the
//! rule table says about a rule (its severity, whether the normalized output fixes it, its error
//! code) is applied from the table, not retyped at each call. A context that changes a
//! finding's severity does it at the call, on the finding `emit` returns.
//!
//! The provider's error code is applied in one place, [`Findings::into_diagnostics`], when the
//! report is built: the rule's own code, or the one the operation declares for it
//! ([`ErrorCodes`]).

use crate::catalog::{Rule, GENERIC_PARAMETER_ERROR};
use crate::report::{Diagnostic, Severity};

/// One finding before it becomes a public [`Diagnostic`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Finding {
    rule: &'static Rule,
    severity: Severity,
    path: String,
    message: String,
    fixed: bool,
}

impl Finding {
    /// Changes the severity of this occurrence, for rules whose severity depends on context
    /// (a region id that is the request's own `RegionId`, a domain field over the prose limit).
    pub(crate) fn set_severity(&mut self, severity: Severity) -> &mut Self {
        self.severity = severity;
        self
    }

    /// The rule this finding is of.
    pub(crate) fn rule(&self) -> &'static Rule {
        self.rule
    }

    /// Marks the finding resolved by the report's normalized output.
    pub(crate) fn set_fixed(&mut self) -> &mut Self {
        self.fixed = true;
        self
    }

    /// The JSON pointer the finding is reported at.
    pub(crate) fn path(&self) -> &str {
        &self.path
    }

    /// Reports the finding at another pointer (a certificate of a separate chain field is
    /// reported in that field).
    pub(crate) fn set_path(&mut self, path: String) -> &mut Self {
        self.path = path;
        self
    }

    /// Makes the finding one of a more specific rule, with that rule's severity and a message
    /// that says it (a repeat of the leaf in a chain field is `chain.leaf_in_chain`, not a
    /// plain duplicate).
    pub(crate) fn set_rule(&mut self, rule: &'static Rule, message: &str) -> &mut Self {
        self.rule = rule;
        self.severity = rule.severity;
        self.message = sentence_case(message.to_string());
        self
    }
}

/// The findings of one check, in the order they were made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Findings {
    found: Vec<Finding>,
}

impl Findings {
    /// No findings yet.
    pub(crate) fn new() -> Self {
        Findings::default()
    }

    /// Records `rule` at `path` (an RFC 6901 pointer) with the rule's own severity, and returns
    /// the finding so that a context may change its severity explicitly.
    pub(crate) fn emit(
        &mut self,
        rule: &'static Rule,
        path: impl Into<String>,
        message: impl Into<String>,
    ) -> &mut Finding {
        let index = self.found.len();
        self.found.push(Finding {
            rule,
            severity: rule.severity,
            path: path.into(),
            message: sentence_case(message.into()),
            fixed: false,
        });
        #[allow(
            clippy::indexing_slicing,
            reason = "the index of the finding pushed just above; it cannot be out of bounds"
        )]
        let finding = &mut self.found[index];
        finding
    }

    /// How many findings have been made; a mark for [`Findings::mark_fixed_since`].
    pub(crate) fn len(&self) -> usize {
        self.found.len()
    }

    /// The findings made so far, in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &Finding> {
        self.found.iter()
    }

    /// Marks as fixed every finding made since `mark` whose rule the normalized output resolves
    /// (the rule table's `fixed_by_normalizing` column) and that `also` accepts.
    pub(crate) fn mark_fixed_since(&mut self, mark: usize, also: impl Fn(&Finding) -> bool) {
        for finding in self.found.iter_mut().skip(mark) {
            if finding.rule.fixed_by_normalizing && also(finding) {
                finding.fixed = true;
            }
        }
    }

    /// Lets `edit` change every finding made since `mark` (its path, rule or severity).
    pub(crate) fn edit_since(&mut self, mark: usize, mut edit: impl FnMut(&mut Finding)) {
        self.found.iter_mut().skip(mark).for_each(&mut edit);
    }

    /// Sets the severity of every finding of `rule` made since `mark`: an operation whose
    /// provider treats a rule more or less strictly than the catalogue's default.
    pub(crate) fn set_severity_since(&mut self, mark: usize, rule: &Rule, severity: Severity) {
        self.edit_since(mark, |finding| {
            if finding.rule.id == rule.id {
                finding.severity = severity;
            }
        });
    }

    /// Whether a finding of `rule` was made since `mark`.
    pub(crate) fn has_since(&self, mark: usize, rule: &Rule) -> bool {
        self.found.iter().skip(mark).any(|f| f.rule.id == rule.id)
    }

    /// Appends another check's findings.
    pub(crate) fn append(&mut self, other: Findings) {
        self.found.extend(other.found);
    }

    /// A copy of the findings as catalogue diagnostics, for tests that read what a rule said.
    #[cfg(test)]
    pub(crate) fn diagnostics(&self) -> Vec<Diagnostic> {
        self.clone().into_diagnostics(&ErrorCodes::CATALOGUE)
    }

    /// The public diagnostics, each with the error code `codes` gives its rule.
    pub(crate) fn into_diagnostics(self, codes: &ErrorCodes) -> Vec<Diagnostic> {
        self.found
            .into_iter()
            .map(|f| Diagnostic {
                rule: f.rule.id.to_string(),
                severity: f.severity,
                path: f.path,
                message: f.message,
                api_error: codes.for_rule(f.rule).map(str::to_string),
                fixed: f.fixed,
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
mod tests {
    use super::*;
    use crate::catalog;

    #[test]
    fn emit_keeps_the_rule_and_returns_the_finding() {
        let mut findings = Findings::new();
        findings
            .emit(&catalog::ID_UNKNOWN_REGION, "/RegionId", "unknown")
            .set_severity(Severity::Error);
        findings.emit(&catalog::PEM_STRAY_TEXT, "/certificate", "stray");
        findings.emit(&catalog::CHAIN_EMPTY, "/certificate", "empty");
        findings.mark_fixed_since(1, |_| true);
        let d = findings.into_diagnostics(&ErrorCodes::CATALOGUE);
        assert_eq!(d.len(), 3);
        assert_eq!(d[0].severity, Severity::Error);
        assert!(!d[0].fixed, "marked before the mark");
        assert!(d[1].fixed, "pem.stray_text is fixed by normalizing");
        assert!(!d[2].fixed, "chain.empty is not");
    }

    #[test]
    fn messages_start_with_a_capital() {
        let cases = [
            ("the tag key", "The tag key"),
            ("\"a.com\" is", "\"a.com\" is"),
            ("`Port` is", "`Port` is"),
            ("école", "école"),
            ("", ""),
        ];
        for (given, expected) in cases {
            assert_eq!(sentence_case(given.to_string()), expected);
        }
    }

    #[test]
    fn codes_come_from_the_operation_then_the_catalogue() {
        const APIG: ErrorCodes = ErrorCodes {
            parameter: Some("APIG.2012"),
            rules: &[(&catalog::DOMAIN_LABEL_INVALID, "APIG.2012")],
            catalogue_codes: true,
        };
        const NONE: ErrorCodes = ErrorCodes {
            parameter: None,
            rules: &[],
            catalogue_codes: true,
        };
        let cases: &[(&ErrorCodes, &Rule, Option<&str>)] = &[
            (
                &ErrorCodes::CATALOGUE,
                &catalog::REQUEST_LENGTH,
                Some("InvalidParameter"),
            ),
            (&APIG, &catalog::REQUEST_LENGTH, Some("APIG.2012")),
            (&NONE, &catalog::REQUEST_LENGTH, None),
            (&APIG, &catalog::DOMAIN_LABEL_INVALID, Some("APIG.2012")),
            (&ErrorCodes::CATALOGUE, &catalog::DOMAIN_LABEL_INVALID, None),
            (
                &NONE,
                &catalog::TAG_KEY_MISSING,
                Some("MissingParam.TagKey"),
            ),
        ];
        for (codes, rule, expected) in cases {
            assert_eq!(codes.for_rule(rule), *expected, "{}", rule.id);
        }
    }
}
