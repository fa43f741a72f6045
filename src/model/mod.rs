//! The parsed model: each certificate and key parsed once, owned, with positions. Rules read
//! this; parser types never leave `model`.

pub(crate) mod certificate;
pub(crate) mod crypto;
pub(crate) mod key;

use crate::input::pem::{self, PemBlock, PemIssue};
use certificate::{parse_certificate, ParsedCertificate};

/// PEM labels that hold a certificate.
const CERTIFICATE_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE"];

/// A certificate block that did not parse as X.509.
#[derive(Debug, Clone)]
pub(crate) struct MalformedCertificate {
    /// Index among the field's certificate blocks.
    pub index: usize,
    pub line: usize,
    pub reason: String,
}

/// A block whose label does not belong in the field (label and lines only, never content).
#[derive(Debug, Clone)]
pub(crate) struct ForeignBlock {
    pub label: String,
    pub begin_line: usize,
    pub end_line: usize,
}

/// A certificate field, scanned and parsed once.
#[derive(Debug, Default)]
pub(crate) struct CertificateField {
    /// What the scanner noticed about the text.
    pub issues: Vec<PemIssue>,
    /// Certificates that parsed, in input order (`index` counts every certificate block).
    pub certificates: Vec<ParsedCertificate>,
    /// Certificate blocks that did not parse.
    pub malformed: Vec<MalformedCertificate>,
    /// Blocks of other kinds (keys, requests...).
    pub foreign: Vec<ForeignBlock>,
    /// Number of certificate blocks (parsed or not).
    pub certificate_blocks: usize,
}

/// Scans and parses a certificate field.
pub(crate) fn read_certificate_field(text: &str) -> CertificateField {
    let scanned = pem::scan(text);
    let mut field = CertificateField {
        issues: scanned.issues,
        ..CertificateField::default()
    };
    for block in scanned.blocks {
        if CERTIFICATE_LABELS.contains(&block.label.as_str()) {
            let index = field.certificate_blocks;
            field.certificate_blocks += 1;
            match parse_certificate(index, block.begin_line, &block.der) {
                Ok(cert) => field.certificates.push(cert),
                Err(reason) => field.malformed.push(MalformedCertificate {
                    index,
                    line: block.begin_line,
                    reason,
                }),
            }
        } else {
            field.foreign.push(foreign(&block));
        }
    }
    field
}

/// Describes a block without its content.
pub(crate) fn foreign(block: &PemBlock) -> ForeignBlock {
    ForeignBlock {
        label: block.label.clone(),
        begin_line: block.begin_line,
        end_line: block.end_line,
    }
}

/// True for labels that carry private key material.
pub(crate) fn is_private_key_label(label: &str) -> bool {
    label.contains("PRIVATE KEY")
}
