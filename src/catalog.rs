//! The rule catalogue: every rule the project checks, in one table.
//!
//! Each row is constant metadata: id, default severity, source, the provider's error code,
//! whether the normalized output resolves it, a one-line summary, and the names of the same
//! check in the PKI community's linters (zlint lints, pkilint findings), so a user of those
//! linters can map findings both ways. The checks that emit a rule are pure functions over the
//! model (`crate::rules::*` for certificate material, `crate::request` for operations); they
//! record findings through `crate::findings`, which reads the row. [`RULES`] feeds
//! `cert-preflight rules` and the npm `rules()`.
//!
//! The catalogue is data, not a rule: it sits at the bottom of the crate's import graph, so the
//! checks, the findings sink and the request engine all import it downward.

use serde::Serialize;

use crate::report::Severity;

/// The error code Alibaba Cloud answers a bad parameter with (seeds 000, 001, 004). The generic
/// `request.*` rules carry it in the catalogue; an operation of another provider declares its
/// own code for them (`APIG.2012`) or none.
pub const GENERIC_PARAMETER_ERROR: &str = "InvalidParameter";

/// A rule's constant metadata: one row of the catalogue. Rows exist only in the catalogue
/// ([`rules()`](crate::rules) lists them); the check that emits a rule is a pure function over
/// the model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Rule {
    /// Stable id, e.g. `chain.misordered`. Part of the public contract.
    pub id: &'static str,
    /// Default severity (a few rules change it in some contexts; the summary says when).
    pub severity: Severity,
    /// The other severities a finding of this rule can have: where its context decides (a
    /// limit the seed does not state is a warning) and, in `rules --operation`, where the
    /// operation's policy gives it another.
    #[serde(skip_serializing_if = "Severities::is_empty")]
    pub also: Severities,
    /// Where the constraint comes from: a seed document, a standard, or provider practice.
    pub source: &'static str,
    /// The provider's error code for this rule, where a seed names one. An operation may
    /// declare its own code for a rule: see `cert-preflight rules --operation`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub api_error: Option<&'static str>,
    /// True when the report's `normalized` output resolves a finding of this rule (the
    /// diagnostic then says `"fixed": true`); for a key rule, the re-encoded key that
    /// [`check_certificate_with_key_fix`](crate::check_certificate_with_key_fix) hands back
    /// beside the report (never in it).
    pub fixed_by_normalizing: bool,
    /// One line saying what the rule checks.
    pub summary: &'static str,
    /// zlint lints that check the same thing (empty when none does).
    pub zlint: &'static [&'static str],
    /// pkilint findings (validation codes) that report the same thing (empty when none does).
    pub pkilint: &'static [&'static str],
}

/// A set of severities: a rule's other severities ([`Rule::also`]). Serialized as a list,
/// most severe first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Severities {
    error: bool,
    warning: bool,
    info: bool,
}

impl Severities {
    /// No severity.
    pub const NONE: Severities = Severities {
        error: false,
        warning: false,
        info: false,
    };

    /// The set of `severities`.
    pub const fn of(severities: &[Severity]) -> Severities {
        let mut set = Severities::NONE;
        let mut rest = severities;
        while let [first, others @ ..] = rest {
            set = set.with(*first);
            rest = others;
        }
        set
    }

    /// This set and `severity`.
    #[must_use]
    pub const fn with(self, severity: Severity) -> Severities {
        match severity {
            Severity::Error => Severities {
                error: true,
                ..self
            },
            Severity::Warning => Severities {
                warning: true,
                ..self
            },
            Severity::Info => Severities { info: true, ..self },
        }
    }

    /// This set without `severity`.
    #[must_use]
    pub fn without(self, severity: Severity) -> Severities {
        match severity {
            Severity::Error => Severities {
                error: false,
                ..self
            },
            Severity::Warning => Severities {
                warning: false,
                ..self
            },
            Severity::Info => Severities {
                info: false,
                ..self
            },
        }
    }

    /// Whether `severity` is in the set.
    pub fn contains(self, severity: Severity) -> bool {
        self.iter().any(|s| s == severity)
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        *self == Severities::NONE
    }

    /// The severities in the set, most severe first.
    pub fn iter(self) -> impl Iterator<Item = Severity> {
        [
            (self.error, Severity::Error),
            (self.warning, Severity::Warning),
            (self.info, Severity::Info),
        ]
        .into_iter()
        .filter_map(|(is_in, severity)| is_in.then_some(severity))
    }
}

impl Serialize for Severities {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter())
    }
}

/// Whether the normalized output resolves a rule: the catalogue's fifth column.
macro_rules! fix {
    (Normalized) => {
        true
    };
    (Manual) => {
        false
    };
}

/// A rule's zlint or pkilint names, or none in a build without the `linter-names` feature (the
/// npm certificate module: pkg/README.md "Size"), whose `rules()` then lists empty lists.
const fn linter_names(names: &'static [&'static str]) -> &'static [&'static str] {
    if cfg!(feature = "linter-names") {
        names
    } else {
        &[]
    }
}

/// Declares each rule as a `pub(crate) const` reference to its row and lists the rows, in
/// order, in [`RULES`]. A row may end with `also [..]`, the other severities its context gives
/// it (each emitting call that decides one is `Findings::emit_as`), and with `zlint [..]` and
/// `pkilint [..]`, the linters' names for the same check; a row without them has none.
///
/// Each row exists once, in `RULE_ROWS`: a rule's name is a reference into that array, not a
/// `Rule` value. As values, each `&NAME` at an emitting call was a second copy of the row
/// (56 bytes of pointers each in wasm32, about 2 KB gzipped in the npm modules: pkg/README.md
/// "Size").
macro_rules! catalogue {
    ($($name:ident = $id:literal, $sev:ident, $source:literal, $api:expr, $fix:ident, $summary:literal
        $(, also [$($also:ident),* $(,)?])?
        $(, zlint [$($zlint:literal),* $(,)?])? $(, pkilint [$($pkilint:literal),* $(,)?])?;)*) => {
        /// Each rule's position in `RULE_ROWS`.
        #[allow(non_camel_case_types, clippy::upper_case_acronyms)]
        #[derive(Clone, Copy)]
        enum Row {
            $($name,)*
        }
        /// The catalogue's rows, in catalogue order.
        static RULE_ROWS: [Rule; [$(Row::$name),*].len()] = [$(
            Rule {
                id: $id,
                severity: Severity::$sev,
                also: Severities::of(&[$($(Severity::$also),*)?]),
                source: $source,
                api_error: $api,
                fixed_by_normalizing: fix!($fix),
                summary: $summary,
                zlint: linter_names(&[$($($zlint),*)?]),
                pkilint: linter_names(&[$($($pkilint),*)?]),
            },
        )*];
        $(
            #[doc = concat!("`", $id, "`: ", $summary, ".")]
            // A build without `pkcs12` or `client-lints` emits no finding of their rules; the
            // rows stay in the catalogue all the same.
            #[allow(dead_code)]
            pub(crate) const $name: &Rule = row(Row::$name);
        )*
        /// Every rule, in catalogue order.
        pub(crate) static RULES: &[Rule] = &RULE_ROWS;
    };
}

