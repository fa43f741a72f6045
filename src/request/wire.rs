//! Request parameters as the query-style SDKs send them, turned into the JSON body the
//! operations are declared over (issue 25).
//!
//! Two SDK families do not send JSON:
//! - AWS IAM (the `awsQuery` protocol; botocore 1.44's `QuerySerializer`) form-encodes the
//!   body: `Action=UploadServerCertificate&Version=2010-05-08&ServerCertificateName=shop&`
//!   `Tags.member.1.Key=env`: lists as `Name.member.N` (N from 1).
//! - Alibaba Cloud's Tea/Darabonba SDKs (alibabacloud-tea-openapi 0.4's `Utils.query`) put RPC
//!   parameters in the URL query, flattened: `Tag.1.Key=env`, objects as `Name.Member`,
//!   every value a string and booleans written as Python prints them (`True`, `False`).
//!
//! Both are `name=value` pairs joined by `&`, percent-encoded. The names give the structure
//! (a number segment is a 1-based list index, `member` before it is skipped); the operation's
//! declaration gives each value its JSON type, so `ListenerPort=443` becomes the integer 443
//! and `DryRun=True` `true`. A value that does not parse as its declared type stays a string,
//! and the engine reports it (`request.wrong_type`) as for a JSON body. Names the operation
//! does not declare are kept, so `request.unknown_field` still names them.
//!
//! The protocol's own parameters are dropped where the operation does not declare them:
//! `Action` when it names this operation and `Version` (awsQuery; Alibaba's V1 signature),
//! and the V1 signature's `Format`, `Timestamp`, `SignatureMethod`, `SignatureVersion`,
//! `SignatureNonce`, `SignatureType`, `Signature`, `AccessKeyId`, `SecurityToken` (Alibaba
//! "RPC signature" document; the V3 signature the current SDKs use sends these as headers).
//! An `Action` naming another operation stays, and is reported as an unknown field.
//!
//! A name given twice keeps its last value (unverified which one the services read); a name
//! given both as a value and as a structure (`A=1`, `A.B=2`) keeps the first, and the other
//! under its full name when that differs.

use serde_json::{Map, Number, Value};

use super::decl::{Kind, OperationInfo, Param};

/// Parameters of the signing protocol, never part of an operation's own parameters.
const PROTOCOL_PARAMS: &[&str] = &[
    "Version",
    "Format",
    "Timestamp",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Signature",
    "AccessKeyId",
    "SecurityToken",
];

/// The JSON body `query` stands for, typed by the operation's body parameters. `query` may be
/// the query string alone, or start with `?` or be a whole URL (`https://host/?a=b`).
pub(crate) fn body_from_query(info: &OperationInfo, body: &'static [Param], query: &str) -> Value {
    let mut tree = Tree::Object(Vec::new());
    for (name, value) in pairs(strip_url(query)) {
        if is_protocol_param(info, body, &name, &value) {
            continue;
        }
        let segments = segments(&name);
        if !tree.insert(&segments, value.clone()) {
            // `A=1` and `A.1.B=2` both given: keep the second as sent, under its own name.
            tree.insert(&[Segment::Name(name)], value);
        }
    }
    tree.typed(Some(Kind::Object(body)))
}

/// Everything after the `?` of a URL; the text itself otherwise.
fn strip_url(text: &str) -> &str {
    let text = text.trim();
    let is_url =
        text.starts_with("http://") || text.starts_with("https://") || text.starts_with('/');
    match text.split_once('?') {
        Some((_, query)) if is_url || text.starts_with('?') => query,
        _ => text,
    }
}

/// `name=value` pairs, percent-decoded (`+` is a space, as in form encoding).
fn pairs(query: &str) -> impl Iterator<Item = (String, String)> + '_ {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => (decode(name), decode(value)),
            None => (decode(pair), String::new()),
        })
}

