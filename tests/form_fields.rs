//! Issue 24: the form each operation declares (`form_fields`) makes a request that reaches
//! "no errors" after one fix, and no diagnostic claims a fix the report cannot deliver.
//!
//! For every operation: a request from the declared example values, with a full-chain bundle
//! (leaf, intermediate, root) and the leaf's key pasted into the certificate and key fields
//! (one CA certificate for a CA upload), is validated; the report's fix is applied as a form
//! applies it (each `normalized_fields` entry at its pointer, otherwise `normalized` in the
//! certificate field); validated again, it has no error and no diagnostic marked fixed. The
//! same path runs in Chromium through the demo form (pkg/test/browser/demo.test.mjs).
#![allow(
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use cert_preflight::{
    form_fields, operations, validate_request_value, FieldKind, FieldRole, FormField, Report,
    RequestContext, Timestamp,
};
use serde_json::{Map, Value};

const CERTS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/certs/rsa/");

fn read(name: &str) -> String {
    std::fs::read_to_string(format!("{CERTS}{name}")).unwrap()
}

/// What a user pastes: the leaf, its intermediate and the root, in that order, and the key.
struct Pasted {
    bundle: String,
    key: String,
    ca: String,
}

/// The bundles a user pastes: in order with the root, shuffled, with Windows line endings and
/// with stray text around the blocks, with an intermediate twice, with the key inside. Each goes with the leaf's key.
fn pasted_bundles() -> Vec<(&'static str, Pasted)> {
    let full = read("fullchain-with-root.pem");
    let with = |bundle: String| Pasted {
        bundle,
        key: read("leaf.key"),
        ca: read("root.pem"),
    };
    vec![
        ("full chain", with(full.clone())),
        ("shuffled", with(read("../broken/shuffled.pem"))),
        ("CRLF", with(full.replace('\n', "\r\n"))),
        (
            "stray text",
            with(format!("subject=CN = www.example.com\n\n{full}\n  \n")),
        ),
        (
            "duplicate",
            with(format!("{full}{}", read("intermediate.pem"))),
        ),
        ("key inside", with(format!("{full}{}", read("leaf.key")))),
    ]
}

fn pasted() -> Pasted {
    pasted_bundles().swap_remove(0).1
}

/// The form's state: one text per field, by pointer (the key of a certificate-and-key field
/// kept apart, as the form keeps it in its own input).
struct FormState {
    fields: Vec<(FormField, String)>,
    combined_key: String,
}

impl FormState {
    fn new(operation: &str, pasted: &Pasted) -> FormState {
        let fields = form_fields(operation)
            .unwrap()
            .into_iter()
            .map(|f| {
                let text = match f.role {
                    FieldRole::Certificate | FieldRole::CertificateAndKey => pasted.bundle.clone(),
                    FieldRole::PrivateKey => pasted.key.clone(),
                    FieldRole::CaCertificate => pasted.ca.clone(),
                    _ => f.example.unwrap_or_default().to_string(),
                };
                (f, text)
            })
            .collect();
        FormState {
            fields,
            combined_key: pasted.key.clone(),
        }
    }

    /// The request the form sends: empty fields left out, path parameters apart.
    fn request(&self) -> (Value, RequestContext) {
        let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
        let mut context = RequestContext::new(now);
        let mut body = Value::Object(Map::new());
        for (field, text) in &self.fields {
            if text.is_empty() {
                continue;
            }
            if let Some(name) = field.pointer.strip_prefix("/path/") {
                context.path_params.insert(name.into(), text.clone());
                continue;
            }
            let value = match (field.kind, field.role) {
                (_, FieldRole::CertificateAndKey) => {
                    Value::from(format!("{text}{}", self.combined_key))
                }
                (FieldKind::Integer, _) => Value::from(text.parse::<i64>().unwrap()),
                (FieldKind::Boolean, _) => Value::from(text == "true"),
                _ => Value::from(text.clone()),
            };
            set(&mut body, field.pointer, value);
        }
        (body, context)
    }

    fn validate(&self, operation: &str) -> Report {
        let (body, context) = self.request();
        validate_request_value(operation, &body, &context).unwrap()
    }

    /// What the form's Apply fix does with a report.
    fn apply_fix(&mut self, report: &Report) -> bool {
        // With the chain in a field of its own, `normalized` (the whole bundle) fits no field:
        // `normalized_fields` has each field's value.
        let split = self.fields.iter().any(|(f, _)| f.role == FieldRole::Chain);
        let mut applied = false;
        for (field, text) in &mut self.fields {
            let value = report.normalized_fields.get(field.pointer).or_else(|| {
                let certificate = matches!(
                    field.role,
                    FieldRole::Certificate
                        | FieldRole::CertificateAndKey
                        | FieldRole::CaCertificate
                );
                (certificate && !split)
                    .then_some(report.normalized.as_ref())
                    .flatten()
            });
            if let Some(value) = value {
                applied |= value != text;
                *text = value.clone();
            }
        }
        applied
    }
}

