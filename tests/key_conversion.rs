//! Key conversion for the target (issue 22 item 3): `check_certificate_with_key_fix` and
//! `validate_request_bytes_with_key_fix` hand back the key in the encoding the target takes. Every conversion is checked by openssl: the
//! key passes `openssl pkey -check`, its public key is the leaf's, and it is byte for byte what
//! openssl's own conversion command writes (`pkey -traditional` for PKCS#1,
//! `pkcs8 -topk8 -nocrypt` for PKCS#8). The reports are goldens (testdata/golden/key-fix,
//! `UPDATE_GOLDEN=1` rewrites them), and neither they nor any `Debug` holds key material.
//! Fixtures: the committed keys of testdata/certs, testdata/keyconv/gen.sh, testdata/pkcs12,
//! and the request golden cases whose key the operation wants in another encoding.
//! Without `openssl` on PATH the openssl half is skipped, except in CI (`CI=true`).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

#[path = "golden_support/request_case.rs"]
mod request_case;

use std::path::{Path, PathBuf};
use std::process::Command;

use cert_preflight::{
    check_certificate, check_certificate_with_key_fix, validate_request,
    validate_request_bytes_with_key_fix, CertificateInput, KeyEncoding, NormalizedKey,
    ProviderProfile, Report, Timestamp,
};
use request_case::{data_dir, RequestCase};

const NOW: &str = "2026-11-23T00:00:00Z";

/// The openssl command that writes the same conversion from the input key file.
#[derive(Clone, Copy)]
enum Reference {
    /// `openssl pkey -in KEY -traditional`: PKCS#1 for an RSA key.
    Traditional,
    /// `openssl pkcs8 -topk8 -nocrypt -in KEY`: PKCS#8, the command `key.ec_parameters_block`
    /// names.
    Topk8,
}

struct Case {
    name: &'static str,
    /// The bundle (PEM), or a PKCS#12 file opened with testdata/pkcs12/password.txt.
    certificate: &'static str,
    /// The key file given beside the bundle (the PKCS#12 file's own key otherwise).
    key: Option<&'static str>,
    /// A second key file appended to the first.
    extra_key: Option<&'static str>,
    profile: ProviderProfile,
    /// The leaf certificate whose public key the converted key must carry.
    leaf: &'static str,
    /// What the key is converted to, with openssl's command for the same conversion (and the
    /// key file that command reads), or None when nothing is converted.
    converted: Option<(KeyEncoding, Reference, &'static str)>,
    /// The key rules reported fixed.
    fixed: &'static [&'static str],
}

const SLB: ProviderProfile = ProviderProfile::AlibabaSlb;
const GENERIC: ProviderProfile = ProviderProfile::Generic;

