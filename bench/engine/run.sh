#!/usr/bin/env bash
# Engine benchmark: whole-process wall time and peak memory of validate, plan and a no-change
# deploy on layered graphs of 100, 1,000 and 10,000 stages, and the parallel efficiency of a
# deploy of 200 'sleep 0.2' stages. Prints a markdown report on stdout.
# usage: bench/engine/run.sh [sizes…]   (default: 100 1000 10000)
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
sizes=("${@:-100 1000 10000}")
[ $# -gt 0 ] || sizes=(100 1000 10000)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

"$root/stagecraft" --help >/dev/null   # builds the CLI in Release once
dll="$root/.build/cli/stagecraft.dll"
export NO_COLOR=1

# layered DAG: layers of 50 stages; each stage after the first layer depends on two of the layer before
generate() { # n kind_args_json seconds -> stagecraft.yml on stdout
  local n=$1 run=$2
  awk -v n="$n" -v run="$run" 'BEGIN {
    w = 50; print "project: bench"; print "stages:";
    for (i = 0; i < n; i++) {
      printf "  s%05d:\n    kind: command\n    run: %s\n", i, run;
      if (i >= w) { l = int(i / w); p = (l - 1) * w; a = p + (i % w); b = p + ((i + 7) % w);
        if (a == b) printf "    depends_on: [s%05d]\n", a; else printf "    depends_on: [s%05d, s%05d]\n", a, b; }
    } }'
}

measure() { # label dir args… -> "seconds max_rss_mb" (median of 3 runs)
  local dir=$1; shift
  local results=()
  for _ in 1 2 3; do
    /usr/bin/time -f "%e %M" -o "$work/time" dotnet "$dll" "$@" -f "$dir/stagecraft.yml" >/dev/null 2>"$work/err" || { cat "$work/err" >&2; exit 1; }
    results+=("$(cat "$work/time")")
  done
  printf '%s\n' "${results[@]}" | sort -n | sed -n 2p | awk '{ printf "%.2f %.0f", $1, $2 / 1024 }'
}

echo "| stages | validate (s / MB) | plan, nothing deployed (s / MB) | no-change deploy (s / MB) |"
echo "| ---: | ---: | ---: | ---: |"
for n in "${sizes[@]}"; do
  dir="$work/g$n"; mkdir -p "$dir"
  generate "$n" '["true"]' > "$dir/stagecraft.yml"
  v=$(measure "$dir" validate)
  p=$(measure "$dir" plan)
  dotnet "$dll" deploy -f "$dir/stagecraft.yml" --parallelism 8 >/dev/null 2>&1 || { echo "initial deploy of $n stages failed" >&2; exit 1; }
  d=$(measure "$dir" deploy)
  echo "| $n | ${v/ / \/ } | ${p/ / \/ } | ${d/ / \/ } |"
done

# Parallel efficiency: 200 stages of 'sleep 0.2', parallelism 4.
dir="$work/sleep"; mkdir -p "$dir"
generate 200 '["sleep", "0.2"]' > "$dir/stagecraft.yml"
start=$(date +%s.%N)
dotnet "$dll" deploy -f "$dir/stagecraft.yml" --parallelism 4 >/dev/null
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN {
  wall = e - s; cp = 4 * 0.2; work = 200 * 0.2 / 4; lb = (cp > work) ? cp : work;
  printf "\nParallel efficiency: 200 x sleep 0.2, parallelism 4: wall %.2f s, lower bound %.2f s, ratio %.3f\n", wall, lb, wall / lb }'
