//! Fuzz target `certificate_field`: The certificate field (with key and domain fields after 0xFF separators), every purpose, then fingerprint.
//! The body is `harness::certificate_field` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::certificate_field(data));
