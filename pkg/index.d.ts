// Type declarations for cert-preflight (hand-written; checked by `tsc --noEmit` against
// pkg/test/types/usage.ts in scripts/test-npm.sh). The report shapes mirror the Rust types in
// src/report.rs, which serialize to the CLI's `--format json`.

/** How bad a diagnostic is. A report is `valid` when it has no `"error"`. */
export type Severity = "error" | "warning" | "info";

/** One finding. */
export interface Diagnostic {
  /** Stable rule id, e.g. `"chain.misordered"` (see {@link rules}). */
  rule: string;
  severity: Severity;
  /** RFC 6901 JSON pointer to the field concerned, e.g. `"/certificate/chain/1"`, `"/Tag/2/Key"`. */
  path: string;
  /** One plain sentence: what is wrong and what is allowed. */
  message: string;
  /** The provider's error code, where its documentation names one (e.g. `"InvalidParam.TagKey"`). */
  api_error?: string;
  /** Present (true) when the report's `normalized` text resolves this diagnostic. */
  fixed?: true;
}

/** SHA-1 and SHA-256 digests of a certificate's DER. */
export interface Fingerprints {
  /** Lowercase hex, no separators (as Huawei ELB shows it). */
  sha1_hex: string;
  /** Uppercase colon-separated pairs (as Alibaba SLB shows it). */
  sha1_colon: string;
  sha256_hex: string;
  sha256_colon: string;
}

/** What a certificate says about itself. */
export interface CertificateFacts {
  /** Position of the certificate in the input field (0 = first block). */
  index: number;
  /** Subject distinguished name, RFC 4514 style. */
  subject: string;
  /** Issuer distinguished name, RFC 4514 style. */
  issuer: string;
  common_name?: string;
  /** DNS names and IP addresses, in certificate order. */
  subject_alternative_names: string[];
  /** Serial number, lowercase hex. */
  serial: string;
  /** RFC 3339 UTC, e.g. `"2018-07-02T13:25:47Z"`. */
  not_before: string;
  /** RFC 3339 UTC (as ELB's `expire_time`). */
  not_after: string;
  /** Epoch milliseconds. */
  not_before_ms: number;
  /** Epoch milliseconds (as SLB's `ExpireTimeStamp`). */
  not_after_ms: number;
  /** Whole days from the check's `now` to `not_after` (negative when expired). */
  days_remaining: number;
  /** `"RSA"`, `"EC"`, `"Ed25519"`, `"Ed448"`, `"DSA"` or an OID. */
  key_algorithm: string;
  /** Key size in bits. */
  key_size?: number;
  /** For EC keys: `"P-256"`, `"P-384"`, `"P-521"`, another curve's name (`"secp256k1"`), an OID, or `"explicit curve parameters"`. */
  key_curve?: string;
  /** e.g. `"sha256WithRSAEncryption"`, `"ecdsa-with-SHA256"`. */
  signature_algorithm: string;
  is_ca: boolean;
  is_self_signed: boolean;
  fingerprints: Fingerprints;
}

/** The certificate part of a report. */
export interface CertificateSummary {
  /** The leaf's facts, when a leaf was found. */
  leaf?: CertificateFacts;
  /** Every parsed certificate, in input order. */
  chain: CertificateFacts[];
  /** The issuer the chain stops short of, when it is not in the bundle (no network: named only). */
  missing_issuer?: MissingIssuer;
  /** The trust anchors used and where the path meets one (server certificates). */
  trust?: TrustFacts;
}

/** The certificate a chain is missing: who it is and where the leaf says to download it. */
export interface MissingIssuer {
  /** Input position of the certificate whose issuer is missing. */
  certificate: number;
  /** The issuer's distinguished name. */
  name: string;
  /** The issuer's key identifier (Authority Key Identifier), colon-separated hex. */
  key_id?: string;
  /** AIA caIssuers URLs. */
  ca_issuers: string[];
}

/** Who a certificate is for (issue 20). */
export type Audience = "auto" | "public" | "private";

