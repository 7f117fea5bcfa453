#!/usr/bin/env bash
# Validates the HSDS 3 output with ajv (tests/hsds/validate.mjs): makes a
# demo database, exports it with `wijkregie export hsds`, serves it on a
# free loopback port, and runs the validator (node --test, TAP on stdout)
# against the export and the HSDS API. Stops the server whatever happens.
#
# usage: tests/hsds/run.sh WIJKREGIE_BINARY
# Needs node (>= 20) and tests/browser/node_modules (ajv comes with it:
# `npm ci` in tests/browser). Exit status: the test runner's; 2 when the
# suite could not start.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -eq 1 ] || { echo "usage: $0 WIJKREGIE_BINARY" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
die() { echo "hsds tests: $*" >&2; exit 2; }
[ -x "$bin" ] || die "no binary at $bin"
command -v node >/dev/null || die "node is missing"
[ -d "$here/../browser/node_modules/ajv" ] || (cd "$here/../browser" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-hsds.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT

"$bin" demo --db "$tmp/w.db" >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "demo failed"; }
"$bin" export hsds --db "$tmp/w.db" --out "$tmp/hsds.json" >"$tmp/export.log" 2>&1 ||
    { cat "$tmp/export.log" >&2; die "export hsds failed"; }
"$bin" serve --db "$tmp/w.db" --listen 127.0.0.1 --port 0 --port-file "$tmp/port" \
    >"$tmp/server.log" 2>&1 &
server_pid=$!
port=""
for _ in $(seq 1 100); do
    [ -s "$tmp/port" ] && port=$(tr -d '[:space:]' <"$tmp/port") && [[ "$port" =~ ^[0-9]+$ ]] && break
    port=""
    kill -0 "$server_pid" 2>/dev/null || { cat "$tmp/server.log" >&2; die "the server exited"; }
    sleep 0.1
done
[ -n "$port" ] || die "no port file after 10 s"

status=0
HSDS_EXPORT="$tmp/hsds.json" WIJK_BASE_URL="http://127.0.0.1:$port" \
    node --test --test-reporter=tap "$here/validate.mjs" || status=$?
kill -TERM "$server_pid"
wait "$server_pid" || { echo "hsds tests: the server did not stop cleanly" >&2; status=1; }
server_pid=""
exit "$status"
