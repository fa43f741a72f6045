//! Tests of the domain field and list rules.
#![allow(clippy::as_conversions, reason = "test data: an index below 8")]

use super::name::{check_name_rules, is_plain_host_name, punycode_name, MAX_LABEL};
use super::*;
use crate::report::Diagnostic;

const PATH: &str = "/certificate/domain";

/// `(rule, severity)` of each diagnostic, in emission order.
fn kinds(diags: &[Diagnostic]) -> Vec<(String, Severity)> {
    diags.iter().map(|d| (d.rule.clone(), d.severity)).collect()
}

fn field(text: &str) -> (Vec<Diagnostic>, Vec<String>) {
    let mut out = crate::findings::Findings::new();
    let names = check_domain_field(text, PATH, &mut out);
    let out = out.diagnostics();
    for d in &out {
        assert_eq!(d.path, PATH);
        assert!(!d.message.is_empty());
    }
    (out, names.into_iter().map(|n| n.name.to_string()).collect())
}

fn rules_for(text: &str) -> Vec<&'static str> {
    let (out, _) = field(text);
    let mut ids: Vec<&'static str> = out
        .iter()
        .map(|d| {
            crate::catalog::find_rule(&d.rule)
                .map(|r| r.id)
                .unwrap_or("unknown")
        })
        .collect();
    ids.sort_unstable();
    ids
}

/// A name of `n` characters made of valid labels (63-character labels and a shorter last).
fn name_of(n: usize) -> String {
    let mut labels = Vec::new();
    let mut left = n;
    while left > 0 {
        if left <= MAX_LABEL {
            labels.push("b".repeat(left));
            break;
        }
        // A 63-character label plus its dot; never leave a 0-character remainder.
        let take = if left - 64 == 0 { 62 } else { 63 };
        labels.push("a".repeat(take));
        left -= take + 1;
    }
    let name = labels.join(".");
    assert_eq!(name.chars().count(), n);
    name
}

/// A field of `names` valid names joined by commas, exactly `len` characters long.
fn field_of(len: usize, names: usize) -> String {
    let commas = names - 1;
    let each = (len - commas) / names;
    let extra = (len - commas) % names;
    let parts: Vec<String> = (0..names)
        .map(|i| {
            let n = each + usize::from(i < extra);
            // Distinct names: vary the last label's first character.
            let mut s = name_of(n);
            let c = char::from(b'a' + u8::try_from(i % 26).unwrap_or(0));
            s.replace_range(s.len() - 1.., &c.to_string());
            s
        })
        .collect();
    let text = parts.join(",");
    assert_eq!(text.chars().count(), len);
    text
}

#[test]
fn name_rules_table() {
    let table: &[(&str, &[&str])] = &[
        ("www.test.com", &[]),
        ("a.com,b.com", &[]),
        ("x-1.test-2.com", &[]),
        ("A.Example.COM", &[]),
        ("", &[]),
        // empty entries
        ("a.com,,b.com", &["domain.empty_entry"]),
        (",a.com", &["domain.empty_entry"]),
        ("a.com,", &["domain.empty_entry"]),
        ("a.com, ,b.com", &["domain.empty_entry"]),
        (" ", &["domain.empty_entry"]),
        (",", &["domain.empty_entry", "domain.empty_entry"]),
        // whitespace around a name
        ("a.com, b.com", &["domain.label_invalid"]),
        ("a.com ", &["domain.label_invalid"]),
        // labels
        ("a..b.com", &["domain.label_invalid"]),
        (".a.com", &["domain.label_invalid"]),
        ("a.com.", &["domain.label_invalid"]),
        ("a_b.com", &["domain.label_invalid"]),
        ("a b.com", &["domain.label_invalid"]),
        ("-a.com", &["domain.label_invalid"]),
        ("a-.com", &["domain.label_invalid"]),
        ("-a.b-.com", &["domain.label_invalid"]),
        ("a_b.-c..com", &["domain.label_invalid"; 3]),
        // wildcards
        ("*.test.com", &[]),
        ("*.com", &[]),
        ("a*.x.com", &["domain.wildcard_invalid"]),
        ("a.*.com", &["domain.wildcard_invalid"]),
        ("*.*.com", &["domain.wildcard_invalid"]),
        ("*", &["domain.wildcard_invalid"]),
        ("*com", &["domain.wildcard_invalid"]),
        ("*.", &["domain.wildcard_invalid"]),
        ("**.a.com", &["domain.wildcard_invalid"]),
        ("x.com.*", &["domain.wildcard_invalid"]),
        // non-ASCII
        ("bücher.example", &["domain.non_ascii"]),
        (
            "bü_cher.example",
            &["domain.label_invalid", "domain.non_ascii"],
        ),
        // duplicates
        ("a.com,A.COM", &["domain.duplicate"]),
        ("a.com,b.com,a.com", &["domain.duplicate"]),
        (
            "a..com,a..com",
            &[
                "domain.duplicate",
                "domain.label_invalid",
                "domain.label_invalid",
            ],
        ),
    ];
    for (text, want) in table {
        let mut want: Vec<&str> = want.to_vec();
        want.sort_unstable();
        assert_eq!(rules_for(text), want, "field {text:?}");
    }
}

