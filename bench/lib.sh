# shellcheck shell=bash
# Shared by bench/run.sh and bench/profile.sh (sourced, not run): the
# benchmark's data set, starting and stopping `wijkregie serve` on loopback,
# and bounded waits. Callers set `set -euo pipefail` and an EXIT trap that
# calls bench_stop_server.

BENCH_GEMEENTE=GM9999
BENCH_WIJK=WK999901
BENCH_BUURTEN=50
BENCH_YEAR=2023

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server_pid=""
server_port=""
bench_wrapper=()   # a command to put in front of the server (profile.sh)
bench_db=""        # the database; empty: the SQLite file $dir/bench.db
bench_pg_dir=""    # the PostgreSQL cluster of bench_pg_start, if any

die() {
    echo "bench: $*" >&2
    exit 2
}

# Fails with a message naming the Debian package when a command is missing.
need() {
    command -v "$1" >/dev/null || die "$1 is missing: apt-get install $2"
}

# The server binary of build dir $1, or an error.
bench_binary() {
    local bin
    bin=$(cd "$1" && pwd)/src/wijkregie
    [ -x "$bin" ] || die "no server binary at $bin (build it: meson setup $1 --buildtype=release && ninja -C $1)"
    echo "$bin"
}

# Waits (at most 10 s) until process $1 has gone; non-zero if it has not.
wait_gone() {
    for _ in $(seq 1 100); do
        kill -0 "$1" 2>/dev/null || return 0
        sleep 0.1
    done
    return 1
}

# Makes $2/bench.db (or the database bench_db names) with binary $1: one
# gemeente, one wijk with 50 buurten, imported from a generated CBS CSV the
# way a municipality would.
bench_make_db() {
    local bin=$1 dir=$2
    bash "$bench_dir/cbs_csv.sh" "$BENCH_GEMEENTE" "$BENCH_WIJK" "$BENCH_BUURTEN" >"$dir/kwb.csv"
    "$bin" import cbs "$dir/kwb.csv" --year "$BENCH_YEAR" --db "${bench_db:-$dir/bench.db}" >"$dir/import.log" 2>&1 ||
        { cat "$dir/import.log" >&2; die "wijkregie import cbs failed"; }
}

# Starts `wijkregie serve` on 127.0.0.1 with a free port: $1 binary, $2
# working dir (holds bench.db unless bench_db is set; gets port and
# server.log); further arguments
# go to serve. A command in the array bench_wrapper (e.g. valgrind ...) is
# put in front. Returns once the server answers (at most 60 s: valgrind
# starts slowly), with server_pid and server_port set.
bench_serve() {
    local bin=$1 dir=$2 port=""
    shift 2
    rm -f "$dir/port"
    ${bench_wrapper[@]+"${bench_wrapper[@]}"} "$bin" serve --db "${bench_db:-$dir/bench.db}" --listen 127.0.0.1 \
        --port 0 --port-file "$dir/port" "$@" >"$dir/server.log" 2>&1 &
    server_pid=$!
    for _ in $(seq 1 600); do
        if [ -s "$dir/port" ]; then
            port=$(tr -d '[:space:]' <"$dir/port")
            [[ "$port" =~ ^[0-9]+$ ]] && break
            port=""
        fi
        kill -0 "$server_pid" 2>/dev/null || { cat "$dir/server.log" >&2; die "the server exited"; }
        sleep 0.1
    done
    [ -n "$port" ] || die "the server wrote no port file in 60 s"
    for _ in $(seq 1 600); do
        if curl -fsS -o /dev/null --max-time 5 "http://127.0.0.1:$port/healthz"; then
            # shellcheck disable=SC2034 # read by the caller
            server_port=$port
            return 0
        fi
        sleep 0.1
    done
    die "the server did not answer /healthz"
}

# Stops the server started by bench_serve (SIGTERM, then SIGKILL after 60 s).
bench_stop_server() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        for _ in $(seq 1 600); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.1
        done
        kill -KILL "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    server_pid=""
}

# How busy the CPUs are with other work: the share of non-idle time over one
# second, in percent, with a warning on stderr above 10% (the figures are
# then lower than the machine can do).
bench_busy() {
    local a b
    a=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    sleep 1
    b=$(awk '/^cpu / { print $2 + $3 + $4 + $7 + $8 + $9, $5 + $6 }' /proc/stat)
    awk -v a="$a" -v b="$b" 'BEGIN {
        split(a, x, " "); split(b, y, " ")
        busy = y[1] - x[1]; idle = y[2] - x[2]
        pct = (busy + idle > 0) ? 100 * busy / (busy + idle) : 0
        if (pct > 10) printf "bench: warning: the CPUs were %.0f%% busy before the run; other work skews the figures\n", pct > "/dev/stderr"
        printf "%.0f%%\n", pct
    }'
}

