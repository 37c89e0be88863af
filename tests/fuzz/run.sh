#!/usr/bin/env bash
# fuzz/run.sh [SECONDS] — builds the libFuzzer harnesses with clang
# (AddressSanitizer + UBSan) and runs them for a bounded time in all
# (default 60 s: two thirds for fuzz_statement.c, a statement ppsgen did not
# write; one third for fuzz_docx.c, `ppsgen import` of a Word document), each
# in 2 GiB, from its seed corpus (tests/fuzz/corpus, tests/fuzz/corpus-docx).
# Fails on any crash, sanitizer report, leak of ours, timeout, out-of-memory
# or broken oracle; the input that caused it is kept in build-fuzz/artifacts/.
set -euo pipefail
cd "$(dirname "$0")/../.."
secs="${1:-60}"
if ! command -v clang >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get install -y clang >/dev/null
  else
    echo "fuzz/run.sh: clang is not installed (apt-get install clang)" >&2
    exit 1
  fi
fi

build=build-fuzz
mkdir -p "$build/artifacts"
pkgs="glib-2.0 libxml-2.0 pango pangocairo pangoft2 harfbuzz cairo cairo-pdf fontconfig libqpdf libdeflate minizip"
srcs=()
for f in generator/*.c; do
  [ "$f" = generator/cli.c ] || srcs+=("$f")
done

export ASAN_OPTIONS="abort_on_error=1:detect_leaks=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$PWD/tests/fuzz/lsan.supp:print_suppressions=0"

# fuzz HARNESS SECONDS CORPUS DICT
fuzz() {
  local name="$1" t="$2" seeds="$3" dict="$4"
  local bin="$build/$name"
  # Rebuild when any source is newer than the binary.
  if [ ! -x "$bin" ] || [ -n "$(find generator "tests/fuzz/$name.c" tests/fuzz/fuzz_init.h -newer "$bin" -name '*.[ch]' | head -1)" ]; then
    echo "fuzz/run.sh: building $bin"
    # shellcheck disable=SC2046
    clang -std=c11 -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
      -fno-omit-frame-pointer -D_POSIX_C_SOURCE=200809L \
      -DPPS_HOME="\"$PWD\"" -DPPS_VERSION="\"fuzz\"" -DPPS_SOURCE_DIR="\"$PWD\"" \
      -Igenerator $(pkg-config --cflags $pkgs) \
      "tests/fuzz/$name.c" "${srcs[@]}" \
      $(pkg-config --libs $pkgs) -lm -lstdc++ -o "$bin"
  fi
  # New inputs go to the working corpus in the build folder, never into the
  # source tree; the seeds are read from the source tree each run.
  mkdir -p "$build/corpus-$name"
  local status=0
  "$bin" "$build/corpus-$name" "$seeds" \
    -dict="$dict" -max_len=65536 \
    -max_total_time="$t" -rss_limit_mb=2048 -timeout=20 \
    -artifact_prefix="$build/artifacts/$name-" -print_final_stats=1 \
    >"$build/$name.log" 2>&1 || status=$?
  grep -E '^(#[0-9]+ *DONE|stat::number_of_executed_units|stat::peak_rss_mb|Done [0-9]+ runs)' "$build/$name.log" || true
  if [ "$status" != 0 ]; then
    echo "fuzz/run.sh: $name found a problem (exit $status):" >&2
    grep -E -A40 'ERROR: |runtime error|SUMMARY|Test unit written|deadly signal|timeout|out-of-memory|fuzz_docx: ' "$build/$name.log" | head -120 >&2
    exit 1
  fi
  echo "fuzz/run.sh: $name, no problem in ${t} s"
}
fuzz fuzz_statement $(( secs - secs / 3 )) tests/fuzz/corpus tests/fuzz/statement.dict
fuzz fuzz_docx $(( secs / 3 )) tests/fuzz/corpus-docx tests/fuzz/docx.dict

# Conservation (tests/test_limits.c) on seeds the suite does not run: a few
# at full size (hundreds of pages a seed; PPS_FULL_SEEDS, default 3), then
# middle-size ones (PPS_FUZZ_SEEDS, default 20) from a new first seed each
# run, so that every run tries statements no run has tried; the first seed is
# printed, and PPS_FUZZ_SEED_FIRST gives it again.
limits="build/test_limits"
if [ -x "$limits" ]; then
  export SOURCE_DATE_EPOCH=1519776000
  n="${PPS_FULL_SEEDS:-3}"
  echo "fuzz/run.sh: conservation, $n full-size generated statements"
  PPS_LIMITS_FULL=1 PPS_SEEDS="$n" PPS_SEED_FIRST=9000 "$limits"
  m="${PPS_FUZZ_SEEDS:-20}"
  first="${PPS_FUZZ_SEED_FIRST:-$(( 100000 + $(date +%s) % 100000000 ))}"
  half=$(( m / 2 )) status=0
  echo "fuzz/run.sh: conservation, $m generated statements from seed $first (PPS_FUZZ_SEED_FIRST=$first repeats them)"
  # two halves side by side: CI has two CPUs
  PPS_SEEDS="$half" PPS_SEED_FIRST="$first" "$limits" > "$build/limits-1.log" 2>&1 & p1=$!
  PPS_SEEDS=$(( m - half )) PPS_SEED_FIRST=$(( first + half )) "$limits" > "$build/limits-2.log" 2>&1 || status=$?
  wait "$p1" || status=$?
  cat "$build/limits-1.log" "$build/limits-2.log"
  if [ "$status" != 0 ]; then
    echo "fuzz/run.sh: a generated statement lost words (its statement is kept in build/test-out/limits-SEED/gen.xml)" >&2
    exit 1
  fi
fi
