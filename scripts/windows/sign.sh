#!/usr/bin/env bash
# Authenticode-signs Windows programs in place with osslsigncode (SHA-256, RFC 3161 time stamp), then checks
# each signature. Used by scripts/windows/build.sh for onshi.exe, onshi-assistant.exe, the uninstaller and
# the installer when a certificate is given; tested offline by scripts/windows/sign-test.sh.
#   scripts/windows/sign.sh FILE...
# The certificate, one of:
#   ONSHI_SIGN_PFX=FILE                 a PKCS#12 (.pfx/.p12) with the code-signing key and its chain;
#   ONSHI_SIGN_PFX_PASSWORD_FILE=FILE   its password, first line (else it has none)
# or a key on a PKCS#11 token (a USB token or an HSM, as code-signing certificates now require):
#   ONSHI_SIGN_PKCS11_MODULE=FILE       the token's PKCS#11 module (SoftHSM: /usr/lib/softhsm/libsofthsm2.so)
#   ONSHI_SIGN_PKCS11_KEY=URI           the key, an RFC 7512 URI: "pkcs11:token=…;object=…" (with
#                                       ";pin-value=…" or "?pin-source=file:…" for the PIN)
#   ONSHI_SIGN_CERTS=FILE               the signing certificate and its chain (PEM)
# and the time-stamp server (RFC 3161), so that signatures outlive the certificate:
#   ONSHI_SIGN_TIMESTAMP_URL=URL        default http://timestamp.digicert.com
# Checked afterwards with `osslsigncode verify` against ONSHI_SIGN_VERIFY_CAFILE and
# ONSHI_SIGN_VERIFY_TSA_CAFILE when set (the test's throwaway roots), else against the system's roots.
set -euo pipefail
(($#)) || { echo "usage: sign.sh FILE..." >&2; exit 2; }
command -v osslsigncode >/dev/null || { echo "osslsigncode is missing: apt-get install osslsigncode" >&2; exit 1; }

key=()
if [[ -n ${ONSHI_SIGN_PFX:-} ]]; then
  key=(-pkcs12 "$ONSHI_SIGN_PFX")
  if [[ -n ${ONSHI_SIGN_PFX_PASSWORD_FILE:-} ]]; then key+=(-readpass "$ONSHI_SIGN_PFX_PASSWORD_FILE"); fi
elif [[ -n ${ONSHI_SIGN_PKCS11_MODULE:-} ]]; then
  [[ -n ${ONSHI_SIGN_PKCS11_KEY:-} && -n ${ONSHI_SIGN_CERTS:-} ]] ||
    { echo "a PKCS#11 token needs ONSHI_SIGN_PKCS11_KEY (the key's pkcs11: URI) and ONSHI_SIGN_CERTS" >&2; exit 2; }
  key=(-pkcs11module "$ONSHI_SIGN_PKCS11_MODULE" -key "$ONSHI_SIGN_PKCS11_KEY" -certs "$ONSHI_SIGN_CERTS")
  if [[ -n ${ONSHI_SIGN_PKCS11_ENGINE:-} ]]; then key+=(-pkcs11engine "$ONSHI_SIGN_PKCS11_ENGINE"); fi
else
  echo "sign.sh: no certificate given (ONSHI_SIGN_PFX or ONSHI_SIGN_PKCS11_MODULE)" >&2
  exit 2
fi
timestamp=${ONSHI_SIGN_TIMESTAMP_URL:-http://timestamp.digicert.com}
verify=()
if [[ -n ${ONSHI_SIGN_VERIFY_CAFILE:-} ]]; then verify+=(-CAfile "$ONSHI_SIGN_VERIFY_CAFILE"); fi
if [[ -n ${ONSHI_SIGN_VERIFY_TSA_CAFILE:-} ]]; then verify+=(-TSA-CAfile "$ONSHI_SIGN_VERIFY_TSA_CAFILE"); fi

for file in "$@"; do
  signed="$file.signed"
  rm -f "$signed"
  osslsigncode sign "${key[@]}" -h sha256 -n "オン資アシスタント" -ts "$timestamp" \
    -in "$file" -out "$signed" >"$file.sign.log" 2>&1 ||
    { cat "$file.sign.log" >&2; rm -f "$signed" "$file.sign.log"; echo "could not sign $file" >&2; exit 1; }
  mv "$signed" "$file"
  rm -f "$file.sign.log"
  osslsigncode verify "${verify[@]}" -in "$file" >"$file.verify.log" 2>&1 ||
    { cat "$file.verify.log" >&2; rm -f "$file.verify.log"; echo "the signature of $file does not verify" >&2; exit 1; }
  rm -f "$file.verify.log"
  echo "  signed and verified: $(basename "$file")"
done
