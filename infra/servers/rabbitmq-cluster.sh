#!/usr/bin/env bash
# A private RabbitMQ cluster of N nodes on this one machine (tests/Scale.Tests: quorum queues with a node killed).
#   rabbitmq-cluster.sh start DIR [N]   N nodes (default 3), each run by `rabbitmq.sh run` with its own node name, AMQP
#                                       and distribution ports and data folder under DIR/nodeI, one epmd for all of
#                                       them, one Erlang cookie; nodes 2..N join node 1 (rabbitmqctl join_cluster).
#                                       Writes DIR/env (ports, node names, VM pids).
#   rabbitmq-cluster.sh stop DIR        kill -9 every node (throwaway data), then epmd. Keeps DIR.
# No management plugin: nothing here reads it, and three of them cost a core on a small machine.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# shellcheck source=lib.sh
. "$HERE/lib.sh"

SERVER=/usr/lib/rabbitmq/bin/rabbitmq-server
CTL=/usr/lib/rabbitmq/bin/rabbitmqctl

amqp_handshake() {
  local reply
  reply="$(timeout 3 bash -c 'exec 3<>"/dev/tcp/127.0.0.1/$0"; printf "AMQP\0\0\011\001" >&3; head -c 1 <&3 | od -An -tu1' "$1")"
  [ "$(echo "$reply" | tr -d ' ')" = "1" ]
}

# rabbitmqctl against node I, with that node's cookie (HOME) and the cluster's epmd.
ctl() {
  local node_dir="$1" node="$2"
  shift 2
  HOME="$node_dir" ERL_EPMD_PORT="$EPMD_PORT" RABBITMQ_CONF_ENV_FILE="$node_dir/rabbitmq-env.conf" \
    timeout 120 "$CTL" -n "$node" "$@"
}

start() {
  local dir="$1" count="${2:-3}" i cookie node_dir port dist ports=() nodes=() pids=()
  [ -x "$SERVER" ] || cn_die "rabbitmq-server is not installed: apt-get install -y rabbitmq-server"
  mkdir -p "$dir"
  dir="$(cd "$dir" && pwd)"
  EPMD_PORT="$(cn_free_port)"
  cn_spawn "$dir/epmd.pid" "$dir/epmd.log" "$HERE/rabbitmq.sh" epmd "$dir" "$EPMD_PORT"
  cn_wait_pidfile "$dir/epmd.pid" || cn_die "epmd did not start"

  # One cookie for every node and for rabbitmqctl: the VM reads $HOME/.erlang.cookie, and `rabbitmq.sh run` sets HOME
  # to the node's folder.
  cookie="$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')"
  for i in $(seq 1 "$count"); do
    node_dir="$dir/node$i"
    mkdir -p "$node_dir"
    printf '%s' "$cookie" > "$node_dir/.erlang.cookie"
    chmod 400 "$node_dir/.erlang.cookie"
    port="$(cn_free_port)"; dist="$(cn_free_port)"
    ports+=("$port"); nodes+=("t$port@localhost")
    cn_spawn "$node_dir/beam.pid" "$node_dir/console.log" "$HERE/rabbitmq.sh" run "$node_dir" "$port" "$dist" "$EPMD_PORT"
  done
  for i in $(seq 1 "$count"); do
    node_dir="$dir/node$i"
    cn_wait_pidfile "$node_dir/beam.pid" || cn_die "rabbitmq-server node $i did not start"
    pids+=("$(cn_read_pid "$node_dir/beam.pid")")
  done
  for i in $(seq 1 "$count"); do
    if ! cn_wait_until 120 "${pids[$((i - 1))]}" amqp_handshake "${ports[$((i - 1))]}"; then
      cn_tail_logs "$dir/node$i/console.log" "$dir/node$i"/log/*.log
      stop "$dir"
      cn_die "RabbitMQ node $i was not ready after 120 s (log above)"
    fi
  done
  for i in $(seq 2 "$count"); do
    node_dir="$dir/node$i"
    ctl "$node_dir" "${nodes[$((i - 1))]}" stop_app >/dev/null
    ctl "$node_dir" "${nodes[$((i - 1))]}" join_cluster "${nodes[0]}" >/dev/null
    ctl "$node_dir" "${nodes[$((i - 1))]}" start_app >/dev/null
    ctl "$node_dir" "${nodes[$((i - 1))]}" await_startup >/dev/null
  done
  cat > "$dir/env" <<ENV
RABBITMQ_CLUSTER_EPMD_PORT=$EPMD_PORT
RABBITMQ_CLUSTER_PORTS="${ports[*]}"
RABBITMQ_CLUSTER_NODES="${nodes[*]}"
RABBITMQ_CLUSTER_PIDS="${pids[*]}"
ENV
  cn_log "RabbitMQ cluster of $count nodes: ${nodes[*]}"
}

stop() {
  local dir="$1" node_dir beam
  [ -d "$dir" ] || return 0
  for node_dir in "$dir"/node*; do
    [ -d "$node_dir" ] || continue
    beam="$(cn_read_pid "$node_dir/beam.pid")"
    [ -n "$beam" ] && kill -KILL "$beam" 2>/dev/null || true
    cn_stop_pidfile "$node_dir/beam.pid" 5
  done
  cn_stop_pidfile "$dir/epmd.pid" 5
}

case "${1:-}" in
  start) start "${2:?usage: $0 start DIR [N]}" "${3:-3}" ;;
  stop) stop "${2:?usage: $0 stop DIR}" ;;
  *) echo "usage: $0 start DIR [N] | stop DIR" >&2; exit 2 ;;
esac
