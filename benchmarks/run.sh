#!/usr/bin/env bash
# benchmarks/run.sh [--quick]: builds what it needs, runs the JMH benchmarks (-prof gc), the paired runs (one and 16
# platform threads, 1,000 virtual threads on a Java 21+ JVM) and the CLI cold-start measure, and writes
# benchmarks/target/jmh-result.json (JMH's JSON), target/cold-start.json and target/summary.md (figures and facade/raw
# ratios), and target/observability.md (the listeners against the bare facade). --quick: one fork, average time only
# (throughput derived), fewer rounds and cold starts; under 4 minutes on 2 cores. The full run (2 forks, both modes,
# more launches) takes about 18 minutes.
# Extra arguments go to JMH, e.g. `run.sh --quick OneThread.facade`.
# The full run also runs the transport runs (TransportRuns: the facade, raw OkHttp and the peers a team would otherwise
# pick, over cleartext HTTP/1.1, TLS HTTP/1.1 and TLS HTTP/2, at one and 16 threads; up to 10 more minutes), writing
# target/transports.json and target/transports-16.json, summarised in summary.md's "Transports and peers". --quick
# leaves them out, to stay under its 4 minutes: `run.sh --quick --transports` runs a short version of them alone.
# run.sh --outage [OPTIONS]: only the fleet outage simulation (docs/performance.md, "Outage simulation"), writing
# target/outage.json and target/summary.md; OPTIONS go to OutageSimulation, e.g. --policies "disabled defaults".
# run.sh [--quick] --transports [OPTIONS]: only the transport runs and their summary.md; OPTIONS go to TransportRuns,
# e.g. --rounds 2 --warmup 500 for a smoke run. `--quick --transports` took 110 s after the build with a load average
# of 11 to 16 on 2 cores; the full run's transports, 6 times the rounds and 5 times the warm-up, proportionally more.
# run.sh --pages [OPTIONS]: only the example service's page render (docs/performance.md, "Page render"), the login link
# against the old per-view token with the fake Partoo healthy, slow and hanging; writes target/pages.json and
# target/pages.md. OPTIONS go to PageRender, e.g. --views 300 --warmup 50 --states healthy,slow,hanging (the defaults).
# run.sh --promptness [OPTIONS]: only how promptly calls end at their deadline and at close() (docs/performance.md,
# "Deadlines"), the figures behind DeadlineTest's and CloseTest's bounds; prints one line per scenario and writes
# target/promptness.txt. OPTIONS go to Promptness, e.g. --rounds 20 (default 10) --calls 300 --deadline-ms 1000.
# The one-off investigation tools (wake-ups per call) are not run from here: src/investigations/README.md.
set -euo pipefail

here=$(CDPATH='' cd -- "$(dirname -- "$0")" && pwd -P)
root=$(dirname -- "$here")
quick=false
if [ "${1:-}" = "--quick" ]; then
  quick=true
  shift
fi
outage=false
transports_only=false
pages=false
promptness=false
modules=cli,benchmarks
if [ "${1:-}" = "--outage" ]; then
  outage=true
  modules=benchmarks
  shift
elif [ "${1:-}" = "--transports" ]; then
  transports_only=true
  modules=benchmarks
  shift
elif [ "${1:-}" = "--pages" ]; then
  pages=true
  modules=examples/spring-boot-service,benchmarks
  shift
elif [ "${1:-}" = "--promptness" ]; then
  promptness=true
  modules=benchmarks
  shift
