#!/usr/bin/env bash
# Proxy throughput benchmark: wrk against the hello app directly, through ServiceProxy (default process
# settings, and with inline I/O scheduling), and through nginx (1 worker and auto workers), all on 127.0.0.1
# in one run; then the same proxies serving TLS with one self-signed certificate, over keep-alive
# connections and with a new connection (TCP and TLS handshake) per request. Prints the machine, the
# command and a markdown table with each row's ratio to the best nginx of its group, measured in this run.
#
#   bench/proxy/run.sh                 # 10 s per target after a 15 s warm-up (tiered JIT settles), wrk -t2 -c32
#   DURATION=30s bench/proxy/run.sh    # longer runs
#   TLS=0 bench/proxy/run.sh           # plain HTTP rows only
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
DURATION="${DURATION:-10s}"
WARMUP="${WARMUP:-15s}"
THREADS="${THREADS:-2}"
CONNECTIONS="${CONNECTIONS:-32}"
TLS="${TLS:-1}"
WORK="$(mktemp -d /tmp/stagecraft-proxy-bench.XXXXXX)"
PIDS=()

cleanup() {
    for pid in "${PIDS[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${PIDS[@]}"; do
        for _ in $(seq 1 40); do
            kill -0 "$pid" 2>/dev/null || break
            sleep 0.25
        done
        kill -9 "$pid" 2>/dev/null || true
    done
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
    local url="$1" insecure="${2:-}"
    for _ in $(seq 1 200); do
        if curl -sf $insecure -o /dev/null "$url"; then
            return 0
        fi
        sleep 0.05
    done
    echo "not answering: $url" >&2
    return 1
}

declare -A NGINX_PID
start_nginx() {
    local name="$1" workers="$2" port="$3" tls="${4:-}" dir="$WORK/$1" listen
    mkdir -p "$dir/logs"
    listen="listen 127.0.0.1:$port;"
    if [ -n "$tls" ]; then
        listen="listen 127.0.0.1:$port ssl; ssl_certificate $WORK/cert.pem; ssl_certificate_key $WORK/key.pem; ssl_protocols TLSv1.2 TLSv1.3;"
    fi
    cat >"$dir/nginx.conf" <<CONF
worker_processes $workers;
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
    upstream app {
        server 127.0.0.1:$APP_PORT;
        keepalive 64;
    }
    server {
        $listen
        location / {
            proxy_pass http://app;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            # The same X-Forwarded-* work ServiceProxy does.
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_set_header X-Forwarded-Host \$http_host;
        }
    }
}
CONF
    nginx -p "$dir" -c "$dir/nginx.conf" &
    PIDS+=($!)
    NGINX_PID[$name]=$!
}

# CPU time (clock ticks, user + system) used so far by a process and its children (nginx workers).
cpu_ticks() {
    local total=0 pid
    for pid in "$1" $(pgrep -P "$1"); do
        total=$((total + $(awk '{print $14 + $15}' "/proc/$pid/stat")))
    done
    echo "$total"
}

# Prints "rps p50_ms p99_ms cpu_us_per_request" for one wrk run; the CPU is that of the process serving the port.
# A third argument "close" sends Connection: close, so every request opens a new connection (and handshake).
measure() {
    local url="$1" pid="$2" mode="${3:-}" before after
    local header=()
    if [ "$mode" = close ]; then
        header=(-H "Connection: close")
    fi
    timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$WARMUP" "${header[@]}" "$url" >/dev/null
    before="$(cpu_ticks "$pid")"
    timeout 120 wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency "${header[@]}" "$url" >"$WORK/wrk.out"
    after="$(cpu_ticks "$pid")"
    if grep -q "Non-2xx\|Socket errors" "$WORK/wrk.out"; then
        echo "errors while measuring $url:" >&2
        cat "$WORK/wrk.out" >&2
    fi
    awk '
        function ms(v) {
            if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
            if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
            if (v ~ /s$/)  { sub(/s$/, "", v);  return v * 1000 }
            return v
        }
        /^Requests\/sec:/ { rps = $2 }
        / requests in / { count = $1 }
        $1 == "50%" { p50 = ms($2) }
        $1 == "99%" { p99 = ms($2) }
        END { printf "%s %s %s %.1f\n", rps, p50, p99, ticks * 1000000 / hz / count }
    ' ticks="$((after - before))" hz="$(getconf CLK_TCK)" "$WORK/wrk.out"
}

