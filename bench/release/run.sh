#!/usr/bin/env bash
# Release benchmark: in one run, wrk against the hello app directly, through the host agent's proxy (the
# app released as a service stage) and through nginx (1 worker) proxying the same app, over plain HTTP and
# over TLS (one self-signed certificate made for the run, served by the agent from files and by nginx);
# then 20 releases of the service through the CLI while wrk keeps loading it, counting every failed request;
# then two progressive rollouts under the same load: one whose green is healthy (promoted) and one whose
# green fails a share of its requests (aborted): from the agent log, when the step began, when the proxy
# moved every new request back to blue and when the decision was logged; from a probe client, the last
# request green answered relative to that switch; and wrk's failed requests against green's own 5xx.
# Every row is also shown as a ratio to nginx measured in this run. Prints markdown.
#
#   bench/release/run.sh                       # 10 s per target after a 15 s warm-up, wrk -t2 -c32, 20 releases
#   RELEASES=50 DURATION=30s bench/release/run.sh
#   STEP_TIME=10s FAIL_PERCENT=5 bench/release/run.sh
#   KEEP=1 bench/release/run.sh                # keep the temporary directory (logs, wrk and probe output)
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
RELEASES="${RELEASES:-20}"
STEP_TIME="${STEP_TIME:-5s}"         # each rollout step
FAIL_PERCENT="${FAIL_PERCENT:-20}"   # share of requests the failing green answers with 500
WORK="$(mktemp -d /tmp/scrb.XXXXXX)"
export STAGECRAFT_AGENT_DIR="$WORK/agent"
PIDS=()

cleanup() {
    [ -f "$WORK/cli/stagecraft.dll" ] && dotnet "$WORK/cli/stagecraft.dll" agent stop >/dev/null 2>&1 || true
    for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    if [ "${KEEP:-0}" = 1 ]; then echo "kept $WORK" >&2; else rm -rf "$WORK"; fi
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
        curl -sfk -o /dev/null "$1" && return 0
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

# "requests non2xx socket_errors" of one wrk output file.
failures() {
    awk '
        / requests in / { n = $1 }
        /Non-2xx or 3xx responses:/ { bad = $5 }
        /Socket errors:/ { gsub(",", ""); sock = $4 + $6 + $8 + $10 }
        END { printf "%d %d %d\n", n, bad, sock }
    ' "$1"
}

measure() {
    timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "$1" >/dev/null
    timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "$1" >"$WORK/wrk.out"
    if grep -q "Non-2xx\|Socket errors" "$WORK/wrk.out"; then
        echo "errors while measuring $1:" >&2
        cat "$WORK/wrk.out" >&2
    fi
    summarize "$WORK/wrk.out"
}

# Background wrk against the plain service for the length of one phase (bounded at 10 minutes).
load_start() {
    timeout 700 wrk -t"$THREADS" -c"$CONNECTIONS" -d600s --latency "http://127.0.0.1:$SERVICE_PORT/" >"$WORK/$1.out" &
    WRK_PID=$!
    sleep 2
}
load_stop() {
    sleep 2
    kill -INT "$WRK_PID" 2>/dev/null || true
    wait "$WRK_PID" || true
}

# One deploy through the CLI, at most 5 minutes; prints its wall time in ms and leaves its exit code in DEPLOY_RC.
deploy() {
    local start
    start=$(date +%s%N)
    DEPLOY_RC=0
    (cd "$WORK/project" && timeout 300 "${CLI[@]}" deploy --yes --no-color >"$WORK/deploy-$1.log" 2>&1) || DEPLOY_RC=$?
    DEPLOY_MS=$(( ($(date +%s%N) - start) / 1000000 ))
}

echo "building..." >&2
dotnet build "$ROOT/src/Stagecraft.Cli/Stagecraft.Cli.csproj" -c Release -o "$WORK/cli" -nologo -v quiet -p:UseAppHost=false >/dev/null
mkdir -p "$WORK/project"
dotnet publish "$ROOT/bench/proxy/app" -c Release -o "$WORK/project/app" --nologo -v quiet >/dev/null
CLI=(dotnet "$WORK/cli/stagecraft.dll")
# One certificate for every TLS server: ECDSA P-256, what an ACME certificate usually is (as in bench/proxy).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
    -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null

APP_PORT="$(free_port)"
"$WORK/project/app/HelloApp" "$APP_PORT" &
PIDS+=($!)
wait_for "http://127.0.0.1:$APP_PORT/"

SERVICE_PORT="$(free_port)"
SERVICE_TLS_PORT="$(free_port)"
# write_project RELEASE [extra env entries] [extra settings of web]: web is the service released again and
# again; web-tls is the same app served over TLS from the certificate files, released once.
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
    env: { BENCH_RELEASE: "$1"${2:+, $2} }
    health: { path: /healthz, interval: 200ms, timeout: 2s, healthy_threshold: 2, grace: 60s }
    drain_timeout: 10s
    stop_timeout: 5s
${3:+    $3}
  web-tls:
    kind: service
    revision: app
    start: ["./HelloApp"]
    listen: "127.0.0.1:$SERVICE_TLS_PORT"
    tls: { certificate: "$WORK/cert.pem", key: "$WORK/key.pem" }
    health: { path: /healthz, interval: 200ms, timeout: 2s, healthy_threshold: 2, grace: 60s }
    drain_timeout: 10s
    stop_timeout: 5s
YAML
}
write_project 0
deploy 0
[ "$DEPLOY_RC" = 0 ] || { cat "$WORK/deploy-0.log" >&2; exit 1; }

