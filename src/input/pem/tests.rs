//! Tests of the PEM scanner: accepted forms, reported problems, line numbers, redaction.

use super::*;
use base64::engine::general_purpose::STANDARD;
use base64::Engine;

fn block(label: &str, der: &[u8]) -> String {
    encode_block(label, der)
}

#[test]
fn scans_normal_pem_without_issues() {
    let der: Vec<u8> = (0..=255u8).cycle().take(300).collect();
    let text = block("CERTIFICATE", &der) + &block("CERTIFICATE", &der[..10]);
    let s = scan(&text);
    assert_eq!(s.issues, vec![]);
    assert_eq!(s.blocks.len(), 2);
    assert_eq!(&s.blocks[0].der[..], &der[..]);
    assert_eq!((s.blocks[0].begin_line, s.blocks[0].end_line), (1, 9));
    assert_eq!(s.blocks[1].begin_line, 10);
}

#[test]
fn accepts_crlf_bom_and_one_line_forms() {
    let der = vec![0x30, 0x03, 0x02, 0x01, 0x05];
    let normal = block("CERTIFICATE", &der);
    let crlf = normal.replace('\n', "\r\n");
    let bom = format!("\u{feff}{normal}");
    let one_line = format!(
        "-----BEGIN CERTIFICATE-----{}-----END CERTIFICATE----------BEGIN CERTIFICATE-----{}-----END CERTIFICATE-----",
        STANDARD.encode(&der),
        STANDARD.encode(&der)
    );
    for text in [crlf, bom, one_line] {
        let s = scan(&text);
        assert_eq!(s.issues, vec![], "{text:?}");
        assert!(!s.blocks.is_empty());
        assert_eq!(&s.blocks[0].der[..], &der[..]);
    }
}

#[test]
fn reports_malformed_blocks_with_lines() {
    let cases: &[(&str, &str)] = &[
        ("-----BEGIN CERTIFICATE-----\nMIIB\n", "no END line"),
        (
            "-----BEGIN CERTIFICATE-----\nMI!B\n-----END CERTIFICATE-----\n",
            "not base64 ('!') on line 2",
        ),
        (
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END PRIVATE KEY-----\n",
            "labels must match",
        ),
        (
            "-----BEGIN CERTIFICATE-----\nMIIBx\n-----END CERTIFICATE-----\n",
            "truncated or badly padded",
        ),
        (
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n",
            "is empty",
        ),
        ("-----BEGIN CERTIFICATE\nMIIB\n", "not closed"),
    ];
    for (text, expected) in cases {
        let s = scan(text);
        let msgs: Vec<String> = s
            .issues
            .iter()
            .filter_map(|i| match i {
                PemIssue::Malformed { message, .. } => Some(message.clone()),
                _ => None,
            })
            .collect();
        assert!(
            msgs.iter().any(|m| m.contains(expected)),
            "{text:?}: {msgs:?}"
        );
        assert!(s.blocks.is_empty(), "{text:?}");
    }
}

#[test]
fn truncated_block_does_not_swallow_the_next_one() {
    let good = block("CERTIFICATE", &[0x30, 0x00]);
    let text = format!("-----BEGIN CERTIFICATE-----\nMIIB\n{good}");
    let s = scan(&text);
    assert_eq!(s.blocks.len(), 1);
    assert!(matches!(s.issues[0], PemIssue::Malformed { line: 1, .. }));
}

#[test]
fn stray_text_and_blank_lines_and_widths() {
    let der: Vec<u8> = (0..100u8).collect();
    let b = block("CERTIFICATE", &der);
    let text = format!("Bag Attributes\n    localKeyID: 01\n{b}\n\n{b}");
    let s = scan(&text);
    assert!(matches!(
        &s.issues[0],
        PemIssue::StrayText { line: 1, lines: 2, preview: Some(p) } if p == "Bag Attributes"
    ));
    let blanks: Vec<_> = s
        .issues
        .iter()
        .filter(|i| matches!(i, PemIssue::BlankLine { inside: false, .. }))
        .collect();
    assert_eq!(blanks.len(), 2, "{:?}", s.issues);

    let wrapped = STANDARD.encode(&der);
    let (a, rest) = wrapped.split_at(76);
    let text = format!("-----BEGIN CERTIFICATE-----\n{a}\n\n{rest}\n-----END CERTIFICATE-----\n");
    let s = scan(&text);
    assert!(s.issues.contains(&PemIssue::LineLength {
        line: 2,
        length: 76,
        label: "CERTIFICATE".into()
    }));
    assert!(s.issues.contains(&PemIssue::BlankLine {
        line: 3,
        inside: true
    }));
    assert_eq!(s.blocks.len(), 1);
}

#[test]
fn never_quotes_base64_like_stray_text() {
    let text = "MIIEvgIBADANBgkqhkiG9w0BAQEFAASCBKgwggSkAgEAAoIBAQDQ\n";
    let s = scan(text);
    assert!(matches!(
        &s.issues[0],
        PemIssue::StrayText { preview: None, .. }
    ));
}

#[test]
fn debug_never_shows_block_bytes() {
    let text = block("PRIVATE KEY", b"super secret key bytes");
    let shown = format!("{:?}", scan(&text));
    assert!(shown.contains("PRIVATE KEY") && shown.contains("der_len"));
    assert!(
        !shown.contains("115, 117, 112") && !shown.contains("secret"),
        "{shown}"
    );
}

#[test]
fn legacy_encrypted_headers_are_read() {
    let text = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\nMAA=\n-----END RSA PRIVATE KEY-----\n";
    let s = scan(text);
    assert_eq!(s.issues, vec![]);
    assert!(s.blocks[0].is_legacy_encrypted());
}

/// Labels are user text: a key pasted across a BEGIN line must not come back in a message
/// (found by the key_field fuzz target; fuzz/regressions/key_field/).
#[test]
fn labels_that_may_be_key_material_are_not_quoted() {
    let secret_label = "PRIVCmS2c7Xwq3CnJ4XFWXbAWRxH2bq7v1366Vx/GSBMADGEW3UHATE KEY";
    for text in [
        format!("-----BEGIN {secret_label}-----\nMIIB\n"),
        format!("-----BEGIN {secret_label}-----\nMIIB\n-----END RSA PRIVATE KEY-----\n"),
        format!("-----BEGIN {secret_label}-----\n!!!!\n-----END {secret_label}-----\n"),
    ] {
        let scanned = scan(&text);
        assert!(!scanned.issues.is_empty(), "{text}");
        for issue in &scanned.issues {
            if let PemIssue::Malformed { message, .. } = issue {
                assert!(
                    !message.contains("CmS2c7Xwq3CnJ4XFWXbAWRxH2bq7v"),
                    "{message}"
                );
                assert!(message.contains("label not shown"), "{message}");
            }
        }
    }
    // An ordinary label is still named.
    let scanned = scan("-----BEGIN RSA PRIVATE KEY-----\nMIIB\n");
    assert!(
        matches!(&scanned.issues[0], PemIssue::Malformed { message, .. } if message.contains("RSA PRIVATE KEY"))
    );
}