echo "building..." >&2
dotnet publish "$HERE/app" -c Release -o "$WORK/app" --nologo -v quiet >/dev/null
dotnet publish "$HERE/host" -c Release -o "$WORK/host" --nologo -v quiet >/dev/null

APP_PORT="$(free_port)"
"$WORK/app/HelloApp" "$APP_PORT" &
APP_PID=$!
PIDS+=($APP_PID)
wait_for "http://127.0.0.1:$APP_PORT/"

PROXY_PORT="$(free_port)"
"$WORK/host/ProxyHost" "$PROXY_PORT" "http://127.0.0.1:$APP_PORT/" >/dev/null &
PROXY_PID=$!
PIDS+=($PROXY_PID)
wait_for "http://127.0.0.1:$PROXY_PORT/"

# Same proxy with every socket continuation run inline (Kestrel side via ProxyOptions, HttpClient side via
# the runtime's environment switch) and no thread-pool spinning: fewer thread hops on a small machine.
TUNED_PORT="$(free_port)"
PROXY_INLINE_IO=1 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
    "$WORK/host/ProxyHost" "$TUNED_PORT" "http://127.0.0.1:$APP_PORT/" >/dev/null &
TUNED_PID=$!
PIDS+=($TUNED_PID)
wait_for "http://127.0.0.1:$TUNED_PORT/"

NGINX1_PORT="$(free_port)"
start_nginx nginx1 1 "$NGINX1_PORT"
wait_for "http://127.0.0.1:$NGINX1_PORT/"

NGINXN_PORT="$(free_port)"
start_nginx nginxn auto "$NGINXN_PORT"
wait_for "http://127.0.0.1:$NGINXN_PORT/"

TARGETS="direct stagecraft tuned nginx1 nginxn"
if [ "$TLS" = 1 ]; then
    # One certificate for every TLS server: ECDSA P-256, what an ACME certificate usually is.
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 2 -subj /CN=localhost \
        -addext subjectAltName=IP:127.0.0.1 -keyout "$WORK/key.pem" -out "$WORK/cert.pem" 2>/dev/null
    TLS_PORT="$(free_port)"
    PROXY_TLS_CERT="$WORK/cert.pem" PROXY_TLS_KEY="$WORK/key.pem" \
    PROXY_INLINE_IO=1 DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1 DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 \
        "$WORK/host/ProxyHost" "$TLS_PORT" "http://127.0.0.1:$APP_PORT/" >/dev/null &
    TLS_PID=$!
    PIDS+=($TLS_PID)
    wait_for "https://127.0.0.1:$TLS_PORT/" -k
    NGINX1_TLS_PORT="$(free_port)"
    start_nginx nginx1tls 1 "$NGINX1_TLS_PORT" tls
    wait_for "https://127.0.0.1:$NGINX1_TLS_PORT/" -k
    NGINXN_TLS_PORT="$(free_port)"
    start_nginx nginxntls auto "$NGINXN_TLS_PORT" tls
    wait_for "https://127.0.0.1:$NGINXN_TLS_PORT/" -k
    TARGETS="$TARGETS tls nginx1tls nginxntls tlsnew nginx1tlsnew nginxntlsnew"
fi