# nginx, 1 worker, in front of the same app as a plain-HTTP or TLS server with the same certificate.
start_nginx() {
    local name="$1" port="$2" listen="listen 127.0.0.1:$2;" dir="$WORK/$1"
    if [ "${3:-}" = tls ]; then
        listen="listen 127.0.0.1:$port ssl; ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem; ssl_protocols TLSv1.2 TLSv1.3;"
    fi
    mkdir -p "$dir/logs"
    cat >"$dir/nginx.conf" <<CONF
worker_processes 1;
daemon off;
pid $dir/nginx.pid;
error_log $dir/logs/error.log warn;
events { worker_connections 4096; }
http {
    access_log off;
    client_body_temp_path $dir/client_body;
    proxy_temp_path $dir/proxy;
    fastcgi_temp_path $dir/fastcgi;
    uwsgi_temp_path $dir/uwsgi;
    scgi_temp_path $dir/scgi;
    upstream app { server 127.0.0.1:$APP_PORT; keepalive 64; }
    server {
        $listen
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
    nginx -p "$dir" -c "$dir/nginx.conf" &
    PIDS+=($!)
}
NGINX_PORT="$(free_port)"
start_nginx nginx "$NGINX_PORT"
wait_for "http://127.0.0.1:$NGINX_PORT/"
NGINX_TLS_PORT="$(free_port)"
start_nginx nginx-tls "$NGINX_TLS_PORT" tls
wait_for "https://127.0.0.1:$NGINX_TLS_PORT/"
wait_for "https://127.0.0.1:$SERVICE_TLS_PORT/"

LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
declare -A RESULT
for target in direct agent nginx agenttls nginxtls; do
    case "$target" in
        direct) url="http://127.0.0.1:$APP_PORT/" ;;
        agent) url="http://127.0.0.1:$SERVICE_PORT/" ;;
        nginx) url="http://127.0.0.1:$NGINX_PORT/" ;;
        agenttls) url="https://127.0.0.1:$SERVICE_TLS_PORT/" ;;
        nginxtls) url="https://127.0.0.1:$NGINX_TLS_PORT/" ;;
    esac
    echo "measuring $target (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
    RESULT[$target]="$(measure "$url")"
