//! `scan --format sarif`: one SARIF 2.1.0 log with one run. The rules are the whole catalogue
//! (id, summary, help text with its source); each diagnostic is a result located in its file
//! (at the line of its certificate block when known; a key's diagnostics in the key file).
//! The log is written as the files are checked: the results array is streamed.
//!
//! Schema: SARIF 2.1.0 (OASIS), `sarif-2.1.0-rtm.5.json`; `scripts/test-sarif.sh` validates
//! this output against it.

use cert_preflight::{Diagnostic, Rule, Severity};
use serde_json::{json, Value};

use super::{CheckedFile, ScanRender, SweepEntry, Totals};
use crate::input::CliError;

/// `scan --format sarif`: the log is opened by `start`, each file adds its results (commas
/// between them, hence the count), and `finish` closes it.
#[derive(Default)]
pub(crate) struct Sarif {
    /// Results written so far.
    results: usize,
}

impl ScanRender for Sarif {
    /// Results carry a `region` with the line of their certificate block.
    fn wants_block_lines(&self) -> bool {
        true
    }

    /// A SARIF log holds results, not a list of certificates.
    fn refuses_sweep(&self) -> Option<&'static str> {
        Some("the expiry sweep lists certificates, not diagnostics: use --format human or json")
    }

    fn start(&mut self, rules: &[Rule]) -> String {
        header(rules)
    }

    fn file(&mut self, file: &CheckedFile, rules: &[Rule]) -> Result<String, CliError> {
        let mut out = String::new();
        for result in results(file, rules) {
            if self.results > 0 {
                out.push(',');
            }
            self.results += 1;
            out.push_str(&result);
        }
        Ok(out)
    }

    fn finish(&mut self, _totals: &Totals, unreadable: &[(String, String)]) -> String {
        footer(unreadable)
    }

    /// Not reached: `scan` refuses the sweep in this format before it starts.
    fn sweep(&self, _entries: &[SweepEntry], _days: u32) -> Result<String, CliError> {
        Ok(String::new())
    }
}

/// The SARIF level of a severity (SARIF has no "info": its `note` is the same idea).
fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        // Info ("worth knowing, nothing to fix"), and any severity a later version adds.
        _ => "note",
    }
}

/// Everything before the first result: the log, the run and the tool with every rule.
fn header(rules: &[Rule]) -> String {
    let rules: Vec<Value> = rules.iter().map(rule).collect();
    let driver = json!({
        "name": "cert-preflight",
        "version": env!("CARGO_PKG_VERSION"),
        "semanticVersion": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    let tool = json!({ "driver": driver });
    // Written by hand around the serialized parts so that results can follow one by one.
    format!(
        "{{\"$schema\":\"https://json.schemastore.org/sarif-2.1.0.json\",\"version\":\"2.1.0\",\
         \"runs\":[{{\"tool\":{tool},\"results\":["
    )
}

fn rule(r: &Rule) -> Value {
    let mut full = format!("{}.", r.summary);
    if let Some(code) = r.api_error {
        full.push_str(&format!(" The provider answers {code}."));
    }
    let properties = match r.api_error {
        Some(code) => json!({ "source": r.source, "api_error": code }),
        None => json!({ "source": r.source }),
    };
    json!({
        "id": r.id,
        "shortDescription": { "text": r.summary },
        "fullDescription": { "text": full },
        "help": { "text": format!("{full} Source: {}.", r.source) },
        "defaultConfiguration": { "level": level(r.severity) },
        "properties": properties,
    })
}

/// The results of one checked file, each serialized, to join with commas.
fn results(checked: &CheckedFile, rules: &[Rule]) -> Vec<String> {
    checked
        .report
        .diagnostics
        .iter()
        .map(|d| result(d, checked, rules).to_string())
        .collect()
}

fn result(d: &Diagnostic, checked: &CheckedFile, rules: &[Rule]) -> Value {
    let (file, line) = match (&checked.key_file, d.path.starts_with("/private_key")) {
        (Some(key), true) => (key.as_str(), None),
        _ => (
            checked.file.as_str(),
            block_line(&d.path, &checked.block_lines),
        ),
    };
    let artifact = json!({ "uri": uri(file) });
    let physical = match line {
        Some(line) => json!({ "artifactLocation": artifact, "region": { "startLine": line } }),
        None => json!({ "artifactLocation": artifact }),
    };
    let location = if d.path.is_empty() {
        json!({ "physicalLocation": physical })
    } else {
        json!({
            "physicalLocation": physical,
            "logicalLocations": [{ "fullyQualifiedName": d.path, "kind": "member" }],
        })
    };
    let mut text = d.message.clone();
    if let Some(code) = &d.api_error {
        text.push_str(&format!(" (the API would answer {code})"));
    }
    let mut value = serde_json::Map::new();
    value.insert("ruleId".into(), json!(d.rule));
    if let Some(index) = rules.iter().position(|r| r.id == d.rule) {
        value.insert("ruleIndex".into(), json!(index));
    }
    value.insert("level".into(), json!(level(d.severity)));
    value.insert("message".into(), json!({ "text": text }));
    value.insert("locations".into(), json!([location]));
    value.insert(
        "properties".into(),
        json!({ "path": d.path, "fixed": d.fixed }),
    );
    Value::Object(value)
}

/// The line of certificate block N for a diagnostic at `/certificate/chain/N[/...]`.
fn block_line(path: &str, lines: &[usize]) -> Option<usize> {
    let rest = path.strip_prefix("/certificate/chain/")?;
    let index: usize = rest.split('/').next()?.parse().ok()?;
    lines.get(index).copied()
}

/// A file's path as a URI reference: relative paths stay relative (code scanning resolves
/// them against the repository root), absolute ones become `file://` URIs; bytes other than
/// unreserved characters and `/` are percent-encoded (RFC 3986).
fn uri(path: &str) -> String {
    let path = path.strip_prefix("./").unwrap_or(path);
    let mut out = String::with_capacity(path.len() + 8);
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Everything after the last result: the invocation, with one notification per input that
/// could not be read.
fn footer(unreadable: &[(String, String)]) -> String {
    let notifications: Vec<Value> = unreadable
        .iter()
        .map(|(file, what)| {
            json!({
                "level": "error",
                "message": { "text": format!("{what} ({file})") },
                "locations": [{ "physicalLocation": { "artifactLocation": { "uri": uri(file) } } }],
            })
        })
        .collect();
    let invocation = json!({
        "executionSuccessful": unreadable.is_empty(),
        "toolExecutionNotifications": notifications,
    });
    format!("],\"invocations\":[{invocation}]}}]}}\n")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_are_relative_or_file_and_percent_encoded() {
        assert_eq!(uri("./certs/a b.pem"), "certs/a%20b.pem");
        assert_eq!(uri("/etc/ssl/x#1.crt"), "file:///etc/ssl/x%231.crt");
        assert_eq!(uri("caf\u{e9}.pem"), "caf%C3%A9.pem");
    }

    #[test]
    fn chain_paths_map_to_their_block_line() {
        let lines = [3, 40];
        assert_eq!(block_line("/certificate/chain/1", &lines), Some(40));
        assert_eq!(block_line("/certificate/chain/0/x", &lines), Some(3));
        assert_eq!(block_line("/certificate/chain/2", &lines), None);
        assert_eq!(block_line("/certificate", &lines), None);
    }
}