/// The row of a rule: a fieldless enum's discriminant is its declaration index, so the cast
/// cannot truncate (there are a few hundred rows), and the index is in bounds. Only ever
/// evaluated at compile time (each rule's name is a `const`): a wrong index fails the build.
#[allow(clippy::as_conversions, clippy::indexing_slicing)]
const fn row(row: Row) -> &'static Rule {
    &RULE_ROWS[row as usize]
}

catalogue! {
    PEM_TOO_LARGE = "pem.too_large", Error, "seed 003", None, Manual,
        "certificate field over 65,536 characters", also [Warning];
    PEM_KEY_TOO_LARGE = "pem.key_too_large", Error, "seed 003", None, Manual,
        "private key field over 8,192 characters", also [Warning];
    PEM_MALFORMED = "pem.malformed", Error, "RFC 7468", None, Manual,
        "no BEGIN/END pair, mismatched labels, bad base64 or a truncated block", also [Warning];
    PEM_UNEXPECTED_BLOCK = "pem.unexpected_block", Error, "seed 003", None, Manual,
        "a PEM block of the wrong kind in a field (e.g. a private key in the certificate field)";
    PEM_STRAY_TEXT = "pem.stray_text", Warning, "RFC 7468", None, Normalized,
        "text outside PEM blocks (e.g. \"Bag Attributes\" from a PKCS#12 export)";
    PEM_LINE_LENGTH = "pem.line_length", Warning, "provider certificate guides", None, Normalized,
        "base64 lines other than 64 characters (the last line up to 64)";
    PEM_PKCS7 = "pem.pkcs7", Warning, "seeds 003, 004 (PEM certificates)", None, Normalized,
        "the certificates came as a PKCS#7 bundle (.p7b/.p7c); every provider takes PEM certificates";
    // PKCS#12 (issue 22): a PFX is opened with its password, then checked as the same
    // material in PEM would be.
    PKCS12_MALFORMED = "pkcs12.malformed", Error, "RFC 7292 4", None, Manual,
        "the file is not a readable PKCS#12 (PFX) structure";
    PKCS12_WRONG_PASSWORD = "pkcs12.wrong_password", Error, "RFC 7292 4 (MAC), 6 (encryption)", None, Manual,
        "the PKCS#12 password is wrong (the MAC does not verify and the content does not decrypt)";
    PKCS12_MAC_INVALID = "pkcs12.mac_invalid", Error, "RFC 7292 4 (MacData)", None, Manual,
        "the password decrypts the PKCS#12 content but its MAC does not verify: the file was altered or damaged";
    PKCS12_UNSUPPORTED = "pkcs12.unsupported", Error, "RFC 7292 appendix B, RFC 8018", None, Manual,
        "a PKCS#12 encryption, MAC or protection mode that cannot be opened here";
    PKCS12_EMPTY = "pkcs12.empty", Error, "RFC 7292", None, Manual,
        "a PKCS#12 file with no certificate in it";
    PEM_BLANK_LINE = "pem.blank_line", Warning, "provider certificate guides", None, Normalized,
        "blank lines inside or between PEM blocks";
    CHAIN_TOO_DEEP = "chain.too_deep", Error, "seed 003 (\"maximum of 11 layers\")", None, Normalized,
        "more than 11 certificates in one certificate field";
    CHAIN_EMPTY = "chain.empty", Error, "seeds 003, 004", None, Manual,
        "no certificate at all";
    CHAIN_MISORDERED = "chain.misordered", Error, "provider practice", None, Normalized,
        "leaf not first, or certificate i+1 did not issue certificate i; the right order is reported";
    CHAIN_BAD_SIGNATURE = "chain.bad_signature", Error, "X.509", None, Manual,
        "certificate i's signature does not verify with its issuer's public key, or its algorithm cannot come from that key's type (the wrong issuer)";
    // SPEC lists chain.unrelated as an error; issue 26 (item 1) asks for a warning, and clients
    // agree: they build their path from the leaf and ignore extra certificates (RFC 8446 4.4.2:
    // "SHOULD be prepared to handle potentially extraneous certificates"). The providers that
    // validate the chain field as given (ACM, IAM) declare it an error in their policy.
    CHAIN_UNRELATED = "chain.unrelated", Warning, "X.509; RFC 8446 4.4.2", None, Normalized,
        "a certificate that belongs to no path from the leaf", also [Error];
    CHAIN_DUPLICATE = "chain.duplicate", Warning, "X.509", None, Normalized,
        "the same certificate twice";
    CHAIN_INCOMPLETE = "chain.incomplete", Warning, "X.509", None, Manual,
        "the path stops at a certificate whose issuer is neither in the bundle, nor a trust anchor, nor itself; the missing issuer is named (name, key identifier, caIssuers URL)";
    CHAIN_COMPLETED_FROM_POOL = "chain.completed_from_pool", Info, "issue 22", None, Normalized,
        "a missing issuer was found in the caller's intermediates pool (by name, key identifier and a verified signature) and added to the normalized bundle; which one, and why it was chosen over other candidates";
    CHAIN_POOL_CANDIDATE_REJECTED = "chain.pool_candidate_rejected", Info, "issue 22", None, Manual,
        "a certificate of the intermediates pool has the missing issuer's name but another key (its key identifier differs or its signature does not verify), so it was not used";
    CHAIN_UNTRUSTED_ROOT = "chain.untrusted_root", Warning, "Mozilla root store", None, Manual,
        "the path ends at a self-signed root that is neither in Mozilla's root store nor among the caller's roots (a private CA)";
    CHAIN_ROOT_INCLUDED = "chain.root_included", Info, "X.509", None, Normalized,
        "a self-signed root at the end (clients already have it, when it is in their store)";
    CHAIN_UNSUPPORTED_SIGNATURE = "chain.unsupported_signature", Warning, "X.509", None, Manual,
        "a signature algorithm that cannot be verified (named)";
    CERT_MALFORMED = "cert.malformed", Error, "X.509", None, Manual,
        "a CERTIFICATE block whose content is not a valid X.509 certificate",
        zlint ["e_ext_duplicate_extension"],
        pkilint ["pkix.duplicate_extension"];
    CERT_EXPIRED = "cert.expired", Error, "X.509", None, Manual,
        "a certificate whose notAfter is before the given time";
    CERT_NOT_YET_VALID = "cert.not_yet_valid", Error, "X.509", None, Manual,
        "a certificate whose notBefore is after the given time";
    CERT_EXPIRES_SOON = "cert.expires_soon", Warning, "provider practice", None, Manual,
        "the leaf expires within N days (default 30)";
    CERT_NOT_CA = "cert.not_ca", Error, "X.509, seed 004", None, Manual,
        "an intermediate, or a CA upload, without basicConstraints CA:TRUE";
    // SPEC lists cert.leaf_is_ca as a warning; issue 26 makes it an error because
    // rustls-webpki refuses a CA as the end entity (x509-limbo webpki::ca-as-leaf), while the
    // suite's rfc5280::ca-as-leaf accepts it (reasoned in testdata/x509-limbo-exceptions.txt).
    CERT_LEAF_IS_CA = "cert.leaf_is_ca", Error, "RFC 5280 4.2.1.9; rustls-webpki (CaUsedAsEndEntity), pyca/cryptography (issue 26)", None, Manual,
        "a server certificate that is a CA",
        zlint ["e_sub_cert_not_is_ca"],
        pkilint ["cabf.serverauth.subscriber_basic_constraints_ca_bit_set"];
    // SPEC lists cert.no_server_auth as a warning; issue 26 makes it an error: a leaf whose
    // extended key usage lacks serverAuth is refused by every TLS client that checks it
    // (x509-limbo rfc5280::eku::ee-wrong-eku, ee-eku-empty, webpki::eku::ee-anyeku; for
    // anyExtendedKeyUsage alone, rustls-webpki refuses while Go and OpenSSL accept).
    CERT_NO_SERVER_AUTH = "cert.no_server_auth", Error, "RFC 5280 4.2.1.12; rustls-webpki (RequiredEkuNotFound), Go crypto/x509 (incompatible key usage), OpenSSL's SSL server purpose, Chrome", None, Manual,
        "the leaf has an extended key usage without serverAuth (anyExtendedKeyUsage alone included, which rustls refuses)",
        zlint ["e_sub_cert_eku_server_auth_client_auth_missing"],
        pkilint ["cabf.serverauth.subscriber.serverauth_eku_absent"];
    // SPEC lists cert.no_san as a warning; issue 26 ("error where clients refuse the chain")
    // makes it an error for every audience: browsers, Go 1.15+ (most private PKIs' clients:
    // Kubernetes) and rustls-webpki refuse the certificate for every name, a wrong "valid"
    // otherwise (held to rustls by tests/webpki_differential.rs). Only OpenSSL's and Java's host
    // checks still read the CN. A warning only for a CA given as the server certificate, which
    // cert.leaf_is_ca refuses already.
    CERT_NO_SAN = "cert.no_san", Error, "CA/Browser Forum Baseline Requirements; Chrome 58+, Go 1.15+, rustls (no common name fallback)", None, Manual,
        "the leaf has no subjectAltName: browsers (Chrome 58+), Go 1.15+ and rustls ignore the common name, so they refuse it for every name",
        also [Warning],
        zlint ["e_ext_san_missing"],
        pkilint ["cabf.serverauth.subscriber.subject_altname_extension_absent", "cabf.serverauth.subscriber_common_name_unknown_source"];
    CERT_WEAK_KEY = "cert.weak_key", Warning, "CA/Browser Forum", None, Manual,
        "RSA under 2048 bits, or an EC curve other than P-256/P-384/P-521",
        zlint ["e_rsa_mod_less_than_2048_bits", "e_ec_improper_curves"],
        pkilint ["cabf.rsa_modulus_invalid_length", "cabf.serverauth.prohibited_subject_public_key_algorithm_encoding"];
    // SPEC lists a warning. An error here (issue 26: "error where clients refuse the chain"):
    // Chrome (local anchors included since Chrome 68), Firefox, Go 1.18+, rustls-webpki (no
    // SHA-1 algorithm: UnsupportedSignatureAlgorithm) and OpenSSL 3 at Debian's and Ubuntu's
    // default security level refuse a SHA-1 or MD5 signature below the root, whoever the
    // certificate is for; the webpki differential found the disagreement (tests/webpki_differential.rs).
    CERT_SHA1_SIGNATURE = "cert.sha1_signature", Error, "CA/Browser Forum BR 7.1.3.2; Chrome, Firefox, Go 1.18+, rustls-webpki", None, Manual,
        "a certificate below the root signed with SHA-1 or MD5, which browsers, Go and rustls refuse",
        zlint ["e_sub_cert_or_sub_ca_using_sha1", "e_signature_algorithm_not_supported"],
        pkilint ["cabf.serverauth.prohibited_signature_algorithm_encoding"];
    CERT_ALGORITHM_UNSUPPORTED = "cert.algorithm_unsupported", Warning, "Alibaba CLB certificate guide", None, Manual,
        "Alibaba CLB documents RSA certificates only (1024, 2048, 4096 bits)", also [Error];

    // Client acceptance lints (issue 20): what browsers and TLS libraries refuse in a
    // subscriber certificate, by audience. New rows of that family go here.
    CERT_VALIDITY_TOO_LONG = "cert.validity_too_long", Error, "Apple and Chrome root policies (398 days from 2020-09-01; 825 days from 2019-07-01, iOS 13 / macOS 10.15), BR 6.3.2", None, Manual,
        "public audience: the leaf is valid for longer than clients accept for its issuance date (notBefore)",
        zlint ["e_tls_server_cert_valid_time_longer_than_398_days", "e_sub_cert_valid_time_longer_than_825_days", "e_sub_cert_valid_time_longer_than_39_months"],
        pkilint ["cabf.serverauth.certificate_validity_period_exceeds_398_days"];
    CERT_VALIDITY_BR_LIMIT = "cert.validity_br_limit", Warning, "CA/Browser Forum ballot SC-081 (200 days from 2026-03-15, 100 from 2027-03-15, 47 from 2029-03-15), BR 6.3.2 (825 days from 2018-03-01)", None, Manual,
        "public audience: the leaf is valid for longer than the Baseline Requirements allow for its issuance date, a limit no client enforces yet",
        zlint [],
        pkilint ["cabf.serverauth.certificate_validity_period_exceeds_200_days", "cabf.serverauth.certificate_validity_period_exceeds_100_days", "cabf.serverauth.certificate_validity_period_exceeds_47_days"];
    CERT_VALIDITY_NEAR_LIMIT = "cert.validity_near_limit", Warning, "BR 6.3.2, ballot SC-081; zlint and pkilint's one-day margin", None, Manual,
        "public audience: the leaf's validity is within one day of its maximum (more than 397, 199, 99 or 46 days)",
        zlint ["w_tls_server_cert_valid_time_longer_than_397_days"],
        pkilint ["cabf.serverauth.certificate_validity_period_exceeds_397_days", "cabf.serverauth.certificate_validity_period_exceeds_199_days", "cabf.serverauth.certificate_validity_period_exceeds_99_days", "cabf.serverauth.certificate_validity_period_exceeds_46_days"];
    CERT_SAN_MALFORMED = "cert.san_malformed", Error, "RFC 5280 4.2.1.6; Go crypto/x509 (\"x509: SAN dNSName is malformed\")", None, Manual,
        "any audience: a subjectAltName that is not a list of names, or a dNSName that is not an IA5String (Go refuses the certificate)",
        zlint ["e_ext_san_dns_not_ia5_string"],
        pkilint [];
    CERT_SAN_EMPTY = "cert.san_empty", Warning, "RFC 5280 4.2.1.6", None, Manual,
        "any audience: a subjectAltName extension with no entry, which covers no name",
        zlint ["e_ext_san_no_entries"],
        pkilint [];
    CERT_SAN_EMPTY_ENTRY = "cert.san_empty_entry", Warning, "RFC 5280 4.2.1.6", None, Manual,
        "public audience: an empty dNSName in the subjectAltName",
        zlint ["e_ext_san_empty_name"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax"];
    CERT_SAN_DUPLICATE = "cert.san_duplicate", Info, "zlint community lint", None, Manual,
        "public audience: the same dNSName twice in the subjectAltName",
        zlint ["n_san_dns_name_duplicate"],
        pkilint [];
    CERT_CN_NOT_IN_SAN = "cert.cn_not_in_san", Warning, "BR 7.1.4.3", None, Manual,
        "public audience: a common name that is not exactly one of the subjectAltName entries",
        zlint ["e_subject_common_name_not_from_san", "e_subject_common_name_not_exactly_from_san"],
        pkilint ["cabf.serverauth.subscriber_common_name_unknown_source"];
    CERT_CN_PRESENT = "cert.cn_present", Info, "BR 7.1.4.3 (\"deprecated\")", None, Manual,
        "public audience: the leaf has a common name (deprecated; clients read only the subjectAltName)",
        zlint ["n_subject_common_name_included"],
        pkilint ["cabf.serverauth.dv.common_name_attribute_present"];
    CERT_CN_TOO_LONG = "cert.cn_too_long", Warning, "RFC 5280 appendix A (ub-common-name 64)", None, Manual,
        "public audience: a common name over 64 characters",
        zlint ["e_subject_common_name_max_length"],
        pkilint [];
    CERT_DNS_NAME_INVALID = "cert.dns_name_invalid", Warning, "RFC 5280 4.2.1.6, RFC 1034 3.5, BR 7.1.2.7.12", None, Manual,
        "public audience: a dNSName with a character other than letters, digits, hyphens, periods, or with a space, NUL, an empty label, a leading or trailing period",
        zlint ["e_dnsname_bad_character_in_label", "e_dnsname_empty_label", "e_san_dns_name_starts_with_period", "e_san_dns_name_includes_null_char", "e_ext_san_space_dns_name"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax", "pkix.invalid_domain_name_syntax"];
    CERT_DNS_LABEL_TOO_LONG = "cert.dns_label_too_long", Warning, "RFC 1035 2.3.4", None, Manual,
        "public audience: a dNSName label over 63 characters",
        zlint ["e_dnsname_label_too_long"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax"];
    CERT_DNS_NAME_TOO_LONG = "cert.dns_name_too_long", Warning, "RFC 1035 2.3.4", None, Manual,
        "public audience: a dNSName over 253 characters",
        zlint ["e_ext_san_dns_name_too_long"],
        pkilint ["pkix.dnsname_domain_name_too_long"];
    CERT_DNS_UNDERSCORE = "cert.dns_underscore", Warning, "RFC 5890, BR 7.1.2.7.12, ballot SC12 (subdomain labels from 2019-04-30)", None, Manual,
        "public audience: an underscore in a dNSName (never in the registered domain; in subdomain labels since 2019-04-30)",
        zlint ["e_dnsname_underscore_in_sld", "w_dnsname_underscore_in_trd"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax"];
    CERT_DNS_HYPHEN = "cert.dns_hyphen", Warning, "RFC 1034 3.5", None, Manual,
        "public audience: a dNSName label that starts or ends with a hyphen",
        zlint ["e_dnsname_hyphen_in_sld"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax"];
    CERT_DNS_RESERVED_LABEL = "cert.dns_reserved_label", Warning, "RFC 5890 2.3.1, BR 7.1.2.7.12 (P-Label)", None, Manual,
        "public audience: a label with -- in positions 3-4 that is not an xn-- label decoding as punycode",
        zlint ["e_dnsname_contains_prohibited_reserved_label", "e_international_dns_name_not_unicode"],
        pkilint ["cabf.serverauth.dnsname_contains_prohibited_reserved_label", "cabf.serverauth.invalid_plabel_encoding"];
    CERT_WILDCARD_INVALID = "cert.wildcard_invalid", Warning, "BR 7.1.2.7.12, RFC 6125 6.4.3", None, Manual,
        "public audience: a * that is not the whole leftmost label of a dNSName (browsers match only *.example.com)",
        zlint ["e_dnsname_wildcard_only_in_left_label", "e_dnsname_left_label_wildcard_correct", "e_san_wildcard_not_first"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax"];
    CERT_WILDCARD_BARE = "cert.wildcard_bare", Warning, "RFC 6125 6.4.3", None, Manual,
        "public audience: a dNSName that is a bare *",
        zlint ["e_san_bare_wildcard"],
        pkilint ["cabf.serverauth.invalid_dnsname_syntax"];
    CERT_WILDCARD_PUBLIC_SUFFIX = "cert.wildcard_public_suffix", Error, "Chrome (X509Certificate::VerifyHostname: no wildcard directly over an ICANN registry-controlled suffix, for any issuer); BR 3.2.2.6; publicsuffix.org list (scripts/gen-public-suffix.py)", None, Manual,
        "a wildcard directly over a public suffix: *.com or *.co.uk (ICANN section: Chrome refuses, any audience) or *.s3.amazonaws.com (PRIVATE section: a warning for the public audience); needs the public-suffix feature",
        also [Warning],
        zlint ["w_dnsname_wildcard_left_of_public_suffix", "n_dnsname_wildcard_left_of_public_suffix"],
        pkilint [];
    CERT_INTERNAL_NAME = "cert.internal_name", Warning, "BR 4.2.2 and 7.1.2.7.12 (internal names, since 2016-10-01); RFC 6761, RFC 6762", None, Manual,
        "public audience: a single-label dNSName, or one under a top-level label that is not public (.local, .internal, .corp, ...)",
        zlint ["e_dnsname_not_valid_tld"],
        pkilint ["cabf.internal_domain_name"];
    CERT_IP_RESERVED = "cert.ip_reserved", Warning, "BR 7.1.2.7.12; IANA IPv4 and IPv6 special-purpose address registries", None, Manual,
        "public audience: an IP address in a reserved or private range in the subjectAltName or common name",
        zlint ["e_ext_san_contains_reserved_ip", "e_subject_contains_reserved_ip"],
        pkilint ["cabf.internal_ip_address"];
    CERT_IP_MALFORMED = "cert.ip_malformed", Warning, "RFC 5280 4.2.1.6", None, Manual,
        "public audience: an iPAddress that is neither 4 nor 16 octets",
        zlint [],
        pkilint ["pkix.ip_address_wrong_length"];
    CERT_EKU_MISSING = "cert.eku_missing", Warning, "BR 7.1.2.7.10", None, Manual,
        "public audience: the leaf has no extended key usage",
        zlint ["e_sub_cert_eku_missing"],
        pkilint ["cabf.serverauth.subscriber.extended_key_usage_extension_absent"];
    CERT_EKU_EXTRA = "cert.eku_extra", Warning, "BR 7.1.2.7.10", None, Manual,
        "public audience: extended key usages other than serverAuth and clientAuth",
        zlint ["w_sub_cert_eku_extra_values"],
        pkilint ["cabf.serverauth.subscriber.anyeku_eku_present", "cabf.serverauth.subscriber.codesigning_eku_present", "cabf.serverauth.subscriber.emailprotection_eku_present", "cabf.serverauth.subscriber.timestamping_eku_present", "cabf.serverauth.subscriber.ocspsigning_eku_present", "cabf.serverauth.subscriber.precertsigning_eku_present", "cabf.serverauth.subscriber.unknown_eku_present"];
    // An error since issue 26: pyca/cryptography's verifier refuses a leaf whose EKU is
    // critical ("incorrect criticality"; scripts/limbo_pyca.py, webpki::eku::ee-critical-eku),
    // beside the BR's rule. rustls-webpki, Go and browsers accept it.
    CERT_EKU_CRITICAL = "cert.eku_critical", Error, "BR 7.1.2.7.6; pyca/cryptography", None, Manual,
        "public audience: the extended key usage extension is marked critical",
        zlint ["w_eku_critical_improperly"],
        pkilint ["cabf.serverauth.subscriber.critical_extended_key_usage_extension"];
    CERT_KEY_USAGE_NO_SIGNATURE = "cert.key_usage_no_signature", Error, "RFC 8446 4.4.2.2; Chrome 124+ (ERR_SSL_KEY_USAGE_INCOMPATIBLE), BoringSSL, NSS, Go", None, Manual,
        "any audience: a keyUsage without digitalSignature, which TLS 1.3 and ECDHE handshakes need",
        zlint [],
        pkilint ["cabf.serverauth.subscriber_required_ku_missing"];
    // keyCertSign without the cA bit is an error for any audience since issue 26: RFC 5280
    // 4.2.1.3 says MUST, pyca/cryptography refuses the leaf ("EE keyUsage must not assert
    // keyCertSign"; scripts/limbo_pyca.py, rfc5280::leaf-ku-keycertsign) and OpenSSL does under
    // X509_V_FLAG_X509_STRICT. cRLSign alone stays a public-audience warning (BR only).
    CERT_KEY_USAGE_CA_BITS = "cert.key_usage_ca_bits", Warning, "RFC 5280 4.2.1.3, BR 7.1.2.7.11; pyca/cryptography", None, Manual,
        "keyCertSign (any audience) or cRLSign (public audience) in a certificate that is not a CA",
        also [Error],
        zlint ["e_ext_key_usage_cert_sign_without_ca", "e_sub_cert_key_usage_cert_sign_bit_set", "e_sub_cert_key_usage_crl_sign_bit_set"],
        pkilint ["pkix.ee_certificate_keycertsign_keyusage_set", "cabf.serverauth.subscriber_prohibited_ku_present"];
    CERT_KEY_USAGE_FOR_KEY_TYPE = "cert.key_usage_for_key_type", Warning, "BR 7.1.2.7.11; RFC 3279 2.3.1 (RSA), RFC 5480 3 (ECDSA), RFC 8410 5 (EdDSA)", None, Manual,
        "public audience: a key usage a TLS server's key of that type may not have (keyEncipherment for ECDSA, keyAgreement or nonRepudiation for RSA, ...)",
        zlint ["e_rsa_allowed_ku_ee", "n_ecdsa_ee_invalid_ku"],
        pkilint ["cabf.serverauth.subscriber_prohibited_ku_present"];
    CERT_KEY_NOT_FOR_BROWSERS = "cert.key_not_for_browsers", Error, "BR 6.1.5 and 7.1.3.1; Chrome, Firefox and Safari support RSA and ECDSA server certificates only", None, Manual,
        "public audience: an Ed25519, Ed448 or unknown key type, which browsers do not accept in a server certificate",
        zlint ["e_public_key_type_not_allowed"],
        pkilint ["cabf.serverauth.prohibited_subject_public_key_algorithm_encoding"];
    CERT_TIME_REJECTED = "cert.time_rejected", Error, "RFC 5280 4.1.2.5.1 and 4.1.2.5.2; Go crypto/x509 refuses the certificate (GeneralizedTime), rustls-webpki refuses it (BadDerTime: UTCTime)", None, Manual,
        "any audience: a GeneralizedTime validity with fractional seconds, no seconds or an offset instead of Z (Go refuses it), or a UTCTime without seconds or Z (rustls refuses it)",
        zlint ["e_generalized_time_includes_fraction_seconds", "e_generalized_time_not_in_zulu", "e_generalized_time_does_not_include_seconds", "e_utc_time_does_not_include_seconds", "e_utc_time_not_in_zulu"],
        pkilint ["pkix.generalizedtime_incorrect_syntax", "pkix.utctime_incorrect_syntax", "pkix.invalid_time_syntax"];
    CERT_TIME_ENCODING = "cert.time_encoding", Warning, "RFC 5280 4.1.2.5", None, Manual,
        "public audience: a validity time of the wrong type (UTCTime through 2049 and GeneralizedTime after) that clients still parse",
        zlint ["e_wrong_time_format_pre2050"],
        pkilint ["pkix.wrong_time_useful_type", "pkix.invalid_time_syntax"];
    CA_SINGLE_CERTIFICATE = "ca.single_certificate", Error, "seed 004 (\"only one CA certificate at a time\")", None, Manual,
        "UploadCACertificate takes exactly one CA certificate";
    KEY_MISSING = "key.missing", Error, "seed 003 (\"mandatory only when type is server\")", None, Manual,
        "a server certificate without its private key";
    KEY_NOT_ALLOWED = "key.not_allowed", Error, "seed 003 (\"an error will be returned\")", None, Manual,
        "a private key given with certificate type client";
    KEY_TOO_MANY = "key.too_many", Error, "provider practice", None, Manual,
        "more than one private key in the key field";
    // Normalized since the key password (issue 22, item 3): given its password,
    // `check_certificate_with_key_fix` (`cert --fix-key`) writes the key unencrypted, and only
    // there does the report say `fixed`. The summaries stay short: every row is in the browser's
    // certificate module, whose budget had about 300 bytes of headroom.
    KEY_ENCRYPTED = "key.encrypted", Error, "provider practice", None, Normalized,
        "an encrypted private key (ENCRYPTED PRIVATE KEY, Proc-Type 4,ENCRYPTED)";
    KEY_WRONG_PASSWORD = "key.wrong_password", Error, "RFC 8018, RFC 1423", None, Manual,
        "the key password does not decrypt the private key";
    KEY_ENCRYPTION_UNSUPPORTED = "key.encryption_unsupported", Error, "RFC 8018, RFC 1423", None, Manual,
        "a key encryption that is not decrypted here";
    KEY_UNSUPPORTED = "key.unsupported", Error, "provider practice", None, Manual,
        "a key that is not PKCS#8, PKCS#1 RSA or SEC1 EC, or does not parse", also [Warning];
    KEY_MISMATCH = "key.mismatch", Error, "X.509", None, Manual,
        "the private key does not match the leaf certificate's public key";
    // Normalized since issue 22: `check_certificate_with_key_fix` (`cert --fix-key`) writes an
    // RSA key as PKCS#1; the report says `fixed` only where that key is handed back.
    KEY_FORMAT_PKCS8 = "key.format_pkcs8", Warning, "Alibaba CLB certificate guide", None, Normalized,
        "CLB documents unencrypted PKCS#1 (BEGIN RSA PRIVATE KEY) keys";
    DOMAIN_TOO_MANY = "domain.too_many", Error, "seed 003", None, Manual,
        "more than 30 names in one domain field", also [Warning];
    DOMAIN_FIELD_TOO_LONG = "domain.field_too_long", Error, "seed 003", None, Manual,
        "domain field over 10,000 characters (error) or over 1,024 (warning: the prose says 0 to 1024, the schema says Maximum 10000)", also [Warning];
    DOMAIN_EMPTY_ENTRY = "domain.empty_entry", Error, "seed 003", None, Manual,
        "an empty entry: a.com,,b.com, a leading or trailing comma, blanks";
    DOMAIN_LABEL_TOO_LONG = "domain.label_too_long", Error, "seed 003", None, Manual,
        "a label over 63 characters",
        zlint ["e_dnsname_label_too_long"],
        pkilint [];
    DOMAIN_LABEL_INVALID = "domain.label_invalid", Error, "seed 003", None, Manual,
        "a character other than letters, digits and hyphen, a label starting or ending with a hyphen, or an empty label";
    DOMAIN_WILDCARD_INVALID = "domain.wildcard_invalid", Error, "seed 003", None, Manual,
        "* anywhere but as the whole leftmost label (*.test.com is the only form)",
        zlint ["e_dnsname_wildcard_only_in_left_label", "e_dnsname_left_label_wildcard_correct"],
        pkilint [];
    DOMAIN_NON_ASCII = "domain.non_ascii", Error, "seed 003", None, Manual,
        "a Unicode name: use its punycode xn-- form";
    DOMAIN_TOO_LONG = "domain.too_long", Warning, "RFC 1035", None, Manual,
        "a name over 253 characters",
        zlint ["e_ext_san_dns_name_too_long"],
        pkilint [];
    DOMAIN_DUPLICATE = "domain.duplicate", Warning, "provider practice", None, Manual,
        "the same name twice (case-insensitive)";
    DOMAIN_NOT_COVERED = "domain.not_covered", Error, "RFC 6125", None, Manual,
        "a configured name that the leaf certificate does not cover", also [Warning];
    DOMAIN_EMPTY_IN_USE = "domain.empty_in_use", Warning, "seed 003", None, Manual,
        "setting domain to \"\" fails with 409 if a listener uses the certificate (error when the caller says it is in use)", also [Error];
    TAG_TOO_MANY = "tag.too_many", Error, "seeds 001, 004", Some("SizeLimitExceeded.Tag"), Manual,
        "more than 20 tags", also [Warning];
    TAG_KEY_MISSING = "tag.key_missing", Error, "seeds 001, 004", Some("MissingParam.TagKey"), Manual,
        "an empty or absent tag key";
    TAG_KEY_TOO_LONG = "tag.key_too_long", Error, "seeds 001, 004", Some("InvalidParam.TagKey"), Manual,
        "a tag key over 128 characters", also [Warning];
    TAG_KEY_RESERVED_PREFIX = "tag.key_reserved_prefix", Error, "seeds 001, 004", Some("InvalidParam.TagKey"), Manual,
        "a tag key starting with acs: or aliyun", also [Warning];
    TAG_KEY_CONTAINS_URL = "tag.key_contains_url", Error, "seed 004", Some("InvalidParam.TagKey"), Manual,
        "a tag key containing http:// or https://";
    TAG_VALUE_TOO_LONG = "tag.value_too_long", Error, "seeds 001, 004", Some("InvalidParam.TagValue"), Manual,
        "a tag value over 128 characters (empty is allowed)", also [Warning];
    TAG_VALUE_RESERVED_PREFIX = "tag.value_reserved_prefix", Error, "seeds 001, 004", Some("InvalidParam.TagValue"), Manual,
        "a tag value starting with acs: or aliyun", also [Warning];
    TAG_VALUE_CONTAINS_URL = "tag.value_contains_url", Error, "seed 004", Some("InvalidParam.TagValue"), Manual,
        "a tag value containing http:// or https://";
    TAG_DUPLICATE_KEY = "tag.duplicate_key", Error, "seeds 001, 004", Some("InvalidParam.TagKey"), Manual,
        "the same tag key twice in one request", also [Warning];
    ID_REGION_SUFFIX = "id.region_suffix", Error, "seed 000", Some(GENERIC_PARAMETER_ERROR), Manual,
        "an ALB CertificateId that does not end with -<region id>";
    ID_UNKNOWN_REGION = "id.unknown_region", Warning, "seeds 000, 004", None, Manual,
        "a region id not in the table of known Alibaba Cloud regions (error for RegionId itself)", also [Error];
    ID_FORMAT = "id.format", Warning, "seeds 000-003 examples", None, Manual,
        "an ID that does not look like its kind (lsn-, alb-, sgp-, rg-, 32 hex digits)";
    CLIENT_TOKEN_NON_ASCII = "client_token.non_ascii", Error, "seeds 000, 001", Some(GENERIC_PARAMETER_ERROR), Manual,
        "a ClientToken with non-ASCII characters";
    CERT_ID_DUPLICATE = "cert_id.duplicate", Error, "seed 000", Some("ResourceAlreadyAssociated.Certificate"), Manual,
        "the same CertificateId twice in one request";
    CERT_ID_DEFAULT_CERTIFICATE_USED = "cert_id.default_certificate_used", Error, "seed 000", Some("OperationDenied.DefaultCertificateUsed"), Manual,
        "associating the listener's default certificate as an additional certificate";
    LISTENER_HTTP_NOT_SUPPORTED = "listener.http_not_supported", Error, "seed 000", Some("OperationDenied.HttpListenerNotSupport"), Manual,
        "additional certificates on an HTTP listener";
    REQUEST_MISSING_FIELD = "request.missing_field", Error, "seeds 000-004", Some(GENERIC_PARAMETER_ERROR), Manual,
        "a required parameter is absent, null, or an empty list";
    REQUEST_WRONG_TYPE = "request.wrong_type", Error, "seeds 000-004", Some(GENERIC_PARAMETER_ERROR), Manual,
        "a value of the wrong JSON type";
    REQUEST_OUT_OF_RANGE = "request.out_of_range", Error, "seeds 000-004", Some(GENERIC_PARAMETER_ERROR), Manual,
        "a number outside its documented range";
    REQUEST_LENGTH = "request.length", Error, "seeds 000-004", Some(GENERIC_PARAMETER_ERROR), Manual,
        "a string or list shorter or longer than documented";
    REQUEST_INVALID_VALUE = "request.invalid_value", Error, "seeds 000-004", Some(GENERIC_PARAMETER_ERROR), Manual,
        "not one of the documented values, or characters the field does not allow", also [Warning];
    REQUEST_UNKNOWN_FIELD = "request.unknown_field", Warning, "seeds 000-004", None, Manual,
        "a parameter the seed does not document";
    REQUEST_NOT_APPLICABLE = "request.not_applicable", Warning, "seeds 001, 003", None, Manual,
        "a parameter that takes effect only with another setting or protocol";
    REQUEST_QUOTA_REQUIRED = "request.quota_required", Warning, "seed 001", None, Manual,
        "a value above the default range that needs a quota increase";
    REQUEST_MALFORMED = "request.malformed", Error, "RFC 8259", None, Manual,
        "the input is not JSON, not a JSON object, or too large or deep";

    // Rules of the operations beyond the seeds (TARGETS.md). "unverified" in a source means no
    // provider document confirmed the rejection: such rules stay warnings unless TARGETS says.
    REQUEST_BLOB_ENCODING = "request.blob_encoding", Info, "TARGETS [B-SER][CLI2][K8S-DOC][AZ-NET]", None, Manual,
        "a certificate or key field given as base64 of PEM (the wire form of ACM, Kubernetes data), or base64 twice; the form found is named", also [Warning];
    REQUEST_CONTENT_TYPE_MISMATCH = "request.content_type_mismatch", Error, "TARGETS [AZ-NET] (\"Pkcs12 is assumed and the import will fail\"; BadParameter unverified)", None, Manual,
        "the declared content type does not fit the value (PEM text declared or defaulting to PKCS#12, or the reverse)";
    REQUEST_SHADOWED_FIELD = "request.shadowed_field", Warning, "TARGETS [K8S-DOC]", None, Manual,
        "the same key in Kubernetes data and stringData: stringData wins and the data value is discarded";
    REQUEST_CONFLICTING_FIELDS = "request.conflicting_fields", Warning, "TARGETS [GCP-DISC][CF-SDK] (which one wins: unverified)", None, Manual,
        "two fields that say the same thing in different forms are both given";
    REQUEST_OUTPUT_ONLY = "request.output_only", Warning, "TARGETS [GCP-DISC]; the providers' models (read-only members)", None, Manual,
        "a member the API fills in and ignores in a request (a GET's id, selfLink, uid, resourceVersion, created, ...) is in the body";
    NAME_ALREADY_EXISTS = "name.already_exists", Error, "TARGETS [B-IAM] (EntityAlreadyExists)", Some("EntityAlreadyExists"), Manual,
        "the name is among the caller's existing names (context existing_names)";
    CERT_SINGLE_CERTIFICATE = "cert.single_certificate", Error, "TARGETS [ACM-FMT]", None, Normalized,
        "more than one certificate in a field that takes only the leaf; the rest belongs in the chain field";
    CERT_EXPIRES_WITHIN_WINDOW = "cert.expires_within_window", Error, "TARGETS [CF-UP] (14 days; code unverified)", None, Manual,
        "the leaf expires sooner than the provider's minimum remaining validity";
    CERT_ISSUER_EMPTY = "cert.issuer_empty", Error, "TARGETS [B-ACM][ACM-PRE] (unverified)", None, Manual,
        "a certificate whose issuer name is empty",
        zlint ["e_issuer_field_empty"],
        pkilint [];
    CERT_OCSP_URL_TOO_LONG = "cert.ocsp_url_too_long", Error, "TARGETS [B-ACM][ACM-PRE] (unverified)", None, Manual,
        "an authorityInfoAccess OCSP URL over 1,000 characters";
    CERT_NOT_V3 = "cert.not_v3", Error, "TARGETS [B-ACM][ACM-PRE] (unverified)", None, Manual,
        "a certificate that is not X.509 version 3",
        zlint ["e_invalid_certificate_version"],
        pkilint ["pkix.certificate_version_is_not_v3"];
    CERT_NO_HOSTNAME = "cert.no_hostname", Error, "TARGETS [B-ACM][ACM-PRE] (unverified)", None, Manual,
        "neither a DNS name nor an IP address in the subjectAltName or the common name";
    CERT_REIMPORT_ADDS_USAGE = "cert.reimport_adds_usage", Error, "TARGETS [ACM-PRE] (unverified)", None, Manual,
        "a re-import adds a key usage or extended key usage extension the previous certificate lacked";
    CHAIN_ALGORITHM_MISMATCH = "chain.algorithm_mismatch", Error, "TARGETS [B-ACM] (\"must match the algorithm of the signing CA\"; rejection unverified)", None, Manual,
        "the leaf's key family (RSA, EC) differs from its issuer's";
    CHAIN_LEAF_IN_CHAIN = "chain.leaf_in_chain", Warning, "TARGETS [ACM-FMT][ACM-TS]", None, Normalized,
        "the leaf repeated in the chain field (\"Do not copy your certificate into the certificate chain\")";
    CHAIN_NO_INTERMEDIATE = "chain.no_intermediate", Warning, "TARGETS [GCP-DISC] (\"must include at least one intermediate\"; rejection unverified)", None, Manual,
        "a single certificate where the provider asks for at least one intermediate";
    CHAIN_LEAF_ONLY_EXPECTED = "chain.leaf_only_expected", Warning, "TARGETS [CF-UP][CF-BUN]", None, Manual,
        "intermediates given with a bundle method that builds the chain itself (Cloudflare may drop them)";
    BUNDLE_FORCE_REQUIRED = "bundle.force_required", Error, "TARGETS [CF-BUN][CF-UP] (unverified)", None, Manual,
        "a self-signed or privately issued leaf needs bundle_method force";
    DOMAIN_NOT_IN_ZONE = "domain.not_in_zone", Error, "TARGETS [CF-UP][CF-TS]", Some("2103"), Manual,
        "no subjectAltName is the zone or a name under it (context zone_name)";
    // Normalized since issue 22: `request --fix-key` writes the key as PKCS#8.
    KEY_NOT_PKCS8 = "key.not_pkcs8", Error, "TARGETS [AZ-SPEC] (\"Key Vault will only accept a key in PKCS#8 format\")", None, Normalized,
        "a PKCS#1 (BEGIN RSA PRIVATE KEY) or SEC1 (BEGIN EC PRIVATE KEY) key where only PKCS#8 is accepted";
    // Normalized since issue 22: the key `cert --fix-key` writes is PKCS#8 without the block.
    KEY_EC_PARAMETERS_BLOCK = "key.ec_parameters_block", Warning, "TARGETS [ACM-FMT][CF-UP]", None, Normalized,
        "an EC PARAMETERS block beside the key (openssl ecparam -genkey writes it): ACM removes it, Cloudflare refuses it";
    PEM_TRAILING_WHITESPACE = "pem.trailing_whitespace", Error, "TARGETS [ACM-FMT]", None, Normalized,
        "spaces or tabs at the end of a PEM line";
    PEM_CRLF = "pem.crlf", Warning, "TARGETS (observed: Azure/azure-rest-api-specs#11361)", None, Normalized,
        "CRLF line ends, which Key Vault's PEM import fails on with a non-descriptive error";
    TAG_KEY_INVALID = "tag.key_invalid", Error, "TARGETS [B-ACM][B-IAM] (code unverified)", None, Manual,
        "a tag key with a character outside letters, spaces, digits and _ . : / = + - @";
    TAG_VALUE_INVALID = "tag.value_invalid", Error, "TARGETS [B-ACM][B-IAM] (code unverified)", None, Manual,
        "a tag value with a character outside letters, spaces, digits and _ . : / = + - @";
    TAG_NOT_ALLOWED_ON_REIMPORT = "tag.not_allowed_on_reimport", Error, "TARGETS [B-ACM] (\"You cannot apply tags when reimporting\"; code unverified)", None, Manual,
        "tags given together with CertificateArn (a re-import)";

    // Path validation (issue 26): RFC 5280 section 6 and the web PKI's rules along the path a
    // client builds. New rows of that family go here.
    CERT_FORBIDDEN_KEY = "cert.forbidden_key", Error, "rustls-webpki, Chrome, Firefox (RSA under 2048 bits or not a multiple of 8, P-192, DSA, explicit curves); RFC 5480 2.1.1", None, Manual,
        "a certificate of the path has a key TLS clients refuse for any audience",
        zlint ["e_rsa_mod_less_than_2048_bits", "e_ec_improper_curves", "e_dsa_improper_modulus_or_divisor_size"];
    CERT_UNKNOWN_CRITICAL_EXTENSION = "cert.unknown_critical_extension", Error, "RFC 5280 4.2 (\"MUST reject the certificate if it encounters a critical extension it does not recognize\"); rustls-webpki, Go, OpenSSL", None, Manual,
        "a certificate of the path has a critical extension clients do not process (a critical authorityInfoAccess included: RFC 5280 4.2.2.1 makes it non-critical)";
    CERT_SERIAL_INVALID = "cert.serial_invalid", Error, "RFC 5280 4.1.2.2; pyca/cryptography", None, Manual,
        "a serial number that is zero, negative or longer than 20 octets",
        zlint ["e_serial_number_not_positive", "e_serial_number_longer_than_20_octets"];
    CERT_KEY_IDENTIFIER = "cert.key_identifier", Error, "RFC 5280 4.2.1.1, 4.2.1.2; CA/Browser Forum BR 7.1.2.1.3 (roots); pyca/cryptography", None, Manual,
        "authorityKeyIdentifier missing (but on a self-signed root), critical or without keyIdentifier; subjectKeyIdentifier missing on a CA or critical; a root's authorityKeyIdentifier other than its own key identifier",
        zlint ["e_ext_authority_key_identifier_critical", "e_ext_authority_key_identifier_no_key_identifier", "e_ext_authority_key_identifier_missing", "e_ext_subject_key_identifier_critical", "e_ext_subject_key_identifier_missing_ca"];
    // The extended key usage of an intermediate (issue 26: "extended key usage along the
    // path"): rustls-webpki applies the serverAuth purpose to every certificate of the path
    // (anyExtendedKeyUsage does not stand for it there); Go and Chrome refuse an intermediate
    // whose EKU lists neither (testdata/edges/intermediate-eku-*.pem, held to webpki by
    // tests/webpki_differential.rs).
    CERT_CA_PROFILE = "cert.ca_profile", Error, "RFC 5280 4.1.2.6, 4.2.1.3, 4.2.1.9, 6.1.4 (k), (n); rustls-webpki (version 3 only; serverAuth along the path), Go, Chrome", None, Manual,
        "an issuer on the path that is version 1 or 2, lacks keyCertSign, has a non-critical basicConstraints, an empty subject, an extended key usage without serverAuth, or (a caller's root) no basicConstraints",
        zlint ["e_basic_constraints_not_critical", "e_ca_subject_field_empty", "e_ca_key_cert_sign_not_set"];
    CERT_SAN_CRITICALITY = "cert.san_criticality", Error, "RFC 5280 4.2.1.6; CA/Browser Forum BR 7.1.2.7.12; pyca/cryptography", None, Manual,
        "the leaf's subjectAltName is non-critical with an empty subject, or critical with a subject",
        zlint ["e_ext_san_not_critical_without_subject", "w_ext_san_critical_with_subject_dn"];
    CHAIN_PATH_LENGTH = "chain.path_length", Error, "RFC 5280 4.2.1.9, 6.1.4 (l), (m); every path validator", None, Manual,
        "more intermediates below an issuer (self-issued ones not counted) than its pathLenConstraint allows";
    // Not an RFC 5280 limit: rustls-webpki builds paths of at most 6 intermediates between the
    // leaf and the trust anchor (MAX_SUB_CA_COUNT in verify_cert.rs, 0.103), so every rustls
    // client refuses a longer one (MaximumPathDepthExceeded). Go, OpenSSL (depth 100) and
    // browsers take longer paths; chain.too_deep is seed 003's field limit, a different count.
    CHAIN_TOO_MANY_INTERMEDIATES = "chain.too_many_intermediates", Error, "rustls-webpki (MaximumPathDepthExceeded)", None, Manual,
        "more than 6 intermediates between the leaf and the trust anchor, which rustls clients refuse";
    CHAIN_NAME_CONSTRAINTS = "chain.name_constraints", Error, "RFC 5280 4.2.1.10, 6.1.3 (b), (c); every path validator", None, Manual,
        "a name (dNSName, iPAddress, the leaf's CN without SAN, the subject) outside a CA's permitted subtrees or inside its excluded ones, or name constraints clients refuse (non-critical, empty, in an end-entity)";

}

/// Every rule the project checks, in catalogue order: what `cert-preflight rules` lists.
///
/// ```
/// use cert_preflight::{find_rule, rules, Severity};
/// let misordered = find_rule("chain.misordered").unwrap();
/// assert_eq!(misordered.severity, Severity::Error);
/// assert!(misordered.fixed_by_normalizing, "--fix reorders the bundle");
/// assert!(rules().iter().any(|r| r.id == "cert.no_san"));
/// ```
pub fn rules() -> &'static [Rule] {
    RULES
}

/// Looks a rule up by its id.
pub fn find_rule(id: &str) -> Option<&'static Rule> {
    RULES.iter().find(|r| r.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_unique_and_well_formed() -> Result<(), Box<dyn std::error::Error>> {
        let mut seen = std::collections::BTreeSet::new();
        for r in rules() {
            assert!(seen.insert(r.id), "duplicate rule id {}", r.id);
            let (group, name) = r.id.split_once('.').ok_or("an id without a dot")?;
            assert!(!group.is_empty() && !name.is_empty(), "{}", r.id);
            assert!(
                r.id.chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '.' || c == '_'),
                "{}",
                r.id
            );
            assert!(!r.summary.is_empty() && !r.source.is_empty(), "{}", r.id);
        }
        assert_eq!(
            find_rule("chain.misordered").map(|r| r.id),
            Some("chain.misordered")
        );
        assert!(find_rule("no.such_rule").is_none());
        Ok(())
    }
}
