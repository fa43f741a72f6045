//! Rules, and only rules: constant metadata ([`Rule`], listed in [`catalog::RULES`]) and the
//! pure checks that emit them over the parsed model into `crate::findings::Findings`.
//!
//! The checks are grouped by what they read: `pem` (the scanned text), `chain` (the parsed
//! certificates as a set), `certificate` (each certificate alone), `key` (the private key
//! against the leaf), `domain` (names and their coverage by the leaf).

pub use catalog::{Rule, GENERIC_PARAMETER_ERROR};

pub(crate) mod catalog;
pub(crate) mod certificate;
pub(crate) mod chain;
pub(crate) mod chain_end;
pub(crate) mod domain;
pub(crate) mod key;
pub(crate) mod key_hints;
pub(crate) mod pem;

/// Every rule the project checks, in catalogue order: what `cert-preflight rules` lists.
///
/// ```
/// use cert_preflight::{find_rule, rules, Severity};
/// let misordered = find_rule("chain.misordered").unwrap();
/// assert_eq!(misordered.severity, Severity::Error);
/// assert!(misordered.fixed_by_normalizing, "--fix reorders the bundle");
/// assert!(rules().iter().any(|r| r.id == "cert.no_san"));
/// ```
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
