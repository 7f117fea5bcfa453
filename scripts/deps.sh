#!/usr/bin/env bash
# Installs what Wijkregie needs on Debian 12, and nothing that is already
# there. Usage: scripts/deps.sh [run|test]
#   run  : build tools and libraries (enough to build and serve)
#   test : also the test tools: cmocka, libcurl, clang (libFuzzer), chromium,
#          node and npm, gettext, nginx and wrk (benchmarks), PostgreSQL,
#          devscripts (hardening-check), slowhttptest (tests/fault/slow.py),
#          wfuzz (its injection word lists, tests/fault/hostile.py).
set -euo pipefail

run_pkgs=(meson ninja-build pkg-config gcc libc6-dev python3
          libmicrohttpd-dev libsqlite3-dev libjansson-dev libsodium-dev libpq-dev)
test_pkgs=(libcmocka-dev libcurl4-openssl-dev clang libclang-rt-14-dev
           chromium gettext nginx-light wrk postgresql sqlite3 procps curl devscripts slowhttptest wfuzz)

want=("${run_pkgs[@]}")
if [ "${1:-run}" = test ]; then
    want+=("${test_pkgs[@]}")
fi

missing=()
for p in "${want[@]}"; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
        missing+=("$p")
    fi
done

# Node.js may come from another source than Debian (its npm then ships
# inside the nodejs package): ask for the commands, not the package names.
if [ "${1:-run}" = test ]; then
    command -v node >/dev/null 2>&1 || missing+=(nodejs)
    command -v npm >/dev/null 2>&1 || missing+=(npm)
fi

if [ ${#missing[@]} -gt 0 ]; then
    echo "installing: ${missing[*]}" >&2
    sudo=""
    [ "$(id -u)" -eq 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends \
        "${missing[@]}" >/dev/null
fi
