//! The second oracle of path validation (issue 26, item 4): rustls-webpki's verdict against
//! cert-preflight's on the same chain, trust anchors, name and time.
//!
//! The inputs:
//! - every certificate golden case (`testdata/golden/certificate/`, read by
//!   tests/golden_support like tests/golden_certificate.rs) for a server certificate given as
//!   text or a file (PKCS#12 cases are left out: their chain is inside the PFX), as a chain, a
//!   name and a time only: its key, profile and expiry threshold are not path validation. Its
//!   roots are the case's; a case without roots (the golden report then uses the public store)
//!   takes the test PKI's own roots ([`TEST_PKI_ROOTS`]) on both sides, since the store's keys
//!   are not shipped. Cases that differ only in what is dropped are one case (the first name);
//! - every case of the client-acceptance lints (`testdata/certs/lints/cases.json`, as
//!   tests/client_lints.rs runs them): the certificate, its clock and audience, the fixtures' CA
//!   as the root, no name;
//! - every other chain file of the test PKI (`.pem` under testdata/certs but lints/,
//!   testdata/edges and testdata/pool whose first certificate is not a CA), with the test PKI's
//!   roots, the pinned clock of testdata/certs/README.md and no name (its path only);
//! - every x509-limbo SERVER case (`testdata/x509-limbo/`, read by tests/limbo_support as
//!   tests/x509_limbo.rs reads it, with the same audience per namespace).
//!
//! The cryptography-vectors corpus (scripts/foreign_corpus.py) is not an input: it is installed
//! from PyPI by a script, not shipped in the repository, and its chains carry no name, time or
//! trust anchor to validate for.
//!
//! webpki's side: the bundle's first certificate is the end entity (a TLS server sends it first,
//! RFC 8446 section 4.4.2), the bundle's other certificates and the case's pool are the
//! intermediates, the roots are trust anchors (`anchor_from_trusted_cert`), and the check is
//! `EndEntityCert::verify_for_usage` for serverAuth at the case's time with every signature
//! algorithm of its ring backend, then `verify_is_valid_for_subject_name` for each name of the
//! domain field (without one, for a leaf without subjectAltName, its common name: `peer_names`). Certificates are read with rustls-pki-types' PEM reader, the one rustls servers
//! load files with; a bundle it cannot read is refused. No revocation is checked on either side.
//!
//! cert-preflight's side: `check_certificate` with the same roots (`public_roots` false), domains
//! and time; it refuses when the report has an error its normalized bundle does not fix, or
//! `chain.incomplete` / `chain.untrusted_root` (tests/limbo_support's rule, the same as the
//! x509-limbo harness).
//!
//! Every disagreement must be in `tests/webpki-exceptions.tsv` with a reason; an entry that
//! agrees now, or names no case, fails the test. The agreement is printed as a number
//! (`-- --nocapture`); `WEBPKI_DIFFERENTIAL_LIST=1` also prints webpki's verdict on every case.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code: a broken expectation should stop the test loudly"
)]

#[path = "golden_support/certificate_case.rs"]
mod certificate_case;
mod limbo_support;

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Duration;

use base64::Engine as _;
use cert_preflight::{
    check_certificate, Audience, CertificateInput, CertificatePurpose, Timestamp,
};
use certificate_case::{golden_dir, GoldenCase};
use limbo_support::{read_exceptions, report_refusals};
use rustls_pki_types::pem::PemObject;
use rustls_pki_types::{CertificateDer, ServerName, UnixTime};
use webpki::{anchor_from_trusted_cert, EndEntityCert, KeyUsage};

/// The agreement reached (321 of 392: 65 of 81 golden chains, 30 of 30 other test PKI files,
/// 69 of 84 client-lints cases, 157 of 197 x509-limbo cases):
/// the test fails below it, so a change that loses cases is seen even when the exceptions file
/// is updated with it. Most of the rest is webpki being laxer than RFC 5280 and the Baseline
/// Requirements where x509-limbo and cert-preflight refuse (see the exceptions file). Issue 26
/// moved four each way: a critical EKU and keyCertSign in a leaf became errors, as
/// pyca/cryptography refuses them (webpki accepts), and IPv6 peer names are taken, so the four
/// x509-limbo cases with one now agree. Three chains through an intermediate with an extended
/// key usage (testdata/edges/intermediate-eku-*.pem) agree too. Issue 27 added two
/// client-lints leaves without digitalSignature (ECDSA and RSA keys with keyAgreement alone),
/// which Chrome refuses and webpki does not check: two reasoned disagreements, 81.89%.
const AGREEMENT_FLOOR_PERCENT: f64 = 81.8;

