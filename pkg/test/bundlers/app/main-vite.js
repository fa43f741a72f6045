// Vite: the package as documented, `await init()` with no argument. Vite sees the glue's
// `new URL("cert_preflight_wasm_bg.wasm", import.meta.url)` and emits the .wasm as an asset.
import init, { checkCertificate, fingerprint, CertPreflightError } from "cert-preflight";

init().then(
  () => {
    window.cp = { checkCertificate, fingerprint, CertPreflightError };
    document.body.dataset.ready = "true";
  },
  (e) => {
    document.body.dataset.error = String(e);
  },
);
