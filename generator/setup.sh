#!/usr/bin/env bash
# Quick start, step 1: install the Debian 12 packages ppsgen needs, build it,
# and render the sample statement into out/.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake pkg-config libxml2-dev libxml2-utils libpango1.0-dev libcairo2-dev
          libglib2.0-dev libfontconfig-dev libqpdf-dev libdeflate-dev libminizip-dev check poppler-utils qpdf clang valgrind
          groff-base
          libreoffice-writer-nogui)  # the test suite's round trip through a real word processor (test_import_lo)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# Warnings stay warnings here (tests/run.sh makes them errors).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPPS_WERROR=OFF >/dev/null
cmake --build build -j"$(nproc)"
mkdir -p out
./build/ppsgen render -o out data/sample-statement.xml
./build/ppsgen render -o out --layout parallel data/sample-statement.xml
./build/ppsgen render -o out --layout sequential data/sample-statement.xml
