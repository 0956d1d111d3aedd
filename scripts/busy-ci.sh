#!/usr/bin/env bash
# Runs CI (`.ci/run`, i.e. `./mvnw -B verify`) on a clean clone of HEAD while the machine is busy, the way a shared CI
# box or a laptop running other builds is: N CPU-bound busy loops beside it and, with --second-build, a second build of
# the project alongside (a clone of its own, `./mvnw -B verify -Dspec.fixtures.skip=true`, started again each time it
# ends). A test whose verdict depends on how fast the machine is fails here first (CONTRIBUTING.md).
#
# Usage: scripts/busy-ci.sh [-n N] [--second-build] [--keep]
#   -n N            busy loops beside the build (default 4; 0 for none)
#   --second-build  also run a second build of the project alongside
#   --keep          keep the clone(s) and logs (default: kept only when the run fails)
# Prints, at the end, one line: the verdict, the duration, the tests run (Surefire's and Failsafe's totals, summed as
# CI reads them), the load average seen, and where the log is. Exit code: .ci/run's.
set -euo pipefail

busy=4
second=false
keep=false
while [ $# -gt 0 ]; do
  case "$1" in
    -n) busy=$2; shift 2 ;;
    --second-build) second=true; shift ;;
    --keep) keep=true; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) echo "busy-ci: unknown argument $1 (see --help)" >&2; exit 2 ;;
  esac
done
case "$busy" in ''|*[!0-9]*) echo "busy-ci: -n takes a number, was '$busy'" >&2; exit 2 ;; esac

root=$(CDPATH='' cd -- "$(dirname -- "$0")/.." && pwd -P)
head=$(git -C "$root" rev-parse HEAD)
work=$(mktemp -d "${TMPDIR:-/tmp}/partoo-busy-ci.XXXXXX")
log="$work/ci.log"
pids=()

cleanup() {
  for pid in "${pids[@]}"; do
    kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
  done
  wait 2>/dev/null || true
}
trap cleanup EXIT INT TERM

# A clean clone of HEAD, as CI checks out main: nothing uncommitted, no target/ left from another build.
git clone -q --no-hardlinks "$root" "$work/ci"
git -C "$work/ci" checkout -q "$head"

set -m # each background job in its own process group, so cleanup stops a build and all its JVMs
for ((i = 0; i < busy; i++)); do
  bash -c 'while :; do :; done' &
  pids+=($!)
done
if $second; then
  git clone -q --no-hardlinks "$root" "$work/second"
  git -C "$work/second" checkout -q "$head"
  (cd "$work/second" && while :; do ./mvnw -B verify -Dspec.fixtures.skip=true >"$work/second.log" 2>&1 || true; done) &
  pids+=($!)
fi
set +m

echo "busy-ci: .ci/run on a clean clone of ${head:0:12} with $busy busy loop(s)$($second && echo ' and a second build')"
echo "busy-ci: log in $log"
started=$(date +%s)
status=0
(cd "$work/ci" && bash .ci/run) >"$log" 2>&1 || status=$?
took=$(($(date +%s) - started))
load=$(cut -d' ' -f1-3 /proc/loadavg)
cleanup
pids=()

# CI reads Surefire's and Failsafe's closing lines: the module totals ("Tests run: N, Failures: ..." without " -- in").
tests=$(grep -E '^\[(INFO|WARNING|ERROR)\] Tests run: [0-9]+, Failures: [0-9]+, Errors: [0-9]+, Skipped: [0-9]+$' "$log" |
  sed -E 's/.*Tests run: ([0-9]+), Failures: ([0-9]+), Errors: ([0-9]+), Skipped: ([0-9]+)/\1 \2 \3 \4/' |
  awk '{r+=$1; f+=$2; e+=$3; s+=$4} END {printf "%d tests, %d failures, %d errors, %d skipped", r, f, e, s}')
verdict=PASS
[ "$status" -eq 0 ] || verdict="FAIL (exit $status)"
echo "busy-ci: $verdict in ${took} s; $tests; load average at the end $load; busy loops $busy; second build $second"
if [ "$status" -ne 0 ]; then
  grep -E 'Tests run:.*(Failures: [1-9]|Errors: [1-9])|\[ERROR\] (Failures|Errors|  )' "$log" | head -n 30 || true
fi
if [ "$status" -ne 0 ] || $keep; then
  echo "busy-ci: kept $work"
else
  rm -rf "$work"
fi
exit "$status"
