//! Encrypted private keys opened with their password (issue 22 item 3: "an encrypted key is
//! converted only when its password is given"). One table over the fixtures of
//! testdata/keyconv/gen.sh (the committed leaf keys encrypted by openssl in every form it
//! writes): each readable case decrypts, matches its leaf, and with the key fix comes back
//! unencrypted, byte for byte the committed plaintext key, passing `openssl pkey -check` with
//! the leaf's public key; a wrong password is `key.wrong_password`, no password `key.encrypted`
//! as before, a scheme not implemented `key.encryption_unsupported`. No output, report or
//! `Debug` holds the key or the password. Arbitrary bytes as an encrypted key, with any
//! password, never panic.
//! Without `openssl` on PATH the openssl half is skipped, except in CI (`CI=true`).
#![cfg(feature = "encrypted-keys")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use cert_preflight::{
    check_certificate, check_certificate_with_key_fix, CertificateInput, KeyEncoding,
    NormalizedKey, ProviderProfile, Report, Timestamp,
};

const NOW: &str = "2026-11-23T00:00:00Z";
const ENCRYPTED: &str = "keyconv/encrypted";

/// What opening a fixture with the right password gives.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// Decrypted: the encoding the key fix writes under the generic profile, and the committed
    /// plaintext key file it must equal.
    Opens(KeyEncoding, &'static str),
    /// `key.encryption_unsupported`.
    Unsupported,
}

struct Case {
    file: &'static str,
    /// The bundle whose leaf the key belongs to, and that leaf alone.
    bundle: &'static str,
    leaf: &'static str,
    expect: Expect,
}

const RSA_BUNDLE: &str = "certs/rsa/fullchain.pem";
const RSA_LEAF: &str = "certs/rsa/leaf.pem";
const EC_BUNDLE: &str = "certs/ec-p256/fullchain.pem";
const EC_LEAF: &str = "certs/ec-p256/leaf.pem";

const CASES: &[Case] = &[
    Case {
        file: "rsa-pkcs8-aes256-sha256.key",
        bundle: RSA_BUNDLE,
        leaf: RSA_LEAF,
        expect: Expect::Opens(KeyEncoding::Pkcs8, "certs/rsa/leaf.key"),
    },
    Case {
        file: "rsa-pkcs8-des3.key",
        bundle: RSA_BUNDLE,
        leaf: RSA_LEAF,
        expect: Expect::Opens(KeyEncoding::Pkcs8, "certs/rsa/leaf.key"),
    },
    Case {
        file: "ec-pkcs8-aes128-sha1.key",
        bundle: EC_BUNDLE,
        leaf: EC_LEAF,
        expect: Expect::Opens(KeyEncoding::Pkcs8, "certs/ec-p256/leaf.key"),
    },
    Case {
        file: "ec-pkcs8-aes192.key",
        bundle: EC_BUNDLE,
        leaf: EC_LEAF,
        expect: Expect::Opens(KeyEncoding::Pkcs8, "certs/ec-p256/leaf.key"),
    },
    Case {
        file: "rsa-legacy-aes128.key",
        bundle: RSA_BUNDLE,
        leaf: RSA_LEAF,
        expect: Expect::Opens(KeyEncoding::Pkcs1, "certs/rsa/leaf.pkcs1.key"),
    },
    Case {
        file: "rsa-legacy-aes256.key",
        bundle: RSA_BUNDLE,
        leaf: RSA_LEAF,
        expect: Expect::Opens(KeyEncoding::Pkcs1, "certs/rsa/leaf.pkcs1.key"),
    },
    Case {
        file: "ec-legacy-des3.key",
        bundle: EC_BUNDLE,
        leaf: EC_LEAF,
        expect: Expect::Opens(KeyEncoding::Sec1, "certs/ec-p256/leaf.sec1.key"),
    },
    Case {
        file: "ec-legacy-aes192.key",
        bundle: EC_BUNDLE,
        leaf: EC_LEAF,
        expect: Expect::Opens(KeyEncoding::Sec1, "certs/ec-p256/leaf.sec1.key"),
    },
    Case {
        file: "rsa-pkcs8-scrypt.key",
        bundle: RSA_BUNDLE,
        leaf: RSA_LEAF,
        expect: Expect::Unsupported,
    },
    Case {
        file: "ec-pkcs8-pbe-sha1-3des.key",
        bundle: EC_BUNDLE,
        leaf: EC_LEAF,
        expect: Expect::Unsupported,
    },
    Case {
        file: "rsa-legacy-camellia128.key",
        bundle: RSA_BUNDLE,
        leaf: RSA_LEAF,
        expect: Expect::Unsupported,
    },
];

fn testdata(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata")
        .join(name)
}

