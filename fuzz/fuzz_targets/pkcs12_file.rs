//! Fuzz target `pkcs12_file`: a PFX file's bytes opened with one of three passwords and
//! checked as a bundle (issue 22 item 4).
//! The body is `harness::pkcs12_file` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::pkcs12_file(data));
