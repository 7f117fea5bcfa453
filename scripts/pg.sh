#!/usr/bin/env bash
# Throw-away PostgreSQL clusters for tests, on Debian's PostgreSQL 15.
#
#   scripts/pg.sh start DIR       creates a cluster in DIR (DIR/data), starts it
#                                 on 127.0.0.1 at a free port from 55432 upward,
#                                 creates the database wijkregie_test and prints
#                                 its URL: postgresql://postgres@127.0.0.1:PORT/wijkregie_test
#   scripts/pg.sh stop DIR        stops the cluster (DIR stays; rm -rf it after)
#   scripts/pg.sh newdb DIR NAME  creates the database NAME and prints its URL
#   scripts/pg.sh url DIR [NAME]  prints the URL of NAME (default wijkregie_test)
#   scripts/pg.sh replica PRIMARY_DIR REPLICA_DIR
#                                 makes a streaming replica of the running
#                                 cluster in PRIMARY_DIR with pg_basebackup -R
#                                 over loopback, starts it as a hot standby on
#                                 a free port and prints its URL (stop it with
#                                 `stop REPLICA_DIR`)
#
# The cluster trusts every connection from loopback (and its Unix socket,
# which lives in DIR), replication connections from loopback too, listens on
# 127.0.0.1 only and runs with fsync off: it
# is for tests, never for data that matters. It uses the C locale, so text
# sorts by bytes as in SQLite, and English server messages. Run as root, the
# server runs as the `postgres` system user (PostgreSQL refuses root) and DIR
# is given to it. Only the URL goes to stdout; progress goes to stderr.
# Environment: PG_BIN (default /usr/lib/postgresql/15/bin), PG_FIRST_PORT
# (default 55432).
set -euo pipefail

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
FIRST_PORT=${PG_FIRST_PORT:-55432}
LAST_PORT=$((FIRST_PORT + 200))
DEFAULT_DB=wijkregie_test

usage() {
    sed -n '2,16p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 64
}

die() {
    echo "pg.sh: $*" >&2
    exit 1
}

# Runs a server-side program as the cluster's owner: postgres when we are
# root, ourselves otherwise.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# True when something accepts TCP connections on 127.0.0.1:$1.
port_taken() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

url_of() {
    echo "postgresql://postgres@127.0.0.1:$1/$2"
}

port_of() {
    [ -f "$1/port" ] || die "no cluster in $1 (no $1/port); run: $0 start $1"
    cat "$1/port"
}

# Creates database $2 in the cluster listening on port $1.
create_db() {
    "$PG_BIN/createdb" -h 127.0.0.1 -p "$1" -U postgres -E UTF8 -T template0 "$2" >&2 ||
        die "createdb $2 failed"
}

write_config() {
    local data=$1 sock=$2
    cat >>"$data/postgresql.conf" <<EOF

# scripts/pg.sh: a throw-away test cluster
listen_addresses = '127.0.0.1'
unix_socket_directories = '$sock'
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
log_min_messages = warning
log_line_prefix = '%m [%p] %d '
# for pg.sh replica: streaming replicas on loopback (the defaults, stated)
wal_level = replica
max_wal_senders = 10
hot_standby = on
EOF
    cat >"$data/pg_hba.conf" <<EOF
# scripts/pg.sh: trust on the Unix socket and on loopback only.
local all all trust
host  all all 127.0.0.1/32 trust
host  replication all 127.0.0.1/32 trust
EOF
}

# Starts the server in $1 on the first free port; prints the port.
start_server() {
    local dir=$1 port
    for ((port = FIRST_PORT; port <= LAST_PORT; port++)); do
        port_taken "$port" && continue
        if as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
            -o "-p $port" start >&2; then
            echo "$port"
            return 0
        fi
        # Someone took the port between our look and the start: try the next.
        grep -q "could not bind\|already in use" "$dir/server.log" 2>/dev/null ||
            die "the server did not start; see $dir/server.log"
    done
    die "no free port from $FIRST_PORT to $LAST_PORT"
}

cmd_start() {
    local dir=$1
    [ -x "$PG_BIN/initdb" ] || die "$PG_BIN/initdb not found (apt-get install postgresql)"
    [ ! -e "$dir/data" ] || die "$dir/data exists already"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_owner "$PG_BIN/initdb" -D "$dir/data" -U postgres -E UTF8 --locale=C \
        --auth-local=trust --auth-host=trust >"$dir/initdb.log" 2>&1 ||
        { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    write_config "$dir/data" "$dir"
    local port
    port=$(start_server "$dir")
    echo "$port" >"$dir/port"
    create_db "$port" "$DEFAULT_DB"
    url_of "$port" "$DEFAULT_DB"
}

cmd_stop() {
    local dir=$1
    [ -d "$dir/data" ] || die "no cluster in $dir"
    as_owner "$PG_BIN/pg_ctl" -D "$dir/data" -m fast -w stop >&2
}

cmd_newdb() {
    local port
    port=$(port_of "$1")
    [[ $2 =~ ^[a-z_][a-z0-9_]*$ ]] || die "database names here are [a-z_][a-z0-9_]*: $2"
    create_db "$port" "$2"
    url_of "$port" "$2"
}

# A hot standby of the cluster in $1, made in $2 (see the top).
cmd_replica() {
    local primary=$1 dir=$2 pport port
    pport=$(port_of "$primary")
    [ ! -e "$dir/data" ] || die "$dir/data exists already"
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    [ "$(id -u)" -ne 0 ] || chown postgres: "$dir"
    as_owner "$PG_BIN/pg_basebackup" -h 127.0.0.1 -p "$pport" -U postgres -D "$dir/data" \
        -R -X stream -c fast >"$dir/basebackup.log" 2>&1 ||
        { cat "$dir/basebackup.log" >&2; die "pg_basebackup failed"; }
    # Its own socket folder; the rest of the configuration is the primary's.
    echo "unix_socket_directories = '$dir'" >>"$dir/data/postgresql.conf"
    port=$(start_server "$dir")
    echo "$port" >"$dir/port"
    url_of "$port" "$DEFAULT_DB"
}

[ $# -ge 2 ] || usage
case $1 in
start) [ $# -eq 2 ] || usage; cmd_start "$2" ;;
stop) [ $# -eq 2 ] || usage; cmd_stop "$2" ;;
newdb) [ $# -eq 3 ] || usage; cmd_newdb "$2" "$3" ;;
url) [ $# -le 3 ] || usage; url_of "$(port_of "$2")" "${3:-$DEFAULT_DB}" ;;
replica) [ $# -eq 3 ] || usage; cmd_replica "$2" "$3" ;;
*) usage ;;
esac
