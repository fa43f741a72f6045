//! The declaration language: each operation's parameters written as static data that reads
//! like its seed's parameter table.
//!
//! A [`Param`] is one row of the table: its name, JSON [`Kind`], whether it is required (always,
//! or when [`Condition`]s hold), its limits (integer range, string length in characters, list
//! length in items), allowed values and characters, the ID shape it should have, the conditions
//! under which it takes effect at all, and an optional [`ValueCheck`] for rules a table cannot
//! say (tags, region suffixes, IP lists). Nested objects and list items are `Param`s too.
//!
//! An [`OperationDecl`] gathers the rows of one operation with its path parameters, the error
//! code the provider answers for a bad parameter, and its cross-field checks. The engine
//! (`engine.rs`) is the only code that reads these declarations.

use serde_json::Value;

use super::policy::Policies;
use super::walk::Walk;
use crate::check::FieldLimits;
use crate::findings::ErrorCodes;
use crate::rules::pem::SizeLimit;

/// A rule that a table cannot say, run on a value once its JSON type is right.
/// Arguments: the value, its JSON pointer, and the walk (context, output).
pub(crate) type ValueCheck = fn(&Value, &str, &mut Walk<'_>);

/// A cross-field rule of a whole operation, run after the declared parameters are walked.
pub(crate) type CrossCheck = fn(&mut Walk<'_>);

/// The JSON type a parameter is documented with.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Kind {
    /// `string`.
    String,
    /// `integer` (a whole JSON number).
    Integer,
    /// `boolean`.
    Boolean,
    /// `object`, with its own documented members.
    Object(&'static [Param]),
    /// `array`, whose every item is declared by the given row (its name is not used).
    Array(&'static Param),
    /// `object` used as a map: any member names, every value declared by the given row
    /// (Kubernetes `data` and `labels`, Key Vault `tags`).
    Map(&'static Param),
}

impl Kind {
    /// The documented type as the seeds write it.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            Kind::String => "a string",
            Kind::Integer => "an integer",
            Kind::Boolean => "a boolean (true or false)",
            Kind::Object(_) | Kind::Map(_) => "an object",
            Kind::Array(_) => "an array",
        }
    }
}

/// Characters a string parameter may contain, beyond which `request.invalid_value` fires: a
/// class an operation declares as data (inclusive ranges and their description), so the same
/// row gives the engine's check and the JSON Schema `pattern` (`schema.rs`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CharClass {
    /// The allowed characters, as inclusive ranges.
    pub ranges: &'static [(char, char)],
    /// What is allowed, for messages ("only ... are allowed").
    pub says: &'static str,
}

impl CharClass {
    /// Whether `c` is allowed.
    pub(crate) fn allows(self, c: char) -> bool {
        self.ranges
            .iter()
            .any(|(low, high)| (*low..=*high).contains(&c))
    }

    /// The first character of `text` outside the class, with its index in characters.
    pub(crate) fn first_outside(self, text: &str) -> Option<(usize, char)> {
        text.chars().enumerate().find(|(_, c)| !self.allows(*c))
    }
}

/// CJK Unified Ideographs and their extensions A to H, and the compatibility ideographs:
/// what "Chinese characters" means for seed 001's description rule.
const CHINESE: [(char, char); 7] = [
    ('\u{3400}', '\u{4DBF}'),   // Extension A
    ('\u{4E00}', '\u{9FFF}'),   // CJK Unified Ideographs
    ('\u{F900}', '\u{FAFF}'),   // Compatibility Ideographs
    ('\u{20000}', '\u{2A6DF}'), // Extension B
    ('\u{2A700}', '\u{2EBEF}'), // Extensions C, D, E, F
    ('\u{2F800}', '\u{2FA1F}'), // Compatibility Ideographs Supplement
    ('\u{30000}', '\u{323AF}'), // Extensions G, H
];

/// ALB listener description (seed 001): letters, digits, `-`, `/`, `.`, `_` and Chinese
/// characters.
pub(crate) const LETTERS_DIGITS_CHINESE: CharClass = CharClass {
    ranges: &[
        ('-', '/'), // - . /
        ('0', '9'),
        ('A', 'Z'),
        ('_', '_'),
        ('a', 'z'),
        CHINESE[0],
        CHINESE[1],
        CHINESE[2],
        CHINESE[3],
        CHINESE[4],
        CHINESE[5],
        CHINESE[6],
    ],
    says: "letters, digits, hyphens (-), forward slashes (/), periods (.), underscores (_) and Chinese characters",
};

/// ALB custom header names (seed 001): lowercase letters, digits, `-`, `_`.
pub(crate) const HEADER_NAME: CharClass = CharClass {
    ranges: &[('-', '-'), ('0', '9'), ('_', '_'), ('a', 'z')],
    says: "lowercase letters, digits, hyphens (-) and underscores (_)",
};

/// What a [`Condition`] tests the referenced field for.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Test {
    /// The field is a string equal to one of `any_of`. The condition is only decided when the
    /// value is one of `known` (an invalid value is reported on its own field and leaves
    /// dependent conditions undecided, so one mistake does not cascade). `absent_means` is the
    /// documented default when the field is absent (`None`: undecided).
    OneOf {
        /// Values for which the condition holds.
        any_of: &'static [&'static str],
        /// Every valid value of the field.
        known: &'static [&'static str],
        /// The documented default, if any.
        absent_means: Option<&'static str>,
    },
    /// The field is `true`; absent or `false` means the condition does not hold.
    IsTrue,
    /// The field is absent (or null): "required unless an alternative member is given", e.g.
    /// Cloudflare's `private_key` unless `custom_csr_id` ([CF-SDK]).
    IsAbsent,
}

