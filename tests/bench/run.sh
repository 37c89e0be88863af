#!/usr/bin/env bash
# The ppsgen benchmark: builds the project, renders the sample (every layout
# and format) and the 4x and 16x synthetic statements, times the floor
# (floor.c), the workforce figures (figbench.c) and WeasyPrint when
# installed, and writes tests/bench/results.md.  About 5 minutes on 2 CPUs.
# (The doubling series per dimension is tests/bench/doubling.py, run apart.)
#
#   bash tests/bench/run.sh
#
# BENCH_RUNS=5         timed runs per case (the median is reported)
# BENCH_PEER_RUNS=3    timed runs per WeasyPrint case
# BENCH_BUILD_DIR=build   where to build (and find ppsgen, libppscore.a)
# BENCH_SKIP_BUILD=1   use the build there as it is
# BENCH_KEEP=1         keep the work directory (PDFs, dumps) and print its path
set -euo pipefail
cd "$(dirname "$0")/../.."
ROOT=$PWD
BUILD=${BENCH_BUILD_DIR:-build}
HERE=tests/bench

for tool in gcc pkg-config python3 pdfinfo cmake; do
	command -v "$tool" >/dev/null || { echo "run.sh: $tool is missing (Debian: see generator/setup.sh; pdfinfo is in poppler-utils)" >&2; exit 1; }
done

if [ "${BENCH_SKIP_BUILD:-}" != 1 ]; then
	cmake -S . -B "$BUILD" -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build "$BUILD" -j"$(nproc)" >/dev/null
fi
[ -x "$BUILD/ppsgen" ] && [ -f "$BUILD/libppscore.a" ] || { echo "run.sh: no $BUILD/ppsgen or $BUILD/libppscore.a" >&2; exit 1; }

WORK=$(mktemp -d "${TMPDIR:-/tmp}/ppsgen-bench.XXXXXX")
if [ "${BENCH_KEEP:-}" = 1 ]; then
	echo "work directory: $WORK" >&2
else
	trap 'rm -rf "$WORK"' EXIT
fi

DEPS="glib-2.0 libxml-2.0 pango pangocairo pangoft2 harfbuzz cairo cairo-pdf fontconfig libqpdf libdeflate"
# shellcheck disable=SC2046
gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Igenerator -DPPS_HOME="\"$ROOT\"" "$HERE/record.c" \
	"$BUILD/libppscore.a" -o "$WORK/record" $(pkg-config --cflags --libs $DEPS) -lm -lstdc++
# shellcheck disable=SC2046
gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Igenerator "$HERE/floor.c" generator/fonts.c -o "$WORK/floor" \
	$(pkg-config --cflags --libs pangocairo pangoft2 fontconfig glib-2.0)
# shellcheck disable=SC2046
gcc -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -Wall -Wextra -Igenerator "$HERE/figbench.c" "$BUILD/libppscore.a" \
	-o "$WORK/figbench" $(pkg-config --cflags --libs $DEPS) -lm -lstdc++

python3 "$HERE/bench.py" "$ROOT" "$BUILD" "$WORK"
