#!/usr/bin/env bash
# Runs bench/run.sh N times in a row and prints each run's figures and the
# medians: one run on a shared 2-core machine can be off by a quarter, so a
# figure for the docs is the median of several.
#
# usage: bench/median.sh BUILD_DIR [N]     (N runs, default 5; odd is best)
# The environment of bench/run.sh applies to every run. Exit status 0 when
# every run measured, 2 when one could not. Each run's report is kept in
# bench/results/ as usual.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 BUILD_DIR [N]" >&2; exit 2; }
runs=${2:-5}
[[ "$runs" =~ ^[1-9][0-9]*$ ]] || { echo "bench: N must be a positive number" >&2; exit 2; }

# The value after "label" in a run.sh report line that starts with label.
field() { awk -v l="$2" 'index($0, l) == 1 { print $(NF - 3) }' <<<"$1"; }

# The median of the numbers on stdin, one per line.
median() { sort -g | awk '{ v[NR] = $1 } END { if (NR % 2) print v[(NR + 1) / 2]; else printf "%.2f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

wijk=() nginx=() ratio=() busy=()
printf '%-4s %14s %14s %7s %6s\n' run wijkregie nginx ratio busy
for i in $(seq 1 "$runs"); do
    out=$("$here/run.sh" "$1" 2>/dev/null) || { echo "bench: run $i failed" >&2; exit 2; }
    w=$(field "$out" "wijkregie /areas/")
    n=$(field "$out" "nginx, the same bytes")
    r=$(awk '/^ratio wijkregie\/nginx:/ { print $3 }' <<<"$out")
    b=$(sed -n 's/.*CPUs \([0-9]*%\) busy before the run.*/\1/p' <<<"$out")
    wijk+=("$w") nginx+=("$n") ratio+=("$r") busy+=("$b")
    printf '%-4s %14s %14s %7s %6s\n' "$i" "$w" "$n" "$r" "$b"
done
printf '%-4s %14s %14s %7s\n' median "$(printf '%s\n' "${wijk[@]}" | median)" \
    "$(printf '%s\n' "${nginx[@]}" | median)" "$(printf '%s\n' "${ratio[@]}" | median)"
