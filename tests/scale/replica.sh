#!/usr/bin/env bash
# The read-replica test (issue 3, part 6): `wijkregie serve --db PRIMARY
# --db-replica REPLICA` on a streaming replica made with pg_basebackup, all
# on 127.0.0.1, started here and removed again whatever happens. Prints TAP.
#
#   1. a throw-away primary (scripts/pg.sh start) seeded with `wijkregie
#      demo`, a hot standby of it (scripts/pg.sh replica), one server with
#      both; a person signed up and signed in through the API;
#   2. reads go to the replica: its pg_stat_activity shows the server's
#      connections (application_name wijkregie);
#   3. the lag test: with the replica's replay paused, a resident asks for
#      residency in a buurt and an import adds a buurt on the primary. The
#      writer's own GET (with the wr_lsn cookie its write set) shows its
#      request; the same session without the cookie, and an anonymous
#      client asking for the new buurt, get the replica's stale answer; a
#      forged or malformed cookie changes nothing a client could not do
#      anyway. Replay resumed: everybody sees both writes;
#   4. the replica stopped: pages and API reads still answer 200 (from the
#      primary), writes too, the fall-back is logged once; the replica
#      started again: reads go back to it;
#   5. `serve` refuses --db-replica on SQLite; the server stops cleanly.
#
# usage: tests/scale/replica.sh PATH/TO/wijkregie
# Environment: REPLICA_KEEP (when set, the temporary folder with all logs
# stays for a look). Needs PostgreSQL 15 (pg_basebackup), curl and python3;
# takes about 20 s. Every wait is bounded. Exit status 0 only when every
# test passed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 PATH/TO/wijkregie" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_sh="$root/scripts/pg.sh"
password=lang-wachtwoord-voor-de-replica
buurt=BU99010101   # a demo buurt the resident asks residency in
new_buurt=BU99010198
new_name=Replicaproef

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-replica.XXXXXX")
chmod 755 "$tmp"
pgdir="$tmp/primary"
repdir="$tmp/replica"
server_pid=""
log="$tmp/server.log"

# ---- TAP ---------------------------------------------------------------------