/// The trust anchors of a golden case that names none: the roots of the test PKI
/// (testdata/certs/README.md, testdata/pool), each a self-signed CA.
const TEST_PKI_ROOTS: &[&str] = &[
    "certs/rsa/root.pem",
    "certs/ec-p256/root.pem",
    "certs/ec-p384/root.pem",
    "certs/ed25519/root.pem",
    "certs/chains/root.pem",
    "certs/chains/rollover-old-root.pem",
    "certs/chains/aia-root.pem",
    "pool/root.pem",
];

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata")
}

/// One input, as both sides get it.
struct Case {
    id: String,
    /// The certificate field: PEM text, or DER / PKCS#7 bytes.
    bundle: Vec<u8>,
    /// The certificates of the intermediates pool beyond the bundle (DER), and its files for
    /// cert-preflight.
    pool: Vec<CertificateDer<'static>>,
    golden: Option<GoldenCase>,
    /// A chain file of the test PKI, given alone.
    file: bool,
    /// A client-lints case.
    lint: bool,
    /// The audience cert-preflight judges for (limbo cases: see tests/limbo_support).
    audience: Audience,
    limbo: Option<limbo_support::LimboCase>,
    roots: String,
    now: String,
    domains: Option<String>,
}

/// What a side decided, and why.
struct Verdict {
    accepted: bool,
    why: String,
}

/// The certificates of a file as webpki's side reads them: PEM CERTIFICATE blocks with
/// rustls-pki-types' reader, the certificates of PEM PKCS7 blocks and of DER input (a
/// certificate or a PKCS#7 bundle) by walking the DER for X.509 certificates.
fn certificates(bytes: &[u8]) -> Result<Vec<CertificateDer<'static>>, String> {
    let text = String::from_utf8_lossy(bytes);
    if !text.contains("-----BEGIN ") {
        return Ok(der_certificates(bytes));
    }
    let mut out = Vec::new();
    for item in CertificateDer::pem_slice_iter(bytes) {
        out.push(item.map_err(|e| format!("PEM: {e}"))?);
    }
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("-----BEGIN PKCS7-----") {
        let after = &rest[start + "-----BEGIN PKCS7-----".len()..];
        let end = after
            .find("-----END PKCS7-----")
            .ok_or("PKCS7 block without END")?;
        let body: String = after[..end].split_whitespace().collect();
        let der = base64::engine::general_purpose::STANDARD
            .decode(body)
            .map_err(|e| format!("PKCS7 base64: {e}"))?;
        out.extend(der_certificates(&der));
        rest = &after[end..];
    }
    Ok(out)
}

/// Every X.509 certificate in a DER structure (a certificate, or a PKCS#7 SignedData whose
/// certificates field holds them), found by trying each SEQUENCE start with x509-parser.
fn der_certificates(der: &[u8]) -> Vec<CertificateDer<'static>> {
    let mut out = Vec::new();
    let mut at = 0;
    while at < der.len() {
        if der[at] == 0x30 {
            if let Ok((rest, _)) = x509_parser::parse_x509_certificate(&der[at..]) {
                let len = der.len() - at - rest.len();
                out.push(CertificateDer::from(der[at..at + len].to_vec()));
                at += len;
                continue;
            }
        }
        at += 1;
    }
    out
}

fn unix_time(rfc3339: &str) -> UnixTime {
    let t = time::OffsetDateTime::parse(rfc3339, &time::format_description::well_known::Rfc3339)
        .unwrap_or_else(|e| panic!("{rfc3339}: {e}"));
    UnixTime::since_unix_epoch(Duration::from_secs(
        u64::try_from(t.unix_timestamp()).expect("a time after 1970"),
    ))
}

