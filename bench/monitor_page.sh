#!/usr/bin/env bash
# The monitor dashboard benchmark: how fast Wijkregie serves the transition
# monitor's dashboard of a buurt (/areas/{code}/monitor: the warning, the
# phase, the latest figures and sixteen SVG charts with their tables, all
# drawn per request) compared with nginx serving the same bytes as a static
# file, on the same machine, over loopback, with the same wrk settings, in
# one run.
#
#   1. seeds a temporary SQLite database: `wijkregie demo --scale S` (40
#      buurten with five years of history) when the binary has it, else the
#      demo gemeente (`wijkregie demo`), and computes every indicator with
#      `wijkregie monitor run --full`;
#   2. serves it with `wijkregie serve` on 127.0.0.1 and measures the
#      dashboard of the buurt with the most figures shown
#      (BENCH_AREA overrides) with wrk;
#   3. saves that page's HTML as a file, serves it with nginx (its own
#      temporary prefix and configuration on a loopback port), checks the
#      bytes are the same and measures it the same way;
#   4. prints requests/s and latency of both and the ratio wijkregie/nginx,
#      and writes the report to bench/results/*-monitor-page.txt.
#
# usage: bench/monitor_page.sh BUILD_DIR   (a release build: --buildtype=release)
# Environment: BENCH_THREADS (wrk -t, default 2), BENCH_CONNECTIONS (wrk -c,
# default 64), BENCH_DURATION (wrk -d, default 10s), BENCH_WARMUP (default
# 3s), BENCH_AREA (the buurt), WIJK_THREADS (serve --threads).
# Needs wrk, nginx and curl; installs nothing. Only 127.0.0.1 is contacted.
# Exit status 0 when both were measured, 2 when the benchmark could not run.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
bin=$(bench_binary "$1")
need wrk wrk
need curl curl
nginx=$(command -v nginx || true)
[ -n "$nginx" ] || [ ! -x /usr/sbin/nginx ] || nginx=/usr/sbin/nginx
[ -n "$nginx" ] || die "nginx is missing: apt-get install nginx-light (or nginx)"

