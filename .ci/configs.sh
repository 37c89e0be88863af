#!/usr/bin/env bash
# CI: every CMake build type with GCC and with clang builds with warnings as
# errors (program, tools and tests; nothing is run).  tests/run.sh has built
# GCC RelWithDebInfo and GCC Debug (with the sanitizers) already.
set -euo pipefail
cd "$(dirname "$0")/.."
for cc in gcc clang; do
  for type in Debug Release RelWithDebInfo MinSizeRel; do
    case "$cc-$type" in gcc-RelWithDebInfo | gcc-Debug) continue ;; esac
    dir="build-cfg-$cc-$type"
    start=$SECONDS
    CC=$cc cmake -S . -B "$dir" -DCMAKE_BUILD_TYPE="$type" -DPPS_WERROR=ON >/dev/null
    cmake --build "$dir" -j"$(nproc)" >"$dir.log" 2>&1 || { cat "$dir.log"; exit 1; }
    echo "$cc $type: warning-free ($((SECONDS - start)) s)"
    rm -rf "$dir" "$dir.log"
  done
done
