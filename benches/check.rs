//! The cost of a full certificate check against the bare cryptography it cannot avoid
//! (issue 2, item 12). Target: `full_check` <= 1.5 x `ring_only`.
//!
//! Input: the golden case `testdata/golden/certificate/bench-full-check.case.json`:
//! testdata/certs/rsa/fullchain-with-root.pem (leaf, intermediate, root; RSA 2048,
//! sha256WithRSAEncryption), its leaf key rsa/leaf.key, and 30 domain names the leaf covers.
//! Before timing, the report must be exactly that case's expected report, the file that
//! tests/golden_certificate.rs keeps current: when a rule changes the report, the golden test
//! fails first and `UPDATE_GOLDEN=1` updates the benchmark's expectation with it.
//!
//! - `full_check`: `check_certificate` of that input (PEM scan, parse, every rule, facts,
//!   normalized bundle, report).
//! - `ring_only`: ring doing the same input's cryptography and nothing else: three RSA
//!   PKCS#1 v1.5 SHA-256 verifications (leaf by intermediate, intermediate by root, root by
//!   itself) and SHA-1 + SHA-256 of each certificate's DER. The TBS, signature and public key
//!   bytes are extracted with x509-parser in setup, outside the timed loop.
//!
//! Run: `cargo bench --bench check -- --warm-up-time 1 --measurement-time 3`
//! (numbers and machine in docs/performance.md). CI runs `cargo bench --bench check -- --test`
//! (each benchmark once, after the same checks).
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code: criterion's macros make undocumented public functions, and a broken input should stop the run"
)]

#[path = "../tests/golden_support/certificate_case.rs"]
mod certificate_case;

use std::hint::black_box;

use cert_preflight::check_certificate;
use certificate_case::GoldenCase;
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
    let case = GoldenCase::load("bench-full-check");
    case.assert_golden();
    let input = case.input();
    assert_eq!(
        input.domains.map(|d| d.split(',').count()),
        Some(30),
        "the benchmark checks 30 names"
    );

    let chain = crypto_inputs(&case.certificate);
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
