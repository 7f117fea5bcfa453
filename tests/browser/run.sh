#!/usr/bin/env bash
# Runs the browser suite against a real server: seeds the demo gemeente into
# a temporary database, serves it on a free loopback port, drives Debian's
# Chromium through playwright-core (node's test runner, TAP on stdout), and
# stops the server again whatever happens.
#
# usage: tests/browser/run.sh BUILD_DIR
#   BUILD_DIR holds the built server, BUILD_DIR/src/wijkregie.
# Needs node (>= 20.19) with npm, and chromium (scripts/deps.sh test installs
# both); the npm packages are installed from package-lock.json when missing.
# Screenshots go to tests/browser/artifacts/, with the server's log.
# Exit status: the test runner's (0 when every test passed), 1 when the
# server crashed or did not stop cleanly, 2 when the suite could not start.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
if [ $# -ne 1 ]; then
    echo "usage: $0 BUILD_DIR" >&2
    exit 2
fi
bin=$(cd "$1" && pwd)/src/wijkregie

die() {
    echo "browser tests: $*" >&2
    exit 2
}

[ -x "$bin" ] || die "no server binary at $bin (build it first: ninja -C $1)"
command -v node >/dev/null || die "node is missing (apt-get install nodejs npm)"
command -v curl >/dev/null || die "curl is missing (apt-get install curl)"
[ -x "${WIJK_CHROMIUM:-/usr/bin/chromium}" ] || die "chromium is missing (apt-get install chromium)"

# The exact versions of package-lock.json, installed once.
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ] ||
    [ ! -d "$here/node_modules/html-validate" ]; then
    (cd "$here" && npm ci --no-audit --no-fund --loglevel=error >&2) || die "npm ci failed"
fi

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-browser.XXXXXX")
server_pid=""
cleanup() {
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -f "$tmp/server.log" ]; then
        cp "$tmp/server.log" "$here/artifacts/server.log" 2>/dev/null || true
    fi
    rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$here/artifacts"
rm -f "$here"/artifacts/*.png

"$bin" demo --db "$tmp/wijk.db" >"$tmp/demo.log" 2>&1 ||
    { cat "$tmp/demo.log" >&2; die "wijkregie demo failed"; }

# The first platform admin, made at the console as an operator would: the
# residency test signs in with it to name a municipality admin.
export WIJK_ADMIN_EMAIL=beheer@example.nl WIJK_ADMIN_PASSWORD='lindenhoven beheer platform'
printf '%s\n' "$WIJK_ADMIN_PASSWORD" |
    "$bin" user add "$WIJK_ADMIN_EMAIL" --name Beheer --admin --password-stdin --db "$tmp/wijk.db" \
        >>"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log" >&2; die "wijkregie user add failed"; }

# Every file signs in (the platform admin many times over, all from
# 127.0.0.1), so the sign-in limits (10 per account, 100 per address in 15
# minutes) would refuse the suite itself: a 2-second window keeps them out
# of the way. The limits are tested over HTTP in tests/api/account_api_test.c.
"$bin" serve --db "$tmp/wijk.db" --listen 127.0.0.1 --port 0 --port-file "$tmp/port" \
    --signin-window 2 >"$tmp/server.log" 2>&1 &
server_pid=$!

# The port file appears once the server listens (at most 10 s).
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
[ -n "$port" ] || { cat "$tmp/server.log" >&2; die "no port file after 10 s"; }

base="http://127.0.0.1:$port"
healthy=""
for _ in $(seq 1 100); do
    if curl -fsS -o /dev/null --max-time 2 "$base/healthz"; then
        healthy=1
        break
    fi
    sleep 0.1
done
[ -n "$healthy" ] || { cat "$tmp/server.log" >&2; die "$base/healthz did not answer"; }

export WIJK_BASE_URL="$base"
# The binary and the database, for tests that run a CLI command on the data
# being served (monitor.test.mjs: `wijkregie monitor run`; SQLite in WAL mode
# lets a second process write while the server runs).
export WIJK_BIN="$bin" WIJK_DB="$tmp/wijk.db"
status=0
# BROWSER_TESTS picks test files (default: all); every test file has a time limit,
# so a page that never answers fails its test instead of hanging the suite.
(cd "$here" && node --test --test-reporter=tap --test-concurrency=1 --test-timeout=600000 \
    ${BROWSER_TESTS:-./*.test.mjs}) || status=$?

# The server must still be running and stop cleanly: a crash, or a
# sanitizer report at exit in an ASan build, fails the run.
server_status=0
if kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid"
    wait "$server_pid" || server_status=$?
else
    wait "$server_pid" || server_status=$?
    [ "$server_status" -ne 0 ] || server_status=1
    echo "browser tests: the server died during the tests" >&2
fi
server_pid=""
if [ "$server_status" -ne 0 ]; then
    echo "browser tests: the server exited with status $server_status; its log:" >&2
    tail -n 50 "$tmp/server.log" >&2
    [ "$status" -ne 0 ] || status=1
fi
if [ "$status" -ne 0 ]; then
    echo "browser tests: the server's log is in $here/artifacts/server.log" >&2
fi
exit "$status"
