#!/usr/bin/env bash
# The page benchmark scaled out (issue 3, part 8): the wijk page of
# bench/run.sh served by two `wijkregie serve` processes on one PostgreSQL
# behind nginx doing round-robin, measured against nginx serving the same
# bytes as a static file, in the same run, with the same wrk settings.
#
#   1. starts a throw-away PostgreSQL cluster on 127.0.0.1 (scripts/pg.sh)
#      and imports bench/run.sh's CBS data set into it (one wijk with 50
#      buurten);
#   2. starts two servers A and B on it, on free loopback ports;
#   3. starts Debian's nginx with its own temporary prefix and configuration
#      and two loopback ports: one serves the page's bytes as a static file
#      (as in bench/run.sh), the other proxies to an upstream of A and B
#      (round-robin, keep-alive connections, X-Forwarded-For);
#   4. loads, one after the other: nginx static, server A directly, and A+B
#      through nginx, each with wrk after a warm-up;
#   5. prints requests/s and latency of each, their ratios against nginx
#      static, how the requests through nginx were shared between A and B
#      (from the servers' request logs), and peak memory.
#
# usage: bench/scale.sh BUILD_DIR   (a release build: --buildtype=release)
# Environment as bench/run.sh: BENCH_THREADS (wrk -t, default 2),
# BENCH_CONNECTIONS (wrk -c, default 64), BENCH_DURATION (wrk -d, default
# 10s), BENCH_WARMUP (default 3s), WIJK_THREADS (serve --threads of each
# process, default: the server's own choice, one per core).
# Everything (wrk, nginx, both servers, PostgreSQL) shares this machine's
# CPUs, so on a small machine the two processes compete with each other and
# with the load generator: this measures the cost of the scale-out path, not
# the throughput of a cluster of machines. Only 127.0.0.1 is contacted.
# Needs wrk, nginx, curl and PostgreSQL 15; installs nothing. Exit status 0
# when everything was measured, 2 when the benchmark could not run. A copy of
# the report goes to bench/results/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

[ $# -eq 1 ] || { echo "usage: $0 BUILD_DIR" >&2; exit 2; }
bin=$(bench_binary "$1")
bench_wrk_settings

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-scale-bench.XXXXXX")
bench_nginx_find "$tmp"
pid_a=""
pid_b=""

cleanup() {
    for p in "$pid_a" "$pid_b"; do
        server_pid=$p
        bench_stop_server
    done
    bench_nginx_stop
    bench_pg_stop
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM


page_lines() { grep -F 'event=request' "$1" | grep -cF " path=/areas/$BENCH_WIJK " || true; }

# --- 1. data and 2. two servers -------------------------------------------
bench_pg_start "$tmp"
bench_make_db "$bin" "$tmp"
serve_args=()
[ -z "${WIJK_THREADS:-}" ] || serve_args+=(--threads "$WIJK_THREADS")
mkdir -p "$tmp/a" "$tmp/b"
bench_serve "$bin" "$tmp/a" --trust-proxy ${serve_args[@]+"${serve_args[@]}"}
pid_a=$server_pid
port_a=$server_port
bench_serve "$bin" "$tmp/b" --trust-proxy ${serve_args[@]+"${serve_args[@]}"}
pid_b=$server_pid
port_b=$server_port
server_pid=""

mkdir -p "$tmp/www"
page_a="http://127.0.0.1:$port_a/areas/$BENCH_WIJK"
code=$(curl -sS -o "$tmp/www/wijk.html" -w '%{http_code}' -H 'Accept-Language: nl' "$page_a")
[ "$code" = 200 ] || die "GET $page_a answered $code"
listed=$(grep -o "href=\"/areas/BU${BENCH_WIJK#WK}[0-9][0-9]\"" "$tmp/www/wijk.html" | sort -u | wc -l || true)
[ "$listed" -eq "$BENCH_BUURTEN" ] || die "the wijk page lists $listed buurten, expected $BENCH_BUURTEN"
curl -sS -o "$tmp/b.html" -H 'Accept-Language: nl' "http://127.0.0.1:$port_b/areas/$BENCH_WIJK"
cmp -s "$tmp/b.html" "$tmp/www/wijk.html" || die "A and B served different pages"
page_bytes=$(wc -c <"$tmp/www/wijk.html")

# --- 3. nginx: static on one port, the balancer on another ------------------
mkdir -p "$tmp/nginx/logs"
chmod 755 "$tmp" "$tmp/www"
chmod 644 "$tmp/www/wijk.html"

# Starts nginx with the static page on port $1 and the balancer on port $2;
# non-zero when it could not (e.g. a port in use).
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
    upstream wijkregie {
        server 127.0.0.1:$port_a;
        server 127.0.0.1:$port_b;
        keepalive 64;
        keepalive_requests 1000000;
    }
    server {
        listen 127.0.0.1:$2;
        location / {
            proxy_pass http://wijkregie;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            proxy_next_upstream error timeout http_502;
        }
    }
}
EOF
    "$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" \
        2>>"$tmp/nginx/start.log"
}

