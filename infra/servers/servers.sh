#!/usr/bin/env bash
# One private RabbitMQ, Redis and PostgreSQL for a test run (or a local run), in BASE/{rabbitmq,redis,postgres}.
#   servers.sh start BASE          starts the three in parallel; writes BASE/servers.env (KEY=VALUE lines, sourceable:
#                                  CHAMPION_TEST_RABBITMQ, CHAMPION_TEST_RABBITMQ_MANAGEMENT, CHAMPION_TEST_REDIS,
#                                  CHAMPION_TEST_POSTGRES and the raw ports); prints one line of timings to stderr
#   servers.sh stop BASE [--fast]  stops whatever of them runs (--fast: kill RabbitMQ instead of a ~6 s graceful stop)
# Safe to call stop after a failed or interrupted start. Nothing is left running after stop, epmd included.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

SERVERS=(rabbitmq redis postgres)

start() {
  local base="$1" name pid failed=0 t0 timings=""
  mkdir -p "$base"
  base="$(cd "$base" && pwd)"
  declare -A pids=() started=()
  t0="$(cn_now_ms)"
  for name in "${SERVERS[@]}"; do
    ( s="$(cn_now_ms)"; "$HERE/$name.sh" start "$base/$name"; echo "$(( $(cn_now_ms) - s ))" > "$base/$name.ms" ) \
      2> "$base/$name.start.log" &
    pids[$name]=$!
  done
  for name in "${SERVERS[@]}"; do
    if wait "${pids[$name]}"; then
      timings="$timings $name $(cat "$base/$name.ms") ms,"
    else
      failed=1
      cn_log "$name failed to start:"
      cat "$base/$name.start.log" >&2
    fi
  done
  if [ "$failed" -ne 0 ]; then
    stop "$base" --fast
    return 1
  fi
  cat "$base"/rabbitmq/env "$base"/redis/env "$base"/postgres/env > "$base/servers.env"
  cn_log "servers ready in $(( $(cn_now_ms) - t0 )) ms:${timings%,}"
}

stop() {
  local base="$1" fast="${2:-}"
  [ -d "$base" ] || return 0
  # In parallel: each takes a fraction of a second, RabbitMQ's graceful stop ~6 s.
  "$HERE/rabbitmq.sh" stop "$base/rabbitmq" "$fast" &
  "$HERE/redis.sh" stop "$base/redis" &
  "$HERE/postgres.sh" stop "$base/postgres" &
  wait
}

case "${1:-}" in
  start) start "${2:?usage: $0 start BASE}" ;;
  stop) stop "${2:?usage: $0 stop BASE [--fast]}" "${3:-}" ;;
  *) echo "usage: $0 start BASE | stop BASE [--fast]" >&2; exit 2 ;;
esac
