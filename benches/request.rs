//! Request validation speed: a typical ALB CreateListener request (no certificate material),
//! and a full Huawei ELB update with a 3-certificate chain, its key and two domains.
//!
//! Both inputs are request golden cases (`bench_*.case.json` under testdata/requests/); before
//! timing, each report must be exactly the case's expected report, the file that
//! tests/request_golden.rs keeps current. CI runs `cargo bench --bench request -- --test`.
#![allow(
    missing_docs,
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "benchmark code: criterion's macros make undocumented public functions, and a broken input should stop the run"
)]

#[path = "../tests/golden_support/request_case.rs"]
mod request_case;

use std::hint::black_box;

use cert_preflight::validate_request;
use criterion::{criterion_group, criterion_main, Criterion};
use request_case::{data_dir, RequestCase};

/// Times `validate_request` of the body text of `operation_dir/case.case.json`.
fn bench_case(c: &mut Criterion, id: &str, operation_dir: &str, case: &str) {
    let case = RequestCase::load(
        &data_dir()
            .join(operation_dir)
            .join(format!("{case}.case.json")),
    );
    case.assert_golden();
    let body = case.body_text();
    c.bench_function(id, |b| {
        b.iter(|| validate_request(&case.operation, black_box(&body), &case.context))
    });
}

fn create_listener(c: &mut Criterion) {
    bench_case(
        c,
        "request/alb_create_listener",
        "alibaba.alb.create-listener",
        "bench_typical",
    );
}

fn elb_update_with_chain(c: &mut Criterion) {
    bench_case(
        c,
        "request/elb_update_3_certificate_chain",
        "huawei.elb.update-certificate",
        "bench_chain3",
    );
}

criterion_group!(benches, create_listener, elb_update_with_chain);
criterion_main!(benches);