done

echo "releasing $RELEASES times under wrk load (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
load_start releases
failed_deploys=0
durations=()
for i in $(seq 1 "$RELEASES"); do
    write_project "$i"
    deploy "$i"
    if [ "$DEPLOY_RC" != 0 ]; then
        failed_deploys=$((failed_deploys + 1))
        tail -20 "$WORK/deploy-$i.log" >&2
    fi
    durations+=("$DEPLOY_MS")
done
load_stop
LIVE="$(cd "$WORK/project" && "${CLI[@]}" outputs web --json | grep '"release"' | tr -d ' ",' | cut -d: -f2)"
mean_release="$(printf '%s\n' "${durations[@]}" | awk '{ s += $1 } END { printf "%.1f", s / NR / 1000 }')"

# A client that asks one request at a time over keep-alive and writes, per request, when it was sent and
# answered (Unix ns), the status and the X-Hello-Tag of the release that answered. Ends when the stop file
# appears, or after its time limit.
cat >"$WORK/probe.py" <<'PY'
import http.client, os, sys, time
port, stop, limit, out = int(sys.argv[1]), sys.argv[2], float(sys.argv[3]), sys.argv[4]
end = time.time() + limit
conn = None
with open(out, "w") as f:
    while time.time() < end and not os.path.exists(stop):
        sent = time.time_ns()
        try:
            if conn is None:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", "/probe")
            r = conn.getresponse()
            r.read()
            f.write(f"{sent} {time.time_ns()} {r.status} {r.getheader('X-Hello-Tag', '-')}\n")
        except Exception:
            f.write(f"{sent} {time.time_ns()} error -\n")
            conn = None
            time.sleep(0.001)
PY

ROLLOUT="rollout: { steps: [10, 50], step_time: $STEP_TIME, max_error_rate: 0.01, min_requests: 50 }"
AGENT_LOG="$STAGECRAFT_AGENT_DIR/agent.log"
echo "rollout with a healthy green (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
load_start rollout-pass
PASS_FROM=$(( $(wc -l <"$AGENT_LOG") + 1 ))
write_project pass 'HELLO_TAG: "blue"' "$ROLLOUT"
deploy pass
PASS_RC="$DEPLOY_RC" PASS_MS="$DEPLOY_MS"
load_stop
LIVE_AFTER_PASS="$(cd "$WORK/project" && "${CLI[@]}" outputs web --json | grep '"release"' | tr -d ' ",' | cut -d: -f2)"

echo "rollout with a green that fails $FAIL_PERCENT% of its requests (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
load_start rollout-fail
timeout 400 python3 "$WORK/probe.py" "$SERVICE_PORT" "$WORK/probe.stop" 360 "$WORK/probe.out" &
PROBE_PID=$!
FAIL_FROM=$(( $(wc -l <"$AGENT_LOG") + 1 ))
write_project fail "HELLO_TAG: \"green\", HELLO_FAIL_PERCENT: \"$FAIL_PERCENT\"" "$ROLLOUT"
deploy fail
FAIL_RC="$DEPLOY_RC" FAIL_MS="$DEPLOY_MS"
sleep 2
touch "$WORK/probe.stop"
wait "$PROBE_PID" || true
load_stop
LOAD_AFTER="$(cut -d' ' -f1-3 /proc/loadavg)"

