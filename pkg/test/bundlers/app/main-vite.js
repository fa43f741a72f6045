// Vite: the package as documented, `await init()` with no argument. Vite sees the glue's
// `new URL("cert_preflight_wasm_bg.wasm", import.meta.url)` and emits the .wasm as an asset; the
// request module (`initRequests()`, called by the test) is a chunk and an asset of its own that
// the page loads only then; so is the PKCS#12 module (`initPkcs12()`).
import init, {
  checkCertificate,
  fingerprint,
  initPkcs12,
  initRequests,
  validateRequest,
  CertPreflightError,
} from "cert-preflight";

init().then(
  () => {
    window.cp = {
      checkCertificate,
      fingerprint,
      initRequests: () => initRequests(),
      initPkcs12: () => initPkcs12(),
      validateRequest,
      CertPreflightError,
    };
    document.body.dataset.ready = "true";
  },
  (e) => {
    document.body.dataset.error = String(e);
  },
);
