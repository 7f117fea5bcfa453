#!/usr/bin/env bash
# Replays each fuzz target's corpus (tests/fuzz/corpus/<target>/) and then
# fuzzes it for a bounded time into a scratch copy, so the repository's
# corpus only changes by hand. A crash leaves its input in the scratch
# folder, named in the output: add it to the corpus as a regression test.
# Usage: tests/fuzz/run.sh BUILD_DIR SECONDS     (prints TAP)
set -uo pipefail
build=$1
seconds=${2:-20}
here=$(cd "$(dirname "$0")" && pwd)
targets=("$build"/tests/fuzz/*_fuzz)
if [ ! -x "${targets[0]}" ]; then
    echo "1..1"; echo "not ok 1 - no fuzz targets built in $build"; exit 1
fi
echo "1..$(( ${#targets[@]} * 2 ))"
n=0
status=0
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
for t in "${targets[@]}"; do
    name=$(basename "$t" _fuzz)
    corpus="$here/corpus/$name"
    n=$((n + 1))
    if [ -d "$corpus" ] && "$t" -runs=0 "$corpus" >"$scratch/$name.replay.log" 2>&1; then
        echo "ok $n - $name: corpus replays cleanly ($(ls "$corpus" | wc -l) inputs)"
    else
        echo "not ok $n - $name: corpus replay"; sed 's/^/# /' "$scratch/$name.replay.log" | tail -n 30
        status=1
    fi
    n=$((n + 1))
    mkdir -p "$scratch/$name" "$scratch/$name-crashes"
    cp -r "$corpus"/. "$scratch/$name"/ 2>/dev/null
    if "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
        -artifact_prefix="$scratch/$name-crashes/" "$scratch/$name" >"$scratch/$name.log" 2>&1; then
        runs=$(grep -o 'Done [0-9]* runs' "$scratch/$name.log" | tail -n 1)
        echo "ok $n - $name: fuzzed ${seconds}s without a finding (${runs:-done})"
    else
        echo "not ok $n - $name: fuzzing found a failure"; sed 's/^/# /' "$scratch/$name.log" | tail -n 40
        for c in "$scratch/$name-crashes"/*; do
            [ -f "$c" ] && echo "# crash input (base64): $(base64 -w0 "$c" | head -c 2000)"
        done
        status=1
    fi
done
exit $status
