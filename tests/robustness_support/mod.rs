//! The shared harness of the robustness tests: the entry points, the report invariants and
//! the secret-leak check. See tests/robustness.rs for what is run and its bounds.
#![allow(
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::as_conversions,
    reason = "test support shared by several test crates; a broken expectation should stop the test loudly"
)]
#![allow(dead_code)] // each test file uses part of the harness

pub use std::collections::HashSet;
pub use std::path::{Path, PathBuf};
pub use std::sync::OnceLock;
#[allow(unused_imports)]
pub use std::time::Instant;

pub use cert_preflight::{
    check_certificate, fingerprint, rules, validate_request, CertificateInput, CertificatePurpose,
    DigestAlgorithm, FingerprintReport, FingerprintStyle, ProviderProfile, Report, RequestContext,
    Timestamp,
};

pub const TRUNCATE_STEP: usize = 97;
pub const FLIPS_PER_FILE: usize = 24;
/// Length of the base64 run whose appearance in an output counts as a leaked key.
pub const LEAK_WINDOW: usize = 40;

pub const PURPOSES: [CertificatePurpose; 3] = [
    CertificatePurpose::Server,
    CertificatePurpose::ClientCa,
    CertificatePurpose::CaUpload,
];
pub const PROFILES: [ProviderProfile; 2] = [ProviderProfile::Generic, ProviderProfile::AlibabaSlb];

/// The operations of SPEC, by id and by provider action name.
pub const OPERATIONS: [&str; 7] = [
    "alibaba.alb.associate-additional-certificates",
    "alibaba.alb.create-listener",
    "huawei.apig.attach-certificate-domains",
    "huawei.elb.update-certificate",
    "alibaba.slb.upload-ca-certificate",
    "UploadCACertificate",
    "no.such-operation",
];

pub fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap()
}

pub fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

pub fn read(rel: &str) -> String {
    std::fs::read_to_string(testdata().join(rel)).unwrap()
}

pub fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        // The x509-limbo suite (third-party, 600 certificate files) is judged whole by
        // tests/x509_limbo.rs and tests/webpki_differential.rs; mutating each of its files here
        // would multiply this test's run time for inputs of the same shapes.
        if path.ends_with("x509-limbo") {
            continue;
        }
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

pub fn combos_len() -> usize {
    PURPOSES.len() * PROFILES.len()
}

/// xorshift64: deterministic, no dependencies.
pub struct XorShift(pub u64);

impl XorShift {
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 40-character windows of the base64 body of every private key in `text` (one-line,
/// CRLF and wrapped forms alike). Empty when `text` holds no private key.
pub fn secret_windows(text: &str, into: &mut HashSet<String>) {
    let mut rest = text;
    while let Some(start) = rest.find("-----BEGIN ") {
        let label_start = start + "-----BEGIN ".len();
        let Some(label_len) = rest[label_start..].find("-----") else {
            break;
        };
        let body_start = label_start + label_len + "-----".len();
        let end = rest[body_start..]
            .find("-----END")
            .map_or(rest.len(), |e| body_start + e);
        if rest[label_start..label_start + label_len].contains("PRIVATE KEY") {
            let body: String = rest[body_start..end]
                .lines()
                .filter(|l| !l.contains(':')) // Proc-Type / DEK-Info headers
                .flat_map(|l| l.chars())
                .filter(|c| c.is_ascii_alphanumeric() || *c == '+' || *c == '/')
                .collect();
            let chars: Vec<char> = body.chars().collect();
            let public = public_windows();
            for w in chars.windows(LEAK_WINDOW) {
                let w: String = w.iter().collect();
                if !public.contains(&w) {
                    into.insert(w);
                }
            }
        }
        rest = &rest[end..];
    }
}

/// 40-character runs of every certificate body in testdata/ (squeezed, as `leaked` sees
/// output). A key's public half (an RSA modulus, an EC point) is also in its certificate, and
/// when the base64 alignment happens to agree, a run of the key's body legitimately appears
/// in the certificate (and so in `normalized`); those runs are not secret.
pub fn public_windows() -> &'static HashSet<String> {
    static PUBLIC: OnceLock<HashSet<String>> = OnceLock::new();
    PUBLIC.get_or_init(|| {
        let mut files = Vec::new();
        all_files(&testdata(), &mut files);
        let mut set = HashSet::new();
        for path in files {
            let text = String::from_utf8_lossy(&std::fs::read(path).unwrap()).into_owned();
            for block in text.split("-----BEGIN CERTIFICATE-----").skip(1) {
                let body = block.split("-----END").next().unwrap_or_default();
                let chars: Vec<char> = body.chars().filter(|c| !c.is_whitespace()).collect();
                for w in chars.windows(LEAK_WINDOW) {
                    set.insert(w.iter().collect());
                }
            }
        }
        set
    })
}

/// The first 40-character run of `secrets` found in `output`, if any. Runs are looked for in
/// the output's base64 characters with whitespace removed, so a re-wrapped key is caught too.
pub fn leaked<'a>(secrets: &'a HashSet<String>, output: &str) -> Option<&'a String> {
    if secrets.is_empty() {
        return None;
    }
    let squeezed: String = output.chars().filter(|c| !c.is_whitespace()).collect();
    // Secrets are ASCII, so byte windows on char boundaries find every occurrence.
    (0..squeezed.len().saturating_sub(LEAK_WINDOW - 1))
        .filter(|&i| squeezed.is_char_boundary(i) && squeezed.is_char_boundary(i + LEAK_WINDOW))
        .find_map(|i| secrets.get(&squeezed[i..i + LEAK_WINDOW]))
}

