//! Golden tests: each `testdata/golden/certificate/<case>.case.json` names an input (files
//! under testdata/ or inline text) and sits beside `<case>.expected.json`, the exact report.
//! `UPDATE_GOLDEN=1 cargo test --test golden_certificate` rewrites the expected files; review
//! the diff before committing.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::fs;
use std::path::{Path, PathBuf};

use cert_preflight::{
    check_certificate, CertificateInput, CertificatePurpose, ProviderProfile, Timestamp,
};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    /// Certificate field: a file under testdata/ ...
    certificate: Option<String>,
    /// ... or inline text.
    certificate_text: Option<String>,
    key: Option<String>,
    key_text: Option<String>,
    /// Pads the certificate field with trailing newlines to exactly this many characters.
    certificate_pad_to: Option<usize>,
    /// Pads the key field with trailing newlines to exactly this many characters.
    key_pad_to: Option<usize>,
    domains: Option<String>,
    #[serde(default)]
    purpose: Purpose,
    #[serde(default)]
    profile: Profile,
    #[serde(default)]
    key_required: bool,
    now: String,
    expiry_warning_days: Option<u32>,
    /// Trust anchors: a PEM file under testdata/.
    roots: Option<String>,
    /// Mozilla's root store counts (default true).
    public_roots: Option<bool>,
    /// A PKCS#12 file under testdata/, opened with `password`, instead of a certificate field.
    pkcs12: Option<String>,
    password: Option<String>,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Purpose {
    #[default]
    Server,
    ClientCa,
    CaUpload,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(rename_all = "snake_case")]
enum Profile {
    #[default]
    Generic,
    AlibabaSlb,
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

fn read(file: &str) -> String {
    fs::read_to_string(testdata().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn pad(mut text: String, to: Option<usize>) -> String {
    if let Some(to) = to {
        let have = text.chars().count();
        assert!(have <= to, "cannot pad {have} characters down to {to}");
        text.extend(std::iter::repeat_n('\n', to - have));
    }
    text
}

fn run_case(case: &Case) -> String {
    let certificate = match (&case.certificate, &case.certificate_text) {
        (Some(file), None) => read(file),
        (None, Some(text)) => text.clone(),
        (None, None) => String::new(),
        (Some(_), Some(_)) => panic!("give certificate or certificate_text, not both"),
    };
    let certificate = pad(certificate, case.certificate_pad_to);
    let key = case
        .key
        .as_deref()
        .map(read)
        .or_else(|| case.key_text.clone());
    let key = key.map(|k| pad(k, case.key_pad_to));
    let now = Timestamp::parse_rfc3339(&case.now).expect("case now is RFC 3339");
    let pfx = case
        .pkcs12
        .as_deref()
        .map(|file| fs::read(testdata().join(file)).unwrap_or_else(|e| panic!("{file}: {e}")));
    let password = case.password.clone().unwrap_or_default();
    let mut input = match &pfx {
        Some(der) => CertificateInput::pkcs12(der, &password, now),
        None => CertificateInput::new(&certificate, now),
    };
    input.private_key = key.as_deref();
    input.domains = case.domains.as_deref();
    input.key_required = case.key_required;
    input.purpose = match case.purpose {
        Purpose::Server => CertificatePurpose::Server,
        Purpose::ClientCa => CertificatePurpose::ClientCa,
        Purpose::CaUpload => CertificatePurpose::CaUpload,
    };
    input.profile = match case.profile {
        Profile::Generic => ProviderProfile::Generic,
        Profile::AlibabaSlb => ProviderProfile::AlibabaSlb,
    };
    let roots = case.roots.as_deref().map(read);
    input.roots = roots.as_deref();
    input.public_roots = case.public_roots.unwrap_or(true);
    if let Some(days) = case.expiry_warning_days {
        input.expiry_warning_days = days;
    }
    let report = check_certificate(&input);
    // The report never carries key text: check that here too, for every golden case.
    if let Some(key) = &key {
        let json = serde_json::to_string(&report).expect("report serializes");
        for line in key
            .lines()
            .filter(|l| l.len() >= 40 && !l.starts_with("-----"))
        {
            assert!(
                !json.contains(line.trim()),
                "key material leaked into the report"
            );
        }
    }
    serde_json::to_string_pretty(&report).expect("report serializes") + "\n"
}

#[test]
fn certificate_golden_files() {
    let dir = testdata().join("golden/certificate");
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut cases: Vec<PathBuf> = fs::read_dir(&dir)
        .expect("golden dir")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".case.json"))
        .collect();
    cases.sort();
    assert!(
        cases.len() >= 40,
        "expected the full golden set, found {}",
        cases.len()
    );
    let mut failures = Vec::new();
    for case_path in &cases {
        let name = case_path
            .file_name()
            .unwrap_or_default()
            .to_string_lossy()
            .replace(".case.json", "");
        let case: Case = serde_json::from_str(&fs::read_to_string(case_path).expect("read case"))
            .unwrap_or_else(|e| panic!("{name}: bad case file: {e}"));
        let actual = run_case(&case);
        let expected_path = dir.join(format!("{name}.expected.json"));
        if update {
            fs::write(&expected_path, &actual).expect("write expected");
            continue;
        }
        match fs::read_to_string(&expected_path) {
            Ok(expected) if expected == actual => {}
            Ok(_) => failures.push(format!("{name}: report differs (UPDATE_GOLDEN=1 to rewrite, then review the diff)\n{actual}")),
            Err(_) => failures.push(format!("{name}: no {name}.expected.json")),
        }
    }
    assert!(
        failures.is_empty(),
        "{} golden case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