/// The names of a domain field: comma-separated, blanks around them ignored.
fn names(domains: Option<&str>) -> Vec<&str> {
    domains
        .unwrap_or_default()
        .split(',')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .collect()
}

/// The names a client asks for: the domain field's; without one, a leaf that has no
/// subjectAltName is asked for its common name (the name it was made for, `example.com` when it
/// has none), since a client always asks for some name and webpki matches none of a leaf
/// without subjectAltName. A leaf with one is judged without a name, as before.
fn peer_names(domains: Option<&str>, leaf: &CertificateDer<'_>) -> Vec<String> {
    if domains.is_some() {
        return names(domains).into_iter().map(String::from).collect();
    }
    let Ok((_, parsed)) = x509_parser::parse_x509_certificate(leaf) else {
        return Vec::new();
    };
    if !matches!(parsed.subject_alternative_name(), Ok(None)) {
        return Vec::new();
    }
    let cn = parsed
        .subject()
        .iter_common_name()
        .next()
        .and_then(|cn| cn.as_str().ok())
        .unwrap_or("example.com");
    vec![cn.to_string()]
}

fn webpki_verdict(case: &Case) -> Verdict {
    let refuse = |why: String| Verdict {
        accepted: false,
        why,
    };
    let bundle = match certificates(&case.bundle) {
        Ok(certs) => certs,
        Err(e) => return refuse(e),
    };
    let Some((leaf, rest)) = bundle.split_first() else {
        return refuse("no certificate".into());
    };
    let roots = match certificates(case.roots.as_bytes()) {
        Ok(roots) => roots,
        Err(e) => return refuse(format!("roots: {e}")),
    };
    // A root webpki cannot take as an anchor (unparsable) is left out, as a client's store would.
    let anchors: Vec<_> = roots
        .iter()
        .filter_map(|r| anchor_from_trusted_cert(r).ok())
        .collect();
    let mut intermediates = rest.to_vec();
    intermediates.extend(case.pool.iter().cloned());
    let ee = match EndEntityCert::try_from(leaf) {
        Ok(ee) => ee,
        Err(e) => return refuse(format!("end entity: {e:?}")),
    };
    if let Err(e) = ee.verify_for_usage(
        webpki::ALL_VERIFICATION_ALGS,
        &anchors,
        &intermediates,
        unix_time(&case.now),
        KeyUsage::server_auth(),
        None,
        None,
    ) {
        return refuse(format!("{e:?}"));
    }
    for name in peer_names(case.domains.as_deref(), leaf) {
        let name = name.as_str();
        let server_name = match ServerName::try_from(name) {
            Ok(n) => n,
            Err(e) => return refuse(format!("name {name:?}: {e}")),
        };
        if let Err(e) = ee.verify_is_valid_for_subject_name(&server_name) {
            return refuse(format!("name {name:?}: {e:?}"));
        }
    }
    Verdict {
        accepted: true,
        why: String::new(),
    }
}

fn preflight_verdict(case: &Case) -> Verdict {
    let report = if let Some(limbo) = &case.limbo {
        limbo_support::check(limbo)
    } else {
        let text = String::from_utf8_lossy(&case.bundle);
        let now = Timestamp::parse_rfc3339(&case.now).unwrap();
        let mut input = CertificateInput::new(&text, now);
        let golden_input = case.golden.as_ref().map(GoldenCase::input);
        input.intermediates = golden_input.and_then(|g| g.intermediates);
        input.roots = Some(&case.roots);
        input.public_roots = false;
        input.domains = case.domains.as_deref();
        input.audience = case.audience;
        check_certificate(&input)
    };
    let refused = report_refusals(&report);
    Verdict {
        accepted: refused.is_empty(),
        why: refused.join(", "),
    }
}

fn test_pki_roots() -> String {
    TEST_PKI_ROOTS
        .iter()
        .map(|f| fs::read_to_string(testdata().join(f)).unwrap_or_else(|e| panic!("{f}: {e}")))
        .chain(std::iter::once(depth_root()))
        .collect()
}

/// The depth hierarchy's root, shipped only as the last certificate of its chains.
fn depth_root() -> String {
    let text = fs::read_to_string(testdata().join("certs/depth/chain-11.pem")).unwrap();
    let start = text.rfind("-----BEGIN CERTIFICATE-----").unwrap();
    text[start..].to_string()
}

