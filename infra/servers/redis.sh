#!/usr/bin/env bash
# A private Redis with AOF on (Orleans clustering wants persistence). The one recipe for Redis: test.sh, the AppHost
# and the test fixtures all run the server through `run`.
#   redis.sh run DIR PORT [FSYNC]   the server in the foreground (exec: the caller's pid is redis-server's);
#                                   FSYNC is appendfsync, everysec by default, always for crash tests
#   redis.sh start DIR              `run` detached on a free port; writes DIR/env
#   redis.sh stop DIR               SIGTERM (flushes the AOF), then KILL after 10 s; keeps DIR
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

redis_ping() {
  local reply
  reply="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"; printf "PING\r\n" >&3; head -c 5 <&3' "$1")"
  [ "$reply" = "+PONG" ]
}

run() {
  local dir="$1" port="$2" fsync="${3:-everysec}" server
  server="$(command -v redis-server || true)"
  [ -n "$server" ] || cn_die "redis-server is not installed: apt-get install -y redis-server"
  mkdir -p "$dir"
  exec "$server" --port "$port" --bind 127.0.0.1 --dir "$dir" \
    --appendonly yes --appendfsync "$fsync" --save "" --daemonize no --logfile ""
}

start() {
  local dir="$1" port attempt rc
  command -v redis-server >/dev/null 2>&1 || cn_die "redis-server is not installed: apt-get install -y redis-server"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  for attempt in 1 2 3; do
    port="$(cn_free_port)"
    cn_spawn "$dir/redis.pid" "$dir/redis.log" "$HERE/redis.sh" run "$dir" "$port"
    cn_wait_pidfile "$dir/redis.pid" || cn_die "redis-server did not start"
    rc=0
    cn_wait_until 30 "$(cn_read_pid "$dir/redis.pid")" redis_ping "$port" || rc=$?
    if [ "$rc" -eq 0 ]; then
      cat > "$dir/env" <<ENV
REDIS_PORT=$port
CHAMPION_TEST_REDIS=127.0.0.1:$port
ENV
      return 0
    fi
    cn_tail_logs "$dir/redis.log"
    stop "$dir"
    [ "$rc" -eq 2 ] || cn_die "Redis was not ready after 30 s (log above)"
    cn_log "Redis exited during startup (attempt $attempt), retrying on a new port"
  done
  cn_die "Redis failed to start three times (logs above)"
}

stop() {
  [ -d "$1" ] || return 0
  cn_stop_pidfile "$1/redis.pid" 10
}

case "${1:-}" in
  run) run "${2:?usage: $0 run DIR PORT [FSYNC]}" "${3:?usage: $0 run DIR PORT [FSYNC]}" "${4:-}" ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 run DIR PORT [FSYNC] | start DIR | stop DIR" >&2; exit 2 ;;
esac
