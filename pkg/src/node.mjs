// Node entry (ES module): re-exports the CommonJS entry so that `import` and `require` share
// one WebAssembly instance; instantiated synchronously at import.
import { createRequire } from "node:module";

const api = createRequire(import.meta.url)("./index.cjs");

export const {
  checkCertificate,
  validateRequest,
  fingerprint,
  rules,
  operations,
  formFields,
  schema,
  explain,
  CertPreflightError,
  version,
  init,
  initSync,
  initRequests,
  initPkcs12,
} = api;

export default init;