declare -A RESULT
LOAD_BEFORE="$(cut -d' ' -f1-3 /proc/loadavg)"
for target in $TARGETS; do
    mode=""
    scheme=http
    case "$target" in
        direct) port="$APP_PORT" pid="$APP_PID" ;;
        stagecraft) port="$PROXY_PORT" pid="$PROXY_PID" ;;
        tuned) port="$TUNED_PORT" pid="$TUNED_PID" ;;
        nginx1) port="$NGINX1_PORT" pid="${NGINX_PID[nginx1]}" ;;
        nginxn) port="$NGINXN_PORT" pid="${NGINX_PID[nginxn]}" ;;
        tls|tlsnew) port="$TLS_PORT" pid="$TLS_PID" scheme=https ;;
        nginx1tls*) port="$NGINX1_TLS_PORT" pid="${NGINX_PID[nginx1tls]}" scheme=https ;;
        nginxntls*) port="$NGINXN_TLS_PORT" pid="${NGINX_PID[nginxntls]}" scheme=https ;;
    esac
    case "$target" in
        *new) mode=close ;;
    esac
    echo "measuring $target (load $(cut -d' ' -f1 /proc/loadavg))..." >&2
    RESULT[$target]="$(measure "$scheme://127.0.0.1:$port/" "$pid" "$mode")"
done

# Each row is compared with the best nginx of its group (plain; TLS keep-alive; TLS new connections).
group_of() {
    case "$1" in
        *new) echo new ;;
        *tls) echo tls ;;
        *) echo plain ;;
    esac
}
declare -A BEST_RPS BEST_P99
for target in $TARGETS; do
    case "$target" in
        nginx*)
            read -r rps _ p99 _ <<<"${RESULT[$target]}"
            g="$(group_of "$target")"
            if awk -v a="$rps" -v b="${BEST_RPS[$g]:-0}" 'BEGIN { exit !(a > b) }'; then
                BEST_RPS[$g]="$rps"
                BEST_P99[$g]="$p99"
            fi
            ;;
    esac
done

echo
echo "- date: $(date -u '+%Y-%m-%d %H:%M UTC')"
echo "- machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(awk '/MemTotal/ {printf "%.1f GiB RAM", $2 / 1048576}' /proc/meminfo)"
echo "- software: .NET $(dotnet --version), $(nginx -v 2>&1 | cut -d' ' -f3), $(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2), $(openssl version | cut -d' ' -f1-2)"
echo "- load average (1/5/15 min) before / after: $LOAD_BEFORE / $(cut -d' ' -f1-3 /proc/loadavg)"
echo "- server CPU per request: user + system time of the process serving the port (with its workers) during the run, divided by the requests; for the proxies it excludes the hello app behind them"
echo "- command: wrk -t$THREADS -c$CONNECTIONS -d$DURATION --latency URL (after a $WARMUP warm-up per target); new-connection rows add -H 'Connection: close'"
echo
echo "| target | requests/s | p50 (ms) | p99 (ms) | rps vs nginx best | p99 vs that nginx | server CPU per request (µs) |"
echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for target in $TARGETS; do
    read -r rps p50 p99 cpu <<<"${RESULT[$target]}"
    g="$(group_of "$target")"
    case "$target" in
        direct) label="hello app, direct" ;;
        stagecraft) label="Stagecraft ServiceProxy" ;;
        tuned) label="Stagecraft ServiceProxy, inline I/O" ;;
        nginx1) label="nginx, worker_processes 1" ;;
        nginxn) label="nginx, worker_processes auto" ;;
        tls) label="TLS keep-alive: Stagecraft, inline I/O" ;;
        nginx1tls) label="TLS keep-alive: nginx, 1 worker" ;;
        nginxntls) label="TLS keep-alive: nginx, auto" ;;
        tlsnew) label="TLS new connection each request: Stagecraft, inline I/O" ;;
        nginx1tlsnew) label="TLS new connection each request: nginx, 1 worker" ;;
        nginxntlsnew) label="TLS new connection each request: nginx, auto" ;;
    esac
    awk -v l="$label" -v r="$rps" -v a="$p50" -v b="$p99" -v nr="${BEST_RPS[$g]}" -v np="${BEST_P99[$g]}" -v c="$cpu" \
        'BEGIN { printf "| %s | %.0f | %.2f | %.2f | %.2f | %.2f | %s |\n", l, r, a, b, r / nr, b / np, c }'
done