/** The trust anchors of a check. */
export interface TrustFacts {
  /** The public root store consulted; absent with `noPublicRoots`. */
  store?: string;
  /** The store's date, `YYYY-MM-DD`. */
  store_date?: string;
  /** How many roots the caller added (`roots`). */
  caller_roots: number;
  /** `store_root`, `issued_by_store_root`, `caller_root` or `issued_by_caller_root`. */
  anchored?: string;
  /** Input position of the certificate that is, or was issued by, that anchor. */
  anchored_at?: number;
  /** The audience the client-acceptance lints were judged for: `public` or `private`. */
  audience: "public" | "private";
  /** Why that audience: the caller's `audience` option, or where the path anchors. */
  audience_reason: string;
  /** The path a client builds from the leaf up, as certificates' `index` (leaf first). */
  path: number[];
  /** Why that path: the only one, or what made it better than the others. */
  path_reason: string;
}

/** The result of a check: identical to the CLI's `--format json`. */
export interface Report {
  /** The operation id (e.g. `"huawei.elb.update-certificate"`) or `"certificate"`. */
  operation: string;
  /** False when any diagnostic is an error. */
  valid: boolean;
  errors: number;
  warnings: number;
  /** Sorted by path, then rule. */
  diagnostics: Diagnostic[];
  /** Present when a PEM was checked. */
  certificate?: CertificateSummary;
  /** The certificate field rewritten as the providers want it, when that fixes something. */
  normalized?: string;
  /**
   * Where the leaf and its chain are separate fields (ACM, IAM): each field's normalized value
   * by JSON pointer, e.g. `{"/Certificate": "…", "/CertificateChain": "…"}`.
   */
  normalized_fields?: Record<string, string>;
}

/** Fingerprints of every certificate in a PEM field. */
export interface FingerprintReport {
  valid: boolean;
  errors: number;
  warnings: number;
  diagnostics: Diagnostic[];
  /** One per certificate, in input order. */
  fingerprints: string[];
}

/** One rule of the catalogue. */
export interface Rule {
  /** Stable id, e.g. `"tag.key_too_long"`. */
  id: string;
  /** Default severity. */
  severity: Severity;
  /** The other severities a finding of this rule can have (its context, or an operation's policy, decides); absent when none. */
  also?: Severity[];
  /** Where the constraint comes from: a seed document, a standard, or provider practice. */
  source: string;
  api_error?: string;
  /** One line saying what the rule checks. */
  summary: string;
  /** True when the report's normalized output resolves a finding of this rule. */
  fixed_by_normalizing: boolean;
  /**
   * zlint lints that check the same thing (empty when none does). Empty for every rule in a
   * browser until `initRequests()` has loaded the request module: the certificate module leaves
   * the names out for its size budget.
   */
  zlint: string[];
  /** pkilint findings that report the same thing (empty when none does; in a browser, as `zlint`). */
  pkilint: string[];
}

/** One supported operation. */
export interface OperationInfo {
  /** Stable id, e.g. `"alibaba.alb.create-listener"`. */
  id: string;
  /** The platform, e.g. `"Alibaba Cloud"`, `"AWS"`, `"Kubernetes"`. */
  provider: string;
  /** Other accepted names, e.g. `"acm:ImportCertificate"`. */
  aliases: string[];
  /** The provider's action name, accepted as an alias, e.g. `"CreateListener"`. */
  action: string;
  /** The document its rules come from: a seed file, or the TARGETS.md section and its sources. */
  seed: string;
  summary: string;
}

/**
 * The instant at which validity is judged: a Date, epoch milliseconds, or RFC 3339 text
 * (`"2026-11-23T00:00:00Z"`). Defaults to `Date.now()`.
 */
export type TimeInput = Date | number | string;

