//! Differential test against `openssl x509` (issue 2, item 10).
//!
//! For every certificate block in every `.pem` under testdata/ (and in the system CA bundle
//! when present), openssl's fingerprints (SHA-1, SHA-256), dates, serial and
//! subjectAltName must equal the facts cert-preflight reports for the same certificate.
//!
//! openssl reads only the first block of its input and does not accept the one-line PEM form
//! (seed 003's), so each block is cut out of its file, re-wrapped as plain 64-column PEM and
//! fed to openssl on stdin; our side checks the file as given (block `i` of the file is
//! `chain[i]` of the report) and the single re-wrapped block as its own field.
//!
//! Without `openssl` on PATH the openssl tests fail when `CI=true` and are skipped (with a
//! message on stderr) otherwise. The facts.json and seed 003 tests need no openssl.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::collections::BTreeMap;
use std::io::Write;
use std::net::IpAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use cert_preflight::{
    check_certificate, fingerprint, CertificateFacts, CertificateInput, DigestAlgorithm,
    FingerprintStyle, Timestamp,
};

const BEGIN: &str = "-----BEGIN CERTIFICATE-----";
const END: &str = "-----END CERTIFICATE-----";
const SYSTEM_BUNDLE: &str = "/etc/ssl/certs/ca-certificates.crt";

fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap()
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

fn pem_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        // The x509-limbo suite has its own oracles (tests/x509_limbo.rs, the suite's expected
        // results; tests/webpki_differential.rs, rustls-webpki).
        if path.ends_with("x509-limbo") {
            continue;
        }
        if path.is_dir() {
            pem_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "pem") {
            out.push(path);
        }
    }
}

/// The certificate blocks of `text`, each re-wrapped as plain PEM (LF, 64 columns), or None
/// for a block without an END line.
fn certificate_blocks(text: &str) -> Vec<Option<String>> {
    let mut blocks = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(BEGIN) {
        let after = &rest[start + BEGIN.len()..];
        let next_begin = after.find("-----BEGIN ").unwrap_or(after.len());
        match after[..next_begin].find(END) {
            Some(end) => {
                let body: String = after[..end]
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                let mut pem = String::from(BEGIN);
                pem.push('\n');
                for chunk in body.as_bytes().chunks(64) {
                    pem.push_str(std::str::from_utf8(chunk).unwrap());
                    pem.push('\n');
                }
                pem.push_str(END);
                pem.push('\n');
                blocks.push(Some(pem));
                rest = &after[end + END.len()..];
            }
            None => {
                blocks.push(None);
                rest = &after[next_begin..];
            }
        }
    }
    blocks
}

