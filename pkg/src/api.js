// The JavaScript face of cert-preflight, shared by the browser and Node entries.
//
// The wasm side takes strings and scalars and returns JSON text (see pkg/rust/src/lib.rs):
// checkCertificate's and fingerprint's options one argument each, the request functions'
// options as JSON (their context is an open-ended object). Here we check
// argument types (misuse throws a TypeError that says what was expected), turn `now` into
// epoch milliseconds or RFC 3339 text (the core never reads a clock), and parse the JSON so
// callers get plain objects, identical to the command line's `--format json`.
// Bad certificates or requests are not misuse: they give a report with errors.
//
// What throws: a TypeError when an argument or option has the wrong JavaScript type (or an
// option name is unknown); a CertPreflightError with a stable `code` when the type is right but
// the value cannot be used: "UNKNOWN_OPERATION" (validateRequest's operation) or
// "INVALID_OPTION_VALUE" (e.g. `now: "yesterday"`, `profile: "aws"`).

const ERROR_MARK = 33; // "!": the wasm side's error results start with it; JSON never does.

/** The error a caller can catch by `code`: a value cert-preflight cannot use (not a type error). */
export class CertPreflightError extends Error {
  constructor(code, message, details) {
    super(message);
    this.name = "CertPreflightError";
    /** "UNKNOWN_OPERATION" or "INVALID_OPTION_VALUE". */
    this.code = code;
    if (details) Object.assign(this, details);
  }
}

function invalidValue(fn, option, message) {
  return new CertPreflightError("INVALID_OPTION_VALUE", `${fn}: ${message}`, { option });
}

function describe(value) {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (isDate(value)) return "a Date";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

function isDate(value) {
  return Object.prototype.toString.call(value) === "[object Date]";
}

function isPlainObject(value) {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

function options(fn, value, allowed) {
  if (value === undefined || value === null) return {};
  if (!isPlainObject(value)) {
    throw new TypeError(`${fn}: options must be an object, got ${describe(value)}`);
  }
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) {
      throw new TypeError(`${fn}: unknown option "${key}"; expected one of: ${allowed.join(", ")}`);
    }
  }
  return value;
}

function string(fn, name, value) {
  if (typeof value !== "string") {
    throw new TypeError(`${fn}: ${name} must be a string, got ${describe(value)}`);
  }
  return value;
}

function optionalString(fn, name, value) {
  return value === undefined || value === null ? undefined : string(fn, name, value);
}

function optionalBoolean(fn, name, value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "boolean") {
    throw new TypeError(`${fn}: ${name} must be a boolean, got ${describe(value)}`);
  }
  return value;
}

function timeOf(fn, value) {
  if (value === undefined || value === null) return Date.now();
  if (isDate(value)) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) throw invalidValue(fn, "now", "now is an invalid Date");
    return ms;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw invalidValue(fn, "now", `now must be a finite number of epoch milliseconds, got ${value}`);
    }
    return Math.floor(value); // whole milliseconds; the core judges validity in seconds
  }
  // RFC 3339 text is parsed by the core, with the same parser as the CLI's --now.
  if (typeof value === "string") return value;
  throw new TypeError(
    `${fn}: now must be a Date, epoch milliseconds or an RFC 3339 string, got ${describe(value)}`,
  );
}

function expiryDays(fn, value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number") {
    throw new TypeError(`${fn}: expiryDays must be a non-negative integer, got ${describe(value)}`);
  }
  if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
    throw invalidValue(fn, "expiryDays", `expiryDays must be a non-negative integer, got ${value}`);
  }
  return value;
}

function oneOf(fn, name, value, allowed) {
  const text = optionalString(fn, name, value);
  if (text !== undefined && !allowed.includes(text)) {
    throw invalidValue(fn, name, `${name} must be ${allowed.map((a) => `"${a}"`).join(" or ")}, got "${text}"`);
  }
  return text;
}

function domainsOf(fn, value) {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return value;
  if (Array.isArray(value)) {
    value.forEach((d, i) => string(fn, `domains[${i}]`, d));
    return value.join(",");
  }
  throw new TypeError(
    `${fn}: domains must be a comma-separated string or an array of strings, got ${describe(value)}`,
  );
}

const PROFILES = ["generic", "alibaba-slb"];
// Who the certificate is for (issue 20): the client-acceptance lints that apply.
const AUDIENCES = ["auto", "public", "private"];
const DIGESTS = ["sha1", "sha256"];

/**
 * The caller-context keys validateRequest takes: [camelCase, snake_case (the CLI context
 * file's and the core's spelling), kind]. Both spellings are accepted.
 */