# The agent's log lines of one phase that tell the rollout's course, as "HH:MM:SS.mmm text".
rollout_lines() {
    tail -n +"$1" "$AGENT_LOG" | head -n "$2" | grep -E 'rollout|Routing to pool|Drained pool|promoted|switched|failed:' |
        sed -E 's/^[0-9-]+T([0-9:.]+)Z (bench\/local\/web: )?/\1 /' || true
}
PASS_LINES="$(rollout_lines "$PASS_FROM" $((FAIL_FROM - PASS_FROM)))"
FAIL_LINES="$(rollout_lines "$FAIL_FROM" 100000)"
# The proxy logs "Routing to pool rN" when it moves every new request to one release; the rollout logs its
# decision ("rollout step …, failed; rollout aborted at …") right after that call returned.
tail -n +"$FAIL_FROM" "$AGENT_LOG" >"$WORK/agent-fail.log"
step_line="$(grep -m1 'bench/local/web: rollout: ' "$WORK/agent-fail.log" || true)"
switch_line="$(grep -E 'Routing to pool r[0-9]+$' "$WORK/agent-fail.log" | head -1 || true)"
decision_line="$(grep 'rollout step .*; rollout aborted at' "$WORK/agent-fail.log" | head -1 || true)"
ns_of() { if [ -n "$1" ]; then date -d "${1%% *}" +%s%N; else echo 0; fi; }
step_ns="$(ns_of "$step_line")" switch_ns="$(ns_of "$switch_line")" decision_ns="$(ns_of "$decision_line")"
# From the probe, relative to the switch: when the last request that reached green was sent and answered
# (negative: before the switch), the requests sent after the switch and how many green answered, the
# probe's median spacing between requests and its total.
read -r last_green_sent last_green_done after_total after_green probe_gap_ms probe_total <<<"$(python3 - "$switch_ns" "$WORK/probe.out" <<'PY'
import statistics, sys
switch = int(sys.argv[1])
rows = [line.split() for line in open(sys.argv[2])]
sent = [int(r[0]) for r in rows]
green = [r for r in rows if r[3] == "green"]
after = [r for r in rows if switch and int(r[0]) > switch]
rel = lambda t: f"{(int(t) - switch) / 1e6:.0f}" if switch else "-"
gap = statistics.median(b - a for a, b in zip(sent, sent[1:])) / 1e6 if len(sent) > 1 else 0
print(rel(green[-1][0]) if green else "-", rel(green[-1][1]) if green else "-", len(after),
      sum(1 for r in after if r[3] == "green"), f"{gap:.1f}", len(rows))
PY
)"
green_5xx="$(grep -o 'rollout aborted at [0-9]*%: green 5xx [0-9]* of [0-9]*' "$WORK/agent-fail.log" | head -1 | awk '{ print $7 " of " $9 }')"
probe_5xx="$(awk '$3 == 500' "$WORK/probe.out" | wc -l)"
probe_errors="$(awk '$3 == "error"' "$WORK/probe.out" | wc -l)"
LIVE_AFTER="$(cd "$WORK/project" && "${CLI[@]}" outputs web --json | grep '"release"' | tr -d ' ",' | cut -d: -f2)"

echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
echo "- software: .NET $(dotnet --version), $(nginx -v 2>&1 | cut -d' ' -f3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(openssl version | cut -d' ' -f1-2)"
echo "- load average (1/5/15 min) before / after: $LOAD_BEFORE / $LOAD_AFTER"
echo "- command: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency URL (after a $WARMUP warm-up per target); TLS rows over wrk's keep-alive connections"
echo
read -r nginx_rps _ nginx_p99 <<<"${RESULT[nginx]}"
read -r nginxtls_rps _ nginxtls_p99 <<<"${RESULT[nginxtls]}"
echo "| target | requests/s | p50 (ms) | p99 (ms) | rps vs nginx | p99 vs nginx |"
echo "| --- | ---: | ---: | ---: | ---: | ---: |"
for target in direct agent nginx agenttls nginxtls; do
    case "$target" in
        direct) label="hello app, direct" nr="$nginx_rps" np="$nginx_p99" ;;
        agent) label="hello app as a service, through the agent's proxy" nr="$nginx_rps" np="$nginx_p99" ;;
        nginx) label="nginx (1 worker) proxying the same app" nr="$nginx_rps" np="$nginx_p99" ;;
        agenttls) label="TLS: the service with tls from certificate files, through the agent's proxy" nr="$nginxtls_rps" np="$nginxtls_p99" ;;
        nginxtls) label="TLS: nginx (1 worker), same certificate, proxying the same app" nr="$nginxtls_rps" np="$nginxtls_p99" ;;
    esac
    read -r rps p50 p99 <<<"${RESULT[$target]}"
    awk -v l="$label" -v r="$rps" -v a="$p50" -v b="$p99" -v nr="$nr" -v np="$np" \
        'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f |\n", l, r, a, b, r / nr, b / np }'
