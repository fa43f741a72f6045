//! Fuzz target `domain_field`: The domain field against a fixed RSA leaf and chain.
//! The body is `harness::domain_field` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::domain_field(data));
