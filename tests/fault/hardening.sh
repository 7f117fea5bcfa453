#!/usr/bin/env bash
# Hardening (issue 11, part 9). Prints TAP.
#   1. the binary passes Debian's hardening-check (devscripts): PIE, stack
#      protector, _FORTIFY_SOURCE, RELRO, BIND_NOW. Control-flow integrity
#      is not asked for: Debian 12's own start-up files (Scrt1.o, crti.o)
#      carry no IBT/SHSTK note, so no program linked there has one (Debian's
#      own nginx reports the same); -fcf-protection is on all the same;
#   2. no response names the server or its version: the headers of a page,
#      an API answer, a static file and an error;
#   3. started as root, `serve` runs as another user (from /proc/PID/status),
#      the database is handed to it (owner, mode 0600, a private directory
#      made searchable), and it still writes: a sign-in succeeds; --user
#      picks the account; root itself and unknown users are refused.
# The root tests are skipped when the suite does not run as root.
#
# usage: tests/fault/hardening.sh PATH/TO/wijkregie   (a release build)
# Every wait is bounded; takes a few seconds.
set -uo pipefail
[ $# -eq 1 ] || { echo "usage: $0 PATH/TO/wijkregie" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-hardening.XXXXXX")
pid=""
cleanup() {
    [ -z "$pid" ] || { kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; }
    rm -rf "$tmp"
}
trap cleanup EXIT

n=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1)); failed=1
    echo "not ok $n - $1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | head -n 20 | sed 's/^/#   /'
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
failed=0

# start DB [ARGS...]: serves DB on a free port; sets pid and port.
start() {
    local db=$1; shift
    rm -f "$tmp/port"
    WIJKREGIE_FAST_HASH=1 "$bin" serve --db "$db" --port 0 --port-file "$tmp/port" "$@" \
        2>>"$tmp/server.log" &
    pid=$!
    for _ in $(seq 1 100); do
        [ -s "$tmp/port" ] && curl -s -o /dev/null "http://127.0.0.1:$(cat "$tmp/port")/healthz" &&
            { port=$(cat "$tmp/port"); return 0; }
        kill -0 "$pid" 2>/dev/null || break
        sleep 0.1
    done
    return 1
}
stop() {
    [ -n "$pid" ] || return 0
    kill -TERM "$pid" 2>/dev/null
    wait "$pid" 2>/dev/null
    pid=""
}
status_field() { awk -v k="$2:" '$1 == k { print $2 }' "/proc/$1/status"; }

echo "1..14"

# ---- 1. hardening-check ---------------------------------------------------------
if ! command -v hardening-check >/dev/null; then
    not_ok "hardening-check passes" "hardening-check is missing: scripts/deps.sh test installs devscripts"
elif out=$(hardening-check --nocfprotection "$bin" 2>&1); then
    ok "hardening-check passes (PIE, stack protector, fortify, RELRO, BIND_NOW)"
else
    not_ok "hardening-check passes" "$out"
fi

# ---- 2. no version in any response ----------------------------------------------
db="$tmp/w.db"
"$bin" init --db "$db" >/dev/null 2>&1 || echo "Bail out! wijkregie init failed"
printf '%s\n' "een lang wachtwoord voor de test" |
    WIJKREGIE_FAST_HASH=1 "$bin" user add harden@example.nl --name Harder --password-stdin \
        --db "$db" >/dev/null 2>&1
