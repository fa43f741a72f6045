// esbuild: it does not follow `new URL(…, import.meta.url)`, so the page imports the .wasm
// subpath as a URL (built with `--loader:.wasm=file`) and passes it to init(), as the README says.
import init, { checkCertificate, fingerprint, CertPreflightError } from "cert-preflight";
import wasmUrl from "cert-preflight/cert_preflight_bg.wasm";

init(wasmUrl).then(
  () => {
    window.cp = { checkCertificate, fingerprint, CertPreflightError };
    document.body.dataset.ready = "true";
  },
  (e) => {
    document.body.dataset.error = String(e);
  },
);
