# shellcheck shell=sh
# The `openssl ca` mechanics that the fixture generators share, so that each generator keeps
# only what is its own (keys, subjects, dates, extension sections, what it writes where).
# Sourced by testdata/requests/certs/gen.sh, scripts/gen-testdata-targets.sh, testdata/cli/gen.sh
# and testdata/scan/gen.sh. POSIX sh: the testdata gen.sh scripts run under /bin/sh.
#
# Why `openssl ca` rather than `openssl x509 -req` or `req -x509`: it pins exact validity dates
# (-startdate/-enddate; `x509 -not_before` only exists from OpenSSL 3.4), so the golden reports
# keep their dates when the fixtures are regenerated (only keys, serials and signatures change).
#
# test_ca_config DIR
#   Makes DIR and writes DIR/ca.cnf: a CA whose database, serial file and copies of the issued
#   certificates live in DIR; SHA-256; no extensions copied from the request; a policy that
#   takes any subject of countryName, organizationName, organizationalUnitName and commonName,
#   even an empty one (a fixture with an empty issuer); and a [req] section, so that
#   `openssl req` reads no system configuration. The caller appends its own extension sections
#   (cat >>"DIR/ca.cnf" <<EOF ... EOF); they may read the environment ($ENV::SAN).
#   Sets TEST_CA_DIR=DIR for test_ca_sign.
#
# test_ca_sign OUT KEY SUBJECT SERIAL EXT START END [ISSUER_CERT ISSUER_KEY]
#   Writes to OUT the PEM certificate (no text dump) for the key in KEY, issued by ISSUER_CERT
#   with ISSUER_KEY, or self-signed with KEY when no issuer is given; valid from START to END
#   (YYYYMMDDHHMMSSZ). SUBJECT ("/O=.../CN=...") keeps the order it is written in (-preserveDN:
#   `preserve = yes` in the config did not take effect with OpenSSL 3.0.19, which then orders
#   the subject as the policy lists its fields).
#   SERIAL is hexadecimal, as openssl's serial file holds it (random: "$(openssl rand -hex 8)").
#   EXT is a section of ca.cnf, or `none` for a certificate without extensions (X.509 v1).
#   The database is emptied first, so one subject can be issued any number of times. On
#   failure prints openssl's output and returns 1.

test_ca_config() {
  TEST_CA_DIR=$1
  mkdir -p "$TEST_CA_DIR"
  cat >"$TEST_CA_DIR/ca.cnf" <<CNF
[ ca ]
default_ca = test_ca
[ test_ca ]
dir = $TEST_CA_DIR
database = $TEST_CA_DIR/index.txt
new_certs_dir = $TEST_CA_DIR
serial = $TEST_CA_DIR/serial
default_md = sha256
policy = test_ca_policy
unique_subject = no
copy_extensions = none
[ test_ca_policy ]
countryName = optional
organizationName = optional
organizationalUnitName = optional
commonName = optional
[ req ]
distinguished_name = test_ca_req_dn
prompt = no
[ test_ca_req_dn ]
CN = placeholder
CNF
}

test_ca_sign() {
  test_ca_out=$1 test_ca_key=$2 test_ca_subject=$3 test_ca_serial=$4 test_ca_ext=$5
  test_ca_start=$6 test_ca_end=$7
  shift 7
  test_ca_cnf=$TEST_CA_DIR/ca.cnf test_ca_log=$TEST_CA_DIR/log test_ca_csr=$TEST_CA_DIR/req.csr
  case $# in
    0) set -- -selfsign -keyfile "$test_ca_key" ;;
    2) set -- -cert "$1" -keyfile "$2" ;;
    *)
      echo "test_ca_sign: $test_ca_out: an issuer is a certificate and its key" >&2
      return 1
      ;;
  esac
  echo "$test_ca_serial" >"$TEST_CA_DIR/serial"
  if [ "$test_ca_ext" != none ]; then set -- "$@" -extensions "$test_ca_ext"; fi
  : >"$TEST_CA_DIR/index.txt"
  if ! openssl req -new -config "$test_ca_cnf" -key "$test_ca_key" -subj "$test_ca_subject" \
    -out "$test_ca_csr" >"$test_ca_log" 2>&1 ||
    ! openssl ca -batch -notext -preserveDN -config "$test_ca_cnf" -startdate "$test_ca_start" \
      -enddate "$test_ca_end" -in "$test_ca_csr" -out "$test_ca_out" "$@" >"$test_ca_log" 2>&1; then
    echo "test_ca_sign: cannot issue $test_ca_out ($test_ca_subject)" >&2
    cat "$test_ca_log" >&2
    return 1
  fi
}
