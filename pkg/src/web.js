// Browser (and bundler) entry: ES module. Call `await init()` once (or `initSync(bytes)`),
// then every function but validateRequest is synchronous. Request validation is a second,
// larger module (cert_preflight_requests_bg.wasm) that only `await initRequests()` loads: a page
// that checks certificates never downloads it (issue 10: the 150 KB budget). Once it is loaded,
// every function can run on it, so a page that validates requests needs initRequests() alone.
// Opening a PKCS#12 file is a third module (cert_preflight_pkcs12_bg.wasm: the request module
// with the decoder) that only `await initPkcs12()` loads: the decoder costs about 105 KB
// gzipped, which neither of the other two can take (pkg/README.md "Size"). It too runs every
// function.
import wbInit, * as certificateModule from "./cert_preflight_wasm.js";
import { createApi, CertPreflightError } from "./api.js";

let certificatesReady = false;
let pendingCertificates;
/** The request module's glue, once instantiated (or the PKCS#12 module's, which has it all). */
let requestModule;
let pendingRequests;
/** The PKCS#12 module's glue, once instantiated. */
let pkcs12Module;
let pendingPkcs12;

/** The functions that only the request module has. */
const REQUEST_FUNCTIONS = ["validateRequest", "formFields", "schema", "explain", "rules(operation)"];

function assertReady(fn) {
  if (REQUEST_FUNCTIONS.includes(fn)) {
    if (!requestModule) {
      throw new Error(
        `${fn}: request validation is a separate module in the browser; call ` +
          "`await initRequests()` first",
      );
    }
  } else if (!certificatesReady && !requestModule) {
    throw new Error(
      `${fn}: cert-preflight is not initialized yet; call \`await init()\` (or initSync) first`,
    );
  }
}

// What a function that needs the PKCS#12 module answers before initPkcs12() has loaded it:
// the wasm side's error form (`!CODE\tOPTION\tmessage`, pkg/rust/src/lib.rs), which api.js
// throws as a CertPreflightError naming the function called and the option, as it throws the
// modules' own. A string rather than a `throw` per refusal: fewer bytes in index.js, which
// counts against init()'s budget (pkg/README.md "Size").
/** An encrypted key's password before initPkcs12(): refused, never silently ignored. */
const NO_CIPHERS =
  "!INVALID_OPTION_VALUE\tkeyPassword\tkeyPassword needs the browser's PKCS#12 module, which has the ciphers: call `await initPkcs12()` first, or give the key decrypted (`openssl pkey -in KEY.pem -out PLAIN.pem`)";
/** A file's bytes before initPkcs12(). */
const NO_DECODER =
  "!INVALID_OPTION_VALUE\tpem\ta file's bytes (PKCS#12, DER) need the browser's PKCS#12 module: call `await initPkcs12()` first, or convert a PFX with `openssl pkcs12 -in FILE.pfx -nodes` and give PEM text";

/**
 * The functions of whichever module is loaded (the certificate module when both are). A call
 * that needs the PKCS#12 module goes to it or, when it is not loaded (`?.` gives undefined; a
 * module's function always returns a string), answers its refusal (`??`). The others cannot
 * meet a missing module: assertReady has thrown before.
 */
const dispatch = {
  // The intermediates pool (issue 22) is in the request module only (the certificate module's
  // size budget): a check that gives one runs there once it is loaded.
  // An encrypted key's password (a[14]) is used by the PKCS#12 module only, the one that has the
  // ciphers: before initPkcs12() it is refused, never silently ignored.
  check_certificate: (...a) =>
    (a[14] === undefined
      ? requestModule && a[11] !== undefined
        ? requestModule
        : active()
      : pkcs12Module
    )?.check_certificate(...a) ?? NO_CIPHERS,
  // A file's bytes (PKCS#12 above all) are read by the PKCS#12 module only (the decoder is
  // about 105 KB gzipped, pkg/README.md "Size"); before initPkcs12() they are refused with
  // what to do.
  check_certificate_bytes: (...a) => pkcs12Module?.check_certificate_bytes(...a) ?? NO_DECODER,
  fingerprint: (...a) => active().fingerprint(...a),
  // The rules' zlint and pkilint names are in the request module only (pkg/README.md "Size").
  rules: () => (requestModule || active()).rules(),
  operations: () => active().operations(),
  // A request body's key password (a[4]) likewise: the request module has no ciphers.
  validate_request: (...a) =>
    (a[4] === undefined ? requestModule : pkcs12Module)?.validate_request(...a) ?? NO_CIPHERS,
  form_fields: (...a) => requestModule.form_fields(...a),
  operation_rules: (...a) => requestModule.operation_rules(...a),
  schema: (...a) => requestModule.schema(...a),
  explain: (...a) => requestModule.explain(...a),
};

