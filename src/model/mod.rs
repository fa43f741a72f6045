//! The parsed model: each certificate and key parsed once, owned, with positions. Rules read
//! this; parser types never leave `model`.

pub(crate) mod certificate;
pub(crate) mod crypto;
mod curve;
pub(crate) mod key;
#[cfg(feature = "encrypted-keys")]
pub(crate) mod key_decrypt;
pub(crate) mod key_encoding;
mod oid_names;

use crate::input::pem::{self, PemBlock, PemIssue};
use crate::input::pfx::looks_like_pkcs12;
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

/// A certificate block that did not parse as X.509, or that breaks RFC 5280 in a way that
/// still lets it be read (then it is also among the parsed certificates).
#[derive(Debug, Clone)]
pub(crate) struct MalformedCertificate {
    /// Index among the field's certificate blocks.
    pub index: usize,
    pub line: usize,
    pub reason: String,
}

/// Labels the providers accept for an unencrypted private key.
const SUPPORTED_KEY_LABELS: &[&str] = &["PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY"];

/// The private key field, scanned and each key block read once: what the key rules need. A
/// readable key's DER is kept only in a buffer wiped on drop whose `Debug` shows its length,
/// for the re-encoding a target needs (`key_encoding`).
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
    /// The block's DER, wiped on drop and never printed.
    pub der: key::SecretDer,
}

/// What reading a key block gave.
#[derive(Debug)]
pub(crate) enum KeyReading {
    /// Encrypted: `how` names the form (PKCS#8 or a legacy Proc-Type header), `opened` what
    /// the key password did (without one, nothing: the key is not read).
    Encrypted { how: &'static str, opened: Opened },
    /// A label the providers do not take (e.g. `OPENSSH PRIVATE KEY`).
    UnsupportedLabel,
    /// A supported label whose content did not parse.
    Unreadable(String),
    /// Parsed: its format and public half.
    Read(key::PrivateKeyInfo),
}

/// What the caller's key password did to an encrypted key block. Only `NoPassword` exists in
/// a build without the `encrypted-keys` feature, so that the browser modules link none of the
/// other cases' messages (the certificate module's budget: pkg/README.md "Size").
#[derive(Debug)]
pub(crate) enum Opened {
    /// No password was given (or this build cannot decrypt: feature `encrypted-keys` off).
    NoPassword,
    /// Decrypted and read: the block's `der` now holds the plaintext key.
    #[cfg(feature = "encrypted-keys")]
    Key(key::PrivateKeyInfo),
    /// The password does not open it.
    #[cfg(feature = "encrypted-keys")]
    WrongPassword,
    /// A scheme or cipher not implemented here (its description).
    #[cfg(feature = "encrypted-keys")]
    Unsupported(String),
    /// Decrypted, or its structure read, but what came out is not a key (the reason).
    #[cfg(feature = "encrypted-keys")]
    Unreadable(String),
}

/// Scans the private key field and reads each key block once. An encrypted block is opened
/// with `password` when one is given (and the build has the `encrypted-keys` feature); the
/// password is only ever passed to the decryption.
pub(crate) fn read_key_field(text: &str, password: Option<&str>) -> KeyField {
    let scanned = pem::scan(text);
    let mut field = KeyField {
        issues: scanned.issues,
        has_blocks: !scanned.blocks.is_empty(),
        ..KeyField::default()
    };
    for block in scanned.blocks {
        if !is_private_key_label(&block.label) {
            field.foreign.push(foreign(&block));
            continue;
        }
        let label = block.label.as_str();
        let mut der = block.der.clone();
        let reading = if label == "ENCRYPTED PRIVATE KEY" || block.is_legacy_encrypted() {
            let (how, opened) = open_encrypted(&block, password, &mut der);
            KeyReading::Encrypted { how, opened }
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
            der: key::SecretDer(der),
        });
    }
    field
}

