#!/usr/bin/env bash
# Where the benchmark page's time goes: serves the data set of bench/run.sh
# and profiles the server while it answers /areas/WK999901.
#
# usage: bench/profile.sh BUILD_DIR [perf|callgrind]
#   perf (default): samples CPU time with call graphs (perf record
#     --call-graph dwarf) while wrk loads the page; prints the functions
#     with the largest inclusive share of the server's CPU time.
#   callgrind: runs the server under valgrind --tool=callgrind with one
#     worker thread, sends BENCH_REQUESTS (default 300) requests over one
#     keep-alive connection, and prints instructions per request, overall
#     and for the largest functions (counting only the worker threads, not
#     start-up). Exact and repeatable, but memset and other `rep` string
#     instructions are counted per byte, so they look dearer than they are.
# A build with symbols profiles best (meson --buildtype=debugoptimized).
# Needs perf (linux-perf) or valgrind, wrk and curl; installs nothing.
# The raw profile is kept in bench/results/.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$here/lib.sh"

if [ $# -lt 1 ] || [ $# -gt 2 ]; then
    echo "usage: $0 BUILD_DIR [perf|callgrind]" >&2
    exit 2
fi
bin=$(bench_binary "$1")
tool=${2:-perf}
need curl curl
case "$tool" in
perf) need perf linux-perf; need wrk wrk ;;
callgrind) need valgrind valgrind; need callgrind_annotate valgrind ;;
*) die "unknown profiler $tool (perf or callgrind)" ;;
esac

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-profile.XXXXXX")
cleanup() {
    bench_stop_server
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$here/results"
stamp=$(date -u +%Y%m%dT%H%M%SZ)
bench_make_db "$bin" "$tmp"

if [ "$tool" = perf ]; then
    bench_serve "$bin" "$tmp"
    url="http://127.0.0.1:$server_port/areas/$BENCH_WIJK"
    wrk -t2 -c64 -d3s "$url" >/dev/null
    out="$here/results/perf-$stamp.data"
    perf record -q -F 499 --call-graph dwarf,16384 -p "$server_pid" -o "$out" -- sleep 8 \
        >"$tmp/perf.log" 2>&1 &
    perf_pid=$!
    sleep 0.5
    wrk -t2 -c64 -d6s "$url" | grep -E 'Requests/sec'
    wait "$perf_pid" || { cat "$tmp/perf.log" >&2; die "perf record failed (perf_event_paranoid?)"; }
    echo "share of the server's CPU time, inclusive (raw profile: $out):"
    perf report -i "$out" --children --sort symbol --stdio -g none --percent-limit 2 2>/dev/null |
        awk '/^ +[0-9.]+%/ { printf "%8s  %s\n", $1, $4 }' | head -n 40
else
    requests=${BENCH_REQUESTS:-300}
    out="$here/results/callgrind-$stamp.out"
    bench_wrapper=(valgrind --tool=callgrind --callgrind-out-file="$out" --collect-atstart=no
        "--toggle-collect=start_thread")
    bench_serve "$bin" "$tmp" --threads 1
    url="http://127.0.0.1:$server_port/areas/$BENCH_WIJK"
    # One curl, one connection, N requests; bounded by the count.
    urls=()
    for _ in $(seq 1 "$requests"); do urls+=("$url"); done
    curl -sS --fail "${urls[@]}" >/dev/null
    bench_stop_server
    total=$(awk '/^summary:/ { print $2 }' "$out")
    echo "instructions per request: $((total / (requests + 1))) (raw profile: $out)"
    echo "per request, inclusive, for the largest functions:"
    callgrind_annotate --inclusive=yes "$out" 2>/dev/null |
        awk -v n="$((requests + 1))" '/^ *[0-9,]+ \(/ && !/PROGRAM TOTALS/ {
            ir = $1; gsub(",", "", ir)
            name = $0; sub(/^[^)]*\) +/, "", name); sub(/ \[.*$/, "", name); sub(/^.*:/, "", name)
            printf "%10d  %s\n", ir / n, name }' | head -n 40
fi
