//! The cost of a full certificate check against the bare cryptography it cannot avoid
//! (issue 2, item 12). Target: `full_check` <= 1.5 x `ring_only`.
//!
//! Input: testdata/certs/rsa/fullchain-with-root.pem (leaf, intermediate, root; RSA 2048,
//! sha256WithRSAEncryption), its leaf key rsa/leaf.key, and 30 domain names the leaf covers.
//!
//! - `full_check`: `check_certificate` of that input (PEM scan, parse, every rule, facts,
//!   normalized bundle, report).
//! - `ring_only`: ring doing the same input's cryptography and nothing else: three RSA
//!   PKCS#1 v1.5 SHA-256 verifications (leaf by intermediate, intermediate by root, root by
//!   itself) and SHA-1 + SHA-256 of each certificate's DER. The TBS, signature and public key
//!   bytes are extracted with x509-parser in setup, outside the timed loop.
//!
//! Run: `cargo bench --bench check -- --warm-up-time 1 --measurement-time 3`
//! (numbers and machine in docs/performance.md).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code: criterion's macros make undocumented public functions, and a broken input should stop the run"
)]

use std::hint::black_box;
use std::path::Path;

use cert_preflight::{check_certificate, CertificateInput, Timestamp};
use criterion::{criterion_group, criterion_main, Criterion};
use ring::digest;
use ring::signature::{UnparsedPublicKey, RSA_PKCS1_2048_8192_SHA256};
use x509_parser::pem::Pem;

/// One certificate's inputs to the cryptography, copied out of the parsed DER.
struct CryptoInput {
    der: Vec<u8>,
    tbs: Vec<u8>,
    signature: Vec<u8>,
    /// The RSAPublicKey inside subjectPublicKeyInfo (what ring's RSA verifier takes).
    public_key: Vec<u8>,
}

fn read(rel: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("testdata/certs")
        .join(rel);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The 30 names: the leaf's three exact SANs and 27 names under its `*.apps.example.com`.
fn thirty_domains() -> String {
    let mut names: Vec<String> = ["www.example.com", "example.com", "api.example.com"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    names.extend((1..=27).map(|i| format!("a{i}.apps.example.com")));
    assert_eq!(names.len(), 30);
    names.join(",")
}

fn crypto_inputs(pem: &str) -> Vec<CryptoInput> {
    Pem::iter_from_buffer(pem.as_bytes())
        .map(|block| {
            let block = block.expect("PEM block");
            let cert = block.parse_x509().expect("certificate");
            CryptoInput {
                der: block.contents.clone(),
                tbs: cert.tbs_certificate.as_ref().to_vec(),
                signature: cert.signature_value.data.to_vec(),
                public_key: cert
                    .tbs_certificate
                    .subject_pki
                    .subject_public_key
                    .data
                    .to_vec(),
            }
        })
        .collect()
}

/// Verifies certificate i with certificate i+1's key (the last with its own) and digests each.
fn ring_only(chain: &[CryptoInput]) -> usize {
    let mut bytes = 0;
    for (i, cert) in chain.iter().enumerate() {
        let issuer = chain.get(i + 1).unwrap_or(cert);
        UnparsedPublicKey::new(&RSA_PKCS1_2048_8192_SHA256, &issuer.public_key)
            .verify(&cert.tbs, &cert.signature)
            .expect("signature verifies");
        let sha1 = digest::digest(&digest::SHA1_FOR_LEGACY_USE_ONLY, &cert.der);
        let sha256 = digest::digest(&digest::SHA256, &cert.der);
        bytes += sha1.as_ref().len() + sha256.as_ref().len();
    }
    bytes
}

fn bench(c: &mut Criterion) {
    let certificate = read("rsa/fullchain-with-root.pem");
    let key = read("rsa/leaf.key");
    let domains = thirty_domains();
    let now = Timestamp::parse_rfc3339("2026-11-23T00:00:00Z").unwrap();
    let mut input = CertificateInput::new(&certificate, now);
    input.private_key = Some(&key);
    input.domains = Some(&domains);
    input.key_required = true;

    // The input must be what the benchmark says it is: three certificates, a matching key,
    // all 30 names covered, nothing wrong but the included root (info).
    let report = check_certificate(&input);
    assert!(report.valid, "{:?}", report.diagnostics);
    assert_eq!(report.certificate.as_ref().unwrap().chain.len(), 3);
    let rules: Vec<&str> = report.diagnostics.iter().map(|d| d.rule.as_str()).collect();
    assert_eq!(rules, ["chain.root_included"], "{:?}", report.diagnostics);

    let chain = crypto_inputs(&certificate);
    assert_eq!(chain.len(), 3);
    ring_only(&chain);

    let mut group = c.benchmark_group("check");
    group.bench_function("full_check", |b| {
        b.iter(|| check_certificate(black_box(&input)))
    });
    group.bench_function("ring_only", |b| b.iter(|| ring_only(black_box(&chain))));
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
