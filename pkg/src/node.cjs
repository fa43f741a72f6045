// Node entry (CommonJS): the request module (everything, validateRequest included) is
// instantiated synchronously when this file is loaded.
// The ESM entry (index.mjs) re-exports this one, so `import` and `require` share one instance.
"use strict";
const raw = require("./cert_preflight_wasm.cjs");
const { createApi, CertPreflightError } = require("./api.cjs");
// Signatures are verified by node:crypto (OpenSSL), about 20 times faster than ring in wasm;
// the reports are the same (pkg/test/node/verifier.test.mjs).
const { nodeVerifier } = require("./node-verify.cjs");

const api = createApi(raw, () => {}, nodeVerifier);

module.exports = {
  ...api,
  CertPreflightError,
  version: "__VERSION__",
  // Already initialized in Node: these exist so that code written for the browser runs as is.
  init: () => Promise.resolve(),
  initSync: () => {},
  // Node loads the request module, which does everything: nothing more to load.
  initRequests: () => Promise.resolve(),
  // And it opens PKCS#12 files (the browser's third module is this one built for size).
  initPkcs12: () => Promise.resolve(),
};
module.exports.default = module.exports.init;
