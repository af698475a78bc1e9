#!/usr/bin/env bash
# Release benchmark: in one run, wrk against the hello app directly, through the host agent's proxy (the
# app released as a service stage) and through nginx proxying the same app; then 20 releases of the
# service through the CLI while wrk keeps loading it, counting every failed request. Prints markdown.
#
#   bench/release/run.sh                       # 10 s per target after a 15 s warm-up, wrk -t2 -c32, 20 releases
#   RELEASES=50 DURATION=30s bench/release/run.sh
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
RELEASES="${RELEASES:-20}"
WORK="$(mktemp -d /tmp/scrb.XXXXXX)"
export STAGECRAFT_AGENT_DIR="$WORK/agent"
PIDS=()

cleanup() {
    [ -f "$WORK/cli/stagecraft.dll" ] && dotnet "$WORK/cli/stagecraft.dll" agent stop >/dev/null 2>&1 || true
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    rm -rf "$WORK"
}
trap cleanup EXIT

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
    apt-get update -qq && apt-get install -y -qq nginx wrk >/dev/null
fi

free_port() {
    python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

wait_for() {
    for _ in $(seq 1 200); do
        curl -sf -o /dev/null "$1" && return 0
        sleep 0.05
    done
    echo "not answering: $1" >&2
    return 1
}

# "rps p50_ms p99_ms" of one wrk output file.
summarize() {
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v
        }
        /^Requests\/sec:/ { rps = $2 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        END { printf "%s %s %s\n", rps, p50, p99 }
    ' "$1"
}

measure() {
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null
    wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$WORK/wrk.out"
    if grep -q "Non-2xx\|Socket errors" "$WORK/wrk.out"; then
        echo "errors while measuring $1:" >&2
        cat "$WORK/wrk.out" >&2
    fi
    summarize "$WORK/wrk.out"
}

echo "building..." >&2
dotnet build "$ROOT/src/Stagecraft.Cli/Stagecraft.Cli.csproj" -c Release -o "$WORK/cli" -nologo -v quiet -p:UseAppHost=false >/dev/null
mkdir -p "$WORK/project"
dotnet publish "$ROOT/bench/proxy/app" -c Release -o "$WORK/project/app" --nologo -v quiet >/dev/null
CLI=(dotnet "$WORK/cli/stagecraft.dll")

APP_PORT="$(free_port)"
"$WORK/project/app/HelloApp" "$APP_PORT" &
PIDS+=($!)
wait_for "http://127.0.0.1:$APP_PORT/"

SERVICE_PORT="$(free_port)"
write_project() {
    cat >"$WORK/project/stagecraft.yml" <<YAML
project: bench
environments:
  local:
    target: local
stages:
  web:
    kind: service
    revision: app
    start: ["./HelloApp"]
    listen: "127.0.0.1:$SERVICE_PORT"
    env: { BENCH_RELEASE: "$1" }
    health: { path: /, interval: 200ms, timeout: 2s, healthy_threshold: 2, grace: 60s }
    drain_timeout: 10s
    stop_timeout: 5s
YAML
}
write_project 0
(cd "$WORK/project" && "${CLI[@]}" deploy --yes --no-color >"$WORK/deploy-0.log") || { cat "$WORK/deploy-0.log" >&2; exit 1; }

NGINX_PORT="$(free_port)"
mkdir -p "$WORK/nginx/logs"
cat >"$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $WORK/nginx/client_body;
    proxy_temp_path $WORK/nginx/proxy;
    fastcgi_temp_path $WORK/nginx/fastcgi;
    uwsgi_temp_path $WORK/nginx/uwsgi;
    scgi_temp_path $WORK/nginx/scgi;
    upstream app { server 127.0.0.1:$APP_PORT; keepalive 64; }
    server {
        listen 127.0.0.1:$NGINX_PORT;
        location / {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$http_host;
        }
    }
}
CONF
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" &
PIDS+=($!)
wait_for "http://127.0.0.1:$NGINX_PORT/"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
echo "measuring the app directly..." >&2
DIRECT="$(measure "http://127.0.0.1:$APP_PORT/")"
echo "measuring the agent's proxy..." >&2
AGENT="$(measure "http://127.0.0.1:$SERVICE_PORT/")"
echo "measuring nginx..." >&2
NGINX="$(measure "http://127.0.0.1:$NGINX_PORT/")"

echo "releasing $RELEASES times under wrk load..." >&2
wrk -t"$THREADS" -c"$CONNECTIONS" -d3600s --latency "http://127.0.0.1:$SERVICE_PORT/" >"$WORK/releases.out" &
WRK_PID=$!
sleep 2
failed_deploys=0
durations=()
for i in $(seq 1 "$RELEASES"); do
    write_project "$i"
    start=$(date +%s%N)
    if ! (cd "$WORK/project" && "${CLI[@]}" deploy --yes --no-color >"$WORK/deploy-$i.log"); then
        failed_deploys=$((failed_deploys + 1))
        tail -20 "$WORK/deploy-$i.log" >&2
    fi
    durations+=("$(( ($(date +%s%N) - start) / 1000000 ))")
done
sleep 2
kill -INT "$WRK_PID"
wait "$WRK_PID" || true
LIVE="$(cd "$WORK/project" && "${CLI[@]}" outputs web --json | grep '"release"' | tr -d ' ",' | cut -d: -f2)"
requests="$(awk '/ requests in / { print $1 }' "$WORK/releases.out")"
non2xx="$(awk '/Non-2xx or 3xx responses:/ { print $5 }' "$WORK/releases.out")"
sockets="$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$WORK/releases.out")"
read -r rel_rps rel_p50 rel_p99 <<<"$(summarize "$WORK/releases.out")"
mean_release="$(printf '%s\n' "${durations[@]}" | awk '{ s += $1 } END { printf "%.1f", s / NR / 1000 }')"

read -r direct_rps direct_p50 direct_p99 <<<"$DIRECT"
echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
echo "- software: .NET $(dotnet --version), $(nginx -v 2>&1 | cut -d' ' -f3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
echo "- load average (1/5/15 min) before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- command: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency http://127.0.0.1:PORT/ (after a $WARMUP warm-up per target)"
echo
echo "| target | requests/s | p50 (ms) | p99 (ms) | rps vs direct |"
echo "| --- | ---: | ---: | ---: | ---: |"
for row in "hello app, direct|$DIRECT" "hello app as a service, through the agent's proxy|$AGENT" "nginx (1 worker) proxying the same app|$NGINX"; do
    label="${row%%|*}"
    read -r rps p50 p99 <<<"${row#*|}"
    awk -v l="$label" -v r="$rps" -v a="$p50" -v b="$p99" -v dr="$direct_rps" 'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f |\n", l, r, a, b, r / dr }'
done
echo
echo "Releases under load: $RELEASES deploys of the service (each a blue/green release: new instance, health gate, switch, drain, stop), one after another through the CLI, while wrk -t$THREADS -c$CONNECTIONS ran against its address."
echo
echo "| releases | failed deploys | live release after | requests | requests/s | p50 (ms) | p99 (ms) | non-2xx | socket errors | mean deploy (s) |"
echo "| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| $RELEASES | $failed_deploys | $LIVE | $requests | ${rel_rps%.*} | $rel_p50 | $rel_p99 | ${non2xx:-0} | ${sockets:-0} | $mean_release |"