/// The inputs already taken, so that a chain given twice the same way counts once:
/// (bundle, roots, pool files, domains, time).
type Seen = BTreeSet<(String, String, Vec<PathBuf>, Option<String>, String)>;

fn golden_cases(seen: &mut Seen) -> Vec<Case> {
    let mut names: Vec<String> = fs::read_dir(golden_dir())
        .expect("golden dir")
        .filter_map(|e| {
            let name = e.ok()?.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".case.json").map(str::to_string)
        })
        .collect();
    names.sort();
    let pki_roots = test_pki_roots();
    let mut out = Vec::new();
    for name in names {
        let golden = GoldenCase::load(&name);
        if golden.purpose != CertificatePurpose::Server
            || golden.pfx.is_some()
            || golden.certificate.is_empty()
        {
            continue;
        }
        let roots = golden.roots.clone().unwrap_or_else(|| pki_roots.clone());
        let now = golden.now.to_rfc3339();
        let key = (
            golden.certificate.clone(),
            roots.clone(),
            golden.pool_files.clone(),
            golden.domains.clone(),
            now.clone(),
        );
        if !seen.insert(key) {
            continue;
        }
        let mut pool = Vec::new();
        for file in &golden.pool_files {
            pool.extend(certificates(&fs::read(file).unwrap()).unwrap_or_default());
        }
        out.push(Case {
            id: format!("golden:{name}"),
            bundle: golden.certificate.clone().into_bytes(),
            pool,
            roots,
            now,
            domains: golden.domains.clone(),
            golden: Some(golden),
            file: false,
            lint: false,
            audience: Audience::Auto,
            limbo: None,
        });
    }
    out
}

/// The `.pem` files under `dir`, recursively, in name order.
fn pem_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            pem_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "pem") {
            out.push(path);
        }
    }
}

/// The test PKI's chain files that no golden case gives the same way (see the module comment).
fn file_cases(seen: &mut Seen) -> Vec<Case> {
    let mut files = Vec::new();
    for dir in ["certs", "edges", "pool"] {
        pem_files(&testdata().join(dir), &mut files);
    }
    // The lints' fixtures have their own clocks and root (lint_cases).
    files.retain(|f| !f.starts_with(testdata().join("certs/lints")));
    let roots = test_pki_roots();
    let now = limbo_support::CURRENT_TIME.to_string();
    let mut out = Vec::new();
    for file in files {
        let text = fs::read_to_string(&file).unwrap();
        // A server leaf first: not a CA, and a certificate at all.
        let Some(first) = certificates(text.as_bytes())
            .ok()
            .and_then(|c| c.into_iter().next())
        else {
            continue;
        };
        let Ok((_, parsed)) = x509_parser::parse_x509_certificate(&first) else {
            continue;
        };
        if parsed.is_ca() {
            continue;
        }
        if !seen.insert((text.clone(), roots.clone(), Vec::new(), None, now.clone())) {
            continue;
        }
        let name = file.strip_prefix(testdata()).unwrap().display().to_string();
        out.push(Case {
            id: format!("file:{name}"),
            bundle: text.into_bytes(),
            pool: Vec::new(),
            golden: None,
            file: true,
            lint: false,
            audience: Audience::Auto,
            limbo: None,
            roots: roots.clone(),
            now: now.clone(),
            domains: None,
        });
    }
    out
}

/// One case of testdata/certs/lints/cases.json (the fields this test reads).
#[derive(serde::Deserialize)]
struct LintCase {
    case: String,
    certificate: String,
    now: String,
    audience: String,
}

/// The client-lints cases (see the module comment).
fn lint_cases() -> Vec<Case> {
    let text = fs::read_to_string(testdata().join("certs/lints/cases.json")).unwrap();
    let cases: Vec<LintCase> = serde_json::from_str(&text).expect("cases.json parses");
    let ca = fs::read_to_string(testdata().join("certs/lints/ca.pem")).unwrap();
    cases
        .into_iter()
        .map(|c| Case {
            id: format!("lints:{}", c.case),
            bundle: fs::read(testdata().join(&c.certificate)).unwrap(),
            pool: Vec::new(),
            golden: None,
            file: false,
            lint: true,
            audience: Audience::from_name(&c.audience).expect("an audience"),
            limbo: None,
            roots: ca.clone(),
            now: c.now,
            domains: None,
        })
        .collect()
}

