#!/bin/sh
# render-and-check.sh — the browser check as one test: renders the HTML of
# the sample statement (each language, and the bilingual file) and of the
# English fixture with the given ppsgen, then runs axe-core on every file in
# headless Chromium (run.sh), screenshots beside them in OUT/shots.
#
#   tests/browser/render-and-check.sh PPSGEN OUT
set -eu
[ $# -eq 2 ] || { echo "usage: $0 PPSGEN OUT" >&2; exit 2; }
ppsgen=$1
out=$2
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
rm -rf "$out"
mkdir -p "$out"
"$ppsgen" render -o "$out" --format html "$src/data/sample-statement.xml" >/dev/null
"$ppsgen" render -o "$out" --format html --layout parallel "$src/data/sample-statement.xml" >/dev/null
"$ppsgen" render -o "$out" --format html "$src/tests/fixtures/english-council.xml" >/dev/null
"$ppsgen" render -o "$out" --format html --appendix A --public "$src/data/sample-statement.xml" >/dev/null
exec "$here/run.sh" --shots "$out/shots" "$out"/*.html
