// Typed usage of the package: `tsc --noEmit -p test/types` must accept this file, and the
// expect-error comments below prove misuse is rejected at compile time.
import init, {
  CertPreflightError,
  checkCertificate,
  fingerprint,
  formFields,
  initPkcs12,
  initRequests,
  initSync,
  operations,
  rules,
  schema,
  explain,
  validateRequest,
  version,
  type CertificateFacts,
  type Diagnostic,
  type FieldRole,
  type FingerprintReport,
  type FormField,
  type MultiFingerprintReport,
  type OperationInfo,
  type Report,
  type Rule,
  type Severity,
} from "cert-preflight";

async function main(pem: string, key: string, bytes: ArrayBuffer): Promise<void> {
  await init();
  await init(new URL("https://example.com/cert_preflight_wasm_bg.wasm"));
  await init(fetch("/cert_preflight_wasm_bg.wasm"));
  initSync(bytes);
  initSync(new Uint8Array(bytes));
  initSync(new WebAssembly.Module(bytes));
  await initRequests();
  await initRequests(new URL("https://example.com/cert_preflight_requests_bg.wasm"));
  await initRequests(bytes);
  await initPkcs12();
  await initPkcs12(new URL("https://example.com/cert_preflight_pkcs12_bg.wasm"));
  await initPkcs12(bytes);

  const report: Report = checkCertificate(pem, {
    key,
    domains: ["www.example.com", "example.com"],
    ca: false,
    now: new Date(),
    expiryDays: 14,
  });
  checkCertificate(pem, { domains: "a.com,b.com", now: Date.now() });
  checkCertificate(pem, { now: "2027-06-01T00:00:00Z" });
  checkCertificate(pem);
  checkCertificate(pem, { profile: "alibaba-slb" });
  checkCertificate(pem, { intermediates: pem });
  checkCertificate(pem, { intermediates: [pem, pem] as const });

  const valid: boolean = report.valid;
  const counts: number = report.errors + report.warnings;
  const first: Diagnostic | undefined = report.diagnostics[0];
  if (first) {
    const severity: Severity = first.severity;
    const where: string = first.path;
    const code: string | undefined = first.api_error;
    const fixed: boolean = first.fixed === true;
    void [severity, where, code, fixed];
  }
  const leaf: CertificateFacts | undefined = report.certificate?.leaf;
  if (leaf) {
    const cn: string | undefined = leaf.common_name;
    const sans: string[] = leaf.subject_alternative_names;
    const days: number = leaf.days_remaining;
    const expiresMs: number = leaf.not_after_ms;
    const sha1: string = leaf.fingerprints.sha1_colon;
    const bits: number | undefined = leaf.key_size;
    void [cn, sans, days, expiresMs, sha1, bits];
  }
  const fixedPem: string | undefined = report.normalized;

  const request: Report = validateRequest(
    "huawei.elb.update-certificate",
    { certificate: { certificate: pem, private_key: key, domain: "www.example.com" } },
    {
      path: { project_id: "0123456789abcdef0123456789abcdef", certificate_id: "fedcba9876543210fedcba9876543210" },
      context: { inUse: true, listenerProtocol: "HTTPS", defaultCertificateId: "123-cn-hangzhou" },
      now: "2027-06-01T00:00:00Z",
      expiryDays: 30,
    },
  );
  validateRequest("CreateListener", '{"ListenerPort": 443}');
  validateRequest("UploadCACertificate", { RegionId: "cn-hangzhou", Tag: [{ Key: "k", Value: "v" }] }, { context: { in_use: false } });

  const fp: FingerprintReport = fingerprint(pem, { algorithm: "sha256", style: "colon" });
  const prints: string[] = fp.fingerprints;
  const both: MultiFingerprintReport<"sha1" | "sha256"> = fingerprint(pem, { algorithm: ["sha1", "sha256"] });
  const sha256: string | undefined = both.fingerprints[0]?.sha256;
  void sha256;
  try {
    validateRequest("NoSuchAction", {});
  } catch (e) {
    if (e instanceof CertPreflightError) {
      const code: "UNKNOWN_OPERATION" | "INVALID_OPTION_VALUE" = e.code;
      const op: string | undefined = e.operation;
      void [code, op];
    }
  }
  const allRules: Rule[] = rules();
  const acmRules: Rule[] = rules("acm:ImportCertificate");
  const alsoSeverities: Severity[] | undefined = acmRules[0]?.also;
  const ops: OperationInfo[] = operations();
  const fields: FormField[] = formFields("aws.acm.import-certificate");
  const role: FieldRole = fields[0].role;
  const example: string | undefined = fields[0].example;
  const v: string = version;
  const bodySchema = schema("CreateListener");
  const why = explain("acm:ImportCertificate", "InvalidParameter", { request: { Certificate: "x" } });
  const firstRule: string | undefined = why.causes[0]?.rule;
  const applies: boolean | undefined = why.causes[0]?.applies;
  const causeAlso: Severity[] | undefined = why.causes[0]?.also;
  void [acmRules, alsoSeverities, causeAlso, valid, counts, fixedPem, request, prints, allRules, ops, fields, role, example, v, bodySchema, firstRule, applies];

  // PKCS#12 bytes with their password
  const fromPfx: Report = checkCertificate(new Uint8Array(bytes), { password: "pw", domains: ["a.example"] });
  void fromPfx;
  // @ts-expect-error pem must be a string or bytes
  checkCertificate(42);
  // @ts-expect-error password is a string
  checkCertificate(new Uint8Array(bytes), { password: 42 });
  // An encrypted key with its password
  const fromEncrypted: Report = checkCertificate(pem, { key, keyPassword: "pw" });
  void fromEncrypted;
  // @ts-expect-error keyPassword is a string
  checkCertificate(pem, { key, keyPassword: 42 });
  // A request body's encrypted key with its password; explain takes none
  const fromEncryptedRequest: Report = validateRequest("aws.acm.import-certificate", { PrivateKey: key }, { keyPassword: "pw" });
  void fromEncryptedRequest;
  // @ts-expect-error keyPassword is a string
  validateRequest("aws.acm.import-certificate", {}, { keyPassword: 42 });
  // @ts-expect-error explain takes no keyPassword
  explain("acm:ImportCertificate", "InvalidParameter", { request: {}, keyPassword: "pw" });
  // @ts-expect-error unknown option
  checkCertificate(pem, { keys: key });
  // @ts-expect-error algorithm is "sha1" | "sha256"
  fingerprint(pem, { algorithm: "md5" });
  // @ts-expect-error profile is "generic" | "alibaba-slb"
  checkCertificate(pem, { profile: "aws" });
  // @ts-expect-error style is "hex" | "colon"
  fingerprint(pem, { style: "base64" });
  // @ts-expect-error path values are strings
  validateRequest("CreateListener", {}, { path: { a: 1 } });
  // @ts-expect-error now is a Date, number or string
  checkCertificate(pem, { now: {} });
  // @ts-expect-error the report is read-only data, not a promise
  await report.then;
}

void main;
