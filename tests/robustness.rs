//! No input makes the core panic (issue 2, item 11), every report is self-consistent, and a
//! private key never leaks into any output.
//!
//! Every file under testdata/ (certificates, keys, README, facts.json, fuzz regressions, ...)
//! is fed, whole and mutated, through `check_certificate` (as the certificate field, as the
//! private key field and as the domain field, across every purpose and profile),
//! `fingerprint` and `validate_request` (a stub on this branch: only "returns without
//! panicking" is asserted for it).
//!
//! Mutations and their bounds (chosen to keep the whole file under ~60 s in a debug build on
//! 2 cores; `mutations_of_every_testdata_file` prints the counts it ran):
//! - truncations: every `TRUNCATE_STEP` (97th) byte, plus each of the last 10 bytes removed;
//! - single-bit flips: `FLIPS_PER_FILE` (24) positions per file from a fixed xorshift64 seed;
//! - concatenations: each file twice; each file followed by the next file in sorted order;
//!   for every `X.pem` with a `X.key` (and the `.key` files of the same directory), the key
//!   text in the certificate field and the certificate text in the key field.
//!
//! The secret-leak check: whenever any field holds private-key text, no diagnostic message,
//! path or `normalized` text may contain any 40-character run of that key's base64 body,
//! and `format!("{report:?}")` may not either.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use cert_preflight::{
    check_certificate, fingerprint, rules, validate_request, CertificateInput, CertificatePurpose,
    DigestAlgorithm, FingerprintReport, FingerprintStyle, ProviderProfile, Report, RequestContext,
    Timestamp,
};

const TRUNCATE_STEP: usize = 97;
const FLIPS_PER_FILE: usize = 24;
/// Length of the base64 run whose appearance in an output counts as a leaked key.
const LEAK_WINDOW: usize = 40;

const PURPOSES: [CertificatePurpose; 3] = [
    CertificatePurpose::Server,
    CertificatePurpose::ClientCa,
    CertificatePurpose::CaUpload,
];
const PROFILES: [ProviderProfile; 2] = [ProviderProfile::Generic, ProviderProfile::AlibabaSlb];

/// The operations of SPEC, by id and by provider action name.
const OPERATIONS: [&str; 7] = [
    "alibaba.alb.associate-additional-certificates",
    "alibaba.alb.create-listener",
    "huawei.apig.attach-certificate-domains",
    "huawei.elb.update-certificate",
    "alibaba.slb.upload-ca-certificate",
    "UploadCACertificate",
    "no.such-operation",
];

fn now() -> Timestamp {
    Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap()
}

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(testdata().join(rel)).unwrap()
}

fn all_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            all_files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn combos_len() -> usize {
    PURPOSES.len() * PROFILES.len()
}

/// xorshift64: deterministic, no dependencies.
struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

