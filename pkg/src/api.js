// The JavaScript face of cert-preflight, shared by the browser and Node entries.
//
// The wasm side takes strings and returns JSON text (see pkg/rust/src/lib.rs). Here we check
// argument types (misuse throws a TypeError that says what was expected), turn `now` into
// epoch milliseconds or RFC 3339 text (the core never reads a clock), and parse the JSON so
// callers get plain objects, identical to the command line's `--format json`.
// Bad certificates or requests are not misuse: they give a report with errors.

const ERROR_MARK = 33; // "!": the wasm side's error results start with it; JSON never does.

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
    if (Number.isNaN(ms)) throw new TypeError(`${fn}: now is an invalid Date`);
    return ms;
  }
  if (typeof value === "number") {
    if (!Number.isFinite(value)) {
      throw new TypeError(`${fn}: now must be a finite number of epoch milliseconds, got ${value}`);
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
  if (!Number.isInteger(value) || value < 0 || value > 4294967295) {
    throw new TypeError(`${fn}: expiryDays must be a non-negative integer, got ${String(value)}`);
  }
  return value;
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

function pick(object, camel, snake) {
  return object[camel] !== undefined ? object[camel] : object[snake];
}

/**
 * Builds the public functions over the wasm-bindgen exports `raw`. `ready()` throws when the
 * module has not been instantiated yet (browser build before `init()`).
 */
export function createApi(raw, ready) {
  function call(fn, thunk) {
    ready(fn);
    const out = thunk();
    if (typeof out === "string" && out.charCodeAt(0) === ERROR_MARK) {
      throw new TypeError(`${fn}: ${out.slice(1)}`);
    }
    return JSON.parse(out);
  }

  function checkCertificate(pem, opts) {
    const fn = "checkCertificate";
    string(fn, "pem", pem);
    const o = options(fn, opts, ["key", "domains", "ca", "now", "expiryDays"]);
    const payload = JSON.stringify({
      key: optionalString(fn, "key", o.key),
      domains: domainsOf(fn, o.domains),
      ca: optionalBoolean(fn, "ca", o.ca),
      now: timeOf(fn, o.now),
      expiry_days: expiryDays(fn, o.expiryDays),
    });
    return call(fn, () => raw.check_certificate(pem, payload));
  }

  function validateRequest(operation, body, opts) {
    const fn = "validateRequest";
    string(fn, "operation", operation);
    let text;
    if (typeof body === "string") {
      text = body;
    } else if (body === undefined || typeof body === "function" || typeof body === "symbol") {
      throw new TypeError(`${fn}: body must be a JSON string or a JSON-compatible value, got ${describe(body)}`);
    } else {
      try {
        text = JSON.stringify(body);
      } catch (e) {
        throw new TypeError(`${fn}: body cannot be converted to JSON: ${e && e.message}`);
      }
    }
    const o = options(fn, opts, ["path", "context", "now", "expiryDays"]);
    const path = {};
    if (o.path !== undefined && o.path !== null) {
      if (!isPlainObject(o.path)) {
        throw new TypeError(`${fn}: path must be an object of path parameters, got ${describe(o.path)}`);
      }
      for (const [k, v] of Object.entries(o.path)) path[k] = string(fn, `path.${k}`, v);
    }
    const c = options(`${fn}: context`, o.context, [
      "certificate",
      "listenerProtocol",
      "listener_protocol",
      "defaultCertificateId",
      "default_certificate_id",
      "inUse",
      "in_use",
    ]);
    const payload = JSON.stringify({
      path,
      certificate: optionalString(fn, "context.certificate", c.certificate),
      listener_protocol: optionalString(fn, "context.listenerProtocol", pick(c, "listenerProtocol", "listener_protocol")),
      default_certificate_id: optionalString(
        fn,
        "context.defaultCertificateId",
        pick(c, "defaultCertificateId", "default_certificate_id"),
      ),
      in_use: optionalBoolean(fn, "context.inUse", pick(c, "inUse", "in_use")),
      now: timeOf(fn, o.now),
      expiry_days: expiryDays(fn, o.expiryDays),
    });
    return call(fn, () => raw.validate_request(operation, text, payload));
  }

  function fingerprint(pem, opts) {
    const fn = "fingerprint";
    string(fn, "pem", pem);
    const o = options(fn, opts, ["algorithm", "style"]);
    const algorithm = optionalString(fn, "algorithm", o.algorithm);
    const style = optionalString(fn, "style", o.style);
    if (algorithm !== undefined && algorithm !== "sha1" && algorithm !== "sha256") {
      throw new TypeError(`${fn}: algorithm must be "sha1" or "sha256", got "${algorithm}"`);
    }
    if (style !== undefined && style !== "hex" && style !== "colon") {
      throw new TypeError(`${fn}: style must be "hex" or "colon", got "${style}"`);
    }
    const payload = JSON.stringify({ algorithm, style });
    return call(fn, () => raw.fingerprint(pem, payload));
  }

  function rules() {
    return call("rules", () => raw.rules());
  }

  function operations() {
    return call("operations", () => raw.operations());
  }

  return { checkCertificate, validateRequest, fingerprint, rules, operations };
}
