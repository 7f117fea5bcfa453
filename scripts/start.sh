#!/usr/bin/env bash
# Installs what is missing, builds Wijkregie, seeds the demo neighbourhood
# into ./wijkregie.db (once; running again keeps your data) and serves it on
# http://127.0.0.1:8080. Stop it with Ctrl-C.
# On a new database file it also makes the demo people (residents, admins, a
# professional, a collective, initiatives) and a platform admin, all with
# one random password, and prints their sign-ins and that password once.
# Before serving it brings the transition monitor's figures up to date.
# Environment: WIJKREGIE_DB (database, default ./wijkregie.db), PORT (8080).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh run
if [ ! -f build/build.ninja ]; then
    meson setup build --buildtype=release >/dev/null
fi
ninja -C build >/dev/null

db=${WIJKREGIE_DB:-$(pwd)/wijkregie.db}
case $db in
postgres://* | postgresql://*) fresh=false ;;
*) if [ -e "$db" ]; then fresh=false; else fresh=true; fi ;;
esac
if $fresh; then
    # 24 random hex characters; never stored in a file or the binary.
    password=$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" | build/src/wijkregie demo --people --password-stdin --db "$db" |
        sed '/^password of the accounts made now/d'
    printf '%s\n' "$password" | build/src/wijkregie user add beheer@example.nl \
        --name "Beheerder (demo)" --admin --password-stdin --db "$db" >/dev/null
    echo "  beheer@example.nl        Beheerder (demo)   platform admin"
    echo "password of every demo sign-in above (shown once): $password"
else
    build/src/wijkregie demo --db "$db"
fi
# The transition monitor's figures up to now (serve recomputes them nightly).
build/src/wijkregie monitor run --db "$db" >/dev/null
echo "Wijkregie is running on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops it)"
exec build/src/wijkregie serve --db "$db" --port "${PORT:-8080}"
