#!/usr/bin/env bash
# Writes a CBS "Kerncijfers wijken en buurten" CSV to stdout in the shape
# StatLine publishes it (';'-separated, every field quoted and space-padded,
# column keys with numeric suffixes, '.' for a missing value, a "Land" row
# that importers skip) for one fictional gemeente with one wijk and N
# buurten. The figures are made up but plausible and deterministic, so
# every run of the benchmark serves the same page.
#
# usage: bench/cbs_csv.sh GEMEENTE_CODE WIJK_CODE N   (e.g. GM9999 WK999901 50)
# The buurt codes are BU + the wijk's 6 characters + 01..N (N <= 99).
set -euo pipefail

if [ $# -ne 3 ] || ! [[ "$1" =~ ^GM[0-9A-Z]{4}$ && "$2" =~ ^WK[0-9A-Z]{6}$ && "$3" =~ ^[0-9]+$ ]] ||
    [ "$3" -lt 1 ] || [ "$3" -gt 99 ]; then
    echo "usage: $0 GEMEENTE_CODE WIJK_CODE N (1..99)" >&2
    exit 2
fi

awk -v gm="$1" -v wk="$2" -v n="$3" 'BEGIN {
    OFS = ";"
    split("Lindelaan|Kerkbuurt|Molenkwartier|Oude Haven|Spoorzicht|Bloemenbuurt|" \
          "Rivierenwijk|Vogelbuurt|Schildersbuurt|Parkzoom", streets, "|")
    print "\"ID\"", "\"WijkenEnBuurten\"", "\"Gemeentenaam_1\"", "\"SoortRegio_2\"",
          "\"Codering_3\"", "\"IndelingswijzigingWijkenEnBuurten_4\"", "\"AantalInwoners_5\"",
          "\"k_0Tot15Jaar_8\"", "\"k_15Tot25Jaar_9\"", "\"k_25Tot45Jaar_10\"",
          "\"k_45Tot65Jaar_11\"", "\"k_65JaarOfOuder_12\"", "\"HuishoudensTotaal_28\"",
          "\"GemiddeldeHuishoudensgrootte_32\"", "\"GemiddeldInkomenPerInwoner_66\"",
          "\"HuishoudensMetEenLaagInkomen_72\""
    id = 0
    row("Nederland", "Nederland", "Land", "NL00", 17811291, 0)
    total = 0
    for (i = 1; i <= n; i++) total += people(i)
    row("Benchstad", "Benchstad", "Gemeente", gm, total, 1)
    row("Centrum", "Benchstad", "Wijk", wk, total, 2)
    for (i = 1; i <= n; i++) {
        name = sprintf("%s %d", streets[(i - 1) % 10 + 1], int((i - 1) / 10) + 1)
        row(name, "Benchstad", "Buurt", sprintf("BU%s%02d", substr(wk, 3), i), people(i), i)
    }
}
function people(i) { return 400 + (i * 137) % 2600 }
function pad(s, w) { return sprintf("\"%-" w "s\"", s) }
function num(v) { return sprintf("\"%10s\"", v) }
function row(name, gemeente, kind, code, inh, seed,    young, hh, income, low) {
    id++
    young = int(inh * 0.16)
    hh = int(inh / 2.1)
    income = sprintf("%.1f", 24 + (seed * 7) % 19)
    low = (seed % 9 == 0) ? "." : sprintf("%.1f", 3 + (seed * 3) % 14)
    print "\"" id "\"", pad(name, 20), pad(gemeente, 20), pad(kind, 10), pad(code, 10),
          pad("1", 1), num(inh), num(young), num(int(inh * 0.12)), num(int(inh * 0.27)),
          num(int(inh * 0.26)), num(inh - young - int(inh * 0.12) - int(inh * 0.27) - int(inh * 0.26)),
          num(hh), num("2.1"), num(income), num(low)
}'
