#!/usr/bin/env bash
# The scale-out test (issue 3, part 5): two `wijkregie serve` processes on
# one PostgreSQL behind nginx doing round-robin, everything on 127.0.0.1,
# started here and removed again whatever happens. Prints TAP.
#
#   1. a throw-away PostgreSQL cluster (scripts/pg.sh start) seeded with
#      `wijkregie demo`; servers A and B on two free loopback ports; Debian's
#      nginx with its own temporary prefix and configuration: a round-robin
#      upstream of A and B with keep-alive connections, X-Forwarded-For, and
#      `proxy_next_upstream error timeout http_502` (nginx never passes a
#      non-idempotent request such as a POST on to the next server);
#   2. both answer /healthz; requests through nginx are spread over both,
#      counted in each server's request log (one line per request);
#   3. a CBS import run directly on the database while both serve adds a
#      buurt, and both show it at once, directly and through nginx;
#   4. pages and API answers are byte-identical from either server (apart
#      from Date and X-Request-Id), and nginx passes the same bodies;
#   5. under a wrk load through nginx, A is killed with SIGKILL halfway: wrk
#      sees no error answers and no socket errors (nginx retries the cut-off
#      GETs on B), B carries on, and A, started again, gets requests again;
#   6. PostgreSQL stopped while serving: /healthz answers 503 with a JSON
#      message on both; started again: 200 on both, from the same processes;
#   7. a session made through A directly is valid on B directly and through
#      nginx; signed out through B, it is no longer valid on A;
#   8. a bounded write load through nginx (wrk with tests/scale/writes.lua:
#      at most 100 writes in each of six sessions, under the write quota) and
#      A killed with SIGKILL a third of the way: every write wrk saw
#      acknowledged (2xx, by its X-Request-Id) has its audit_log row in
#      PostgreSQL, and there are no more rows than writes sent plus those
#      nginx passed on to B (it retries idempotent methods such as PUT, never
#      a POST); A started again.
#
# usage: tests/scale/run.sh PATH/TO/wijkregie
# It always starts a cluster of its own, also when scripts/test.sh has one
# in $WIJKREGIE_TEST_PG_URL, because step 6 stops and starts PostgreSQL.
# Environment: SCALE_REQUESTS (step 2, default 200), SCALE_WRK_SECONDS
# (step 5, default 10), SCALE_WRK_CONNECTIONS (default 32), SCALE_KEEP (when
# set, the temporary folder with all logs stays for a look). Needs nginx,
# wrk, curl and python3 (scripts/deps.sh test installs them); takes about
# 60 s. Exit status 0 only when every test passed.
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
[ $# -eq 1 ] || { echo "usage: $0 PATH/TO/wijkregie" >&2; exit 2; }
bin=$(cd "$(dirname "$1")" 2>/dev/null && pwd)/$(basename "$1")

requests=${SCALE_REQUESTS:-200}
wrk_seconds=${SCALE_WRK_SECONDS:-10}
wrk_conns=${SCALE_WRK_CONNECTIONS:-32}
PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
pg_sh="$root/scripts/pg.sh"

# The buurt the import adds, in the demo's wijk WK990101 (Lindenhoven).
new_buurt=BU99010199
new_name=Schaalproef
wijk=WK990101

# Responses compared between A and B (step 4); one test each.
compared=(/ /areas/GM9901 /areas/$wijk /areas/$new_buurt /areas/BU00000000 /api/v1/areas
    /api/v1/areas/$wijk /api/v1/areas/BU99010101 /api/v1/areas/NOPE /api/v1/openapi.json
    /static/style.css /healthz)

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-scale.XXXXXX")
chmod 755 "$tmp"
pgdir="$tmp/pg"
declare -A pid=() port=() log=()
nginx_pid_file="$tmp/nginx/nginx.pid"
wrk_pid=""

# ---- TAP -------------------------------------------------------------------

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

# ---- processes ---------------------------------------------------------------

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
    [ -z "$wrk_pid" ] || stop_pid "$wrk_pid"
    for s in "${!pid[@]}"; do stop_pid "${pid[$s]}"; done
    [ ! -s "$nginx_pid_file" ] || stop_pid "$(cat "$nginx_pid_file")"
    [ ! -d "$pgdir/data" ] || "$pg_sh" stop "$pgdir" >/dev/null 2>&1
    if [ -n "${SCALE_KEEP:-}" ]; then echo "# kept $tmp"; else rm -rf "$tmp"; fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Starts server $1 on port $2 (0: a free one), appending to its own log;
# sets pid[$1] and port[$1]. Non-zero when it does not answer /healthz with
# 200 within 20 s.
start_server() {
    local s=$1 p
    rm -f "$tmp/$s.port"
    log[$s]="$tmp/$s.log"
    "$bin" serve --db "$db_url" --listen 127.0.0.1 --port "$2" --port-file "$tmp/$s.port" \
        --trust-proxy 2>>"${log[$s]}" >&2 &
    pid[$s]=$!
    for _ in $(seq 1 200); do
        kill -0 "${pid[$s]}" 2>/dev/null || return 1
        if [ -s "$tmp/$s.port" ]; then
            p=$(tr -d '[:space:]' <"$tmp/$s.port")
            port[$s]=$p
            [ "$(status_of "http://127.0.0.1:$p/healthz")" = 200 ] && return 0
        fi
        sleep 0.1
    done
    return 1
}

# Debian's nginx on a free port, its configuration and files under $tmp/nginx;
# sets nginx_port. One worker, so that one client's requests alternate
# exactly between A and B.
start_nginx() {
    local nginx
    nginx=$(command -v nginx || echo /usr/sbin/nginx)
    mkdir -p "$tmp/nginx/logs" "$tmp/nginx/temp"
    chmod 777 "$tmp/nginx/temp"
    # Ports below Linux's ephemeral range (32768-60999) clash less often.
    for _ in $(seq 1 20); do
        nginx_port=$((20000 + RANDOM % 12000))
        write_nginx_conf "$nginx_port"
        # A failed attempt's complaints go to start.log: error.log is checked at the end.
        cat "$tmp/nginx/logs/error.log" >>"$tmp/nginx/start.log" 2>/dev/null
        : >"$tmp/nginx/logs/error.log"
        if "$nginx" -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -e "$tmp/nginx/logs/error.log" \
            2>>"$tmp/nginx/start.log"; then
            for _ in $(seq 1 50); do
                [ "$(status_of "http://127.0.0.1:$nginx_port/healthz")" = 200 ] && return 0
                sleep 0.1
            done
            return 1
        fi
    done
    return 1
}

write_nginx_conf() {
    cat >"$tmp/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $nginx_pid_file;
error_log $tmp/nginx/logs/error.log warn;
events { worker_connections 1024; }
http {
    access_log $tmp/nginx/logs/access.log;
    client_body_temp_path $tmp/nginx/temp/body;
    proxy_temp_path $tmp/nginx/temp/proxy;
    fastcgi_temp_path $tmp/nginx/temp/fastcgi;
    uwsgi_temp_path $tmp/nginx/temp/uwsgi;
    scgi_temp_path $tmp/nginx/temp/scgi;
    upstream wijkregie {
        # Round-robin (nginx's default). A server that fails is left out
        # for fail_timeout, then tried again, so a restarted one rejoins.
        server 127.0.0.1:${port[A]} max_fails=1 fail_timeout=1s;
        server 127.0.0.1:${port[B]} max_fails=1 fail_timeout=1s;
        keepalive 16;
    }
    server {
        listen 127.0.0.1:$1;
        location / {
            proxy_pass http://wijkregie;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host \$host;
            proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto \$scheme;
            # A request cut off by a dying server goes to the next one. nginx
            # does this for idempotent methods only (not POST, LOCK, PATCH).
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
            proxy_connect_timeout 2s;
            proxy_read_timeout 10s;
        }
    }
}
EOF
}

# Starts the stopped cluster again on its old port (pg.sh start makes a new
# one; this reuses its data directory).
pg_start_again() {
    local owner=()
    [ "$(id -u)" -ne 0 ] || owner=(runuser -u postgres --)
    "${owner[@]}" "$PG_BIN/pg_ctl" -D "$pgdir/data" -l "$pgdir/server.log" -w -t 60 \
        -o "-p $(cat "$pgdir/port")" start >/dev/null 2>&1
}

# ---- HTTP --------------------------------------------------------------------

# The status of GET $1 ("000" when nothing answered).
status_of() {
    curl -s -o /dev/null -w '%{http_code}' --max-time 10 -H 'Accept-Language: nl' "$1" || true
}

# GET $1 into $2 (headers without Date and X-Request-Id, then the body).
fetch_to() {
    curl -s -D "$2.head" -o "$2.body" --max-time 10 -H 'Accept-Language: nl' "$1"
    grep -viE '^(date|x-request-id):' "$2.head" | cat - "$2.body" >"$2"
}

# Request lines for path $2 in server log $1.
logged() {
    grep -F 'event=request' "$1" 2>/dev/null | grep -cF " path=$2 " || true
}

# GET $2 through nginx $1 times on one connection; prints how many got 200.
through_nginx() {
    local args=() i
    for ((i = 0; i < $1; i++)); do args+=(-o /dev/null "http://127.0.0.1:$nginx_port$2"); done
    curl -s -w '%{http_code}\n' --max-time 60 "${args[@]}" | grep -c '^200$' || true
}

# Whether $1 is a JSON object with "error": "unavailable" and a message.
json_unavailable() {
    python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
sys.exit(0 if d.get("error") == "unavailable" and len(d.get("message") or "") > 10 else 1)' "$1"
}

between() { [ "$1" -ge "$2" ] && [ "$1" -le "$3" ]; }

# ---- 1. set-up ---------------------------------------------------------------

plan=$((48 + ${#compared[@]}))
echo "1..$plan"
[ -x "$bin" ] || bail "no server binary at $1"
for tool in nginx wrk curl python3; do
    command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || bail "$tool is missing (scripts/deps.sh test)"
done
db_url=$("$pg_sh" start "$pgdir" 2>"$tmp/pg.log") || bail "PostgreSQL did not start: $(tail -n 3 "$tmp/pg.log")"
"$bin" demo --db "$db_url" >"$tmp/demo.log" 2>&1 || bail "wijkregie demo failed: $(tail -n 3 "$tmp/demo.log")"
start_server A 0 || bail "server A did not start: $(tail -n 5 "$tmp/A.log")"
start_server B 0 || bail "server B did not start: $(tail -n 5 "$tmp/B.log")"
start_nginx || bail "nginx did not start: $(cat "$tmp/nginx/start.log" "$tmp/nginx/logs/error.log" 2>/dev/null | tail -n 5)"
a="http://127.0.0.1:${port[A]}"
b="http://127.0.0.1:${port[B]}"
lb="http://127.0.0.1:$nginx_port"
echo "# PostgreSQL $db_url; A on ${port[A]}, B on ${port[B]}, nginx on $nginx_port"

# ---- 2. both serve, round-robin ------------------------------------------------

s=$(status_of "$a/healthz")
check "A answers /healthz directly" "status $s" [ "$s" = 200 ]
s=$(status_of "$b/healthz")
check "B answers /healthz directly" "status $s" [ "$s" = 200 ]

path=/api/v1/areas/GM9901
got=$(through_nginx "$requests" "$path")
check "$requests requests through nginx all answer 200" "$got answered 200" [ "$got" -eq "$requests" ]
na=$(logged "${log[A]}" "$path")
nb=$(logged "${log[B]}" "$path")
check "each request through nginx reached exactly one server" "A logged $na, B logged $nb" \
    [ $((na + nb)) -eq "$requests" ]
check "round-robin spreads them evenly over A and B" "A logged $na, B logged $nb" \
    between "$na" $((requests * 2 / 5)) $((requests * 3 / 5))

# ---- 3. a write while serving is seen by both at once -------------------------

s=$(status_of "$a/api/v1/areas/$new_buurt")
t=$(status_of "$b/api/v1/areas/$new_buurt")
check "before the import A and B answer 404 for $new_buurt" "A $s, B $t" [ "$s$t" = 404404 ]
cat >"$tmp/new.csv" <<EOF
"ID";"WijkenEnBuurten";"Gemeentenaam_1";"SoortRegio_2";"Codering_3";"AantalInwoners_5";"k_0Tot15Jaar_8";"HuishoudensTotaal_28"
"1";"$new_name         ";"Lindenhoven         ";"Buurt     ";"$new_buurt";"       512";"        80";"       240"
EOF
# Another year than the demo's 2024: an import replaces its year's figures.
"$bin" import cbs "$tmp/new.csv" --year 2021 --db "$db_url" >"$tmp/import.log" 2>&1
rc=$?
check "import cbs adds a buurt directly on the database while both serve" \
    "exit $rc: $(cat "$tmp/import.log")" [ "$rc" -eq 0 ]
for s in A B; do
    url="http://127.0.0.1:${port[$s]}/api/v1/areas/$new_buurt"
    fetch_to "$url" "$tmp/new.$s"
    check "$s serves the new buurt at once" "$(cat "$tmp/new.$s")" \
        grep -q "\"name\":\"$new_name\"" "$tmp/new.$s.body"
done
fetch_to "$lb/api/v1/areas/$new_buurt" "$tmp/new.lb1"
fetch_to "$lb/api/v1/areas/$new_buurt" "$tmp/new.lb2"
check "nginx serves the new buurt from both servers in turn" "$(cat "$tmp/new.lb1" "$tmp/new.lb2")" \
    grep -q "\"name\":\"$new_name\"" "$tmp/new.lb1.body" "$tmp/new.lb2.body"
fetch_to "$a/areas/$wijk" "$tmp/wijk.A"
fetch_to "$b/areas/$wijk" "$tmp/wijk.B"
check "the wijk's page on A and on B lists the new buurt" "A: $(grep -c "$new_name" "$tmp/wijk.A.body"), B: $(grep -c "$new_name" "$tmp/wijk.B.body")" \
    grep -q "$new_name" "$tmp/wijk.A.body" "$tmp/wijk.B.body"

# ---- 4. the same answer from either server ------------------------------------

for path in "${compared[@]}"; do
    fetch_to "$a$path" "$tmp/cmp.A"
    fetch_to "$b$path" "$tmp/cmp.B"
    fetch_to "$lb$path" "$tmp/cmp.lb"
    if ! cmp -s "$tmp/cmp.A" "$tmp/cmp.B"; then
        not_ok "$path is byte-identical from A and B" "$(diff "$tmp/cmp.A" "$tmp/cmp.B" | head -n 10)"
    elif ! cmp -s "$tmp/cmp.A.body" "$tmp/cmp.lb.body" || [ ! -s "$tmp/cmp.A.body" ]; then
        not_ok "$path is byte-identical from A and B" "nginx passed other bytes (or none)"
    else
        ok "$path is byte-identical from A and B (and through nginx): $(head -n 1 "$tmp/cmp.A" | tr -d '\r')"
    fi
done

# ---- 5. one server killed under load ------------------------------------------

# Every GET cut off by the kill is retried by nginx on B (proxy_next_upstream
# error); the responses are small and buffered whole by nginx before it
# answers, so no client sees half an answer. Measured: 0 errors in 27 runs,
# so the bound is 0.
socket_error_bound=0
wrk -t2 -c"$wrk_conns" -d"${wrk_seconds}s" --timeout 5s "$lb/areas/$wijk" >"$tmp/wrk.out" 2>&1 &
wrk_pid=$!
sleep $((wrk_seconds / 2))
b_before=$(logged "${log[B]}" "/areas/$wijk")
kill -KILL "${pid[A]}"
wait "${pid[A]}" 2>/dev/null
a_status=$?
wait "$wrk_pid"
wrk_rc=$?
wrk_pid=""
b_after=$(logged "${log[B]}" "/areas/$wijk")
sed 's/^/# wrk: /' "$tmp/wrk.out"
check "wrk ran its load through nginx" "wrk exit $wrk_rc" grep -q '^Requests/sec:' "$tmp/wrk.out"
check "A was killed by SIGKILL halfway" "wait status $a_status" [ "$a_status" -eq 137 ]
bad=$(awk '/Non-2xx or 3xx responses:/ { print $NF }' "$tmp/wrk.out")
check "wrk saw no answer other than 2xx/3xx" "${bad:-0} non-2xx/3xx answers" [ -z "$bad" ]
errs=$(awk '/Socket errors:/ { gsub(",", ""); print $4 + $6 + $8 + $10 }' "$tmp/wrk.out")
check "wrk saw at most $socket_error_bound socket errors" "${errs:-0} socket errors" \
    [ "${errs:-0}" -le "$socket_error_bound" ]
# nginx logs each request it could not get from A (refused, or cut off
# mid-answer) as an [error]; with fail_timeout=1s it tries A about once a
# second, so a kill it never noticed would mean the load missed the kill.
retried=$(grep -F '[error]' "$tmp/nginx/logs/error.log" | grep -cF "//127.0.0.1:${port[A]}/" || true)
echo "# nginx: $(grep -cF 'connect() failed' "$tmp/nginx/logs/error.log") connections to A refused," \
    "$(grep -F '[error]' "$tmp/nginx/logs/error.log" | grep -cvF 'connect() failed') requests cut off by the kill; all retried on B"
check "nginx saw A fail under load and sent those requests on to B" \
    "$retried failed attempts on A in nginx's error log" [ "$retried" -ge 1 ]
check "B kept serving after the kill" "B logged $b_before page requests before the kill, $b_after after" \
    [ "$b_after" -gt $((b_before + 100)) ]
s=$(status_of "$b/healthz")
check "B answers /healthz directly after the load" "status $s" [ "$s" = 200 ]

old_a=${port[A]}
restarted=false
for _ in $(seq 1 20); do
    if start_server A "$old_a"; then restarted=true; break; fi
    sleep 0.5 # the port may still be held for a moment
done
check "A starts again on its old port" "$(tail -n 5 "${log[A]}")" $restarted
sleep 1.5 # nginx's fail_timeout for A runs out
path=/api/v1/areas/WK990102
a_before=$(logged "${log[A]}" "$path")
got=$(through_nginx 40 "$path")
a_after=$(logged "${log[A]}" "$path")
check "40 requests through nginx after the restart all answer 200" "$got answered 200" [ "$got" -eq 40 ]
check "A rejoined: it serves about half of them" "A served $((a_after - a_before)) of 40" \
    between $((a_after - a_before)) 10 30

# ---- 6. PostgreSQL stopped and started while serving ---------------------------

pid_a=${pid[A]}
pid_b=${pid[B]}
"$pg_sh" stop "$pgdir" >/dev/null 2>&1 || bail "PostgreSQL did not stop"
for s in A B; do
    url="http://127.0.0.1:${port[$s]}/healthz"
    fetch_to "$url" "$tmp/down.$s"
    code=$(head -n 1 "$tmp/down.$s" | awk '{ print $2 }')
    check "with PostgreSQL stopped $s answers /healthz 503" "$(cat "$tmp/down.$s")" [ "$code" = 503 ]
    check "$s's 503 is JSON with error \"unavailable\" and a message" "$(cat "$tmp/down.$s")" \
        json_unavailable "$tmp/down.$s.body"
done
s=$(status_of "$lb/areas/$wijk")
check "through nginx a page answers 503, not 502" "status $s" [ "$s" = 503 ]

pg_start_again || bail "PostgreSQL did not start again: $(tail -n 5 "$pgdir/server.log")"
for s in A B; do
    url="http://127.0.0.1:${port[$s]}/healthz"
    code=000
    for _ in $(seq 1 100); do
        code=$(status_of "$url")
        [ "$code" = 200 ] && break
        sleep 0.1
    done
    check "PostgreSQL back: $s answers /healthz 200 within 10 s" "last status $code" [ "$code" = 200 ]
done
# A started twice (step 5), B once; both still the processes from before.
same_processes() {
    kill -0 "$pid_a" 2>/dev/null && kill -0 "$pid_b" 2>/dev/null &&
        [ "${pid[A]}" = "$pid_a" ] && [ "${pid[B]}" = "$pid_b" ] &&
        [ "$(grep -c 'event=listening' "${log[A]}")" -eq 2 ] &&
        [ "$(grep -c 'event=listening' "${log[B]}")" -eq 1 ]
}
check "the same processes recovered without a restart" \
    "listening lines: $(grep -c 'event=listening' "${log[A]}" "${log[B]}" | tr '\n' ' ')" same_processes
s=$(status_of "$lb/areas/$wijk")
check "through nginx the page answers 200 again" "status $s" [ "$s" = 200 ]

# ---- 7. sessions live in the database: any process serves any session ----------

# sign_in BASE JAR EMAIL: signs in through BASE into the cookie file JAR
# (fetching a pre-session CSRF token first); prints the session's CSRF token.
sign_in() {
    local token
    token=$(curl -s --max-time 30 -c "$2" -b "$2" "$1/api/v1/session" | json_get csrf_token)
    curl -s --max-time 30 -c "$2" -b "$2" -X POST -H 'Content-Type: application/json' \
        -H "X-CSRF-Token: $token" -H "Origin: $1" \
        --data "{\"email\":\"$3\",\"password\":\"$password\"}" "$1/api/v1/session" |
        json_get csrf_token
}

# sign_up BASE EMAIL: creates a person through BASE; prints the status.
sign_up() {
    local jar="$tmp/signup.jar" token
    rm -f "$jar"
    token=$(curl -s --max-time 30 -c "$jar" -b "$jar" "$1/api/v1/session" | json_get csrf_token)
    curl -s -o /dev/null -w '%{http_code}' --max-time 30 -c "$jar" -b "$jar" -X POST \
        -H 'Content-Type: application/json' -H "X-CSRF-Token: $token" -H "Origin: $1" \
        --data "{\"email\":\"$2\",\"display_name\":\"Schaal Proef\",\"password\":\"$password\",\"lang\":\"nl\"}" \
        "$1/api/v1/people"
}

# The member $1 of the JSON object on stdin (empty when absent or not JSON).
json_get() {
    python3 -c 'import json, sys
try:
    v = json.load(sys.stdin).get(sys.argv[1])
except Exception:
    v = None
print("" if v is None else v)' "$1"
}

# "STATUS ID": GET /api/v1/me at $1 with the cookies of jar $2.
me_at() {
    local body
    body=$(curl -s -w '\n%{http_code}' --max-time 10 -b "$2" "$1/api/v1/me")
    echo "$(tail -n 1 <<<"$body") $(sed '$d' <<<"$body" | json_get id)"
}

# The session cookie's value in jar $1.
jar_session() {
    awk '$6 == "wr_session" { print $7 }' "$1" | tail -n 1
}

password=lang-wachtwoord-voor-de-schaalproef
s=$(sign_up "$a" sessie@example.nl)
check "a person signs up through A" "status $s" [ "$s" = 201 ]
jar="$tmp/session.jar"
token=$(sign_in "$a" "$jar" sessie@example.nl)
check "the person signs in through A directly" "no CSRF token or session cookie" \
    [ -n "$token" -a -n "$(jar_session "$jar")" ]
me_a=$(me_at "$a" "$jar")
me_b=$(me_at "$b" "$jar")
check "the session made on A is valid on B directly (GET /api/v1/me)" "A: $me_a, B: $me_b" \
    [ "${me_a%% *}" = 200 -a "$me_a" = "$me_b" ]
me_lb1=$(me_at "$lb" "$jar")
me_lb2=$(me_at "$lb" "$jar")
check "and through nginx, on both servers in turn" "A: $me_a, nginx: $me_lb1, $me_lb2" \
    [ "$me_lb1" = "$me_a" -a "$me_lb2" = "$me_a" ]
cp "$jar" "$jar.copy"
s=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$jar" -c "$jar" -X DELETE \
    -H "X-CSRF-Token: $token" -H "Origin: $b" "$b/api/v1/session")
check "signing out through B answers 204" "status $s" [ "$s" = 204 ]
# The jar lost the cookie with B's answer; send the old one, as a stolen copy would.
me_a=$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -b "$jar.copy" "$a/api/v1/me")
check "the session signed out on B is no longer valid on A" "A answers $me_a" [ "$me_a" = 401 ]

# ---- 8. a process killed under a write load loses no acknowledged write --------

# Sessions for the load: the write quota allows ACCESS_WRITE_LIMIT (120)
# writes per session in 10 minutes; each session here sends at most 100.
write_sessions=6
per_session=100
writes=$((write_sessions * per_session))
s=$(sign_up "$a" schrijver@example.nl)
check "a writer signs up through A" "status $s" [ "$s" = 201 ]
: >"$tmp/sessions"
for i in $(seq 1 "$write_sessions"); do
    t=$(sign_in "$a" "$tmp/w$i.jar" schrijver@example.nl)
    [ -z "$t" ] || echo "$(jar_session "$tmp/w$i.jar") $t" >>"$tmp/sessions"
done
check "the writer signs in $write_sessions times (a session each)" "$(wc -l <"$tmp/sessions") sessions" \
    [ "$(wc -l <"$tmp/sessions")" -eq "$write_sessions" ]
audit_writes() {
    "$PG_BIN/psql" "$db_url" -XAtq -c "SELECT count(*) FROM audit_log WHERE action = 'session.capacity'"
}
before=$(audit_writes)
# nginx passes Host without its port ($host), so the servers see their
# origin as http://127.0.0.1.
SCALE_SESSIONS="$tmp/sessions" SCALE_THREADS=2 SCALE_PER_SESSION=$per_session \
    SCALE_ACKS="$tmp/acks" SCALE_ORIGIN=http://127.0.0.1 SCALE_DELAY_MS=20 \
    wrk -t2 -c4 -d10s --timeout 5s -s "$here/writes.lua" "$lb/" >"$tmp/wrk-writes.out" 2>&1 &
wrk_pid=$!
# Kill A once about a third of the writes are in (at most 30 s).
at_kill=0
for _ in $(seq 1 300); do
    at_kill=$(($(audit_writes) - before))
    [ "$at_kill" -lt $((writes / 3)) ] || break
    kill -0 "$wrk_pid" 2>/dev/null || break
    sleep 0.1
done
kill -KILL "${pid[A]}"
wait "${pid[A]}" 2>/dev/null
a_status=$?
wait "$wrk_pid"
wrk_pid=""
sed 's/^/# wrk: /' "$tmp/wrk-writes.out"
sed 's/^/# wrk write statuses: /' "$tmp/acks.status" 2>/dev/null
check "wrk ran the write load through nginx" "$(tail -n 3 "$tmp/wrk-writes.out")" \
    grep -q '^Requests/sec:' "$tmp/wrk-writes.out"
check "A was killed by SIGKILL while the writes went on ($at_kill of $writes in)" \
    "wait status $a_status, $at_kill writes in at the kill" \
    [ "$a_status" -eq 137 -a "$at_kill" -ge 1 -a "$at_kill" -lt "$writes" ]
acked=$(grep -c . "$tmp/acks" 2>/dev/null)
acked=${acked:-0}
rows=$(($(audit_writes) - before))
check "writes were acknowledged after the kill too (B carried on)" "$acked acknowledged, $at_kill in at the kill" \
    [ "$acked" -gt "$at_kill" ]
refused=$(awk '$1 == 429 { print $2 }' "$tmp/acks.status" 2>/dev/null)
check "no write hit the write quota (429)" "${refused:-0} answered 429" [ -z "$refused" ]
"$PG_BIN/psql" "$db_url" -XAtq -c "SELECT request_id FROM audit_log WHERE action = 'session.capacity'" |
    sort >"$tmp/audit-ids"
missing=$(sort "$tmp/acks" | uniq | comm -23 - "$tmp/audit-ids" | wc -l)
sent=$(awk '$1 == "sent" { print $2 }' "$tmp/acks.status" 2>/dev/null)
# PUT is idempotent: nginx passes a PUT that A did not answer on to B
# (proxy_next_upstream), so a write that A committed before it died may be
# made again on B. Each such retry is an [error] line about A in nginx's log.
retried=$(grep -F '[error]' "$tmp/nginx/logs/error.log" | grep -F "//127.0.0.1:$old_a/" |
    grep -cF '"PUT /api/v1/me/capacity' || true)
echo "# $acked writes acknowledged, $rows rows in audit_log, ${sent:-?} writes sent;" \
    "nginx passed $retried cut-off writes on to B"
check "every acknowledged write is in PostgreSQL ($acked acknowledged, $rows rows)" \
    "$missing acknowledged writes have no audit_log row: $(sort "$tmp/acks" | comm -23 - "$tmp/audit-ids" | head -n 3 | tr '\n' ' ')" \
    [ "$missing" -eq 0 -a "$acked" -ge 1 ]
check "no more rows than writes sent plus nginx's retries on B" \
    "$rows rows, ${sent:-no count of} writes sent, $retried retried" [ "$rows" -le $((${sent:-0} + retried)) ]
restarted=false
for _ in $(seq 1 20); do
    if start_server A "$old_a"; then restarted=true; break; fi
    sleep 0.5
done
check "A starts again on its old port after the write load" "$(tail -n 5 "${log[A]}")" $restarted

# ---- nginx's view ------------------------------------------------------------

grep -E ' \[(emerg|alert|crit)\] ' "$tmp/nginx/logs/error.log" >"$tmp/nginx/bad.log" 2>/dev/null
check "nginx logged no emergency, alert or critical error" "$(cat "$tmp/nginx/bad.log")" \
    [ ! -s "$tmp/nginx/bad.log" ]

# Last: both stop cleanly on SIGTERM (under ASan this also catches leaks).
for s in A B; do
    kill -TERM "${pid[$s]}"
    for _ in $(seq 1 100); do
        kill -0 "${pid[$s]}" 2>/dev/null || break
        sleep 0.1
    done
    if kill -0 "${pid[$s]}" 2>/dev/null; then
        not_ok "$s stops on SIGTERM with exit status 0" "still running after 10 s"
        continue
    fi
    wait "${pid[$s]}"
    rc=$?
    pid[$s]=""
    check "$s stops on SIGTERM with exit status 0" "exit $rc: $(tail -n 5 "${log[$s]}")" [ "$rc" -eq 0 ]
done

[ "$n" -eq "$plan" ] || echo "# ran $n tests; the plan says $plan"
[ "$failures" -eq 0 ]
