#!/usr/bin/env bash
# A private PostgreSQL cluster (trust auth, superuser "postgres") in DIR/data.
#   postgres.sh start DIR   initdb if needed, start on a free port; writes DIR/env
#   postgres.sh stop DIR    pg_ctl stop -m fast; keeps DIR
# PostgreSQL refuses to run as root: as root every command runs as the postgres user (runuser), and DIR is
# chown'd to it. fsync is off: this is a throwaway cluster for tests and local runs.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    [ -x "$dir/pg_ctl" ] && { echo "$dir"; return 0; }
  done
  command -v pg_ctl >/dev/null 2>&1 && { dirname "$(command -v pg_ctl)"; return 0; }
  return 1
}

as_pg() {
  if cn_is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
  local dir="$1" bin port attempt rc
  bin="$(pg_bin)" || cn_die "PostgreSQL is not installed: apt-get install -y postgresql"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  if cn_is_root; then
    chown -R postgres:postgres "$dir"
    runuser -u postgres -- test -w "$dir" \
      || cn_die "the postgres user cannot reach $dir: every folder above it must be searchable by others (chmod o+x)"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions \
      >"$dir/initdb.log" 2>&1 || { cn_tail_logs "$dir/initdb.log"; cn_die "initdb failed"; }
  fi
  for attempt in 1 2 3; do
    port="$(cn_free_port)"
    rc=0
    # pg_ctl -w waits until the server accepts connections; the postmaster runs in its own session.
    as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
      -o "-p $port -k '$dir' -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=300" \
      start >"$dir/pg_ctl.log" 2>&1 || rc=$?
    if [ "$rc" -eq 0 ]; then
      cat > "$dir/env" <<ENV
POSTGRES_PORT=$port
CHAMPION_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
ENV
      return 0
    fi
    cn_tail_logs "$dir/pg_ctl.log" "$dir/postgres.log"
    stop "$dir"
    grep -q "could not bind\|Address already in use" "$dir/postgres.log" 2>/dev/null || cn_die "PostgreSQL did not start (log above)"
    cn_log "PostgreSQL could not bind port $port (attempt $attempt), retrying on a new port"
  done
  cn_die "PostgreSQL failed to start three times (logs above)"
}

stop() {
  local dir="$1" bin pid
  [ -f "$dir/data/postmaster.pid" ] || return 0
  pid="$(cn_read_pid "$dir/data/postmaster.pid")"
  cn_alive "$pid" || return 0
  bin="$(pg_bin)" || true
  if [ -n "$bin" ] && as_pg "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 30 stop >>"$dir/pg_ctl.log" 2>&1; then
    return 0
  fi
  # The postmaster leads its own process group (pg_ctl starts it with setsid): take the backends too.
  kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  cn_wait_gone "$pid" 5 || true
}

case "${1:-}" in
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
