//! The x509-limbo path-validation suite (issue 26), run as a new user would: each SERVER case's
//! leaf and intermediates as the bundle, its roots as the only trust anchors, its validation time
//! as the clock and its peer name as the domain. A case is accepted when the report has no error
//! and neither `chain.incomplete` nor `chain.untrusted_root` (the chain reaches no anchor). An
//! error the normalized bundle fixes (`"fixed": true`: order, repeats, certificates off the path)
//! is the providers' formatting rule, not a client's refusal: a client builds its path from the
//! leaf whatever the order of the rest (RFC 8446 section 4.4.2), and the user uploads the
//! normalized bundle.
//!
//! Audience (issue 20), per namespace: see tests/limbo_support (the loader and the refusal
//! rule, shared with tests/webpki_differential.rs). The `webpki::` cases run with the public
//! audience. A refusal is still an error only: a public-audience warning (a BR rule no client
//! enforces, such as a CN that is not among the SANs) does not count as a refusal, because those
//! cases' certificates would work in every browser; such cases are reasoned exceptions instead.
//!
//! The suite's copy is `testdata/x509-limbo/` (README there: source commit, what was left out).
//! Every case that disagrees with the suite's expected result must be in
//! `testdata/x509-limbo-exceptions.txt` with a reason; an entry for a case that agrees, or for no
//! case, fails the test, so the file cannot go stale. The agreement is printed as a number.
//!
//! The npm and Python packages run a sample of the same cases (`testdata/x509-limbo-sample.txt`)
//! the same way through their own APIs; `the_fronts_sample_names_server_cases` keeps it current.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;
mod limbo_support;

use std::fs;
use std::path::Path;

use cert_preflight::{Audience, Severity};
use limbo_support::{check, read_cases, read_exceptions, refusals, report_refusals};
use serde_json::Value;

/// The agreement reached (174 of 197): the test fails below it, so a change that loses cases is
/// seen even when the exceptions file is updated with it. Issue 26's target of 95% (188 cases)
/// is out of reach without calling chains invalid that clients accept: ten exceptions are
/// structural (four revocation cases, two of the suite's max_chain_depth setting, four where the
/// suite's rfc5280:: and webpki:: variants expect opposite results), which caps agreement at 187
/// (94.9%); thirteen are Baseline Requirements rules no client enforces (pyca/cryptography, the
/// third oracle, accepts each of them too: `pyca_is_a_third_oracle`), which cert-preflight
/// reports as public-audience warnings rather than refusals. Taking IPv6 peer names fixed one
/// case and moved three into that group (a CN that spells an address otherwise than RFC 5952).
const AGREEMENT_FLOOR_PERCENT: f64 = 88.3;

#[test]
fn server_cases_agree_with_the_suite() {
    let cases = read_cases();
    assert!(cases.len() > 190, "the suite has 197 SERVER cases");
    let exceptions = read_exceptions(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/x509-limbo-exceptions.txt"),
    );
    let mut agree = 0;
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for case in &cases {
        let refused = report_refusals(&check(case));
        let accepted = refused.is_empty();
        let agrees = accepted == case.expect_success;
        if agrees {
            agree += 1;
            if exceptions.contains_key(&case.id) {
                stale.push(case.id.clone());
            }
        } else if !exceptions.contains_key(&case.id) {
            let expected = if case.expect_success {
                "SUCCESS"
            } else {
                "FAILURE"
            };
            unexpected.push(format!(
                "{}: expected {expected}, refused by {refused:?}",
                case.id
            ));
        }
    }
    for id in exceptions.keys() {
        if !cases.iter().any(|c| &c.id == id) {
            stale.push(format!("{id} (no such SERVER case)"));
        }
    }
    // Counts of a few hundred: exact in f64 through u32.
    let ratio = |n: usize| f64::from(u32::try_from(n).unwrap());
    let percent = 100.0 * ratio(agree) / ratio(cases.len());
    println!(
        "x509-limbo: {agree} of {} SERVER cases agree with the suite ({percent:.1}%); {} reasoned exceptions",
        cases.len(),
        exceptions.len()
    );
    assert!(
        unexpected.is_empty(),
        "cases that disagree and are not in the exceptions file:\n{}",
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "exceptions for cases that agree now (remove them):\n{}",
        stale.join("\n")
    );
    assert!(
        percent >= AGREEMENT_FLOOR_PERCENT,
        "agreement {percent:.1}% is under the floor {AGREEMENT_FLOOR_PERCENT}%"
    );
}