#[test]
fn severities_and_returned_names() {
    let (out, names) = field("a.com,A.com,b..com,c.com");
    assert_eq!(names, vec!["a.com", "c.com"]);
    assert_eq!(
        kinds(&out),
        vec![
            ("domain.duplicate".to_string(), Severity::Warning),
            ("domain.label_invalid".to_string(), Severity::Error),
        ]
    );
    assert!(out[0].message.contains("Entry 2"), "{}", out[0].message);
    assert!(out[0].message.contains("entry 1"), "{}", out[0].message);
    assert!(
        out[1].message.starts_with("Entry 3, \"b..com\": "),
        "{}",
        out[1].message
    );

    // Whitespace is reported, yet the trimmed name goes on to coverage.
    let (out, names) = field("a.com, b.com");
    assert_eq!(names, vec!["a.com", "b.com"]);
    assert!(
        out[0].message.contains("remove the space"),
        "{}",
        out[0].message
    );

    // Invalid names are not returned.
    let (_, names) = field("*.a.com,a*.b.com,bücher.example,-x.com");
    assert_eq!(names, vec!["*.a.com"]);
}

#[test]
fn one_problem_one_diagnostic() {
    // `*` is not also called a bad character; `*.` is not also an empty label.
    for text in ["*", "*.", "a*.x.com", "*.*.com"] {
        assert_eq!(rules_for(text), vec!["domain.wildcard_invalid"], "{text:?}");
    }
    // Two bad labels of the same kind: one diagnostic.
    assert_eq!(rules_for("-a.-b.com"), vec!["domain.label_invalid"]);
    assert_eq!(
        rules_for(&format!("{0}.{0}.com", "a".repeat(64))),
        vec!["domain.label_too_long"]
    );
    // Non-ASCII letters are not also bad characters.
    assert_eq!(rules_for("bücher.example"), vec!["domain.non_ascii"]);
}

#[test]
fn wildcard_messages() {
    let (out, _) = field("a.*.com");
    assert!(out[0].message.contains("label 2"), "{}", out[0].message);
    assert!(out[0].message.contains("*.test.com"), "{}", out[0].message);
}

#[test]
fn name_count_boundary() {
    let names = |n: usize| {
        (0..n)
            .map(|i| format!("h{i}.test.com"))
            .collect::<Vec<_>>()
            .join(",")
    };
    assert_eq!(rules_for(&names(30)), Vec::<&str>::new());
    assert_eq!(rules_for(&names(31)), vec!["domain.too_many"]);
    let (out, got) = field(&names(31));
    assert!(out[0].message.contains("31"), "{}", out[0].message);
    assert_eq!(got.len(), 31);
    // Empty entries do not count as names.
    assert_eq!(
        rules_for(&format!("{},", names(30))),
        vec!["domain.empty_entry"]
    );
}

#[test]
fn label_length_boundary() {
    let at = format!("{}.com", "a".repeat(63));
    let over = format!("{}.com", "a".repeat(64));
    assert_eq!(rules_for(&at), Vec::<&str>::new());
    assert_eq!(rules_for(&over), vec!["domain.label_too_long"]);
    let (out, names) = field(&over);
    assert!(names.is_empty());
    assert!(out[0].message.contains("64"), "{}", out[0].message);
    // Characters, not bytes: 63 non-ASCII characters are not too long.
    let wide = format!("{}.com", "é".repeat(63));
    assert_eq!(rules_for(&wide), vec!["domain.non_ascii"]);
    let wider = format!("{}.com", "é".repeat(64));
    assert_eq!(
        rules_for(&wider),
        vec!["domain.label_too_long", "domain.non_ascii"]
    );
}

