#!/usr/bin/env bash
# Matching and the practice library at scale (issue 9): generates 100,000
# persons with skills and 10,000 evaluated initiatives with practices into a
# fresh database (`wijkregie demo --match-data`), then times RUNS matches of
# one skill need (carpentry, 8 hours a month, as its initiator) and RUNS
# full-text searches of the library, in-process around the model call
# (query and ranking, no HTTP), and prints the medians -- wall clock and the
# process's CPU time, since on a shared 2-core machine the wall clock also
# measures the neighbours. Goals: <= 50 ms a match, <= 20 ms a search.
#
# usage: bench/match.sh BUILD_DIR [sqlite|postgresql|both] [RUNS] [PERSONS,PRACTICES]
#        (defaults: sqlite, 31 runs, 100000,10000)
# PostgreSQL runs on a throw-away cluster (scripts/pg.sh, as bench/lib.sh).
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$bench_dir/lib.sh"

[ $# -ge 1 ] && [ $# -le 4 ] ||
    { echo "usage: $0 BUILD_DIR [sqlite|postgresql|both] [RUNS] [PERSONS,PRACTICES]" >&2; exit 2; }
bin="$1/src/wijkregie"
which=${2:-sqlite}
runs=${3:-31}
counts=${4:-100000,10000}
[ -x "$bin" ] || die "no $bin: build first (ninja -C $1)"
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || die "RUNS must be a positive number"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-match.XXXXXX")
cleanup() { bench_pg_stop; rm -rf "$tmp"; }
trap cleanup EXIT

# Generates the data into database $1, lets PostgreSQL's statistics and
# visibility map catch up with the bulk load (what autovacuum does in
# production; psql), then measures with a second, empty generation, which
# only adds a new skill need to match for, and prints the report lines.
measure() {
    "$bin" demo --db "$1" --match-data "$counts" 2>"$tmp/log" | grep -E '^match data:' ||
        { cat "$tmp/log" >&2; die "wijkregie demo --match-data failed"; }
    case "$1" in
    postgresql://*) need psql postgresql-client; psql -q "$1" -c 'VACUUM ANALYZE' ;;
    esac
    "$bin" demo --db "$1" --match-data 0,0 --match-bench "$runs" 2>"$tmp/log" |
        grep -E '^(match|search):' ||
        { cat "$tmp/log" >&2; die "wijkregie demo --match-bench failed"; }
}

echo "# bench/match.sh $which $runs $counts on $(nproc) cores, $(date -u +%FT%TZ), load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$which" = sqlite ] || [ "$which" = both ]; then
    echo "## SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
    measure "$tmp/match.db"
fi
if [ "$which" = postgresql ] || [ "$which" = both ]; then
    bench_pg_start "$tmp"
    echo "## $(bench_pg_version)"
    measure "$bench_db"
fi
