#!/usr/bin/env bash
# valgrind.sh — memcheck over a render of the sample statement (both
# languages, on two threads), a check of it, and a failing render (the error
# paths).  Fails on any memory error and on any "definitely lost" block not
# explained in tests/valgrind.supp; "still reachable" (fontconfig, Pango and
# GLib caches kept for the process lifetime) is allowed.
#
#   tests/valgrind.sh [PPSGEN]     (default: build/ppsgen, as tests/run.sh builds it)
set -euo pipefail
cd "$(dirname "$0")/.."
bin="${1:-build/ppsgen}"
if ! command -v valgrind >/dev/null; then
  echo "valgrind.sh: valgrind is not installed (apt-get install valgrind)" >&2
  exit 1
fi
[ -x "$bin" ] || { echo "valgrind.sh: no $bin; build first (tests/run.sh)" >&2; exit 1; }

out="$(mktemp -d "${TMPDIR:-/tmp}/ppsgen-valgrind.XXXXXX")"
trap 'rm -rf "$out"' EXIT
# GLib's slice allocator and lazily cleared memory would hide or fake leaks.
export G_SLICE=always-malloc G_DEBUG=gc-friendly SOURCE_DATE_EPOCH=1519776000

failed=0
# run NAME EXPECTED_STATUS ARGS...
run() {
  local name="$1" want="$2"; shift 2
  local log="$out/$name.log" status=0
  valgrind --tool=memcheck --leak-check=full --show-leak-kinds=definite \
    --errors-for-leak-kinds=definite --error-exitcode=99 --num-callers=40 \
    --suppressions=tests/valgrind.supp --log-file="$log" \
    "$bin" "$@" >"$out/$name.stdout" 2>"$out/$name.stderr" || status=$?
  local summary
  summary="$(grep -E 'ERROR SUMMARY' "$log" | tail -1 | sed 's/^==[0-9]*== //')"
  if [ "$status" = 99 ]; then
    echo "valgrind.sh: $name: FAILED: $summary" >&2
    sed 's/^==[0-9]*== //' "$log" | awk '/^(Invalid|Conditional|Use of|Mismatched|Syscall|Source and destination)|definitely lost in loss record/{p=1} p{print} /^$/{p=0}' >&2
    failed=1
  elif [ "$status" != "$want" ]; then
    echo "valgrind.sh: $name: ppsgen exited $status, expected $want" >&2
    cat "$out/$name.stderr" >&2
    failed=1
  else
    echo "valgrind.sh: $name: ok ($summary; $(grep -E 'definitely lost:|still reachable:' "$log" | sed 's/^==[0-9]*== *//' | tr '\n' ' '))"
  fi
}

run render-sample 0 render -o "$out/pdf" data/sample-statement.xml
run check-sample 0 check data/sample-statement.xml
run render-bad 2 render -o "$out/bad" tests/bad/check-reports-every-error.xml
exit "$failed"