const CASES: &[Case] = &[
    Case {
        name: "slb-rsa-pkcs8",
        certificate: "certs/rsa/fullchain.pem",
        key: Some("certs/rsa/leaf.key"),
        extra_key: None,
        profile: SLB,
        leaf: "certs/rsa/leaf.pem",
        converted: Some((
            KeyEncoding::Pkcs1,
            Reference::Traditional,
            "certs/rsa/leaf.key",
        )),
        fixed: &["key.format_pkcs8"],
    },
    Case {
        name: "slb-rsa-pkcs1",
        certificate: "certs/rsa/fullchain.pem",
        key: Some("certs/rsa/leaf.pkcs1.key"),
        extra_key: None,
        profile: SLB,
        leaf: "certs/rsa/leaf.pem",
        converted: None,
        fixed: &[],
    },
    Case {
        name: "generic-rsa-pkcs8",
        certificate: "certs/rsa/fullchain.pem",
        key: Some("certs/rsa/leaf.key"),
        extra_key: None,
        profile: GENERIC,
        leaf: "certs/rsa/leaf.pem",
        converted: None,
        fixed: &[],
    },
    Case {
        name: "slb-ec-pkcs8",
        certificate: "certs/ec-p256/fullchain.pem",
        key: Some("certs/ec-p256/leaf.key"),
        extra_key: None,
        profile: SLB,
        leaf: "certs/ec-p256/leaf.pem",
        converted: None,
        fixed: &[],
    },
    Case {
        name: "slb-rsa-encrypted",
        certificate: "certs/rsa/fullchain.pem",
        key: Some("certs/rsa/leaf.encrypted-pkcs8.key"),
        extra_key: None,
        profile: SLB,
        leaf: "certs/rsa/leaf.pem",
        converted: None,
        fixed: &[],
    },
    // An RSASSA-PSS key (id-RSASSA-PSS in PKCS#8): PKCS#1 cannot carry its parameters, and
    // `openssl pkey -traditional` refuses it too ("unsupported public key type").
    Case {
        name: "slb-rsassa-pss",
        certificate: "certs/foreign/rsassa-pss.pem",
        key: Some("certs/foreign/rsassa-pss.key"),
        extra_key: None,
        profile: SLB,
        leaf: "certs/foreign/rsassa-pss.pem",
        converted: None,
        fixed: &[],
    },
    Case {
        name: "slb-two-keys",
        certificate: "certs/rsa/fullchain.pem",
        key: Some("certs/rsa/leaf.key"),
        extra_key: Some("certs/rsa/other.key"),
        profile: SLB,
        leaf: "certs/rsa/leaf.pem",
        converted: None,
        fixed: &[],
    },
    Case {
        name: "ec-params-sec1",
        certificate: "certs/ec-p256/fullchain.pem",
        key: Some("keyconv/ec-sec1-params.key"),
        extra_key: None,
        profile: GENERIC,
        leaf: "certs/ec-p256/leaf.pem",
        converted: Some((
            KeyEncoding::Pkcs8,
            Reference::Topk8,
            "certs/ec-p256/leaf.sec1.key",
        )),
        fixed: &["key.ec_parameters_block"],
    },
    Case {
        name: "ec-params-sec1-slb",
        certificate: "certs/ec-p256/fullchain.pem",
        key: Some("keyconv/ec-sec1-params.key"),
        extra_key: None,
        profile: SLB,
        leaf: "certs/ec-p256/leaf.pem",
        converted: Some((
            KeyEncoding::Pkcs8,
            Reference::Topk8,
            "certs/ec-p256/leaf.sec1.key",
        )),
        fixed: &["key.ec_parameters_block"],
    },
    Case {
        name: "ec-params-rsa-pkcs1",
        certificate: "certs/rsa/fullchain.pem",
        key: Some("keyconv/rsa-pkcs1-params.key"),
        extra_key: None,
        profile: GENERIC,
        leaf: "certs/rsa/leaf.pem",
        converted: Some((
            KeyEncoding::Pkcs8,
            Reference::Topk8,
            "certs/rsa/leaf.pkcs1.key",
        )),
        fixed: &["key.ec_parameters_block"],
    },
    Case {
        name: "ec-params-genkey",
        certificate: "requests/certs/targets/cf-leaf-ec-params.pem",
        key: Some("requests/certs/targets/cf-leaf-ec-params.key"),
        extra_key: None,
        profile: GENERIC,
        leaf: "requests/certs/targets/cf-leaf-ec-params.pem",
        converted: Some((
            KeyEncoding::Pkcs8,
            Reference::Topk8,
            "requests/certs/targets/cf-leaf-ec-params.key",
        )),
        fixed: &["key.ec_parameters_block"],
    },
    Case {
        name: "pkcs12-slb",
        certificate: "pkcs12/aes-fullchain.pfx",
        key: None,
        extra_key: None,
        profile: SLB,
        leaf: "certs/rsa/leaf.pem",
        converted: Some((
            KeyEncoding::Pkcs1,
            Reference::Traditional,
            "certs/rsa/leaf.key",
        )),
        fixed: &["key.format_pkcs8"],
    },
];

/// A request golden case (under testdata/requests) whose key the operation takes in another
/// encoding: the key `validate_request_bytes_with_key_fix` hands back, and the rule it fixes.
struct RequestKeyCase {
    case: &'static str,
    /// The leaf and the key file in the body, for openssl.
    leaf: &'static str,
    key: &'static str,
    rule: &'static str,
}

