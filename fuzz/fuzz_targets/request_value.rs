//! Fuzz target `request_value`: `validate_request_value` on a structure-aware body built with `arbitrary`.
//! The body is `harness::request_value` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::request_value(data));
