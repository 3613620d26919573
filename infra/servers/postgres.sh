#!/usr/bin/env bash
# A private PostgreSQL cluster (trust auth, superuser "postgres") in DIR/data. The one recipe for PostgreSQL: test.sh,
# the AppHost and the test fixtures all run the server through `run`.
#   postgres.sh run DIR PORT   initdb if needed, then the postmaster in the foreground (exec: the caller's pid is the
#                              postmaster's, as the AppHost's process supervision needs)
#   postgres.sh start DIR      `run` detached on a free port, waits until it accepts connections; writes DIR/env
#   postgres.sh stop DIR       SIGINT (fast shutdown), then the whole process group; keeps DIR
# PostgreSQL refuses to run as root: as root every command runs as the postgres user (setpriv, which execs rather than
# forks), and DIR is chown'd to it. fsync is off: a kill -9 of the server keeps every committed row (the OS still has
# the pages); a power cut would not. synchronous_commit stays on.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

pg_bin() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k4 -n -r); do
    [ -x "$dir/postgres" ] && { echo "$dir"; return 0; }
  done
  command -v postgres >/dev/null 2>&1 && { dirname "$(command -v postgres)"; return 0; }
  return 1
}

# As root, commands run as the postgres user through setpriv, which replaces this process instead of forking a child.
AS_PG=()
cn_is_root && AS_PG=(setpriv --reuid=postgres --regid=postgres --init-groups --)
as_pg() { "${AS_PG[@]}" "$@"; }

prepare() {
  local dir="$1" bin="$2"
  mkdir -p "$dir"
  if cn_is_root; then
    chown -R postgres:postgres "$dir"
    as_pg test -w "$dir" \
      || cn_die "the postgres user cannot reach $dir: every folder above it must be searchable by others (chmod o+x)"
  fi
  if [ ! -f "$dir/data/PG_VERSION" ]; then
    rm -rf "$dir/data" # a half-made cluster from an interrupted first run
    as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 --no-sync --no-instructions \
      >"$dir/initdb.log" 2>&1 || { cn_tail_logs "$dir/initdb.log"; cn_die "initdb failed"; }
  fi
}

run() {
  local dir="$1" port="$2" bin
  bin="$(pg_bin)" || cn_die "PostgreSQL is not installed: apt-get install -y postgresql"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  prepare "$dir" "$bin"
  exec "${AS_PG[@]}" "$bin/postgres" -D "$dir/data" -p "$port" -k "$dir" -c listen_addresses=127.0.0.1 \
    -c fsync=off -c full_page_writes=off -c max_connections=300
}

start() {
  local dir="$1" bin port attempt rc pid
  bin="$(pg_bin)" || cn_die "PostgreSQL is not installed: apt-get install -y postgresql"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  prepare "$dir" "$bin"
  for attempt in 1 2 3; do
    port="$(cn_free_port)"
    cn_spawn "$dir/postgres.pid" "$dir/postgres.log" "$HERE/postgres.sh" run "$dir" "$port"
    cn_wait_pidfile "$dir/postgres.pid" || cn_die "postgres did not start"
    pid="$(cn_read_pid "$dir/postgres.pid")"
    rc=0
    cn_wait_until 60 "$pid" "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" || rc=$?
    if [ "$rc" -eq 0 ]; then
      cat > "$dir/env" <<ENV
POSTGRES_PORT=$port
CHAMPION_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres"
ENV
      return 0
    fi
    cn_tail_logs "$dir/postgres.log"
    stop "$dir"
    [ "$rc" -eq 2 ] || cn_die "PostgreSQL was not ready after 60 s (log above)"
    cn_log "PostgreSQL exited during startup (attempt $attempt), retrying on a new port"
  done
  cn_die "PostgreSQL failed to start three times (logs above)"
}

stop() {
  local dir="$1" pid
  pid="$(cn_read_pid "$dir/postgres.pid")"
  [ -n "$pid" ] && cn_alive "$pid" || { rm -f "$dir/postgres.pid"; return 0; }
  # SIGINT is PostgreSQL's fast shutdown; the postmaster leads its own process group (cn_spawn's setsid), so a
  # stubborn one is killed with every backend.
  kill -INT "$pid" 2>/dev/null || true
  if ! cn_wait_gone "$pid" 30; then
    kill -KILL "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
    cn_wait_gone "$pid" 5 || true
  fi
  rm -f "$dir/postgres.pid"
}

case "${1:-}" in
  run) run "${2:?usage: $0 run DIR PORT}" "${3:?usage: $0 run DIR PORT}" ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 run DIR PORT | start DIR | stop DIR" >&2; exit 2 ;;
esac
