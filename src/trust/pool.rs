//! A pool of intermediates the caller trusts to complete a chain from (issue 22; cfssl's
//! `-intermediates` bundle, `--intermediates FILE|DIR` in the CLI): candidate issuers the path
//! builder draws from after the bundle's own.
//!
//! Memory stays flat for a pool of thousands: each certificate is kept as its DER (one buffer)
//! plus a row of a few integers (the hash of its subject name and of its subject key
//! identifier, where it came from), with an index sorted by subject. A certificate is parsed
//! into the model only when it is looked up as the issuer of one being checked.

use ring::digest;

use crate::input::file_bytes::certificate_text;
use crate::input::pem;
use crate::model::certificate::subject_and_key_id;
use crate::model::{block_content, BlockContent};

/// Intermediate certificates to complete chains from, indexed by subject name. Build it once
/// and give it to as many checks as needed ([`CertificateInput::intermediates`]).
///
/// [`CertificateInput::intermediates`]: crate::CertificateInput::intermediates
///
/// ```
/// use cert_preflight::IntermediatePool;
/// let mut pool = IntermediatePool::new();
/// assert_eq!(pool.add(b"no certificate here", "notes.txt"), 0);
/// assert!(pool.is_empty());
/// ```
#[derive(Clone, Default)]
pub struct IntermediatePool {
    /// Every certificate's DER, one after another.
    der: Vec<u8>,
    /// One row per certificate, in the order added.
    entries: Vec<Entry>,
    /// (subject name hash, row) sorted: the index a lookup searches.
    by_subject: Vec<(u64, u32)>,
    /// The names the caller gave for what it added (file names), by `Entry::source`.
    sources: Vec<String>,
    /// What could not be read, in words (never a block's content).
    skipped: Vec<String>,
}

/// One certificate of the pool.
#[derive(Debug, Clone, Copy)]
#[cfg_attr(
    not(feature = "intermediates"),
    allow(dead_code, reason = "read by the lookups of the completion")
)]
struct Entry {
    /// Its DER is `der[start..end]`.
    start: usize,
    end: usize,
    /// Hash of its subject key identifier; `None` when it has none.
    key_id: Option<u64>,
    /// Which `sources` entry it came from, and its position there (0-based).
    source: u32,
    ordinal: u32,
}

/// A pool certificate returned by a lookup: its DER and where the caller gave it.
#[cfg(feature = "intermediates")]
#[derive(Debug, Clone, Copy)]
pub(crate) struct PoolCertificate<'a> {
    /// Its row in the pool (stable: what tells candidates apart).
    pub id: u32,
    pub der: &'a [u8],
    /// Whether its subject key identifier is `key_id` (when both are known).
    pub key_id_differs: bool,
    /// The name given with the bytes it came from (a file name).
    pub source: &'a str,
    /// Its position among the certificates of that source (0-based).
    pub ordinal: u32,
}

impl IntermediatePool {
    /// An empty pool.
    pub fn new() -> Self {
        IntermediatePool::default()
    }

    /// Adds the certificates in `bytes`: PEM text (certificate and PKCS#7 blocks; blocks of
    /// other kinds are ignored), a DER certificate, or a DER PKCS#7 bundle (`.p7b`). `source`
    /// names them in messages (a file name). A certificate already in the pool is not added
    /// again. Returns how many were added; what could not be read is listed by
    /// [`skipped`](Self::skipped).
    pub fn add(&mut self, bytes: &[u8], source: &str) -> usize {
        let (text, _) = certificate_text(bytes);
        let scanned = pem::scan(&text);
        let source_id = u32::try_from(self.sources.len()).unwrap_or(u32::MAX);
        let before = self.by_subject.len();
        // One allocation for what this adds (a PKCS#7 block's certificates are within its DER),
        // rather than the buffer doubling as it grows.
        self.der
            .reserve(scanned.blocks.iter().map(|b| b.der.len()).sum::<usize>());
        let mut ordinal = 0u32;
        // Each block is dropped once its certificates are in the buffer.
        for block in scanned.blocks {
            let ders = match block_content(&block) {
                BlockContent::Certificate(der) => vec![der],
                BlockContent::Pkcs7(ders) => ders,
                BlockContent::Unreadable(reason) => {
                    self.skipped.push(format!(
                        "{source}: the block on line {}: {reason}",
                        block.begin_line
                    ));
                    continue;
                }
                BlockContent::Other => continue,
            };
            for der in ders {
                if let Err(reason) = self.push(der, source_id, ordinal) {
                    self.skipped.push(format!(
                        "{source}: certificate {ordinal} (the block on line {}) is not a valid X.509 certificate: {reason}",
                        block.begin_line
                    ));
                }
                ordinal = ordinal.saturating_add(1);
            }
        }
        if ordinal > 0 {
            self.sources.push(source.to_string());
        }
        self.index_new_rows();
        self.by_subject.len().saturating_sub(before)
    }

