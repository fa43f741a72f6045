//! The command line's `fingerprint` and `rules` commands, and colour handling, run as a real
//! process. Data: testdata/cli (made by gen.sh).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use std::collections::BTreeSet;

use cert_preflight::{fingerprint, rules, DigestAlgorithm, FingerprintStyle};
use cli_support::{data, read, run, run_with, NOW};

#[test]
fn fingerprint_matches_openssl_and_the_library() {
    let sha1 = read("leaf.sha1.txt").trim().to_string();
    let r = run(&["fingerprint", &data("leaf.pem"), "--style", "colon"]);
    assert_eq!(
        (r.code, r.stdout.trim_end()),
        (0, sha1.as_str()),
        "{}",
        r.stderr
    );
    let hex = run(&["fingerprint", &data("leaf.pem")]);
    assert_eq!(hex.stdout.trim_end(), sha1.replace(':', "").to_lowercase());
    let sha256 = read("leaf.sha256.txt").trim().to_string();
    let r = run(&[
        "fingerprint",
        &data("leaf.pem"),
        "--sha256",
        "--style",
        "colon",
    ]);
    assert_eq!(r.stdout.trim_end(), sha256);

    let chain = run(&["fingerprint", &data("fullchain.pem"), "--format", "json"]);
    let report = fingerprint(
        &read("fullchain.pem"),
        DigestAlgorithm::Sha1,
        FingerprintStyle::Hex,
    );
    assert_eq!(
        chain.stdout.trim_end(),
        serde_json::to_string_pretty(&report).unwrap()
    );
    assert_eq!(report.fingerprints.len(), 2);
    let human = run(&["fingerprint", &data("fullchain.pem")]);
    assert_eq!(human.stdout.lines().count(), 2, "{}", human.stdout);
}

#[test]
fn rules_json_lists_every_rule() {
    let r = run(&["rules", "--format", "json"]);
    assert_eq!(r.code, 0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let got: BTreeSet<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    let want: BTreeSet<&str> = rules().iter().map(|r| r.id).collect();
    assert_eq!(got, want);
    assert_eq!(v.as_array().unwrap().len(), rules().len());
}

#[test]
fn rules_human_is_a_table_with_every_id() {
    let r = run(&["rules"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.lines().count(), rules().len() + 1);
    for rule in rules() {
        assert!(
            r.stdout
                .lines()
                .any(|l| l.starts_with(&format!("{} ", rule.id))),
            "{}",
            rule.id
        );
        if let Some(code) = rule.api_error {
            assert!(r.stdout.contains(code), "{code}");
        }
    }
}

#[test]
fn colours_only_on_request() {
    let args = ["cert", "-", "--now", NOW];
    let piped = run_with(&args, b"", &[]);
    let no_color = run_with(&args, b"", &[("NO_COLOR", "1"), ("CLICOLOR_FORCE", "1")]);
    let forced = run_with(&args, b"", &[("CLICOLOR_FORCE", "1")]);
    assert!(!piped.stdout.contains('\u{1b}'), "{:?}", piped.stdout);
    assert!(!no_color.stdout.contains('\u{1b}'), "{:?}", no_color.stdout);
    assert!(
        forced.stdout.contains('\u{1b}'),
        "colour when forced: {:?}",
        forced.stdout
    );
    let rules = run_with(&["rules"], b"", &[("NO_COLOR", "1")]);
    assert!(!rules.stdout.contains('\u{1b}'));
}

/// `rules --operation` shows the code each rule gets in that operation: the same rows as
/// `rules`, with the operation's own error codes (a table, one operation per row).
#[test]
fn rules_per_operation_show_the_operations_codes() -> Result<(), Box<dyn std::error::Error>> {
    let code_of = |operation: Option<&str>, rule: &str| -> Result<Option<String>, String> {
        let mut args = vec!["rules", "--format", "json"];
        if let Some(op) = operation {
            args.extend(["--operation", op]);
        }
        let r = run(&args);
        let listed: serde_json::Value =
            serde_json::from_str(&r.stdout).map_err(|e| e.to_string())?;
        let rows = listed.as_array().ok_or("not an array")?;
        assert_eq!(rows.len(), rules().len(), "every rule is listed");
        let row = rows
            .iter()
            .find(|r| r["id"] == rule)
            .ok_or(rule.to_string())?;
        Ok(row["api_error"].as_str().map(str::to_string))
    };
    let cases: &[(Option<&str>, &str, Option<&str>)] = &[
        (None, "domain.label_invalid", None),
        (None, "request.length", Some("InvalidParameter")),
        (
            Some("huawei.apig.attach-certificate-domains"),
            "domain.label_invalid",
            Some("APIG.2012"),
        ),
        (
            Some("BatchAssociateDomainsV2"),
            "request.length",
            Some("APIG.2012"),
        ),
        (
            Some("huawei.apig.attach-certificate-domains"),
            "domain.not_covered",
            None,
        ),
        (
            Some("huawei.elb.update-certificate"),
            "request.length",
            None,
        ),
        (
            Some("CreateListener"),
            "request.length",
            Some("InvalidParameter"),
        ),
        (
            Some("alibaba.slb.upload-ca-certificate"),
            "tag.key_missing",
            Some("MissingParam.TagKey"),
        ),
    ];
    for (operation, rule, expected) in cases {
        let got = code_of(*operation, rule)?;
        assert_eq!(got.as_deref(), *expected, "{operation:?} {rule}");
    }
    let unknown = run(&["rules", "--operation", "no.such-op"]);
    assert_eq!(unknown.code, 2, "{}", unknown.stderr);
    assert!(
        unknown.stderr.contains("unknown operation"),
        "{}",
        unknown.stderr
    );
    Ok(())
}