export interface CheckCertificateOptions {
  /** The private key (PEM). Never echoed in any output. */
  key?: string;
  /** Domain names the leaf must cover: comma-separated or an array. */
  domains?: string | readonly string[];
  /** Check as a CA certificate upload (exactly one CA certificate), like the CLI's `--ca`. */
  ca?: boolean;
  now?: TimeInput;
  /** `cert.expires_soon` fires when the leaf expires within this many days (default 30). */
  expiryDays?: number;
  /**
   * Provider documentation to apply beyond the seeds, like the CLI's `--profile`:
   * `"generic"` (default) or `"alibaba-slb"` (Alibaba Cloud CLB: RSA certificates, PKCS#1 keys).
   */
  profile?: Profile;
  /**
   * Extra trust anchors, like the CLI's `--roots FILE`: PEM text of private roots. A chain that
   * ends at or below one of them is complete (no `chain.untrusted_root`).
   */
  roots?: string;
  /** Trust only `roots`, not Mozilla's root store, like the CLI's `--no-public-roots`. */
  noPublicRoots?: boolean;
  /**
   * Intermediates to complete the chain from, like the CLI's `--intermediates`: PEM text
   * (certificate and PKCS#7 blocks), or an array of them (one per file). When the bundle lacks
   * an issuer, one found here by name, key identifier and a verified signature is added to
   * `normalized` (reported as `chain.completed_from_pool`, which says which and, among
   * cross-signs, why that one); a certificate with the name but another key is
   * `chain.pool_candidate_rejected`.
   */
  intermediates?: string | readonly string[];
  /**
   * Who the certificate is for, like the CLI's `--audience`: `"auto"` (default: `"public"` when
   * the path anchors in Mozilla's root store), `"public"` (browsers: the CA/Browser Forum and
   * root program lints apply) or `"private"` (only what TLS libraries refuse for any
   * certificate). The report's `certificate.trust.audience` says which was applied and why.
   */
  audience?: Audience;
  /**
   * The password of a PKCS#12 (`.pfx`/`.p12`) file given as bytes, like the CLI's
   * `--password-file`. Default: none (the empty password is tried, and for files written with
   * no password at all the absent one too). Ignored for any other input, as the CLI ignores
   * it. Never echoed in any output, message or error. A wrong one gives a report with
   * `pkcs12.wrong_password`, not an exception.
   */
  password?: string;
  /**
   * The password of an encrypted `key` (`ENCRYPTED PRIVATE KEY`, or the legacy
   * `Proc-Type: 4,ENCRYPTED` PEM), like the CLI's `--key-password-file`: the key is decrypted
   * and checked like an unencrypted one (its match with the leaf, the key policy). A wrong one
   * gives `key.wrong_password`, a scheme not implemented `key.encryption_unsupported`; without
   * it an encrypted key is `key.encrypted`, as before. Never echoed in any output, message or
   * error. In a browser it needs the PKCS#12 module (`await initPkcs12()`), the one with the
   * ciphers; before, it throws `CertPreflightError` (`INVALID_OPTION_VALUE`, option
   * `keyPassword`).
   */
  keyPassword?: string;
}

/** The CLI's `--profile` values. */
export type Profile = "generic" | "alibaba-slb";

/** Facts about the request that its body does not carry (the CLI's `--context` file). */
export interface RequestContextOptions {
  /** PEM of the certificate the request refers to (APIG: to check domain coverage). */
  certificate?: string;
  /** The listener's protocol: `"HTTP"`, `"HTTPS"` or `"QUIC"`. */
  listenerProtocol?: string;
  /** Same as `listenerProtocol` (the CLI context file's spelling). */
  listener_protocol?: string;
  /** The listener's default certificate id. */
  defaultCertificateId?: string;
  /** Same as `defaultCertificateId`. */
  default_certificate_id?: string;
  /** Whether a listener uses the certificate. */
  inUse?: boolean;
  /** Same as `inUse`. */
  in_use?: boolean;
  /** The service that will use the certificate (ACM, IAM): e.g. `"cloudfront"`, `"alb"`. */
  service?: string;
  /** PEM of the certificate an ACM re-import replaces. */
  previousCertificate?: string;
  /** Same as `previousCertificate`. */
  previous_certificate?: string;
  /** Server certificate names that already exist (IAM: `name.already_exists`). */
  existingNames?: readonly string[];
  /** Same as `existingNames`. */
  existing_names?: readonly string[];
  /** `"global"` or `"regional"` (GCP). */
  endpoint?: "global" | "regional";
  /** The Cloudflare zone's name, e.g. `"example.com"`. */
  zoneName?: string;
  /** Same as `zoneName`. */
  zone_name?: string;
  /** Whether the Cloudflare zone uses Bring Your Own IP. */
  byoip?: boolean;
  /** Host names served with the certificate (Kubernetes Ingress `spec.tls.hosts`). */
  hosts?: readonly string[];
  /** PEM of the caller's own trust anchors, for certificates in the body. */
  roots?: string;
  /** Trust only `roots`, not Mozilla's root store. */
  noPublicRoots?: boolean;
  /** Same as `noPublicRoots`. */
  no_public_roots?: boolean;
  /** Who the certificates in the body are for: `"auto"`, `"public"` or `"private"`. */
  audience?: Audience;
}

