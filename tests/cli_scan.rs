//! `cert-preflight scan` run as a real process over testdata/scan (made by gen.sh): what a
//! mixed directory yields (good, bad, unreadable, keys beside certificates, DER, PKCS#7, a
//! symlink loop, hidden and unrelated files), JSON Lines identical to the library's reports,
//! the exit codes, globs, key pairing and stdin.

mod cli_support;

use std::collections::BTreeSet;
use std::error::Error;

use cert_preflight::{check_certificate, CertificateInput, Timestamp};
use cli_support::{json_lines, mixed_dir, run, run_with, scan_data, NOW};
use serde_json::Value;

type TestResult = Result<(), Box<dyn Error>>;

/// `scan ARGS... --now NOW`.
fn scan(args: &[&str]) -> cli_support::Run {
    let mut all = vec!["scan"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--now", NOW]);
    run(&all)
}

/// The `file` of every JSON Lines record, in output order.
fn files(records: &[Value]) -> Vec<String> {
    records
        .iter()
        .map(|r| r["file"].as_str().unwrap_or("?").to_string())
        .collect()
}

/// A file in the test's copy of testdata/scan/mixed (with `gone.pem` and `loop`).
fn mixed(name: &str) -> String {
    format!("{}/{name}", mixed_dir())
}

#[test]
fn a_mixed_directory_checks_certificates_pairs_keys_and_names_what_it_cannot_read() -> TestResult {
    let r = scan(&[mixed_dir(), "--format", "json"]);
    assert_eq!(r.code, 2, "gone.pem cannot be read: {}", r.stderr);
    let records = json_lines(&r.stdout);
    // File-name order; not: good.key/wrong.key (paired), orphan.key and orphan-der.key (keys
    // alone, PEM and DER),
    // notes.txt (not PEM), .hidden/ (hidden), loop/ (the loop is not followed).
    let want: Vec<String> = [
        "bundle.p7b",
        "bundle.p7c",
        "good.crt",
        "leaf.der",
        "misordered.pem",
        "noext",
        "wrong.crt",
    ]
    .iter()
    .map(|f| mixed(f))
    .collect();
    assert_eq!(files(&records), want);

    let by_file = |name: &str| records.iter().find(|r| r["file"] == mixed(name).as_str());
    let rules = |name: &str| -> BTreeSet<String> {
        by_file(name)
            .and_then(|r| r["diagnostics"].as_array())
            .map(|ds| {
                ds.iter()
                    .filter_map(|d| d["rule"].as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let good = by_file("good.crt").ok_or("good.crt")?;
    assert_eq!(good["valid"], true);
    assert_eq!(good["key_file"], mixed("good.key").as_str());
    assert!(rules("misordered.pem").contains("chain.misordered"));
    assert_eq!(
        by_file("wrong.crt").ok_or("wrong.crt")?["key_file"],
        mixed("wrong.key").as_str()
    );
    assert!(rules("wrong.crt").contains("key.mismatch"));
    // DER is read (wrapped into PEM): the leaf alone, so its issuer is missing.
    let der = by_file("leaf.der").ok_or("leaf.der")?;
    assert_eq!(der["certificate"]["leaf"]["common_name"], "www.example.com");
    assert!(rules("leaf.der").contains("chain.incomplete"));
    // PKCS#7 files are checked like any other certificate file; whether the core reads them
    // or reports them is the core's business, but they get a report.
    for p7 in ["bundle.p7b", "bundle.p7c"] {
        let report = by_file(p7).ok_or(p7)?;
        assert!(report["valid"].is_boolean(), "{report}");
    }

    let err_lines: Vec<&str> = r.stderr.lines().collect();
    assert!(
        err_lines
            .iter()
            .any(|l| l.starts_with("cert-preflight: error: ")
                && l.ends_with(&format!("({})", mixed("gone.pem")))),
        "{}",
        r.stderr
    );
    assert!(
        err_lines
            .iter()
            .any(|l| l.starts_with("cert-preflight: note: ")
                && l.contains(&mixed("loop"))
                && l.contains("not followed")),
        "{}",
        r.stderr
    );
    assert_eq!(err_lines.len(), 2, "{}", r.stderr);
    assert!(!r.stderr.contains("panicked"));
    Ok(())
}

#[test]
fn human_output_is_one_block_per_file_then_the_summary_table() {
    let r = scan(&[mixed_dir()]);
    assert_eq!(r.code, 2);
    let blocks: Vec<&str> = r.stdout.split("\n\n").collect();
    // 7 files, then the summary table.
    assert_eq!(blocks.len(), 8, "{}", r.stdout);
    assert!(blocks[2].starts_with(&format!(
        "{} (key {})\n",
        mixed("good.crt"),
        mixed("good.key")
    )));
    assert!(blocks[2].contains("✓ valid"), "{}", blocks[2]);
    assert!(
        blocks[4].contains("error[chain.misordered]"),
        "{}",
        blocks[4]
    );
    let table = blocks[7];
    for (label, n) in [
        ("files checked", 7),
        ("could not be read", 1),
        ("keys checked with their certificate", 2),
        ("keys without a certificate (not checked)", 2),
        ("expiring within 30 days", 0),
    ] {
        let row = table
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_default();
        assert!(
            row.trim_end().ends_with(&format!(" {n}")),
            "{label}: {table}"
        );
    }
    // Counted the same way as the JSON says.
    let json = json_lines(&scan(&[mixed_dir(), "--format", "json"]).stdout);
    let valid = json.iter().filter(|r| r["valid"] == true).count();
    let row = |label: &str| {
        table
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .and_then(|l| l.split_whitespace().last())
            .and_then(|n| n.parse::<usize>().ok())
    };
    assert_eq!(row("valid"), Some(valid));
    assert_eq!(row("with errors"), Some(7 - valid));
    // Not a terminal: no progress line, no colour.
    assert!(!r.stderr.contains('\r') && !r.stderr.contains("scanning"));
    assert!(!r.stdout.contains('\x1b'));
}

#[test]
fn json_lines_are_the_library_reports_with_their_file() -> TestResult {
    let r = scan(&[
        &mixed("good.crt"),
        &mixed("misordered.pem"),
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2);
    let now = Timestamp::parse_rfc3339(NOW)?;
    for (line, (cert, key)) in lines
        .iter()
        .zip([("good.crt", Some("good.key")), ("misordered.pem", None)])
    {
        assert!(
            line.starts_with(&format!("{{\"file\":{:?}", mixed(cert))),
            "{line}"
        );
        let pem = std::fs::read_to_string(mixed(cert))?;
        let key_text = key.map(|k| std::fs::read_to_string(mixed(k))).transpose()?;
        let mut input = CertificateInput::new(&pem, now);
        input.private_key = key_text.as_deref();
        let want = serde_json::to_value(check_certificate(&input))?;
        let mut got: Value = serde_json::from_str(line)?;
        let got_map = got.as_object_mut().ok_or("not an object")?;
        assert_eq!(got_map.remove("file"), Some(Value::from(mixed(cert))));
        let key_file = got_map.remove("key_file");
        assert_eq!(key_file, key.map(|k| Value::from(mixed(k))));
        assert_eq!(got, want, "{cert}");
    }
    Ok(())
}

#[test]
fn exit_codes_say_unreadable_then_errors_then_clean() {
    let cases: &[(&[&str], i32)] = &[
        (&[&mixed("good.crt")], 0),
        (&[&mixed("good.crt"), &mixed("leaf.der")], 0),
        (&[&mixed("good.crt"), &mixed("misordered.pem")], 1),
        (&[&mixed("wrong.crt")], 1),
        (&[&mixed("good.crt"), &mixed("gone.pem")], 2),
        (&[&mixed("misordered.pem"), &scan_data("no-such-dir")], 2),
        (&[mixed_dir()], 2),
        (&[mixed_dir(), "--exclude", "gone.pem"], 1),
        (
            &[mixed_dir(), "--include", "good.*", "--include", "noext"],
            0,
        ),
        // A directory with nothing to check is not a failure.
        (&[&mixed(".hidden"), "--include", "*.none"], 0),
    ];
    for (args, want) in cases {
        let r = scan(args);
        assert_eq!(r.code, *want, "{args:?}\n{}{}", r.stdout, r.stderr);
        assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    }
}

#[test]
fn globs_and_hidden_choose_the_files() {
    let cases: &[(&[&str], &[&str])] = &[
        (&["--include", "*.crt"], &["good.crt", "wrong.crt"]),
        (&["--include", "*.crt", "--exclude", "w*"], &["good.crt"]),
        (
            &[
                "--exclude",
                "*.p7?",
                "--exclude",
                "gone.pem",
                "--exclude",
                "*.pem",
            ],
            &["good.crt", "leaf.der", "noext", "wrong.crt"],
        ),
        (
            &["--include", "**/*.pem", "--hidden", "--exclude", "gone.pem"],
            &[".hidden/skipped.pem", "misordered.pem"],
        ),
    ];
    for (options, want) in cases {
        let dir = mixed_dir().to_string();
        let mut args = vec![dir.as_str(), "--format", "json"];
        args.extend_from_slice(options);
        let r = scan(&args);
        let want: Vec<String> = want.iter().map(|f| mixed(f)).collect();
        assert_eq!(files(&json_lines(&r.stdout)), want, "{options:?}");
    }
}

#[test]
fn keys_pair_by_sibling_name_or_key_for_and_never_print() -> TestResult {
    let none = scan(&[&mixed("good.crt"), "--no-sibling-keys", "--format", "json"]);
    let records = json_lines(&none.stdout);
    assert!(records[0].get("key_file").is_none(), "{}", none.stdout);

    let pair = format!("{}={}", mixed("misordered.pem"), mixed("good.key"));
    let r = scan(&[
        &mixed("misordered.pem"),
        "--key-for",
        &pair,
        "--format",
        "json",
    ]);
    let records = json_lines(&r.stdout);
    assert_eq!(records[0]["key_file"], mixed("good.key").as_str());
    let rules: Vec<&str> = records[0]["diagnostics"]
        .as_array()
        .ok_or("diagnostics")?
        .iter()
        .filter_map(|d| d["rule"].as_str())
        .collect();
    assert!(!rules.contains(&"key.mismatch"), "{rules:?}");

    let other = format!("{}={}", mixed("good.crt"), mixed("orphan.key"));
    let r = scan(&[mixed_dir(), "--key-for", &other, "--exclude", "gone.pem"]);
    assert!(r.stdout.contains(&format!("(key {})", mixed("orphan.key"))));
    assert!(r.stdout.contains("error[key.mismatch]"), "{}", r.stdout);
    for key in ["good.key", "wrong.key", "orphan.key"] {
        for line in std::fs::read_to_string(mixed(key))?
            .lines()
            .filter(|l| !l.starts_with("-----"))
        {
            assert!(!r.stdout.contains(line) && !r.stderr.contains(line));
        }
    }

    let bad = scan(&[&mixed("good.crt"), "--key-for", "good.crt"]);
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.trim_end().ends_with("(--key-for)"),
        "{}",
        bad.stderr
    );
    Ok(())
}

#[test]
fn stdin_is_one_file_named_stdin() -> TestResult {
    let pem = std::fs::read(mixed("misordered.pem"))?;
    let r = run_with(&["scan", "-", "--now", NOW, "--format", "json"], &pem, &[]);
    assert_eq!(r.code, 1);
    assert_eq!(files(&json_lines(&r.stdout)), ["stdin"]);
    let twice = run(&["scan", "-", "-"]);
    assert_eq!(twice.code, 2);
    Ok(())
}

#[test]
fn output_does_not_depend_on_the_number_of_workers() {
    let dir = mixed_dir().to_string();
    let one = scan(&[&dir, "--jobs", "1", "--format", "json"]);
    let four = scan(&[&dir, "--jobs", "4", "--format", "json"]);
    assert_eq!(one.stdout, four.stdout);
    assert_eq!(one.stderr, four.stderr);
    assert_eq!(one.code, four.code);
}
