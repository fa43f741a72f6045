//! What a certificate check is given: [`CertificateInput`] and where its fields are.

use crate::context::{Audience, CertificatePurpose, ProviderProfile, DEFAULT_EXPIRY_WARNING_DAYS};
use crate::findings::Policy;
use crate::rules::certificate::ValidityFloor;
use crate::rules::pem::SizeLimit;
use crate::time::Timestamp;
use crate::trust::IntermediatePool;

/// Seed 003: "supports certificate chains with a maximum of 11 layers".
pub(crate) const MAX_CHAIN_CERTIFICATES: usize = 11;

/// The limits an operation puts on its fields; the seeds' (SPEC) unless an operation declares
/// its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct FieldLimits {
    /// The certificate field (the leaf field when the chain is apart).
    pub certificate: SizeLimit,
    /// The separate chain field.
    pub chain: SizeLimit,
    /// The private key field.
    pub key: SizeLimit,
    /// Most certificates in the certificate field and the chain field together.
    pub max_certificates: usize,
}

impl FieldLimits {
    /// The most the certificate, chain and key fields hold together: what an operation's
    /// bound on a whole body is derived from (`request::decl::body_cap`).
    pub(crate) const fn total(&self) -> usize {
        self.certificate
            .max
            .saturating_add(self.chain.max)
            .saturating_add(self.key.max)
    }

    /// Seed 003's: 65,536 and 8,192 characters, 11 certificates.
    pub(crate) const SEEDS: FieldLimits = FieldLimits {
        certificate: SizeLimit::SEED_CERTIFICATE,
        chain: SizeLimit::SEED_CERTIFICATE,
        key: SizeLimit::SEED_KEY,
        max_certificates: MAX_CHAIN_CERTIFICATES,
    };
}

/// JSON pointers used for the diagnostics of each input field.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct FieldPaths {
    /// The certificate field; certificate `i` is reported at `{certificate}/chain/{i}`.
    pub certificate: String,
    /// The private key field.
    pub private_key: String,
    /// The comma-separated domain field.
    pub domains: String,
    /// The caller's trust anchors (`roots`).
    pub roots: String,
    /// A separate chain field (ACM and IAM take the leaf and its chain apart); certificate `j`
    /// of it is reported at `{chain}/chain/{j}`.
    pub chain: String,
}

impl Default for FieldPaths {
    fn default() -> Self {
        FieldPaths {
            certificate: "/certificate".into(),
            private_key: "/private_key".into(),
            domains: "/domains".into(),
            roots: "/roots".into(),
            chain: "/certificate_chain".into(),
        }
    }
}

/// Everything [`check_certificate`](crate::check_certificate) looks at. Build it with [`CertificateInput::new`] and set
/// the optional fields. Its `Debug` redacts the private key.
#[derive(Clone)]
#[non_exhaustive]
pub struct CertificateInput<'a> {
    /// The certificate field: one or more PEM blocks (leaf first).
    pub certificate: &'a str,
    /// The private key field, if given. Never echoed in any output.
    pub private_key: Option<&'a str>,
    /// The password of an encrypted private key (`ENCRYPTED PRIVATE KEY`, or the legacy
    /// `Proc-Type: 4,ENCRYPTED` PEM), if the caller has it: the key is then decrypted and
    /// checked like a plaintext key (its match with the leaf, the key policy), and
    /// [`check_certificate_with_key_fix`](crate::check_certificate_with_key_fix) hands it back
    /// unencrypted, since the clouds refuse encrypted keys. A wrong password is
    /// `key.wrong_password`, a scheme not implemented `key.encryption_unsupported`; without a
    /// password an encrypted key is `key.encrypted`, as before. Never echoed (the `Debug` of
    /// this type redacts it). Not used in a build without the `encrypted-keys` feature (the
    /// npm package's browser modules), where an encrypted key stays `key.encrypted`.
    pub key_password: Option<&'a str>,
    /// Comma-separated domain names that the leaf must cover, if given.
    pub domains: Option<&'a str>,
    /// Whether a missing private key is an error (`key.missing`).
    pub key_required: bool,
    /// What the certificate is for.
    pub purpose: CertificatePurpose,
    /// Provider documentation to apply beyond the seeds.
    pub profile: ProviderProfile,
    /// The instant at which validity is judged.
    pub now: Timestamp,
    /// `cert.expires_soon` fires when the leaf expires within this many days.
    pub expiry_warning_days: u32,
    /// Where each field is in the caller's input, for diagnostic paths.
    pub paths: FieldPaths,
    /// Extra trust anchors: PEM text of the caller's (private) roots. A chain that ends at
    /// or below one of them is complete and trusted.
    pub roots: Option<&'a str>,
    /// Whether Mozilla's root store (shipped as a generated table) counts as trust anchors;
    /// false trusts only `roots`.
    pub public_roots: bool,
    /// Who the certificate is for: `Auto` (the default) judges a path that anchors in the
    /// public root store as `Public`, any other as `Private`.
    pub audience: Audience,
    /// Intermediates the caller trusts to complete the chain from: when the bundle lacks an
    /// issuer, one found here (by name, key identifier and a verified signature) is added to
    /// the normalized bundle and reported as `chain.completed_from_pool`. Server
    /// certificates only; not consulted in a build without the `intermediates` feature (the
    /// npm package's browser certificate module).
    pub intermediates: Option<&'a IntermediatePool>,
    /// Who verifies signatures; `None` is ring ([`crate::verifier::RingVerifier`]). The rules decide
    /// the same way whatever the verifier.
    pub verifier: Option<crate::verifier::SharedVerifier>,
    /// The chain in a field of its own (ACM `CertificateChain`, IAM `CertificateChain`): read
    /// after the certificate field, judged as one bundle with it.
    pub(crate) chain: Option<&'a str>,
    /// The operation's limits on the fields.
    pub(crate) limits: FieldLimits,
    /// The certificates and the key share one text (Azure Key Vault's `value`): a key block in
    /// the certificate field, and a certificate block in the key field, are where they belong.
    pub(crate) combined: bool,
    /// What the operation changes about the findings (its provider's severities, the rules it
    /// reports as others), applied as each finding is made.
    pub(crate) policies: Vec<Policy>,
    /// The least validity the operation's provider takes (Cloudflare's 14 days): a leaf
    /// closer to its end is that rule, in place of `cert.expires_soon`.
    pub(crate) validity_floor: Option<ValidityFloor>,
    /// A PKCS#12 file to open and judge instead of `certificate`
    /// ([`CertificateInput::pkcs12`]).
    pub(crate) pkcs12: Option<Pkcs12Source<'a>>,
    /// The caller takes the key re-encoded for the target
    /// ([`check_certificate_with_key_fix`](crate::check_certificate_with_key_fix)).
    pub(crate) fix_key: Option<crate::rules::key::KeyFixer>,
    /// The only key encoding the operation takes (Key Vault: PKCS#8), where it names one.
    pub(crate) key_encoding: Option<crate::model::key::KeyFormat>,
}