export interface ValidateRequestOptions {
  /** Path parameters, e.g. `{ project_id: "…", certificate_id: "…" }`. */
  path?: Readonly<Record<string, string>>;
  context?: RequestContextOptions;
  now?: TimeInput;
  /** `cert.expires_soon` fires when the leaf expires within this many days (default 30). */
  expiryDays?: number;
  /**
   * The password of an encrypted private key in the body (`ENCRYPTED PRIVATE KEY`, or the
   * legacy `Proc-Type: 4,ENCRYPTED` PEM), like the CLI's `request --key-password-file`: the
   * key is decrypted and checked like an unencrypted one (its match with the certificate, the
   * key policy), and `key.encrypted` still says the body holds it encrypted, which the
   * providers refuse. A wrong one gives `key.wrong_password`, a scheme not implemented
   * `key.encryption_unsupported`; without it an encrypted key is `key.encrypted`, as before.
   * Not a context key: never echoed in any output, message or error. In a browser it needs
   * the PKCS#12 module (`await initPkcs12()`), the one with the ciphers; before, it throws
   * `CertPreflightError` (`INVALID_OPTION_VALUE`, option `keyPassword`).
   */
  keyPassword?: string;
}

/** A digest {@link fingerprint} computes. */
export type DigestName = "sha1" | "sha256";

export interface FingerprintOptions<A extends DigestName | readonly DigestName[] = DigestName> {
  /**
   * Default `"sha1"`. An array (e.g. `["sha1", "sha256"]`) computes several in one call: each
   * entry of `fingerprints` is then an object keyed by digest.
   */
  algorithm?: A;
  /** `"hex"` (lowercase, no separators; default) or `"colon"` (uppercase pairs). */
  style?: "hex" | "colon";
}

/** Fingerprints of every certificate, several digests at once. */
export interface MultiFingerprintReport<D extends DigestName = DigestName>
  extends Omit<FingerprintReport, "fingerprints"> {
  /** One per certificate, in input order: each digest requested, by name. */
  fingerprints: Array<Record<D, string>>;
}

/** The stable codes of {@link CertPreflightError}. */
export type CertPreflightErrorCode = "UNKNOWN_OPERATION" | "INVALID_OPTION_VALUE";

/**
 * Thrown when an argument has the right type but a value cert-preflight cannot use: an
 * operation it does not know (`code: "UNKNOWN_OPERATION"`, `operation` set) or an option value
 * it cannot read, such as `now: "yesterday"` or `profile: "aws"` (`code:
 * "INVALID_OPTION_VALUE"`, `option` set). A wrong type is a `TypeError`; a bad certificate or
 * request is never thrown, it gives a report with errors.
 */
export class CertPreflightError extends Error {
  readonly name: "CertPreflightError";
  readonly code: CertPreflightErrorCode;
  /** The option concerned (`INVALID_OPTION_VALUE`). */
  readonly option?: string;
  /** The operation name that was given (`UNKNOWN_OPERATION`). */
  readonly operation?: string;
}

/** A JSON value, as a request body may be given. */
export type JsonValue =
  | string
  | number
  | boolean
  | null
  | readonly JsonValue[]
  | { readonly [key: string]: JsonValue | undefined };

/**
 * Validates a request body for an operation (id such as `"huawei.elb.update-certificate"` or
 * provider action such as `"CreateListener"`). `body` is an object or JSON text; text that is
 * not JSON gives a report with `request.malformed`. Throws a {@link CertPreflightError} with
 * `code: "UNKNOWN_OPERATION"` for an unknown operation, a TypeError for wrong argument types.
 * In the browser it needs the request module: `await initRequests()` first (an `Error` says so
 * otherwise); in Node it is always ready.
 */
