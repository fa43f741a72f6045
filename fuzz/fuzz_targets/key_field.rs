//! Fuzz target `key_field`: The private key field against a fixed certificate chosen by the first byte.
//! The body is `harness::key_field` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::key_field(data));
