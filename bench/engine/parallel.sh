#!/usr/bin/env bash
# Parallel efficiency alone: a deploy of 200 'sleep 0.2' stages at --parallelism 4 (layers of 50, as in
# run.sh), next to a reference measured in the same run: the same 200 'sleep 0.2' through 'xargs -P 4',
# the floor a plain process starter reaches on this machine at this load. Rounds alternate the two.
# usage: bench/engine/parallel.sh [ROUNDS]   (default 3); prints one line per round and the medians
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
rounds="${1:-3}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"$root/stagecraft" --help >/dev/null   # builds the CLI in Release once
dll="$root/.build/cli/stagecraft.dll"
export NO_COLOR=1

generate() {
  awk 'BEGIN { w = 50; print "project: bench"; print "stages:";
    for (i = 0; i < 200; i++) {
      printf "  s%05d:\n    kind: command\n    run: [\"sleep\", \"0.2\"]\n", i;
      if (i >= w) { l = int(i / w); p = (l - 1) * w; a = p + (i % w); b = p + ((i + 7) % w);
        if (a == b) printf "    depends_on: [s%05d]\n", a; else printf "    depends_on: [s%05d, s%05d]\n", a, b; }
    } }'
}

now() { date +%s.%N; }
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq "$rounds"); do
  dir="$work/r$r"; mkdir -p "$dir"; generate > "$dir/stagecraft.yml"
  s=$(now); seq 200 | xargs -P 4 -I{} sleep 0.2; e=$(now)
  ref=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }')
  s=$(now); /usr/bin/time -f "%U %S" -o "$work/cpu" dotnet "$dll" deploy -f "$dir/stagecraft.yml" --parallelism 4 >/dev/null; e=$(now)
  wall=$(awk -v s="$s" -v e="$e" 'BEGIN { printf "%.3f", e - s }')
  echo "round $r: deploy $wall s, xargs $ref s, ratio to the 10 s bound $(awk -v w="$wall" 'BEGIN { printf "%.3f", w / 10 }'), to xargs $(awk -v w="$wall" -v x="$ref" 'BEGIN { printf "%.3f", w / x }'); CLI cpu user/sys $(cat "$work/cpu") s; load $(cut -d' ' -f1 /proc/loadavg)"
done | tee "$work/rounds"
median() { sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
d=$(awk '{ print $4 }' "$work/rounds" | median); x=$(awk '{ print $7 }' "$work/rounds" | median)
awk -v d="$d" -v x="$x" 'BEGIN { printf "median: deploy %.3f s (ratio %.3f), xargs %.3f s (ratio %.3f), deploy / xargs %.3f\n", d, d / 10, x, x / 10, d / x }'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