/// Invariants of every report, and the leak check against `secrets`.
pub fn check_report(report: &Report, secrets: &HashSet<String>, what: &str) {
    assert_eq!(report.valid, report.errors == 0, "{what}: valid vs errors");
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == cert_preflight::Severity::Error)
        .count();
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == cert_preflight::Severity::Warning)
        .count();
    assert_eq!(report.errors, errors, "{what}: error count");
    assert_eq!(report.warnings, warnings, "{what}: warning count");
    let catalogue = rules();
    for d in &report.diagnostics {
        assert!(
            catalogue.iter().any(|r| r.id == d.rule),
            "{what}: rule {:?} is not in rules()",
            d.rule
        );
        assert!(
            !d.message.is_empty(),
            "{what}: empty message for {}",
            d.rule
        );
        for text in [&d.message, &d.path] {
            if let Some(run) = leaked(secrets, text) {
                panic!("{what}: {} leaks key text {run:?}: {text}", d.rule);
            }
        }
    }
    if let Some(normalized) = &report.normalized {
        if let Some(run) = leaked(secrets, normalized) {
            panic!("{what}: normalized output leaks key text {run:?}");
        }
    }
}

pub fn check_fingerprint_report(fingerprints: &FingerprintReport, what: &str) {
    let report = &fingerprints.report;
    assert_eq!(
        report.valid,
        report.errors == 0,
        "{what}: fingerprint valid"
    );
    let errors = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == cert_preflight::Severity::Error)
        .count();
    assert_eq!(report.errors, errors, "{what}: fingerprint error count");
    let warnings = report
        .diagnostics
        .iter()
        .filter(|d| d.severity == cert_preflight::Severity::Warning)
        .count();
    assert_eq!(
        report.warnings, warnings,
        "{what}: fingerprint warning count"
    );
    for d in &report.diagnostics {
        assert!(
            rules().iter().any(|r| r.id == d.rule),
            "{what}: fingerprint rule {:?} is not in rules()",
            d.rule
        );
    }
}

/// Runs every entry point over one input; counts the calls made.
pub struct Harness {
    good_cert: String,
    good_key: String,
    good_domains: String,
    good_key_secrets: HashSet<String>,
    pub calls: usize,
    counter: usize,
}

impl Harness {
    pub fn new() -> Self {
        let good_key = read("certs/rsa/leaf.key");
        let mut good_key_secrets = HashSet::new();
        secret_windows(&good_key, &mut good_key_secrets);
        assert!(good_key_secrets.len() > 1000);
        Harness {
            good_cert: read("certs/rsa/fullchain.pem"),
            good_key,
            good_key_secrets,
            good_domains: read("certs/rsa/domains.txt"),
            calls: 0,
            counter: 0,
        }
    }

    pub fn check(&mut self, input: &CertificateInput<'_>, what: &str) -> Report {
        let mut secrets = HashSet::new();
        secret_windows(input.certificate, &mut secrets);
        match input.private_key {
            // The good key's windows are worked out once.
            Some(key) if key == self.good_key => {
                secrets.extend(self.good_key_secrets.iter().cloned())
            }
            Some(key) => secret_windows(key, &mut secrets),
            None => {}
        }
        if let Some(domains) = input.domains {
            secret_windows(domains, &mut secrets);
        }
        let report = check_certificate(input);
        self.calls += 1;
        check_report(&report, &secrets, what);
        report
    }