/// Percent-decoding; a malformed escape is kept as written, and bytes that are not UTF-8
/// become U+FFFD (the engine then reports the value as sent).
fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(&byte) = bytes.get(at) {
        let escaped = match byte {
            b'%' => bytes
                .get(at + 1..at + 3)
                .and_then(|hex| std::str::from_utf8(hex).ok())
                .and_then(|hex| u8::from_str_radix(hex, 16).ok()),
            _ => None,
        };
        match (byte, escaped) {
            (_, Some(decoded)) => {
                out.push(decoded);
                at += 3;
            }
            (b'+', None) => {
                out.push(b' ');
                at += 1;
            }
            (other, None) => {
                out.push(other);
                at += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn is_protocol_param(info: &OperationInfo, body: &[Param], name: &str, value: &str) -> bool {
    if body.iter().any(|p| p.name == name) {
        return false;
    }
    if name == "Action" {
        let action = info.action.rsplit(':').next().unwrap_or(info.action);
        return value.eq_ignore_ascii_case(action);
    }
    PROTOCOL_PARAMS.contains(&name)
}

/// One segment of a flattened name.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Name(String),
    /// A list position, from 1 as sent.
    Index(u64),
}

/// `Tags.member.1.Key` -> Name(Tags), Index(1), Name(Key).
fn segments(name: &str) -> Vec<Segment> {
    let parts: Vec<&str> = name.split('.').collect();
    let mut out = Vec::with_capacity(parts.len());
    let mut parts = parts.iter().peekable();
    while let Some(part) = parts.next() {
        let next_is_index = parts.peek().is_some_and(|next| index(next).is_some());
        if *part == "member" && next_is_index && !out.is_empty() {
            continue;
        }
        match index(part) {
            Some(n) if !out.is_empty() => out.push(Segment::Index(n)),
            _ => out.push(Segment::Name((*part).to_string())),
        }
    }
    out
}

/// A 1-based list position: digits, not zero.
fn index(part: &str) -> Option<u64> {
    if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    part.parse().ok().filter(|n| *n > 0)
}

/// The parameters before their types are known.
#[derive(Debug)]
enum Tree {
    Leaf(String),
    /// Members in the order first given.
    Object(Vec<(String, Tree)>),
    /// Items by their 1-based position (gaps closed up, in position order).
    List(Vec<(u64, Tree)>),
}

impl Tree {
    /// Puts `value` at `path`; false when the path runs into a value of another shape.
    fn insert(&mut self, path: &[Segment], value: String) -> bool {
        let Some((first, rest)) = path.split_first() else {
            return match self {
                Tree::Leaf(old) => {
                    *old = value;
                    true
                }
                _ => false,
            };
        };
        let fresh = || match rest.first() {
            None => Tree::Leaf(String::new()),
            Some(Segment::Name(_)) => Tree::Object(Vec::new()),
            Some(Segment::Index(_)) => Tree::List(Vec::new()),
        };
        let child = match (self, first) {
            (Tree::Object(members), Segment::Name(name)) => {
                match members.iter().position(|(n, _)| n == name) {
                    Some(at) => members.get_mut(at).map(|(_, tree)| tree),
                    None => {
                        members.push((name.clone(), fresh()));
                        members.last_mut().map(|(_, tree)| tree)
                    }
                }
            }
            (Tree::List(items), Segment::Index(n)) => {
                match items.iter().position(|(i, _)| i == n) {
                    Some(at) => items.get_mut(at).map(|(_, tree)| tree),
                    None => {
                        items.push((*n, fresh()));
                        items.last_mut().map(|(_, tree)| tree)
                    }
                }
            }
            _ => None,
        };
        child.is_some_and(|child| child.insert(rest, value))
    }

    /// The JSON value, with leaves typed as `kind` declares (`None`: undeclared, a string).
    fn typed(self, kind: Option<Kind>) -> Value {
        match self {
            Tree::Leaf(text) => typed_leaf(text, kind),
            Tree::Object(members) => {
                let member_kind = |name: &str| match kind {
                    Some(Kind::Object(params)) => {
                        params.iter().find(|p| p.name == name).map(|p| p.kind)
                    }
                    Some(Kind::Map(value)) => Some(value.kind),
                    _ => None,
                };
                let map: Map<String, Value> = members
                    .into_iter()
                    .map(|(name, tree)| {
                        let kind = member_kind(&name);
                        (name, tree.typed(kind))
                    })
                    .collect();
                Value::Object(map)
            }
            Tree::List(mut items) => {
                items.sort_by_key(|(n, _)| *n);
                let item_kind = match kind {
                    Some(Kind::Array(item)) => Some(item.kind),
                    _ => None,
                };
                Value::Array(
                    items
                        .into_iter()
                        .map(|(_, tree)| tree.typed(item_kind))
                        .collect(),
                )
            }
        }
    }
}

/// A string as its declared type: integers in decimal, booleans `true`/`false` in any case
/// (`True` is how Python's `str()` writes them); anything else stays the string as sent.
fn typed_leaf(text: String, kind: Option<Kind>) -> Value {
    match kind {
        Some(Kind::Integer) => match text.parse::<i64>() {
            Ok(n) => Value::Number(Number::from(n)),
            Err(_) => Value::String(text),
        },
        Some(Kind::Boolean) if text.eq_ignore_ascii_case("true") => Value::Bool(true),
        Some(Kind::Boolean) if text.eq_ignore_ascii_case("false") => Value::Bool(false),
        _ => Value::String(text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const ITEM: Param = Param::item(Kind::Object(&[
        Param::string("Key"),
        Param::string("Value"),
    ]));
    const BODY: &[Param] = &[
        Param::string("Name"),
        Param::integer("Port"),
        Param::boolean("DryRun"),
        Param::array("Tag", &ITEM),
        Param::object("Config", &[Param::boolean("Enabled")]),
    ];
    const INFO: OperationInfo = OperationInfo {
        id: "test.op",
        provider: "test",
        action: "svc:DoThing",
        aliases: &[],
        seed: "",
        summary: "",
    };

    #[test]
    fn the_sdks_flattened_forms_become_the_declared_json() {
        let table = [
            // Alibaba Tea: `Name.N.Member`, booleans as Python writes them.
            (
                "Name=a%20b&Port=443&DryRun=True&Tag.2.Key=k2&Tag.1.Key=k1&Tag.1.Value=v1&Config.Enabled=False",
                json!({"Name": "a b", "Port": 443, "DryRun": true,
                       "Tag": [{"Key": "k1", "Value": "v1"}, {"Key": "k2"}],
                       "Config": {"Enabled": false}}),
            ),
            // awsQuery: `Name.member.N.Member`, Action and Version dropped, `+` is a space.
            (
                "Action=DoThing&Version=2010-05-08&Name=a+b&Tag.member.1.Key=env&Tag.member.1.Value=",
                json!({"Name": "a b", "Tag": [{"Key": "env", "Value": ""}]}),
            ),
            // A URL; V1 signature parameters dropped.
            (
                "https://host.example/?AccessKeyId=AK&Signature=x%3D&Timestamp=2026&Port=1",
                json!({"Port": 1}),
            ),
            // Values that are not their type stay strings; unknown names are kept as sent.
            (
                "Port=4.5&DryRun=yes&Tag=x&Other.1.X=y",
                json!({"Port": "4.5", "DryRun": "yes", "Tag": "x", "Other": [{"X": "y"}]}),
            ),
            // Another action is no protocol parameter; a malformed escape stays as written.
            ("Action=Other&Name=100%", json!({"Action": "Other", "Name": "100%"})),
            // A name given twice keeps its last value; UTF-8 escapes decode.
            ("Name=x&Name=%E4%B8%AD", json!({"Name": "中"})),
            // A shape clash keeps the later pair under its own name.
            ("Port=1&Port.1.X=2", json!({"Port": 1, "Port.1.X": "2"})),
            ("", json!({})),
        ];
        for (query, want) in table {
            assert_eq!(body_from_query(&INFO, BODY, query), want, "{query}");
        }
    }
}
