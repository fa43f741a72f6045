//! The command line's grammar (clap derive). Values that need a clear one-line error of our
//! own (`--now`, `--path`) are taken as text here and checked by the commands.

use std::path::PathBuf;

use cert_preflight::ProviderProfile;
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::output::{Format, ScanFormat};

/// Check TLS certificate material and cloud load-balancer API requests before they are sent.
///
/// Exit status: 0 valid (warnings allowed), 1 at least one error, 2 the input could not be
/// read or the arguments were wrong.
#[derive(Debug, Parser)]
#[command(name = "cert-preflight", version, about, long_about = None)]
pub(crate) struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// `--format` of the commands that print one result: `human` (readable, coloured on a
/// terminal) or `json`.
#[derive(Debug, Args)]
pub(crate) struct OutputArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Check a certificate bundle, its private key and its domain names.
    Cert(CertArgs),
    /// Print the SHA-1 or SHA-256 fingerprint of every certificate in a PEM file.
    Fingerprint(FingerprintArgs),
    /// List every rule: id, severity, source, error code and summary.
    Rules(RulesArgs),
    /// Check a request body for one of the supported cloud API operations.
    Request(RequestArgs),
    /// List the supported operations (the same as `request --list`), or print their JSON Schemas.
    Operations(OperationsArgs),
    /// Explain a provider's error answer (code or message) for an operation: the rules that lead
    /// to it, and with --request which of them the request breaks.
    Explain(ExplainArgs),
    /// Check many certificate files at once: files, directories (recursively) and `-`.
    Scan(ScanArgs),
    /// Print a shell completion script (e.g. `cert-preflight completions bash > /etc/bash_completion.d/cert-preflight`).
    Completions(CompletionsArgs),
    /// Print the man page (roff), e.g. `cert-preflight man | man -l -`.
    Man,
}

/// `cert-preflight scan`.
///
/// Exit status: 2 if any input could not be read (each is named on stderr), else 1 if any
/// file has an error (with `--expiring-within`: if any certificate is listed), else 0.
#[derive(Debug, Args)]
pub(crate) struct ScanArgs {
    /// Output format: `human`, `json` (JSON Lines) or `sarif` (SARIF 2.1.0).
    #[arg(long, value_enum, default_value_t = ScanFormat::Human)]
    pub format: ScanFormat,
    /// Files and directories to check (directories recursively); `-` reads one file from stdin.
    #[arg(value_name = "PATH", required = true)]
    pub paths: Vec<PathBuf>,
    /// In directories, check only files matching this glob (repeatable; matched against the
    /// path below the directory, `*` crosses `/`). Default: .pem .crt .cer .der .p7b .p7c .key
    /// and files that start with a PEM boundary.
    #[arg(long, value_name = "GLOB")]
    pub include: Vec<String>,
    /// In directories, skip files and directories matching this glob (repeatable).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// Check the certificate file CERT with the private key KEY (repeatable; paths as given).
    #[arg(long = "key-for", value_name = "CERT=KEY")]
    pub key_for: Vec<String>,
    /// Do not pair `x.crt` (or `.pem`, `.cer`, `.der`) with a `x.key` beside it.
    #[arg(long)]
    pub no_sibling_keys: bool,
    /// Intermediates to complete each chain from (a PEM, DER or PKCS#7 file, or a directory
    /// of them), read once for the whole scan, as `cert --intermediates`.
    #[arg(long, value_name = "FILE|DIR")]
    pub intermediates: Option<PathBuf>,
    /// Also walk hidden files and directories (names starting with `.`).
    #[arg(long)]
    pub hidden: bool,
    /// Instead of the reports, list every certificate that expires within DAYS (or has
    /// expired), soonest first, with its file, subject and days left.
    #[arg(long, value_name = "DAYS")]
    pub expiring_within: Option<u32>,
    #[command(flatten)]
    pub clock: ClockArgs,
    /// Provider documentation to apply beyond the seeds.
    #[arg(long, value_parser = profile_parser(), default_value = "generic")]
    pub profile: ProviderProfile,
    /// Worker threads (default: the number of cores).
    #[arg(long, value_name = "N")]
    pub jobs: Option<std::num::NonZeroUsize>,
    /// The password of PKCS#12 files found (scan never prompts).
    #[command(flatten)]
    pub password: crate::password::PasswordArgs,
    /// The password of the encrypted private keys found (one for all; scan never prompts).
    #[command(flatten)]
    pub key_password: crate::password::KeyPasswordArgs,
}

