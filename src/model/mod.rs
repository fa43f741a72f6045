//! The parsed model: each certificate and key parsed once, owned, with positions. Rules read
//! this; parser types never leave `model`.

pub(crate) mod certificate;
pub(crate) mod crypto;
pub(crate) mod key;
mod oid_names;

use crate::input::pem::{self, PemBlock, PemIssue};
use crate::input::pkcs7;
use certificate::{parse_certificate, ParsedCertificate};

/// PEM labels that hold a certificate.
const CERTIFICATE_LABELS: &[&str] = &["CERTIFICATE", "X509 CERTIFICATE"];

/// PEM labels of a PKCS#7 bundle (RFC 7468 section 8; `CERTIFICATE CHAIN` is not standard).
const PKCS7_LABELS: &[&str] = &["PKCS7", "PKCS #7 SIGNED DATA"];

/// A PKCS#7 bundle that the field held instead of PEM certificates.
#[derive(Debug, Clone)]
pub(crate) struct Pkcs7Bundle {
    /// 1-based line of the block's BEGIN boundary.
    pub line: usize,
    /// How many certificates it carried.
    pub certificates: usize,
}

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
    /// Number of certificate blocks (parsed or not), counting each certificate of a PKCS#7
    /// bundle as one.
    pub certificate_blocks: usize,
    /// PKCS#7 bundles read (their certificates are in `certificates`).
    pub pkcs7: Vec<Pkcs7Bundle>,
}

/// Scans and parses a certificate field.
pub(crate) fn read_certificate_field(text: &str) -> CertificateField {
    let scanned = pem::scan(text);
    let mut field = CertificateField {
        issues: scanned.issues,
        ..CertificateField::default()
    };
    for block in scanned.blocks {
        let label = block.label.as_str();
        // A DER .p7b given where a certificate is read arrives wrapped as a CERTIFICATE block.
        if PKCS7_LABELS.contains(&label)
            || (CERTIFICATE_LABELS.contains(&label) && pkcs7::is_signed_data(&block.der))
        {
            match pkcs7::certificates(&block.der) {
                Ok(ders) => {
                    field.pkcs7.push(Pkcs7Bundle {
                        line: block.begin_line,
                        certificates: ders.len(),
                    });
                    for der in ders {
                        field.add_certificate(block.begin_line, der);
                    }
                }
                Err(reason) => {
                    let index = field.certificate_blocks;
                    field.certificate_blocks += 1;
                    field.malformed.push(MalformedCertificate {
                        index,
                        line: block.begin_line,
                        reason,
                    });
                }
            }
        } else if CERTIFICATE_LABELS.contains(&label) {
            field.add_certificate(block.begin_line, &block.der);
        } else {
            field.foreign.push(foreign(&block));
        }
    }
    field
}

impl CertificateField {
    /// Parses one certificate's DER as the next certificate of the field.
    fn add_certificate(&mut self, line: usize, der: &[u8]) {
        let index = self.certificate_blocks;
        self.certificate_blocks += 1;
        match parse_certificate(index, line, der) {
            Ok(cert) => self.certificates.push(cert),
            Err(reason) => self.malformed.push(MalformedCertificate {
                index,
                line,
                reason,
            }),
        }
    }
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
