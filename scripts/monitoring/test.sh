#!/usr/bin/env bash
# `onshi check` inside the monitoring engines vendors run, each from Debian's own packages, on loopback only
# (docs/MONITORING.md). Run inside scripts/rig-namespace.sh: its private network makes the engines' ports
# ours, and its private mounts let the Zabbix frontend find its configuration without touching /etc.
#   scripts/monitoring/test.sh agents   Zabbix agent + zabbix_get, NRPE + check_nrpe, promtool check metrics
#   scripts/monitoring/test.sh server   the Zabbix server: the template imported through its API, the agent
#                                       polled, the expired certificate's problem shown, then its recovery
# The oracle is the engines themselves; what they must show is what `onshi check` says when run directly.
set -euo pipefail
[[ "${ONSHI_RIG_NAMESPACE:-}" == 1 ]] || { echo "run me through scripts/rig-namespace.sh" >&2; exit 2; }
what=${1:?agents or server}
root="$(cd "$(dirname "$0")/../.." && pwd)"
target="${CARGO_TARGET_DIR:-$root/target}"
# Where onshi and onshi-rig are (a copy may be named when the build folder is shared with other clones).
bin="${ONSHI_BIN_DIR:-$target/debug}"
pack="$root/packaging/monitoring"

work=$(mktemp -d /tmp/onshi-monitoring.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
  local pid
  exec 3>&- || true
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  if [[ -s $work/pg/postmaster.pid ]]; then
    runuser -u postgres -- /usr/lib/postgresql/*/bin/pg_ctl -D "$work/pg" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAILED: $*" >&2; exit 1; }
ok() { echo "  ok: $*"; }
# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
  local seconds=$1; shift
  local end=$((SECONDS + seconds))
  until "$@" >/dev/null 2>&1; do
    ((SECONDS < end)) || return 1
    sleep 1
  done
}

# The rig's readers, so that the check has something to find (the default set: OK readers); commands to
# change them go through $work/rig.ctl (onshi-rig --control), which this shell holds open.
mkfifo "$work/rig.ctl"
"$bin/onshi-rig" --readers default --control <"$work/rig.ctl" >"$work/rig.log" 2>&1 &
pids+=($!)
exec 3>"$work/rig.ctl"
wait_for 20 "$bin/onshi" readers --json || fail "the rig's readers did not come: $(cat "$work/rig.log")"

# The terminal's certificate, as files the engines' users may read: valid for 400 days, and one that expired
# in 2021 (`openssl ca` takes any dates; `openssl req -days` cannot make an expired one).
mkdir -p "$work/pki/new" "$work/home" && touch "$work/pki/index.txt" && echo 01 >"$work/pki/serial"
cat >"$work/pki/ca.cnf" <<EOF
[ca]
default_ca = test
[test]
dir = $work/pki
database = \$dir/index.txt
new_certs_dir = \$dir/new
serial = \$dir/serial
default_md = sha256
policy = any
unique_subject = no
[any]
commonName = supplied
EOF
openssl req -x509 -newkey rsa:2048 -nodes -keyout "$work/pki/valid.key" -subj "/O=Test Clinic/CN=1312345678-PC01" \
  -days 400 -out "$work/valid.pem" 2>/dev/null
openssl req -new -newkey rsa:2048 -nodes -keyout "$work/pki/expired.key" -subj "/CN=1312345678-PC01" \
  -out "$work/pki/expired.csr" 2>/dev/null
openssl ca -batch -config "$work/pki/ca.cnf" -selfsign -keyfile "$work/pki/expired.key" -in "$work/pki/expired.csr" \
  -startdate 20200101000000Z -enddate 20210101000000Z -out "$work/expired.pem" 2>/dev/null
chmod 644 "$work"/*.pem
use_certificate() { ln -sfn "$work/$1.pem" "$work/terminal.pem"; }
use_certificate valid

# onshi as the engines run it: a copy their users may execute (the build lies under root's home), always
# looking at $work/terminal.pem, with an empty app folder (so no state of this machine's app is read).
mkdir -p "$work/bin"
cp "$bin/onshi" "$work/bin/onshi.real"
cat >"$work/bin/onshi" <<EOF
#!/bin/sh
export HOME=$work/home XDG_DATA_HOME=$work/home TZ=JST-9 LANG=C.UTF-8
exec $work/bin/onshi.real "\$@" --cert $work/terminal.pem
EOF
chmod 755 "$work/bin"/*
direct_state() { "$work/bin/onshi" check "$@" | sed -n '1s/ - .*//p'; }

# The shipped configuration line with /usr/bin/onshi as the only change.
shipped_line() {
  local line
  line=$(grep -E "$2" "$1") || fail "no line $2 in $1"
  [[ $line == *"/usr/bin/onshi "* ]] || fail "$1: $line does not run /usr/bin/onshi"
  echo "${line//\/usr\/bin\/onshi /$work/bin/onshi }"
}

agents() {
  python3 "$pack/zabbix/make-template.py" --check
  echo "==> Zabbix agent ($(dpkg-query -W -f='${Version}' zabbix-agent)) with packaging/monitoring/zabbix/userparameter_onshi.conf, polled by zabbix_get"
  start_agent
  local json state
  for cert in valid expired; do
    use_certificate "$cert"
    json=$(zabbix_get -s 127.0.0.1 -p 10050 -k onshi.check) || fail "zabbix_get: $json"
    state=$(python3 -c 'import json,sys; print(json.loads(sys.stdin.read())["state"].upper())' <<<"$json") ||
      fail "not one JSON document through the agent: $json"
    [[ $state == "$(direct_state)" ]] || fail "the agent's state $state, onshi check's $(direct_state)"
    ok "$cert certificate: valid JSON through the agent, state $state as onshi check says"
  done
  [[ $state == CRITICAL ]] || fail "an expired certificate read as $state"

  echo "==> NRPE ($(dpkg-query -W -f='${Version}' nagios-nrpe-server)) with packaging/monitoring/nrpe/onshi.cfg, polled by check_nrpe"
  mkdir -p "$work/nagios" && chown nagios "$work/nagios"
  cat >"$work/nrpe.cfg" <<EOF
pid_file=$work/nagios/nrpe.pid
server_address=127.0.0.1
server_port=5666
nrpe_user=nagios
nrpe_group=nagios
allowed_hosts=127.0.0.1
dont_blame_nrpe=0
command_timeout=30
$(shipped_line "$pack/nrpe/onshi.cfg" '^command\[onshi_check\]=')
EOF
  /usr/sbin/nrpe -c "$work/nrpe.cfg" -f >"$work/nrpe.log" 2>&1 &
  pids+=($!)
  wait_for 20 /usr/lib/nagios/plugins/check_nrpe -H 127.0.0.1 || fail "NRPE did not start: $(cat "$work/nrpe.log")"
  local out code direct direct_code
  for cert in valid expired; do
    use_certificate "$cert"
    set +e
    out=$(/usr/lib/nagios/plugins/check_nrpe -H 127.0.0.1 -c onshi_check)
    code=$?
    direct=$("$work/bin/onshi" check)
    direct_code=$?
    set -e
    [[ $code == "$direct_code" ]] || fail "check_nrpe exit $code, onshi check $direct_code"
    [[ $out == "$direct" ]] || fail "the line changed on its way: $out / $direct"
    [[ $out == *電子証明書* ]] || fail "no Japanese text: $out"
    ok "$cert certificate: exit $code and the line intact: ${out:0:90}…"
  done

  echo "==> Prometheus textfile format: $(promtool --version 2>&1 | head -1)"
  for cert in valid expired; do
    use_certificate "$cert"
    "$work/bin/onshi" check --format prometheus >"$work/onshi.prom" || true
    promtool check metrics <"$work/onshi.prom" || fail "promtool check metrics: $(cat "$work/onshi.prom")"
    grep -qx "onshi_check_state $(direct_state | sed 's/OK/0/;s/WARNING/1/;s/CRITICAL/2/;s/UNKNOWN/3/')" "$work/onshi.prom" ||
      fail "onshi_check_state differs from onshi check: $(cat "$work/onshi.prom")"
    ok "$cert certificate: promtool check metrics passes, onshi_check_state as onshi check says"
  done
}

start_agent() {
  # The agent leaves root for the zabbix user before it writes its PID file.
  mkdir -p "$work/zabbix" && chown zabbix "$work/zabbix"
  cat >"$work/agentd.conf" <<EOF
PidFile=$work/zabbix/agentd.pid
LogType=console
Server=127.0.0.1
ListenIP=127.0.0.1
ListenPort=10050
Hostname=onshi-test
Timeout=20
$(shipped_line "$pack/zabbix/userparameter_onshi.conf" '^UserParameter=onshi\.check,')
EOF
  zabbix_agentd -f -c "$work/agentd.conf" >"$work/agentd.log" 2>&1 &
  pids+=($!)
  wait_for 20 zabbix_get -s 127.0.0.1 -p 10050 -k agent.ping || fail "the agent did not start: $(cat "$work/agentd.log")"
}

server() {
  local version
  version=$(dpkg-query -W -f='${Version}' zabbix-server-pgsql)
  echo "==> Zabbix server $version (PostgreSQL $(dpkg-query -W -f='${Version}' postgresql), frontend under php -S): the template through the API"
  start_agent
  use_certificate expired
  local pgbin
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  mkdir -p "$work/pg" "$work/pgsock" "$work/zsock"
  chown postgres "$work/pg" "$work/pgsock"
  runuser -u postgres -- "$pgbin/initdb" -D "$work/pg" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$work/pg" -s -w -l "$work/pg/server.log" \
    -o "-k $work/pgsock -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" start
  local psql=(psql -q -h "$work/pgsock" -v ON_ERROR_STOP=1)
  runuser -u postgres -- "${psql[@]}" -U postgres -c "CREATE ROLE zabbix LOGIN" -c "CREATE DATABASE zabbix OWNER zabbix"
  for part in schema images data; do
    zcat "/usr/share/zabbix-server-pgsql/$part.sql.gz" | "${psql[@]}" -U zabbix zabbix >/dev/null
  done
  ok "database loaded ($SECONDS s)"

  cat >"$work/server.conf" <<EOF
LogType=console
PidFile=$work/server.pid
SocketDir=$work/zsock
ListenIP=127.0.0.1
ListenPort=10051
DBHost=$work/pgsock
DBName=zabbix
DBUser=zabbix
AllowRoot=1
CacheUpdateFrequency=5
StartPollers=2
StartPollersUnreachable=1
StartTrappers=1
StartPingers=0
StartDiscoverers=0
StartHTTPPollers=0
StartAlerters=1
StartEscalators=1
StartTimers=1
StartLLDProcessors=1
StartPreprocessors=2
StartHistoryPollers=1
Timeout=20
EOF
  zabbix_server -f -c "$work/server.conf" >"$work/server.log" 2>&1 &
  pids+=($!)

  # The frontend reads /etc/zabbix/zabbix.conf.php (Debian's path): a folder of ours over /etc/zabbix, in
  # this namespace only.
  mkdir -p "$work/etc-zabbix"
  cat >"$work/etc-zabbix/zabbix.conf.php" <<EOF
<?php
\$DB['TYPE'] = 'POSTGRESQL';
\$DB['SERVER'] = '$work/pgsock';
\$DB['PORT'] = '0';
\$DB['DATABASE'] = 'zabbix';
\$DB['USER'] = 'zabbix';
\$DB['PASSWORD'] = '';
\$DB['SCHEMA'] = '';
\$DB['DOUBLE_IEEE754'] = true;
\$ZBX_SERVER = '127.0.0.1';
\$ZBX_SERVER_PORT = '10051';
\$ZBX_SERVER_NAME = 'onshi-test';
\$IMAGE_FORMAT_DEFAULT = IMAGE_FORMAT_PNG;
EOF
  mount --bind "$work/etc-zabbix" /etc/zabbix
  (cd /usr/share/zabbix && exec php -S 127.0.0.1:8089 -d memory_limit=512M -d post_max_size=16M \
    -d max_execution_time=300 >"$work/php.log" 2>&1) &
  pids+=($!)
  wait_for 20 bash -c "exec 3<>/dev/tcp/127.0.0.1/8089" || fail "php -S did not start: $(cat "$work/php.log")"

  ONSHI_TEMPLATE="$pack/zabbix/onshi-assistant-template.yaml" python3 "$root/scripts/monitoring/zabbix_api.py" ||
    fail "the Zabbix server test: server log: $(tail -30 "$work/server.log")"
}

# Called by zabbix_api.py between the problem and its recovery.
export ONSHI_MONITORING_WORK=$work

case $what in
  agents) agents ;;
  server) server ;;
  *) fail "agents or server, not $what" ;;
esac