/// A fact about another field of the same request, such as "ListenerProtocol is HTTPS".
#[derive(Debug, Clone, Copy)]
pub(crate) struct Condition {
    /// JSON pointer of the field, from the body's root (e.g. `/QuicConfig/QuicUpgradeEnabled`).
    pub field: &'static str,
    /// What the field is tested for.
    pub test: Test,
    /// The condition in words, completing "takes effect only when ...", e.g.
    /// "the listener protocol is HTTPS".
    pub says: &'static str,
}

/// One documented parameter: a row of the seed's table.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Param {
    /// The documented name, exactly as sent.
    pub name: &'static str,
    /// The documented JSON type.
    pub kind: Kind,
    /// Required in every request.
    pub required: bool,
    /// Required when all of these hold (e.g. CaCertificates when CaEnabled is true).
    pub required_when: &'static [Condition],
    /// Takes effect only when all of these hold; set otherwise, it is `request.not_applicable`.
    pub only_when: &'static [Condition],
    /// Integer minimum.
    pub min: Option<i64>,
    /// Integer maximum of the default range.
    pub max: Option<i64>,
    /// Integer maximum reachable with a quota increase (`request.quota_required` above `max`).
    pub quota_max: Option<i64>,
    /// Minimum string length in characters, or list length in items.
    pub min_len: Option<usize>,
    /// Maximum string length in characters, or list length in items.
    pub max_len: Option<usize>,
    /// The only values a string may take, when documented.
    pub values: &'static [&'static str],
    /// Names that are not values but that users send for one (a console's label), each with
    /// the value it means: the enum message names the value.
    pub value_names: &'static [(&'static str, &'static str)],
    /// Characters a string may contain, when documented.
    pub chars: Option<CharClass>,
    /// The prefix an ID of this kind has (`lsn-`, `alb-`, ...): `id.format` otherwise.
    pub id_prefix: Option<&'static str>,
    /// A rule a table cannot say, run on the value when its type is right.
    pub check: Option<ValueCheck>,
    /// A member the API fills in and ignores in a request (what a GET prints):
    /// `request.output_only` when given, `readOnly` in the schema.
    pub output_only: bool,
}