fi
java_cmd=${JAVA_HOME:+$JAVA_HOME/bin/}java
java_home=$("$java_cmd" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.home = //p')
target="$here/target"
started=$(date +%s)

echo "run.sh: building $modules (quiet; log in target/run-build.log)..."
mkdir -p "$target"
if ! (cd "$root" && ./mvnw -B -pl "$modules" -am package -DskipTests -Dspec.fixtures.skip=true) \
    >"$target/run-build.log" 2>&1; then
  tail -n 40 "$target/run-build.log" >&2
  exit 1
fi
classpath="$here/target/classes:$here/target/lib/*"

if $outage; then
  "$java_cmd" -Xms512m -Xmx512m -cp "$classpath" com.acme.partoo.benchmarks.outage.OutageSimulation \
    --out "$target/outage.json" "$@"
  "$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.Summary --outage "$target/outage.json" "$target/summary.md"
  echo "run.sh: wrote $target/outage.json and $target/summary.md in $(( $(date +%s) - started )) s"
  exit 0
fi

if $promptness; then
  "$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.outage.Promptness "$@" | tee "$target/promptness.txt"
  echo "run.sh: wrote $target/promptness.txt in $(( $(date +%s) - started )) s"
  exit 0
fi

# The transport runs: one JVM per thread count, every client of every transport alternating (TransportRuns). Their
# warm-up is per client (15 of them), and the code is shared between transports, so a quarter of the paired runs' is
# enough; 60 rounds, as the virtual threads' run: the slowest client (Spring's RestClient, which starts threads on every
# call) sets the pace.
if $quick; then
  transport_options=(--rounds 10 --warmup 2000)
else
  transport_options=(--rounds 60 --warmup 10000)
fi
run_transports() {
  echo "run.sh: transports and peers, one thread and 16 threads"
  "$java_cmd" -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.TransportRuns "${transport_options[@]}" \
    --calls 100 --out "$target/transports.json" "$@"
  "$java_cmd" -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.TransportRuns "${transport_options[@]}" \
    --calls 20 --threads 16 --out "$target/transports-16.json" "$@"
}
transport_files="$target/transports.json,$target/transports-16.json"

if $transports_only; then
  run_transports "$@"
  "$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.Summary --transports "$transport_files" "$target/summary.md"
  echo "run.sh: wrote $target/transports.json, $target/transports-16.json and $target/summary.md in" \
    "$(( $(date +%s) - started )) s"
  exit 0
fi

if $pages; then
  # The service runs in a JVM of its own, on the example's runtime classpath (examples/spring-boot-service/target).
  "$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.pages.PageRender --repo "$root" \
    --out "$target/pages.json" "$@"
  echo "run.sh: wrote $target/pages.json and $target/pages.md in $(( $(date +%s) - started )) s"
  exit 0
fi

# Warm-up is long for a 1-second iteration because, on 2 cores shared with the server thread and the JIT compiler
# threads, OkHttp's call path takes about 5 s to reach steady state (seen in per-iteration times).
if $quick; then
  jmh_options=(-f 1 -wi 5 -w 1s -i 4 -r 1s -bm avgt)
  cold_runs=7
  aot=false
  rounds=150
else
  jmh_options=(-f 2 -wi 6 -w 1s -i 5 -r 2s)
  cold_runs=20
  aot=true
  rounds=300
fi
echo "run.sh: JMH ${jmh_options[*]} -prof gc"
"$java_cmd" -cp "$classpath" org.openjdk.jmh.Main "${jmh_options[@]}" -prof gc \
  -rf json -rff "$target/jmh-result.json" "${@:-com.acme.partoo.benchmarks.}" | tee "$target/jmh-output.txt"

# Paired one-thread latencies: JMH runs benchmarks one after the other, so on a machine whose load drifts their ratio
# also measures the drift. Short alternating bursts, median of per-round ratios.
# The same, paired, for the sixteen-thread throughput, whose JMH error bars on this machine exceed the 10% looked for.
echo "run.sh: interleaved one-thread latencies and 16-thread throughput, $rounds rounds each"
"$java_cmd" -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.Interleaved --rounds "$rounds" --calls 100 \
  --out "$target/interleaved.json"
"$java_cmd" -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.Interleaved --rounds "$rounds" --calls 20 \
  --threads 16 --out "$target/interleaved-16.json"
# The one-thread run again with the whole JVM on one CPU: on two vCPUs, whether a client's calls take 25-35 or 60-75 us
# depends on where the scheduler puts its server thread and Okio's watchdog (docs/performance.md, "Why one-thread
# latency is bimodal"), which differs from client to client and run to run. On one CPU that lottery is gone and the
# ratios repeat; this is the run the one-thread verdict is read from.
paired=("$target/interleaved.json" "$target/interleaved-16.json")
if command -v taskset >/dev/null 2>&1 && taskset -c 0 true 2>/dev/null; then
  taskset -c 0 "$java_cmd" -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.Interleaved --rounds "$rounds" \
    --calls 100 --label "one CPU (taskset -c 0)" --out "$target/interleaved-one-cpu.json"
  paired+=("$target/interleaved-one-cpu.json")
else
  echo "run.sh: no taskset here, so no one-CPU run: read the one-thread ratios with their spread in mind" >&2
fi

if $quick; then
  transport_files=""
else
  run_transports
fi

# A thousand virtual threads per client, paired: needs Java 21+. The benchmarks' JVM if it is one, else the Temurin 25
# beside it (the classes are compiled for 17, so either runs them); VirtualThreads itself says when it is skipped.
vt_java=$java_cmd
if ! "$java_cmd" -XshowSettings:properties -version 2>&1 | grep -Eq '^ *java\.specification\.version = (2[1-9]|[3-9][0-9])$' \
    && [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ]; then
  vt_java=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java
fi
if $quick; then vt_rounds=15; else vt_rounds=60; fi
echo "run.sh: $vt_rounds rounds of 1,000 virtual threads per client ($vt_java)"
"$vt_java" -Xms1g -Xmx1g -cp "$classpath" com.acme.partoo.benchmarks.VirtualThreads --rounds "$vt_rounds" \
  --threads 1000 --calls 5 --out "$target/virtual-threads.json"

# A fresh class-data archive, as after the launcher's own build: one left from another build of the jar would be
# silently ignored by the JVM and make the CLI look slower than it is.
rm -rf "$root/cli/target/cds"
java_homes=(--java-home "$java_home")
java25=/usr/lib/jvm/temurin-25-jdk-amd64
if [ -x "$java25/bin/java" ] && [ "$java25" != "$java_home" ]; then
  java_homes+=(--java-home "$java25")
fi
echo "run.sh: CLI cold start, $cold_runs launches per variant"
"$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.ColdStart --repo "$root" --runs "$cold_runs" --warmup 2 \
  --aot "$aot" --out "$target/cold-start.json" "${java_homes[@]}"

"$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.Summary \
  "$target/jmh-result.json" "$(IFS=,; echo "${paired[*]}")${transport_files:+,$transport_files}" "$target/cold-start.json" \
  "$target/summary.md" "$target/virtual-threads.json"
"$java_cmd" -cp "$classpath" com.acme.partoo.benchmarks.ObservedSummary \
  "$target/jmh-result.json" "${paired[@]}" "$target/observability.md"
echo "run.sh: wrote $target/jmh-result.json and $target/summary.md in $(( $(date +%s) - started )) s"