const REQUEST_CASES: &[RequestKeyCase] = &[
    // Key Vault takes PKCS#8 only; the body's key is PKCS#1 (with CRLF line ends).
    RequestKeyCase {
        case: "azure.keyvault.import-certificate/targets_mistakes",
        leaf: "requests/certs/targets/leaf-crlf.pem",
        key: "requests/certs/targets/leaf-pkcs1-crlf.key",
        rule: "key.not_pkcs8",
    },
    // `openssl ecparam -genkey` output in ACM's PrivateKey and Cloudflare's private_key.
    RequestKeyCase {
        case: "aws.acm.import-certificate/ec_parameters_block",
        leaf: "requests/certs/targets/aws-ec-leaf.pem",
        key: "requests/certs/targets/aws-ec-leaf-params.key",
        rule: "key.ec_parameters_block",
    },
    RequestKeyCase {
        case: "cloudflare.custom-certificate.create/key_ec_parameters_block",
        leaf: "requests/certs/targets/cf-leaf-ec-params.pem",
        key: "requests/certs/targets/cf-leaf-ec-params.key",
        rule: "key.ec_parameters_block",
    },
    RequestKeyCase {
        case: "cloudflare.custom-certificate.create/example_with_mistakes",
        leaf: "requests/certs/targets/cf-leaf-mistakes.pem",
        key: "requests/certs/targets/cf-leaf-mistakes.key",
        rule: "key.ec_parameters_block",
    },
];

/// The case's report with the key fix, and the key; the golden of the same case without it
/// must differ only in the fixed rule's `fixed`.
fn request_key(case: &RequestKeyCase) -> (Report, Option<NormalizedKey>, Report) {
    let loaded = RequestCase::load(&data_dir().join(format!("{}.case.json", case.case)));
    let body = loaded.body_text();
    let (report, key) =
        validate_request_bytes_with_key_fix(&loaded.operation, body.as_bytes(), &loaded.context)
            .unwrap();
    let plain = validate_request(&loaded.operation, &body, &loaded.context).unwrap();
    (report, key, plain)
}

#[test]
fn request_keys_are_converted_for_their_operation() {
    for case in REQUEST_CASES {
        let (report, key, plain) = request_key(case);
        let key = key.unwrap_or_else(|| panic!("{}: no key", case.case));
        assert_eq!(key.encoding(), KeyEncoding::Pkcs8, "{}", case.case);
        let mut fixed = 0;
        assert_eq!(report.diagnostics.len(), plain.diagnostics.len());
        for (k, p) in report.diagnostics.iter().zip(&plain.diagnostics) {
            assert_eq!(
                (&k.rule, &k.message),
                (&p.rule, &p.message),
                "{}",
                case.case
            );
            if k.rule == case.rule {
                assert!(k.fixed && !p.fixed, "{}: {}", case.case, k.rule);
                fixed += 1;
            } else {
                assert_eq!(k.fixed, p.fixed, "{}: {}", case.case, k.rule);
            }
        }
        assert_eq!(fixed, 1, "{}", case.case);
        let given = read(case.key);
        let shown = format!("{}{report:?}{key:?}", report.to_json_pretty());
        assert_no_key_material(case.case, &shown, &[&given, key.pem()]);
    }
}

