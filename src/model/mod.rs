//! The parsed model: each certificate and key parsed once, owned, with positions. Rules read
//! this; parser types never leave `model`.

pub(crate) mod certificate;
pub(crate) mod crypto;
pub(crate) mod key;
mod oid_names;

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

/// Labels the providers accept for an unencrypted private key.
const SUPPORTED_KEY_LABELS: &[&str] = &["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

/// The private key field, scanned and each key block read once: what the key rules need,
/// and never the key's bytes (only its public half survives parsing).
#[derive(Debug, Default)]
pub(crate) struct KeyField {
    /// What the scanner noticed about the text.
    pub issues: Vec<PemIssue>,
    /// Whether any block was found at all (of any kind).
    pub has_blocks: bool,
    /// Blocks of other kinds (certificates, requests...).
    pub foreign: Vec<ForeignBlock>,
    /// The private key blocks, in input order.
    pub keys: Vec<KeyBlock>,
}

/// One private key block, as far as it could be read.
#[derive(Debug)]
pub(crate) struct KeyBlock {
    pub label: String,
    pub begin_line: usize,
    pub end_line: usize,
    pub reading: KeyReading,
}

/// What reading a key block gave.
#[derive(Debug)]
pub(crate) enum KeyReading {
    /// Encrypted, so not read: `how` names the form (PKCS#8 or a legacy Proc-Type header).
    Encrypted { how: &'static str },
    /// A label the providers do not take (e.g. `OPENSSH PRIVATE KEY`).
    UnsupportedLabel,
    /// A supported label whose content did not parse.
    Unreadable(String),
    /// Parsed: its format and public half.
    Read(key::PrivateKeyInfo),
}

/// Scans the private key field and reads each key block once.
pub(crate) fn read_key_field(text: &str) -> KeyField {
    let scanned = pem::scan(text);
    let mut field = KeyField {
        issues: scanned.issues,
        has_blocks: !scanned.blocks.is_empty(),
        ..KeyField::default()
    };
    for block in &scanned.blocks {
        if !is_private_key_label(&block.label) {
            field.foreign.push(foreign(block));
            continue;
        }
        let label = block.label.as_str();
        let reading = if label == "ENCRYPTED PRIVATE KEY" {
            KeyReading::Encrypted {
                how: "PKCS#8 ENCRYPTED PRIVATE KEY",
            }
        } else if block.is_legacy_encrypted() {
            KeyReading::Encrypted {
                how: "Proc-Type: 4,ENCRYPTED",
            }
        } else if !SUPPORTED_KEY_LABELS.contains(&label) {
            KeyReading::UnsupportedLabel
        } else {
            match key::parse_private_key(label, &block.der) {
                Ok(info) => KeyReading::Read(info),
                Err(reason) => KeyReading::Unreadable(reason),
            }
        };
        field.keys.push(KeyBlock {
            label: block.label.clone(),
            begin_line: block.begin_line,
            end_line: block.end_line,
            reading,
        });
    }
    field
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
