//! Fuzz target `request_json`: `validate_request` on JSON text, the operation chosen by the first byte.
//! The body is `harness::request_json` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::request_json(data));
