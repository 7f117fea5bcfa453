# Shared by bench/run.sh and bench/profile.sh (sourced, not run): the
# benchmark's data set, starting and stopping `wijkregie serve` on loopback,
# and bounded waits. Callers set `set -euo pipefail` and a trap that calls
# bench_cleanup.

BENCH_GEMEENTE=GM9999
BENCH_WIJK=WK999901
BENCH_BUURTEN=50
BENCH_YEAR=2023

bench_dir=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
server_pid=""
server_port=""

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

# Makes $2/bench.db with binary $1: one gemeente, one wijk with 50 buurten,
# imported from a generated CBS CSV the way a municipality would.
bench_make_db() {
    local bin=$1 dir=$2
    bash "$bench_dir/cbs_csv.sh" "$BENCH_GEMEENTE" "$BENCH_WIJK" "$BENCH_BUURTEN" >"$dir/kwb.csv"
    "$bin" import cbs "$dir/kwb.csv" --year "$BENCH_YEAR" --db "$dir/bench.db" >"$dir/import.log" 2>&1 ||
        { cat "$dir/import.log" >&2; die "wijkregie import cbs failed"; }
}

# Starts `wijkregie serve` on 127.0.0.1 with a free port: $1 binary, $2
# working dir (holds bench.db; gets port and server.log); further arguments
# go to serve. A command in the array bench_wrapper (e.g. valgrind ...) is
# put in front. Returns once the server answers (at most 60 s: valgrind
# starts slowly), with server_pid and server_port set.
bench_serve() {
    local bin=$1 dir=$2 port=""
    shift 2
    rm -f "$dir/port"
    ${bench_wrapper[@]+"${bench_wrapper[@]}"} "$bin" serve --db "$dir/bench.db" --listen 127.0.0.1 \
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

# The 1-minute load average, and a warning on stderr when the machine is
# busy with something else (the figures are then lower than they should be).
bench_load() {
    local load
    load=$(cut -d' ' -f1 /proc/loadavg)
    if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
        echo "bench: warning: load average $load before the run; other work skews the figures" >&2
    fi
    echo "$load"
}
