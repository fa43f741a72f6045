// esbuild: it does not follow `new URL(…, import.meta.url)`, so the page imports the .wasm
// subpaths as URLs (built with `--loader:.wasm=file`) and passes them to init() and
// initRequests() (and initPkcs12()), as the README says.
import init, {
  checkCertificate,
  fingerprint,
  initPkcs12,
  initRequests,
  validateRequest,
  CertPreflightError,
} from "cert-preflight";
import wasmUrl from "cert-preflight/cert_preflight_bg.wasm";
import requestsWasmUrl from "cert-preflight/cert_preflight_requests_bg.wasm";
import pkcs12WasmUrl from "cert-preflight/cert_preflight_pkcs12_bg.wasm";

init(wasmUrl).then(
  () => {
    window.cp = {
      checkCertificate,
      fingerprint,
      initRequests: () => initRequests(requestsWasmUrl),
      initPkcs12: () => initPkcs12(pkcs12WasmUrl),
      validateRequest,
      CertPreflightError,
    };
    document.body.dataset.ready = "true";
  },
  (e) => {
    document.body.dataset.error = String(e);
  },
);