#[test]
fn name_length_boundary() {
    assert_eq!(rules_for(&name_of(253)), Vec::<&str>::new());
    let (out, names) = field(&name_of(254));
    assert_eq!(
        kinds(&out),
        vec![("domain.too_long".to_string(), Severity::Warning)]
    );
    // A warning only: the name is still returned.
    assert_eq!(names.len(), 1);
}

#[test]
fn field_length_boundary() {
    let table: &[(usize, usize, Option<Severity>)] = &[
        (1_024, 4, None),
        (1_025, 5, Some(Severity::Warning)),
        (10_000, 30, Some(Severity::Warning)),
        (10_001, 30, Some(Severity::Error)),
    ];
    for &(len, count, want) in table {
        let text = field_of(len, count);
        let (out, names) = field(&text);
        let got: Vec<Severity> = out
            .iter()
            .filter(|d| d.rule == "domain.field_too_long")
            .map(|d| d.severity)
            .collect();
        assert_eq!(got, want.into_iter().collect::<Vec<_>>(), "length {len}");
        // Everything else is only the names' own length warning.
        assert!(
            out.iter()
                .all(|d| d.rule == "domain.field_too_long" || d.rule == "domain.too_long"),
            "length {len}: {out:?}"
        );
        assert_eq!(names.len(), count, "length {len}");
    }
    let (out, _) = field(&field_of(10_001, 30));
    assert!(out[0].message.contains("10,000"), "{}", out[0].message);
    assert!(out[0].message.contains("1,024"), "{}", out[0].message);
    let (out, _) = field(&field_of(1_025, 5));
    assert!(out[0].message.contains("10,000"), "{}", out[0].message);
}

/// Names as a list with a path each (APIG form); shared with the coverage tests.
pub(super) fn listed<'a>(names: &[&'a str]) -> Vec<CheckedName<'a>> {
    names
        .iter()
        .enumerate()
        .map(|(i, n)| CheckedName {
            name: n,
            path: format!("/domains/{i}/domain").into(),
        })
        .collect()
}

#[test]
fn list_form() {
    let mut out = crate::findings::Findings::new();
    let got = check_domain_list(
        &listed(&["a.com", "b..com", "A.com", "", " c.com", "*.x.com"]),
        &mut out,
    );
    let out = out.diagnostics();
    let summary: Vec<(&str, &str)> = out
        .iter()
        .map(|d| (d.rule.as_str(), d.path.as_str()))
        .collect();
    assert_eq!(
        summary,
        vec![
            ("domain.label_invalid", "/domains/1/domain"),
            ("domain.duplicate", "/domains/2/domain"),
            ("domain.empty_entry", "/domains/3/domain"),
            ("domain.label_invalid", "/domains/4/domain"),
        ]
    );
    assert!(out[1].message.contains("entry 0"), "{}", out[1].message);
    assert!(
        out[1].message.contains("/domains/0/domain"),
        "{}",
        out[1].message
    );
    let got: Vec<(&str, &str)> = got.iter().map(|n| (n.name, n.path.as_ref())).collect();
    assert_eq!(
        got,
        vec![
            ("a.com", "/domains/0/domain"),
            ("c.com", "/domains/4/domain"),
            ("*.x.com", "/domains/5/domain"),
        ]
    );
}

#[test]
fn list_count_boundary() {
    let make = |n: usize| (0..n).map(|i| format!("h{i}.a.com")).collect::<Vec<_>>();
    let thirty = make(30);
    let refs: Vec<&str> = thirty.iter().map(String::as_str).collect();
    let mut out = crate::findings::Findings::new();
    check_domain_list(&listed(&refs), &mut out);
    let out = out.diagnostics();
    assert!(out.is_empty(), "{out:?}");

    let many = make(33);
    let refs: Vec<&str> = many.iter().map(String::as_str).collect();
    let mut out = crate::findings::Findings::new();
    check_domain_list(&listed(&refs), &mut out);
    let out = out.diagnostics();
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].rule, "domain.too_many");
    assert_eq!(out[0].path, "/domains/30/domain");
    assert!(out[0].message.contains("33"), "{}", out[0].message);
}

