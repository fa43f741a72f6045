// Signature verification with node:crypto (OpenSSL) for the Node entry: the wasm core picks the
// algorithm and applies every limit, then asks `verify` whether the signature holds (protocol:
// pkg/rust/src/verifier.rs). OpenSSL verifies an RSA-2048 signature in about 20 us where ring
// compiled to WebAssembly takes about 320 us.
"use strict";
const { createPublicKey, verify, constants } = require("node:crypto");

const VERIFIED = 0;
const BAD = 1;
const UNSUPPORTED = 2;

const PKCS1 = 1;
const PSS = 2;
const EC = 3;
const ED = 4;

// Position = the code the module passes; names must equal the module's
// `signature_algorithms()` (checked by pkg/test/node/verifier.test.mjs).
const SCHEMES = [
  ["rsa-pkcs1-sha1", "sha1", PKCS1],
  ["rsa-pkcs1-sha256", "sha256", PKCS1],
  ["rsa-pkcs1-sha384", "sha384", PKCS1],
  ["rsa-pkcs1-sha512", "sha512", PKCS1],
  ["rsa-pss-sha256", "sha256", PSS],
  ["rsa-pss-sha384", "sha384", PSS],
  ["rsa-pss-sha512", "sha512", PSS],
  ["ecdsa-p256-sha256", "sha256", EC],
  ["ecdsa-p256-sha384", "sha384", EC],
  ["ecdsa-p384-sha256", "sha256", EC],
  ["ecdsa-p384-sha384", "sha384", EC],
  ["ed25519", null, ED],
];

// KeyObjects already made, by key bytes: making one (createPublicKey parses the DER into an
// OpenSSL key) costs more than the RSA-2048 verification itself, and the same issuer keys come
// back call after call (a chain's intermediate and root, a form checked as the user types).
// The Map's key is the DER itself (as a latin1 string: exact, no hashing, about 300 bytes for
// RSA-2048); public keys only, nothing secret. Bounded: past KEY_CACHE_SIZE entries the oldest
// is dropped (a Map iterates in insertion order; a hit is moved to the end).
const KEY_CACHE_SIZE = 64;
const keyCache = new Map();

function cachedKey(kind, bytes, make) {
  const id = kind + Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("latin1");
  let keyObject = keyCache.get(id);
  if (keyObject !== undefined) {
    keyCache.delete(id);
  } else {
    keyObject = make();
    if (keyCache.size >= KEY_CACHE_SIZE) keyCache.delete(keyCache.keys().next().value);
  }
  keyCache.set(id, keyObject);
  return keyObject;
}

const nodeVerifier = {
  /**
   * `spki`, `key`, `message`, `signature` are views of the wasm memory, valid during the call.
   * Never throws: a key or signature OpenSSL rejects is BAD.
   */
  verify(code, spki, key, message, signature) {
    const scheme = SCHEMES[code];
    if (scheme === undefined) return UNSUPPORTED;
    const [, hash, kind] = scheme;
    try {
      let publicKey;
      if (kind === PKCS1 || kind === PSS) {
        // The bare RSAPublicKey, as ring takes it: an RSASSA-PSS SubjectPublicKeyInfo's
        // parameters would otherwise restrict OpenSSL where ring ignores them.
        const rsa = cachedKey("r", key, () => createPublicKey({ key, format: "der", type: "pkcs1" }));
        publicKey =
          kind === PSS
            ? {
                key: rsa,
                padding: constants.RSA_PKCS1_PSS_PADDING,
                // ring verifies PSS with a salt as long as the digest.
                saltLength: constants.RSA_PSS_SALTLEN_DIGEST,
              }
            : rsa;
      } else {
        publicKey = cachedKey("s", spki, () => createPublicKey({ key: spki, format: "der", type: "spki" }));
      }
      return verify(hash, message, publicKey, signature) ? VERIFIED : BAD;
    } catch {
      return BAD;
    }
  },
};

module.exports = { nodeVerifier, SCHEMES, KEY_CACHE_SIZE, keyCache };
