# Chain scenarios for testdata/certs/chains/ (issues 8 and 9): sourced by gen-testdata.sh,
# which defines genkey, issue, verify_ok, verify_fails, keys_match, q, die, $CNF, $WORK, $PY
# and the validity dates. `bash scripts/gen-testdata.sh chains` rebuilds only this directory
# (and facts.json), so that the other fixtures and their goldens keep their bytes.

gen_chains() {
  local D=$OUT/chains
  rm -rf "$D"
  mkdir -p "$D"
  local W=$WORK/chains
  mkdir -p "$W"
  export SAN="DNS:www.example.com, DNS:example.com" KU="digitalSignature, keyEncipherment" EKU=serverAuth

  # Extensions only these scenarios need: a leaf that says where its issuer can be downloaded.
  cat >>"$CNF" <<'EOF'

[ v3_leaf_aia ]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
subjectAltName = DNS:www.example.com
authorityInfoAccess = caIssuers;URI:http://pki.example.com/preflight-intermediate.crt
EOF

  # wrong-issuer-*: the leaf's issuer by name is a certificate whose key type cannot have made
  # the leaf's signature (the wrong intermediate: same name, other key type). Both directions.
  # The right intermediates are signed by one RSA root; the wrong ones by the same root.
  genkey "$W/root.key" rsa
  issue "$D/root.pem" "$W/root.key" "/O=Preflight Test/CN=Preflight Chains Root" self - \
    "$CA_NB" "$CA_NA" v3_root
  local sig key other
  for spec in "rsa-sig-ec-key rsa p256" "ec-sig-rsa-key p256 rsa"; do
    read -r sig key other <<<"$spec"
    local name="/O=Preflight Test/CN=Preflight Chains Intermediate $sig"
    genkey "$W/$sig.right.key" "$key"
    genkey "$W/$sig.wrong.key" "$other"
    issue "$W/$sig.right.pem" "$W/$sig.right.key" "$name" "$D/root.pem" "$W/root.key" \
      "$CA_NB" "$CA_NA" v3_ca
    issue "$W/$sig.wrong.pem" "$W/$sig.wrong.key" "$name" "$D/root.pem" "$W/root.key" \
      "$CA_NB" "$CA_NA" v3_ca
    genkey "$D/wrong-issuer-$sig.key" "$key"
    issue "$W/$sig.leaf.pem" "$D/wrong-issuer-$sig.key" "/O=Preflight Test/CN=www.example.com" \
      "$W/$sig.right.pem" "$W/$sig.right.key" "$NB" "$NA" v3_leaf
    cat "$W/$sig.leaf.pem" "$W/$sig.wrong.pem" >"$D/wrong-issuer-$sig.pem"
    verify_ok "$D/root.pem" "$W/$sig.right.pem" "$W/$sig.leaf.pem"
    # openssl matches the issuer by key identifier too, so it finds none at all.
    verify_fails "unable to get local issuer certificate" "$D/root.pem" "$W/$sig.wrong.pem" "$W/$sig.leaf.pem"
  done
  openssl x509 -in "$W/rsa-sig-ec-key.wrong.pem" -noout -text | grep -q 'ASN1 OID: prime256v1' \
    || die "the wrong intermediate of rsa-sig-ec-key has no EC key"

  # rollover-*: a CA key rollover (RFC 5280 "self-issued"). The old root (key 1) and the new
  # root (key 2) share one name; the link certificate has that name and key 2, signed by key 1.
  # The intermediate is signed by key 2, the leaf by the intermediate.
  local rname="/O=Preflight Test/CN=Preflight Rollover Root"
  genkey "$W/rollover-old.key" rsa
  genkey "$W/rollover-new.key" rsa
  genkey "$W/rollover-int.key" rsa
  genkey "$D/rollover.key" rsa
  issue "$D/rollover-old-root.pem" "$W/rollover-old.key" "$rname" self - "$CA_NB" "$CA_NA" v3_root
  issue "$D/rollover-new-root.pem" "$W/rollover-new.key" "$rname" self - "$CA_NB" "$CA_NA" v3_root
  issue "$W/rollover-link.pem" "$W/rollover-new.key" "$rname" "$D/rollover-old-root.pem" \
    "$W/rollover-old.key" "$CA_NB" "$CA_NA" v3_ca
  issue "$W/rollover-int.pem" "$W/rollover-int.key" "/O=Preflight Test/CN=Preflight Rollover Intermediate" \
    "$D/rollover-new-root.pem" "$W/rollover-new.key" "$CA_NB" "$CA_NA" v3_ca
  issue "$W/rollover-leaf.pem" "$D/rollover.key" "/O=Preflight Test/CN=www.example.com" \
    "$W/rollover-int.pem" "$W/rollover-int.key" "$NB" "$NA" v3_leaf
  # In order: leaf, intermediate, link (self-issued), old root. Then the same, shuffled.
  cat "$W/rollover-leaf.pem" "$W/rollover-int.pem" "$W/rollover-link.pem" "$D/rollover-old-root.pem" \
    >"$D/rollover.pem"
  cat "$D/rollover-old-root.pem" "$W/rollover-link.pem" "$W/rollover-leaf.pem" "$W/rollover-int.pem" \
    >"$D/rollover-shuffled.pem"
  # Leaf, intermediate and the link only: the path ends at the link, whose issuer (the old
  # root) is missing.
  cat "$W/rollover-leaf.pem" "$W/rollover-int.pem" "$W/rollover-link.pem" >"$D/rollover-no-root.pem"
  cp "$W/rollover-link.pem" "$D/rollover-link.pem"
  [ "$(openssl x509 -in "$W/rollover-link.pem" -noout -subject)" = \
    "$(openssl x509 -in "$W/rollover-link.pem" -noout -issuer | sed 's/^issuer/subject/')" ] \
    || die "the rollover link is not self-issued"
  cat "$W/rollover-int.pem" "$W/rollover-link.pem" >"$W/rollover-untrusted.pem"
  verify_ok "$D/rollover-old-root.pem" "$W/rollover-untrusted.pem" "$W/rollover-leaf.pem"
  verify_ok "$D/rollover-new-root.pem" "$W/rollover-int.pem" "$W/rollover-leaf.pem"
  # Its authority key identifier is the old root's key, not its own.
  local ski aki
  ski=$(openssl x509 -in "$W/rollover-link.pem" -noout -ext subjectKeyIdentifier | tail -n 1 | tr -d ' ')
  aki=$(openssl x509 -in "$W/rollover-link.pem" -noout -ext authorityKeyIdentifier | tail -n 1 | tr -d ' ')
  [ -n "$ski" ] && [ "$aki" != "$ski" ] || die "the rollover link's AKI ($aki) is its own SKI ($ski)"
  verify_fails "unable to get local issuer certificate" "$W/rollover-link.pem" - "$W/rollover-link.pem"

  # missing-issuer-aia: a leaf alone whose AIA says where its intermediate is; its intermediate
  # and root are kept for the --roots and complete-chain cases.
  genkey "$W/aia-root.key" rsa
  genkey "$W/aia-int.key" rsa
  issue "$D/aia-root.pem" "$W/aia-root.key" "/O=Preflight Test/CN=Preflight AIA Root" self - \
    "$CA_NB" "$CA_NA" v3_root
  issue "$D/aia-intermediate.pem" "$W/aia-int.key" "/O=Preflight Test/CN=Preflight AIA Intermediate" \
    "$D/aia-root.pem" "$W/aia-root.key" "$CA_NB" "$CA_NA" v3_ca
  genkey "$D/missing-issuer-aia.key" p256
  issue "$D/missing-issuer-aia.pem" "$D/missing-issuer-aia.key" "/O=Preflight Test/CN=www.example.com" \
    "$D/aia-intermediate.pem" "$W/aia-int.key" "$NB" "$NA" v3_leaf_aia
  cat "$D/missing-issuer-aia.pem" "$D/aia-intermediate.pem" >"$D/aia-fullchain.pem"
  verify_ok "$D/aia-root.pem" "$D/aia-intermediate.pem" "$D/missing-issuer-aia.pem"
  openssl x509 -in "$D/missing-issuer-aia.pem" -noout -ext authorityInfoAccess \
    | grep -q 'CA Issuers - URI:http://pki.example.com/preflight-intermediate.crt' \
    || die "missing-issuer-aia.pem has no caIssuers URL"
  keys_match "$D/missing-issuer-aia.pem" "$D/missing-issuer-aia.key"
  # pkcs7-*.p7b: the rsa/ full chain (and the shuffled bundle) as PKCS#7, PEM and DER forms.
  q openssl crl2pkcs7 -nocrl -certfile "$OUT/rsa/fullchain.pem" -out "$D/pkcs7-fullchain.p7b"
  q openssl crl2pkcs7 -nocrl -certfile "$OUT/rsa/fullchain.pem" -outform DER -out "$D/pkcs7-fullchain-der.p7b"
  q openssl crl2pkcs7 -nocrl -certfile "$OUT/broken/shuffled.pem" -out "$D/pkcs7-shuffled.p7b"
  grep -q '^-----BEGIN PKCS7-----$' "$D/pkcs7-fullchain.p7b" || die "pkcs7-fullchain.p7b is not PEM PKCS7"
  local form src p7b
  for spec in "fullchain.p7b rsa/fullchain.pem PEM" "fullchain-der.p7b rsa/fullchain.pem DER" \
    "shuffled.p7b broken/shuffled.pem PEM"; do
    read -r p7b src form <<<"$spec"
    # openssl reads the same certificates back, in the same order.
    q openssl pkcs7 -inform "$form" -in "$D/pkcs7-$p7b" -print_certs -out "$W/printed.pem"
    $PY rewrap "$W/printed.pem" "$W/printed-rewrapped.pem"
    $PY rewrap "$OUT/$src" "$W/source-rewrapped.pem"
    cmp -s "$W/printed-rewrapped.pem" "$W/source-rewrapped.pem" || die "pkcs7-$p7b does not hold $src in order"
  done

  # What openssl says the leaf names as its issuer's key identifier (AKI keyid), for the tests.
  openssl x509 -in "$D/missing-issuer-aia.pem" -noout -ext authorityKeyIdentifier | tail -n 1 \
    | tr -d ' ' | sed 's/^keyid://' >"$D/missing-issuer-aia.aki.txt"
  [ "$(openssl x509 -in "$D/aia-intermediate.pem" -noout -ext subjectKeyIdentifier | tail -n 1 | tr -d ' ')" \
    = "$(cat "$D/missing-issuer-aia.aki.txt")" ] || die "the leaf's AKI is not its intermediate's SKI"
}

