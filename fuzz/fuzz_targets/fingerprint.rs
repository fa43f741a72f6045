//! Fuzz target `fingerprint`: `fingerprint` with both digests and both styles.
//! The body is `harness::fingerprint_field` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::fingerprint_field(data));
