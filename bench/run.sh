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
#      target (>= 0.30), and the server's peak resident memory (VmHWM).
#
# usage: bench/run.sh BUILD_DIR
# Environment: BENCH_THREADS (wrk -t, default 2), BENCH_CONNECTIONS (wrk -c,
# default 64), BENCH_DURATION (wrk -d, default 10s), BENCH_WARMUP (default
# 3s), WIJK_THREADS (serve --threads, default: the server's own choice).
# Needs wrk, nginx (nginx-light is enough), curl and awk; it installs
# nothing (scripts/deps.sh test does). Only 127.0.0.1 is ever contacted.
# A copy of the report goes to bench/results/ (not committed).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
bin=$(cd "$1" && pwd)/src/wijkregie

threads=${BENCH_THREADS:-2}
conns=${BENCH_CONNECTIONS:-64}
duration=${BENCH_DURATION:-10s}
warmup=${BENCH_WARMUP:-3s}
gemeente=GM9999
wijk=WK999901
buurten=50
year=2023

die() {
    echo "bench: $*" >&2
    exit 2
}

[ -x "$bin" ] || die "no server binary at $bin (build it: meson setup build --buildtype=release && ninja -C build)"
command -v wrk >/dev/null || die "wrk is missing: apt-get install wrk"
nginx=$(command -v nginx || true)
[ -n "$nginx" ] || [ ! -x /usr/sbin/nginx ] || nginx=/usr/sbin/nginx
[ -n "$nginx" ] || die "nginx is missing: apt-get install nginx-light (or nginx)"
command -v curl >/dev/null || die "curl is missing: apt-get install curl"
command -v awk >/dev/null || die "awk is missing"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-bench.XXXXXX")
server_pid=""
nginx_pid_file="$tmp/nginx/nginx.pid"

# Waits (at most 10 s) until process $1 has gone.
wait_gone() {
    for _ in $(seq 1 100); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
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

# wrk against $1; prints its full output. Fails on socket errors or on any
# response that is not 2xx/3xx, so an error page can never count as speed.
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

# --- 1. data ---------------------------------------------------------------
bash "$here/cbs_csv.sh" "$gemeente" "$wijk" "$buurten" >"$tmp/kwb.csv"
"$bin" import cbs "$tmp/kwb.csv" --year "$year" --db "$tmp/bench.db" >"$tmp/import.log" 2>&1 ||
    { cat "$tmp/import.log" >&2; die "wijkregie import cbs failed"; }

# --- 2. wijkregie ----------------------------------------------------------
serve_args=(--db "$tmp/bench.db" --listen 127.0.0.1 --port 0 --port-file "$tmp/port")
[ -z "${WIJK_THREADS:-}" ] || serve_args+=(--threads "$WIJK_THREADS")
"$bin" serve "${serve_args[@]}" >"$tmp/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
    if [ -s "$tmp/port" ]; then
        port=$(tr -d '[:space:]' <"$tmp/port")
        [[ "$port" =~ ^[0-9]+$ ]] && break
        port=""
    fi
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; die "the server exited"; }
    sleep 0.1
done
[ -n "$port" ] || die "the server wrote no port file in 10 s"
wijk_url="http://127.0.0.1:$port/areas/$wijk"

mkdir -p "$tmp/www"
code=$(curl -sS -o "$tmp/www/wijk.html" -w '%{http_code}' -H 'Accept-Language: nl' "$wijk_url")
[ "$code" = 200 ] || die "GET $wijk_url answered $code"
listed=$(grep -o "href=\"/areas/BU${wijk#WK}[0-9][0-9]\"" "$tmp/www/wijk.html" | sort -u | wc -l || true)
[ "$listed" -eq "$buurten" ] || die "the wijk page lists $listed buurten, expected $buurten"
page_bytes=$(wc -c <"$tmp/www/wijk.html")

wijk_out=$(measure "$wijk_url")
vm_hwm=$(awk '/^VmHWM:/ { print $2, $3 }' "/proc/$server_pid/status")
vm_rss=$(awk '/^VmRSS:/ { print $2, $3 }' "/proc/$server_pid/status")
server_threads=$(awk '/^Threads:/ { print $2 }' "/proc/$server_pid/status")
kill -TERM "$server_pid"
wait "$server_pid" 2>/dev/null || true
server_pid=""

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
        location = /areas/$wijk {
            default_type "text/html; charset=utf-8";
            try_files /wijk.html =404;
        }
    }
}
EOF
    "$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" 2>>"$tmp/nginx/start.log"
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
nginx_url="http://127.0.0.1:$nginx_port/areas/$wijk"
code=$(curl -sS -o "$tmp/nginx.html" -w '%{http_code}' "$nginx_url")
[ "$code" = 200 ] || die "nginx answered $code"
cmp -s "$tmp/nginx.html" "$tmp/www/wijk.html" || die "nginx served other bytes than the page"

nginx_out=$(measure "$nginx_url")
nginx_hwm=0
for p in $(pgrep -P "$(cat "$nginx_pid_file")" || true) "$(cat "$nginx_pid_file")"; do
    kb=$(awk '/^VmHWM:/ { print $2 }' "/proc/$p/status" 2>/dev/null || echo 0)
    nginx_hwm=$((nginx_hwm + ${kb:-0}))
done

# --- 4. report -------------------------------------------------------------
wijk_rps=$(rps_of "$wijk_out")
nginx_rps=$(rps_of "$nginx_out")
ratio=$(awk -v a="$wijk_rps" -v b="$nginx_rps" 'BEGIN { printf "%.2f", a / b }')
met=$(awk -v r="$ratio" 'BEGIN { print (r >= 0.30) ? "met" : "NOT met" }')

mkdir -p "$here/results"
report="$here/results/$(date -u +%Y%m%dT%H%M%SZ).txt"
{
    echo "Wijkregie page benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)"
    echo "server: $("$bin" --version), nginx: $("$nginx" -v 2>&1 | sed 's/^nginx version: //'), $(wrk -v 2>&1 | head -n 1 | awk '{ print $1, $2 }')"
    echo "wrk: -t$threads -c$conns -d$duration after a $warmup warm-up; page: $page_bytes bytes, the list of $buurten buurten of $wijk"
    echo
    printf '%-22s %12s %10s %10s %10s\n' "" "requests/s" "p50" "p90" "p99"
    printf '%-22s %12s %10s %10s %10s\n' "wijkregie /areas/$wijk" "$wijk_rps" \
        "$(latency_of "$wijk_out" 50%)" "$(latency_of "$wijk_out" 90%)" "$(latency_of "$wijk_out" 99%)"
    printf '%-22s %12s %10s %10s %10s\n' "nginx static file" "$nginx_rps" \
        "$(latency_of "$nginx_out" 50%)" "$(latency_of "$nginx_out" 90%)" "$(latency_of "$nginx_out" 99%)"
    echo
    echo "ratio wijkregie/nginx: $ratio (target >= 0.30: $met)"
    echo "wijkregie peak RSS (VmHWM): $vm_hwm (RSS at the end $vm_rss, $server_threads threads)"
    echo "nginx peak RSS (VmHWM, master + workers): $nginx_hwm kB"
} | tee "$report"
