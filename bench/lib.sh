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
