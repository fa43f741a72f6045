// Browser (and bundler) entry: ES module. Call `await init()` once (or `initSync(bytes)`),
// then every function is synchronous.
import wbInit, * as raw from "./cert_preflight_wasm.js";
import { createApi, CertPreflightError } from "./api.js";

let ready = false;
let pending;

function assertReady(fn) {
  if (!ready) {
    throw new Error(
      `${fn}: cert-preflight is not initialized yet; call \`await init()\` (or initSync) first`,
    );
  }
}

/**
 * Loads the WebAssembly module. Idempotent: later calls return the same promise. `input` may be
 * a URL or string (fetched), a Request, a Response (or a promise of one), bytes
 * (ArrayBuffer / typed array) or a compiled WebAssembly.Module. Without it the module is
 * fetched from next to this file (`new URL("cert_preflight_wasm_bg.wasm", import.meta.url)`).
 */
export function init(input) {
  if (ready) return Promise.resolve();
  if (!pending) {
    pending = wbInit(input === undefined ? undefined : { module_or_path: input }).then(
      () => {
        ready = true;
      },
      (error) => {
        pending = undefined;
        throw error;
      },
    );
  }
  return pending;
}

/** Instantiates synchronously from bytes or a WebAssembly.Module. Idempotent. */
export function initSync(module) {
  if (ready) return;
  if (
    !(module instanceof ArrayBuffer) &&
    !ArrayBuffer.isView(module) &&
    !(module instanceof WebAssembly.Module)
  ) {
    throw new TypeError(
      "initSync: expected the module's bytes (ArrayBuffer or typed array) or a WebAssembly.Module",
    );
  }
  wbInitSync({ module });
  ready = true;
}

const { initSync: wbInitSync } = raw;

export const { checkCertificate, validateRequest, fingerprint, rules, operations } = createApi(
  raw,
  assertReady,
);

export { CertPreflightError };

export const version = "__VERSION__";

export default init;