impl std::fmt::Debug for CertificateInput<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut debug = f.debug_struct("CertificateInput");
        debug
            .field("certificate", &self.certificate)
            .field(
                "private_key",
                &self
                    .private_key
                    .map(|k| format!("<redacted, {} characters>", k.chars().count())),
            )
            .field("key_password", &self.key_password.map(|_| "<redacted>"))
            .field("domains", &self.domains)
            .field("key_required", &self.key_required)
            .field("purpose", &self.purpose)
            .field("profile", &self.profile)
            .field("now", &self.now)
            .field("expiry_warning_days", &self.expiry_warning_days)
            .field("paths", &self.paths)
            .field("roots", &self.roots)
            .field("public_roots", &self.public_roots)
            .field("audience", &self.audience)
            .field("intermediates", &self.intermediates)
            .field("verifier", &self.verifier)
            .field("chain", &self.chain)
            .field("limits", &self.limits)
            .field("combined", &self.combined)
            .field("policies", &self.policies)
            .field("validity_floor", &self.validity_floor);
        debug.field("pkcs12", &self.pkcs12);
        debug.field("fix_key", &self.fix_key);
        debug.field("key_encoding", &self.key_encoding);
        debug.finish()
    }
}

impl<'a> CertificateInput<'a> {
    /// A server-certificate check of `certificate` at `now`, with no key and no domains.
    pub fn new(certificate: &'a str, now: Timestamp) -> Self {
        CertificateInput {
            certificate,
            private_key: None,
            key_password: None,
            domains: None,
            key_required: false,
            purpose: CertificatePurpose::Server,
            profile: ProviderProfile::Generic,
            now,
            expiry_warning_days: DEFAULT_EXPIRY_WARNING_DAYS,
            paths: FieldPaths::default(),
            roots: None,
            public_roots: true,
            audience: Audience::Auto,
            intermediates: None,
            verifier: None,
            chain: None,
            limits: FieldLimits::SEEDS,
            combined: false,
            policies: Vec::new(),
            validity_floor: None,
            pkcs12: None,
            fix_key: None,
            key_encoding: None,
        }
    }

    /// A server-certificate check of a PKCS#12 (PFX) file at `now`: it is opened with
    /// `password` (empty when it has none; never echoed), its certificates are judged as a
    /// bundle in file order and its private key against the leaf, exactly as the same material
    /// in PEM would be. A wrong password, a damaged MAC, an unsupported algorithm or an empty
    /// file is a diagnostic (`pkcs12.*`), not an error. A build without the `pkcs12` feature
    /// (the browser's certificate module) reports `pkcs12.unsupported`.
    ///
    /// ```
    /// use cert_preflight::{check_certificate, CertificateInput, Timestamp};
    /// let now = Timestamp::parse_rfc3339("2026-06-01T00:00:00Z").unwrap();
    /// let report = check_certificate(&CertificateInput::pkcs12(b"not a pfx", "", now));
    /// assert_eq!(report.diagnostics[0].rule, "pkcs12.malformed");
    /// ```
    pub fn pkcs12(der: &'a [u8], password: &'a str, now: Timestamp) -> Self {
        let mut input = CertificateInput::new("", now);
        input.pkcs12 = Some(Pkcs12Source { der, password });
        input
    }
}

/// A PKCS#12 file and its password, as the caller gave them.
#[derive(Clone, Copy)]
pub(crate) struct Pkcs12Source<'a> {
    /// The file's bytes (DER).
    pub der: &'a [u8],
    /// Its password; empty when it has none. Never echoed.
    #[cfg_attr(
        not(feature = "pkcs12"),
        allow(dead_code, reason = "read only by the decoder")
    )]
    pub password: &'a str,
}

impl std::fmt::Debug for Pkcs12Source<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pkcs12Source")
            .field("der", &format_args!("<{} bytes>", self.der.len()))
            .field("password", &"<redacted>")
            .finish()
    }
}