/// 40-character windows of the base64 body of every private key in `text` (one-line,
/// CRLF and wrapped forms alike). Empty when `text` holds no private key.
fn secret_windows(text: &str, into: &mut HashSet<String>) {
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
fn public_windows() -> &'static HashSet<String> {
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
fn leaked<'a>(secrets: &'a HashSet<String>, output: &str) -> Option<&'a String> {
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
fn check_report(report: &Report, secrets: &HashSet<String>, what: &str) {
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

fn check_fingerprint_report(report: &FingerprintReport, what: &str) {
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
struct Harness {
    good_cert: String,
    good_key: String,
    good_domains: String,
    good_key_secrets: HashSet<String>,
    calls: usize,
    counter: usize,
}

impl Harness {
    fn new() -> Self {
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

    fn check(&mut self, input: &CertificateInput<'_>, what: &str) -> Report {
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
    fn run(&mut self, text: &str, what: &str, full: bool) {
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
    fn run_pair(&mut self, certificate: &str, key: &str, what: &str) {
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

#[test]
fn mutations_of_every_testdata_file() {
    let started = Instant::now();
    let mut files = Vec::new();
    all_files(&testdata(), &mut files);
    // Certificate and key material only: the JSON request and golden cases are mutated by
    // tests/request_robustness.rs, and mutating hundreds of reports here would only repeat
    // the same PEM paths at ten times the cost.
    files.retain(|p| p.extension().is_none_or(|ext| ext != "json"));
    assert!(
        files.len() >= 80,
        "only {} files under testdata/",
        files.len()
    );
    let contents: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|p| {
            (
                p.strip_prefix(testdata()).unwrap().display().to_string(),
                std::fs::read(p).unwrap(),
            )
        })
        .collect();
    let mut h = Harness::new();
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let (mut truncations, mut flips, mut concatenations) = (0, 0, 0);
    for (i, (name, bytes)) in contents.iter().enumerate() {
        let text = String::from_utf8_lossy(bytes);
        h.run(&text, name, true);

        let mut cuts: Vec<usize> = (0..bytes.len()).step_by(TRUNCATE_STEP).collect();
        cuts.extend(bytes.len().saturating_sub(10)..bytes.len());
        cuts.dedup();
        for cut in cuts {
            let cut_text = String::from_utf8_lossy(&bytes[..cut]);
            h.run(&cut_text, &format!("{name} truncated at {cut}"), false);
            truncations += 1;
        }

        if !bytes.is_empty() {
            for _ in 0..FLIPS_PER_FILE {
                let pos = rng.below(bytes.len());
                let bit = rng.below(8);
                let mut flipped = bytes.clone();
                flipped[pos] ^= 1 << bit;
                let flipped_text = String::from_utf8_lossy(&flipped);
                h.run(
                    &flipped_text,
                    &format!("{name} bit {bit} of byte {pos} flipped"),
                    false,
                );
                flips += 1;
            }
        }

        let twice = format!("{text}{text}");
        h.run(&twice, &format!("{name} twice"), false);
        let (next_name, next_bytes) = &contents[(i + 1) % contents.len()];
        let next = String::from_utf8_lossy(next_bytes);
        h.run(
            &format!("{text}{next}"),
            &format!("{name} + {next_name}"),
            false,
        );
        h.run(
            &format!("{text}\n{next}"),
            &format!("{name} + LF + {next_name}"),
            false,
        );
        concatenations += 3;
    }

    // Certificates and keys swapped between fields, and keys appended to certificates.
    let mut swaps = 0;
    for (name, bytes) in &contents {
        let Some(stem) = name.strip_suffix(".pem") else {
            continue;
        };
        let dir = Path::new(name).parent().unwrap().display().to_string();
        // Its own key (`X.key` beside `X.pem`), and the directory's leaf and other keys.
        let wanted = [
            format!("{stem}.key"),
            format!("{dir}/leaf.key"),
            format!("{dir}/other.key"),
        ];
        let keys: Vec<&(String, Vec<u8>)> = contents
            .iter()
            .filter(|(k, _)| wanted.contains(k))
            .collect();
        let cert = String::from_utf8_lossy(bytes);
        for (key_name, key_bytes) in keys {
            let key = String::from_utf8_lossy(key_bytes);
            h.run_pair(&cert, &key, &format!("cert {name} with key {key_name}"));
            h.run_pair(
                &key,
                &cert,
                &format!("key {key_name} as certificate, {name} as key"),
            );
            h.run_pair(
                &format!("{cert}{key}"),
                &key,
                &format!("{name} + {key_name} in the certificate field"),
            );
            swaps += 3;
        }
    }

    let elapsed = started.elapsed();
    eprintln!(
        "robustness: {} files, {truncations} truncations, {flips} bit flips, \
         {concatenations} concatenations, {swaps} certificate/key swaps, {} entry-point calls \
         in {elapsed:.1?}",
        contents.len(),
        h.calls
    );
    assert!(swaps > 30, "only {swaps} certificate/key swaps ran");
}

/// Inputs no file holds: empty fields, BOMs, the size limits, NUL bytes, broken armour,
/// a megabyte-long line, and the Unicode oddities that trip up length and case handling.
#[test]
fn odd_inputs() {
    let leaf = read("certs/rsa/leaf.pem");
    let key = read("certs/rsa/leaf.key");
    let fullchain = read("certs/rsa/fullchain.pem");
    let body: String = leaf
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");

    let mut odd: Vec<(String, String)> = vec![
        ("empty".into(), String::new()),
        ("only a BOM".into(), "\u{FEFF}".into()),
        ("two BOMs".into(), "\u{FEFF}\u{FEFF}".into()),
        ("BOM between blocks".into(), format!("{leaf}\u{FEFF}{leaf}")),
        (
            "BOM inside base64".into(),
            leaf.replacen('\n', "\n\u{FEFF}", 3),
        ),
        ("65,536 characters".into(), "A".repeat(65_536)),
        ("65,537 characters".into(), "A".repeat(65_537)),
        (
            "65,537 chars of PEM".into(),
            format!(
                "{fullchain}{}",
                " ".repeat(65_537 - fullchain.chars().count())
            ),
        ),
        ("65,537 multibyte chars".into(), "é".repeat(65_537)),
        ("8,193 characters".into(), "B".repeat(8_193)),
        ("NUL only".into(), "\0".into()),
        ("NULs".into(), "\0".repeat(4096)),
        ("NUL in base64".into(), leaf.replacen('M', "\0", 1)),
        ("NUL after END".into(), format!("{leaf}\0")),
        (
            "NUL in label".into(),
            "-----BEGIN CERT\0IFICATE-----\nAAAA\n-----END CERT\0IFICATE-----\n".into(),
        ),
        ("lone BEGIN".into(), "-----BEGIN ".into()),
        ("lone BEGIN no space".into(), "-----BEGIN".into()),
        ("five dashes".into(), "-----".into()),
        ("dashes".into(), "-".repeat(10_000)),
        (
            "BEGIN label only".into(),
            "-----BEGIN CERTIFICATE-----".into(),
        ),
        ("END only".into(), "-----END CERTIFICATE-----".into()),
        (
            "END before BEGIN".into(),
            format!("-----END CERTIFICATE-----\n{leaf}"),
        ),
        (
            "empty block".into(),
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "empty one-line block".into(),
            "-----BEGIN CERTIFICATE----------END CERTIFICATE-----".into(),
        ),
        (
            "nested BEGINs".into(),
            format!("-----BEGIN CERTIFICATE-----\n{leaf}-----END CERTIFICATE-----\n"),
        ),
        (
            "deeply nested BEGINs".into(),
            format!(
                "{}{body}\n{}",
                "-----BEGIN CERTIFICATE-----\n".repeat(500),
                "-----END CERTIFICATE-----\n".repeat(500)
            ),
        ),
        (
            "many BEGIN lines".into(),
            "-----BEGIN CERTIFICATE-----\n".repeat(2000),
        ),
        (
            "many one-line blocks".into(),
            "-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----".repeat(1000),
        ),
        (
            "BEGIN with empty label".into(),
            "-----BEGIN -----\nAAAA\n-----END -----\n".into(),
        ),
        (
            "BEGIN without closing dashes".into(),
            format!("-----BEGIN CERTIFICATE\n{body}\n-----END CERTIFICATE\n"),
        ),
        ("lowercase armour".into(), leaf.to_lowercase()),
        (
            "base64 padding only".into(),
            "-----BEGIN CERTIFICATE-----\n====\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "base64 of nothing DER".into(),
            "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "huge DER length".into(),
            "-----BEGIN CERTIFICATE-----\nMIT/////\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "indefinite length".into(),
            "-----BEGIN CERTIFICATE-----\nMIAwgAAAAAA=\n-----END CERTIFICATE-----\n".into(),
        ),
        ("a 1 MB line".into(), "A".repeat(1 << 20)),
        ("a 1 MB line of commas".into(), ",".repeat(1 << 20)),
        ("a 1 MB line of dots".into(), ".".repeat(1 << 20)),
        (
            "a 1 MB base64 block".into(),
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                "QUFB".repeat(1 << 18)
            ),
        ),
        ("only newlines".into(), "\n".repeat(10_000)),
        ("only CRs".into(), "\r".repeat(10_000)),
        ("CR only line ends".into(), leaf.replace('\n', "\r")),
        ("CRCRLF line ends".into(), leaf.replace('\n', "\r\r\n")),
        (
            "tabs and form feeds".into(),
            leaf.replace('\n', "\t\x0B\x0C\n"),
        ),
        (
            "Unicode line separators".into(),
            leaf.replace('\n', "\u{2028}"),
        ),
        ("NEL line ends".into(), leaf.replace('\n', "\u{85}")),
        ("NBSP in base64".into(), leaf.replacen('\n', "\u{A0}\n", 5)),
        (
            "ideographic space".into(),
            leaf.replacen('\n', "\u{3000}\n", 5),
        ),
        (
            "zero-width space".into(),
            leaf.replacen('A', "A\u{200B}", 7),
        ),
        ("RTL override".into(), format!("\u{202E}{leaf}")),
        (
            "combining marks".into(),
            leaf.replacen('M', "M\u{301}\u{302}\u{303}", 3),
        ),
        ("full-width base64".into(), leaf.replace('A', "Ａ")),
        ("replacement characters".into(), "\u{FFFD}".repeat(5000)),
        (
            "non-characters".into(),
            "\u{FFFF}\u{FFFE}\u{10FFFF}\u{FDD0}".repeat(100),
        ),
        (
            "emoji ZWJ sequence".into(),
            "👨\u{200D}👩\u{200D}👧\u{200D}👦".repeat(200),
        ),
        (
            "unicode label".into(),
            format!("-----BEGIN CERTİFICATE-----\n{body}\n-----END CERTİFICATE-----\n"),
        ),
        ("dotted capital I".into(), "İ".repeat(10_000)),
        ("sharp s".into(), "ß".repeat(10_000)),
        ("key label in cert field".into(), key.clone()),
        ("key one-line".into(), key.replace('\n', "")),
        (
            "key label with cert body".into(),
            leaf.replace("CERTIFICATE", "PRIVATE KEY"),
        ),
        (
            "encrypted header in cert".into(),
            leaf.replacen(
                '\n',
                "\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\n",
                1,
            ),
        ),
        (
            "headers with unicode".into(),
            leaf.replacen('\n', "\nProc-Type: İ,ß\u{0}\nDEK-Info: 😀\n\n", 1),
        ),
    ];
    // Domain-field oddities (they also go through the other fields).
    for d in [
        "",
        ",",
        ",,,",
        " ",
        "\t",
        ".",
        "..",
        "*",
        "*.",
        "*.*",
        "**.a.com",
        "*.a.*",
        "a..b",
        "a.com.",
        "-a.com",
        "a-.com",
        "xn--",
        "xn--.com",
        "xn--zz.com",
        "xn--a-ecp.ru",
        "例え。jp",
        "例え.jp",
        "ｅｘａｍｐｌｅ．ｃｏｍ",
        "bücher.de",
        "*.bücher.de",
        "😀.com",
        "xn--😀.com",
        "İstanbul.com",
        "STRASSE.de",
        "straße.de",
        "ς.gr",
        "a\u{200B}b.com",
        "a\u{202E}moc.b",
        "a\u{301}.com",
        "\u{FEFF}a.com",
        "a.com\u{0}",
        "a.com\r\nb.com",
        "\u{2028}",
        "ａ,ｂ",
        "a.com,A.COM,a.com.",
        "*.apps.example.com,x.apps.example.com",
    ] {
        odd.push((format!("domains {d:?}"), d.to_string()));
    }
    odd.push((
        "63-char unicode label".into(),
        format!("{}.com", "é".repeat(63)),
    ));
    odd.push((
        "64-char unicode label".into(),
        format!("{}.com", "é".repeat(64)),
    ));
    odd.push((
        "64-char dotted I label".into(),
        format!("{}.com", "İ".repeat(64)),
    ));
    odd.push(("254-char name".into(), format!("{}.com", "a.".repeat(125))));
    odd.push((
        "31 names".into(),
        (0..31)
            .map(|i| format!("a{i}.apps.example.com"))
            .collect::<Vec<_>>()
            .join(","),
    ));
    odd.push((
        "10,001-char field".into(),
        format!("{}a.com", "b.".repeat(4998)),
    ));
    odd.push(("many names".into(), "a.com,".repeat(20_000)));
    odd.push(("many wildcards".into(), "*.".repeat(30_000)));

    let mut h = Harness::new();
    for (what, text) in &odd {
        h.run(text, what, true);
    }

    // The key field at and over its limit: a real key padded with base64-looking text, so the
    // leak check has a body to look for.
    let padded = |n: usize| {
        let mut k = key.clone();
        while k.chars().count() < n {
            k.push('A');
        }
        k
    };
    let limits = [(8_192, false), (8_193, true)];
    for (len, over) in limits {
        let big_key = padded(len);
        assert_eq!(big_key.chars().count(), len);
        let mut input = CertificateInput::new(&fullchain, now());
        input.private_key = Some(&big_key);
        input.key_required = true;
        let report = h.check(&input, &format!("{len}-character key"));
        assert_eq!(
            report.by_rule("pem.key_too_large").next().is_some(),
            over,
            "{len}-character key: {:?}",
            report.diagnostics
        );
    }
    // Limits count characters, not bytes (SPEC: "Lengths are in characters").
    for (len, over) in [(65_536, false), (65_537, true)] {
        let text = "é".repeat(len);
        let report = h.check(&CertificateInput::new(&text, now()), "multibyte field");
        assert_eq!(
            report.by_rule("pem.too_large").next().is_some(),
            over,
            "{len} two-byte characters: {:?}",
            report.diagnostics
        );
    }
    for (len, over) in [(8_192, false), (8_193, true)] {
        let text = "é".repeat(len);
        let mut input = CertificateInput::new(&fullchain, now());
        input.private_key = Some(&text);
        let report = h.check(&input, "multibyte key");
        assert_eq!(
            report.by_rule("pem.key_too_large").next().is_some(),
            over,
            "{len} two-byte characters as key: {:?}",
            report.diagnostics
        );
    }
    let big_cert = format!("{fullchain}{}", "\n".repeat(65_537 - fullchain.len()));
    let report = h.check(
        &CertificateInput::new(&big_cert, now()),
        "65,537-character field",
    );
    assert!(report.by_rule("pem.too_large").next().is_some());
    eprintln!(
        "odd inputs: {} inputs, {} entry-point calls",
        odd.len(),
        h.calls
    );
}

/// Reproducers the fuzzer found (testdata/fuzz-regressions/, raw fuzzer inputs: certificate,
/// 0xFF, key, 0xFF, domains). They are also among the files the mutation test walks.
#[test]
fn fuzz_regressions() {
    let dir = testdata().join("fuzz-regressions");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return;
    };
    let mut h = Harness::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        let mut parts = bytes.splitn(3, |b| *b == 0xFF);
        let cert = String::from_utf8_lossy(parts.next().unwrap_or_default()).into_owned();
        let key = parts
            .next()
            .map(|k| String::from_utf8_lossy(k).into_owned());
        let domains = parts
            .next()
            .map(|d| String::from_utf8_lossy(d).into_owned());
        for purpose in PURPOSES {
            for profile in PROFILES {
                let mut input = CertificateInput::new(&cert, now());
                input.private_key = key.as_deref();
                input.domains = domains.as_deref();
                input.purpose = purpose;
                input.profile = profile;
                input.key_required = purpose == CertificatePurpose::Server;
                h.check(&input, &path.display().to_string());
            }
        }
        check_fingerprint_report(
            &fingerprint(&cert, DigestAlgorithm::Sha1, FingerprintStyle::Colon),
            &path.display().to_string(),
        );
    }
}

/// The key's text never appears in the Debug form of a report, for every key in testdata,
/// whether the key is in the key field, in the certificate field, or both.
#[test]
fn key_text_never_in_report_debug() {
    let mut files = Vec::new();
    all_files(&testdata(), &mut files);
    let fullchain = read("certs/rsa/fullchain.pem");
    let mut keys = 0;
    for path in files
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "key" || e == "pem"))
    {
        let text = std::fs::read_to_string(path).unwrap();
        let mut secrets = HashSet::new();
        secret_windows(&text, &mut secrets);
        if secrets.is_empty() {
            continue;
        }
        keys += 1;
        let one_line = text.replace(['\n', '\r'], "");
        for key_text in [text.as_str(), one_line.as_str()] {
            for (cert, key) in [
                (fullchain.as_str(), Some(key_text)),
                (key_text, None),
                (key_text, Some(key_text)),
            ] {
                for purpose in PURPOSES {
                    let mut input = CertificateInput::new(cert, now());
                    input.private_key = key;
                    input.purpose = purpose;
                    let report = check_certificate(&input);
                    let debug = format!("{report:?}");
                    let json = report.to_json_pretty();
                    for out in [&debug, &json] {
                        if let Some(run) = leaked(&secrets, out) {
                            panic!(
                                "{}: report output contains key text {run:?}",
                                path.display()
                            );
                        }
                    }
                }
            }
        }
    }
    assert!(keys >= 25, "only {keys} files with private keys");
}

/// The issue says a key's text never reaches "any output, error message or Debug impl":
/// logging a `CertificateInput` must not print its key.
#[test]
fn key_text_never_in_input_debug() {
    let key = read("certs/rsa/leaf.key");
    let cert = read("certs/rsa/fullchain.pem");
    let mut input = CertificateInput::new(&cert, now());
    input.private_key = Some(&key);
    let mut secrets = HashSet::new();
    secret_windows(&key, &mut secrets);
    let debug = format!("{input:?}");
    assert!(
        leaked(&secrets, &debug).is_none(),
        "format!(\"{{:?}}\", CertificateInput) contains the private key"
    );
}