    /// How many certificates the pool holds.
    pub fn len(&self) -> usize {
        self.by_subject.len()
    }

    /// True when the pool holds no certificate.
    pub fn is_empty(&self) -> bool {
        self.by_subject.is_empty()
    }

    /// What [`add`](Self::add) could not read, one sentence each (the source, the block's line
    /// and why; never the block's content).
    pub fn skipped(&self) -> &[String] {
        &self.skipped
    }

    /// The pool's certificates indexed under `name` (a subject name's DER), in the order
    /// added: the caller parses each and compares the name itself (the index keeps a hash).
    /// Each says whether its subject key identifier differs from `key_id` (the child's
    /// Authority Key Identifier), which rules it out without parsing it.
    #[cfg(feature = "intermediates")]
    pub(crate) fn named<'a>(
        &'a self,
        name: &[u8],
        key_id: Option<&[u8]>,
    ) -> impl Iterator<Item = PoolCertificate<'a>> + 'a {
        let wanted = hash(name);
        let first = self.by_subject.partition_point(|&(h, _)| h < wanted);
        let key_id = key_id.map(hash);
        self.by_subject
            .get(first..)
            .unwrap_or_default()
            .iter()
            .take_while(move |&&(h, _)| h == wanted)
            .filter_map(move |&(_, id)| {
                let entry = self.entries.get(usize::try_from(id).ok()?)?;
                Some(PoolCertificate {
                    id,
                    der: self.der.get(entry.start..entry.end)?,
                    key_id_differs: matches!((key_id, entry.key_id), (Some(a), Some(b)) if a != b),
                    source: self
                        .sources
                        .get(usize::try_from(entry.source).ok()?)
                        .map_or("", String::as_str),
                    ordinal: entry.ordinal,
                })
            })
    }

    /// Appends one certificate's DER and its row; the index is brought up to date by
    /// [`index_new_rows`](Self::index_new_rows).
    fn push(&mut self, der: &[u8], source: u32, ordinal: u32) -> Result<(), String> {
        let (subject, key_id) = subject_and_key_id(der)?;
        let id = u32::try_from(self.entries.len()).map_err(|_| "the pool is full".to_string())?;
        let start = self.der.len();
        self.der.extend_from_slice(der);
        self.entries.push(Entry {
            start,
            end: self.der.len(),
            key_id: key_id.as_deref().map(hash),
            source,
            ordinal,
        });
        self.by_subject.push((hash(&subject), id));
        Ok(())
    }

    /// Sorts the rows pushed since the index was last sorted into it (a stable sort merges the
    /// two sorted runs in linear time; rows of one name stay in the order added) and drops a
    /// row whose DER an earlier row of the same name already has (its bytes stay in the
    /// buffer: duplicates are rare, and the buffer is never rewritten).
    fn index_new_rows(&mut self) {
        self.by_subject.sort();
        if !self.by_subject.windows(2).any(|pair| match pair {
            [a, b] => a.0 == b.0,
            _ => false,
        }) {
            return;
        }
        let mut kept: Vec<(u64, u32)> = Vec::with_capacity(self.by_subject.len());
        for &(name, id) in &self.by_subject {
            let der = self.der_of(id);
            let seen = kept
                .iter()
                .rev()
                .take_while(|&&(h, _)| h == name)
                .any(|&(_, earlier)| self.der_of(earlier) == der);
            if !seen {
                kept.push((name, id));
            }
        }
        self.by_subject = kept;
    }

    /// The DER of row `id` (empty for an id that is no row).
    fn der_of(&self, id: u32) -> &[u8] {
        usize::try_from(id)
            .ok()
            .and_then(|i| self.entries.get(i))
            .and_then(|e| self.der.get(e.start..e.end))
            .unwrap_or_default()
    }
}

impl std::fmt::Debug for IntermediatePool {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("IntermediatePool")
            .field("certificates", &self.entries.len())
            .field("bytes", &self.der.len())
            .field("sources", &self.sources)
            .field("skipped", &self.skipped.len())
            .finish()
    }
}

/// The index key of a name or key identifier: the first 8 bytes of its SHA-256.
fn hash(bytes: &[u8]) -> u64 {
    let digest = digest::digest(&digest::SHA256, bytes);
    let mut first = [0u8; 8];
    for (to, from) in first.iter_mut().zip(digest.as_ref()) {
        *to = *from;
    }
    u64::from_be_bytes(first)
}
