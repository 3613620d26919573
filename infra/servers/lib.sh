# Shared helpers for the private-server scripts in this folder. Source it; do not run it.
# Recipes: shared/design/LOCAL-SERVERS.md. Each server lives in its own folder DIR, which holds its data,
# logs, pid files and an env file (DIR/env) with the variables that point clients at it.

cn_log() { printf '%s\n' "$*" >&2; }

cn_die() {
  cn_log "error: $*"
  exit 1
}

cn_is_root() { [ "$(id -u)" -eq 0 ]; }

# True while the process exists and is not a zombie (kill -0 succeeds on zombies, which PID 1 may reap late).
cn_alive() {
  local pid="$1" stat
  [ -n "$pid" ] && [ -r "/proc/$pid/stat" ] || return 1
  stat="$(cat "/proc/$pid/stat" 2>/dev/null)" || return 1
  stat="${stat##*) }"
  [ "${stat%% *}" != "Z" ]
}

cn_read_pid() { [ -f "$1" ] && head -n 1 "$1" 2>/dev/null || true; }

# Waits up to $2 seconds (default 10) for pid $1 to go; returns 1 if it is still alive.
cn_wait_gone() {
  local pid="$1" tenths=$(( ${2:-10} * 10 ))
  while cn_alive "$pid"; do
    [ "$tenths" -le 0 ] && return 1
    sleep 0.1
    tenths=$((tenths - 1))
  done
}

# TERM, wait up to $2 seconds, then KILL. No-op when the pid file is missing or the process is gone.
cn_stop_pidfile() {
  local file="$1" grace="${2:-10}" pid
  pid="$(cn_read_pid "$file")"
  if [ -n "$pid" ] && cn_alive "$pid"; then
    kill -TERM "$pid" 2>/dev/null || true
    if ! cn_wait_gone "$pid" "$grace"; then
      kill -KILL "$pid" 2>/dev/null || true
      cn_wait_gone "$pid" 5 || true
    fi
  fi
  rm -f "$file"
}

# Is something listening on 127.0.0.1:$1?
cn_port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# A free port below the kernel's ephemeral range (32768+), so that no outgoing connection takes it meanwhile.
# Ports already handed out by this shell are listed in CN_TAKEN_PORTS.
CN_TAKEN_PORTS=" "
cn_free_port() {
  local port tries=0
  while [ "$tries" -lt 200 ]; do
    port=$(( 20000 + RANDOM % 12000 ))
    tries=$((tries + 1))
    case "$CN_TAKEN_PORTS" in *" $port "*) continue ;; esac
    if command -v ss >/dev/null 2>&1; then
      [ -z "$(ss -Htan "( sport = :$port )" 2>/dev/null)" ] || continue
    fi
    cn_port_busy "$port" && continue
    CN_TAKEN_PORTS="$CN_TAKEN_PORTS$port "
    echo "$port"
    return 0
  done
  cn_die "no free port found"
}

# Runs "$@" detached in its own session (so Ctrl+C in the terminal does not reach it), output appended to $LOG,
# and records its pid in $PIDFILE from inside, so the pid is right even if setsid has to fork.
cn_spawn() {
  local pidfile="$1" log="$2"
  shift 2
  setsid sh -c 'echo $$ > "$0"; exec "$@"' "$pidfile" "$@" </dev/null >>"$log" 2>&1 &
}

# Polls "$@" every 0.2 s until it succeeds; fails after $1 seconds or when pid $2 dies (pid may be empty).
cn_wait_until() {
  local seconds="$1" pid="$2" tries
  shift 2
  tries=$((seconds * 5))
  until "$@" 2>/dev/null; do
    if [ -n "$pid" ] && ! cn_alive "$pid"; then return 2; fi
    tries=$((tries - 1))
    [ "$tries" -le 0 ] && return 1
    sleep 0.2
  done
}

cn_wait_pidfile() {
  local file="$1" tries=50
  until [ -s "$file" ]; do
    tries=$((tries - 1))
    [ "$tries" -le 0 ] && return 1
    sleep 0.1
  done
}

cn_tail_logs() {
  local f
  for f in "$@"; do
    [ -f "$f" ] || continue
    cn_log "--- $f (last 30 lines) ---"
    tail -n 30 "$f" >&2
  done
}

# Milliseconds since the epoch, for timings.
cn_now_ms() { date +%s%3N; }