impl Param {
    const fn new(name: &'static str, kind: Kind) -> Param {
        Param {
            name,
            kind,
            required: false,
            required_when: &[],
            only_when: &[],
            min: None,
            max: None,
            quota_max: None,
            min_len: None,
            max_len: None,
            values: &[],
            value_names: &[],
            chars: None,
            id_prefix: None,
            check: None,
            output_only: false,
        }
    }

    /// A `string` parameter.
    pub(crate) const fn string(name: &'static str) -> Param {
        Param::new(name, Kind::String)
    }

    /// An `integer` parameter.
    pub(crate) const fn integer(name: &'static str) -> Param {
        Param::new(name, Kind::Integer)
    }

    /// A `boolean` parameter.
    pub(crate) const fn boolean(name: &'static str) -> Param {
        Param::new(name, Kind::Boolean)
    }

    /// An `object` parameter with its members.
    pub(crate) const fn object(name: &'static str, members: &'static [Param]) -> Param {
        Param::new(name, Kind::Object(members))
    }

    /// An `object` parameter used as a map whose values are declared by `value`.
    pub(crate) const fn map(name: &'static str, value: &'static Param) -> Param {
        Param::new(name, Kind::Map(value))
    }

    /// An `array` parameter whose items are declared by `item`.
    pub(crate) const fn array(name: &'static str, item: &'static Param) -> Param {
        Param::new(name, Kind::Array(item))
    }

    /// The declaration of a list item (its name is never shown).
    pub(crate) const fn item(kind: Kind) -> Param {
        Param::new("", kind)
    }

    /// Marks the parameter required.
    pub(crate) const fn required(self) -> Param {
        Param {
            required: true,
            ..self
        }
    }

    /// Required when all `conditions` hold.
    pub(crate) const fn required_when(self, conditions: &'static [Condition]) -> Param {
        Param {
            required_when: conditions,
            ..self
        }
    }

    /// Takes effect only when all `conditions` hold.
    pub(crate) const fn only_when(self, conditions: &'static [Condition]) -> Param {
        Param {
            only_when: conditions,
            ..self
        }
    }

    /// Integer range `min..=max`.
    pub(crate) const fn range(self, min: i64, max: i64) -> Param {
        Param {
            min: Some(min),
            max: Some(max),
            ..self
        }
    }

    /// Integer minimum, with no maximum.
    pub(crate) const fn at_least(self, min: i64) -> Param {
        Param {
            min: Some(min),
            ..self
        }
    }

    /// Values above the range up to `quota_max` need a quota increase (a warning).
    pub(crate) const fn quota_up_to(self, quota_max: i64) -> Param {
        Param {
            quota_max: Some(quota_max),
            ..self
        }
    }

    /// String length in characters (or list length in items), `min..=max`.
    pub(crate) const fn length(self, min: usize, max: usize) -> Param {
        Param {
            min_len: Some(min),
            max_len: Some(max),
            ..self
        }
    }

    /// At most `max` characters (or items).
    pub(crate) const fn at_most(self, max: usize) -> Param {
        Param {
            max_len: Some(max),
            ..self
        }
    }

    /// One of the documented `values`.
    pub(crate) const fn one_of(self, values: &'static [&'static str]) -> Param {
        Param { values, ..self }
    }

    /// `names` are sent for values (lowercase label, the value it means).
    pub(crate) const fn also_called(self, names: &'static [(&'static str, &'static str)]) -> Param {
        Param {
            value_names: names,
            ..self
        }
    }

    /// Only characters of `chars`.
    pub(crate) const fn chars(self, chars: CharClass) -> Param {
        Param {
            chars: Some(chars),
            ..self
        }
    }

    /// IDs of this kind start with `prefix`.
    pub(crate) const fn id_prefix(self, prefix: &'static str) -> Param {
        Param {
            id_prefix: Some(prefix),
            ..self
        }
    }

    /// The API fills this member in and ignores it in a request.
    pub(crate) const fn output_only(self) -> Param {
        Param {
            output_only: true,
            ..self
        }
    }

    /// Runs `check` on the value once its type is right.
    pub(crate) const fn check(self, check: ValueCheck) -> Param {
        Param {
            check: Some(check),
            ..self
        }
    }
}

