// The full check in headless Chromium (issue 23, item 4): the browser build (ring in wasm
// verifies; the certificate module that init() loads), timed by browser.html in the page.
//
// Run: `node browser.bench.mjs` in pkg/bench after scripts/build-wasm.sh and npm ci in pkg/
// (playwright-core drives Debian's chromium, CHROMIUM overrides its path). ROUNDS (default 5)
// rounds of PER_ROUND (default 50) calls, contenders interleaved; prints each one's median and
// minimum over the rounds, the time of init() and of the first check after it.
// `ROUNDS=1 PER_ROUND=2` is the quick gate (the report is the golden case's, exactly).
import { createRequire } from "node:module";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { launchChromium, serveStatic } from "../test/browser/harness.mjs";

const require = createRequire(new URL("../package.json", import.meta.url));
const { chromium } = require("playwright-core");
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const ROUNDS = Number(process.env.ROUNDS || 5);
const PER_ROUND = Number(process.env.PER_ROUND || 50);

const server = await serveStatic(ROOT);
let browser;
try {
  const { base } = server;
  browser = await launchChromium(chromium, "cert-preflight-bench-chromium-");
  const { context } = browser;
  const page = await context.newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  // DISTS: other builds to time beside this checkout's, as paths under the repository root
  // (e.g. a copy of main's pkg/dist in target/), comma-separated.
  const dists = ["../dist", ...(process.env.DISTS ? process.env.DISTS.split(",").map((d) => `/${d}`) : [])];
  await page.goto(`${base}/pkg/bench/browser.html?rounds=${ROUNDS}&per_round=${PER_ROUND}&dists=${dists.join(",")}`);
  await page.waitForSelector("body[data-done=true]", { state: "attached", timeout: 600000 });
  const result = await page.evaluate(() => window.benchResult);
  if (result.error || errors.length) throw new Error(`the page failed: ${result.error || errors.join("; ")}`);
  const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  console.log(`${result.userAgent}; ${ROUNDS} rounds of ${PER_ROUND} calls; load average ${loadavg().map((l) => l.toFixed(2)).join(", ")}`);
  console.log("");
  console.log("| in headless Chromium | median per call | min | rounds |");
  console.log("| --- | --- | --- | --- |");
  for (const [name, xs] of Object.entries(result.rounds)) {
    console.log(`| ${name} | ${median(xs).toFixed(0)} us | ${Math.min(...xs).toFixed(0)} us | ${xs.map((x) => x.toFixed(0)).join(", ")} |`);
  }
  for (const [dist, { initMs, firstCheckMs }] of Object.entries(result.loads)) {
    console.log(`| init() (fetch and compile the certificate module) [${dist}] | ${initMs.toFixed(1)} ms | | |`);
    console.log(`| first full check after init() [${dist}] | ${firstCheckMs.toFixed(1)} ms | | |`);
  }
} finally {
  await browser?.close();
  server.stop();
}