const CONTEXT_KEYS = [
  ["certificate", "certificate", "string"],
  ["listenerProtocol", "listener_protocol", "string"],
  ["defaultCertificateId", "default_certificate_id", "string"],
  ["inUse", "in_use", "boolean"],
  ["service", "service", "string"],
  ["previousCertificate", "previous_certificate", "string"],
  ["existingNames", "existing_names", "strings"],
  ["endpoint", "endpoint", "string"],
  ["zoneName", "zone_name", "string"],
  ["byoip", "byoip", "boolean"],
  ["hosts", "hosts", "strings"],
  ["roots", "roots", "string"],
  ["noPublicRoots", "no_public_roots", "boolean"],
  ["audience", "audience", "string"],
];

function optionalStrings(fn, name, value) {
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: ${name} must be an array of strings, got ${describe(value)}`);
  }
  return value.map((v, i) => string(fn, `${name}[${i}]`, v));
}

// The intermediates pool: PEM text, or an array of PEM texts (one per file); with the names
// its messages give each source.
function intermediatesOf(fn, value) {
  if (value === undefined || value === null) return [undefined, undefined];
  if (typeof value === "string") return [[value], ["intermediates"]];
  if (!Array.isArray(value)) {
    throw new TypeError(`${fn}: intermediates must be a string or an array of strings, got ${describe(value)}`);
  }
  const texts = value.map((v, i) => string(fn, `intermediates[${i}]`, v));
  return [texts, texts.map((_, i) => `intermediates[${i}]`)];
}

// checkCertificate's first argument: PEM text, or a file's bytes (a PKCS#12 .pfx/.p12 above
// all; other bytes are read as the CLI reads a certificate file). Returns [text, bytes].
function certificateOf(fn, value) {
  if (typeof value === "string") return [value, undefined];
  if (value instanceof Uint8Array || Object.prototype.toString.call(value) === "[object Uint8Array]") {
    return ["", value];
  }
  if (value instanceof ArrayBuffer) return ["", new Uint8Array(value)];
  throw new TypeError(
    `${fn}: pem must be a string or a Uint8Array, got ${describe(value)}`,
  );
}

function pick(object, camel, snake) {
  return object[camel] !== undefined ? object[camel] : object[snake];
}

/**
 * Builds the public functions over the wasm-bindgen exports `raw`. `ready()` throws when the
 * module has not been instantiated yet (browser build before `init()`).
 */
export function createApi(raw, ready, verifier) {
  // The wasm side's errors are "!CODE\tSUBJECT\tmessage" (pkg/rust/src/lib.rs), SUBJECT the
  // option or operation concerned; the glue has already checked types, so these are values the
  // core could not use.
  // `need` names what must be loaded when it is not `fn` itself (`rules` with an operation
  // reads the operations' declarations, which only the request module has).
  function call(fn, thunk, need = fn) {
    ready(need);
    const out = thunk();
    if (typeof out === "string" && out.charCodeAt(0) === ERROR_MARK) {
      const [code, subject, message] = out.slice(1).split("\t");
      const details = code === "UNKNOWN_OPERATION" ? { operation: subject } : { option: subject };
      throw new CertPreflightError(code, `${fn}: ${message}`, details);
    }
    return JSON.parse(out);
  }

  function checkCertificate(pem, opts) {
    const fn = "checkCertificate";
    const [text, bytes] = certificateOf(fn, pem);
    const o = options(fn, opts, ["key", "domains", "ca", "now", "expiryDays", "profile", "roots", "noPublicRoots", "audience", "intermediates", "password", "keyPassword"]);
    // In the order the options are checked (the first misuse is the one reported).
    const key = optionalString(fn, "key", o.key);
    const domains = domainsOf(fn, o.domains);
    const ca = optionalBoolean(fn, "ca", o.ca);
    const now = timeOf(fn, o.now);
    const days = expiryDays(fn, o.expiryDays);
    const profile = oneOf(fn, "profile", o.profile, PROFILES);
    const roots = optionalString(fn, "roots", o.roots);
    const noPublicRoots = optionalBoolean(fn, "noPublicRoots", o.noPublicRoots);
    const audience = oneOf(fn, "audience", o.audience, AUDIENCES);
    const [intermediates, intermediateNames] = intermediatesOf(fn, o.intermediates);
    // A PKCS#12 file's password: never echoed, in a message or anywhere else.
    const password = optionalString(fn, "password", o.password);
    // An encrypted key's password (Node, and the browser's PKCS#12 module): never echoed.
    const keyPassword = optionalString(fn, "keyPassword", o.keyPassword);
    // `now` is epoch milliseconds (a number) or RFC 3339 text: one argument for each form.
    const [nowMs, nowText] = typeof now === "number" ? [now, undefined] : [undefined, now];
    const rest = [key, domains, ca, nowMs, nowText, days, profile, roots, noPublicRoots, audience, intermediates, intermediateNames, verifier, keyPassword];
    return call(fn, () =>
      bytes === undefined ? raw.check_certificate(text, ...rest) : raw.check_certificate_bytes(bytes, password, ...rest),
    );
  }

  function validateRequest(operation, body, opts) {
    const fn = "validateRequest";
    string(fn, "operation", operation);
    const text = bodyText(fn, "body", body);
    const o = options(fn, opts, ["path", "context", "now", "expiryDays", "keyPassword"]);
    const payload = requestPayload(fn, o);
    // An encrypted key's password, as checkCertificate's: its own argument (never in the JSON
    // payload), never echoed; the modules without the ciphers refuse it (the browser entry).
    const keyPassword = optionalString(fn, "keyPassword", o.keyPassword);
    return call(fn, () => raw.validate_request(operation, text, payload, verifier, keyPassword));
  }

  // `{path, context, now, expiry_days}` for the wasm side, from validateRequest's options.
  function requestPayload(fn, o) {
    const path = {};
    if (o.path !== undefined && o.path !== null) {
      if (!isPlainObject(o.path)) {
        throw new TypeError(`${fn}: path must be an object of path parameters, got ${describe(o.path)}`);
      }
      for (const [k, v] of Object.entries(o.path)) path[k] = string(fn, `path.${k}`, v);
    }
    const c = options(
      `${fn}: context`,
      o.context,
      CONTEXT_KEYS.flatMap(([camel, snake]) => (camel === snake ? [camel] : [camel, snake])),
    );
    const context = {};
    for (const [camel, snake, kind] of CONTEXT_KEYS) {
      const value = pick(c, camel, snake);
      const name = `context.${camel}`;
      if (kind === "string") context[snake] = optionalString(fn, name, value);
      else if (kind === "boolean") context[snake] = optionalBoolean(fn, name, value);
      else context[snake] = optionalStrings(fn, name, value);
    }
    return JSON.stringify({ path, context, now: timeOf(fn, o.now), expiry_days: expiryDays(fn, o.expiryDays) });
  }

  function bodyText(fn, name, body) {
    if (typeof body === "string") return body;
    if (body === undefined || typeof body === "function" || typeof body === "symbol") {
      throw new TypeError(`${fn}: ${name} must be a JSON string or a JSON-compatible value, got ${describe(body)}`);
    }
    try {
      return JSON.stringify(body);
    } catch (e) {
      throw new TypeError(`${fn}: ${name} cannot be converted to JSON: ${e && e.message}`);
    }
  }

  function schema(operation) {
    const fn = "schema";
    string(fn, "operation", operation);
    return call(fn, () => raw.schema(operation));
  }

  function explain(operation, error, opts) {
    const fn = "explain";
    string(fn, "operation", operation);
    string(fn, "error", error);
    const o = options(fn, opts, ["request", "path", "context", "now", "expiryDays"]);
    if (o.request === undefined || o.request === null) {
      if (o.path !== undefined || o.context !== undefined) {
        throw new TypeError(`${fn}: path and context describe a request; give it as the request option`);
      }
      return call(fn, () => raw.explain(operation, error, undefined, "{}", verifier));
    }
    const text = bodyText(fn, "request", o.request);
    const payload = requestPayload(fn, o);
    return call(fn, () => raw.explain(operation, error, text, payload, verifier));
  }

  function fingerprint(pem, opts) {
    const fn = "fingerprint";
    string(fn, "pem", pem);
    const o = options(fn, opts, ["algorithm", "style"]);
    let algorithm = o.algorithm;
    if (Array.isArray(algorithm)) {
      if (algorithm.length === 0) {
        throw invalidValue(fn, "algorithm", "algorithm must name at least one digest");
      }
      algorithm.forEach((a, i) => oneOf(fn, `algorithm[${i}]`, a, DIGESTS));
      algorithm = [...new Set(algorithm)];
    } else {
      algorithm = oneOf(fn, "algorithm", algorithm, DIGESTS);
    }
    const style = oneOf(fn, "style", o.style, ["hex", "colon"]);
    if (!Array.isArray(algorithm)) {
      return call(fn, () => raw.fingerprint(pem, algorithm, style));
    }
    // Several digests: one report, `fingerprints` per certificate an object keyed by digest.
    // The PEM is read once per digest; the diagnostics are the same each time.
    const reports = algorithm.map((a) => call(fn, () => raw.fingerprint(pem, a, style)));
    const [first] = reports;
    first.fingerprints = first.fingerprints.map((_, i) =>
      Object.fromEntries(algorithm.map((a, k) => [a, reports[k].fingerprints[i]])),
    );
    return first;
  }

  // Without an operation, the catalogue; with one, every rule as that operation reports it
  // (its error codes and the severities its policy gives), as `rules --operation` lists them.
  function rules(operation) {
    const fn = "rules";
    if (operation === undefined) return call(fn, () => raw.rules());
    string(fn, "operation", operation);
    return call(fn, () => raw.operation_rules(operation), "rules(operation)");
  }

  function operations() {
    return call("operations", () => raw.operations());
  }

  function formFields(operation) {
    const fn = "formFields";
    string(fn, "operation", operation);
    return call(fn, () => raw.form_fields(operation));
  }

  return { checkCertificate, validateRequest, fingerprint, rules, operations, formFields, schema, explain };
}
