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
need wrk wrk
need curl curl
nginx=$(command -v nginx || true)
[ -n "$nginx" ] || [ ! -x /usr/sbin/nginx ] || nginx=/usr/sbin/nginx
[ -n "$nginx" ] || die "nginx is missing: apt-get install nginx-light (or nginx)"

threads=${BENCH_THREADS:-2}
conns=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-3s}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-bench.XXXXXX")
nginx_pid_file="$tmp/nginx/nginx.pid"

cleanup() {
    bench_stop_server
    bench_pg_stop
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

# wrk against $1 after a warm-up; prints its output. Fails on socket errors
# or any response that is not 2xx/3xx, so an error page never counts.
measure() {
    local target=$1 out
    wrk -t"$threads" -c"$conns" -d"$warmup" --timeout 5s "$target" >/dev/null
    out=$(wrk -t"$threads" -c"$conns" -d"$duration" --timeout 5s --latency "$target")
    if grep -qE 'Non-2xx or 3xx responses|Socket errors' <<<"$out"; then
        echo "$out" >&2
        die "wrk saw errors against $target"
    fi
    echo "$out"
}

rps_of() { awk '/^Requests\/sec:/ { print $2 }' <<<"$1"; }
latency_of() { awk -v p="$2" '$1 == p { print $2 }' <<<"$1"; }
status_kb() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status" 2>/dev/null || echo 0; }

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
# Its own prefix and configuration; workers (which drop to "nobody" when
# started as root) must be able to read the page.
mkdir -p "$tmp/nginx/logs"
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/wijk.html"

# Starts nginx on port $1; non-zero when it could not (e.g. port in use).
start_nginx() {
    cat >"$tmp/nginx/nginx.conf" <<EOF
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
        location = /areas/$BENCH_WIJK {
            default_type "text/html; charset=utf-8";
            try_files /wijk.html =404;
        }
    }
}
EOF
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
nginx_url="http://127.0.0.1:$nginx_port/areas/$BENCH_WIJK"
code=$(curl -sS -o "$tmp/nginx.html" -w '%{http_code}' "$nginx_url")
[ "$code" = 200 ] || die "nginx answered $code"
cmp -s "$tmp/nginx.html" "$tmp/www/wijk.html" || die "nginx served other bytes than the page"

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
