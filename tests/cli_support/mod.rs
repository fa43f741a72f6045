//! Helpers shared by the command line tests (tests/cli*.rs): run the binary, read testdata/cli.
#![allow(
    unreachable_pub,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test support shared by several test crates; a broken expectation should stop the test loudly"
)]
#![allow(dead_code)] // each test crate uses a different subset

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

pub const NOW: &str = "2026-11-23T00:00:00Z";

/// What a run of the binary produced.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn data(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/cli");
    dir.join(name).display().to_string()
}

pub fn read(name: &str) -> String {
    std::fs::read_to_string(data(name)).unwrap()
}

/// Runs the binary with `args`, `stdin` fed in, colours left to anstream's own decision.
pub fn run_with(args: &[&str], stdin: &[u8], env: &[(&str, &str)]) -> Run {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_cert-preflight"));
    cmd.args(args)
        .env_remove("CLICOLOR_FORCE")
        .env_remove("NO_COLOR")
        .env("RUST_BACKTRACE", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().unwrap();
    // The binary may exit before reading stdin (an input error): a broken pipe is fine.
    let _ = child.stdin.take().unwrap().write_all(stdin);
    let out = child.wait_with_output().unwrap();
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

pub fn run(args: &[&str]) -> Run {
    run_with(args, b"", &[])
}

/// Exit 2 with exactly one `cert-preflight: error:` line naming `context`, and no panic.
pub fn assert_input_error(r: &Run, context: &str) {
    assert_eq!(r.code, 2, "stderr: {}", r.stderr);
    assert!(!r.stderr.contains("panicked"), "{}", r.stderr);
    assert_eq!(r.stderr.lines().count(), 1, "one line: {:?}", r.stderr);
    assert!(
        r.stderr.starts_with("cert-preflight: error: "),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.trim_end().ends_with(&format!("({context})")),
        "{}",
        r.stderr
    );
}

/// A temporary file holding `text`, removed on drop.
pub struct Temp(PathBuf);

impl Temp {
    /// Writes `text` to a fresh file named after `tag` and the process id.
    pub fn new(tag: &str, text: &str) -> Temp {
        let name = format!("cert-preflight-{tag}-{}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, text).unwrap();
        Temp(path)
    }

    /// Writes `bytes` (not necessarily text) to a fresh file named after `tag`.
    pub fn new_bytes(tag: &str, bytes: &[u8]) -> Temp {
        let name = format!("cert-preflight-{tag}-{}", std::process::id());
        let path = std::env::temp_dir().join(name);
        std::fs::write(&path, bytes).unwrap();
        Temp(path)
    }

    /// The file's path as an argument.
    pub fn path(&self) -> String {
        self.0.display().to_string()
    }
}

impl Drop for Temp {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// A path under testdata/scan (made by testdata/scan/gen.sh).
pub fn scan_data(name: &str) -> String {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("testdata/scan");
    dir.join(name).display().to_string()
}

/// A copy of testdata/scan/mixed under cargo's per-target temporary directory, made once per
/// test binary, with three files that are not committed because every other walk of testdata
/// would trip on them: `gone.pem` points at a file that does not exist (an input that cannot
/// be read), `loop` at its own directory (a loop), and `orphan-der.key` is `orphan.key` in DER
/// (a binary key without a certificate).
pub fn mixed_dir() -> &'static str {
    static DIR: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
            .join(format!("scan-mixed-{}", env!("CARGO_CRATE_NAME")));
        let _ = std::fs::remove_dir_all(&dir);
        copy_tree(&PathBuf::from(scan_data("mixed")), &dir).unwrap();
        std::os::unix::fs::symlink("does-not-exist.pem", dir.join("gone.pem")).unwrap();
        std::os::unix::fs::symlink(".", dir.join("loop")).unwrap();
        let pem = std::fs::read_to_string(dir.join("orphan.key")).unwrap();
        let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
        let der = base64::Engine::decode(&base64::engine::general_purpose::STANDARD, body).unwrap();
        std::fs::write(dir.join("orphan-der.key"), der).unwrap();
        dir.display().to_string()
    })
}

fn copy_tree(from: &std::path::Path, to: &std::path::Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let target = to.join(entry.file_name());
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &target)?;
        } else {
            std::fs::copy(entry.path(), target)?;
        }
    }
    Ok(())
}

/// Parses JSON Lines output: one JSON value per line.
pub fn json_lines(stdout: &str) -> Vec<serde_json::Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON ({e}): {l}")))
        .collect()
}
