//! The signature verifier is pluggable (`CertificateInput::verifier`, `RequestContext::verifier`)
//! and the rules decide the same way whatever does the arithmetic. The npm package's
//! `pkg/test/node/verifier.test.mjs` runs the same comparison with node:crypto against ring.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use cert_preflight::{
    check_certificate, CertificateInput, CertificatePurpose, PublicKeyInfo, RingVerifier,
    SharedVerifier, SignatureAlgorithm, SignatureVerifier, Timestamp, VerifyOutcome,
};

type TestResult = Result<(), Box<dyn std::error::Error>>;

/// Delegates to ring and counts the answers per algorithm.
#[derive(Debug, Default)]
struct CountingVerifier {
    seen: RefCell<BTreeMap<&'static str, [usize; 3]>>,
}

impl SignatureVerifier for CountingVerifier {
    fn verify(
        &self,
        algorithm: SignatureAlgorithm,
        key: PublicKeyInfo<'_>,
        message: &[u8],
        signature: &[u8],
    ) -> VerifyOutcome {
        let out = RingVerifier.verify(algorithm, key, message, signature);
        let mut seen = self.seen.borrow_mut();
        let [verified, bad, unsupported] = seen.entry(algorithm.name()).or_default();
        match out {
            VerifyOutcome::Verified => *verified += 1,
            VerifyOutcome::Bad => *bad += 1,
            // Unsupported, or an outcome a later version adds.
            _ => *unsupported += 1,
        }
        out
    }
}

/// Answers the same for everything.
#[derive(Debug)]
struct Constant(VerifyOutcome);

impl SignatureVerifier for Constant {
    fn verify(
        &self,
        _: SignatureAlgorithm,
        _: PublicKeyInfo<'_>,
        _: &[u8],
        _: &[u8],
    ) -> VerifyOutcome {
        self.0
    }
}

fn pem_files(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.path());
    for entry in entries {
        let path = entry.path();
        if path.is_dir() {
            pem_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "pem") {
            out.push(path);
        }
    }
    Ok(())
}

fn now() -> Result<Timestamp, Box<dyn std::error::Error>> {
    Ok(Timestamp::parse_rfc3339("2026-11-23T00:00:00Z")?)
}

#[test]
fn a_verifier_that_agrees_with_ring_gives_the_same_reports() -> TestResult {
    let mut files = Vec::new();
    pem_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/certs"),
        &mut files,
    )?;
    let counting = SharedVerifier::new(CountingVerifier::default());
    for file in &files {
        let pem = std::fs::read_to_string(file)?;
        for purpose in [CertificatePurpose::Server, CertificatePurpose::CaUpload] {
            let mut input = CertificateInput::new(&pem, now()?);
            input.purpose = purpose;
            let default = check_certificate(&input);
            input.verifier = Some(counting.clone());
            assert_eq!(
                check_certificate(&input),
                default,
                "{} {purpose:?}",
                file.display()
            );
        }
    }
    let verifier = counting.get();
    let debug = format!("{verifier:?}");
    for name in [
        "rsa-pkcs1-sha256",
        "rsa-pss-sha256",
        "ecdsa-p256-sha256",
        "ecdsa-p384-sha384",
        "ed25519",
    ] {
        assert!(debug.contains(name), "{name} was never asked: {debug}");
    }
    Ok(())
}

#[test]
fn the_verifier_decides_only_the_arithmetic() -> TestResult {
    let pem = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata/certs/rsa/fullchain.pem"),
    )?;
    let rules_of = |outcome| -> Result<Vec<String>, Box<dyn std::error::Error>> {
        let mut input = CertificateInput::new(&pem, now()?);
        input.verifier = Some(SharedVerifier::new(Constant(outcome)));
        let report = check_certificate(&input);
        Ok(report.diagnostics.into_iter().map(|d| d.rule).collect())
    };
    assert!(!rules_of(VerifyOutcome::Verified)?
        .iter()
        .any(|r| r.ends_with("_signature")));
    assert!(rules_of(VerifyOutcome::Bad)?.contains(&"chain.bad_signature".to_string()));
    let unsupported = rules_of(VerifyOutcome::Unsupported)?;
    assert!(unsupported.contains(&"chain.unsupported_signature".to_string()));
    Ok(())
}

#[test]
fn algorithm_names_are_unique() {
    let mut names: Vec<_> = SignatureAlgorithm::ALL.iter().map(|a| a.name()).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), SignatureAlgorithm::ALL.len());
}
