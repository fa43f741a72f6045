// Node entry (CommonJS): the module is instantiated synchronously when this file is loaded.
// The ESM entry (index.mjs) re-exports this one, so `import` and `require` share one instance.
"use strict";
const raw = require("./cert_preflight_wasm.cjs");
const { createApi } = require("./api.cjs");

const api = createApi(raw, () => {});

module.exports = {
  ...api,
  version: "__VERSION__",
  // Already initialized in Node: these exist so that code written for the browser runs as is.
  init: () => Promise.resolve(),
  initSync: () => {},
};
module.exports.default = module.exports.init;
