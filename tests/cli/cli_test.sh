#!/usr/bin/env bash
# The command line as a person uses it: help texts, exit codes, imports that
# are all or nothing, progress and messages. Prints TAP.
# Usage: tests/cli/cli_test.sh PATH/TO/wijkregie
set -uo pipefail
bin=$1
here=$(cd "$(dirname "$0")" && pwd)
data="$here/data"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0
status=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $1"; status=1; [ -f "$tmp/err" ] && sed 's/^/# /' "$tmp/err" | head -n 20; }
# check DESCRIPTION EXPECTED_EXIT COMMAND...  (stdout -> $tmp/out, stderr -> $tmp/err)
check() {
    local what=$1 want=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"
    local got=$?
    if [ "$got" -eq "$want" ]; then ok "$what"; else echo "# exit $got, wanted $want"; not_ok "$what"; fi
}
contains() { # contains DESCRIPTION FILE TEXT
    if grep -qF -- "$3" "$2"; then ok "$1"; else echo "# '$3' not in $2:"; sed 's/^/#   /' "$2" | head -n 10; not_ok "$1"; fi
}
count_areas() { sqlite3 "$1" "SELECT count(*) FROM area" 2>/dev/null || echo "?"; }

echo "1..28"
check "wijkregie --help exits 0" 0 "$bin" --help
contains "--help lists the commands" "$tmp/out" "import"
for c in init migrate serve demo; do
    check "$c --help exits 0" 0 "$bin" "$c" --help
done
check "import cbs --help exits 0" 0 "$bin" import cbs --help
check "an unknown command exits 64" 64 "$bin" frobnicate
check "an unknown option exits 64" 64 "$bin" serve --no-such-option
check "serve --port 70000 exits 64" 64 "$bin" serve --port 70000 --db "$tmp/x.db"

db="$tmp/w.db"
check "init creates a database" 0 "$bin" init --db "$db"
check "migrate on an up-to-date database exits 0" 0 "$bin" migrate --db "$db"
contains "migrate --status says up to date" "$tmp/out" "up to date"
check "demo seeds the demo gemeente" 0 "$bin" demo --db "$db"
before=$(count_areas "$db")
check "demo twice exits 0" 0 "$bin" demo --db "$db"
if [ "$(count_areas "$db")" = "$before" ] && [ "$before" != "?" ] && [ "$before" -gt 5 ]; then
    ok "demo twice leaves the same $before areas"
else
    not_ok "demo twice leaves the same areas ($before, then $(count_areas "$db"))"
fi

check "import of a missing file exits 66" 66 "$bin" import cbs "$tmp/nothere-2024.csv" --db "$db"
check "import of a broken CBS file exits 65" 65 "$bin" import cbs "$data/bad-row-2024.csv" --db "$db"
contains "the error names the line" "$tmp/err" "Line "
contains "the error names the column" "$tmp/err" "column "
if [ "$(count_areas "$db")" = "$before" ]; then ok "a broken file imports nothing"; else not_ok "a broken file imports nothing"; fi
check "import without a year in name or --year exits 65" 65 "$bin" import cbs "$data/noyear.csv" --db "$db"

check "import of a good CBS file exits 0" 0 "$bin" import cbs "$data/sample-2024.csv" --db "$db"
contains "import reports what it imported" "$tmp/out" "imported 2024"
check "import geojson of the Alkmaar wijken before their areas exist exits 65" 65 \
    "$bin" import geojson "$here/../../../shared/data/geo/alkmaar-wijken-2024.geojson" --code-property wijkCode --db "$db"
check "import of the Alkmaar wijken exits 0" 0 "$bin" import cbs "$data/alkmaar-wijken-2024.csv" --db "$db"
check "import geojson attaches the Alkmaar boundaries" 0 \
    "$bin" import geojson "$here/../../../shared/data/geo/alkmaar-wijken-2024.geojson" --code-property wijkCode --db "$db"
contains "all 8 boundaries are attached" "$tmp/out" "attached 8 of 8"
exit $status
