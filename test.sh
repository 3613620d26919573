#!/usr/bin/env bash
# Runs the whole test suite against ONE private RabbitMQ, Redis and PostgreSQL (shared/design/LOCAL-SERVERS.md).
#
#   ./test.sh [dotnet test arguments...]      e.g. ./test.sh --filter "FullyQualifiedName~Outbox"
#   TEST_TARGET=tests/Foo.Tests ./test.sh     a project or solution filter instead of ChampionNetwork.sln
#
# Installs missing Debian packages, starts the servers on free ports under a temp folder while the solution builds,
# exports CHAMPION_TEST_* (the fixtures in tests/TestInfrastructure take them first), runs dotnet test, stops every
# server on exit (also on failure and Ctrl+C), and ends with "N passed, N failed, N skipped" summed over all test
# assemblies. Exits non-zero if the build failed, any test failed, any test was skipped, or no test ran.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

TARGET="${TEST_TARGET:-ChampionNetwork.sln}"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes lingering after the run.
export MSBUILDDISABLENODEREUSE=1

WORK=""
STARTER=""
CHILD=""

cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  set +e
  [ -n "$CHILD" ] && stop_group "$CHILD"
  # An interrupted start: end the whole starter tree first (it runs in its own process group).
  [ -n "$STARTER" ] && kill -TERM -- "-$STARTER" 2>/dev/null && wait "$STARTER" 2>/dev/null
  if [ -n "$WORK" ]; then
    infra/servers/servers.sh stop "$WORK/servers" --fast || true
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'echo "Interrupted." >&2; exit 130' INT
trap 'echo "Terminated." >&2; exit 143' TERM

# Ends a process group started with setsid: TERM, up to 15 s, then KILL.
stop_group() {
  local pgid="$1" tenths=150
  kill -TERM -- "-$pgid" 2>/dev/null || return 0
  while kill -0 -- "-$pgid" 2>/dev/null && [ "$tenths" -gt 0 ]; do
    sleep 0.1
    tenths=$((tenths - 1))
  done
  kill -KILL -- "-$pgid" 2>/dev/null
  wait "$pgid" 2>/dev/null
}

# Runs a command in its own process group and waits for it. The group lets cleanup end dotnet with everything it
# started (vstest.console, testhost: TERM to the dotnet CLI alone leaves them running); waiting in the background
# lets INT/TERM reach our trap at once instead of after the command ends.
run() {
  setsid "$@" &
  CHILD=$!
  local rc=0
  wait "$CHILD" || rc=$?
  CHILD=""
  return "$rc"
}

# Sums the <Counters> of every TRX file: prints "passed failed skipped total".
summarize() {
  local files
  mapfile -t files < <(find "$1" -name '*.trx' 2>/dev/null)
  if [ "${#files[@]}" -eq 0 ]; then
    echo "0 0 0 0"
    return
  fi
  awk '
    function attr(s, name) {
      if (match(s, " " name "=\"[0-9]+\"")) return substr(s, RSTART + length(name) + 3, RLENGTH - length(name) - 4) + 0
      return 0
    }
    /<Counters / {
      passed += attr($0, "passed")
      failed += attr($0, "failed") + attr($0, "error") + attr($0, "timeout") + attr($0, "aborted")
      skipped += attr($0, "notExecuted")
      total += attr($0, "total")
    }
    END { printf "%d %d %d %d\n", passed, failed, skipped, total }
  ' "${files[@]}"
}

finish() {
  local passed="$1" failed="$2" skipped="$3" status="$4"
  echo "Elapsed: $((SECONDS / 60))m $((SECONDS % 60))s"
  echo "$passed passed, $failed failed, $skipped skipped"
  exit "$status"
}

# kubectl (its built-in kustomize) and yamllint: tests/Scale.Tests renders and lints infra/k8s.
infra/servers/install.sh nodejs npm chromium kubernetes-client yamllint

