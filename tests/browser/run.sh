#!/bin/sh
# run.sh — the browser check of ppsgen's HTML: installs what it needs
# (Debian's chromium, the npm packages pinned in package-lock.json; no browser
# download), then runs axe-core in headless Chromium on each file given and
# writes a screenshot PNG per file.  Exits non-zero on any violation.
#
#   tests/browser/run.sh [--shots DIR] [--width PX] [--print] FILE.html...
set -eu
here=$(cd "$(dirname "$0")" && pwd)

if ! command -v chromium >/dev/null 2>&1 && [ ! -x /usr/bin/chromium ]; then
	if [ "$(id -u)" = 0 ]; then
		echo "run.sh: installing chromium" >&2
		apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
	else
		echo "run.sh: chromium is missing; install Debian's chromium package" >&2
		exit 2
	fi
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	if [ "$(id -u)" = 0 ]; then
		echo "run.sh: installing nodejs and npm" >&2
		apt-get update -qq >/dev/null
		DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null
	else
		echo "run.sh: node and npm are missing" >&2
		exit 2
	fi
fi
# npm ci again only when the lock file is newer than the installed tree.
if [ ! -f "$here/node_modules/.package-lock.json" ] ||
   [ "$here/package-lock.json" -nt "$here/node_modules/.package-lock.json" ]; then
	(cd "$here" && PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2)
fi
exec node "$here/axe-check.js" "$@"