threads=${BENCH_THREADS:-2}
conns=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-3s}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-bench-monitor.XXXXXX")
nginx_pid_file="$tmp/nginx/nginx.pid"
cleanup() {
    bench_stop_server
    if [ -s "$nginx_pid_file" ]; then
        local pid
        pid=$(cat "$nginx_pid_file")
        kill -QUIT "$pid" 2>/dev/null || true
        wait_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# wrk against $1 after a warm-up; fails on socket errors or any response
# that is not 2xx/3xx, so an error page never counts.
measure() {
    local out
    wrk -t"$threads" -c"$conns" -d"$warmup" --timeout 5s "$1" >/dev/null
    out=$(wrk -t"$threads" -c"$conns" -d"$duration" --timeout 5s --latency "$1")
    if grep -qE 'Non-2xx or 3xx responses|Socket errors' <<<"$out"; then
        echo "$out" >&2
        die "wrk saw errors against $1"
    fi
    echo "$out"
}
rps_of() { awk '/^Requests\/sec:/ { print $2 }' <<<"$1"; }
latency_of() { awk -v p="$2" '$1 == p { print $2 }' <<<"$1"; }

# --- 1. data ----------------------------------------------------------------
db="$tmp/bench.db"
data="the demo gemeente"
if "$bin" demo --help 2>&1 | grep -q -- '--scale'; then
    "$bin" demo --scale S --seed 1 --db "$db" >"$tmp/demo.log" 2>&1 ||
        { cat "$tmp/demo.log" >&2; die "wijkregie demo --scale S failed"; }
    data="demo --scale S (40 buurten, five years)"
else
    "$bin" demo --db "$db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "wijkregie demo failed"; }
fi
start=$(date +%s.%N)
"$bin" monitor run --full --db "$db" >"$tmp/monitor.log" 2>&1 ||
    { cat "$tmp/monitor.log" >&2; die "wijkregie monitor run failed"; }
compute_s=$(awk -v a="$start" -v b="$(date +%s.%N)" 'BEGIN { printf "%.2f", b - a }')

# The buurt with the most figures shown over its quarters (each indicator's
# *_sup column is NULL when its figure is shown), so that the page draws
# every chart (ties: the lowest code).
shown="(v.i1_sup IS NULL) + (v.i2_sup IS NULL) + (v.i3_sup IS NULL) + (v.i4_sup IS NULL) + (v.i5_sup IS NULL) + (v.i6_sup IS NULL) + (v.i7_sup IS NULL) + (v.i8a_sup IS NULL) + (v.i8b_sup IS NULL) + (v.i9_sup IS NULL) + (v.i10_sup IS NULL) + (v.i11a_sup IS NULL) + (v.i11b_sup IS NULL) + (v.i12_sup IS NULL) + (v.i13_sup IS NULL) + (v.i14_sup IS NULL)"
area=${BENCH_AREA:-$(sqlite3 "$db" "SELECT area_code FROM monitor_value v JOIN area a ON a.code = v.area_code
    WHERE a.kind = 'buurt' GROUP BY area_code ORDER BY SUM($shown) DESC, area_code LIMIT 1" 2>/dev/null || true)}
[ -n "$area" ] || area=BU99010202

# --- 2. wijkregie -------------------------------------------------------------
serve_args=()
[ -z "${WIJK_THREADS:-}" ] || serve_args+=(--threads "$WIJK_THREADS")
bench_db=$db
bench_serve "$bin" "$tmp" ${serve_args[@]+"${serve_args[@]}"}
page_url="http://127.0.0.1:$server_port/areas/$area/monitor"
mkdir -p "$tmp/www"
code=$(curl -sS -o "$tmp/www/monitor.html" -w '%{http_code}' -H 'Accept-Language: nl' "$page_url")
[ "$code" = 200 ] || die "GET $page_url answered $code"
charts=$(grep -o '<svg class="chart-svg"' "$tmp/www/monitor.html" | wc -l || true)
[ "$charts" -ge 14 ] || die "the dashboard draws $charts charts, expected every indicator's"
page_bytes=$(wc -c <"$tmp/www/monitor.html")
busy_before=$(bench_busy)
wijk_out=$(measure "$page_url")
bench_stop_server

# --- 3. nginx -----------------------------------------------------------------
mkdir -p "$tmp/nginx/logs"
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/monitor.html"
start_nginx() {
    cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $nginx_pid_file;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$1;
        root $tmp/www;
        location = /areas/$area/monitor {
            default_type "text/html; charset=utf-8";
            try_files /monitor.html =404;
        }
    }
}
CONF
    "$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" \
        2>>"$tmp/nginx/start.log"
}
nginx_port=""
for _ in $(seq 1 20); do
    candidate=$((20000 + RANDOM % 40000))
    if start_nginx "$candidate"; then
        nginx_port=$candidate
        break
    fi
done
[ -n "$nginx_port" ] || { cat "$tmp/nginx/start.log" >&2; die "nginx did not start"; }
nginx_url="http://127.0.0.1:$nginx_port/areas/$area/monitor"
code=$(curl -sS -o "$tmp/nginx.html" -w '%{http_code}' "$nginx_url")
[ "$code" = 200 ] || die "nginx answered $code"
cmp -s "$tmp/nginx.html" "$tmp/www/monitor.html" || die "nginx served other bytes than the page"
nginx_out=$(measure "$nginx_url")

# --- 4. report ----------------------------------------------------------------
wijk_rps=$(rps_of "$wijk_out")
nginx_rps=$(rps_of "$nginx_out")
ratio=$(awk -v a="$wijk_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
row() { printf '%-36s %11s %9s %9s %9s\n' "$@"; }
mkdir -p "$here/results"
report="$here/results/$(date -u +%Y%m%dT%H%M%SZ)-monitor-page.txt"
{
    echo "Wijkregie monitor dashboard benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)," \
        "CPUs $busy_before busy before the run"
    echo "software: $("$bin" --version), $("$nginx" -v 2>&1 | sed 's/^nginx version: //')," \
        "wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
    echo "data: $data on SQLite; monitor run --full took $compute_s s"
    echo "wrk -t$threads -c$conns -d$duration after a $warmup warm-up;" \
        "page: $page_bytes bytes, $charts charts, /areas/$area/monitor"
    echo
    row "" "requests/s" "p50" "p90" "p99"
    row "wijkregie /areas/$area/monitor" "$wijk_rps" \
        "$(latency_of "$wijk_out" 50%)" "$(latency_of "$wijk_out" 90%)" "$(latency_of "$wijk_out" 99%)"
    row "nginx, the same bytes" "$nginx_rps" \
        "$(latency_of "$nginx_out" 50%)" "$(latency_of "$nginx_out" 90%)" "$(latency_of "$nginx_out" 99%)"
    echo
    echo "ratio wijkregie/nginx: $ratio"
} | tee "$report"