#[test]
fn punycode_in_message() {
    let (out, _) = field("Bücher.example");
    assert_eq!(out.len(), 1);
    assert!(
        out[0].message.contains("\"xn--bcher-kva.example\""),
        "{}",
        out[0].message
    );
    assert_eq!(
        punycode_name(&["bücher", "example"]).as_deref(),
        Some("xn--bcher-kva.example")
    );
    assert_eq!(
        punycode_name(&["MÜNCHEN", "de"]).as_deref(),
        Some("xn--mnchen-3ya.de")
    );
    // A suggestion is itself a valid name: a label whose encoding would be over 63 characters
    // gets none (issue 27: a 60- to 63-character label was encoded past the limit).
    for length in 2..=70 {
        let label = format!("ü{}", "a".repeat(length - 1));
        match punycode_name(&[&label, "de"]) {
            Some(ascii) => {
                let first = ascii.split('.').next().unwrap_or_default();
                assert!(first.len() <= MAX_LABEL, "{length}: {ascii}");
            }
            None => assert!(
                length > MAX_LABEL - 7,
                "{length}: an encoding of {} characters fits",
                length + 6
            ),
        }
    }
    let longest = format!("ü{}", "a".repeat(MAX_LABEL - 8));
    assert_eq!(
        punycode_name(&[&longest]).map(|a| a.len()),
        Some(MAX_LABEL),
        "the longest label that still encodes"
    );
}

#[test]
fn never_panics_on_odd_input() {
    let odd = [
        "\u{10FFFF}".repeat(3_000),
        ('\u{80}'..='\u{D7FF}').collect::<String>(),
        "\u{0}.\u{7F}.com".to_string(),
        "é".repeat(20_000),
        ",".repeat(50),
        ".".repeat(300),
        "*".repeat(100),
        "a\u{301}.b\u{200D}.c".to_string(),
        "\u{3000}a.com\u{3000}".to_string(),
        "xn--.-.--.*-.-*".to_string(),
    ];
    for text in &odd {
        let mut out = crate::findings::Findings::new();
        let names = check_domain_field(text, PATH, &mut out);
        let list = listed(&[text.as_str()]);
        let more = check_domain_list(&list, &mut out);
        check_coverage(
            &names.into_iter().chain(more).collect::<Vec<_>>(),
            &CertificateNames {
                dns: [text.as_str(), "*", "", "*."].map(String::from).to_vec(),
                common_name: Some(text.clone()),
                ip_addresses: Vec::new(),
            },
            &mut out,
        );
        let out = out.diagnostics();
        for d in &out {
            assert!(d.message.chars().count() < 1_000, "{}", d.message);
        }
    }
}

/// The fast path never hides a finding: every name it passes gets no diagnostic from the
/// rules one by one. Names from a small alphabet that exercises every rule, plus boundaries.
#[test]
fn plain_host_names_pass_every_rule() {
    let mut names: Vec<String> = [
        "a",
        "a.b",
        "www.example.com",
        "xn--bcher-kva.example",
        "a-b.c",
        "1.2.3.4",
        "-a.com",
        "a-.com",
        "a..com",
        ".a.com",
        "a.com.",
        "*.a.com",
        "a b.com",
        " a.com",
        "ä.com",
        "",
    ]
    .map(String::from)
    .to_vec();
    names.push(format!("{}.com", "a".repeat(63)));
    names.push(format!("{}.com", "a".repeat(64)));
    names.push(vec!["a".repeat(63); 4].join(".")); // 255 characters
    names.push(format!(
        "{}.{}",
        "a".repeat(63),
        vec!["b".repeat(63); 3].join(".")
    )); // 255
    names.push(format!(
        "{}.{}",
        "a".repeat(61),
        vec!["b".repeat(63); 3].join(".")
    )); // 253
    let alphabet = b"ab-.*_ 0";
    let mut state: u32 = 12_345;
    for _ in 0..5_000 {
        let mut name = String::new();
        state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        for _ in 0..(state >> 16) % 9 {
            state = state.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            name.push(char::from(alphabet[((state >> 16) % 8) as usize]));
        }
        names.push(name);
    }
    let mut plain = 0;
    for name in &names {
        if !is_plain_host_name(name) {
            continue;
        }
        plain += 1;
        let mut out = crate::findings::Findings::new();
        let subject = Subject {
            entry: None,
            raw: name,
        };
        assert!(check_name_rules(name, PATH, &subject, &mut out), "{name:?}");
        assert_eq!(out.len(), 0, "{name:?}: {out:?}");
    }
    assert!(plain > 100, "only {plain} plain names were tried");
    // The longest ordinary names take the fast path too (issue 27: a limit of 252 characters
    // or 62 per label there changed no verdict, only which path a name took): a 63-character
    // label, and a 253-character name of such labels; one more is not plain.
    let label_63 = format!("{}.com", "a".repeat(63));
    let label_64 = format!("{}.com", "a".repeat(64));
    let name_253 = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(61));
    let name_254 = format!("{0}.{0}.{0}.{1}", "a".repeat(63), "b".repeat(62));
    assert_eq!((name_253.len(), name_254.len()), (253, 254));
    for name in [
        "www.example.com",
        "a1.apps.example.com",
        "xn--bcher-kva.example",
        "a",
        &label_63,
        &name_253,
    ] {
        assert!(is_plain_host_name(name), "{name}");
    }
    for name in [
        "a-.com", "-a.com", "a..com", "a.com.", "*.a.com", " a.com", "a_b.com", "", &label_64,
        &name_254,
    ] {
        assert!(!is_plain_host_name(name), "{name}");
    }
}