/// `cert-preflight completions`.
#[derive(Debug, Args)]
pub(crate) struct CompletionsArgs {
    /// The shell to write completions for.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// `cert-preflight cert`.
#[derive(Debug, Args)]
pub(crate) struct CertArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// PEM file with the certificate, then its chain (`-` reads stdin). DER, PKCS#7 and
    /// PKCS#12 (`.pfx`, `.p12`: its certificates and its key) are accepted too.
    #[arg(value_name = "PEM_FILE")]
    pub file: PathBuf,
    /// PEM file with the private key (its content is never printed).
    #[arg(long, value_name = "FILE")]
    pub key: Option<PathBuf>,
    /// Comma-separated domain names the certificate must cover, e.g. `a.com,b.com`.
    #[arg(long, value_name = "NAMES")]
    pub domains: Option<String>,
    /// The file is a CA certificate to upload (exactly one CA), not a server certificate.
    #[arg(long)]
    pub ca: bool,
    /// PEM file of extra trust anchors (your private roots): a chain that ends at or below
    /// one of them is complete and trusted.
    #[arg(long, value_name = "FILE")]
    pub roots: Option<PathBuf>,
    /// Trust only the --roots, not Mozilla's root store.
    #[arg(long)]
    pub no_public_roots: bool,
    /// Intermediates to complete the chain from (a PEM, DER or PKCS#7 file, or a directory of
    /// them): a missing issuer found there by name, key identifier and signature is added to
    /// the normalized bundle (`--fix`), and the report says which and why.
    #[arg(long, value_name = "FILE|DIR")]
    pub intermediates: Option<PathBuf>,
    /// Who the certificate is for: `auto` is `public` when the path anchors in Mozilla's root
    /// store; `public` applies the CA/Browser Forum and root program lints; `private` only what
    /// TLS libraries refuse for any certificate.
    #[arg(long, value_enum, default_value_t = AudienceArg::Auto)]
    pub audience: AudienceArg,
    #[command(flatten)]
    pub clock: ClockArgs,
    /// Provider documentation to apply beyond the seeds.
    #[arg(long, value_parser = profile_parser(), default_value = "generic")]
    pub profile: ProviderProfile,
    /// Write the normalized bundle (reordered, 64 columns, no stray text) to this file, or
    /// `-` for stdout (the report then goes to stderr).
    #[arg(long, value_name = "OUT_FILE")]
    pub fix: Option<PathBuf>,
    /// Write the private key in the encoding the target takes (PKCS#1 for an RSA key with
    /// --profile alibaba-slb; PKCS#8 without an EC PARAMETERS block; an encrypted key,
    /// given its --key-password-*, unencrypted) to this new file, created readable by its
    /// owner only. Never standard output; an existing file is not replaced.
    #[arg(long, value_name = "OUT_FILE")]
    pub fix_key: Option<PathBuf>,
    #[command(flatten)]
    pub password: crate::password::PasswordArgs,
    #[command(flatten)]
    pub key_password: crate::password::KeyPasswordArgs,
}

/// `--now` and `--expiry-days`, shared by `cert` and `request`.
#[derive(Debug, Args)]
pub(crate) struct ClockArgs {
    /// Judge validity at this instant (RFC 3339, e.g. 2026-11-23T00:00:00Z); default: now.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Warn when the leaf expires within this many days.
    #[arg(long, value_name = "N", default_value_t = cert_preflight::DEFAULT_EXPIRY_WARNING_DAYS)]
    pub expiry_days: u32,
}

/// `--audience`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum AudienceArg {
    /// `public` when the path anchors in Mozilla's root store, else `private`.
    Auto,
    /// Browsers and public TLS clients.
    Public,
    /// An internal CA's clients.
    Private,
}

impl AudienceArg {
    /// The core's audience of the same name.
    pub(crate) fn audience(self) -> cert_preflight::Audience {
        match self {
            AudienceArg::Auto => cert_preflight::Audience::Auto,
            AudienceArg::Public => cert_preflight::Audience::Public,
            AudienceArg::Private => cert_preflight::Audience::Private,
        }
    }
}

/// `--profile`: the core's profile names (each with its summary in `--help`), read by
/// [`ProviderProfile::from_str`](std::str::FromStr), as the npm and Python packages read them.
fn profile_parser() -> impl clap::builder::TypedValueParser<Value = ProviderProfile> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser as _};
    let values =
        ProviderProfile::names().map(|(name, summary)| PossibleValue::new(name).help(summary));
    PossibleValuesParser::new(values).try_map(|name| name.parse::<ProviderProfile>())
}

/// `cert-preflight operations`.
#[derive(Debug, Args)]
pub(crate) struct OperationsArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Print the JSON Schema (draft 2020-12) of OPERATION's request body, or, without a value,
    /// an object of every operation's schema by id. An editor validates a body file with it
    /// through `$schema`.
    #[arg(long, value_name = "OPERATION", num_args = 0..=1, default_missing_value = "")]
    pub schema: Option<String>,
}