export function validateRequest(
  operation: string,
  body: JsonValue | object,
  options?: ValidateRequestOptions,
): Report;

/**
 * Checks a certificate bundle, its private key and its domain names. `pem` is PEM text, or a
 * file's bytes (`Uint8Array`, `Buffer`, `ArrayBuffer`) read as the CLI reads a certificate
 * file: a PKCS#12 (`.pfx`/`.p12`) file is opened with `options.password` and its certificates
 * and key are judged exactly as the same material in PEM; binary DER is one certificate; other
 * bytes are read as UTF-8 (lossily). In the browser a file's bytes need the PKCS#12 module
 * (`await initPkcs12()` first, after which the report is Node's for the same file); before it
 * they throw a {@link CertPreflightError} (`INVALID_OPTION_VALUE`, option `pem`) that says so:
 * the decoder does not fit the modules {@link init} and {@link initRequests} load (README
 * "PKCS#12").
 */
export function checkCertificate(
  pem: string | Uint8Array | ArrayBuffer,
  options?: CheckCertificateOptions,
): Report;

/** Fingerprints of every certificate in `pem`, computed over each certificate's DER. */
export function fingerprint(pem: string, options?: FingerprintOptions<DigestName>): FingerprintReport;
/** Several digests of every certificate in one call, e.g. `{ algorithm: ["sha1", "sha256"] }`. */
export function fingerprint<D extends DigestName>(
  pem: string,
  options: FingerprintOptions<readonly D[]> & { algorithm: readonly D[] },
): MultiFingerprintReport<D>;

/**
 * Every rule the package checks; with `operation` (id or provider action), every rule as that
 * operation reports it: `api_error` is the code its provider answers, `severity` and `also` the
 * severities its policy gives (what `cert-preflight rules --operation` lists). Throws a
 * `CertPreflightError` with `code: "UNKNOWN_OPERATION"` for an unknown operation. In the
 * browser, `rules(operation)` needs the request module (`await initRequests()`).
 */
export function rules(operation?: string): Rule[];

/** Every supported operation. */
export function operations(): OperationInfo[];

/** What a form field holds. */
export type FieldRole =
  | "certificate"
  | "chain"
  | "private_key"
  | "certificate_and_key"
  | "ca_certificate"
  | "parameter";

/** One field of an operation's form, built from the operation's declaration. */
export interface FormField {
  /**
   * Where the value goes: a JSON pointer into the body (`"/CertificateChain"`,
   * `"/stringData/tls.crt"`), or `"/path/<name>"` for a path parameter; diagnostics carry the
   * same pointers.
   */
  pointer: string;
  /** The declared name, exactly as sent. */
  name: string;
  /** What it holds: certificate material by role, or any other parameter. */
  role: FieldRole;
  /** How its text becomes JSON (`"tags"`: a list of `{Key, Value}`). */
  kind: "string" | "integer" | "boolean" | "tags";
  /** The request needs it. */
  required: boolean;
  /** A valid value to start from (absent for certificate material and optional fields). */
  example?: string;
  /** The only values it may take, when documented. */
  values: string[];
}

/**
 * The fields a form shows for an operation: its certificate material (with the chain in a
 * field of its own where the provider splits it), then its other parameters with example
 * values. A form applies a report's fix by pointer: each `normalized_fields` entry replaces
 * the field at that pointer; otherwise `normalized` replaces the `certificate` (or
 * `ca_certificate`) field, or the certificates of a `certificate_and_key` field. Throws a
 * {@link CertPreflightError} with `code: "UNKNOWN_OPERATION"` for an unknown operation. In the
 * browser it needs the request module (`await initRequests()`).
 */
export function formFields(operation: string): FormField[];
/**
 * The JSON Schema (draft 2020-12) of an operation's request body, generated from its
 * declaration, with its path parameters under `$defs.path`. It rejects what the operation's
 * rows make an error and nothing that is only a warning. Throws a {@link CertPreflightError}
 * with `code: "UNKNOWN_OPERATION"` for an unknown operation. In the browser it needs the
 * request module (`await initRequests()`).
 */
export function schema(operation: string): { [key: string]: JsonValue };