# Started as the user who owns nothing special: as root this is the default
# drop to nobody, as another user that user.
if start "$db"; then ok "the server starts"; else not_ok "the server starts" "$(cat "$tmp/server.log")"; fi
version=$("$bin" --version | awk '{ print $2 }')
for what in "a page:/" "an API answer:/api/v1/session" "a static file:/static/style.css" \
    "an error:/no-such-page-here"; do
    label=${what%%:*} path=${what#*:}
    headers=$(curl -s -D - -o /dev/null "http://127.0.0.1:${port:-1}$path")
    if [ -z "$headers" ]; then
        not_ok "$label names no server version" "no answer for $path"
    elif grep -qiE "^(server|x-powered-by|via):|microhttpd|wijkregie/" <<<"$headers" ||
        grep -qF "$version" <<<"$headers"; then
        not_ok "$label names no server version" "$headers"
    else
        ok "$label ($path, $(head -n 1 <<<"$headers" | tr -d '\r')) names no server version"
    fi
done

# ---- 3. root gives itself up ----------------------------------------------------------
root_tests() {
    local uid gid
    uid=$(status_field "$pid" Uid)
    gid=$(status_field "$pid" Gid)
    if [ -n "$uid" ] && [ "$uid" != 0 ] && [ "$gid" != 0 ]; then
        ok "started as root, the server runs as uid $uid, gid $gid (/proc/$pid/status)"
    else
        not_ok "started as root, the server runs as another user" "Uid $uid Gid $gid"
    fi
    if [ "$(awk '$1 == "Uid:" { print $2 $3 $4 $5 }' "/proc/$pid/status")" = "$uid$uid$uid$uid" ]; then
        ok "real, effective, saved and file-system uid are all $uid"
    else
        not_ok "real, effective, saved and file-system uid are all $uid" "$(grep Uid "/proc/$pid/status")"
    fi
    if [ "$(stat -c '%u %a' "$db")" = "$uid 600" ]; then
        ok "the database file is handed to it, mode 0600"
    else
        not_ok "the database file is handed to it, mode 0600" "$(ls -la "$tmp")"
    fi
    # A write through the server: a sign-in makes a session row.
    local jar="$tmp/jar" csrf code
    csrf=$(curl -s -c "$jar" "http://127.0.0.1:$port/api/v1/session" |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["csrf_token"])')
    code=$(curl -s -o "$tmp/signin" -w '%{http_code}' -b "$jar" -c "$jar" \
        -H "X-CSRF-Token: $csrf" -H 'Content-Type: application/json' \
        -H "Origin: http://127.0.0.1:$port" \
        --data '{"email":"harden@example.nl","password":"een lang wachtwoord voor de test"}' \
        "http://127.0.0.1:$port/api/v1/session")
    if [ "$code" = 200 ] || [ "$code" = 201 ]; then
        ok "as that user it still writes: a sign-in answers $code"
    else
        not_ok "as that user it still writes: a sign-in answers 2xx" "$code $(cat "$tmp/signin") $(tail -n 5 "$tmp/server.log")"
    fi
    stop
    if start "$db" --user daemon && [ "$(status_field "$pid" Uid)" = "$(id -u daemon)" ]; then
        ok "--user daemon runs it as daemon"
    else
        not_ok "--user daemon runs it as daemon" "$(tail -n 5 "$tmp/server.log")"
    fi
    stop
    "$bin" serve --db "$db" --port 0 --user root 2>"$tmp/err" >/dev/null
    if [ $? -eq 64 ] && grep -q "does not run as root" "$tmp/err"; then
        ok "--user root is refused with a message"
    else
        not_ok "--user root is refused with a message" "$(cat "$tmp/err")"
    fi
    "$bin" serve --db "$db" --port 0 --user no-such-user-here 2>"$tmp/err" >/dev/null
    if [ $? -eq 64 ] && grep -q "no such user" "$tmp/err"; then
        ok "an unknown --user is refused with a message"
    else
        not_ok "an unknown --user is refused with a message" "$(cat "$tmp/err")"
    fi
    local private="$tmp/private"
    mkdir -m 700 "$private"
    "$bin" init --db "$private/p.db" >/dev/null 2>&1
    if start "$private/p.db" && [ "$(stat -c '%a' "$private")" = 701 ]; then
        ok "a directory private to root is made searchable (0701), not readable or writable"
    else
        not_ok "a directory private to root is made searchable" "$(stat -c '%a %U' "$private") $(tail -n 5 "$tmp/server.log")"
    fi
    stop
}
if [ "$(id -u)" = 0 ]; then
    root_tests
else
    stop
    for t in "runs as another uid" "all uids the same" "database handed over" "still writes" \
        "--user daemon" "--user root refused" "unknown --user refused" "private directory"; do
        skip "$t" "not running as root"
    done
fi
stop
exit $failed