/// `cert-preflight explain`.
///
/// Exit status: 0 when the answer was explained (or no rule is known to lead to it), 2 if the
/// arguments or the request file could not be used.
#[derive(Debug, Args)]
pub(crate) struct ExplainArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Operation id (`aws.acm.import-certificate`) or provider action (`acm:ImportCertificate`).
    #[arg(value_name = "OPERATION")]
    pub operation: String,
    /// The provider's answer: an error code (`InvalidParameter`) or its message text.
    #[arg(value_name = "ERROR")]
    pub error: String,
    /// The request that got the answer (JSON, or `-` for stdin): each rule then says whether
    /// it applies.
    #[arg(long, value_name = "FILE")]
    pub request: Option<PathBuf>,
    /// A path parameter of the request, e.g. `--path project_id=0123...` (repeatable).
    #[arg(long = "path", value_name = "KEY=VALUE", requires = "request")]
    pub paths: Vec<String>,
    /// JSON object with caller context, as for `request --context`.
    #[arg(long, value_name = "FILE", requires = "request")]
    pub context: Option<PathBuf>,
    #[command(flatten)]
    pub clock: ClockArgs,
}

/// `cert-preflight rules`.
#[derive(Debug, Args)]
pub(crate) struct RulesArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Show the error code each rule gets in this operation (id or provider action name), e.g.
    /// `APIG.2012` in huawei.apig.attach-certificate-domains.
    #[arg(long, value_name = "OPERATION")]
    pub operation: Option<String>,
}

/// `cert-preflight fingerprint`.
#[derive(Debug, Args)]
pub(crate) struct FingerprintArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// PEM file with one or more certificates (`-` reads stdin). DER is accepted too.
    #[arg(value_name = "PEM_FILE")]
    pub file: PathBuf,
    /// SHA-1 digest (the default; what Huawei ELB and Alibaba SLB show).
    #[arg(long, conflicts_with = "sha256")]
    pub sha1: bool,
    /// SHA-256 digest.
    #[arg(long)]
    pub sha256: bool,
    /// `hex`: lowercase, no separators (Huawei); `colon`: uppercase pairs (Alibaba).
    #[arg(long, value_enum, default_value_t = Style::Hex)]
    pub style: Style,
}

/// `--style`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Style {
    /// `a3b9b3a2...`
    Hex,
    /// `A3:B9:B3:A2:...`
    Colon,
}

/// `cert-preflight request`.
#[derive(Debug, Args)]
pub(crate) struct RequestArgs {
    #[command(flatten)]
    pub output: OutputArgs,
    /// Operation id (`alibaba.alb.create-listener`) or provider action (`CreateListener`).
    #[arg(value_name = "OPERATION", required_unless_present = "list")]
    pub operation: Option<String>,
    /// JSON file with the request body, or `-` for stdin. YAML when the name ends in `.yaml`
    /// or `.yml`, or for kubernetes.secret.tls when it does not start with `{` (a manifest of
    /// several documents checks each Secret of type kubernetes.io/tls).
    #[arg(value_name = "FILE", required_unless_present = "list")]
    pub file: Option<PathBuf>,
    /// A path parameter, e.g. `--path project_id=0123...` (repeatable).
    #[arg(long = "path", value_name = "KEY=VALUE")]
    pub paths: Vec<String>,
    /// JSON object with caller context: `certificate` (PEM), `listener_protocol`,
    /// `default_certificate_id`, `in_use` (bool), `service`, `previous_certificate` (PEM),
    /// `existing_names` (list), `endpoint` (global/regional), `zone_name`, `byoip` (bool),
    /// `hosts` (list), `roots` (PEM), `no_public_roots` (bool), `audience` (auto, public, private).
    #[arg(long, value_name = "FILE")]
    pub context: Option<PathBuf>,
    /// How FILE writes the request: `json` (the default; YAML as above), or `query`: the
    /// `name=value&...` form that IAM's SDKs send as the body (`Tags.member.1.Key=env`) and
    /// Alibaba Cloud's SDKs as the URL query (`Tag.1.Key=env&DryRun=True`); a whole URL is
    /// taken too. Diagnostics point into the JSON form (`Tag.1.Key` is `/Tag/0/Key`).
    #[arg(long, value_enum, default_value_t = Wire::Json, value_name = "FORM")]
    pub wire: Wire,
    #[command(flatten)]
    pub clock: ClockArgs,
    /// Write the body's private key in the encoding the operation takes (PKCS#8 for Key Vault;
    /// PKCS#8 without an EC PARAMETERS block for ACM and Cloudflare) to this new file, created
    /// readable by its owner only. Never standard output; an existing file is not replaced.
    /// JSON bodies only.
    #[arg(long, value_name = "OUT_FILE", conflicts_with = "list")]
    pub fix_key: Option<PathBuf>,
    #[command(flatten)]
    pub key_password: crate::password::KeyPasswordArgs,
    /// List the supported operations instead of checking a request.
    #[arg(long, conflicts_with_all = ["operation", "file", "paths", "context"])]
    pub list: bool,
}

/// How a request body file writes its parameters (`request --wire`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Wire {
    /// A JSON object (or YAML, see FILE).
    Json,
    /// `name=value` pairs joined by `&`, percent-encoded, flattened names (`Tag.1.Key`).
    Query,
}