/// One supported operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[non_exhaustive]
pub struct OperationInfo {
    /// Stable id, e.g. `alibaba.alb.create-listener`.
    pub id: &'static str,
    /// The platform, e.g. `Alibaba Cloud`, `AWS`, `Kubernetes`.
    pub provider: &'static str,
    /// The provider's action name, accepted as an alias, e.g. `CreateListener`.
    pub action: &'static str,
    /// Other accepted names, such as Huawei's `METHOD /uri` form.
    pub aliases: &'static [&'static str],
    /// The document the operation's rules come from: a seed file, or the TARGETS.md section
    /// with the provider sources it cites.
    pub seed: &'static str,
    /// One line saying what the operation does.
    pub summary: &'static str,
}

/// Everything the engine needs to validate one operation.
#[derive(Debug, Clone, Copy)]
pub(crate) struct OperationDecl {
    /// Id, action name, aliases, seed, summary.
    pub info: OperationInfo,
    /// The codes the provider answers: for a bad parameter (`InvalidParameter`, `APIG.2012`,
    /// none where the seed names none), and for particular rules. Applied when the report is
    /// built; `cert-preflight rules --operation` shows them.
    pub error_codes: ErrorCodes,
    /// What the operation changes about findings (severities, rules it reports as others),
    /// each with the fact of the body it depends on; applied as each finding is made.
    pub policies: Policies,
    /// Path parameters, validated from `RequestContext::path_params` at `/path/<name>`.
    pub path: &'static [Param],
    /// The body's top-level members.
    pub body: &'static [Param],
    /// Cross-field rules, run after the parameters are walked.
    pub checks: &'static [CrossCheck],
    /// Where a form puts the certificate material and what it pre-fills (`form.rs`).
    pub form: FormDecl,
    /// The largest body, in bytes, read at all: derived from the operation's own field limits
    /// with [`body_cap`], checked before parsing.
    pub max_body_bytes: usize,
}

impl OperationDecl {
    /// The largest query-style request (`request_from_query`'s text) read at all: the same
    /// field units as [`OperationDecl::max_body_bytes`], each written as percent-encoding
    /// writes it, up to three bytes (`%0A` for a PEM line end, `%2B` for a base64 `+`) where
    /// JSON writes two. Checked before the text is read.
    pub(crate) const fn max_query_bytes(&self) -> usize {
        (self.max_body_bytes / 2).saturating_mul(3)
    }
}

/// The body size below which every operation reads a body: 1 MiB, room for the seed
/// operations' fields (seed 003: a 65,536-character certificate and an 8,192-character key).
pub(crate) const DEFAULT_BODY_CAP: usize = 1024 * 1024;

/// Room in a body for the members that are not certificate material (names, tags, policy).
const OTHER_MEMBERS: usize = 64 * 1024;

/// The field limits of an operation that documents no size for its certificate and key fields
/// (Google Cloud, Cloudflare): every field may take the whole default body, and at most
/// `max_certificates` certificates (`usize::MAX`: no depth documented either).
pub(crate) const fn undocumented_field_limits(max_certificates: usize) -> FieldLimits {
    FieldLimits {
        certificate: SizeLimit::characters(DEFAULT_BODY_CAP),
        chain: SizeLimit::characters(DEFAULT_BODY_CAP),
        key: SizeLimit::characters(DEFAULT_BODY_CAP),
        max_certificates,
    }
}

/// The largest body an operation whose certificate-bearing fields may hold `field_units`
/// characters (or bytes) together can take: each unit at most twice in JSON (a PEM line end is
/// `\n`, a character up to U+00FF two UTF-8 bytes), plus [`OTHER_MEMBERS`], and never less
/// than [`DEFAULT_BODY_CAP`]. A bound on the work before parsing, not a limit of the API: the
/// fields' own limits are checked after.
pub(crate) const fn body_cap(field_units: usize) -> usize {
    let cap = field_units.saturating_mul(2).saturating_add(OTHER_MEMBERS);
    if cap > DEFAULT_BODY_CAP {
        cap
    } else {
        DEFAULT_BODY_CAP
    }
}

