//! The command line's `fingerprint` and `rules` commands, and colour handling, run as a real
//! process. Data: testdata/cli (made by gen.sh).

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