# A throw-away PostgreSQL cluster in $1/pg (scripts/pg.sh start, on
# 127.0.0.1, fsync off like any test cluster), with bench_db set to its
# database; bench_pg_stop stops it. $1 becomes world-readable, since the
# cluster runs as the postgres user when we are root.
bench_pg_start() {
    chmod 755 "$1"
    bench_pg_dir="$1/pg"
    bench_db=$("$bench_dir/../scripts/pg.sh" start "$bench_pg_dir" 2>"$1/pg.log") ||
        { cat "$1/pg.log" >&2; die "PostgreSQL did not start (apt-get install postgresql)"; }
}

bench_pg_stop() {
    [ -z "$bench_pg_dir" ] || [ ! -d "$bench_pg_dir/data" ] ||
        "$bench_dir/../scripts/pg.sh" stop "$bench_pg_dir" >/dev/null 2>&1 || true
    bench_pg_dir=""
}

# The PostgreSQL server's version ("PostgreSQL 15.x"), for reports.
bench_pg_version() {
    "${PG_BIN:-/usr/lib/postgresql/15/bin}/postgres" --version | sed 's/^postgres (PostgreSQL) /PostgreSQL /'
}

# ---- wrk and nginx, shared by run.sh, scale.sh and monitor_page.sh ---------

# wrk's settings from the environment: BENCH_THREADS (-t, 2),
# BENCH_CONNECTIONS (-c, 64), BENCH_DURATION (-d, 10s), BENCH_WARMUP (3s).
bench_wrk_settings() {
    need wrk wrk
    need curl curl
    threads=${BENCH_THREADS:-2}
    conns=${BENCH_CONNECTIONS:-64}
    duration=${BENCH_DURATION:-10s}
    warmup=${BENCH_WARMUP:-3s}
}

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

# Debian's nginx into $nginx, with its pid file under $1/nginx.
bench_nginx_find() {
    nginx=$(command -v nginx || true)
    [ -n "$nginx" ] || [ ! -x /usr/sbin/nginx ] || nginx=/usr/sbin/nginx
    [ -n "$nginx" ] || die "nginx is missing: apt-get install nginx-light (or nginx)"
    nginx_pid_file="$1/nginx/nginx.pid"
}

# Stops the nginx that bench_nginx_static (or a script) started.
bench_nginx_stop() {
    if [ -n "${nginx_pid_file:-}" ] && [ -s "$nginx_pid_file" ]; then
        local pid
        pid=$(cat "$nginx_pid_file")
        kill -QUIT "$pid" 2>/dev/null || true
        wait_gone "$pid" || kill -KILL "$pid" 2>/dev/null || true
    fi
}

# Serves $1/www/$2 at path $3 with nginx (its own prefix and configuration
# under $1/nginx, sendfile, no access log) on a free loopback port, checks
# that it sends the same bytes, and sets nginx_url. Workers (which drop to
# "nobody" when started as root) must be able to read the page.
bench_nginx_static() {
    local dir=$1 file=$2 path=$3 port="" candidate code
    mkdir -p "$dir/nginx/logs"
    chmod 755 "$dir" "$dir/www"
    chmod 644 "$dir/www/$file"
    for _ in $(seq 1 20); do
        candidate=$((20000 + RANDOM % 40000))
        cat >"$dir/nginx/nginx.conf" <<CONF
worker_processes auto;
pid $nginx_pid_file;
error_log $dir/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $dir/nginx/body;
    proxy_temp_path $dir/nginx/proxy;
    fastcgi_temp_path $dir/nginx/fastcgi;
    uwsgi_temp_path $dir/nginx/uwsgi;
    scgi_temp_path $dir/nginx/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server {
        listen 127.0.0.1:$candidate;
        root $dir/www;
        location = $path {
            default_type "text/html; charset=utf-8";
            try_files /$file =404;
        }
    }
}
CONF
        if "$nginx" -p "$dir/nginx" -c "$dir/nginx/nginx.conf" -e "$dir/nginx/logs/error.log" \
            2>>"$dir/nginx/start.log"; then
            port=$candidate
            break
        fi
    done
    [ -n "$port" ] || { cat "$dir/nginx/start.log" >&2; die "nginx did not start"; }
    nginx_url="http://127.0.0.1:$port$path"
    code=$(curl -sS -o "$dir/nginx.html" -w '%{http_code}' "$nginx_url")
    [ "$code" = 200 ] || die "nginx answered $code"
    cmp -s "$dir/nginx.html" "$dir/www/$file" || die "nginx served other bytes than the page"
}