/// The names a client asks for may be IP addresses (RFC 9525 section 6.2): the `cert`
/// command's `--domains` takes IPv4 and IPv6 literals as they are written, where a provider's
/// domain field takes DNS names only (seed 003's syntax: an IPv6 literal is invalid there).
#[test]
fn peer_names_take_ip_addresses_and_domain_fields_do_not() {
    let text = "::1,2001:DB8::8a2e:370:7334,192.0.2.1,www.example.com";
    let mut out = crate::findings::Findings::new();
    let names = check_peer_names(text, PATH, &mut out);
    assert!(out.diagnostics().is_empty(), "{:?}", out.diagnostics());
    let names: Vec<&str> = names.iter().map(|n| n.name).collect();
    assert_eq!(
        names,
        [
            "::1",
            "2001:DB8::8a2e:370:7334",
            "192.0.2.1",
            "www.example.com"
        ]
    );

    assert_eq!(rules_for("::1"), ["domain.label_invalid"]);
    // Not an address: a peer name's syntax rules still apply.
    let mut out = crate::findings::Findings::new();
    check_peer_names("1::2::3", PATH, &mut out);
    assert_eq!(
        kinds(&out.diagnostics()),
        [("domain.label_invalid".to_string(), Severity::Error)]
    );
}

/// A message lists at most five certificate names, then how many more there are; exactly five
/// are listed whole (issue 27: "and 0 more" went unnoticed).
#[test]
fn certificate_names_are_listed_five_then_counted() {
    let names = [
        "a.com", "b.com", "c.com", "d.com", "e.com", "f.com", "g.com",
    ];
    let table = [
        (1, "\"a.com\""),
        (5, "\"a.com\", \"b.com\", \"c.com\", \"d.com\", \"e.com\""),
        (
            6,
            "\"a.com\", \"b.com\", \"c.com\", \"d.com\", \"e.com\" and 1 more",
        ),
        (
            7,
            "\"a.com\", \"b.com\", \"c.com\", \"d.com\", \"e.com\" and 2 more",
        ),
    ];
    for (count, listed) in table {
        assert_eq!(list_names(&names[..count]), listed, "{count} names");
    }
}

/// The messages of `domain.label_invalid` show the first five bad characters and the first
/// three labels with a hyphen at an end, and say "and others" only past that (issue 27: the
/// bounds were unpinned).
#[test]
fn invalid_name_messages_show_five_characters_and_three_labels() {
    let table = [
        ("a!b@c#d$e%.com", "'%'; a label", false),
        ("a!b@c#d$e%f^.com", "'%' and others; a label", true),
        ("-a.-b.-c.com", "\"-c\" start or end", false),
        ("-a.-b.-c.-d.com", "\"-c\" and others start or end", true),
    ];
    for (name, says, others) in table {
        let mut out = crate::findings::Findings::new();
        let subject = Subject {
            entry: None,
            raw: name,
        };
        assert!(!check_name_rules(name, PATH, &subject, &mut out), "{name}");
        let diagnostics = out.diagnostics();
        let messages: Vec<&str> = diagnostics.iter().map(|d| d.message.as_str()).collect();
        assert!(
            messages.iter().any(|m| m.contains(says)),
            "{name}: {messages:?}"
        );
        assert_eq!(
            messages.iter().any(|m| m.contains("and others")),
            others,
            "{name}: {messages:?}"
        );
    }
}
