//! Issue 11 through the command line: an AWS CLI input JSON for ACM, a Kubernetes manifest as
//! YAML (several documents, from stdin too), the new context keys, and the operations listing.
//! Fixtures: `scripts/gen-testdata-targets.sh` (testdata/requests/examples/).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cli_support::{assert_input_error, run, run_with};
use serde_json::Value;

const NOW: &str = "2026-12-01T00:00:00Z";

fn example(name: &str) -> String {
    format!(
        "{}/testdata/requests/examples/{name}",
        env!("CARGO_MANIFEST_DIR")
    )
}

fn rules(report: &Value) -> Vec<(String, String)> {
    report["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["rule"].as_str().unwrap().to_string(),
                d["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn acm_cli_input_json_gives_every_problem_per_field() {
    let file = example("acm-import.json");
    let r = run(&[
        "request",
        "aws.acm.import-certificate",
        &file,
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let report: Value = serde_json::from_str(&r.stdout).unwrap();
    let found = rules(&report);
    for expected in [
        ("request.blob_encoding", "/Certificate"),
        ("chain.leaf_in_chain", "/CertificateChain/chain/0"),
        ("tag.key_reserved_prefix", "/Tags/0/Key"),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1.to_string())),
            "{expected:?} in {found:?}"
        );
    }
    // The fix is per field: the chain without the repeated leaf.
    let fields = report["normalized_fields"].as_object().unwrap();
    assert!(fields["/CertificateChain"]
        .as_str()
        .unwrap()
        .starts_with("-----BEGIN CERTIFICATE-----"));
    // The alias works as well as the id.
    let alias = run(&[
        "request",
        "acm:ImportCertificate",
        &file,
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(alias.stdout, r.stdout);
}

#[test]
fn a_manifest_checks_each_tls_secret() {
    let file = example("secret.yaml");
    let r = run(&[
        "request",
        "kubernetes.secret.tls",
        &file,
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    let reports: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(reports.len(), 2, "the ConfigMap is skipped");
    assert!(rules(&reports[0]).contains(&("chain.misordered".into(), "/stringData/tls.crt".into())));
    let second = rules(&reports[1]);
    assert!(second.contains(&("request.invalid_value".into(), "/metadata/name".into())));
    assert!(second.contains(&("request.missing_field".into(), "/data/tls.key".into())));
    // The same manifest piped in (kubectl ... -o yaml |) is read as YAML without a file name.
    let text = std::fs::read(&file).unwrap();
    let piped = run_with(
        &[
            "request",
            "kubernetes.secret.tls",
            "-",
            "--now",
            NOW,
            "--format",
            "json",
        ],
        &text,
        &[],
    );
    assert_eq!(piped.stdout, r.stdout);
    let human = run(&["request", "kubernetes.secret.tls", &file, "--now", NOW]);
    assert!(
        human.stdout.contains("document 1 (shop-tls):"),
        "{}",
        human.stdout
    );
    assert!(
        human.stdout.contains("document 3 (Shop_TLS):"),
        "{}",
        human.stdout
    );
}

#[test]
fn yaml_errors_and_a_manifest_without_tls_secrets_are_input_errors() {
    let dir = std::env::temp_dir().join(format!("cp-yaml-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let broken = dir.join("broken.yaml");
    std::fs::write(&broken, "apiVersion: v1\nkind: [Secret\n").unwrap();
    let r = run(&["request", "kubernetes.secret.tls", broken.to_str().unwrap()]);
    assert_input_error(&r, broken.to_str().unwrap());
    assert!(r.stderr.contains("not valid YAML"), "{}", r.stderr);
    let none = dir.join("none.yaml");
    std::fs::write(&none, "kind: ConfigMap\n---\nkind: Service\n").unwrap();
    let r = run(&["request", "kubernetes.secret.tls", none.to_str().unwrap()]);
    assert_input_error(&r, none.to_str().unwrap());
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn context_keys_are_the_cores() {
    let dir = std::env::temp_dir().join(format!("cp-ctx-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let context = dir.join("context.json");
    std::fs::write(
        &context,
        r#"{"hosts": ["www.example.com", "shop.example.org"]}"#,
    )
    .unwrap();
    let file = example("secret.yaml");
    let r = run(&[
        "request",
        "kubernetes.secret.tls",
        &file,
        "--context",
        context.to_str().unwrap(),
        "--now",
        NOW,
        "--format",
        "json",
    ]);
    let reports: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    assert!(rules(&reports[0]).contains(&("domain.not_covered".into(), "/context/hosts".into())));
    std::fs::write(&context, r#"{"endpoint": "europe"}"#).unwrap();
    let r = run(&[
        "request",
        "kubernetes.secret.tls",
        &file,
        "--context",
        context.to_str().unwrap(),
    ]);
    assert_input_error(&r, context.to_str().unwrap());
    assert!(r.stderr.contains("\"endpoint\""), "{}", r.stderr);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn operations_lists_every_platform_with_its_provider() {
    let r = run(&["operations", "--format", "json"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let ops: Vec<Value> = serde_json::from_str(&r.stdout).unwrap();
    let providers: Vec<&str> = ops
        .iter()
        .map(|o| o["provider"].as_str().unwrap())
        .collect();
    for provider in [
        "Alibaba Cloud",
        "Huawei Cloud",
        "AWS",
        "Microsoft Azure",
        "Kubernetes",
    ] {
        assert!(providers.contains(&provider), "{provider} in {providers:?}");
    }
    let human = run(&["operations"]);
    assert!(
        human.stdout.contains("aws.acm.import-certificate"),
        "{}",
        human.stdout
    );
}
