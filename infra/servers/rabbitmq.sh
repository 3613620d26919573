#!/usr/bin/env bash
# A private RabbitMQ node. The one recipe for RabbitMQ: test.sh, the AppHost and the test fixtures all run the node
# through `epmd` and `run`.
#   rabbitmq.sh epmd DIR EPMD_PORT                   epmd in the foreground, on its own port (exec)
#   rabbitmq.sh run DIR PORT DIST EPMD_PORT [MGMT]   the node in the foreground (exec: the caller's pid is the Erlang
#                                                    VM's); MGMT loads the management plugin on that port
#   rabbitmq.sh start DIR                            both detached on free ports, with the management plugin (vhosts
#                                                    are created through its HTTP API); writes DIR/env
#   rabbitmq.sh stop DIR [--fast]                    graceful stop (TERM; ~6 s with the management plugin), or kill -9
#                                                    with --fast (for throwaway data); then epmd. Keeps DIR.
# epmd runs on its own, so that whoever started it owns its pid: an epmd that the VM starts daemonises and outlives it.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

# Debian's /usr/sbin/rabbitmq-server is a wrapper that switches user and logs to /var/log: use the real script.
SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server
EPMD="$(command -v epmd || echo /usr/lib/erlang/bin/epmd)"

epmd_run() {
  local dir="$1" epmd_port="$2"
  [ -x "$EPMD" ] || cn_die "epmd (Erlang) is not installed: apt-get install -y rabbitmq-server"
  mkdir -p "$dir"
  exec "$EPMD" -port "$epmd_port" -address 127.0.0.1 -relaxed_command_check
}

run() {
  local dir="$1" port="$2" dist="$3" epmd_port="$4" mgmt="${5:-}"
  [ -x "$SERVER" ] || cn_die "rabbitmq-server is not installed: apt-get install -y rabbitmq-server"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  : > "$dir/rabbitmq-env.conf"
  if [ -n "$mgmt" ]; then
    echo "[rabbitmq_management]." > "$dir/enabled_plugins"
    cat > "$dir/rabbitmq.conf" <<CONF
management.tcp.port = $mgmt
management.tcp.ip = 127.0.0.1
# Nothing reads the management statistics here; not collecting them saves CPU on small machines.
management_agent.disable_metrics_collector = true
CONF
  else
    echo "[]." > "$dir/enabled_plugins"
    : > "$dir/rabbitmq.conf"
  fi
  # The VM must find epmd listening, or it starts a daemonised one of its own that outlives it.
  cn_wait_until 10 "" cn_port_busy "$epmd_port" || cn_die "epmd is not listening on $epmd_port"
  # RUNNING_UNDER_SYSTEMD makes the start script exec the VM instead of running it as a child behind signal traps.
  export HOME="$dir" RABBITMQ_NODENAME="t$port@localhost" RABBITMQ_NODE_IP_ADDRESS=127.0.0.1 \
    RABBITMQ_NODE_PORT="$port" RABBITMQ_DIST_PORT="$dist" ERL_EPMD_PORT="$epmd_port" \
    RABBITMQ_MNESIA_BASE="$dir/mnesia" RABBITMQ_LOG_BASE="$dir/log" RABBITMQ_CONFIG_FILE="$dir/rabbitmq" \
    RABBITMQ_ADVANCED_CONFIG_FILE="$dir/advanced.config" RABBITMQ_CONF_ENV_FILE="$dir/rabbitmq-env.conf" \
    RABBITMQ_ENABLED_PLUGINS_FILE="$dir/enabled_plugins" RABBITMQ_PID_FILE="$dir/beam.pid" \
    RUNNING_UNDER_SYSTEMD=true
  exec "$SERVER"
}

amqp_handshake() {
  # Protocol header in, Connection.Start (a method frame, type 1) out: the broker is really serving AMQP.
  local reply
  reply="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"; printf "AMQP\0\0\011\001" >&3; head -c 1 <&3 | od -An -tu1' "$1")"
  [ "$(echo "$reply" | tr -d ' ')" = "1" ]
}