fn read(name: &str) -> String {
    std::fs::read_to_string(testdata(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The fixtures' password (one trailing line end dropped, as the CLI reads the file).
fn password() -> String {
    read(&format!("{ENCRYPTED}/password.txt"))
        .trim_end_matches(['\r', '\n'])
        .to_string()
}

struct Material {
    bundle: String,
    key: String,
}

impl Case {
    fn material(&self) -> Material {
        Material {
            bundle: read(self.bundle),
            key: read(&format!("{ENCRYPTED}/{}", self.file)),
        }
    }
}

fn input<'a>(
    material: &'a Material,
    password: Option<&'a str>,
    profile: ProviderProfile,
) -> CertificateInput<'a> {
    let mut input = CertificateInput::new(&material.bundle, Timestamp::parse_rfc3339(NOW).unwrap());
    input.private_key = Some(&material.key);
    input.key_password = password;
    input.profile = profile;
    input
}

fn key_rules(report: &Report) -> Vec<(&str, bool)> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.rule.starts_with("key."))
        .map(|d| (d.rule.as_str(), d.fixed))
        .collect()
}

/// The base64 lines of a PEM key: any of them in an output is key material leaking.
fn key_lines(pem: &str) -> Vec<&str> {
    pem.lines()
        .filter(|l| l.len() >= 16 && !l.starts_with("-----") && !l.contains(':'))
        .collect()
}

/// Neither the password nor a line of any key in `secrets` appears in `text`.
fn assert_no_secrets(case: &str, text: &str, password: &str, secrets: &[&str]) {
    assert!(!text.contains(password), "{case}: the password in {text}");
    for secret in secrets {
        for line in key_lines(secret) {
            assert!(!text.contains(line), "{case}: key material in {text}");
        }
    }
}

/// Every rendering of a check a caller can see: the JSON, the report's and the input's and the
/// key's `Debug`.
fn everything_shown(
    report: &Report,
    input: &CertificateInput<'_>,
    key: Option<&NormalizedKey>,
) -> String {
    format!(
        "{}\n{report:?}\n{input:?}\n{key:?}",
        report.to_json_pretty()
    )
}

#[test]
fn each_case_decrypts_matches_its_leaf_and_is_handed_back_unencrypted() {
    let password = password();
    for case in CASES {
        let material = case.material();
        let with = input(&material, Some(&password), ProviderProfile::Generic);
        let report = check_certificate(&with);
        let (fixed_report, key) = check_certificate_with_key_fix(&with);
        let shown = everything_shown(&fixed_report, &with, key.as_ref())
            + &everything_shown(&report, &with, None);
        let plain = match case.expect {
            Expect::Opens(_, plain) => read(plain),
            Expect::Unsupported => String::new(),
        };
        assert_no_secrets(case.file, &shown, &password, &[&material.key, &plain]);
        match case.expect {
            Expect::Opens(encoding, plain_file) => {
                // Decrypted, matched with the leaf (no key.mismatch, no key.unsupported), and
                // still an error for the upload until the key fix writes it unencrypted.
                assert_eq!(
                    key_rules(&report),
                    [("key.encrypted", false)],
                    "{}",
                    case.file
                );
                assert_eq!(
                    key_rules(&fixed_report),
                    [("key.encrypted", true)],
                    "{}",
                    case.file
                );
                let key = key.unwrap_or_else(|| panic!("{}: no key handed back", case.file));
                assert_eq!(key.encoding(), encoding, "{}", case.file);
                assert_eq!(
                    key.pem(),
                    read(plain_file),
                    "{}: not the committed key",
                    case.file
                );
            }
            Expect::Unsupported => {
                assert_eq!(
                    key_rules(&report),
                    [("key.encryption_unsupported", false)],
                    "{}",
                    case.file
                );
                assert!(key.is_none(), "{}", case.file);
            }
        }
    }
}

#[test]
fn a_decrypted_key_of_another_certificate_is_a_mismatch() {
    let password = password();
    let case = &CASES[0];
    let material = Material {
        bundle: read(EC_BUNDLE),
        key: read(&format!("{ENCRYPTED}/{}", case.file)),
    };
    let report = check_certificate(&input(&material, Some(&password), ProviderProfile::Generic));
    assert_eq!(
        key_rules(&report),
        [("key.encrypted", false), ("key.mismatch", false)]
    );
}

#[test]
fn the_target_encoding_applies_to_a_decrypted_key() {
    // Alibaba CLB takes PKCS#1: an encrypted PKCS#8 RSA key comes back as unencrypted PKCS#1,
    // and both the encryption and the encoding say fixed.
    let password = password();
    let material = CASES[0].material();
    let with = input(&material, Some(&password), ProviderProfile::AlibabaSlb);
    let (report, key) = check_certificate_with_key_fix(&with);
    let mut rules = key_rules(&report);
    rules.sort_unstable();
    assert_eq!(rules, [("key.encrypted", true), ("key.format_pkcs8", true)]);
    let key = key.unwrap();
    assert_eq!(key.encoding(), KeyEncoding::Pkcs1);
    assert_eq!(key.pem(), read("certs/rsa/leaf.pkcs1.key"));
}