# The real clients of the conformance tests (tests/Conformance: @redocly/cli), from the committed lock: once, and again
# only when the lock changes. Without Node.js the conformance test fails; it is never skipped.
install_conformance_clients() {
  local dir=tests/Conformance
  if ! command -v npm >/dev/null 2>&1 && command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    echo "Installing nodejs and npm for the conformance tests..."
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "npm is missing: the conformance tests will fail. Install Node.js 20.19+ and npm, then run: npm ci --prefix $dir" >&2
    return 0
  fi
  if [ ! -f "$dir/node_modules/.package-lock.json" ] || [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    echo "Installing the conformance clients (npm ci --prefix $dir)..."
    npm ci --prefix "$dir" --no-audit --no-fund --loglevel=error
  fi
}
install_conformance_clients

WORK="$(mktemp -d "${TMPDIR:-/tmp}/championnetwork-test.XXXXXX")"
chmod 755 "$WORK" # as root, PostgreSQL runs as the postgres user and must reach its folder in here
# setsid: its own process group, so that cleanup can end every step of an interrupted start.
setsid infra/servers/servers.sh start "$WORK/servers" 2>"$WORK/servers.log" &
STARTER=$!

# Build while the servers start (RabbitMQ takes 5-10 s). With extra arguments (a configuration, say) dotnet test
# builds for itself instead.
NO_BUILD=()
if [ "$#" -eq 0 ]; then
  echo "Building $TARGET while the servers start..."
  if ! run dotnet build "$TARGET" -nologo -v minimal; then
    echo "BUILD FAILED"
    finish 0 0 0 1
  fi
  NO_BUILD=(--no-build)
fi

STARTER_RC=0
wait "$STARTER" || STARTER_RC=$?
STARTER=""
cat "$WORK/servers.log" >&2
if [ "$STARTER_RC" -ne 0 ]; then
  echo "The test servers did not start (log above)." >&2
  finish 0 0 0 1
fi
set -a
# shellcheck disable=SC1091
. "$WORK/servers/servers.env"
set +a
echo "RabbitMQ $CHAMPION_TEST_RABBITMQ (management $CHAMPION_TEST_RABBITMQ_MANAGEMENT), Redis $CHAMPION_TEST_REDIS, PostgreSQL $CHAMPION_TEST_POSTGRES"

TEST_RC=0
if [ "$#" -eq 0 ] && [ "$TARGET" = "ChampionNetwork.sln" ]; then
  # The tests that run a whole platform under the Aspire AppHost (AppHost.Tests, and the fault-injection run that
  # kills it five times under load) go after the rest, one assembly at a time: in parallel they starve the
  # timing-sensitive cluster tests on a 2-core machine.
  run dotnet test "$TARGET" --no-build --filter "FullyQualifiedName!~ChampionNetwork.Resilience.Tests&FullyQualifiedName!~ChampionNetwork.AppHost.Tests" --logger trx --results-directory "$WORK/results" || TEST_RC=$?
  run dotnet test tests/AppHost.Tests/AppHost.Tests.csproj --no-build --logger trx --results-directory "$WORK/results" || TEST_RC=$?
  run dotnet test tests/Resilience.Tests/Resilience.Tests.csproj --no-build --logger trx --results-directory "$WORK/results" || TEST_RC=$?
else
  run dotnet test "$TARGET" "${NO_BUILD[@]}" --logger trx --results-directory "$WORK/results" "$@" || TEST_RC=$?
fi

read -r PASSED FAILED SKIPPED TOTAL < <(summarize "$WORK/results")
STATUS=0
if [ "$FAILED" -gt 0 ]; then
  STATUS=1
elif [ "$TEST_RC" -ne 0 ]; then
  echo "dotnet test exited with code $TEST_RC (build error or aborted test run: see above)."
  STATUS=1
elif [ "$SKIPPED" -gt 0 ]; then
  echo "$SKIPPED test(s) skipped: every test must run (a skipped test proves nothing). Skipped:"
  find "$WORK/results" -name '*.trx' -exec grep -ho '<UnitTestResult [^>]*outcome="NotExecuted"' {} + 2>/dev/null \
    | grep -o 'testName="[^"]*"' | sed 's/^testName=/  /' || true
  STATUS=1
elif [ "$TOTAL" -eq 0 ]; then
  echo "No test ran."
  STATUS=1
fi
finish "$PASSED" "$FAILED" "$SKIPPED" "$STATUS"