#[test]
fn request_conversions_round_trip_through_openssl() {
    if !openssl_available() {
        return;
    }
    for case in REQUEST_CASES {
        let (_, key, _) = request_key(case);
        let key = key.unwrap();
        let source = testdata(case.key);
        let expected = openssl(&[
            "pkcs8",
            "-topk8",
            "-nocrypt",
            "-in",
            source.to_str().unwrap(),
        ]);
        assert!(
            expected == key.pem().as_bytes(),
            "{}: differs from openssl pkcs8 -topk8",
            case.case
        );
        openssl_checks(case.case, &key, case.leaf);
    }
}

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(testdata(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The inputs of one case, owned; the check borrows them.
struct Material {
    pem: String,
    pfx: Option<Vec<u8>>,
    password: String,
    key: Option<String>,
}

impl Case {
    fn material(&self) -> Material {
        let is_pfx = self.certificate.ends_with(".pfx");
        let key = self.key.map(|k| {
            let mut text = read(k);
            if let Some(extra) = self.extra_key {
                text.push_str(&read(extra));
            }
            text
        });
        Material {
            pem: if is_pfx {
                String::new()
            } else {
                read(self.certificate)
            },
            pfx: is_pfx.then(|| std::fs::read(testdata(self.certificate)).unwrap()),
            password: if is_pfx {
                read("pkcs12/password.txt")
            } else {
                String::new()
            },
            key,
        }
    }
}

fn input<'a>(case: &Case, material: &'a Material) -> CertificateInput<'a> {
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let mut input = match &material.pfx {
        Some(der) => CertificateInput::pkcs12(der, &material.password, now),
        None => CertificateInput::new(&material.pem, now),
    };
    input.private_key = material.key.as_deref();
    input.profile = case.profile;
    input
}

fn report_text(report: &Report) -> String {
    serde_json::to_string_pretty(report).unwrap() + "\n"
}

/// The base64 lines of a PEM key: any of them in an output is key material leaking.
fn key_lines(pem: &str) -> Vec<&str> {
    pem.lines()
        .filter(|l| l.len() >= 16 && !l.starts_with("-----") && !l.contains(':'))
        .collect()
}

fn assert_no_key_material(case: &str, text: &str, keys: &[&str]) {
    for key in keys {
        for line in key_lines(key) {
            assert!(!text.contains(line), "{case}: key material in {text}");
        }
    }
}

#[test]
fn each_case_reports_its_golden_and_converts_as_declared() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    for case in CASES {
        let material = case.material();
        let input = input(case, &material);
        let (report, key) = check_certificate_with_key_fix(&input);
        let text = report_text(&report);
        let golden = testdata(&format!("golden/key-fix/{}.expected.json", case.name));
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &text).unwrap();
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{}: {e} (UPDATE_GOLDEN=1 writes it)", case.name));
        assert_eq!(
            text, expected,
            "{}: the report differs from its golden",
            case.name
        );

        // The key rules say fixed exactly where the case says; the others never do.
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.rule.starts_with("key."))
        {
            let listed = case.fixed.contains(&d.rule.as_str());
            assert_eq!(d.fixed, listed, "{}: {} fixed", case.name, d.rule);
        }
        for rule in case.fixed {
            assert!(
                report.by_rule(rule).next().is_some(),
                "{}: no {rule}",
                case.name
            );
        }
        match (case.converted, &key) {
            (Some((encoding, _, _)), Some(key)) => assert_eq!(key.encoding(), encoding),
            (None, None) => {}
            (want, got) => panic!(
                "{}: expected {:?}, got {:?}",
                case.name,
                want.map(|w| w.0),
                got
            ),
        }

        // Without the key fix, the report is every front's: the same, nothing key-fixed.
        let plain = check_certificate(&input);
        assert_eq!(plain.diagnostics.len(), report.diagnostics.len());
        for (p, k) in plain.diagnostics.iter().zip(&report.diagnostics) {
            assert_eq!(
                (&p.rule, &p.message),
                (&k.rule, &k.message),
                "{}",
                case.name
            );
            assert_eq!(
                p.fixed,
                k.fixed && !k.rule.starts_with("key."),
                "{}",
                case.name
            );
        }

        // No key material in the report, its Debug, the input's Debug or the key's Debug.
        let mut keys: Vec<&str> = material.key.iter().map(String::as_str).collect();
        if let Some(key) = &key {
            keys.push(key.pem());
        }
        let shown = format!("{text}{report:?}{input:?}{key:?}");
        assert_no_key_material(case.name, &shown, &keys);
    }
}

fn openssl_available() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok();
    if !found {
        assert!(
            std::env::var("CI").map_or(true, |v| v != "true"),
            "openssl is not on PATH; CI=true requires it"
        );
    }
    found
}

