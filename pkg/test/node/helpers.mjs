import { readFileSync } from "node:fs";

export const FIXTURES = new URL("../fixtures/", import.meta.url);
export const fixture = (name) => readFileSync(new URL(name, FIXTURES), "utf8");
export const NOW = "2027-06-01T00:00:00Z";

/** The openssl SHA-1 fingerprint (colon style) of a fixture, from fingerprints.txt. */
export function opensslSha1(name) {
  const line = fixture("fingerprints.txt")
    .split("\n")
    .find((l) => l.startsWith(`${name} `));
  return line.split("=")[1].trim();
}

/** The base64 body of a PEM block, as one string and as its lines. */
export function base64Of(pem) {
  const body = pem.replace(/-----[^-]+-----/g, "").trim();
  return { joined: body.replace(/\s+/g, ""), lines: body.split(/\s+/).filter((l) => l.length >= 16) };
}
