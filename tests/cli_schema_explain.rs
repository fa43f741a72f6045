//! The command line's `operations --schema` and `explain` (issue 19), run as a real process:
//! the same answers as the library, in JSON and in words.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod cli_support;

use cert_preflight::{explain, operations, schema};
use cli_support::{assert_input_error, run, run_with};
use serde_json::Value;

#[test]
fn schemas_print_as_the_library_makes_them() {
    let all = run(&["operations", "--schema"]);
    assert_eq!(all.code, 0, "{}", all.stderr);
    let all: Value = serde_json::from_str(&all.stdout).expect("JSON");
    assert_eq!(all.as_object().unwrap().len(), operations().len());
    for operation in operations() {
        assert_eq!(
            all[operation.id],
            schema(operation.id).unwrap(),
            "{}",
            operation.id
        );
    }
    let one = run(&["operations", "--schema", "CreateListener"]);
    assert_eq!(one.code, 0, "{}", one.stderr);
    let one: Value = serde_json::from_str(&one.stdout).expect("JSON");
    assert_eq!(
        one["$id"],
        "urn:cert-preflight:operation:alibaba.alb.create-listener"
    );
    assert_input_error(
        &run(&["operations", "--schema", "NoSuchThing"]),
        "NoSuchThing",
    );
    // Without --schema: the listing, as before.
    assert!(run(&["operations"])
        .stdout
        .contains("aws.acm.import-certificate"));
}

#[test]
fn explain_prints_the_causes_and_checks_a_request() {
    let message = "Unable to validate certificate chain. The index within the chain of the invalid certificate is: -1";
    let json = run(&[
        "explain",
        "acm:ImportCertificate",
        message,
        "--format",
        "json",
    ]);
    assert_eq!(json.code, 0, "{}", json.stderr);
    let printed: Value = serde_json::from_str(&json.stdout).expect("JSON");
    let library = serde_json::to_value(explain("acm:ImportCertificate", message).unwrap()).unwrap();
    assert_eq!(printed, library);

    let words = run(&["explain", "acm:ImportCertificate", message]);
    assert!(
        words.stdout.contains("chain.incomplete"),
        "{}",
        words.stdout
    );
    assert!(words.stdout.contains("aws/aws-cli#715"));

    let leaf = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/testdata/requests/certs/leaf.pem"
    ))
    .unwrap();
    let body = serde_json::json!({"Certificate": leaf, "PrivateKey": "x"}).to_string();
    let checked = run_with(
        &[
            "explain",
            "acm:ImportCertificate",
            message,
            "--request",
            "-",
            "--now",
            "2026-12-01T00:00:00Z",
        ],
        body.as_bytes(),
        &[],
    );
    assert_eq!(checked.code, 0, "{}", checked.stderr);
    assert!(
        checked.stdout.contains("applies: yes"),
        "{}",
        checked.stdout
    );

    // Each cause shows the severities the operation's reports give its rule: IAM holds a
    // lone certificate as a warning, Cloudflare a root by bundle method (issue 19).
    let iam = run(&[
        "explain",
        "iam:UploadServerCertificate",
        "MalformedCertificate",
    ]);
    assert!(
        iam.stdout
            .contains("cert.single_certificate (warning, code MalformedCertificate)"),
        "{}",
        iam.stdout
    );
    let cloudflare = run(&["explain", "cloudflare.custom-certificate.create", "2100"]);
    assert!(
        cloudflare
            .stdout
            .contains("chain.root_included (info, also error, warning, code 2100)"),
        "{}",
        cloudflare.stdout
    );

    let none = run(&["explain", "CreateListener", "nothing like any code"]);
    assert!(none.stdout.contains("No rule"), "{}", none.stdout);
    assert_input_error(&run(&["explain", "NoSuchThing", "x"]), "NoSuchThing");
}