    /// `text` in each field. `full` runs every purpose x profile combination; otherwise one
    /// combination, rotating so that all of them are used across inputs.
    pub fn run(&mut self, text: &str, what: &str, full: bool) {
        self.counter += 1;
        let combos: Vec<(CertificatePurpose, ProviderProfile)> = PURPOSES
            .iter()
            .flat_map(|p| PROFILES.iter().map(move |f| (*p, *f)))
            .collect();
        let chosen: Vec<_> = if full {
            combos
        } else {
            vec![combos[self.counter % combos.len()]]
        };
        let (cert, good_key, good_domains) = (
            self.good_cert.clone(),
            self.good_key.clone(),
            self.good_domains.clone(),
        );
        // A mutated input always goes into the certificate field (with a good key and
        // domains), then into one more role: the field its file is meant for (a `.key` into
        // the key field, a `.txt` into the domain field), or, for other files, a rotating
        // choice of certificate-alone, key field and domain field. Whole files and odd inputs
        // (`full`) go into every role with every purpose and profile.
        let extra = if full {
            [true; 3]
        } else if what.contains(".key") {
            [false, true, false]
        } else if what.contains(".txt") {
            [false, false, true]
        } else {
            let mut one = [false; 3];
            one[self.counter / combos_len() % 3] = true;
            one
        };
        for (purpose, profile) in chosen {
            // As the certificate field, with a key and domains.
            let mut input = CertificateInput::new(text, now());
            input.purpose = purpose;
            input.profile = profile;
            input.key_required = purpose == CertificatePurpose::Server;
            input.private_key = Some(&good_key);
            input.domains = Some(&good_domains);
            self.check(
                &input,
                &format!("{what} as certificate ({purpose:?}, {profile:?})"),
            );
            if extra[0] {
                // As the certificate field alone.
                let mut bare = CertificateInput::new(text, now());
                bare.purpose = purpose;
                bare.profile = profile;
                self.check(&bare, &format!("{what} as bare certificate ({purpose:?})"));
            }
            if extra[1] {
                // As the private key field.
                let mut as_key = CertificateInput::new(&cert, now());
                as_key.purpose = purpose;
                as_key.profile = profile;
                as_key.key_required = true;
                as_key.private_key = Some(text);
                self.check(&as_key, &format!("{what} as private_key ({purpose:?})"));
            }
            if extra[2] {
                // As the domain field.
                let mut as_domains = CertificateInput::new(&cert, now());
                as_domains.purpose = purpose;
                as_domains.profile = profile;
                as_domains.domains = Some(text);
                self.check(&as_domains, &format!("{what} as domains ({purpose:?})"));
            }
        }
        let (alg, style) = match self.counter % 4 {
            0 => (DigestAlgorithm::Sha1, FingerprintStyle::Hex),
            1 => (DigestAlgorithm::Sha1, FingerprintStyle::Colon),
            2 => (DigestAlgorithm::Sha256, FingerprintStyle::Hex),
            _ => (DigestAlgorithm::Sha256, FingerprintStyle::Colon),
        };
        check_fingerprint_report(&fingerprint(text, alg, style), what);
        self.calls += 1;
        // validate_request is a stub on this branch; only "no panic" is asserted.
        let context = RequestContext::new(now());
        let op = OPERATIONS[self.counter % OPERATIONS.len()];
        let _ = validate_request(op, text, &context);
        let body = serde_json::json!({
            "certificate": {"certificate": text, "private_key": text, "domain": text},
            "CACertificate": text,
        })
        .to_string();
        let _ = validate_request(op, &body, &context);
        self.calls += 2;
    }

    /// A certificate field and a key field given together (the key-as-cert swaps).
    pub fn run_pair(&mut self, certificate: &str, key: &str, what: &str) {
        let domains = self.good_domains.clone();
        for purpose in PURPOSES {
            let mut input = CertificateInput::new(certificate, now());
            input.private_key = Some(key);
            input.key_required = true;
            input.purpose = purpose;
            input.domains = Some(&domains);
            let report = self.check(&input, &format!("{what} ({purpose:?})"));
            let mut secrets = HashSet::new();
            secret_windows(key, &mut secrets);
            secret_windows(certificate, &mut secrets);
            if let Some(run) = leaked(&secrets, &format!("{report:?}")) {
                panic!("{what}: Debug of the report leaks key text {run:?}");
            }
        }
    }
}
