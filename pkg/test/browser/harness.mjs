// What every headless-Chromium run of the package shares (the demo test, the bundlers test and
// the browser benchmark): a static file server on 127.0.0.1 and a Chromium launched with the
// flags that keep it off the network. `chromium` is passed in because each caller resolves
// playwright-core from its own node_modules (pkg/, pkg/test/bundlers/, pkg/bench/).
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Debian's chromium unless CHROMIUM names another binary. */
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

/** No sandbox (CI runs as root), no GPU, and none of the background traffic a profile makes. */
export const CHROMIUM_FLAGS = [
  "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
  "--disable-background-networking", "--disable-component-update", "--disable-sync",
];

/** Serves `dir` with `python3 -m http.server` on a free port of 127.0.0.1: `{ base, stop }`. */
export async function serveStatic(dir) {
  const server = spawn("python3", ["-u", "-m", "http.server", "0", "--bind", "127.0.0.1", "--directory", dir], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  try {
    const base = await new Promise((resolve, reject) => {
      let seen = "";
      const timer = setTimeout(() => reject(new Error(`http.server did not start: ${seen}`)), 10000);
      server.stdout.on("data", (chunk) => {
        seen += chunk;
        const m = /port (\d+)/.exec(seen);
        if (m) {
          clearTimeout(timer);
          resolve(`http://127.0.0.1:${m[1]}`);
        }
      });
      server.on("exit", (code) => reject(new Error(`http.server exited ${code}: ${seen}`)));
    });
    return { base, stop: () => server.kill() };
  } catch (e) {
    server.kill();
    throw e;
  }
}

/** A headless Chromium with a throw-away profile: `{ context, close }` (close removes it). */
export async function launchChromium(chromium, prefix = "cert-preflight-chromium-") {
  const profile = mkdtempSync(join(tmpdir(), prefix));
  try {
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: CHROMIUM_FLAGS,
    });
    return {
      context,
      close: async () => {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}