impl Condition {
    /// `field` is one of `any_of` (decided only for the `known` values).
    pub(crate) const fn one_of(
        field: &'static str,
        any_of: &'static [&'static str],
        known: &'static [&'static str],
        says: &'static str,
    ) -> Condition {
        Condition {
            field,
            test: Test::OneOf {
                any_of,
                known,
                absent_means: None,
            },
            says,
        }
    }

    /// `field` is `true`.
    pub(crate) const fn is_true(field: &'static str, says: &'static str) -> Condition {
        Condition {
            field,
            test: Test::IsTrue,
            says,
        }
    }

    /// `field` is absent or null.
    pub(crate) const fn is_absent(field: &'static str, says: &'static str) -> Condition {
        Condition {
            field,
            test: Test::IsAbsent,
            says,
        }
    }

    /// The same condition, with `value` assumed when the field is absent (its documented default).
    pub(crate) const fn absent_means(self, value: &'static str) -> Condition {
        match self.test {
            Test::OneOf { any_of, known, .. } => Condition {
                test: Test::OneOf {
                    any_of,
                    known,
                    absent_means: Some(value),
                },
                ..self
            },
            Test::IsTrue | Test::IsAbsent => self,
        }
    }

    /// Whether the condition holds for `root`: `None` when it cannot be decided.
    pub(crate) fn holds(&self, root: &Value) -> Option<bool> {
        let value = root.pointer(self.field);
        match self.test {
            Test::IsTrue => match value {
                None | Some(Value::Null) => Some(false),
                Some(Value::Bool(b)) => Some(*b),
                Some(_) => None,
            },
            Test::IsAbsent => Some(matches!(value, None | Some(Value::Null))),
            Test::OneOf {
                any_of,
                known,
                absent_means,
            } => {
                let actual = match value {
                    None | Some(Value::Null) => absent_means?,
                    Some(Value::String(s)) => s.as_str(),
                    Some(_) => return None,
                };
                if known.contains(&actual) {
                    Some(any_of.contains(&actual))
                } else {
                    None
                }
            }
        }
    }
}

/// What a form field holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum FieldRole {
    /// The certificate bundle, or the leaf alone when the chain has a field of its own.
    Certificate,
    /// The issuing certificates, in a field of their own (ACM, IAM).
    Chain,
    /// The private key (PEM).
    PrivateKey,
    /// Certificates and private key in one text (Key Vault's `value`): a form may take them
    /// in two inputs and join them, certificates first.
    CertificateAndKey,
    /// One CA certificate (a client-authentication CA upload).
    CaCertificate,
    /// Any other parameter.
    Parameter,
}

/// Where one operation's certificate material goes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct MaterialField {
    pub pointer: &'static str,
    pub role: FieldRole,
    pub required: bool,
}

impl MaterialField {
    /// A field the request must have.
    pub(crate) const fn required(pointer: &'static str, role: FieldRole) -> MaterialField {
        MaterialField {
            pointer,
            role,
            required: true,
        }
    }

    /// A field the request may leave out.
    pub(crate) const fn optional(pointer: &'static str, role: FieldRole) -> MaterialField {
        MaterialField {
            pointer,
            role,
            required: false,
        }
    }
}

/// An operation's form, declared beside its parameters.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FormDecl {
    /// The certificate material fields, in the order a form shows them.
    pub material: &'static [MaterialField],
    /// The other fields a form offers: (pointer, example value). Together with the material,
    /// the examples make a request with no error (`tests/form_fields.rs` holds every operation
    /// to that); an empty example is an optional field a form shows empty.
    pub fields: &'static [(&'static str, &'static str)],
}
