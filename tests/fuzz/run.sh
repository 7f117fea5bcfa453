#!/usr/bin/env bash
# Replays each fuzz target's corpus (tests/fuzz/corpus/<target>/) and then
# fuzzes it for a bounded time into a scratch copy, so the repository's
# corpus only changes by hand. A crash leaves its input in the scratch
# folder, named in the output: add it to the corpus as a regression test.
# Targets run FUZZ_JOBS at a time (default: the number of cores, at most 4);
# each is one process, so the wall time is about
#   ceil(targets / jobs) * SECONDS.
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS     (prints TAP)
set -uo pipefail
build=$1
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
jobs=${FUZZ_JOBS:-$(nproc 2>/dev/null || echo 1)}
[ "$jobs" -gt 4 ] && jobs=4
targets=("$build"/tests/fuzz/*_fuzz)
if [ ! -x "${targets[0]}" ]; then
    echo "1..1"; echo "not ok 1 - no fuzz targets built in $build"; exit 1
fi
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

# Writes the two results of one target to $scratch/NAME.tap as
# "ok|not ok<TAB>description" lines, with any diagnostics after each.
run_target() {
    local t=$1 name corpus out
    name=$(basename "$t" _fuzz)
    corpus="$here/corpus/$name"
    out="$scratch/$name.tap"
    if [ -d "$corpus" ] && "$t" -runs=0 "$corpus" >"$scratch/$name.replay.log" 2>&1; then
        printf 'ok\t%s: corpus replays cleanly (%s inputs)\n' "$name" "$(ls "$corpus" | wc -l)" >"$out"
    else
        printf 'not ok\t%s: corpus replay\n' "$name" >"$out"
        sed 's/^/# /' "$scratch/$name.replay.log" | tail -n 30 >>"$out"
    fi
    mkdir -p "$scratch/$name" "$scratch/$name-crashes"
    cp -r "$corpus"/. "$scratch/$name"/ 2>/dev/null
    if "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$scratch/$name-crashes/" "$scratch/$name" >"$scratch/$name.log" 2>&1; then
        local runs
        runs=$(grep -o 'Done [0-9]* runs' "$scratch/$name.log" | tail -n 1)
        printf 'ok\t%s: fuzzed %ss without a finding (%s)\n' "$name" "$seconds" "${runs:-done}" >>"$out"
    else
        printf 'not ok\t%s: fuzzing found a failure\n' "$name" >>"$out"
        sed 's/^/# /' "$scratch/$name.log" | tail -n 40 >>"$out"
        for c in "$scratch/$name-crashes"/*; do
            [ -f "$c" ] && echo "# crash input (base64): $(base64 -w0 "$c" | head -c 2000)" >>"$out"
        done
    fi
}

running=0
for t in "${targets[@]}"; do
    if [ "$running" -ge "$jobs" ]; then
        wait -n
        running=$((running - 1))
    fi
    run_target "$t" &
    running=$((running + 1))
done
wait

echo "1..$(( ${#targets[@]} * 2 ))"
n=0
status=0
for t in "${targets[@]}"; do
    name=$(basename "$t" _fuzz)
    while IFS= read -r line; do
        case "$line" in
            "ok"$'\t'*) n=$((n + 1)); echo "ok $n - ${line#ok$'\t'}" ;;
            "not ok"$'\t'*) n=$((n + 1)); status=1; echo "not ok $n - ${line#not ok$'\t'}" ;;
            *) echo "$line" ;;
        esac
    done <"$scratch/$name.tap"
done
exit $status
