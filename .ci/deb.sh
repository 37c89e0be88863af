#!/usr/bin/env bash
# CI, after the test suite: build the Debian package from a copy of the
# sources, check it with lintian (no errors), install it with apt-get, delete
# the copy, and render the sample with /usr/bin/ppsgen from an empty folder.
set -euo pipefail
cd "$(dirname "$0")/.."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO=sudo
# What packaging needs beyond generator/setup.sh.
missing=()
for p in debhelper lintian dpkg-dev; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

version="$(dpkg-parsechangelog -S Version)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# The tracked files only (no build trees, no out/), as a release would hold.
mkdir "$tmp/ppsgen-$version"
if git rev-parse --git-dir >/dev/null 2>&1; then
  git ls-files -z | tar --null -T - -cf - | tar -xf - -C "$tmp/ppsgen-$version"
else
  tar --exclude='./build*' --exclude='./out' --exclude='./.git' -cf - . | tar -xf - -C "$tmp/ppsgen-$version"
fi
(cd "$tmp/ppsgen-$version" && dpkg-buildpackage -us -uc -b -j2 >"$tmp/build.log" 2>&1) || {
  tail -50 "$tmp/build.log"; exit 1; }
deb="$(cd "$tmp" && ls ppsgen_"$version"_*.deb)"
echo "built $deb"

# Errors fail; warnings and notes are printed.
lintian --fail-on error --info "$tmp/$deb"

(cd "$tmp" && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "./$deb" >/dev/null)
rm -rf "$tmp/ppsgen-$version"

# From an empty folder, nothing of the source tree in reach.
mkdir "$tmp/elsewhere"
cd "$tmp/elsewhere"
sample=/usr/share/doc/ppsgen/examples/sample-statement.xml
[ "$(command -v ppsgen)" = /usr/bin/ppsgen ]
/usr/bin/ppsgen check "$sample"
/usr/bin/ppsgen render -o out --layout parallel "$sample"
/usr/bin/ppsgen render -o out "$sample"
for f in sample-statement-parallel.pdf sample-statement-cy.pdf sample-statement-en.pdf; do
  pages="$(pdfinfo "out/$f" | awk '/^Pages:/ {print $2}')"
  [ "${pages:-0}" -gt 0 ] || { echo "out/$f has no pages" >&2; exit 1; }
  echo "out/$f: $pages pages"
done
[ -f /usr/share/man/man1/ppsgen.1.gz ] && [ -f /usr/share/man/man5/ppsgen-format.5.gz ]
[ -f /usr/share/bash-completion/completions/ppsgen ]
echo "package ok: $deb installed, the sample rendered by /usr/bin/ppsgen"