/// pyca/cryptography's verdicts (testdata/x509-limbo-pyca.tsv, scripts/limbo_pyca.py) as a
/// third oracle: printed beside the suite's, and held against the exceptions file. Where the
/// suite expects a refusal that cert-preflight does not make, and pyca does refuse, a client
/// enforces the rule: the exception's reason must answer for it by naming pyca.
#[test]
fn pyca_is_a_third_oracle() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let text = fs::read_to_string(root.join("testdata/x509-limbo-pyca.tsv")).expect("pyca table");
    let pyca: std::collections::BTreeMap<&str, &str> = text
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            Some((cols.next()?, cols.next()?))
        })
        .collect();
    let exceptions = read_exceptions(&root.join("testdata/x509-limbo-exceptions.txt"));
    let cases = read_cases();
    let (mut compared, mut same, mut unanswered) = (0, 0, Vec::new());
    for case in &cases {
        let verdict = *pyca.get(case.id.as_str()).unwrap_or_else(|| {
            panic!(
                "{} is not in the pyca table: run scripts/limbo_pyca.py",
                case.id
            )
        });
        if verdict == "SKIPPED" {
            continue;
        }
        compared += 1;
        let accepted = report_refusals(&check(case)).is_empty();
        let pyca_accepts = verdict == "SUCCESS";
        if accepted == pyca_accepts {
            same += 1;
        }
        let reason = exceptions.get(&case.id);
        if let Some(reason) = reason {
            if pyca_accepts == case.expect_success && !reason.contains("pyca") {
                unanswered.push(format!(
                    "{}: pyca says {verdict}, as the suite does",
                    case.id
                ));
            }
        }
    }
    let agrees_with_suite = cases
        .iter()
        .filter(|c| {
            pyca.get(c.id.as_str())
                == Some(&if c.expect_success {
                    "SUCCESS"
                } else {
                    "FAILURE"
                })
        })
        .count();
    println!(
        "pyca/cryptography: agrees with the suite on {agrees_with_suite} of {} cases; with cert-preflight on {same} of {compared} it ran",
        cases.len()
    );
    assert!(
        unanswered.is_empty(),
        "exceptions where pyca refuses as the suite does, whose reason does not name pyca:\n{}",
        unanswered.join("\n")
    );
}

/// The npm and Python packages run the cases of `testdata/x509-limbo-sample.txt` through their
/// own APIs (pkg/test/node/limbo-sample.test.mjs, py/tests/test_limbo_sample.py): an id that is
/// no SERVER case any more would make them test less than they say, so it fails here.
#[test]
fn the_fronts_sample_names_server_cases() {
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/x509-limbo-sample.txt"),
    )
    .expect("the sample list (scripts/gen-limbo-sample.py)");
    let cases = read_cases();
    let sample: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let stale: Vec<&&str> = sample
        .iter()
        .filter(|id| !cases.iter().any(|c| c.id == **id))
        .collect();
    assert!(sample.len() >= 30, "{} cases in the sample", sample.len());
    assert!(
        stale.is_empty(),
        "not SERVER cases (run scripts/gen-limbo-sample.py): {stale:?}"
    );
}

/// The CLI gives the crate's verdict (a sample: every seventh case, so each family is touched).
#[test]
fn cli_agrees_with_the_crate_on_a_sample() {
    let dir = std::env::temp_dir().join(format!("x509-limbo-cli-{}", std::process::id()));
    fs::create_dir_all(&dir).unwrap();
    for case in read_cases().iter().step_by(7) {
        let bundle = dir.join("bundle.pem");
        let roots = dir.join("roots.pem");
        fs::write(&bundle, &case.bundle).unwrap();
        fs::write(&roots, &case.roots).unwrap();
        let (bundle, roots) = (bundle.display().to_string(), roots.display().to_string());
        let mut args = vec![
            "cert",
            bundle.as_str(),
            "--roots",
            roots.as_str(),
            "--no-public-roots",
            "--now",
            case.now.as_str(),
            "--format",
            "json",
        ];
        if let Some(peer) = &case.peer {
            args.extend(["--domains", peer.as_str()]);
        }
        if case.audience() == Audience::Public {
            args.extend(["--audience", "public"]);
        }
        let run = cli_support::run(&args);
        let json: Value = serde_json::from_str(&run.stdout)
            .unwrap_or_else(|e| panic!("{}: {e}: {}", case.id, run.stderr));
        let cli_refusals = refusals(json["diagnostics"].as_array().unwrap().iter().map(|d| {
            let severity = match d["severity"].as_str().unwrap() {
                "error" => Severity::Error,
                "warning" => Severity::Warning,
                _ => Severity::Info,
            };
            let fixed = d["fixed"].as_bool().unwrap_or(false);
            (d["rule"].as_str().unwrap().to_string(), severity, fixed)
        }));
        assert_eq!(
            cli_refusals,
            report_refusals(&check(case)),
            "{}: the CLI and the crate differ",
            case.id
        );
        let has_error = json["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["severity"] == "error");
        assert_eq!(run.code, i32::from(has_error), "{}: exit status", case.id);
    }
    fs::remove_dir_all(&dir).ok();
}
