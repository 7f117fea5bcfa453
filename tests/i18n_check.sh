#!/usr/bin/env bash
# Checks that the message catalogs are complete: every message id the C code
# uses -- T(r, "..."), req_tr(r, "..."), N_("..."), and the message argument
# of fault_set() and req_fail() -- has a non-empty, non-fuzzy translation in
# locale/nl.po and in locale/en.po, and each catalog passes msgfmt's checks
# (header, matching %s slots).
#
# usage: tests/i18n_check.sh [SOURCE_ROOT]
# Prints TAP ("ok 1 - nl.po complete"), listing what is missing under a
# failing line. Exit status 0 when both catalogs are complete, 1 when not,
# 2 when the check cannot run (gettext tools missing).
set -euo pipefail

root=${1:-$(cd "$(dirname "$0")/.." && pwd)}
cd "$root"

for tool in xgettext msgmerge msgattrib msgfmt; do
    if ! command -v "$tool" >/dev/null; then
        echo "i18n_check: $tool is missing (apt-get install gettext)" >&2
        exit 2
    fi
done

# The message ids in a .po text on stdin, one per line, without the header
# entry; an id spread over several lines (it holds a \n) is joined.
po_ids() {
    awk '/^msgid / { id = substr($0, 7); inid = 1; next }
         inid && /^"/ { id = id $0; next }
         inid { if (id != "\"\"") print "msgid " id; inid = 0 }'
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/wijk-i18n.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

find src -name '*.c' | LC_ALL=C sort >"$tmp/files"
xgettext --language=C --from-code=UTF-8 --no-wrap \
    --keyword=T:2 --keyword=req_tr:2 --keyword=N_ \
    --keyword=fault_set:4 --keyword=req_fail:4 \
    --files-from="$tmp/files" --output="$tmp/messages.pot"
used=$(grep -c '^msgid ' "$tmp/messages.pot" || true)
used=$((used > 0 ? used - 1 : 0)) # the header entry

catalogs=(nl en)
echo "1..${#catalogs[@]}"
failed=0
n=0
for lang in "${catalogs[@]}"; do
    n=$((n + 1))
    po="locale/$lang.po"
    problems=()
    if ! msgfmt --check --output-file=/dev/null "$po" 2>"$tmp/msgfmt.log"; then
        while IFS= read -r line; do problems+=("msgfmt: $line"); done <"$tmp/msgfmt.log"
    else
        # The catalog's translations for exactly the ids in use: ids it lacks
        # come out untranslated.
        msgmerge --quiet --no-fuzzy-matching --no-wrap --output-file="$tmp/$lang.po" \
            "$po" "$tmp/messages.pot"
        while IFS= read -r line; do
            problems+=("missing or untranslated: $line")
        done < <(msgattrib --untranslated --no-obsolete --no-location --no-wrap "$tmp/$lang.po" |
            po_ids || true)
        while IFS= read -r line; do
            problems+=("fuzzy: $line")
        done < <(msgattrib --only-fuzzy --no-obsolete --no-location --no-wrap "$tmp/$lang.po" |
            po_ids || true)
    fi
    if [ ${#problems[@]} -eq 0 ]; then
        echo "ok $n - $lang.po complete ($used messages)"
    else
        echo "not ok $n - $lang.po complete"
        printf '# %s\n' "${problems[@]}"
        failed=1
    fi
done
exit "$failed"
