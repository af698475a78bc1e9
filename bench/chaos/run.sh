#!/bin/sh
# Longer chaos runs than the test suite's: more kill -9 trials of the CLI mid-deploy (default 100),
# then the agent and state-file chaos once each. Figures are printed by the tests; copy them to
# docs/reliability.md under "## Chaos" with the date and load average.
#   bench/chaos/run.sh [TRIALS]
set -eu
cd "$(dirname "$0")/../.."
trials="${1:-100}"
project=tests/Stagecraft.Integration.Tests/Stagecraft.Integration.Tests.csproj
dotnet build "$project" -c Release -nologo -v quiet -clp:NoSummary
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
STAGECRAFT_CHAOS_TRIALS="$trials" dotnet test "$project" -c Release --no-build \
  --logger "console;verbosity=detailed" --filter "FullyQualifiedName~Stagecraft.Integration.Tests.Chaos" \
  | grep -E "chaos |Passed|Failed|Skipped|Total"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
