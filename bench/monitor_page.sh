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
bench_wrk_settings

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-bench-monitor.XXXXXX")
bench_nginx_find "$tmp"
cleanup() {
    bench_stop_server
    bench_nginx_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

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
bench_nginx_static "$tmp" monitor.html "/areas/$area/monitor"
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
