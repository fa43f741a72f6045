// esbuild: it does not follow `new URL(…, import.meta.url)`, so the page imports the .wasm
// subpaths as URLs (built with `--loader:.wasm=file`) and passes them to init() and
// initRequests(), as the README says.
import init, {
  checkCertificate,
  fingerprint,
  initRequests,
  validateRequest,
  CertPreflightError,
} from "cert-preflight";
import wasmUrl from "cert-preflight/cert_preflight_bg.wasm";
import requestsWasmUrl from "cert-preflight/cert_preflight_requests_bg.wasm";

init(wasmUrl).then(
  () => {
    window.cp = {
      checkCertificate,
      fingerprint,
      initRequests: () => initRequests(requestsWasmUrl),
      validateRequest,
      CertPreflightError,
    };
    document.body.dataset.ready = "true";
  },
  (e) => {
    document.body.dataset.error = String(e);
  },
);
