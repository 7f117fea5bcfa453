#!/usr/bin/env bash
# Installs what is missing, builds, and runs every test suite:
#   0. a throw-away PostgreSQL cluster on loopback (scripts/pg.sh)
#   1. unit, API and CLI tests on a hardened release build (warnings are errors);
#      the API suite once on SQLite and once on PostgreSQL
#      and the scale-out test (two servers on PostgreSQL behind nginx)
#      and the read-replica test (a pg_basebackup streaming replica)
#      and the fault harnesses of tests/fault/ (hardening, backup and restore,
#      disk full, crash safety on SQLite and PostgreSQL, slow clients)
#   2. the i18n catalog check
#   3. unit, API and CLI tests again under AddressSanitizer + UndefinedBehaviorSanitizer;
#      the bad-input harness (tests/fault/hostile.py) against that server;
#      then the logs check over every API server log of steps 1 and 3
#   4. libFuzzer targets: corpus replay and a bounded fuzzing run each
#   5. browser tests (playwright-core driving Debian's chromium, axe-core)
# and ends with the line "N passed, N failed". Exit status 0 only when
# nothing failed.
# Environment: FUZZ_SECONDS (default 20) bounds each fuzzing run (the
# targets run two or more at a time, FUZZ_JOBS); FAULT_LONG=1 runs the long
# variants of the fault harnesses.
set -uo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

scripts/deps.sh test || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0
summary=()

skipped=0

# Every API test program copies its server's log here (tests/api/harness.c);
# the logs suite then checks that none holds a password, token or address.
WIJKREGIE_LOG_DIR=$(mktemp -d /tmp/wijkregie-logs.XXXXXX)
export WIJKREGIE_LOG_DIR

fail_step() {
    failed=$((failed + 1))
    summary+=("$(printf '%-34s %5d passed %5d failed %3d skipped' "$1" 0 1 0)")
}

# Adds the COUNT line of a testrun.py run to the totals.
tally() {
    local label=$1 out=$2 line p f s
    line=$(grep '^COUNT ' "$out" | tail -n 1)
    if [ -z "$line" ]; then p=0; f=1; s=0; else read -r _ p f s <<<"$line"; fi
    passed=$((passed + p)); failed=$((failed + f)); skipped=$((skipped + s))
    summary+=("$(printf '%-34s %5d passed %5d failed %3d skipped' "$label" "$p" "$f" "$s")")
}

# A build step that fails counts as one failed test and skips its suites.
build() {
    local dir=$1; shift
    if [ ! -f "$dir/build.ninja" ]; then
        meson setup "$dir" "$@" >"$dir.setup.log" 2>&1 || { cat "$dir.setup.log"; return 1; }
    fi
    ninja -C "$dir" >"$dir.build.log" 2>&1 || { tail -n 60 "$dir.build.log"; return 1; }
}

suite() {
    local label=$1; shift
    local out
    out=$(mktemp)
    echo "== $label"
    python3 tools/testrun.py "$@" | tee "$out" | grep -v '^COUNT '
    tally "$label" "$out"
    rm -f "$out"
}


# A throw-away PostgreSQL cluster on loopback for the PostgreSQL driver's
# unit tests and the API suite on PostgreSQL; stopped and removed at exit.
pgdir=$(mktemp -d /tmp/wijkregie-pg.XXXXXX)
chmod 755 "$pgdir"
stop_pg() { scripts/pg.sh stop "$pgdir" >/dev/null 2>&1; rm -rf "$pgdir"; }
trap stop_pg EXIT
if WIJKREGIE_TEST_PG_URL=$(scripts/pg.sh start "$pgdir" 2>"$pgdir.log"); then
    export WIJKREGIE_TEST_PG_URL
else
    cat "$pgdir.log"
    unset WIJKREGIE_TEST_PG_URL
    fail_step "postgresql cluster start"
fi
rm -f "$pgdir.log"

# The API suite on PostgreSQL: each test program gets a fresh database.
api_on_pg() {
    [ -n "${WIJKREGIE_TEST_PG_URL:-}" ] || return 0
    WIJKREGIE_FRESH_DB_CMD="scripts/pg.sh newdb $pgdir" suite "$1" meson "$2" api
}

