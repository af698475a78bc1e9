#!/usr/bin/env bash
# Runs every test of the solution and ends with "Tests: N passed, N failed[, N skipped]".
# Installs what the integration tests need first (see scripts/test-deps.sh).
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
"$root/scripts/test-deps.sh" || { echo "installing test prerequisites failed"; echo "Tests: 0 passed, 1 failed"; exit 1; }

results="$root/.build/test-results"
rm -rf "$results"
dotnet build Stagecraft.slnx -c Release -nologo -v quiet -clp:NoSummary
build=$?
if [ $build -ne 0 ]; then
  echo "the build failed: no test ran"
  echo "Tests: 0 passed, 1 failed"
  exit 1
fi

dotnet test Stagecraft.slnx -c Release --no-build --logger "trx" --results-directory "$results" -- RunConfiguration.TreatNoTestsAsError=false
status=$?

passed=0; failed=0; skipped=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  f=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  n=$(sed -n 's/.* notExecuted="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${f:-0})); skipped=$((skipped + ${n:-0}))
done
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then
  echo "dotnet test exited with $status although no test failed (a test host crashed?)"
  failed=1
fi
if [ $skipped -gt 0 ]; then
  echo "Tests: $passed passed, $failed failed, $skipped skipped"
else
  echo "Tests: $passed passed, $failed failed"
fi
[ $failed -eq 0 ]
