#!/usr/bin/env bash
# The transition monitor at scale (issue 10): generates the synthetic
# history of tier M (500 buurten) and tier L (14,800 buurten, about the
# whole country) into fresh databases (`wijkregie demo --scale`, timed
# too), then times computing every indicator of every area from scratch
# with `wijkregie monitor run --full`, in its own process after the
# generation, with its wall clock, CPU time and peak memory.
# Goals: <= 5 s for M, <= 60 s for L on a 2-core machine.
#
# usage: bench/monitor_compute.sh BUILD_DIR [TIERS] [sqlite|postgresql] [SEED]
#        (defaults: M,L sqlite 1; TIERS is a comma-separated list of S, M, L)
# A release build measures what production would see (meson setup DIR
# --buildtype=release). PostgreSQL runs on a throw-away cluster
# (scripts/pg.sh, as bench/lib.sh), after VACUUM ANALYZE, which autovacuum
# would do after such a bulk load. On a shared machine the wall clock also
# measures the neighbours: the report says how busy the CPUs were first.
# When the build has no `monitor run` yet, only the generation is timed
# and the report says so. Exit status 0 when everything was measured, 3
# when the monitor was missing, 2 when the benchmark could not run. A copy
# of the report goes to bench/results/.
set -euo pipefail

bench_dir=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=bench/lib.sh
. "$bench_dir/lib.sh"

if [ $# -lt 1 ] || [ $# -gt 4 ]; then
    echo "usage: $0 BUILD_DIR [TIERS] [sqlite|postgresql] [SEED]" >&2
    exit 2
fi
bin=$(bench_binary "$1")
tiers=${2:-M,L}
which=${3:-sqlite}
seed=${4:-1}
[[ "$tiers" =~ ^[SML](,[SML])*$ ]] || die "TIERS is a comma-separated list of S, M and L"
[ "$which" = sqlite ] || [ "$which" = postgresql ] || die "the database is sqlite or postgresql"
[[ "$seed" =~ ^[0-9]+$ ]] || die "SEED is a whole number"
[ -x /usr/bin/time ] || die "/usr/bin/time is missing: apt-get install time"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-monitor.XXXXXX")
cleanup() { bench_pg_stop; rm -rf "$tmp"; }
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

mkdir -p "$bench_dir/results"
report="$bench_dir/results/$(date -u +%Y%m%dT%H%M%SZ)-monitor.txt"
exec > >(tee "$report")

has_monitor=true
"$bin" monitor run --help >/dev/null 2>&1 || has_monitor=false

# Runs the rest of the line under /usr/bin/time and prints one line:
# "<label>: wall S s, cpu S s, peak MiB" (the command's output goes to
# $tmp/out, its errors to $tmp/err).
timed() {
    local label=$1
    shift
    /usr/bin/time -f '%e %U %S %M' -o "$tmp/time" "$@" >"$tmp/out" 2>"$tmp/err" ||
        { cat "$tmp/err" >&2; die "$label failed: $*"; }
    awk -v l="$label" '{ printf "%s: wall %.2f s, cpu %.2f s, peak %.0f MiB\n", l, $1, $2 + $3, $4 / 1024 }' "$tmp/time"
}

# The database of tier $1: a SQLite file, or a fresh PostgreSQL database.
database_for() {
    if [ "$which" = sqlite ]; then
        echo "$tmp/$1.db"
    else
        "$bench_dir/../scripts/pg.sh" newdb "$bench_pg_dir" "tier_${1,,}"
    fi
}

measure() {
    local tier=$1 db
    db=$(database_for "$tier")
    echo "## tier $tier"
    timed "generate (demo --scale $tier --seed $seed)" "$bin" demo --scale "$tier" --seed "$seed" --db "$db"
    sed 's/^/    /' "$tmp/out"
    if [ "$which" = sqlite ]; then
        echo "    database file: $(du -m "$db" | cut -f1) MiB"
    else
        psql -q "$db" -c 'VACUUM ANALYZE'
    fi
    if $has_monitor; then
        timed "monitor run --full" "$bin" monitor run --full --db "$db"
        tail -n 3 "$tmp/out" | sed 's/^/    /'
    fi
}

echo "# bench/monitor_compute.sh $tiers $which seed $seed: $(nproc) cores, $(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo), $(date -u +%FT%TZ)"
echo "# CPUs busy before the run: $(bench_busy); load $(cut -d' ' -f1-3 /proc/loadavg)"
if [ "$which" = postgresql ]; then
    need psql postgresql-client
    bench_pg_start "$tmp"
    echo "# $(bench_pg_version)"
else
    echo "# SQLite $(sqlite3 --version 2>/dev/null | cut -d' ' -f1 || echo '?')"
fi
$has_monitor || echo "# this build has no 'wijkregie monitor run': only the generation is timed"
IFS=, read -r -a list <<<"$tiers"
for t in "${list[@]}"; do
    measure "$t"
done
echo "# goals: monitor run --full <= 5 s for M, <= 60 s for L"
echo "# report: $report"
$has_monitor || exit 3