fn openssl(args: &[&str]) -> Vec<u8> {
    let out = Command::new("openssl").args(args).output().unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

/// Writes the converted key to a scratch file (owner-only) for openssl to read.
fn scratch(case: &str, key: &NormalizedKey) -> PathBuf {
    use std::io::Write as _;
    let path = std::env::temp_dir().join(format!(
        "cert-preflight-keyconv-{}-{}.pem",
        case.replace('/', "-"),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        options.mode(0o600);
    }
    let mut file = options.open(&path).unwrap();
    file.write_all(key.pem().as_bytes()).unwrap();
    path
}

/// `openssl pkey -check` passes on the key, and its public key is `leaf`'s.
fn openssl_checks(name: &str, key: &NormalizedKey, leaf: &str) {
    let path = scratch(name, key);
    let file = path.to_str().unwrap();
    let check = Command::new("openssl")
        .args(["pkey", "-check", "-noout", "-in", file])
        .output()
        .unwrap();
    let public = openssl(&["pkey", "-pubout", "-in", file]);
    let _ = std::fs::remove_file(&path);
    assert!(
        check.status.success(),
        "{name}: openssl pkey -check: {}",
        String::from_utf8_lossy(&check.stderr)
    );
    let leaf = testdata(leaf);
    let leaf_public = openssl(&["x509", "-pubkey", "-noout", "-in", leaf.to_str().unwrap()]);
    assert_eq!(public, leaf_public, "{name}: not the leaf's public key");
}

#[test]
fn every_conversion_round_trips_through_openssl() {
    if !openssl_available() {
        return;
    }
    let mut converted = 0;
    for case in CASES {
        let Some((_, reference, source)) = case.converted else {
            continue;
        };
        let material = case.material();
        let (_, key) = check_certificate_with_key_fix(&input(case, &material));
        let key = key.unwrap_or_else(|| panic!("{}: no key", case.name));
        openssl_checks(case.name, &key, case.leaf);
        let source = testdata(source);
        let source = source.to_str().unwrap();
        let expected = match reference {
            Reference::Traditional => openssl(&["pkey", "-in", source, "-traditional"]),
            Reference::Topk8 => openssl(&["pkcs8", "-topk8", "-nocrypt", "-in", source]),
        };
        assert!(
            expected == key.pem().as_bytes(),
            "{}: differs from openssl's own conversion",
            case.name
        );
        converted += 1;
    }
    assert_eq!(converted, 6);
}

/// Damaged keys never make the conversion panic, and what it hands back is final: given as
/// the key again, it reads and needs no second conversion.
#[test]
fn damaged_keys_never_panic_and_a_converted_key_is_final() {
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let keys = [
        "certs/rsa/leaf.key",
        "keyconv/ec-sec1-params.key",
        "keyconv/rsa-pkcs1-params.key",
    ];
    for name in keys {
        let key = read(name);
        let mut variants: Vec<String> = (0..key.len())
            .step_by(7)
            .filter_map(|end| key.get(..end).map(str::to_string))
            .collect();
        // One base64 character changed on each of the first lines of the key block.
        for (line_no, line) in key.lines().enumerate().take(8) {
            if line.starts_with("-----") || line.is_empty() {
                continue;
            }
            let flipped = if line.starts_with('A') { "B" } else { "A" };
            let mut lines: Vec<String> = key.lines().map(str::to_string).collect();
            lines[line_no].replace_range(..1, flipped);
            variants.push(lines.join("\n") + "\n");
        }
        for text in &variants {
            for profile in [ProviderProfile::Generic, ProviderProfile::AlibabaSlb] {
                let mut input = CertificateInput::new("", now);
                input.private_key = Some(text);
                input.profile = profile;
                let (_, converted) = check_certificate_with_key_fix(&input);
                let Some(converted) = converted else { continue };
                let mut again = CertificateInput::new("", now);
                again.private_key = Some(converted.pem());
                again.profile = profile;
                let (report, second) = check_certificate_with_key_fix(&again);
                assert!(second.is_none(), "{name}: converted twice");
                assert!(
                    report.by_rule("key.unsupported").next().is_none(),
                    "{name}: the converted key does not read: {}",
                    report.to_json_pretty()
                );
            }
        }
    }
}
