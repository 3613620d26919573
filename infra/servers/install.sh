#!/usr/bin/env bash
# Installs the Debian packages for the private servers (rabbitmq-server redis-server postgresql), only if missing,
# and any further packages named (install.sh nodejs npm chromium kubernetes-client yamllint): npm builds the portal's
# design-system assets, chromium runs the browser tests, kubectl and yamllint check infra/k8s.
# As root: apt-get. Otherwise sudo apt-get. Without either: prints the exact command and exits 1.
# Debian's policy keeps the packages' own services from starting on these machines; every instance we run is ours.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

installed() {
  case "$1" in
    rabbitmq-server) [ -x /usr/lib/rabbitmq/bin/rabbitmq-server ] ;;
    redis-server) command -v redis-server >/dev/null 2>&1 ;;
    postgresql) ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 ;;
    nodejs) command -v node >/dev/null 2>&1 ;;
    npm) command -v npm >/dev/null 2>&1 ;;
    chromium) [ -x /usr/bin/chromium ] ;;
    # Any kubectl will do (another package may have brought one, and would conflict with Debian's).
    kubernetes-client) command -v kubectl >/dev/null 2>&1 ;;
    yamllint) command -v yamllint >/dev/null 2>&1 ;;
    *) dpkg -s "$1" >/dev/null 2>&1 ;;
  esac
}

missing=()
for package in rabbitmq-server redis-server postgresql "$@"; do
  installed "$package" || missing+=("$package")
done
[ "${#missing[@]}" -eq 0 ] && exit 0

if ! command -v apt-get >/dev/null 2>&1; then
  cn_die "missing ${missing[*]}, and this is not a Debian/Ubuntu machine: install RabbitMQ, Redis and PostgreSQL with your package manager"
fi

cn_log "Installing ${missing[*]} ..."
if cn_is_root; then
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
elif command -v sudo >/dev/null 2>&1 && { sudo -n true 2>/dev/null || [ -t 0 ]; }; then
  sudo apt-get update -q
  sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${missing[@]}"
else
  cn_die "missing ${missing[*]}. Install them with: sudo apt-get update && sudo apt-get install -y ${missing[*]}"
fi

for package in "${missing[@]}"; do
  installed "$package" || cn_die "$package is still missing after apt-get install"
done