management_ready() {
  local status
  status="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"
    printf "GET /api/whoami HTTP/1.0\r\nHost: 127.0.0.1\r\nAuthorization: Basic Z3Vlc3Q6Z3Vlc3Q=\r\n\r\n" >&3
    head -n 1 <&3' "$1")"
  case "$status" in *" 200 "*) return 0 ;; *) return 1 ;; esac
}

start() {
  local dir="$1" port dist epmd_port mgmt attempt rc
  [ -x "$SERVER" ] || cn_die "rabbitmq-server is not installed: apt-get install -y rabbitmq-server"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  for attempt in 1 2 3; do
    port="$(cn_free_port)"; dist="$(cn_free_port)"; epmd_port="$(cn_free_port)"; mgmt="$(cn_free_port)"
    cn_spawn "$dir/epmd.pid" "$dir/epmd.log" "$HERE/rabbitmq.sh" epmd "$dir" "$epmd_port"
    cn_wait_pidfile "$dir/epmd.pid" || cn_die "epmd did not start"
    cn_spawn "$dir/beam.pid" "$dir/console.log" "$HERE/rabbitmq.sh" run "$dir" "$port" "$dist" "$epmd_port" "$mgmt"
    cn_wait_pidfile "$dir/beam.pid" || cn_die "rabbitmq-server did not start"

    rc=0
    cn_wait_until 60 "$(cn_read_pid "$dir/beam.pid")" amqp_handshake "$port" || rc=$?
    [ "$rc" -eq 0 ] && { cn_wait_until 30 "$(cn_read_pid "$dir/beam.pid")" management_ready "$mgmt" || rc=$?; }
    if [ "$rc" -eq 0 ]; then
      cat > "$dir/env" <<ENV
RABBITMQ_PORT=$port
RABBITMQ_MANAGEMENT_PORT=$mgmt
RABBITMQ_EPMD_PORT=$epmd_port
RABBITMQ_NODENAME=t$port@localhost
CHAMPION_TEST_RABBITMQ=amqp://guest:guest@127.0.0.1:$port/
CHAMPION_TEST_RABBITMQ_MANAGEMENT=http://guest:guest@127.0.0.1:$mgmt
ENV
      return 0
    fi

    cn_tail_logs "$dir/console.log" "$dir"/log/*.log
    stop "$dir" --fast
    # Died early (rc 2): most likely a port taken in the meantime; try new ports. A timeout (rc 1) is final.
    [ "$rc" -eq 2 ] || cn_die "RabbitMQ was not ready after 60 s (log above)"
    cn_log "RabbitMQ exited during startup (attempt $attempt), retrying on new ports"
    rm -rf "$dir/mnesia" "$dir/log"
  done
  cn_die "RabbitMQ failed to start three times (logs above)"
}

stop() {
  local dir="$1" fast="${2:-}" beam
  [ -d "$dir" ] || return 0
  beam="$(cn_read_pid "$dir/beam.pid")"
  if [ "$fast" = "--fast" ] && [ -n "$beam" ]; then
    kill -KILL "$beam" 2>/dev/null || true
  fi
  # TERM to the VM is a graceful stop.
  cn_stop_pidfile "$dir/beam.pid" 20
  cn_stop_pidfile "$dir/epmd.pid" 5
}

case "${1:-}" in
  epmd) epmd_run "${2:?usage: $0 epmd DIR EPMD_PORT}" "${3:?usage: $0 epmd DIR EPMD_PORT}" ;;
  run) run "${2:?usage: $0 run DIR PORT DIST EPMD_PORT [MGMT]}" "${3:?}" "${4:?}" "${5:?}" "${6:-}" ;;
  start) start "${2:?usage: $0 start DIR}" ;;
  stop) stop "${2:?usage: $0 stop DIR [--fast]}" "${3:-}" ;;
  *) echo "usage: $0 epmd DIR EPMD_PORT | run DIR PORT DIST EPMD_PORT [MGMT] | start DIR | stop DIR [--fast]" >&2; exit 2 ;;
esac