done
echo
echo "Releases under load: $RELEASES deploys of the service (each a blue/green release: new instance, health gate, switch, drain, stop), one after another through the CLI, while wrk -t$THREADS -c$CONNECTIONS ran against its address. \"vs nginx\" divides by the plain nginx row above."
echo
echo "| phase | deploys (failed) | live release after | requests | requests/s | rps vs nginx | p50 (ms) | p99 (ms) | p99 vs nginx | non-2xx | socket errors | deploy time (s) |"
echo "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
row() {
    local label="$1" deploys="$2" live="$3" file="$4" secs="$5" rps p50 p99 n bad sock
    read -r rps p50 p99 <<<"$(summarize "$file")"
    read -r n bad sock <<<"$(failures "$file")"
    awk -v l="$label" -v d="$deploys" -v lv="$live" -v n="$n" -v r="$rps" -v a="$p50" -v b="$p99" -v nr="$nginx_rps" -v np="$nginx_p99" \
        -v bad="$bad" -v sock="$sock" -v s="$secs" \
        'BEGIN { printf "| %s | %s | %s | %d | %.0f | %.2f | %.2f | %.2f | %.2f | %d | %d | %s |\n", l, d, lv, n, r, r / nr, a, b, b / np, bad, sock, s }'
}
row "$RELEASES releases" "$RELEASES ($failed_deploys)" "$LIVE" "$WORK/releases.out" "$mean_release (mean)"
row "rollout, healthy green" "1 (exit $PASS_RC)" "$LIVE_AFTER_PASS" "$WORK/rollout-pass.out" "$(awk -v m="$PASS_MS" 'BEGIN { printf "%.1f", m / 1000 }')"
row "rollout, green failing $FAIL_PERCENT%" "1 (exit $FAIL_RC)" "$LIVE_AFTER" "$WORK/rollout-fail.out" "$(awk -v m="$FAIL_MS" 'BEGIN { printf "%.1f", m / 1000 }')"
echo
echo "Rollouts: $ROLLOUT."
echo
echo "- healthy green, the agent's log: $(printf '%s' "$PASS_LINES" | sed 's/$/;/' | tr '\n' ' ')"
echo "- failing green, the agent's log: $(printf '%s' "$FAIL_LINES" | sed 's/$/;/' | tr '\n' ' ')"
awk -v st="$step_ns" -v sw="$switch_ns" -v d="$decision_ns" -v step="$STEP_TIME" 'BEGIN {
    printf "- abort: the step began at +0 ms, the proxy moved every new request to blue at +%.0f ms (step_time %s), the decision line followed at +%.0f ms\n", (sw - st) / 1e6, step, (d - st) / 1e6 }'
echo "- probe (one request at a time over keep-alive, $probe_total requests, median spacing $probe_gap_ms ms): the last request green answered was sent at ${last_green_sent} ms and answered at ${last_green_done} ms relative to the switch; of the $after_total sent after it, green answered $after_green; the probe saw $probe_5xx answers 500 and $probe_errors failed requests"
echo "- green's 5xx as the agent counted them in the step: ${green_5xx:--}; wrk's non-2xx in that phase: $(failures "$WORK/rollout-fail.out" | cut -d' ' -f2), socket errors: $(failures "$WORK/rollout-fail.out" | cut -d' ' -f3)"
