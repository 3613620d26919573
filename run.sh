#!/usr/bin/env bash
# Runs the whole platform under the .NET Aspire AppHost: RabbitMQ, Redis, PostgreSQL, every service, wired together,
# with demo data, and the Aspire dashboard (resources, traces, structured logs, metrics).
#
#   ./run.sh                  servers keep their data in .apphost/ from one run to the next
#   ./run.sh --fresh          start with empty servers (the demo data is seeded again)
#   ./run.sh --data-dir DIR   keep the data somewhere else
#   ./run.sh --scale          several instances: 2 of each API, 3 InsightHub silos (AppHost/ScaleOut.cs)
#
# Installs any missing Debian packages (apt-get as root, sudo otherwise), builds, then runs the AppHost, which starts
# each server (a configured connection string, else Docker's container, else the local binary), each service once
# what it waits for is healthy, and prints the dashboard and API URLs. Ctrl+C or SIGTERM stops everything.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes lingering after the build.
export MSBUILDDISABLENODEREUSE=1

infra/servers/install.sh nodejs npm

# Build first, so that the AppHost's own start (and its "up after N s") does not include the build.
dotnet build AppHost -nologo -v quiet -clp:"ErrorsOnly;NoSummary"

# What AppHost/Properties/launchSettings.json gives `dotnet run --project AppHost`: the dashboard on loopback only,
# over plain HTTP and without a login, because it is this machine's own.
export ASPNETCORE_ENVIRONMENT=Development DOTNET_ENVIRONMENT=Development
export ASPNETCORE_URLS="${ASPNETCORE_URLS:-http://127.0.0.1:18888}"
export ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL="${ASPIRE_DASHBOARD_OTLP_ENDPOINT_URL:-http://127.0.0.1:18889}"
export ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL="${ASPIRE_RESOURCE_SERVICE_ENDPOINT_URL:-http://127.0.0.1:18890}"
export ASPIRE_ALLOW_UNSECURED_TRANSPORT=true ASPIRE_DASHBOARD_UNSECURED_ALLOW_ANONYMOUS=true

# Ctrl+C and SIGTERM go to the AppHost. Aspire's DCP, which runs every resource, watches the AppHost's pid and stops
# them all once it has gone; this script returns when DCP has finished, so that no process of the run is left.
dotnet AppHost/bin/Debug/net10.0/ChampionNetwork.AppHost.dll "$@" &
APPHOST=$!
trap 'kill -TERM "$APPHOST" 2>/dev/null || true' INT TERM
RC=0
while kill -0 "$APPHOST" 2>/dev/null; do
  wait "$APPHOST" || RC=$?
done
for _ in $(seq 1 600); do
  pgrep -f -- "dcp .*--monitor $APPHOST" >/dev/null || break
  sleep 0.1
done
if pgrep -f -- "dcp .*--monitor $APPHOST" >/dev/null; then
  echo "DCP is still stopping resources after 60 s: see ps -ef | grep dcp" >&2
else
  echo "Stopped: no process of this run is left."
fi
exit "$RC"