fn all_cases() -> Vec<Case> {
    let mut seen = Seen::new();
    let mut cases = golden_cases(&mut seen);
    cases.extend(file_cases(&mut seen));
    cases.extend(lint_cases());
    cases.extend(limbo_support::read_cases().into_iter().map(|c| Case {
        id: format!("limbo:{}", c.id),
        bundle: c.bundle.clone().into_bytes(),
        pool: Vec::new(),
        golden: None,
        file: false,
        lint: false,
        audience: c.audience(),
        roots: c.roots.clone(),
        now: c.now.clone(),
        domains: c.peer.clone(),
        limbo: Some(c),
    }));
    cases
}

#[test]
fn cert_preflight_agrees_with_webpki() {
    let cases = all_cases();
    let exceptions =
        read_exceptions(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/webpki-exceptions.tsv"));
    let mut agree = 0;
    let mut golden_agree = 0;
    let mut file_agree = 0;
    let mut lint_agree = 0;
    let mut unexpected = Vec::new();
    let mut stale = Vec::new();
    for case in &cases {
        let ours = preflight_verdict(case);
        let theirs = webpki_verdict(case);
        if std::env::var_os("WEBPKI_DIFFERENTIAL_LIST").is_some() {
            println!(
                "{}\t{}\t{}",
                case.id,
                theirs.accepted,
                theirs.why.chars().take(60).collect::<String>()
            );
        }
        if ours.accepted == theirs.accepted {
            agree += 1;
            golden_agree += usize::from(case.golden.is_some());
            file_agree += usize::from(case.file);
            lint_agree += usize::from(case.lint);
            if exceptions.contains_key(&case.id) {
                stale.push(case.id.clone());
            }
        } else if !exceptions.contains_key(&case.id) {
            let verdict = |v: &Verdict| {
                if v.accepted {
                    "accepts".to_string()
                } else {
                    let why: String = v.why.chars().take(160).collect();
                    format!("refuses ({why})")
                }
            };
            let suite = case.limbo.as_ref().map_or(String::new(), |l| {
                let expected = if l.expect_success {
                    "SUCCESS"
                } else {
                    "FAILURE"
                };
                format!("; x509-limbo expects {expected}")
            });
            unexpected.push(format!(
                "{}\twebpki {}; cert-preflight {}{suite}",
                case.id,
                verdict(&theirs),
                verdict(&ours)
            ));
        }
    }
    for id in exceptions.keys() {
        if !cases.iter().any(|c| &c.id == id) {
            stale.push(format!("{id} (no such case)"));
        }
    }
    let ratio = |n: usize| f64::from(u32::try_from(n).unwrap());
    let percent = 100.0 * ratio(agree) / ratio(cases.len());
    let goldens = cases.iter().filter(|c| c.golden.is_some()).count();
    let files = cases.iter().filter(|c| c.file).count();
    let lints = cases.iter().filter(|c| c.lint).count();
    println!(
        "webpki differential: {agree} of {} chains agree with rustls-webpki ({percent:.1}%; golden {golden_agree} of {goldens}, test PKI files {file_agree} of {files}, client lints {lint_agree} of {lints}, x509-limbo {} of {}); {} reasoned exceptions, {} of them open",
        cases.len(),
        agree - golden_agree - file_agree - lint_agree,
        cases.len() - goldens - files - lints,
        exceptions.len(),
        exceptions.values().filter(|r| r.starts_with("open:")).count()
    );
    assert!(
        unexpected.is_empty(),
        "chains where cert-preflight and rustls-webpki disagree, not in tests/webpki-exceptions.tsv:\n{}",
        unexpected.join("\n")
    );
    assert!(
        stale.is_empty(),
        "exceptions for chains that agree now (remove them):\n{}",
        stale.join("\n")
    );
    assert!(
        percent >= AGREEMENT_FLOOR_PERCENT,
        "agreement {percent:.1}% is under the floor {AGREEMENT_FLOOR_PERCENT}%"
    );
}
