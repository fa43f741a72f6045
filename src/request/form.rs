//! What a form needs to offer an operation: its certificate fields and its other parameters,
//! each with the JSON pointer a request and its diagnostics use (issue 24).
//!
//! Each operation declares, beside its parameters, where its certificate material goes (the
//! provider splits it into one, two or three fields) and the values of a minimal valid request
//! for everything else (`FormDecl` in `decl.rs`). The rest of a [`FormField`] (type, whether
//! it is required, the allowed values) is read from the operation's parameter rows, so a form
//! built from [`form_fields`] shows a new operation with its own fields and no per-operation
//! code. With the chain in a field of its own, `normalized` (the whole bundle) fits no one field.
//!
//! A form applies the report's fix by pointer: each `normalized_fields` entry replaces the field
//! at that pointer, otherwise `normalized` replaces the [`FieldRole::Certificate`] (or
//! [`FieldRole::CaCertificate`]) field, or the certificate part of a
//! [`FieldRole::CertificateAndKey`] field (the key is never in a report, so the form keeps it).

use super::decl::{FieldRole, Kind, OperationDecl, Param};
use super::find_declaration;
use crate::error::InputError;

/// How a form field's text becomes the request's JSON value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldKind {
    /// A JSON string.
    String,
    /// A JSON number (an integer).
    Integer,
    /// `true` or `false`.
    Boolean,
    /// A list of `{Key, Value}` objects (Alibaba's `Tag`, AWS's `Tags`).
    Tags,
}

/// One field of an operation's form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct FormField {
    /// Where the value goes: an RFC 6901 pointer into the body, or `/path/<name>` for a path
    /// parameter (the same pointers the report's diagnostics carry).
    pub pointer: &'static str,
    /// The declared name, exactly as sent (`CertificateChain`, `tls.crt`).
    pub name: &'static str,
    /// What it holds.
    pub role: FieldRole,
    /// How its text becomes JSON.
    pub kind: FieldKind,
    /// The request needs it (as the operation is offered by the form).
    pub required: bool,
    /// A valid value, for a form to start from (`None` for certificate material and for
    /// optional fields a form leaves empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub example: Option<&'static str>,
    /// The only values it may take, when documented.
    pub values: &'static [&'static str],
}

/// The fields a form shows for `operation` (id, action name or alias): its certificate
/// material first, then its other parameters, each with the pointer its value and its
/// diagnostics have.
///
/// ```
/// use cert_preflight::{form_fields, FieldRole};
/// let acm = form_fields("acm:ImportCertificate").unwrap();
/// let chain = acm.iter().find(|f| f.role == FieldRole::Chain).unwrap();
/// assert_eq!(chain.pointer, "/CertificateChain");
/// assert!(!chain.required);
/// ```
pub fn form_fields(operation: &str) -> Result<Vec<FormField>, InputError> {
    let declaration = find_declaration(operation)?;
    let form = &declaration.form;
    let material = form.material.iter().map(|m| {
        let param = param_at(declaration, m.pointer);
        FormField {
            pointer: m.pointer,
            name: last_segment(m.pointer),
            role: m.role,
            kind: FieldKind::String,
            required: m.required,
            example: None,
            values: param.map_or(&[], |p| p.values),
        }
    });
    let others = form.fields.iter().map(|&(pointer, example)| {
        let param = param_at(declaration, pointer);
        FormField {
            pointer,
            name: last_segment(pointer),
            role: FieldRole::Parameter,
            kind: param.map_or(FieldKind::String, kind_of),
            required: !example.is_empty(),
            example: (!example.is_empty()).then_some(example),
            values: param.map_or(&[], |p| p.values),
        }
    });
    Ok(material.chain(others).collect())
}

/// The declared row a pointer names: `/path/<name>` a path parameter, otherwise a walk through
/// the body's members (an array index or a map key takes the item's row). `None` when the
/// declaration has no such row.
pub(crate) fn param_at(declaration: &OperationDecl, pointer: &str) -> Option<&'static Param> {
    let mut segments = pointer.strip_prefix('/')?.split('/');
    let mut rows = declaration.body;
    let first = segments.next()?;
    let mut current = if first == "path" && declaration.body.iter().all(|p| p.name != "path") {
        let name = segments.next()?;
        return declaration.path.iter().find(|p| p.name == name);
    } else {
        rows.iter().find(|p| p.name == first)?
    };
    for segment in segments {
        current = match current.kind {
            Kind::Object(members) => {
                rows = members;
                rows.iter().find(|p| p.name == segment)?
            }
            Kind::Array(item) if segment.parse::<usize>().is_ok() => item,
            Kind::Map(value) => value,
            _ => return None,
        };
    }
    Some(current)
}

fn kind_of(param: &Param) -> FieldKind {
    match param.kind {
        Kind::Integer => FieldKind::Integer,
        Kind::Boolean => FieldKind::Boolean,
        Kind::Array(item) if is_key_value(item) => FieldKind::Tags,
        _ => FieldKind::String,
    }
}

/// A `{Key, Value}` object row.
fn is_key_value(item: &Param) -> bool {
    matches!(item.kind, Kind::Object(members)
        if members.len() == 2 && members.iter().any(|m| m.name == "Key") && members.iter().any(|m| m.name == "Value"))
}

fn last_segment(pointer: &'static str) -> &'static str {
    pointer.rsplit('/').next().unwrap_or(pointer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::operations::DECLARATIONS;

    #[test]
    fn every_form_pointer_names_a_declared_row() {
        for declaration in DECLARATIONS {
            let form = &declaration.form;
            let pointers = form
                .material
                .iter()
                .map(|m| m.pointer)
                .chain(form.fields.iter().map(|f| f.0));
            for pointer in pointers {
                assert!(
                    param_at(declaration, pointer).is_some(),
                    "{}: {pointer} is not declared",
                    declaration.info.id
                );
            }
        }
    }

    #[test]
    fn unknown_operation_is_an_error() {
        assert!(form_fields("no.such-operation").is_err());
    }
}
