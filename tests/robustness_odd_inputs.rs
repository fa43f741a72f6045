//! Inputs no testdata file holds, through every entry point, with the same invariants and
//! leak check as tests/robustness.rs.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

mod robustness_support;

use robustness_support::*;

/// Inputs no file holds: empty fields, BOMs, the size limits, NUL bytes, broken armour,
/// a megabyte-long line, and the Unicode oddities that trip up length and case handling.
#[test]
fn odd_inputs() {
    let leaf = read("certs/rsa/leaf.pem");
    let key = read("certs/rsa/leaf.key");
    let fullchain = read("certs/rsa/fullchain.pem");
    let body: String = leaf
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<Vec<_>>()
        .join("\n");

    let mut odd: Vec<(String, String)> = vec![
        ("empty".into(), String::new()),
        ("only a BOM".into(), "\u{FEFF}".into()),
        ("two BOMs".into(), "\u{FEFF}\u{FEFF}".into()),
        ("BOM between blocks".into(), format!("{leaf}\u{FEFF}{leaf}")),
        (
            "BOM inside base64".into(),
            leaf.replacen('\n', "\n\u{FEFF}", 3),
        ),
        ("65,536 characters".into(), "A".repeat(65_536)),
        ("65,537 characters".into(), "A".repeat(65_537)),
        (
            "65,537 chars of PEM".into(),
            format!(
                "{fullchain}{}",
                " ".repeat(65_537 - fullchain.chars().count())
            ),
        ),
        ("65,537 multibyte chars".into(), "é".repeat(65_537)),
        ("8,193 characters".into(), "B".repeat(8_193)),
        ("NUL only".into(), "\0".into()),
        ("NULs".into(), "\0".repeat(4096)),
        ("NUL in base64".into(), leaf.replacen('M', "\0", 1)),
        ("NUL after END".into(), format!("{leaf}\0")),
        (
            "NUL in label".into(),
            "-----BEGIN CERT\0IFICATE-----\nAAAA\n-----END CERT\0IFICATE-----\n".into(),
        ),
        ("lone BEGIN".into(), "-----BEGIN ".into()),
        ("lone BEGIN no space".into(), "-----BEGIN".into()),
        ("five dashes".into(), "-----".into()),
        ("dashes".into(), "-".repeat(10_000)),
        (
            "BEGIN label only".into(),
            "-----BEGIN CERTIFICATE-----".into(),
        ),
        ("END only".into(), "-----END CERTIFICATE-----".into()),
        (
            "END before BEGIN".into(),
            format!("-----END CERTIFICATE-----\n{leaf}"),
        ),
        (
            "empty block".into(),
            "-----BEGIN CERTIFICATE-----\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "empty one-line block".into(),
            "-----BEGIN CERTIFICATE----------END CERTIFICATE-----".into(),
        ),
        (
            "nested BEGINs".into(),
            format!("-----BEGIN CERTIFICATE-----\n{leaf}-----END CERTIFICATE-----\n"),
        ),
        (
            "deeply nested BEGINs".into(),
            format!(
                "{}{body}\n{}",
                "-----BEGIN CERTIFICATE-----\n".repeat(500),
                "-----END CERTIFICATE-----\n".repeat(500)
            ),
        ),
        (
            "many BEGIN lines".into(),
            "-----BEGIN CERTIFICATE-----\n".repeat(2000),
        ),
        (
            "many one-line blocks".into(),
            "-----BEGIN CERTIFICATE-----AAAA-----END CERTIFICATE-----".repeat(1000),
        ),
        (
            "BEGIN with empty label".into(),
            "-----BEGIN -----\nAAAA\n-----END -----\n".into(),
        ),
        (
            "BEGIN without closing dashes".into(),
            format!("-----BEGIN CERTIFICATE\n{body}\n-----END CERTIFICATE\n"),
        ),
        ("lowercase armour".into(), leaf.to_lowercase()),
        (
            "base64 padding only".into(),
            "-----BEGIN CERTIFICATE-----\n====\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "base64 of nothing DER".into(),
            "-----BEGIN CERTIFICATE-----\nMAA=\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "huge DER length".into(),
            "-----BEGIN CERTIFICATE-----\nMIT/////\n-----END CERTIFICATE-----\n".into(),
        ),
        (
            "indefinite length".into(),
            "-----BEGIN CERTIFICATE-----\nMIAwgAAAAAA=\n-----END CERTIFICATE-----\n".into(),
        ),
        ("a 1 MB line".into(), "A".repeat(1 << 20)),
        ("a 1 MB line of commas".into(), ",".repeat(1 << 20)),
        ("a 1 MB line of dots".into(), ".".repeat(1 << 20)),
        (
            "a 1 MB base64 block".into(),
            format!(
                "-----BEGIN CERTIFICATE-----\n{}\n-----END CERTIFICATE-----\n",
                "QUFB".repeat(1 << 18)
            ),
        ),
        ("only newlines".into(), "\n".repeat(10_000)),
        ("only CRs".into(), "\r".repeat(10_000)),
        ("CR only line ends".into(), leaf.replace('\n', "\r")),
        ("CRCRLF line ends".into(), leaf.replace('\n', "\r\r\n")),
        (
            "tabs and form feeds".into(),
            leaf.replace('\n', "\t\x0B\x0C\n"),
        ),
        (
            "Unicode line separators".into(),
            leaf.replace('\n', "\u{2028}"),
        ),
        ("NEL line ends".into(), leaf.replace('\n', "\u{85}")),
        ("NBSP in base64".into(), leaf.replacen('\n', "\u{A0}\n", 5)),
        (
            "ideographic space".into(),
            leaf.replacen('\n', "\u{3000}\n", 5),
        ),
        (
            "zero-width space".into(),
            leaf.replacen('A', "A\u{200B}", 7),
        ),
        ("RTL override".into(), format!("\u{202E}{leaf}")),
        (
            "combining marks".into(),
            leaf.replacen('M', "M\u{301}\u{302}\u{303}", 3),
        ),
        ("full-width base64".into(), leaf.replace('A', "Ａ")),
        ("replacement characters".into(), "\u{FFFD}".repeat(5000)),
        (
            "non-characters".into(),
            "\u{FFFF}\u{FFFE}\u{10FFFF}\u{FDD0}".repeat(100),
        ),
        (
            "emoji ZWJ sequence".into(),
            "👨\u{200D}👩\u{200D}👧\u{200D}👦".repeat(200),
        ),
        (
            "unicode label".into(),
            format!("-----BEGIN CERTİFICATE-----\n{body}\n-----END CERTİFICATE-----\n"),
        ),
        ("dotted capital I".into(), "İ".repeat(10_000)),
        ("sharp s".into(), "ß".repeat(10_000)),
        ("key label in cert field".into(), key.clone()),
        ("key one-line".into(), key.replace('\n', "")),
        (
            "key label with cert body".into(),
            leaf.replace("CERTIFICATE", "PRIVATE KEY"),
        ),
        (
            "encrypted header in cert".into(),
            leaf.replacen(
                '\n',
                "\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-256-CBC,00\n\n",
                1,
            ),
        ),
        (
            "headers with unicode".into(),
            leaf.replacen('\n', "\nProc-Type: İ,ß\u{0}\nDEK-Info: 😀\n\n", 1),
        ),
    ];
    // Domain-field oddities (they also go through the other fields).
    for d in [
        "",
        ",",
        ",,,",
        " ",
        "\t",
        ".",
        "..",
        "*",
        "*.",
        "*.*",
        "**.a.com",
        "*.a.*",
        "a..b",
        "a.com.",
        "-a.com",
        "a-.com",
        "xn--",
        "xn--.com",
        "xn--zz.com",
        "xn--a-ecp.ru",
        "例え。jp",
        "例え.jp",
        "ｅｘａｍｐｌｅ．ｃｏｍ",
        "bücher.de",
        "*.bücher.de",
        "😀.com",
        "xn--😀.com",
        "İstanbul.com",
        "STRASSE.de",
        "straße.de",
        "ς.gr",
        "a\u{200B}b.com",
        "a\u{202E}moc.b",
        "a\u{301}.com",
        "\u{FEFF}a.com",
        "a.com\u{0}",
        "a.com\r\nb.com",
        "\u{2028}",
        "ａ,ｂ",
        "a.com,A.COM,a.com.",
        "*.apps.example.com,x.apps.example.com",
    ] {
        odd.push((format!("domains {d:?}"), d.to_string()));
    }
    odd.push((
        "63-char unicode label".into(),
        format!("{}.com", "é".repeat(63)),
    ));
    odd.push((
        "64-char unicode label".into(),
        format!("{}.com", "é".repeat(64)),
    ));
    odd.push((
        "64-char dotted I label".into(),
        format!("{}.com", "İ".repeat(64)),
    ));
    odd.push(("254-char name".into(), format!("{}.com", "a.".repeat(125))));
    odd.push((
        "31 names".into(),
        (0..31)
            .map(|i| format!("a{i}.apps.example.com"))
            .collect::<Vec<_>>()
            .join(","),
    ));
    odd.push((
        "10,001-char field".into(),
        format!("{}a.com", "b.".repeat(4998)),
    ));
    odd.push(("many names".into(), "a.com,".repeat(20_000)));
    odd.push(("many wildcards".into(), "*.".repeat(30_000)));

    let mut h = Harness::new();
    for (what, text) in &odd {
        h.run(text, what, true);
    }

    // The key field at and over its limit: a real key padded with base64-looking text, so the
    // leak check has a body to look for.
    let padded = |n: usize| {
        let mut k = key.clone();
        while k.chars().count() < n {
            k.push('A');
        }
        k
    };
    let limits = [(8_192, false), (8_193, true)];
    for (len, over) in limits {
        let big_key = padded(len);
        assert_eq!(big_key.chars().count(), len);
        let mut input = CertificateInput::new(&fullchain, now());
        input.private_key = Some(&big_key);
        input.key_required = true;
        let report = h.check(&input, &format!("{len}-character key"));
        assert_eq!(
            report.by_rule("pem.key_too_large").next().is_some(),
            over,
            "{len}-character key: {:?}",
            report.diagnostics
        );
    }
    // Limits count characters, not bytes (SPEC: "Lengths are in characters").
    for (len, over) in [(65_536, false), (65_537, true)] {
        let text = "é".repeat(len);
        let report = h.check(&CertificateInput::new(&text, now()), "multibyte field");
        assert_eq!(
            report.by_rule("pem.too_large").next().is_some(),
            over,
            "{len} two-byte characters: {:?}",
            report.diagnostics
        );
    }
    for (len, over) in [(8_192, false), (8_193, true)] {
        let text = "é".repeat(len);
        let mut input = CertificateInput::new(&fullchain, now());
        input.private_key = Some(&text);
        let report = h.check(&input, "multibyte key");
        assert_eq!(
            report.by_rule("pem.key_too_large").next().is_some(),
            over,
            "{len} two-byte characters as key: {:?}",
            report.diagnostics
        );
    }
    let big_cert = format!("{fullchain}{}", "\n".repeat(65_537 - fullchain.len()));
    let report = h.check(
        &CertificateInput::new(&big_cert, now()),
        "65,537-character field",
    );
    assert!(report.by_rule("pem.too_large").next().is_some());
    eprintln!(
        "odd inputs: {} inputs, {} entry-point calls",
        odd.len(),
        h.calls
    );
}
