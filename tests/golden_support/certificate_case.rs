//! A certificate golden case (`testdata/golden/certificate/<case>.case.json`): its input read
//! into owned text, and the exact report expected of it. Shared by tests/golden_certificate.rs
//! (every case) and benches/check.rs (its input is a golden case, so the benchmark's
//! expectation is the file this test keeps current, never a second hand-written list).
#![allow(
    unreachable_pub,
    dead_code,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test support shared by a test and a benchmark; a broken case should stop either loudly"
)]

use std::fs;
use std::path::{Path, PathBuf};

use cert_preflight::{
    check_certificate, CertificateInput, CertificatePurpose, IntermediatePool, ProviderProfile,
    Report, Timestamp,
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
    /// The domain field, as given ...
    domains: Option<String>,
    /// ... or as a list, joined with commas (for long lists, such as the benchmark's 30 names).
    domain_list: Option<Vec<String>>,
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
    /// The intermediates pool: a file, or a directory whose certificate files are read in
    /// name order, under testdata/ (named by that path in the report).
    intermediates: Option<String>,
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

/// The directory of the certificate golden cases.
pub fn golden_dir() -> PathBuf {
    testdata().join("golden/certificate")
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

/// One case's input, every field read into owned text; [`GoldenCase::input`] borrows it.
pub struct GoldenCase {
    pub name: String,
    pub certificate: String,
    pub key: Option<String>,
    pub domains: Option<String>,
    /// The trust anchors' text, when the case gives its own.
    pub roots: Option<String>,
    /// The PKCS#12 file's bytes and password, when the case gives one.
    pub pfx: Option<Vec<u8>>,
    password: String,
    pub now: Timestamp,
    pub purpose: CertificatePurpose,
    profile: ProviderProfile,
    key_required: bool,
    expiry_warning_days: Option<u32>,
    public_roots: bool,
    pool: Option<IntermediatePool>,
    /// The files of the intermediates pool, in the order the pool reads them.
    pub pool_files: Vec<PathBuf>,
}

/// The files of the pool a case names: the file, or the directory's certificate files in name
/// order.
fn pool_files(name: &str) -> Vec<PathBuf> {
    let path = testdata().join(name);
    let mut files = vec![path.clone()];
    if path.is_dir() {
        files = fs::read_dir(&path)
            .unwrap_or_else(|e| panic!("{name}: {e}"))
            .map(|e| e.expect("directory entry").path())
            .filter(|p| {
                let ext = p.extension().and_then(|e| e.to_str()).unwrap_or_default();
                ["pem", "der", "p7b"].contains(&ext)
            })
            .collect();
        files.sort();
    }
    files
}

/// The pool a case names (see [`pool_files`]), each file named by its path under testdata/.
fn read_pool(name: &str) -> IntermediatePool {
    let mut pool = IntermediatePool::new();
    for file in pool_files(name) {
        let shown = file
            .strip_prefix(testdata())
            .expect("under testdata")
            .display()
            .to_string();
        let bytes = fs::read(&file).unwrap_or_else(|e| panic!("{shown}: {e}"));
        pool.add(&bytes, &shown);
    }
    pool
}

impl GoldenCase {
    /// Reads `<name>.case.json` from [`golden_dir`].
    pub fn load(name: &str) -> GoldenCase {
        let path = golden_dir().join(format!("{name}.case.json"));
        let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{name}: {e}"));
        let case: Case =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{name}: bad case file: {e}"));
        let certificate = match (&case.certificate, &case.certificate_text) {
            (Some(file), None) => read(file),
            (None, Some(text)) => text.clone(),
            (None, None) => String::new(),
            (Some(_), Some(_)) => panic!("{name}: give certificate or certificate_text, not both"),
        };
        let key = case
            .key
            .as_deref()
            .map(read)
            .or_else(|| case.key_text.clone())
            .map(|k| pad(k, case.key_pad_to));
        let domains = match (case.domains, case.domain_list) {
            (Some(_), Some(_)) => panic!("{name}: give domains or domain_list, not both"),
            (domains, None) => domains,
            (None, Some(list)) => Some(list.join(",")),
        };
        GoldenCase {
            name: name.to_string(),
            certificate: pad(certificate, case.certificate_pad_to),
            key,
            domains,
            roots: case.roots.as_deref().map(read),
            pfx: case.pkcs12.as_deref().map(|file| {
                fs::read(testdata().join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
            }),
            password: case.password.clone().unwrap_or_default(),
            now: Timestamp::parse_rfc3339(&case.now).expect("case now is RFC 3339"),
            purpose: match case.purpose {
                Purpose::Server => CertificatePurpose::Server,
                Purpose::ClientCa => CertificatePurpose::ClientCa,
                Purpose::CaUpload => CertificatePurpose::CaUpload,
            },
            profile: match case.profile {
                Profile::Generic => ProviderProfile::Generic,
                Profile::AlibabaSlb => ProviderProfile::AlibabaSlb,
            },
            key_required: case.key_required,
            expiry_warning_days: case.expiry_warning_days,
            public_roots: case.public_roots.unwrap_or(true),
            pool: case.intermediates.as_deref().map(read_pool),
            pool_files: case
                .intermediates
                .as_deref()
                .map(pool_files)
                .unwrap_or_default(),
        }
    }

    /// The core's input for this case.
    pub fn input(&self) -> CertificateInput<'_> {
        let mut input = match &self.pfx {
            Some(der) => CertificateInput::pkcs12(der, &self.password, self.now),
            None => CertificateInput::new(&self.certificate, self.now),
        };
        input.private_key = self.key.as_deref();
        input.domains = self.domains.as_deref();
        input.key_required = self.key_required;
        input.purpose = self.purpose;
        input.profile = self.profile;
        input.roots = self.roots.as_deref();
        input.public_roots = self.public_roots;
        input.intermediates = self.pool.as_ref();
        if let Some(days) = self.expiry_warning_days {
            input.expiry_warning_days = days;
        }
        input
    }

    /// The report, as the golden file spells it.
    pub fn report_text(report: &Report) -> String {
        serde_json::to_string_pretty(report).expect("report serializes") + "\n"
    }

    /// The path of the expected report.
    pub fn expected_path(&self) -> PathBuf {
        golden_dir().join(format!("{}.expected.json", self.name))
    }

    /// Panics unless this case's report is exactly its golden file. For a benchmark's setup:
    /// the same comparison as tests/golden_certificate.rs, on the same files.
    pub fn assert_golden(&self) {
        let actual = Self::report_text(&check_certificate(&self.input()));
        let expected = fs::read_to_string(self.expected_path())
            .unwrap_or_else(|e| panic!("{}: no expected report: {e}", self.name));
        assert!(
            actual == expected,
            "{}: the report differs from {} (tests/golden_certificate.rs fails too; \
             UPDATE_GOLDEN=1 cargo test --test golden_certificate rewrites it):\n{actual}",
            self.name,
            self.expected_path().display()
        );
    }
}