#[test]
fn a_wrong_password_is_its_own_diagnostic_and_nothing_is_handed_back() {
    for case in CASES {
        let material = case.material();
        for wrong in ["", "Tr0ub4dor&3", "k3y-Pa55phrase-7q", &"x".repeat(300)] {
            let with = input(&material, Some(wrong), ProviderProfile::Generic);
            let (report, key) = check_certificate_with_key_fix(&with);
            let expected = match case.expect {
                Expect::Opens(..) => "key.wrong_password",
                Expect::Unsupported => "key.encryption_unsupported",
            };
            assert_eq!(
                key_rules(&report),
                [(expected, false)],
                "{} {wrong:?}",
                case.file
            );
            assert!(key.is_none(), "{}", case.file);
            assert!(!report.valid);
            let shown = everything_shown(&report, &with, None);
            if !wrong.is_empty() {
                assert_no_secrets(case.file, &shown, wrong, &[&material.key]);
            }
        }
    }
}

#[test]
fn without_a_password_nothing_changes() {
    for case in CASES {
        let material = case.material();
        let (report, key) =
            check_certificate_with_key_fix(&input(&material, None, ProviderProfile::Generic));
        assert_eq!(
            key_rules(&report),
            [("key.encrypted", false)],
            "{}",
            case.file
        );
        assert!(key.is_none());
        let message = &report
            .diagnostics
            .iter()
            .find(|d| d.rule == "key.encrypted")
            .unwrap()
            .message;
        assert!(
            message.contains("the providers need it unencrypted: run `openssl pkey"),
            "{message}"
        );
    }
}

#[test]
fn a_password_for_a_plaintext_key_changes_nothing() {
    let bundle = read(RSA_BUNDLE);
    let key = read("certs/rsa/leaf.key");
    let now = Timestamp::parse_rfc3339(NOW).unwrap();
    let mut plain = CertificateInput::new(&bundle, now);
    plain.private_key = Some(&key);
    let mut with = plain.clone();
    with.key_password = Some("unused");
    assert_eq!(check_certificate(&plain), check_certificate(&with));
    assert!(check_certificate_with_key_fix(&with).1.is_none());
}

/// A small deterministic generator (xorshift64*): the property tests need no extra crate.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        usize::try_from(self.next() % u64::try_from(n).unwrap()).unwrap()
    }

    fn bytes(&mut self, len: usize) -> Vec<u8> {
        (0..len).map(|_| self.next().to_le_bytes()[0]).collect()
    }
}

fn base64(bytes: &[u8]) -> String {
    use base64::Engine as _;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

fn check_never_panics(key: &str, password: &str) {
    let bundle = read(RSA_BUNDLE);
    let mut with = CertificateInput::new(&bundle, Timestamp::parse_rfc3339(NOW).unwrap());
    with.private_key = Some(key);
    with.key_password = Some(password);
    let (report, _) = check_certificate_with_key_fix(&with);
    assert!(report
        .diagnostics
        .iter()
        .any(|d| d.rule.starts_with("key.") || d.rule.starts_with("pem.")));
}

/// Arbitrary bytes as an encrypted key, in both forms, with arbitrary passwords: a report,
/// never a panic. Then every readable fixture with bytes flipped or cut, which reaches the KDF
/// and the ciphers with damaged parameters and ciphertext.
#[test]
fn arbitrary_bytes_as_an_encrypted_key_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let ciphers = [
        "AES-128-CBC",
        "AES-192-CBC",
        "AES-256-CBC",
        "DES-EDE3-CBC",
        "RC2-CBC",
        "",
        "AES-256-CBC,",
    ];
    for _ in 0..300 {
        let len = rng.below(600);
        let body = base64(&rng.bytes(len));
        let password_len = rng.below(40);
        let password = String::from_utf8_lossy(&rng.bytes(password_len)).into_owned();
        let pkcs8 = format!(
            "-----BEGIN ENCRYPTED PRIVATE KEY-----\n{body}\n-----END ENCRYPTED PRIVATE KEY-----\n"
        );
        check_never_panics(&pkcs8, &password);
        let cipher = ciphers[rng.below(ciphers.len())];
        let iv_len = rng.below(20);
        let iv: String = rng
            .bytes(iv_len)
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect();
        let legacy = format!("-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: {cipher},{iv}\n\n{body}\n-----END RSA PRIVATE KEY-----\n");
        check_never_panics(&legacy, &password);
    }
    let password = password();
    for case in CASES {
        let material = case.material();
        let der = pem_der(&material.key);
        for _ in 0..12 {
            let mut damaged = der.clone();
            if rng.below(4) == 0 {
                damaged.truncate(rng.below(der.len()));
            } else {
                let at = rng.below(damaged.len());
                damaged[at] ^= 1 << rng.below(8);
            }
            let text = rewrap(&material.key, &damaged);
            check_never_panics(&text, &password);
        }
    }
}

