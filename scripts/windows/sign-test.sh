#!/usr/bin/env bash
# The signed Windows build, offline (part of scripts/windows/test.sh, after build.sh): a throwaway test CA
# issues a code-signing certificate and a time-stamping one; a local RFC 3161 time-stamp server (`openssl ts
# -reply` behind a small Python HTTP server) answers on 127.0.0.1. Then
#   1. the installer is made again with the certificate as a PFX file (scripts/windows/installer.sh signs
#      onshi.exe, onshi-assistant.exe, the uninstaller and the installer), and `osslsigncode verify` checks
#      all four against the test roots; the signed installer is then installed and uninstalled under Wine
#      (installer-test.sh), and the uninstaller it installed verified too;
#   2. the PKCS#11 path: the same key put on a SoftHSM token, the installer signed through the token.
# Nothing leaves the machine; the test CA's key lives in a temporary folder and is deleted at the end.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
work=$(mktemp -d /tmp/onshi-sign.XXXXXX)
tsa_pid=
cleanup() {
  [[ -z $tsa_pid ]] || kill "$tsa_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }

echo "==> a throwaway test CA, a code-signing certificate and a time-stamping one"
cd "$work"
cat >ext.cnf <<'EOF'
[ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
[codesign]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = codeSigning
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[tsa]
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = critical, timeStamping
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF
openssl req -x509 -newkey rsa:3072 -nodes -keyout ca.key -subj "/CN=onshi-assistant test CA (throwaway)" \
  -days 30 -addext "basicConstraints=critical,CA:TRUE" \
  -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem 2>/dev/null
issue() { # NAME EXTENSION SUBJECT
  openssl req -new -newkey rsa:3072 -nodes -keyout "$1.key" -subj "$3" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -sha256 \
    -extfile ext.cnf -extensions "$2" -out "$1.pem" 2>/dev/null
}
issue codesign codesign "/C=JP/O=onshi-assistant test/CN=onshi-assistant test code signing"
issue tsa tsa "/C=JP/O=onshi-assistant test/CN=onshi-assistant test TSA"
echo "test-password" >pfx-password
openssl pkcs12 -export -inkey codesign.key -in codesign.pem -certfile ca.pem -passout file:pfx-password \
  -out codesign.pfx 2>/dev/null
cat codesign.pem ca.pem >codesign-chain.pem

echo "==> a local RFC 3161 time-stamp server on 127.0.0.1 (openssl ts)"
echo 01 >tsaserial
cat >tsa.cnf <<EOF
[tsa]
default_tsa = test
[test]
dir = $work
serial = \$dir/tsaserial
crypto_device = builtin
signer_cert = \$dir/tsa.pem
certs = \$dir/ca.pem
signer_key = \$dir/tsa.key
signer_digest = sha256
default_policy = 1.3.6.1.4.1.99999.1
digests = sha1, sha256, sha384, sha512
accuracy = secs:1
ordering = yes
tsa_name = yes
ess_cert_id_chain = no
ess_cert_id_alg = sha256
EOF
cat >tsa.py <<'EOF'
import http.server, subprocess, sys
class TSA(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers["Content-Length"]))
        reply = subprocess.run(["openssl", "ts", "-reply", "-config", "tsa.cnf", "-queryfile", "/dev/stdin",
                                "-out", "/dev/stdout"], input=query, capture_output=True)
        if reply.returncode != 0 or not reply.stdout:
            sys.stderr.write(reply.stderr.decode())
            self.send_response(500); self.end_headers(); return
        self.send_response(200)
        self.send_header("Content-Type", "application/timestamp-reply")
        self.send_header("Content-Length", str(len(reply.stdout)))
        self.end_headers()
        self.wfile.write(reply.stdout)
    def log_message(self, *args):
        pass
server = http.server.HTTPServer(("127.0.0.1", 0), TSA)
print(server.server_port, flush=True)
server.serve_forever()
EOF
python3 tsa.py >tsa.port 2>tsa.log &
tsa_pid=$!
for _ in $(seq 50); do [[ -s tsa.port ]] && break; sleep 0.1; done
[[ -s tsa.port ]] || fail "the time-stamp server did not start: $(cat tsa.log)"
export ONSHI_SIGN_TIMESTAMP_URL="http://127.0.0.1:$(cat tsa.port)/"
export ONSHI_SIGN_VERIFY_CAFILE="$work/ca.pem" ONSHI_SIGN_VERIFY_TSA_CAFILE="$work/ca.pem"
cd - >/dev/null

# Checks one file's signature: SHA-256, our signer, a time stamp from our TSA, and a chain to the test root.
verify() {
  local out
  out=$(osslsigncode verify -CAfile "$work/ca.pem" -TSA-CAfile "$work/ca.pem" -in "$1" 2>&1) ||
    fail "osslsigncode verify $1: $out"
  grep -q "Message digest algorithm *: SHA256" <<<"$out" || fail "$1 is not signed with SHA-256: $out"
  grep -q "onshi-assistant test code signing" <<<"$out" || fail "$1 is not signed by the test certificate: $out"
  # osslsigncode 2.5 (Debian 12) says "The signature is timestamped" and checks the time stamp's signature
  # against -TSA-CAfile; 2.9 (backports) says "Timestamp time" and names the TSA it verified.
  grep -Eq "Timestamp time:|The signature is timestamped:" <<<"$out" &&
    grep -Eq "Subject: .*onshi-assistant test TSA|Timestamp Server Signature verification: ok" <<<"$out" ||
    fail "$1 carries no time stamp from the local TSA: $out"
  [[ -n ${ONSHI_SIGN_SHOW:-} ]] && echo "$out"
  echo "  ok: $(basename "$1"): Authenticode SHA-256, time-stamped, verified against the test roots"
}

#   scripts/windows/sign-test.sh                  in the repository, after build.sh (scripts/windows/test.sh)
#   scripts/windows/sign-test.sh --files FILE...  by hand: copies of FILE signed both ways, no build
if [[ ${1:-} == --files ]]; then
  # By hand: sign copies of the given PE files with the PFX and the token (no build).
  shift
  for file in "$@"; do cp "$file" "$work/$(basename "$file")"; done
  set -- "${@/#*\//$work/}"
  ONSHI_SIGN_PFX="$work/codesign.pfx" ONSHI_SIGN_PFX_PASSWORD_FILE="$work/pfx-password" bash "$here/sign.sh" "$@"
  for file in "$@"; do verify "$file"; done
  signed_for_token="$1"
else
  echo "==> the installer made again, signed with the PFX file (installer.sh)"
  ONSHI_SIGN_PFX="$work/codesign.pfx" ONSHI_SIGN_PFX_PASSWORD_FILE="$work/pfx-password" bash ${ONSHI_SIGN_TRACE:+-x} "$here/installer.sh"
  version=$(node -p 'require("./package.json").version')
  for file in onshi.exe onshi-assistant.exe uninstall.exe "onshi-assistant_${version}_x64-setup.exe"; do
    [[ -s dist/windows/$file ]] || fail "dist/windows/$file is missing"
    verify "dist/windows/$file"
  done
  # The signed installer installs and uninstalls under Wine, and the uninstaller it installs is the signed one.
  source "$here/env.sh"
  rm -f "$WIN_CHROOT/root/installed-uninstall.exe"
  win_run "scripts/windows/installer-test.sh dist/windows/onshi-assistant_${version}_x64-setup.exe $version /root/installed-uninstall.exe"
  verify "$WIN_CHROOT/root/installed-uninstall.exe"
  cmp -s "$WIN_CHROOT/root/installed-uninstall.exe" dist/windows/uninstall.exe ||
    fail "the installed uninstaller is not the one signed"
  echo "  ok: the signed installer installs, and the uninstaller it installs is the signed one"
  signed_for_token="$work/token-signed.exe"
  cp "dist/windows/onshi-assistant_${version}_x64-setup.exe" "$signed_for_token"
  osslsigncode remove-signature -in "$signed_for_token" -out "$signed_for_token.bare" >/dev/null
  mv "$signed_for_token.bare" "$signed_for_token"
fi

echo "==> the PKCS#11 path: the key on a SoftHSM token"
export SOFTHSM2_CONF="$work/softhsm2.conf"
mkdir -p "$work/tokens"
echo "directories.tokendir = $work/tokens" >"$SOFTHSM2_CONF"
softhsm2-util --init-token --free --label onshi-test --so-pin 87654321 --pin 123456 >/dev/null
openssl pkcs8 -topk8 -nocrypt -in "$work/codesign.key" -out "$work/codesign.pk8"
softhsm2-util --import "$work/codesign.pk8" --token onshi-test --label codesign --id 01 --pin 123456 >/dev/null
osslsigncode remove-signature -in "$signed_for_token" -out "$signed_for_token.bare" >/dev/null 2>&1 &&
  mv "$signed_for_token.bare" "$signed_for_token"
ONSHI_SIGN_PKCS11_MODULE=/usr/lib/softhsm/libsofthsm2.so \
  ONSHI_SIGN_PKCS11_KEY="pkcs11:token=onshi-test;object=codesign;type=private;pin-value=123456" \
  ONSHI_SIGN_CERTS="$work/codesign-chain.pem" bash "$here/sign.sh" "$signed_for_token"
verify "$signed_for_token"
