//! `cert --key KEY --key-password-file FILE | --key-password-env VAR` (issue 22 item 3): the
//! password of an encrypted key comes from a file, a named environment variable,
//! `CERT_PREFLIGHT_KEY_PASSWORD`, or a prompt on a terminal when the key is encrypted; never
//! from an argument. The same code resolves the PKCS#12 password (`--password-*`). With it the
//! key is decrypted and checked, and `--fix-key` writes it unencrypted; the password and the
//! key never reach standard output or standard error, in either format.
#![cfg(feature = "encrypted-keys")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use std::path::PathBuf;

use cli_support::{assert_input_error, run, run_with, Run, Temp};

const NOW: &str = "2026-11-23T00:00:00Z";

fn testdata(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata");
    dir.join(name).display().to_string()
}

fn password() -> String {
    std::fs::read_to_string(testdata("keyconv/encrypted/password.txt"))
        .unwrap()
        .trim_end_matches(['\r', '\n'])
        .to_string()
}

const KEY: &str = "keyconv/encrypted/rsa-pkcs8-aes256-sha256.key";
const PLAIN: &str = "certs/rsa/leaf.key";

fn base(format: &str) -> Vec<String> {
    [
        "cert",
        &testdata("certs/rsa/fullchain.pem"),
        "--key",
        &testdata(KEY),
        "--now",
        NOW,
        "--format",
        format,
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

fn with(args: &[String], more: &[&str]) -> Vec<String> {
    args.iter()
        .cloned()
        .chain(more.iter().map(|s| s.to_string()))
        .collect()
}

fn run_args(args: &[String], env: &[(&str, &str)]) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    run_with(&args, b"", env)
}

fn key_rules(run: &Run) -> Vec<(String, bool)> {
    let report: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["rule"].as_str().unwrap().starts_with("key."))
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["fixed"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

/// Neither the password nor a base64 line of the encrypted or the plaintext key in the
/// command's output.
fn assert_quiet(run: &Run, what: &str) {
    let secret = password();
    let keys = [
        std::fs::read_to_string(testdata(KEY)).unwrap(),
        std::fs::read_to_string(testdata(PLAIN)).unwrap(),
    ];
    for text in [&run.stdout, &run.stderr] {
        assert!(!text.contains(&secret), "{what}: the password in {text}");
        for key in &keys {
            for line in key
                .lines()
                .filter(|l| l.len() >= 16 && !l.starts_with("-----"))
            {
                assert!(!text.contains(line), "{what}: key material in {text}");
            }
        }
    }
}

fn decrypted(run: &Run) -> bool {
    key_rules(run) == [("key.encrypted".to_string(), false)]
        && run.stdout.contains("decrypted with the key password given")
}

#[test]
fn every_source_gives_the_same_report() {
    let pw = Temp::new("key-password", &format!("{}\n", password()));
    let json = base("json");
    let from_file = run_args(&with(&json, &["--key-password-file", &pw.path()]), &[]);
    let from_env = run_args(
        &with(&json, &["--key-password-env", "MY_KEY_PASSWORD"]),
        &[("MY_KEY_PASSWORD", &password())],
    );
    let from_default = run_args(&json, &[("CERT_PREFLIGHT_KEY_PASSWORD", &password())]);
    assert_eq!(from_file.code, 1, "{}", from_file.stderr);
    assert!(decrypted(&from_file), "{}", from_file.stdout);
    assert_eq!(from_env.stdout, from_file.stdout);
    assert_eq!(from_default.stdout, from_file.stdout);
    for (run, what) in [
        (&from_file, "file"),
        (&from_env, "env"),
        (&from_default, "default env"),
    ] {
        assert_quiet(run, what);
    }
    // The PKCS#12 variable is not the key's.
    let pkcs12_var = run_args(&json, &[("CERT_PREFLIGHT_PASSWORD", &password())]);
    assert_eq!(
        key_rules(&pkcs12_var),
        [("key.encrypted".to_string(), false)]
    );
    assert!(!decrypted(&pkcs12_var));
}

#[test]
fn without_a_source_and_no_terminal_the_key_is_reported_encrypted_as_before() {
    let run = run_args(&base("json"), &[]);
    assert_eq!(run.code, 1);
    assert_eq!(key_rules(&run), [("key.encrypted".to_string(), false)]);
    assert!(!run.stdout.contains("decrypted"), "{}", run.stdout);
    assert!(!run.stderr.contains("assword"), "no prompt: {}", run.stderr);
}

#[test]
fn a_wrong_password_is_reported_not_an_input_error() {
    let pw = Temp::new("key-password-wrong", "not-the-password\n");
    for format in ["json", "human"] {
        let run = run_args(
            &with(&base(format), &["--key-password-file", &pw.path()]),
            &[],
        );
        assert_eq!(run.code, 1, "{}", run.stderr);
        assert!(run.stdout.contains("key.wrong_password"), "{}", run.stdout);
        assert!(!run.stdout.contains("not-the-password"));
        assert_quiet(&run, format);
    }
}

#[test]
fn fix_key_writes_the_key_unencrypted_only_with_its_password() {
    let pw = Temp::new("key-password-fix", &password());
    let out =
        std::env::temp_dir().join(format!("cert-preflight-keypass-out-{}", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let out_arg = out.display().to_string();
    for format in ["json", "human"] {
        let run = run_args(
            &with(
                &base(format),
                &["--key-password-file", &pw.path(), "--fix-key", &out_arg],
            ),
            &[],
        );
        assert_quiet(&run, format);
        let written = std::fs::read_to_string(&out).unwrap();
        assert_eq!(written, std::fs::read_to_string(testdata(PLAIN)).unwrap());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode();
            assert_eq!(mode & 0o077, 0, "owner-only: {mode:o}");
        }
        if format == "json" {
            assert_eq!(key_rules(&run), [("key.encrypted".to_string(), true)]);
        }
        std::fs::remove_file(&out).unwrap();
    }
    // Without the password nothing is written.
    let run = run_args(&with(&base("json"), &["--fix-key", &out_arg]), &[]);
    assert!(!out.exists());
    assert!(run.stderr.contains("--key-password-file"), "{}", run.stderr);
    assert_eq!(key_rules(&run), [("key.encrypted".to_string(), false)]);
}

#[test]
fn bad_sources_are_input_errors() {
    let json = base("json");
    let unset = run_args(
        &with(
            &json,
            &["--key-password-env", "CERT_PREFLIGHT_TEST_UNSET_VARIABLE"],
        ),
        &[],
    );
    assert_input_error(&unset, "--key-password-env");
    let missing = run_args(
        &with(&json, &["--key-password-file", "/nonexistent/password"]),
        &[],
    );
    assert_eq!(missing.code, 2, "{}", missing.stderr);
    let both = run_args(
        &with(
            &json,
            &["--key-password-file", "x", "--key-password-env", "Y"],
        ),
        &[],
    );
    assert_eq!(both.code, 2, "{}", both.stderr);
    // No option takes the password itself.
    let argument = run(&[
        "cert",
        &testdata("certs/rsa/fullchain.pem"),
        "--key-password",
        "secret",
    ]);
    assert_eq!(argument.code, 2);
}

/// With a terminal, an encrypted key's password is asked for (and a plaintext key's is not).
/// Run under `script`, which gives the command a pseudo-terminal fed from its standard input;
/// skipped where util-linux's `script` is missing.
#[test]
fn a_terminal_is_asked_for_the_password_of_an_encrypted_key_only() {
    let has_script = std::process::Command::new("script")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !has_script {
        return;
    }
    let bin = env!("CARGO_BIN_EXE_cert-preflight");
    let command = |key: &str| {
        format!(
            "{bin} cert {} --key {} --now {NOW} --format json",
            testdata("certs/rsa/fullchain.pem"),
            testdata(key)
        )
    };
    let under_tty = |key: &str| {
        use std::io::Write as _;
        let mut child = std::process::Command::new("script")
            .args(["-qec", &command(key), "/dev/null"])
            .env_remove("CERT_PREFLIGHT_KEY_PASSWORD")
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        // Typed after the prompt has turned echo off, as a person would: what arrives before
        // it, the terminal echoes.
        std::thread::sleep(std::time::Duration::from_millis(1500));
        // A command that asked nothing may have ended already (a broken pipe).
        let _ = stdin.write_all(format!("{}\n", password()).as_bytes());
        drop(stdin);
        let out = child.wait_with_output().unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let encrypted = under_tty(KEY);
    assert!(encrypted.contains("Key password for"), "{encrypted}");
    assert!(
        encrypted.contains("decrypted with the key password given"),
        "{encrypted}"
    );
    assert!(!encrypted.contains(&password()), "echoed: {encrypted}");
    let plain = under_tty(PLAIN);
    assert!(!plain.contains("Key password for"), "{plain}");
}

/// `request --key-password-file` opens an encrypted key in the body the same way (ACM's
/// `PrivateKey`, which ACM takes unencrypted only), and `--fix-key` writes it unencrypted.
#[test]
fn a_request_bodys_encrypted_key_opens_with_its_password() {
    let read = |name: &str| std::fs::read_to_string(testdata(name)).unwrap();
    let body = serde_json::json!({
        "Certificate": read("certs/rsa/leaf.pem"),
        "CertificateChain": read("certs/rsa/intermediate.pem"),
        "PrivateKey": read("keyconv/encrypted/rsa-legacy-aes128.key"),
    });
    let body = Temp::new("key-password-acm.json", &body.to_string());
    let pw = Temp::new("key-password-acm-pw", &password());
    let wrong = Temp::new("key-password-acm-wrong", "Tr0ub4dor&3");
    let out =
        std::env::temp_dir().join(format!("cert-preflight-keypass-acm-{}", std::process::id()));
    let _ = std::fs::remove_file(&out);
    let out_arg = out.display().to_string();
    let body_path = body.path();
    let request = |more: &[&str]| {
        let mut args = vec![
            "request",
            "aws.acm.import-certificate",
            body_path.as_str(),
            "--now",
            NOW,
            "--format",
            "json",
        ];
        args.extend_from_slice(more);
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        run_args(&args, &[])
    };
    let opened = request(&["--key-password-file", &pw.path(), "--fix-key", &out_arg]);
    assert_eq!(
        key_rules(&opened),
        [("key.encrypted".to_string(), true)],
        "{}",
        opened.stdout
    );
    assert_eq!(
        std::fs::read_to_string(&out).unwrap(),
        read("certs/rsa/leaf.pkcs1.key")
    );
    std::fs::remove_file(&out).unwrap();
    let none = request(&[]);
    assert_eq!(key_rules(&none), [("key.encrypted".to_string(), false)]);
    let wrong = request(&["--key-password-file", &wrong.path()]);
    assert_eq!(
        key_rules(&wrong),
        [("key.wrong_password".to_string(), false)]
    );
    for (run, what) in [(&opened, "opened"), (&none, "none"), (&wrong, "wrong")] {
        assert_quiet(run, what);
        assert!(!run.stdout.contains("Tr0ub4dor"), "{what}");
    }
}

#[test]
fn a_request_contexts_debug_never_shows_the_key_password() {
    let mut context =
        cert_preflight::RequestContext::new(cert_preflight::Timestamp::parse_rfc3339(NOW).unwrap());
    context.set_key_password("s3cret-Key-Pa55");
    let shown = format!("{context:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
}

/// `scan --key-password-file | --key-password-env` (or `CERT_PREFLIGHT_KEY_PASSWORD`): one
/// password for every encrypted key paired with a certificate, resolved once by the code that
/// resolves `cert`'s and never asked for. Each file's report is the library's for its
/// certificate and key with that password; a key it does not open is `key.wrong_password`,
/// and without one every encrypted key is `key.encrypted` as before.
#[test]
fn scan_opens_every_encrypted_key_with_the_one_password_given() {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("scan-key-password");
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    // Two pairs, `x.crt` with the `x.key` beside it: a legacy key and a PKCS#8 PBES2 one, in
    // the order scan reports them (file names).
    let pairs = [
        (
            "ec",
            "certs/ec-p256/fullchain.pem",
            "keyconv/encrypted/ec-legacy-des3.key",
            "certs/ec-p256/leaf.sec1.key",
        ),
        ("rsa", "certs/rsa/fullchain.pem", KEY, PLAIN),
    ];
    for (name, bundle, key, _) in pairs {
        std::fs::copy(testdata(bundle), dir.join(format!("{name}.crt"))).unwrap();
        std::fs::copy(testdata(key), dir.join(format!("{name}.key"))).unwrap();
    }
    let pw = Temp::new("scan-key-password", &format!("{}\n", password()));
    let wrong = Temp::new("scan-key-password-wrong", "Tr0ub4dor&3");
    let dir_arg = dir.display().to_string();
    let scan_as = |format: &str, more: &[&str], env: &[(&str, &str)]| {
        let mut args = vec!["scan", dir_arg.as_str(), "--now", NOW, "--format", format];
        args.extend_from_slice(more);
        let args: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        run_args(&args, env)
    };
    let scan = |more: &[&str], env: &[(&str, &str)]| scan_as("json", more, env);
    // Each line's key rules, with whether the key was decrypted, in the order found.
    let key_rules_of = |run: &Run| -> Vec<Vec<(String, bool)>> {
        cli_support::json_lines(&run.stdout)
            .iter()
            .map(|report| {
                report["diagnostics"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .filter(|d| d["rule"].as_str().unwrap().starts_with("key."))
                    .map(|d| {
                        let rule = d["rule"].as_str().unwrap().to_string();
                        let opened = d["message"]
                            .as_str()
                            .unwrap()
                            .contains("decrypted with the key password given");
                        (rule, opened)
                    })
                    .collect()
            })
            .collect()
    };
    let opened = vec![("key.encrypted".to_string(), true)];
    let from_file = scan(&["--key-password-file", &pw.path()], &[]);
    assert_eq!(from_file.code, 1, "{}", from_file.stderr);
    assert_eq!(
        key_rules_of(&from_file),
        [opened.clone(), opened],
        "{}",
        from_file.stdout
    );
    // Each report is the library's for the pair and the password (CertificateInput's
    // key_password), with the file names first, as for a key without a password.
    let now = cert_preflight::Timestamp::parse_rfc3339(NOW).unwrap();
    let secret = password();
    for (line, (name, bundle, key, _)) in cli_support::json_lines(&from_file.stdout)
        .into_iter()
        .zip(pairs)
    {
        let pem = std::fs::read_to_string(testdata(bundle)).unwrap();
        let key_text = std::fs::read_to_string(testdata(key)).unwrap();
        let mut input = cert_preflight::CertificateInput::new(&pem, now);
        input.private_key = Some(&key_text);
        input.key_password = Some(&secret);
        let want = serde_json::to_value(cert_preflight::check_certificate(&input)).unwrap();
        let mut got = line;
        let got_map = got.as_object_mut().unwrap();
        let file = got_map.remove("file").unwrap();
        assert!(file.as_str().unwrap().ends_with(&format!("{name}.crt")));
        let key_file = got_map.remove("key_file").unwrap();
        assert!(key_file.as_str().unwrap().ends_with(&format!("{name}.key")));
        assert_eq!(got, want, "{name}");
    }
    let from_env = scan(
        &["--key-password-env", "MY_KEY_PASSWORD"],
        &[("MY_KEY_PASSWORD", &secret)],
    );
    let from_default = scan(&[], &[("CERT_PREFLIGHT_KEY_PASSWORD", &secret)]);
    assert_eq!(from_env.stdout, from_file.stdout);
    assert_eq!(from_default.stdout, from_file.stdout);
    let wrong_run = scan(&["--key-password-file", &wrong.path()], &[]);
    let wrong_rules = vec![("key.wrong_password".to_string(), false)];
    assert_eq!(key_rules_of(&wrong_run), [wrong_rules.clone(), wrong_rules]);
    let none = scan(&[], &[]);
    let encrypted = vec![("key.encrypted".to_string(), false)];
    assert_eq!(key_rules_of(&none), [encrypted.clone(), encrypted]);
    let unset = scan(
        &["--key-password-env", "CERT_PREFLIGHT_TEST_UNSET_VARIABLE"],
        &[],
    );
    assert_input_error(&unset, "--key-password-env");
    // Nothing secret in any output, in either format.
    let human = scan_as("human", &["--key-password-file", &pw.path()], &[]);
    assert_eq!(human.code, 1, "{}", human.stderr);
    assert_eq!(
        human
            .stdout
            .matches("decrypted with the key password given")
            .count(),
        2,
        "{}",
        human.stdout
    );
    for (run, what) in [
        (&from_file, "file"),
        (&from_env, "env"),
        (&from_default, "default env"),
        (&wrong_run, "wrong"),
        (&none, "none"),
        (&human, "human"),
    ] {
        assert_quiet(run, what);
        for text in [&run.stdout, &run.stderr] {
            assert!(!text.contains("Tr0ub4dor"), "{what}");
            for (_, _, key, plain) in pairs {
                for name in [key, plain] {
                    let material = std::fs::read_to_string(testdata(name)).unwrap();
                    // Base64 lines; not the legacy headers (`Proc-Type: 4,ENCRYPTED`, which
                    // key.encrypted's message names as the form found).
                    for l in material
                        .lines()
                        .filter(|l| l.len() >= 16 && !l.starts_with("-----") && !l.contains(':'))
                    {
                        assert!(!text.contains(l), "{what}: key material of {name}");
                    }
                }
            }
        }
    }
}
