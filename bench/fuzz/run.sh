#!/usr/bin/env bash
# Long fuzzing run of `stagecraft validate` (see docs/reliability.md).
# Usage: bench/fuzz/run.sh [CASES] [SEED] [WORKERS]   (defaults: 100000, the date as yyyymmdd, 2)
# Builds the integration tests, runs a copy of them (so a rebuild meanwhile cannot disturb the run),
# and prints the figures: cases, crashes, exits other than 0/2, slowest case, duration, seed.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cases="${1:-100000}"
seed="${2:-$(date -u +%Y%m%d)}"
workers="${3:-2}"
out="$root/.build/fuzz"
dotnet build "$root/tests/Stagecraft.Integration.Tests/Stagecraft.Integration.Tests.csproj" -c Release -nologo -v quiet -clp:NoSummary >&2
rm -rf "$out" && mkdir -p "$out"
cp -r "$root/tests/Stagecraft.Integration.Tests/bin/Release/net10.0/." "$out/bin"
report="$out/report-$seed-$cases.txt"
echo "fuzzing: $cases cases, seed $seed, $workers workers; load average: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
status=0
STAGECRAFT_FUZZ_CASES="$cases" STAGECRAFT_FUZZ_SEED="$seed" STAGECRAFT_FUZZ_WORKERS="$workers" STAGECRAFT_FUZZ_REPORT="$report" \
  dotnet test "$out/bin/Stagecraft.Integration.Tests.dll" --filter "FullyQualifiedName~ProjectFileFuzzTests.Validate_exits" >"$out/test.log" 2>&1 || status=$?
cat "$report" 2>/dev/null || tail -40 "$out/test.log"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
exit "$status"
