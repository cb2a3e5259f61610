#!/usr/bin/env bash
# The monitoring engines scripts/monitoring/test.sh runs, from Debian 12's own packages, installed once and
# without their recommends (no Apache, SNMP daemon or node exporter): Zabbix 6.0 (agent, server on
# PostgreSQL, frontend served by PHP's built-in server), NRPE with check_nrpe, and Prometheus for promtool.
# Installing them starts their daemons where the machine runs systemd; the test starts its own, on the
# loopback of a private network namespace, and never talks to those.
set -euo pipefail
packages=(
  zabbix-agent zabbix-server-pgsql zabbix-frontend-php php-cli php-pgsql postgresql
  nagios-nrpe-server nagios-nrpe-plugin
  prometheus
)
as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
  echo "==> Debian packages for the monitoring engines: ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