/** One rule that leads to a provider's answer. */
export interface Cause {
  /** The rule's id, e.g. `"chain.incomplete"`. */
  rule: string;
  /** Its severity in this operation's reports (the operation's policy, not the catalogue's). */
  severity: Severity;
  /** The other severities it can have in this operation's reports; absent when none. */
  also?: Severity[];
  summary: string;
  /** The code this operation's reports give the rule, if any. */
  api_error?: string;
  /** Why this rule leads to the answer. */
  why: string;
  /** Where that is known from (the operation's error codes, or a known message's sources). */
  source: string;
  /** With a request: whether the check found this rule broken. */
  applies?: boolean;
  /** With a request: the findings of this rule. */
  findings?: Diagnostic[];
}

/** What a provider's answer means for an operation. */
export interface Explanation {
  operation: string;
  /** The answer asked about, as given. */
  error: string;
  /** The rules that lead to it, most specific first. */
  causes: Cause[];
  /** Whether a request was checked. */
  checked: boolean;
}

/**
 * Options of {@link explain}: the request that got the answer, and what validateRequest takes
 * but `keyPassword`, which explain does not take (an encrypted key in its request is
 * `key.encrypted`).
 */
export interface ExplainOptions extends Omit<ValidateRequestOptions, "keyPassword"> {
  /** The request body (object or JSON text): each cause then says whether it applies. */
  request?: JsonValue | object;
}

/**
 * What a provider's answer (an error code such as `"InvalidParameter"`, or its message text)
 * means for an operation: the rules that lead to it, from the operation's error codes and a
 * table of known misleading messages. With `options.request` the request is checked and each
 * cause says whether it applies. In the browser it needs the request module.
 */
export function explain(operation: string, error: string, options?: ExplainOptions): Explanation;

/** The package version. */
export const version: string;

/**
 * What {@link init} accepts: a URL or string to fetch, a Request, a Response (or a promise of
 * one), the module's bytes, or a compiled WebAssembly.Module.
 */
export type InitInput =
  | string
  | URL
  | Request
  | Response
  | PromiseLike<Response>
  | ArrayBuffer
  | ArrayBufferView
  | WebAssembly.Module;

/**
 * Loads the WebAssembly module (browser build). Idempotent; after it resolves every function is
 * synchronous. Without an argument, fetches `cert_preflight_wasm_bg.wasm` next to the module
 * (bundlers: import `cert-preflight/cert_preflight_bg.wasm?url` and pass it). In Node the module
 * is loaded at import and this resolves at once.
 */
export function init(input?: InitInput): Promise<void>;

/** Instantiates synchronously from bytes or a WebAssembly.Module. Idempotent; a no-op in Node. */
export function initSync(module: ArrayBuffer | ArrayBufferView | WebAssembly.Module): void;

/**
 * Loads the request module, which {@link validateRequest} needs in the browser (the certificate
 * module that {@link init} loads does not validate requests, to keep a certificate page small).
 * Every other function runs on it too, so a page that validates requests can call this alone.
 * Idempotent. Without an argument, fetches `cert_preflight_requests_bg.wasm` next to the module
 * (bundlers that do not follow `new URL(…, import.meta.url)`: import
 * `cert-preflight/cert_preflight_requests_bg.wasm` as a URL and pass it). Resolves at once in Node.
 */
export function initRequests(input?: InitInput): Promise<void>;

/**
 * Loads the PKCS#12 module (browser build), after which {@link checkCertificate} opens a
 * PKCS#12 file given as bytes with `options.password` and gives the report Node gives for the
 * same file and options. It is the request module with the PKCS#12 decoder, which costs about
 * 105 KB gzipped and so is fetched only by a page that opens a PFX; every other function runs
 * on it too, so a page that calls this needs neither {@link init} nor {@link initRequests}.
 * Idempotent; a failed load can be retried. Without an argument, fetches
 * `cert_preflight_pkcs12_bg.wasm` next to the module (bundlers that do not follow
 * `new URL(…, import.meta.url)`: import `cert-preflight/cert_preflight_pkcs12_bg.wasm` as a URL
 * and pass it). Resolves at once in Node, which opens PKCS#12 files from the start.
 */
export function initPkcs12(input?: InitInput): Promise<void>;

export default init;
