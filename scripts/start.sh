#!/usr/bin/env bash
# Installs what is missing, builds Wijkregie, seeds the demo neighbourhood
# into ./wijkregie.db (once; running again keeps your data) and serves it on
# http://127.0.0.1:8080. Stop it with Ctrl-C.
# Environment: WIJKREGIE_DB (database, default ./wijkregie.db), PORT (8080).
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/deps.sh run
if [ ! -f build/build.ninja ]; then
    meson setup build --buildtype=release >/dev/null
fi
ninja -C build >/dev/null

db=${WIJKREGIE_DB:-$(pwd)/wijkregie.db}
build/src/wijkregie demo --db "$db"
echo "Wijkregie is running on http://127.0.0.1:${PORT:-8080}/ (Ctrl-C stops it)"
exec build/src/wijkregie serve --db "$db" --port "${PORT:-8080}"
