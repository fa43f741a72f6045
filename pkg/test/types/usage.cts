// The CommonJS side of the types: `require` resolves to index.d.cts.
import cp = require("cert-preflight");

const report: import("cert-preflight").Report = cp.checkCertificate("pem", { now: 0 });
const ok: boolean = report.valid;
const n: number = cp.rules().length + cp.operations().length;
void [ok, n, cp.version];