function active() {
  return certificatesReady ? certificateModule : requestModule;
}

function argumentFor(input) {
  return input === undefined ? undefined : { module_or_path: input };
}

/**
 * Loads the certificate module. Idempotent: later calls return the same promise. `input` may be
 * a URL or string (fetched), a Request, a Response (or a promise of one), bytes
 * (ArrayBuffer / typed array) or a compiled WebAssembly.Module. Without it the module is
 * fetched from next to this file (`new URL("cert_preflight_wasm_bg.wasm", import.meta.url)`).
 */
export function init(input) {
  if (certificatesReady) return Promise.resolve();
  if (!pendingCertificates) {
    pendingCertificates = wbInit(argumentFor(input)).then(
      () => {
        certificatesReady = true;
      },
      (error) => {
        pendingCertificates = undefined;
        throw error;
      },
    );
  }
  return pendingCertificates;
}

/** Instantiates the certificate module synchronously from bytes or a WebAssembly.Module. Idempotent. */
export function initSync(module) {
  if (certificatesReady) return;
  if (
    !(module instanceof ArrayBuffer) &&
    !ArrayBuffer.isView(module) &&
    !(module instanceof WebAssembly.Module)
  ) {
    throw new TypeError(
      "initSync: expected the module's bytes (ArrayBuffer or typed array) or a WebAssembly.Module",
    );
  }
  certificateModule.initSync({ module });
  certificatesReady = true;
}

/**
 * Loads the request module, which validateRequest needs (and on which every other function can
 * run too). Idempotent. `input` is as for init(); without it the module is fetched from next to
 * this file (`cert_preflight_requests_bg.wasm`).
 */
export function initRequests(input) {
  if (requestModule) return Promise.resolve();
  return (pendingRequests ||= load(import("./requests.js"), input, "initRequests", "requests", "validate_request").then(
    (glue) => {
      requestModule = glue;
    },
    (error) => {
      pendingRequests = undefined;
      throw error;
    },
  ));
}

/**
 * Loads the PKCS#12 module, after which checkCertificate takes a file's bytes with `password`
 * (as in Node) and every other function runs on it too (it is the request module with the
 * decoder). Idempotent. `input` is as for init(); without it the module is fetched from next
 * to this file (`cert_preflight_pkcs12_bg.wasm`).
 */
export function initPkcs12(input) {
  if (pkcs12Module) return Promise.resolve();
  return (pendingPkcs12 ||= load(import("./pkcs12.js"), input, "initPkcs12", "pkcs12", "check_certificate_bytes").then(
    (glue) => {
      pkcs12Module = glue;
      requestModule ||= glue;
    },
    (error) => {
      pendingPkcs12 = undefined;
      throw error;
    },
  ));
}

/**
 * Instantiates a lazily imported module's glue with `input` and returns the glue, once the
 * module's exports show it is the one `fn` loads: `only` is an export no other module has
 * (a module given in its place either fails to link against this glue's imports or lacks it).
 */
async function load(imported, input, fn, name, only) {
  const glue = await imported;
  if (!(await glue.default(argumentFor(input)))[only]) {
    throw new TypeError(`${fn}: the module given is not cert_preflight_${name}_bg.wasm`);
  }
  return glue;
}

export const { checkCertificate, validateRequest, fingerprint, rules, operations, formFields, schema, explain } = createApi(
  dispatch,
  assertReady,
);

export { CertPreflightError };

export const version = "__VERSION__";

export default init;