# 1. Hardened release build, warnings as errors.
if build build-release --buildtype=release -Dwerror=true; then
    suite "unit (release)" meson build-release unit
    suite "api on sqlite (release)" meson build-release api
    api_on_pg "api on postgresql (release)" build-release
    suite "cli (release)" cmd cli -- bash tests/cli/cli_test.sh build-release/src/wijkregie
    suite "scale-out (release)" cmd scale -- bash tests/scale/run.sh build-release/src/wijkregie
    suite "read replica (release)" cmd replica -- bash tests/scale/replica.sh build-release/src/wijkregie
    suite "hardening (release)" cmd hardening -- bash tests/fault/hardening.sh build-release/src/wijkregie
    suite "backup and restore (release)" cmd restore -- python3 tests/fault/restore.py build-release/src/wijkregie
    suite "disk full (release)" cmd diskfull -- python3 tests/fault/diskfull.py build-release/src/wijkregie \
        ${WIJKREGIE_TEST_PG_URL:+--pg-admin-url "$WIJKREGIE_TEST_PG_URL"}
    suite "crash safety on sqlite (release)" cmd crash -- python3 tests/fault/crash.py build-release/src/wijkregie
    if [ -n "${WIJKREGIE_TEST_PG_URL:-}" ]; then
        suite "crash safety on postgresql (release)" cmd crash-pg -- python3 tests/fault/crash.py \
            build-release/src/wijkregie --db "$(scripts/pg.sh newdb "$pgdir" crash_safety)"
    fi
    suite "slow clients (release)" cmd slow -- python3 tests/fault/slow.py build-release/src/wijkregie
else
    fail_step "release build"
fi

# 2. Message catalogs complete for every message in the code.
suite "i18n catalogs" cmd i18n -- bash tests/i18n_check.sh

# 3. The same suites under ASan + UBSan.
export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:strict_string_checks=1
export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
if build build-asan -Db_sanitize=address,undefined -Db_lundef=false -Dwerror=true; then
    suite "unit (asan+ubsan)" meson build-asan unit
    suite "api on sqlite (asan+ubsan)" meson build-asan api
    api_on_pg "api on postgresql (asan+ubsan)" build-asan
    suite "cli (asan+ubsan)" cmd cli -- bash tests/cli/cli_test.sh build-asan/src/wijkregie
    suite "hostile input (asan+ubsan)" cmd hostile -- python3 tests/fault/hostile.py \
        build-asan/src/wijkregie
else
    fail_step "asan build"
fi

# The logs of every API run above, and the sign-in and denial lines.
if [ -x build-release/src/wijkregie ]; then
    suite "logs (release)" cmd logs -- python3 tests/fault/logs.py build-release/src/wijkregie \
        --scan "$WIJKREGIE_LOG_DIR"
fi
rm -rf "$WIJKREGIE_LOG_DIR"
unset WIJKREGIE_LOG_DIR

# 4. Fuzz targets: replay the corpus in the repository, then fuzz for a
#    bounded time into a scratch corpus.
if CC=clang build build-fuzz -Dfuzz=true -Dtests=false -Db_lundef=false; then
    suite "fuzz" cmd fuzz -- bash tests/fuzz/run.sh build-fuzz "${FUZZ_SECONDS:-20}"
else
    fail_step "fuzz build"
fi
unset ASAN_OPTIONS UBSAN_OPTIONS

# 5. Browser tests against the release build.
if [ -x build-release/src/wijkregie ]; then
    suite "browser" cmd browser -- bash tests/browser/run.sh "$root/build-release"
    # The HSDS 3 export and API validated with ajv against the real schemas.
    suite "hsds export (ajv)" cmd hsds -- bash tests/hsds/run.sh build-release/src/wijkregie
else
    fail_step "browser (no binary)"
fi

echo
printf '%s\n' "${summary[@]}"
# Skipped tests (one that only applies to the other database) are counted
# on a line of their own: the last line stays exactly "N passed, N failed".
if [ "$skipped" -gt 0 ]; then
    echo "$skipped skipped"
fi
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
