#!/usr/bin/env bash
# The time to draw the demo arena: starts `wijkregie serve` on a fresh demo
# database and fetches the arena page (picture, layout and table included)
# of a demo buurt, a wijk and the whole gemeente N times each with curl,
# printing the arena's size (from the JSON) and the mean and best time per
# page. A measurement, never a test.
# usage: bench/network.sh BUILD_DIR [N]
set -euo pipefail
bin=${1:?usage: bench/network.sh BUILD_DIR [N]}/src/wijkregie
n=${2:-200}
dir=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT
"$bin" demo --db "$dir/b.db" >/dev/null 2>&1
"$bin" serve --db "$dir/b.db" --port 0 --port-file "$dir/port" >"$dir/log" 2>&1 &
pid=$!
for _ in $(seq 50); do [ -s "$dir/port" ] && break; sleep 0.1; done
base="http://127.0.0.1:$(cat "$dir/port")"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
for code in BU99010202 WK990102 GM9901; do
    size=$(curl -s "$base/api/v1/areas/$code/arena" |
        python3 -c 'import json,sys; d=json.load(sys.stdin); print(len(d["nodes"]), "actors,", len(d["edges"]), "relations")')
    times=$(for _ in $(seq "$n"); do
        curl -s -o /dev/null -w '%{time_total}\n' "$base/areas/$code/arena"
    done)
    echo "$code: $size; page $(echo "$times" | awk '{s += $1; if (!m || $1 < m) m = $1}
        END {printf "mean %.2f ms, best %.2f ms over %d", 1000 * s / NR, 1000 * m, NR}')"
done