/// The form of an encrypted block, and what `password` opened; on success `der` becomes the
/// plaintext key's DER (PKCS#8 for `ENCRYPTED PRIVATE KEY`, the label's own encoding for the
/// legacy form).
#[cfg_attr(
    not(feature = "encrypted-keys"),
    allow(unused_variables, reason = "no decryption in this build")
)]
fn open_encrypted(
    block: &PemBlock,
    password: Option<&str>,
    der: &mut zeroize::Zeroizing<Vec<u8>>,
) -> (&'static str, Opened) {
    let pkcs8 = block.label == "ENCRYPTED PRIVATE KEY";
    let how = if pkcs8 {
        "PKCS#8 ENCRYPTED PRIVATE KEY"
    } else {
        "Proc-Type: 4,ENCRYPTED"
    };
    #[cfg(feature = "encrypted-keys")]
    if let Some(password) = password {
        use key_decrypt::DecryptFailure;
        let (decrypted, plain_label) = if pkcs8 {
            (
                key_decrypt::decrypt_pkcs8(&block.der, password.as_bytes()),
                "PRIVATE KEY",
            )
        } else {
            let decrypted =
                key_decrypt::decrypt_legacy(&block.headers, &block.der, password.as_bytes());
            (decrypted, block.label.as_str())
        };
        let opened = match decrypted {
            Ok(_) if !SUPPORTED_KEY_LABELS.contains(&plain_label) => Opened::Unreadable(format!(
                "a {} block is not a supported key format once decrypted",
                pem::shown_label(plain_label)
            )),
            Ok(plain) => match key::parse_private_key(plain_label, &plain) {
                Ok(info) => {
                    *der = plain;
                    Opened::Key(info)
                }
                // The padding and the DER shape checked (a wrong password passes both about
                // once in 2^16 tries or less), so this is a key of a kind not read here.
                Err(reason) => Opened::Unreadable(reason),
            },
            Err(DecryptFailure::WrongPassword) => Opened::WrongPassword,
            Err(DecryptFailure::Unsupported(why)) => Opened::Unsupported(why),
            Err(DecryptFailure::Malformed(why)) => Opened::Unreadable(why),
        };
        return (how, opened);
    }
    (how, Opened::NoPassword)
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
        match block_content(&block) {
            BlockContent::Pkcs7(ders) => {
                field.pkcs7.push(Pkcs7Bundle {
                    line: block.begin_line,
                    certificates: ders.len(),
                });
                for der in ders {
                    field.add_certificate(block.begin_line, der);
                }
            }
            BlockContent::Certificate(der) => field.add_certificate(block.begin_line, der),
            BlockContent::Unreadable(reason) => {
                let index = field.certificate_blocks;
                field.certificate_blocks += 1;
                field.malformed.push(MalformedCertificate {
                    index,
                    line: block.begin_line,
                    reason,
                });
            }
            BlockContent::Other => field.foreign.push(foreign(&block)),
        }
    }
    field
}

/// What one PEM block holds, as certificate DER.
pub(crate) enum BlockContent<'a> {
    /// One certificate (not yet parsed).
    Certificate(&'a [u8]),
    /// A PKCS#7 bundle's certificates, in its order.
    Pkcs7(Vec<&'a [u8]>),
    /// A block that should hold certificates but cannot be read as such (the reason).
    Unreadable(String),
    /// A block of another kind (a key, a request...).
    Other,
}

/// Tells what `block` holds: a certificate, a PKCS#7 bundle (`PKCS7`, or a DER `.p7b` that
/// arrived wrapped as a CERTIFICATE block), a PKCS#12 archive read as text (unreadable here),
/// or another kind of block. The certificate field and the intermediates pool read blocks
/// this one way.
pub(crate) fn block_content(block: &PemBlock) -> BlockContent<'_> {
    let label = block.label.as_str();
    let certificate = CERTIFICATE_LABELS.contains(&label);
    if PKCS7_LABELS.contains(&label) || (certificate && pkcs7::is_signed_data(&block.der)) {
        match pkcs7::certificates(&block.der) {
            Ok(ders) => BlockContent::Pkcs7(ders),
            Err(reason) => BlockContent::Unreadable(reason),
        }
    } else if certificate && looks_like_pkcs12(&block.der) {
        // A .pfx/.p12 read as text (a page's file input, or DER wrapped by the caller).
        BlockContent::Unreadable(PKCS12_NOT_A_CERTIFICATE.to_owned())
    } else if certificate {
        BlockContent::Certificate(&block.der)
    } else {
        BlockContent::Other
    }
}

impl CertificateField {
    /// Parses one certificate's DER as the next certificate of the field.
    fn add_certificate(&mut self, line: usize, der: &[u8]) {
        let index = self.certificate_blocks;
        self.certificate_blocks += 1;
        match parse_certificate(index, line, der) {
            Ok(cert) => {
                if let Some(reason) = &cert.defect {
                    self.malformed.push(MalformedCertificate {
                        index,
                        line,
                        reason: reason.clone(),
                    });
                }
                self.certificates.push(cert);
            }
            Err(reason) => self.malformed.push(MalformedCertificate {
                index,
                line,
                reason,
            }),
        }
    }
}

/// Why a CERTIFICATE block holding a PKCS#12 archive is not read as a certificate: where the
/// archive can be opened (given as the file's bytes, with its password) and how to get its
/// certificates out.
const PKCS12_NOT_A_CERTIFICATE: &str = "it is a PKCS#12 (.pfx/.p12) archive, which holds \
certificates and usually a private key, not one certificate; give the file itself with its \
password (`cert-preflight cert FILE.pfx`, which asks for it; in Node or Python its bytes and \
`password`) or extract the certificates with `openssl pkcs12 -in FILE.pfx -nokeys`";

/// Describes a block without its content.
pub(crate) fn foreign(block: &PemBlock) -> ForeignBlock {
    ForeignBlock {
        label: block.label.clone(),
        begin_line: block.begin_line,
        end_line: block.end_line,
    }
}

/// A private key or the `EC PARAMETERS` block `openssl ecparam -genkey` writes before one:
/// what the key rules read.
pub(crate) fn is_key_material_label(label: &str) -> bool {
    is_private_key_label(label) || label == EC_PARAMETERS_LABEL
}

/// The label of the block `openssl ecparam -genkey` writes before an EC key.
pub(crate) const EC_PARAMETERS_LABEL: &str = "EC PARAMETERS";

/// True for the labels a certificate block has.
pub(crate) fn is_certificate_label(label: &str) -> bool {
    CERTIFICATE_LABELS.contains(&label)
}

/// True for labels that carry private key material.
pub(crate) fn is_private_key_label(label: &str) -> bool {
    label.contains("PRIVATE KEY")
}