# public/: real certificates from pinned registry packages, for the trust-store tests.
#   store-roots.pem      three roots of Mozilla's store, copied from certifi's cacert.pem
#                        (the wheel pinned in scripts/gen-roots.requirements.txt): ISRG Root
#                        X1, DigiCert Global Root G3, TWCA Global Root CA (no subjectKeyIdentifier)
#   digicert-g3.pem      DigiCert Global Root G3 as cryptography-vectors ships it (x509/ecdsa_root.pem)
#   cryptography-io.pem  a real leaf + RapidSSL SHA256 CA - G3, whose issuer GeoTrust Global CA
#                        has left Mozilla's store (cryptography-vectors x509/cryptography.io.chain.pem)
#   lookalike-isrg/      a leaf and intermediate under a made-up key that carries ISRG Root X1's
#                        name and key identifier: the store is matched by name and key identifier
#                        only (its keys are not shipped), so this chain counts as anchored
CRYPTOGRAPHY_VECTORS=cryptography-vectors==50.0.2
gen_public() {
  local D=$OUT/public
  rm -rf "$D"
  mkdir -p "$D"
  local W=$WORK/public
  mkdir -p "$W"
  local certifi_pem=$W/cacert.pem
  q python3 scripts/gen-roots.py --cacert "$certifi_pem"
  python3 - "$certifi_pem" "$D/store-roots.pem" <<'PY' || die "cannot copy roots from certifi"
import re, sys
from pathlib import Path
text = Path(sys.argv[1]).read_text()
out = []
for label in ["ISRG Root X1", "DigiCert Global Root G3", "TWCA Global Root CA"]:
    m = re.search(r'# Label: "' + re.escape(label) + r'"\n(?:#[^\n]*\n)*(-----BEGIN CERTIFICATE-----\n[^-]*-----END CERTIFICATE-----\n)', text)
    out.append(m.group(1))
Path(sys.argv[2]).write_text("".join(out))
PY
  q pip download --quiet --no-deps "$CRYPTOGRAPHY_VECTORS" -d "$W/wheel"
  (cd "$W" && unzip -q -o wheel/*.whl 'cryptography_vectors/x509/ecdsa_root.pem' \
    'cryptography_vectors/x509/cryptography.io.chain.pem') || die "cannot unpack $CRYPTOGRAPHY_VECTORS"
  cp "$W/cryptography_vectors/x509/ecdsa_root.pem" "$D/digicert-g3.pem"
  $PY rewrap "$W/cryptography_vectors/x509/cryptography.io.chain.pem" "$D/cryptography-io.pem"
  q openssl verify -CAfile "$certifi_pem" "$D/digicert-g3.pem"
  if openssl verify -CAfile "$certifi_pem" -untrusted "$D/cryptography-io.pem" "$D/cryptography-io.pem" >"$LOG" 2>&1; then
    die "the cryptography.io chain verifies against certifi: its root is back in the store?"
  fi
  # The lookalike: ISRG Root X1 re-signed with a made-up key (openssl keeps its subject and
  # subjectKeyIdentifier), an intermediate and a leaf under it.
  openssl x509 -in "$D/store-roots.pem" >"$W/isrg.pem"
  genkey "$W/lookalike.key" rsa
  q openssl x509 -in "$W/isrg.pem" -signkey "$W/lookalike.key" -days 3650 -out "$W/lookalike-root.pem"
  genkey "$W/lookalike-int.key" rsa
  mkdir -p "$D/lookalike-isrg"
  issue "$W/lookalike-int.pem" "$W/lookalike-int.key" "/O=Preflight Test/CN=Preflight Lookalike Intermediate" \
    "$W/lookalike-root.pem" "$W/lookalike.key" "$CA_NB" "$CA_NA" v3_ca
  genkey "$D/lookalike-isrg/leaf.key" rsa
  issue "$W/lookalike-leaf.pem" "$D/lookalike-isrg/leaf.key" "/O=Preflight Test/CN=www.example.com" \
    "$W/lookalike-int.pem" "$W/lookalike-int.key" "$NB" "$NA" v3_leaf
  cat "$W/lookalike-leaf.pem" "$W/lookalike-int.pem" >"$D/lookalike-isrg/fullchain.pem"
  [ "$(openssl x509 -in "$W/lookalike-int.pem" -noout -ext authorityKeyIdentifier | tail -n 1 | tr -d ' ')" \
    = "$(openssl x509 -in "$W/isrg.pem" -noout -ext subjectKeyIdentifier | tail -n 1 | tr -d ' ')" ] \
    || die "the lookalike intermediate's AKI is not ISRG Root X1's key identifier"
  # -signkey dates the lookalike root from today, so this one is verified at the current time.
  q openssl verify -CAfile "$W/lookalike-root.pem" -untrusted "$W/lookalike-int.pem" "$W/lookalike-leaf.pem"
}
