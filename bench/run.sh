#!/usr/bin/env bash
# The page benchmark: how fast Wijkregie serves a real page compared with
# the peer it is measured against, nginx serving the same bytes as a static
# file, on the same machine, over loopback, with the same wrk settings.
#
#   1. makes a CBS "Kerncijfers wijken en buurten" CSV with one gemeente,
#      one wijk and 50 buurten (bench/cbs_csv.sh) and imports it with
#      `wijkregie import cbs` into a temporary database;
#   2. serves it with `wijkregie serve` on 127.0.0.1 and measures the wijk's
#      page (/areas/WK999901, the list of its 50 buurten) with wrk;
#   3. saves that page's HTML as a file, serves it with nginx (started here
#      with its own temporary prefix and configuration on a loopback port)
#      and measures it the same way;
#   4. prints requests/s of both, the ratio wijkregie/nginx against the
#      target (>= 0.30), and the server's resident memory (VmHWM, the peak,
#      and VmRSS after the run).
#
# usage: bench/run.sh [--pg] BUILD_DIR   (a release build: --buildtype=release)
#   --pg: the same data and page served from PostgreSQL instead of SQLite: a
#   throw-away cluster on 127.0.0.1 (scripts/pg.sh start, Debian's
#   PostgreSQL 15), started and removed by this script.
# Environment: BENCH_THREADS (wrk -t, default 2), BENCH_CONNECTIONS (wrk -c,
# default 64), BENCH_DURATION (wrk -d, default 10s), BENCH_WARMUP (default
# 3s), WIJK_THREADS (serve --threads, default: the server's own choice).
# Needs wrk, nginx (nginx-light is enough) and curl; it installs nothing
# (scripts/deps.sh test does). Only 127.0.0.1 is ever contacted. Exit status
# 0 when both were measured (whether or not the target was met), 2 when the
# benchmark could not run. A copy of the report goes to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

on_pg=false
if [ "${1:-}" = --pg ]; then
    on_pg=true
    shift
fi
[ $# -eq 1 ] || { echo "usage: $0 [--pg] BUILD_DIR" >&2; exit 2; }
bin=$(bench_binary "$1")
bench_wrk_settings

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-bench.XXXXXX")
bench_nginx_find "$tmp"

cleanup() {
    bench_stop_server
    bench_pg_stop
    bench_nginx_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# --- 1. data and 2. wijkregie -----------------------------------------------
! $on_pg || bench_pg_start "$tmp"
bench_make_db "$bin" "$tmp"
serve_args=()
[ -z "${WIJK_THREADS:-}" ] || serve_args+=(--threads "$WIJK_THREADS")
bench_serve "$bin" "$tmp" ${serve_args[@]+"${serve_args[@]}"}
wijk_url="http://127.0.0.1:$server_port/areas/$BENCH_WIJK"

mkdir -p "$tmp/www"
code=$(curl -sS -o "$tmp/www/wijk.html" -w '%{http_code}' -H 'Accept-Language: nl' "$wijk_url")
[ "$code" = 200 ] || die "GET $wijk_url answered $code"
listed=$(grep -o "href=\"/areas/BU${BENCH_WIJK#WK}[0-9][0-9]\"" "$tmp/www/wijk.html" | sort -u | wc -l || true)
[ "$listed" -eq "$BENCH_BUURTEN" ] || die "the wijk page lists $listed buurten, expected $BENCH_BUURTEN"
page_bytes=$(wc -c <"$tmp/www/wijk.html")

busy_before=$(bench_busy)
wijk_out=$(measure "$wijk_url")
vm_hwm=$(status_kb "$server_pid" VmHWM)
vm_rss=$(status_kb "$server_pid" VmRSS)
server_threads=$(status_kb "$server_pid" Threads)
bench_stop_server

# --- 3. nginx --------------------------------------------------------------
bench_nginx_static "$tmp" wijk.html "/areas/$BENCH_WIJK"

nginx_out=$(measure "$nginx_url")
nginx_master=$(cat "$nginx_pid_file")
nginx_hwm=$(status_kb "$nginx_master" VmHWM)
for p in $(pgrep -P "$nginx_master" || true); do
    nginx_hwm=$((nginx_hwm + $(status_kb "$p" VmHWM)))
done

# --- 4. report -------------------------------------------------------------
wijk_rps=$(rps_of "$wijk_out")
nginx_rps=$(rps_of "$nginx_out")
ratio=$(awk -v a="$wijk_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
met=$(awk -v a="$wijk_rps" -v b="$nginx_rps" 'BEGIN { print (a / b >= 0.30) ? "met" : "NOT met" }')
row() { printf '%-28s %11s %9s %9s %9s\n' "$@"; }

mkdir -p "$here/results"
report="$here/results/$(date -u +%Y%m%dT%H%M%SZ)$($on_pg && echo -pg || true).txt"
store="SQLite $(sqlite3 --version 2>/dev/null | awk '{ print $1 }')"
! $on_pg || store="$(bench_pg_version) (fsync off)"
{
    echo "Wijkregie page benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)," \
        "CPUs $busy_before busy before the run"
    echo "software: $("$bin" --version), $("$nginx" -v 2>&1 | sed 's/^nginx version: //')," \
        "wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }')"
    echo "database: $store"
    echo "wrk -t$threads -c$conns -d$duration after a $warmup warm-up;" \
        "page: $page_bytes bytes listing the $BENCH_BUURTEN buurten of $BENCH_WIJK"
    echo
    row "" "requests/s" "p50" "p90" "p99"
    row "wijkregie /areas/$BENCH_WIJK" "$wijk_rps" \
        "$(latency_of "$wijk_out" 50%)" "$(latency_of "$wijk_out" 90%)" "$(latency_of "$wijk_out" 99%)"
    row "nginx, the same bytes" "$nginx_rps" \
        "$(latency_of "$nginx_out" 50%)" "$(latency_of "$nginx_out" 90%)" "$(latency_of "$nginx_out" 99%)"
    echo
    echo "ratio wijkregie/nginx: $ratio (target >= 0.30: $met)"
    echo "wijkregie peak RSS (VmHWM): $vm_hwm kB ($server_threads threads; the peak comes at" \
        "start-up, from password_init's Argon2id hash)"
    echo "wijkregie RSS after the run (VmRSS): $vm_rss kB"
    echo "nginx peak RSS (VmHWM, master + workers): $nginx_hwm kB"
} | tee "$report"
