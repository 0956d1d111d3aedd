#!/usr/bin/env bash
# benchmarks/src/investigations/wakeups.sh [--reps N] [--calls N] [--warmup N] [--no-perf] [-- probe options] CLIENT...
#
# Plain sequential loops, one client per JVM, clients alternated, N rounds (default 3): for each JVM one line with the
# latency distribution (µs) and, from the kernel's scheduler tracepoints (perf), wake-ups per call: of the Okio
# watchdog, of OkHttp's task runner, of all threads of the JVM, and how often per call the caller was preempted by the
# watchdog. Wake-up counts hold on a loaded machine; times do not (the load average is printed with each line).
# Full per-thread detail for each JVM in benchmarks/target/wakeups/CLIENT-N.txt. Builds the benchmarks module first
# (quiet; log in benchmarks/target/wakeups-build.log): the probe is compiled with its tests (README.md beside this).
# CLIENT: rawOkHttp generatedRetrofit facadeSync facadeAsync, or a variant of Variants/WakeupProbe
# (raw_c10_rw5, raw_c10_rw10, rawPerCallClock, rawAsyncStpeRemove, facadeRw10, ...). Probe options after `--`,
# e.g. `-- --sentinel 1000`. JAVA_OPTS (split on spaces) go to each JVM, e.g. JAVA_OPTS=-Dpartoo.experiment.X=Y.
set -euo pipefail

here=$(CDPATH='' cd -- "$(dirname -- "$0")/../.." && pwd -P)
root=$(dirname -- "$here")
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
classpath="$here/target/classes:$here/target/test-classes:$here/target/lib/*"
reps=3
calls=20000
warmup=30000
perf=true
probe_options=()
clients=()
while [ $# -gt 0 ]; do
  case "$1" in
    --reps) reps=$2; shift 2 ;;
    --calls) calls=$2; shift 2 ;;
    --warmup) warmup=$2; shift 2 ;;
    --no-perf) perf=false; shift ;;
    --) shift; while [ $# -gt 0 ] && [ "$1" != "--" ]; do probe_options+=("$1"); shift; done; [ $# -gt 0 ] && shift ;;
    *) clients+=("$1"); shift ;;
  esac
done
out="$here/target/wakeups"
mkdir -p "$out"
echo "wakeups.sh: building benchmarks (log in $here/target/wakeups-build.log)..." >&2
if ! (cd "$root" && ./mvnw -B -pl benchmarks -am package -DskipTests -Dspec.fixtures.skip=true) \
    >"$here/target/wakeups-build.log" 2>&1; then
  tail -n 40 "$here/target/wakeups-build.log" >&2
  exit 1
fi
if $perf && ! perf stat -e sched:sched_waking true >/dev/null 2>&1; then
  echo "wakeups.sh: perf cannot read scheduler tracepoints here; times and /proc counters only" >&2
  perf=false
fi
for rep in $(seq 1 "$reps"); do
  for client in "${clients[@]}"; do
    perf_options=()
    if $perf; then
      perf_options=(--perf "$out/perf")
    fi
    # shellcheck disable=SC2086 # JAVA_OPTS is a list of options
    "$java_cmd" ${JAVA_OPTS:-} -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.WakeupProbe --warmup "$warmup" \
      --calls "$calls" "${perf_options[@]}" "${probe_options[@]}" "$client" >"$out/$client-$rep.txt" 2>&1
    echo "$rep $(grep '^SUMMARY' "$out/$client-$rep.txt" | sed 's/^SUMMARY //')"
  done
done
rm -rf "$out/perf"