/// The base64 body of a one-block PEM, decoded (RFC 1421 headers skipped).
fn pem_der(pem: &str) -> Vec<u8> {
    use base64::Engine as _;
    let body: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----") && !l.contains(':') && !l.is_empty())
        .collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// The same block (its boundaries and headers) around other bytes.
fn rewrap(pem: &str, der: &[u8]) -> String {
    let mut out = String::new();
    let mut body_done = false;
    for line in pem.lines() {
        if line.starts_with("-----END") && !body_done {
            out.push_str(&base64(der));
            out.push('\n');
            body_done = true;
        }
        if line.starts_with("-----") || line.contains(':') || line.is_empty() {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

fn openssl_available() -> bool {
    let found = Command::new("openssl").arg("version").output().is_ok();
    assert!(
        found || std::env::var("CI").as_deref() != Ok("true"),
        "openssl is required in CI"
    );
    found
}

fn openssl(args: &[&str], stdin: Option<&str>) -> Vec<u8> {
    use std::io::Write as _;
    let mut child = Command::new("openssl")
        .args(args)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "openssl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    out.stdout
}

#[test]
fn converted_keys_pass_openssl_and_carry_the_leafs_public_key() {
    if !openssl_available() {
        return;
    }
    let password = password();
    for case in CASES {
        let Expect::Opens(..) = case.expect else {
            continue;
        };
        let material = case.material();
        let (_, key) = check_certificate_with_key_fix(&input(
            &material,
            Some(&password),
            ProviderProfile::Generic,
        ));
        let key = key.unwrap();
        // The key is fed on standard input, never written anywhere.
        openssl(&["pkey", "-check", "-noout"], Some(key.pem()));
        let public = openssl(&["pkey", "-pubout"], Some(key.pem()));
        let leaf = openssl(
            &[
                "x509",
                "-pubkey",
                "-noout",
                "-in",
                testdata(case.leaf).to_str().unwrap(),
            ],
            None,
        );
        assert_eq!(public, leaf, "{}: not the leaf's public key", case.file);
        // And it is what openssl itself decrypts from the same file.
        let pass = format!(
            "file:{}",
            testdata(&format!("{ENCRYPTED}/password.txt")).display()
        );
        let source = testdata(&format!("{ENCRYPTED}/{}", case.file));
        let theirs = openssl(
            &[
                "pkey",
                "-pubout",
                "-in",
                source.to_str().unwrap(),
                "-passin",
                &pass,
            ],
            None,
        );
        assert_eq!(public, theirs, "{}", case.file);
    }
}

/// The reports of one case per outcome, as goldens (testdata/golden/key-password,
/// `UPDATE_GOLDEN=1` rewrites them): what every front shows for a decrypted key, a wrong
/// password and a scheme not implemented.
#[test]
fn each_outcome_reports_its_golden() {
    let update = std::env::var("UPDATE_GOLDEN").is_ok();
    let password = password();
    let cases = [
        (
            "decrypted-legacy-aes128",
            "rsa-legacy-aes128.key",
            password.as_str(),
        ),
        (
            "decrypted-pkcs8-des3",
            "rsa-pkcs8-des3.key",
            password.as_str(),
        ),
        ("wrong-password", "rsa-pkcs8-des3.key", "Tr0ub4dor&3"),
        (
            "unsupported-scrypt",
            "rsa-pkcs8-scrypt.key",
            password.as_str(),
        ),
        (
            "unsupported-legacy-camellia",
            "rsa-legacy-camellia128.key",
            password.as_str(),
        ),
    ];
    for (name, file, given) in cases {
        let material = Material {
            bundle: read(RSA_BUNDLE),
            key: read(&format!("{ENCRYPTED}/{file}")),
        };
        let with = input(&material, Some(given), ProviderProfile::Generic);
        let (report, _) = check_certificate_with_key_fix(&with);
        let text = serde_json::to_string_pretty(&report).unwrap() + "\n";
        assert_no_secrets(name, &text, given, &[&material.key]);
        let golden = testdata(&format!("golden/key-password/{name}.expected.json"));
        if update {
            std::fs::create_dir_all(golden.parent().unwrap()).unwrap();
            std::fs::write(&golden, &text).unwrap();
        }
        let expected = std::fs::read_to_string(&golden)
            .unwrap_or_else(|e| panic!("{name}: {e} (UPDATE_GOLDEN=1 writes it)"));
        assert_eq!(text, expected, "{name}: the report differs from its golden");
    }
}