fn openssl_available() -> bool {
    Command::new("openssl")
        .arg("version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Says why a test is skipped, on the real stderr (libtest captures `eprintln!` of passing
/// tests, and a silent skip would look like a pass).
fn skip(message: &str) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// True when the test should go on; panics in CI without openssl.
fn require_openssl(test: &str) -> bool {
    if openssl_available() {
        return true;
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("{test}: `openssl` is not on PATH; CI=true requires it for the differential test");
    }
    skip(&format!(
        "{test}: SKIPPED: `openssl` is not on PATH (set CI=true to make this a failure)"
    ));
    false
}

/// Runs `openssl x509 -noout ARGS` with `pem` on stdin; None when openssl cannot load it.
fn openssl_x509(pem: &str, args: &[&str]) -> Option<String> {
    let mut child = Command::new("openssl")
        .arg("x509")
        .arg("-noout")
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn openssl");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(pem.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// What openssl says about one certificate.
#[derive(Debug, Default)]
struct OpensslView {
    sha1: String,
    sha256: String,
    not_before: String,
    not_after: String,
    serial: String,
    /// DNS and IP entries only (cert-preflight reports no other kinds).
    sans: Vec<String>,
}

fn openssl_view(pem: &str) -> Option<OpensslView> {
    let first = openssl_x509(
        pem,
        &[
            "-fingerprint",
            "-sha1",
            "-enddate",
            "-startdate",
            "-serial",
            "-ext",
            "subjectAltName",
        ],
    )?;
    let second = openssl_x509(pem, &["-fingerprint", "-sha256"])?;
    let mut view = OpensslView::default();
    let mut lines = first.lines().chain(second.lines()).peekable();
    while let Some(line) = lines.next() {
        if let Some((name, value)) = line.split_once(" Fingerprint=") {
            // openssl 3.0 prints the digest name in lowercase ("sha1 Fingerprint=").
            match name.to_ascii_lowercase().as_str() {
                "sha1" => view.sha1 = value.to_string(),
                "sha256" => view.sha256 = value.to_string(),
                other => panic!("unexpected digest {other}"),
            }
        } else if let Some(v) = line.strip_prefix("notBefore=") {
            view.not_before = openssl_date_to_rfc3339(v);
        } else if let Some(v) = line.strip_prefix("notAfter=") {
            view.not_after = openssl_date_to_rfc3339(v);
        } else if let Some(v) = line.strip_prefix("serial=") {
            view.serial = v.to_string();
        } else if line.starts_with("X509v3 Subject Alternative Name") {
            let names = lines.next().unwrap_or_default();
            for entry in names.trim().split(", ") {
                if let Some(dns) = entry.strip_prefix("DNS:") {
                    view.sans.push(dns.to_string());
                } else if let Some(ip) = entry.strip_prefix("IP Address:") {
                    view.sans.push(ip.to_string());
                }
            }
        }
    }
    Some(view)
}

/// What openssl 3 prints for a time it cannot show: a GeneralizedTime whose fraction of
/// seconds has no digits (`20260331235959.Z`, testdata/certs/lints/
/// time-generalized-empty-fraction.pem), which x509-parser reads and `cert.time_rejected`
/// reports. Our text for it is compared with nothing.
const OPENSSL_BAD_TIME: &str = "Bad time value";

/// `Nov 17 13:25:47 2045 GMT` -> `2045-11-17T13:25:47Z`.
fn openssl_date_to_rfc3339(text: &str) -> String {
    if text == OPENSSL_BAD_TIME {
        return text.to_string();
    }
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let parts: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(parts.len(), 5, "openssl date {text:?}");
    assert_eq!(parts[4], "GMT", "openssl date {text:?}");
    let month = MONTHS.iter().position(|m| *m == parts[0]).unwrap() + 1;
    let day: u32 = parts[1].parse().unwrap();
    format!("{}-{month:02}-{day:02}T{}Z", parts[3], parts[2])
}

/// IP addresses compared as addresses (openssl writes IPv6 uncompressed and uppercase).
fn same_san(ours: &str, theirs: &str) -> bool {
    // An iPAddress of neither 4 nor 16 octets: we show its octets (`IP:c000020107`), openssl
    // its length (`<invalid length=5>`); both say it is no address (cert.ip_malformed).
    if let (Some(hex), Some(length)) = (
        ours.strip_prefix("IP:"),
        theirs
            .strip_prefix("<invalid length=")
            .and_then(|rest| rest.strip_suffix('>')),
    ) {
        return length.parse::<usize>().ok() == Some(hex.len() / 2);
    }
    match (ours.parse::<IpAddr>(), theirs.parse::<IpAddr>()) {
        (Ok(a), Ok(b)) => a == b,
        _ => ours == theirs,
    }
}

/// Differences between openssl's view and our facts, as readable lines.
fn compare(label: &str, ours: &CertificateFacts, theirs: &OpensslView) -> Vec<String> {
    let mut problems = Vec::new();
    let mut check = |what: &str, ok: bool, a: &dyn std::fmt::Debug, b: &dyn std::fmt::Debug| {
        if !ok {
            problems.push(format!("{label}: {what}: ours {a:?}, openssl {b:?}"));
        }
    };
    let fp = &ours.fingerprints;
    // Colon style is uppercase pairs, exactly as openssl prints the value.
    check(
        "sha1 colon",
        fp.sha1_colon == theirs.sha1,
        &fp.sha1_colon,
        &theirs.sha1,
    );
    check(
        "sha256 colon",
        fp.sha256_colon == theirs.sha256,
        &fp.sha256_colon,
        &theirs.sha256,
    );
    // Hex style is the same digest, lowercase, without separators.
    let hex1 = theirs.sha1.replace(':', "").to_ascii_lowercase();
    let hex256 = theirs.sha256.replace(':', "").to_ascii_lowercase();
    check("sha1 hex", fp.sha1_hex == hex1, &fp.sha1_hex, &hex1);
    check(
        "sha256 hex",
        fp.sha256_hex == hex256,
        &fp.sha256_hex,
        &hex256,
    );
    check(
        "not_before",
        ours.not_before == theirs.not_before || theirs.not_before == OPENSSL_BAD_TIME,
        &ours.not_before,
        &theirs.not_before,
    );
    check(
        "not_after",
        ours.not_after == theirs.not_after || theirs.not_after == OPENSSL_BAD_TIME,
        &ours.not_after,
        &theirs.not_after,
    );
    for (what, rfc, ms) in [
        ("not_before_ms", &ours.not_before, ours.not_before_ms),
        ("not_after_ms", &ours.not_after, ours.not_after_ms),
    ] {
        let expected = Timestamp::parse_rfc3339(rfc).unwrap().unix_seconds() * 1000;
        check(what, ms == expected, &ms, &expected);
    }
    check(
        "serial",
        ours.serial.eq_ignore_ascii_case(&theirs.serial),
        &ours.serial,
        &theirs.serial,
    );
    let sans_ok = ours.subject_alternative_names.len() == theirs.sans.len()
        && ours
            .subject_alternative_names
            .iter()
            .zip(&theirs.sans)
            .all(|(a, b)| same_san(a, b));
    check(
        "subject_alternative_names",
        sans_ok,
        &ours.subject_alternative_names,
        &theirs.sans,
    );
    problems
}

/// Checks one re-wrapped block against openssl; `in_file` is our facts for the same block as
/// seen in its original file (when the file parsed that far). Returns the problems found, or
/// None when openssl could not load the block.
fn check_block(label: &str, pem: &str, in_file: Option<&CertificateFacts>) -> Option<Vec<String>> {
    let theirs = openssl_view(pem)?;
    let single = check_certificate(&CertificateInput::new(pem, now()));
    let chain = single.certificate.map(|c| c.chain).unwrap_or_default();
    let mut problems = Vec::new();
    match chain.as_slice() {
        [ours] => problems.extend(compare(&format!("{label} (alone)"), ours, &theirs)),
        other => problems.push(format!(
            "{label}: openssl reads it but we found {} certificates: {:?}",
            other.len(),
            single.diagnostics
        )),
    }
    if let Some(ours) = in_file {
        problems.extend(compare(&format!("{label} (in file)"), ours, &theirs));
    }
    // The fingerprint entry point must agree too.
    let fp = fingerprint(pem, DigestAlgorithm::Sha256, FingerprintStyle::Colon);
    if fp.fingerprints != [theirs.sha256.clone()] {
        problems.push(format!(
            "{label}: fingerprint() gave {:?}, openssl {}",
            fp.fingerprints, theirs.sha256
        ));
    }
    Some(problems)
}

#[test]
fn testdata_certificates_match_openssl() {
    if !require_openssl("testdata_certificates_match_openssl") {
        return;
    }
    let mut files = Vec::new();
    pem_files(&testdata(), &mut files);
    let mut problems = Vec::new();
    let mut compared = 0;
    for path in &files {
        let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
        let name = path.strip_prefix(testdata()).unwrap().display().to_string();
        let report = check_certificate(&CertificateInput::new(&text, now()));
        let chain = report.certificate.map(|c| c.chain).unwrap_or_default();
        for (i, block) in certificate_blocks(&text).into_iter().enumerate() {
            let Some(pem) = block else { continue };
            let label = format!("{name} block {i}");
            let in_file = chain.iter().find(|f| f.index == i);
            match check_block(&label, &pem, in_file) {
                Some(p) => {
                    compared += 1;
                    // Every block openssl reads must also be a certificate in the file's facts,
                    // except where the file is broken on purpose.
                    if in_file.is_none() && !name.starts_with("certs/broken/") {
                        problems.push(format!("{label}: openssl reads it, our facts lack it"));
                    }
                    problems.extend(p);
                }
                None => {
                    // Only broken/ holds blocks that openssl rejects, and one foreign file:
                    // OpenSSL 3 refuses a commonName UTF8String that is not UTF-8, which
                    // tests/foreign_verdicts.rs checks we still read and show.
                    let refused_on_purpose = name.starts_with("certs/broken/")
                        || name == "certs/foreign/invalid_utf8_common_name.pem";
                    if !refused_on_purpose {
                        problems.push(format!("{label}: openssl cannot load this block"));
                    }
                }
            }
        }
    }
    assert!(compared >= 80, "only {compared} certificates compared");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("compared {compared} testdata certificates with openssl");
}

#[test]
fn system_ca_bundle_matches_openssl() {
    if !require_openssl("system_ca_bundle_matches_openssl") {
        return;
    }
    let Ok(bytes) = std::fs::read(SYSTEM_BUNDLE) else {
        skip(&format!(
            "system_ca_bundle_matches_openssl: SKIPPED: {SYSTEM_BUNDLE} is absent"
        ));
        return;
    };
    let text = String::from_utf8_lossy(&bytes);
    let mut problems = Vec::new();
    let mut compared = 0;
    for (i, block) in certificate_blocks(&text).into_iter().enumerate() {
        let Some(pem) = block else { continue };
        if let Some(p) = check_block(&format!("{SYSTEM_BUNDLE} block {i}"), &pem, None) {
            compared += 1;
            problems.extend(p);
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    eprintln!("compared {compared} system CA certificates with openssl");
}

/// facts.json is openssl's view recorded when the test data was generated; it needs no
/// openssl at test time, so this runs everywhere.
#[test]
fn facts_json_matches_our_facts() {
    let facts: BTreeMap<String, Vec<serde_json::Value>> = serde_json::from_str(
        &std::fs::read_to_string(testdata().join("certs/facts.json")).unwrap(),
    )
    .unwrap();
    assert!(facts.len() >= 30, "facts.json lists {} files", facts.len());
    let mut problems = Vec::new();
    for (file, expected) in &facts {
        let text =
            String::from_utf8_lossy(&std::fs::read(testdata().join("certs").join(file)).unwrap())
                .into_owned();
        let report = check_certificate(&CertificateInput::new(&text, now()));
        let chain = report.certificate.map(|c| c.chain).unwrap_or_default();
        if chain.len() != expected.len() {
            problems.push(format!(
                "{file}: {} certificates, facts.json has {}",
                chain.len(),
                expected.len()
            ));
            continue;
        }
        for (i, (ours, e)) in chain.iter().zip(expected).enumerate() {
            let fp = &ours.fingerprints;
            let pairs = [
                ("sha1.hex", fp.sha1_hex.clone(), &e["sha1"]["hex"]),
                ("sha1.colon", fp.sha1_colon.clone(), &e["sha1"]["colon"]),
                ("sha256.hex", fp.sha256_hex.clone(), &e["sha256"]["hex"]),
                (
                    "sha256.colon",
                    fp.sha256_colon.clone(),
                    &e["sha256"]["colon"],
                ),
                (
                    "not_after",
                    ours.not_after.clone(),
                    &e["not_after"]["rfc3339"],
                ),
                (
                    "not_before",
                    ours.not_before.clone(),
                    &e["not_before"]["rfc3339"],
                ),
                ("serial", ours.serial.to_ascii_uppercase(), &e["serial"]),
            ];
            for (what, ours, theirs) in pairs {
                if theirs.as_str() != Some(ours.as_str()) {
                    problems.push(format!(
                        "{file}[{i}] {what}: ours {ours}, facts.json {theirs}"
                    ));
                }
            }
            for (what, ours, theirs) in [
                (
                    "not_after.epoch_ms",
                    ours.not_after_ms,
                    &e["not_after"]["epoch_ms"],
                ),
                (
                    "not_before.epoch_ms",
                    ours.not_before_ms,
                    &e["not_before"]["epoch_ms"],
                ),
            ] {
                if theirs.as_i64() != Some(ours) {
                    problems.push(format!(
                        "{file}[{i}] {what}: ours {ours}, facts.json {theirs}"
                    ));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// Seed 003's example certificate and key, in the one-line form the seed prints them in.
#[test]
fn seed003_example_parses_and_matches_its_key() {
    let dir = testdata().join("certs/seed003");
    let cert = std::fs::read_to_string(dir.join("cert.pem")).unwrap();
    let key = std::fs::read_to_string(dir.join("key.pem")).unwrap();
    assert!(
        !cert.trim_end().contains('\n'),
        "seed003/cert.pem is meant to be one line"
    );
    let mut input = CertificateInput::new(&cert, now());
    input.private_key = Some(&key);
    input.key_required = true;
    let report = check_certificate(&input);
    let summary = report
        .certificate
        .as_ref()
        .expect("seed 003 certificate parses");
    assert_eq!(summary.chain.len(), 1, "{:?}", report.diagnostics);
    let leaf = summary.leaf.as_ref().expect("a leaf");
    assert_eq!(
        leaf.fingerprints.sha1_hex,
        "a3b9b3a2311b27e4186f6a303cfc03163fd24a8f"
    );
    assert_eq!(
        leaf.fingerprints.sha1_colon,
        "A3:B9:B3:A2:31:1B:27:E4:18:6F:6A:30:3C:FC:03:16:3F:D2:4A:8F"
    );
    assert_eq!(leaf.not_after, "2045-11-17T13:25:47Z");
    assert_eq!(leaf.common_name.as_deref(), Some("localhost"));
    assert_eq!(
        leaf.subject_alternative_names,
        ["domain.com", "10.185.75.201", "127.0.0.1"]
    );
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert!(!rules.contains(&"key.mismatch"), "{rules:?}");
    assert!(!rules.iter().any(|r| r.starts_with("key.")), "{rules:?}");
    assert!(!rules.contains(&"pem.malformed"), "{rules:?}");
    let fp = fingerprint(&cert, DigestAlgorithm::Sha1, FingerprintStyle::Hex);
    assert_eq!(
        fp.fingerprints,
        ["a3b9b3a2311b27e4186f6a303cfc03163fd24a8f"]
    );
}
