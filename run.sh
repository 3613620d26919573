#!/usr/bin/env bash
# Runs the whole platform: RabbitMQ, Redis, PostgreSQL, every service, wired together, with demo data.
#
#   ./run.sh                  servers keep their data in .apphost/ from one run to the next
#   ./run.sh --fresh          start with empty servers (the demo campaign is seeded again)
#   ./run.sh --data-dir DIR   keep the data somewhere else
#
# Installs any missing Debian packages (as test.sh does: apt-get as root, sudo otherwise), then runs the AppHost,
# which builds the services, starts the servers as child processes on free ports, starts each service once what it
# waits for is healthy, and prints the API URLs. Ctrl+C stops everything and leaves no process behind.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
export DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# No MSBuild worker nodes lingering after the build.
export MSBUILDDISABLENODEREUSE=1

infra/servers/install.sh

# Build first, so that the AppHost's own start (and its "healthy after N s") does not include the build.
dotnet build AppHost -nologo -v quiet -clp:"ErrorsOnly;NoSummary"
# The AppHost itself replaces this shell: Ctrl+C and SIGTERM reach it directly (what `dotnet run --project AppHost` runs).
exec dotnet AppHost/bin/Debug/net10.0/ChampionNetwork.AppHost.dll "$@"