n=0
failures=0
ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() {
    n=$((n + 1))
    failures=$((failures + 1))
    echo "not ok $n - $1"
    [ $# -lt 2 ] || printf '%s\n' "$2" | head -n 15 | sed 's/^/#   /'
}
# check DESCRIPTION DIAGNOSTIC COMMAND...: ok when COMMAND succeeds.
check() {
    local what=$1 why=$2
    shift 2
    if "$@"; then ok "$what"; else not_ok "$what" "$why"; fi
}
bail() {
    echo "Bail out! $*"
    exit 1
}

# ---- processes -----------------------------------------------------------------

stop_pid() {
    local p=$1
    [ -n "$p" ] && kill -0 "$p" 2>/dev/null || return 0
    kill -TERM "$p" 2>/dev/null
    for _ in $(seq 1 100); do
        kill -0 "$p" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$p" 2>/dev/null
    wait "$p" 2>/dev/null
}

cleanup() {
    stop_pid "$server_pid"
    [ ! -d "$repdir/data" ] || "$pg_sh" stop "$repdir" >/dev/null 2>&1
    [ ! -d "$pgdir/data" ] || "$pg_sh" stop "$pgdir" >/dev/null 2>&1
    if [ -n "${REPLICA_KEEP:-}" ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts the server on a free port; sets server_pid and base. Non-zero when
# it does not answer /healthz with 200 within 20 s.
start_server() {
    rm -f "$tmp/port"
    "$bin" serve --db "$db_url" --db-replica "$replica_url" --listen 127.0.0.1 --port 0 \
        --port-file "$tmp/port" 2>>"$log" >&2 &
    server_pid=$!
    for _ in $(seq 1 200); do
        kill -0 "$server_pid" 2>/dev/null || return 1
        if [ -s "$tmp/port" ]; then
            base="http://127.0.0.1:$(tr -d '[:space:]' <"$tmp/port")"
            [ "$(status_of "$base/healthz")" = 200 ] && return 0
        fi
        sleep 0.1
    done
    return 1
}

# Starts the stopped replica again on its old port (its data stays).
replica_start_again() {
    local owner=()
    [ "$(id -u)" -ne 0 ] || owner=(runuser -u postgres --)
    "${owner[@]}" "$PG_BIN/pg_ctl" -D "$repdir/data" -l "$repdir/server.log" -w -t 60 \
        -o "-p $(cat "$repdir/port")" start >/dev/null 2>&1
}

# One value from the database at URL $1 (a query without parameters).
sql() {
    "$PG_BIN/psql" "$1" -XAtq -v ON_ERROR_STOP=1 -c "$2" 2>>"$tmp/psql.log"
}

# Waits (at most 10 s) until the replica has replayed all the primary has
# written until now.
replica_catches_up() {
    local target
    target=$(sql "$db_url" "SELECT pg_current_wal_insert_lsn()")
    for _ in $(seq 1 100); do
        [ "$(sql "$replica_url" "SELECT pg_last_wal_replay_lsn() >= '$target'")" = t ] && return 0
        sleep 0.1
    done
    return 1
}

# ---- HTTP ----------------------------------------------------------------------

status_of() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 "$1" || true
}

# api METHOD PATH JAR [JSON] [TOKEN]: a request with the cookies of JAR (a
# curl cookie file; "-" for none), the CSRF token TOKEN and an Origin of the
# server itself; the body goes to $tmp/body, the headers to $tmp/head; prints
# the status.
api() {
    local method=$1 path=$2 jar=$3 data=${4:-} token=${5:-} args=()
    [ "$jar" = - ] || args+=(-b "$jar" -c "$jar")
    [ -z "$data" ] || args+=(-H 'Content-Type: application/json' --data "$data")
    [ -z "$token" ] || args+=(-H "X-CSRF-Token: $token" -H "Origin: $base")
    curl -s -X "$method" -D "$tmp/head" -o "$tmp/body" -w '%{http_code}' --max-time 10 \
        "${args[@]}" "$base$path" || true
}

# The member $1 of the JSON object in $tmp/body.
json_member() {
    python3 -c 'import json, sys
v = json.load(open(sys.argv[1])).get(sys.argv[2])
print("" if v is None else v)' "$tmp/body" "$1" 2>/dev/null
}

# Whether the JSON in $tmp/body lists a residency in buurt $1.
lists_buurt() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
items = d.get("items", d) if isinstance(d, dict) else d
sys.exit(0 if any(i.get("buurt_code") == sys.argv[2] for i in items) else 1)' "$tmp/body" "$1"
}

# Whether status $1 is 200 and the residencies in $tmp/body lack buurt $2:
# the replica's answer from before the write.
stale_list() { [ "$1" = 200 ] && ! lists_buurt "$2"; }

# Whether status $1 is $2 and $3 is not empty.
status_and() { [ "$1" = "$2" ] && [ -n "$3" ]; }

# The Set-Cookie header for cookie $1 in $tmp/head (empty when none).
set_cookie() {
    grep -i "^set-cookie: $1=" "$tmp/head" | tr -d '\r' | head -n 1
}

# The wr_lsn cookie of jar $1.
jar_lsn() {
    awk '$6 == "wr_lsn" { print $7 }' "$1" | tail -n 1
}

# A copy of jar $1 in $2 without its wr_lsn cookie: the same session on a
# client that did not make the write (another device, or a lost cookie).
without_lsn() {
    grep -v "[[:space:]]wr_lsn[[:space:]]" "$1" >"$2"
}

# ---- 1. set-up -----------------------------------------------------------------

plan=29
echo "1..$plan"
[ -x "$bin" ] || bail "no server binary at $1"
for tool in curl python3; do command -v "$tool" >/dev/null || bail "$tool is missing"; done
[ -x "$PG_BIN/pg_basebackup" ] || bail "$PG_BIN/pg_basebackup is missing (apt-get install postgresql)"
db_url=$("$pg_sh" start "$pgdir" 2>"$tmp/pg.log") ||
    bail "PostgreSQL did not start: $(tail -n 3 "$tmp/pg.log")"
"$bin" demo --db "$db_url" >"$tmp/demo.log" 2>&1 || bail "wijkregie demo failed: $(tail -n 3 "$tmp/demo.log")"
replica_url=$("$pg_sh" replica "$pgdir" "$repdir" 2>"$tmp/replica.log") ||
    bail "the replica did not start: $(tail -n 5 "$tmp/replica.log")"
start_server || bail "the server did not start: $(tail -n 5 "$log")"
echo "# primary $db_url, replica $replica_url, server $base"

s=$(sql "$replica_url" "SELECT pg_is_in_recovery()")
check "the replica is a hot standby (in recovery)" "pg_is_in_recovery: $s" [ "$s" = t ]
s=$(sql "$db_url" "SELECT count(*) FROM pg_stat_replication WHERE state = 'streaming'")
check "the primary streams its log to the replica" "streaming replicas: $s" [ "$s" = 1 ]

jar="$tmp/writer.jar"
: >"$jar"
s=$(api GET /api/v1/session "$jar")
token=$(json_member csrf_token)
check "GET /api/v1/session gives a CSRF token" "status $s: $(cat "$tmp/body")" status_and "$s" 200 "$token"
s=$(api POST /api/v1/people "$jar" \
    "{\"email\":\"replica@example.nl\",\"display_name\":\"Rep Lica\",\"password\":\"$password\",\"lang\":\"nl\"}" \
    "$token")
check "sign-up through the API answers 201" "status $s: $(cat "$tmp/body")" [ "$s" = 201 ]
cookie=$(set_cookie wr_lsn)
check "a write sets wr_lsn: a log position, HttpOnly, SameSite=Lax, a short Max-Age" "$cookie" \
    grep -qE '^set-cookie: wr_lsn=[0-9A-F]{1,8}/[0-9A-F]{1,8}; Path=/; Max-Age=60; HttpOnly; SameSite=Lax$' \
    <(echo "$cookie" | sed 's/^Set-Cookie/set-cookie/I')
s=$(api POST /api/v1/session "$jar" "{\"email\":\"replica@example.nl\",\"password\":\"$password\"}" "$token")
token=$(json_member csrf_token)
check "sign-in through the API answers 201 with the session's CSRF token" "status $s: $(cat "$tmp/body")" \
    status_and "$s" 201 "$token"

# ---- 2. reads go to the replica ----------------------------------------------------

replica_catches_up || bail "the replica did not catch up within 10 s"
for _ in 1 2 3; do status_of "$base/areas/WK990101" >/dev/null; done
s=$(status_of "$base/api/v1/areas/$buurt")
check "an anonymous API read answers 200" "status $s" [ "$s" = 200 ]
s=$(sql "$replica_url" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'wijkregie'")
check "the server's reads are connections on the replica (pg_stat_activity)" "$s connections" \
    [ "${s:-0}" -ge 1 ]

# ---- 3. the lag test -----------------------------------------------------------------

sql "$replica_url" "SELECT pg_wal_replay_pause()" >/dev/null
state=""
for _ in $(seq 1 50); do
    state=$(sql "$replica_url" "SELECT pg_get_wal_replay_pause_state()")
    [ "$state" = paused ] && break
    sleep 0.1
done
check "the replica's replay is paused" "state: $state" [ "$state" = paused ]

s=$(api POST /api/v1/me/residencies "$jar" "{\"buurt\":\"$buurt\"}" "$token")
check "with replay paused, the resident asks residency in $buurt (201)" "status $s: $(cat "$tmp/body")" \
    [ "$s" = 201 ]
lsn=$(jar_lsn "$jar")
check "the write's wr_lsn lies beyond what the replica has replayed" "wr_lsn $lsn" \
    [ "$(sql "$replica_url" "SELECT pg_last_wal_replay_lsn() < '${lsn:-0/0}'")" = t ]
cat >"$tmp/new.csv" <<EOF
"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5";"k_0Tot15Jaar_8";"HuishoudensTotaal_28"
"1";"$new_name         ";"Lindenhoven         ";"Buurt     ";"$new_buurt";"       512";"        80";"       240"
EOF
"$bin" import cbs "$tmp/new.csv" --year 2021 --db "$db_url" >"$tmp/import.log" 2>&1
check "an import adds $new_buurt on the primary" "$(cat "$tmp/import.log")" \
    [ "$(sql "$db_url" "SELECT count(*) FROM area WHERE code = '$new_buurt'")" = 1 ]

s=$(api GET /api/v1/me/residencies "$jar")
check "the writer's own GET shows its request at once (read from the primary)" \
    "status $s: $(cat "$tmp/body")" lists_buurt "$buurt"
cookie=$(set_cookie wr_lsn)
check "that answer renews wr_lsn while the replica is behind" "${cookie:-no wr_lsn cookie}" \
    grep -qF "wr_lsn=$lsn;" <<<"$cookie"
without_lsn "$jar" "$tmp/other.jar"
s=$(api GET /api/v1/me/residencies "$tmp/other.jar")
check "the same session without wr_lsn gets the replica's stale answer" \
    "status $s: $(cat "$tmp/body")" stale_list "$s" "$buurt"
s=$(status_of "$base/api/v1/areas/$new_buurt")
check "an anonymous client does not see $new_buurt yet (404 from the replica)" "status $s" [ "$s" = 404 ]
cp "$tmp/other.jar" "$tmp/forged.jar"
# Nine hex digits: refused, though PostgreSQL would read it as a position
# far ahead (and a lenient check would send the read to the primary).
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\twr_lsn\t%s\n' "1/123456789" >>"$tmp/forged.jar"
s=$(api GET /api/v1/me/residencies "$tmp/forged.jar")
check "a malformed wr_lsn is ignored (the replica answers)" "status $s: $(cat "$tmp/body")" \
    stale_list "$s" "$buurt"
cp "$tmp/other.jar" "$tmp/far.jar"
printf '127.0.0.1\tFALSE\t/\tFALSE\t0\twr_lsn\t%s\n' "FFFFFFFF/FFFFFFFF" >>"$tmp/far.jar"
s=$(status_of "$base/api/v1/areas/$new_buurt")
s2=$(api GET "/api/v1/areas/$new_buurt" "$tmp/far.jar")
check "a wr_lsn far ahead only sends that client's reads to the primary" "anonymous $s, far $s2" \
    [ "$s$s2" = 404200 ]

sql "$replica_url" "SELECT pg_wal_replay_resume()" >/dev/null
caught=false
replica_catches_up && caught=true
check "replay resumed: the replica catches up within 10 s" \
    "replay at $(sql "$replica_url" "SELECT pg_last_wal_replay_lsn()")" $caught
s=$(api GET /api/v1/me/residencies "$tmp/other.jar")
check "now the session without wr_lsn sees the request too" "status $s: $(cat "$tmp/body")" \
    lists_buurt "$buurt"
s=$(status_of "$base/api/v1/areas/$new_buurt")
check "and the anonymous client sees $new_buurt (200)" "status $s" [ "$s" = 200 ]
s=$(api GET /api/v1/me/residencies "$jar")
renewed=$(set_cookie wr_lsn)
check "the writer, caught up, reads from the replica without a new wr_lsn" "status $s; $renewed" \
    status_and "$s$renewed" 200 "$(lists_buurt "$buurt" && echo listed)"

# ---- 4. the replica stopped and started again ---------------------------------------

"$pg_sh" stop "$repdir" >/dev/null 2>&1 || bail "the replica did not stop"
codes=""
for path in /areas/WK990101 /api/v1/areas/$new_buurt /api/v1/areas /healthz; do
    codes+="$(status_of "$base$path") "
done
s=$(api GET /api/v1/me/residencies "$tmp/other.jar")
codes+="$s"
check "with the replica stopped, pages and API reads answer 200 (from the primary)" "$codes" \
    [ "$codes" = "200 200 200 200 200" ]
s=$(api PUT /api/v1/me/capacity "$jar" '{"capacity":"person"}' "$token")
check "with the replica stopped, a write answers 200" "status $s: $(cat "$tmp/body")" [ "$s" = 200 ]
for _ in 1 2 3 4 5; do status_of "$base/areas/WK990101" >/dev/null; done
downs=$(grep -c 'event=replica_down' "$log")
check "the fall-back to the primary is logged once" "$downs replica_down lines" [ "$downs" -eq 1 ]

replica_start_again || bail "the replica did not start again: $(tail -n 5 "$repdir/server.log")"
back=false
for _ in $(seq 1 100); do # the server tries again every 5 s; wait at most 20 s
    status_of "$base/areas/WK990101" >/dev/null
    if grep -q 'event=replica_up' "$log"; then back=true; break; fi
    sleep 0.2
done
check "the replica started again: reads go back to it (replica_up logged)" \
    "$(grep -E 'replica_(up|down)' "$log" | tail -n 3)" $back
s=$(sql "$replica_url" "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'wijkregie'")
check "the server is connected to the replica again" "$s connections" [ "${s:-0}" -ge 1 ]

# ---- 5. refusals and a clean stop ----------------------------------------------------

"$bin" serve --db "$tmp/x.db" --db-replica "$replica_url" --port 0 >"$tmp/refused.out" 2>&1
rc=$?
check "serve refuses --db-replica on SQLite with exit 64 and a reason" "exit $rc: $(cat "$tmp/refused.out")" \
    status_and "$rc" 64 "$(grep 'SQLite has no read replicas' "$tmp/refused.out")"
kill -TERM "$server_pid"
for _ in $(seq 1 100); do
    kill -0 "$server_pid" 2>/dev/null || break
    sleep 0.1
done
wait "$server_pid" 2>/dev/null
rc=$?
server_pid=""
check "the server stops on SIGTERM with exit status 0" "exit $rc: $(tail -n 5 "$log")" [ "$rc" -eq 0 ]

[ "$n" -eq "$plan" ] || echo "# ran $n tests; the plan says $plan"
[ "$failures" -eq 0 ]
