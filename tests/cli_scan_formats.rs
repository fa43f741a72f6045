//! `scan`'s other outputs, run as a real process: SARIF (its content here; its validity
//! against the SARIF 2.1.0 schema in scripts/test-sarif.sh), the expiry sweep's order, and the
//! shell completions and man page generated from the clap definitions.

mod cli_support;

use std::error::Error;
use std::io::Write as _;
use std::process::{Command, Stdio};

use cli_support::{json_lines, mixed_dir, run, scan_data, NOW};
use serde_json::Value;

type TestResult = Result<(), Box<dyn Error>>;

/// A file in the test's copy of testdata/scan/mixed (with `gone.pem` and `loop`).
fn mixed(name: &str) -> String {
    format!("{}/{name}", mixed_dir())
}

/// The SARIF run of `scan ARGS --format sarif`, with the exit status.
fn sarif(args: &[&str]) -> Result<(Value, i32), Box<dyn Error>> {
    let mut all = vec!["scan", "--now", NOW, "--format", "sarif"];
    all.extend_from_slice(args);
    let r = run(&all);
    let log: Value = serde_json::from_str(&r.stdout)?;
    Ok((log, r.code))
}

#[test]
fn sarif_has_every_rule_and_one_located_result_per_diagnostic() -> TestResult {
    let (log, code) = sarif(&[mixed_dir()])?;
    assert_eq!(code, 2);
    assert_eq!(log["version"], "2.1.0");
    let run0 = &log["runs"][0];
    let rules = run0["tool"]["driver"]["rules"].as_array().ok_or("rules")?;
    let catalogue = cert_preflight::rules();
    assert_eq!(rules.len(), catalogue.len());
    for (got, want) in rules.iter().zip(catalogue) {
        assert_eq!(got["id"], want.id);
        assert_eq!(got["shortDescription"]["text"], want.summary);
        let help = got["help"]["text"].as_str().ok_or("help")?;
        assert!(help.contains(want.source), "{help}");
    }

    // The same diagnostics as JSON Lines, in the same order, each a result.
    let json = run(&["scan", "--now", NOW, "--format", "json", mixed_dir()]);
    let mut expected = Vec::new();
    for report in json_lines(&json.stdout) {
        for d in report["diagnostics"].as_array().ok_or("diagnostics")? {
            expected.push((
                report["file"].clone(),
                report["key_file"].clone(),
                d.clone(),
            ));
        }
    }
    let results = run0["results"].as_array().ok_or("results")?;
    assert_eq!(results.len(), expected.len());
    for (result, (file, key_file, d)) in results.iter().zip(&expected) {
        assert_eq!(result["ruleId"], d["rule"]);
        let index = usize::try_from(result["ruleIndex"].as_u64().ok_or("ruleIndex")?)?;
        assert_eq!(rules[index]["id"], d["rule"]);
        let level = match d["severity"].as_str() {
            Some("info") => "note",
            other => other.ok_or("severity")?,
        };
        assert_eq!(result["level"], level);
        let message = result["message"]["text"].as_str().ok_or("message")?;
        assert!(message.starts_with(d["message"].as_str().ok_or("message")?));
        let location = &result["locations"][0];
        let uri = location["physicalLocation"]["artifactLocation"]["uri"]
            .as_str()
            .ok_or("uri")?;
        let on_key = d["path"]
            .as_str()
            .is_some_and(|p| p.starts_with("/private_key"));
        let located_in = if on_key { key_file } else { file };
        assert_eq!(Some(uri), located_in.as_str().map(file_uri).as_deref());
        assert_eq!(
            location["logicalLocations"][0]["fullyQualifiedName"],
            d["path"]
        );
    }

    // misordered.pem is CA (line 1) then leaf: the root_included note on chain/0 is at line 1.
    let misordered = results
        .iter()
        .find(|r| {
            r["ruleId"] == "chain.root_included"
                && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                    .as_str()
                    .is_some_and(|u| u.ends_with("/misordered.pem"))
        })
        .ok_or("no root_included result for misordered.pem")?;
    assert_eq!(
        misordered["locations"][0]["physicalLocation"]["region"]["startLine"],
        1
    );
    let good_root = results
        .iter()
        .find(|r| {
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                .as_str()
                .is_some_and(|u| u.ends_with("/good.crt"))
        })
        .ok_or("no result for good.crt")?;
    let ca_line = 1
        + std::fs::read_to_string(mixed("good.crt"))?
            .lines()
            .position(|l| l.starts_with("-----END"))
            .ok_or("no END")?
        + 1;
    assert_eq!(
        good_root["locations"][0]["physicalLocation"]["region"]["startLine"],
        ca_line
    );

    let invocation = &run0["invocations"][0];
    assert_eq!(invocation["executionSuccessful"], false);
    let notes = invocation["toolExecutionNotifications"]
        .as_array()
        .ok_or("notifications")?;
    assert_eq!(notes.len(), 1);
    let note_uri = &notes[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"];
    assert_eq!(
        note_uri.as_str(),
        Some(file_uri(&mixed("gone.pem")).as_str())
    );
    Ok(())
}

/// The test data's absolute paths as the URIs SARIF uses.
fn file_uri(path: &str) -> String {
    format!("file://{path}")
}

#[test]
fn sarif_of_a_valid_file_is_a_successful_run_without_errors() -> TestResult {
    let (log, code) = sarif(&[&mixed("good.crt")])?;
    assert_eq!(code, 0);
    let results = log["runs"][0]["results"].as_array().ok_or("results")?;
    // good.crt is valid: its root is included (a note) and that root is a private CA's, not in
    // Mozilla's store (chain.untrusted_root, a warning); nothing is an error.
    assert!(results.iter().all(|r| r["level"] != "error"), "{results:?}");
    assert!(
        results
            .iter()
            .any(|r| r["ruleId"] == "chain.root_included" && r["level"] == "note"),
        "{results:?}"
    );
    assert_eq!(
        log["runs"][0]["invocations"][0]["executionSuccessful"],
        true
    );
    Ok(())
}

/// SARIF is an option of `scan` alone: clap refuses it elsewhere and lists what is accepted.
#[test]
fn sarif_only_from_scan() {
    for command in [&["rules"][..], &["operations"], &["cert", "x.pem"]] {
        let mut args = command.to_vec();
        args.extend(["--format", "sarif"]);
        let r = run(&args);
        assert_eq!(r.code, 2, "{args:?}");
        assert!(
            r.stderr.contains("invalid value 'sarif'")
                && r.stderr.contains("[possible values: human, json]"),
            "{}",
            r.stderr
        );
    }
}

#[test]
fn the_sweep_lists_expiring_certificates_soonest_first() -> TestResult {
    let sweep = |days: &str, format: &str| {
        run(&[
            "scan",
            &scan_data("expiry"),
            "--now",
            NOW,
            "--expiring-within",
            days,
            "--format",
            format,
        ])
    };
    // Names sort a-far, b-40-days, c-expired, d-10-days; the sweep sorts by expiry and leaves
    // out a-far (2035) and the CA in every file (2045).
    let r = sweep("45", "json");
    assert_eq!(r.code, 1, "something is listed: {}", r.stderr);
    let entries = json_lines(&r.stdout);
    let got: Vec<(String, i64)> = entries
        .iter()
        .map(|e| {
            let file = e["file"]
                .as_str()
                .unwrap_or("?")
                .rsplit('/')
                .next()
                .unwrap_or("?");
            (
                file.to_string(),
                e["days_left"].as_i64().unwrap_or(i64::MIN),
            )
        })
        .collect();
    let want = [
        ("c-expired.pem", -22),
        ("d-10-days.pem", 10),
        ("b-40-days.pem", 40),
    ];
    let want: Vec<(String, i64)> = want.iter().map(|(f, d)| (f.to_string(), *d)).collect();
    assert_eq!(got, want);
    assert_eq!(
        entries[0]["subject"],
        "CN=expired.example.com, O=cert-preflight tests"
    );
    assert_eq!(entries[0]["not_after"], "2026-11-01T00:00:00Z");
    assert_eq!(entries[0]["index"], 0);

    let human = sweep("45", "human");
    let rows: Vec<&str> = human
        .stdout
        .lines()
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(rows.len(), 3, "{}", human.stdout);
    for (row, (file, days)) in rows.iter().zip(&want) {
        assert!(row.trim_start().starts_with(&days.to_string()), "{row}");
        assert!(row.contains(&format!("{file}#0")), "{row}");
    }
    assert!(human
        .stdout
        .contains("3 certificates expire within 45 days (1 already expired)"));

    // Only the expired one is within 0 days; nothing in a directory of far dates.
    assert_eq!(json_lines(&sweep("0", "json").stdout).len(), 1);
    let none = run(&[
        "scan",
        &scan_data("expiry/a-far.pem"),
        "--now",
        NOW,
        "--expiring-within",
        "30",
    ]);
    assert_eq!(none.code, 0);
    assert_eq!(none.stdout, "no certificate expires within 30 days\n");

    let sarif = sweep("45", "sarif");
    assert_eq!(sarif.code, 2, "the sweep has no SARIF form");
    Ok(())
}

#[test]
fn bash_completion_parses_and_others_are_generated() -> TestResult {
    let bash = run(&["completions", "bash"]);
    assert_eq!(bash.code, 0);
    assert!(bash.stdout.contains("scan") && bash.stdout.contains("--expiring-within"));
    let mut check = Command::new("bash")
        .arg("-n")
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    check
        .stdin
        .take()
        .ok_or("stdin")?
        .write_all(bash.stdout.as_bytes())?;
    let out = check.wait_with_output()?;
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    for (shell, marker) in [
        ("zsh", "#compdef cert-preflight"),
        ("fish", "complete -c cert-preflight"),
    ] {
        let r = run(&["completions", shell]);
        assert_eq!(r.code, 0, "{shell}");
        assert!(r.stdout.contains(marker), "{shell}: {}", r.stdout);
        assert!(r.stdout.contains("expiring-within"), "{shell}");
    }
    assert_eq!(run(&["completions", "tcsh"]).code, 2);
    Ok(())
}

#[test]
fn the_man_page_renders_without_warnings() -> TestResult {
    let man = run(&["man"]);
    assert_eq!(man.code, 0);
    assert!(man.stdout.starts_with(".ie") || man.stdout.starts_with(".TH"));
    // groff's own checks (-ww: all warnings; -z: no output, only diagnostics).
    let mut groff = Command::new("groff")
        .args(["-man", "-Tutf8", "-ww", "-z"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()?;
    groff
        .stdin
        .take()
        .ok_or("stdin")?
        .write_all(man.stdout.as_bytes())?;
    let out = groff.wait_with_output()?;
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    // The rendered text documents scan's options.
    let text = Command::new("sh")
        // -P-cbou: plain text, no overstrike, bold or underline.
        .args(["-c", "groff -man -Tutf8 -P-cbou"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            if let Some(mut stdin) = c.stdin.take() {
                stdin.write_all(man.stdout.as_bytes())?;
            }
            c.wait_with_output()
        })?;
    let text = String::from_utf8_lossy(&text.stdout);
    for want in [
        "CERT-PREFLIGHT SCAN",
        "--expiring-within",
        "--key-for",
        "--include",
    ] {
        assert!(text.contains(want), "{want} missing in the man page");
    }
    Ok(())
}
