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
use crate::findings::ErrorCodes;

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

/// Characters a string parameter may contain, beyond which `request.invalid_value` fires.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CharSet {
    /// ALB listener description (seed 001): letters, digits, `-`, `/`, `.`, `_` and Chinese
    /// characters (the CJK Unified Ideographs blocks and their extensions).
    LettersDigitsChinese,
    /// ALB custom header names (seed 001): lowercase letters, digits, `-`, `_`.
    HeaderName,
}

impl CharSet {
    /// Whether `c` is allowed.
    pub(crate) fn allows(self, c: char) -> bool {
        match self {
            CharSet::LettersDigitsChinese => {
                c.is_ascii_alphanumeric()
                    || matches!(c, '-' | '/' | '.' | '_')
                    || is_chinese_character(c)
            }
            CharSet::HeaderName => {
                c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
            }
        }
    }

    /// What is allowed, for messages.
    pub(crate) fn describe(self) -> &'static str {
        match self {
            CharSet::LettersDigitsChinese => {
                "letters, digits, hyphens (-), forward slashes (/), periods (.), underscores (_) and Chinese characters"
            }
            CharSet::HeaderName => "lowercase letters, digits, hyphens (-) and underscores (_)",
        }
    }
}

/// CJK Unified Ideographs and their extensions A to H, and the compatibility ideographs:
/// what "Chinese characters" means for seed 001's description rule.
pub(crate) fn is_chinese_character(c: char) -> bool {
    matches!(u32::from(c),
        0x3400..=0x4DBF       // Extension A
        | 0x4E00..=0x9FFF     // CJK Unified Ideographs
        | 0xF900..=0xFAFF     // Compatibility Ideographs
        | 0x20000..=0x2A6DF   // Extension B
        | 0x2A700..=0x2EBEF   // Extensions C, D, E, F
        | 0x2F800..=0x2FA1F   // Compatibility Ideographs Supplement
        | 0x30000..=0x323AF   // Extensions G, H
    )
}

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
    /// Characters a string may contain, when documented.
    pub chars: Option<CharSet>,
    /// The prefix an ID of this kind has (`lsn-`, `alb-`, ...): `id.format` otherwise.
    pub id_prefix: Option<&'static str>,
    /// A rule a table cannot say, run on the value when its type is right.
    pub check: Option<ValueCheck>,
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
            chars: None,
            id_prefix: None,
            check: None,
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

    /// Only characters of `chars`.
    pub(crate) const fn chars(self, chars: CharSet) -> Param {
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
            Test::IsTrue => self,
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
