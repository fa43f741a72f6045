//! Fuzz target `intermediates_pool`: `IntermediatePool::add` of the fuzzer's bytes, then a
//! leaf completed from that pool (issue 22 item 2).
//! The body is `harness::intermediates_pool` (fuzz/harness/), which the corpus replay test also runs.
#![no_main]

#[path = "../harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::intermediates_pool(data));