static_port=""
for _ in $(seq 1 20); do
    s=$((20000 + RANDOM % 20000))
    p=$((40000 + RANDOM % 20000))
    if start_nginx "$s" "$p"; then
        static_port=$s
        proxy_port=$p
        break
    fi
done
[ -n "$static_port" ] || { cat "$tmp/nginx/start.log" >&2; die "nginx did not start"; }
static_url="http://127.0.0.1:$static_port/areas/$BENCH_WIJK"
proxy_url="http://127.0.0.1:$proxy_port/areas/$BENCH_WIJK"
for url in "$static_url" "$proxy_url"; do
    code=$(curl -sS -o "$tmp/check.html" -w '%{http_code}' -H 'Accept-Language: nl' "$url")
    [ "$code" = 200 ] || die "$url answered $code"
    cmp -s "$tmp/check.html" "$tmp/www/wijk.html" || die "$url served other bytes than the page"
done

# --- 4. the three loads --------------------------------------------------------
busy_before=$(bench_busy)
static_out=$(measure "$static_url")
one_out=$(measure "$page_a")
a_before=$(page_lines "$tmp/a/server.log")
b_before=$(page_lines "$tmp/b/server.log")
two_out=$(measure "$proxy_url")
share_a=$(($(page_lines "$tmp/a/server.log") - a_before))
share_b=$(($(page_lines "$tmp/b/server.log") - b_before))
hwm_a=$(status_kb "$pid_a" VmHWM)
hwm_b=$(status_kb "$pid_b" VmHWM)

# --- 5. report -----------------------------------------------------------------
static_rps=$(rps_of "$static_out")
one_rps=$(rps_of "$one_out")
two_rps=$(rps_of "$two_out")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
row() { printf '%-40s %11s %9s %9s %9s %7s\n' "$@"; }
line() {
    row "$1" "$(rps_of "$2")" "$(latency_of "$2" 50%)" "$(latency_of "$2" 90%)" \
        "$(latency_of "$2" 99%)" "$(ratio "$(rps_of "$2")" "$static_rps")"
}

mkdir -p "$here/results"
report="$here/results/$(date -u +%Y%m%dT%H%M%SZ)-scale.txt"
{
    echo "Wijkregie scale-out page benchmark, $(date -u +%Y-%m-%dT%H:%M:%SZ)"
    echo "machine: $(nproc) CPUs, $(awk -F': ' '/^model name/ { print $2; exit }' /proc/cpuinfo)," \
        "$(awk '/^MemTotal:/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), Linux $(uname -r)," \
        "CPUs $busy_before busy before the run"
    echo "software: $("$bin" --version), $("$nginx" -v 2>&1 | sed 's/^nginx version: //')," \
        "wrk $(wrk -v 2>&1 | head -n 1 | awk '{ print $2 }'), $(bench_pg_version) (fsync off)"
    echo "wrk -t$threads -c$conns -d$duration after a $warmup warm-up;" \
        "page: $page_bytes bytes listing the $BENCH_BUURTEN buurten of $BENCH_WIJK"
    echo "wrk, nginx, both servers and PostgreSQL share these $(nproc) CPUs"
    echo
    row "" "requests/s" "p50" "p90" "p99" "ratio"
    line "nginx static, the same bytes" "$static_out"
    line "wijkregie, 1 process on PostgreSQL" "$one_out"
    line "wijkregie, 2 processes behind nginx" "$two_out"
    echo
    echo "ratio 2 processes behind nginx / nginx static: $(ratio "$two_rps" "$static_rps")"
    echo "ratio 2 processes behind nginx / 1 process directly: $(ratio "$two_rps" "$one_rps")"
    echo "requests through nginx (warm-up included) served by A: $share_a, by B: $share_b (their request logs)"
    echo "peak RSS (VmHWM): A $hwm_a kB, B $hwm_b kB"
} | tee "$report"
