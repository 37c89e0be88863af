#!/usr/bin/env bash
# Quick start, step 2: the whole test suite.  Builds twice (plain, and with
# AddressSanitizer + UBSan), warnings as errors, and runs every check test
# through ctest in both builds; then valgrind over a render of the sample and
# a minute of fuzzing (tests/valgrind.sh, tests/fuzz/run.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
jobs="$(nproc)"

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPPS_WERROR=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DPPS_SANITIZE=ON -DPPS_WERROR=ON >/dev/null
cmake --build build-asan -j"$jobs"
# Leak checking belongs to valgrind (fontconfig and Pango keep caches for the
# process lifetime); ASan checks memory errors and UBSan undefined behaviour.
ASAN_OPTIONS=detect_leaks=0:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs" -LE browser

# Memcheck over a render of the sample: memory errors and definite leaks of
# ours fail (library caches are explained in tests/valgrind.supp).
bash tests/valgrind.sh build/ppsgen
# libFuzzer (clang, ASan + UBSan) over reading, figures and layout, one minute.
bash tests/fuzz/run.sh 60
