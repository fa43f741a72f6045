//! Request files written as YAML: a Kubernetes manifest (one or more documents), or any body
//! a user keeps as YAML. The core takes JSON values; this turns YAML into them.
//!
//! YAML is read with yaml-rust2 (pure Rust, maintained) and converted here: scalars keep the
//! type YAML 1.2's core schema gives them, integers stay integers, mapping keys become strings.

use std::path::Path;

use serde_json::{Map, Number, Value};
use yaml_rust2::{Yaml, YamlLoader};

use crate::input::{shown, CliError};

/// Whether a request file is to be read as YAML: by its name (`.yaml`, `.yml`), or, for the
/// Kubernetes operation, when it does not start like JSON (a manifest piped from kubectl).
pub(crate) fn is_yaml(path: &Path, text: &str, operation: &str) -> bool {
    let by_name = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    let looks_json = text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{');
    by_name || (operation == "kubernetes.secret.tls" && !looks_json)
}

/// One YAML document of the file, as a JSON value, with its 1-based position.
pub(crate) struct Document {
    pub number: usize,
    pub value: Value,
}

/// Every document of a YAML file as JSON values. A syntax error, an alias or a key that is not
/// a scalar is a usage error naming the file (exit 2), as for JSON that cannot be read.
pub(crate) fn read_documents(path: &Path, text: &str) -> Result<Vec<Document>, CliError> {
    let fail = |what: String| CliError::new(what, shown(path));
    let documents = YamlLoader::load_from_str(text).map_err(|e| {
        let marker = e.marker();
        fail(format!(
            "not valid YAML: {} at line {}, column {}",
            e.info(),
            marker.line(),
            marker.col() + 1
        ))
    })?;
    documents
        .iter()
        .enumerate()
        .filter(|(_, doc)| !matches!(doc, Yaml::Null))
        .map(|(i, doc)| {
            to_json(doc)
                .map(|value| Document {
                    number: i + 1,
                    value,
                })
                .map_err(|what| fail(format!("YAML document {}: {what}", i + 1)))
        })
        .collect()
}

/// Keeps the documents that are Secrets of type kubernetes.io/tls, when the file has several;
/// a file of one document is checked whatever it is (its kind and type are reported then).
pub(crate) fn tls_secrets(documents: Vec<Document>) -> Vec<Document> {
    if documents.len() <= 1 {
        return documents;
    }
    documents
        .into_iter()
        .filter(|doc| {
            doc.value.get("kind").and_then(Value::as_str) == Some("Secret")
                && doc.value.get("type").and_then(Value::as_str) == Some("kubernetes.io/tls")
        })
        .collect()
}

/// The document's `metadata.name`, for headings.
pub(crate) fn name_of(doc: &Document) -> Option<&str> {
    doc.value.pointer("/metadata/name").and_then(Value::as_str)
}

fn to_json(yaml: &Yaml) -> Result<Value, String> {
    Ok(match yaml {
        Yaml::Null => Value::Null,
        Yaml::Boolean(b) => Value::Bool(*b),
        Yaml::Integer(i) => Value::Number(Number::from(*i)),
        // Kept as written: the core reads numbers from their text (no float parsing).
        Yaml::Real(text) => serde_json::from_str::<Number>(text)
            .map(Value::Number)
            .unwrap_or_else(|_| Value::String(text.clone())),
        Yaml::String(s) => Value::String(s.clone()),
        Yaml::Array(items) => Value::Array(items.iter().map(to_json).collect::<Result<_, _>>()?),
        Yaml::Hash(hash) => {
            let mut map = Map::new();
            for (key, value) in hash {
                let key = match key {
                    Yaml::String(s) => s.clone(),
                    Yaml::Integer(i) => i.to_string(),
                    Yaml::Boolean(b) => b.to_string(),
                    Yaml::Real(r) => r.clone(),
                    Yaml::Null => "null".to_string(),
                    _ => return Err("a mapping key that is not a scalar".to_string()),
                };
                map.insert(key, to_json(value)?);
            }
            Value::Object(map)
        }
        // The loader resolves aliases; one left unresolved is refused rather than read as null.
        Yaml::Alias(_) => return Err("a YAML alias (*name) that could not be resolved".to_string()),
        Yaml::BadValue => return Err("a value that could not be read".to_string()),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing, reason = "test code")]
    use super::*;

    #[test]
    fn manifests_become_json() {
        let text = "apiVersion: v1\nkind: Secret\nmetadata:\n  name: shop-tls\ntype: kubernetes.io/tls\nstringData:\n  tls.crt: |\n    -----BEGIN CERTIFICATE-----\n    MIIB\n    -----END CERTIFICATE-----\n---\nkind: ConfigMap\n---\n";
        let docs = read_documents(Path::new("x.yaml"), text).unwrap();
        assert_eq!(docs.len(), 2);
        assert_eq!(
            docs[0].value["stringData"]["tls.crt"],
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n"
        );
        let secrets = tls_secrets(docs);
        assert_eq!(secrets.len(), 1);
        assert_eq!(name_of(&secrets[0]), Some("shop-tls"));
    }

    #[test]
    fn scalars_keep_their_types() {
        let docs =
            read_documents(Path::new("x.yml"), "a: 1\nb: 1.5\nc: true\nd: ~\ne: '1'\n").unwrap();
        assert_eq!(
            docs[0].value.to_string(),
            r#"{"a":1,"b":1.5,"c":true,"d":null,"e":"1"}"#
        );
    }

    #[test]
    fn bad_yaml_names_the_place() {
        let err = read_documents(Path::new("x.yaml"), "a: [1, 2\n")
            .err()
            .unwrap();
        assert!(err.what.contains("not valid YAML"), "{}", err.what);
        // yaml-rust2's loader resolves an alias to its anchor's value.
        let docs = read_documents(Path::new("x.yaml"), "a: &x 1\nb: *x\n").unwrap();
        assert_eq!(docs[0].value["b"], 1);
    }

    #[test]
    fn yaml_is_chosen_by_name_or_for_manifests() {
        assert!(is_yaml(
            Path::new("s.YAML"),
            "{}",
            "aws.acm.import-certificate"
        ));
        assert!(is_yaml(
            Path::new("-"),
            "apiVersion: v1",
            "kubernetes.secret.tls"
        ));
        assert!(!is_yaml(
            Path::new("-"),
            " {\"a\": 1}",
            "kubernetes.secret.tls"
        ));
        assert!(!is_yaml(
            Path::new("b.json"),
            "a: 1",
            "aws.acm.import-certificate"
        ));
    }
}