/// Sets `value` at an RFC 6901 pointer, making objects (arrays where a segment is a number).
fn set(root: &mut Value, pointer: &str, value: Value) {
    let segments: Vec<&str> = pointer.trim_start_matches('/').split('/').collect();
    let mut here = root;
    for (i, segment) in segments.iter().enumerate() {
        let last = i + 1 == segments.len();
        let next_is_index = segments
            .get(i + 1)
            .is_some_and(|s| s.parse::<usize>().is_ok());
        let fresh = || {
            if next_is_index {
                Value::Array(vec![])
            } else {
                Value::Object(Map::new())
            }
        };
        here = match here {
            Value::Array(items) => {
                let index: usize = segment.parse().unwrap();
                while items.len() <= index {
                    items.push(fresh());
                }
                &mut items[index]
            }
            Value::Object(members) => members.entry(segment.to_string()).or_insert_with(fresh),
            _ => panic!("{pointer}: not a container at {segment}"),
        };
        if last {
            *here = value;
            return;
        }
    }
}

fn takes_material(operation: &str) -> bool {
    form_fields(operation)
        .unwrap()
        .iter()
        .any(|f| f.role != FieldRole::Parameter)
}

fn describe(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {} {} fixed={}: {}",
                d.severity.as_str(),
                d.rule,
                d.path,
                d.fixed,
                d.message
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn a_full_chain_reaches_no_errors_after_one_fix_in_every_operation() {
    for (bundle, pasted) in pasted_bundles() {
        for operation in operations().iter().map(|o| o.id) {
            one_fix_is_enough(operation, bundle, &pasted);
        }
    }
}

fn one_fix_is_enough(operation: &str, bundle: &str, pasted: &Pasted) {
    {
        let mut form = FormState::new(operation, pasted);
        let first = form.validate(operation);
        form.apply_fix(&first);
        let after = form.validate(operation);
        if std::env::var_os("FORM_FIELDS_SHOW").is_some() {
            println!(
                "== {operation} ({bundle})\nbefore:\n{}\nafter:\n{}",
                describe(&first),
                describe(&after)
            );
        }
        assert_eq!(
            after.errors,
            0,
            "{operation} ({bundle}) after the fix:\n{}",
            describe(&after)
        );
        let claimed: Vec<_> = after.diagnostics.iter().filter(|d| d.fixed).collect();
        assert!(
            claimed.is_empty(),
            "{operation} ({bundle}): still marked fixed after the fix:\n{}",
            describe(&after)
        );
        // Applying the fix again changes nothing: one Apply fix is enough.
        assert!(
            !form.apply_fix(&after),
            "{operation} ({bundle}): a second fix changes the form"
        );
    }
}

#[test]
fn every_fix_claimed_before_is_gone_after() {
    for (bundle, pasted) in pasted_bundles() {
        for operation in operations()
            .iter()
            .map(|o| o.id)
            .filter(|o| takes_material(o))
        {
            claimed_fixes_land(operation, bundle, &pasted);
        }
    }
}

fn claimed_fixes_land(operation: &str, bundle: &str, pasted: &Pasted) {
    {
        let mut form = FormState::new(operation, pasted);
        let first = form.validate(operation);
        assert!(
            form.apply_fix(&first) || !first.diagnostics.iter().any(|d| d.fixed),
            "{operation} ({bundle}): fixes are claimed but nothing applies:\n{}",
            describe(&first)
        );
        let after = form.validate(operation);
        for claimed in first.diagnostics.iter().filter(|d| d.fixed) {
            let same =
                |d: &&cert_preflight::Diagnostic| d.rule == claimed.rule && d.path == claimed.path;
            assert!(
                !after.diagnostics.iter().any(|d| same(&d)),
                "{operation} ({bundle}): {} at {} claimed a fix that did not remove it:\n{}",
                claimed.rule,
                claimed.path,
                describe(&after)
            );
        }
    }
}

#[test]
fn operations_without_material_show_their_own_required_fields() {
    let pasted = pasted();
    let id_only: Vec<_> = operations()
        .iter()
        .map(|o| o.id)
        .filter(|o| !takes_material(o))
        .collect();
    assert_eq!(
        id_only,
        [
            "alibaba.alb.associate-additional-certificates",
            "alibaba.alb.create-listener",
            "huawei.apig.attach-certificate-domains"
        ]
    );
    for operation in id_only {
        let fields = form_fields(operation).unwrap();
        assert!(fields.iter().any(|f| f.required), "{operation}");
        let report = FormState::new(operation, &pasted).validate(operation);
        assert!(
            report.diagnostics.is_empty(),
            "{operation}:\n{}",
            describe(&report)
        );
    }
}

#[test]
fn split_fields_are_declared_as_the_providers_name_them() {
    let material = |operation: &str| -> Vec<(&'static str, FieldRole)> {
        form_fields(operation)
            .unwrap()
            .into_iter()
            .filter(|f| f.role != FieldRole::Parameter)
            .map(|f| (f.name, f.role))
            .collect()
    };
    use FieldRole::*;
    let table: [(&str, &[(&str, FieldRole)]); 4] = [
        (
            "aws.acm.import-certificate",
            &[
                ("Certificate", Certificate),
                ("CertificateChain", Chain),
                ("PrivateKey", PrivateKey),
            ],
        ),
        (
            "aws.iam.upload-server-certificate",
            &[
                ("CertificateBody", Certificate),
                ("CertificateChain", Chain),
                ("PrivateKey", PrivateKey),
            ],
        ),
        (
            "kubernetes.secret.tls",
            &[("tls.crt", Certificate), ("tls.key", PrivateKey)],
        ),
        (
            "azure.keyvault.import-certificate",
            &[("value", CertificateAndKey)],
        ),
    ];
    for (operation, expected) in table {
        assert_eq!(material(operation), expected, "{operation}");
    }
}
