package com.acme.partoo.benchmarks;

import com.acme.partoo.tokens.PartooClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Plain sequential loops, one client at a time, that report what a call costs in wake-ups rather than only in time:
 * for each thread of the JVM (grouped by name), voluntary and involuntary context switches, times put on a CPU, and
 * CPU time, per call; and the latency distribution of the calls (percentiles and a histogram, to see two modes).
 * Context-switch counts come from {@code /proc/self/task}, so they hold on a loaded machine, when times do not.
 *
 * <p>{@code WakeupProbe [--warmup N] [--calls N] [--repeat N] [--perf DIR] [--per-call] [--sentinel MS]
 * [--idle-after S] CLIENT...}: CLIENT is one of {@link Clients}' four ({@code rawOkHttp}, {@code generatedRetrofit},
 * {@code facadeSync}, {@code facadeAsync}), a {@link Variants} name, or {@code facadeRw10} / {@code facadeAsyncRw10}
 * (the facade with its read timeout equal to its 10 s deadline); each is warmed up, then measured {@code repeat} times.
 * For clients measured in separate JVMs, run it once per client ({@code wakeups.sh} beside these sources does).
 *
 * <ul>
 *   <li>{@code --perf DIR}: also record the scheduler's tracepoints with {@code perf} ({@link SchedTrace}): who wakes
 *       whom, per call, and who preempts the caller.
 *   <li>{@code --per-call}: a second loop, the latency of calls by how many times the caller was taken off the CPU.
 *   <li>{@code --sentinel MS}: keep a {@link WatchdogSentinel} in Okio's timeout queue for the whole run.
 *   <li>{@code --idle-after S}: after each loop, count what threads do in the next S seconds (deferred timer work).
 * </ul>
 * Every measurement ends with one {@code SUMMARY} line.
 */
public final class WakeupProbe {

  private static boolean perCall;
  private static int idleAfterSeconds;

  private WakeupProbe() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    int warmup = 40_000;
    int calls = 20_000;
    int repeat = 1;
    Path perfDir = null;
    long sentinelMillis = 0;
    List<String> names = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--warmup" -> warmup = Integer.parseInt(args[++i]);
        case "--calls" -> calls = Integer.parseInt(args[++i]);
        case "--repeat" -> repeat = Integer.parseInt(args[++i]);
        case "--perf" -> perfDir = Path.of(args[++i]);
        case "--per-call" -> perCall = true;
        case "--sentinel" -> sentinelMillis = Long.parseLong(args[++i]);
        case "--idle-after" -> idleAfterSeconds = Integer.parseInt(args[++i]);
        default -> names.add(args[i]);
      }
    }
    WatchdogSentinel sentinel = sentinelMillis > 0 ? WatchdogSentinel.start(sentinelMillis) : null;
    Clients clients = new Clients();
    clients.setUp();
    Variants variants = new Variants(CannedTokenServer.shared().baseUrl());
    Map<String, Callable<?>> all = new LinkedHashMap<>();
    all.put("rawOkHttp", clients::rawOkHttp);
    all.put("generatedRetrofit", clients::generatedRetrofit);
    all.put("facadeSync", clients::facadeSync);
    all.put("facadeAsync", clients::facadeAsync);
    all.putAll(variants.all());
    // The facade with its socket read/write timeouts equal to its deadline (through the public builder).
    String baseUrl = CannedTokenServer.shared().baseUrl();
    PartooClient facadeRw10 = PartooClient.builder().apiKey(Clients.API_KEY).baseUrl(baseUrl)
        .readTimeout(Duration.ofSeconds(10)).build();
    all.put("facadeRw10", () -> facadeRw10.connectionTokens().generate(Clients.USER_ID));
    all.put("facadeAsyncRw10", () -> facadeRw10.connectionTokens().generateAsync(Clients.USER_ID).join());
    if (names.isEmpty()) {
      System.err.println("clients: " + all.keySet());
      System.exit(2);
    }
    int warmupCalls = warmup;
    int measuredCalls = calls;
    int repeats = repeat;
    Path perf = perfDir;
    AtomicReference<Exception> failure = new AtomicReference<>();
    // A caller thread of its own, so that its row is easy to find ("probe-caller").
    Thread caller = new Thread(() -> {
      try {
        for (String name : names) {
          Callable<?> call = all.get(name);
          if (call == null) {
            throw new IllegalArgumentException("no client " + name + "; clients: " + all.keySet());
          }
          for (int i = 0; i < warmupCalls; i++) {
            call.call();
          }
          for (int r = 0; r < repeats; r++) {
            measure(name, call, measuredCalls, perf == null ? null : perf.resolve(name + "-" + r + ".data"));
          }
        }
      } catch (Exception e) {
        failure.set(e);
      }
    }, "probe-caller");
    caller.start();
    caller.join();
    clients.tearDown();
    variants.close();
    facadeRw10.close();
    if (sentinel != null) {
      sentinel.stop();
    }
    if (failure.get() != null) {
      throw failure.get();
    }
  }

  private static void measure(String name, Callable<?> call, int calls, Path perfData) throws Exception {
    long[] nanos = new long[calls];
    Process perf = perfData == null ? null : SchedTrace.start(perfData);
    var before = ThreadCounters.snapshot();
    long start = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      long t0 = System.nanoTime();
      if (call.call() == null) {
        throw new IllegalStateException("null from " + name);
      }
      nanos[i] = System.nanoTime() - t0;
    }
    long elapsed = System.nanoTime() - start;

    var after = ThreadCounters.snapshot();
    if (perf != null) {
      SchedTrace.stop(perf);
    }
    Arrays.sort(nanos);
    System.out.printf("%n== %s: %d calls, %.1f µs/call mean; latency µs p10 %.1f p25 %.1f p50 %.1f p75 %.1f p90 %.1f"
        + " p99 %.1f p99.9 %.1f%n", name, calls, elapsed / 1e3 / calls, pct(nanos, 10), pct(nanos, 25),
        pct(nanos, 50), pct(nanos, 75), pct(nanos, 90), pct(nanos, 99), pct(nanos, 99.9));
    System.out.println("   histogram (µs: share of calls): " + histogram(nanos));
    System.out.printf("   %-28s %9s %9s %9s %10s %10s%n", "thread", "vol/call", "invol/call", "runs/call",
        "cpu µs/call", "wait µs/call");
    double vol = 0;
    double runs = 0;
    double cpu = 0;
    for (ThreadCounters.Counters c : ThreadCounters.delta(before, after).values()) {
      double v = (double) c.voluntary() / calls;
      if (v < 0.0005 && (double) c.slices() / calls < 0.0005) {
        continue;
      }
      vol += v;
      runs += (double) c.slices() / calls;
      cpu += c.cpuNanos() / 1e3 / calls;
      System.out.printf("   %-28s %9.3f %9.3f %9.3f %10.2f %10.2f%n", c.name(), v,
          (double) c.involuntary() / calls, (double) c.slices() / calls, c.cpuNanos() / 1e3 / calls,
          c.waitNanos() / 1e3 / calls);
    }
    System.out.printf("   %-28s %9.3f %9s %9.3f %10.2f%n", "all threads", vol, "", runs, cpu);
    Map<String, Double> key = perfData == null ? Map.of() : SchedTrace.report(perfData, calls, after);
    // One line to grep for (wakeups.sh tabulates these).
    System.out.printf("SUMMARY %s mean=%.1f p10=%.1f p50=%.1f p90=%.1f p99=%.1f watchdog=%.2f"
        + " preemptedByWatchdog=%.2f taskRunner=%.2f wakeups=%.2f cpu=%.1f load=%s%n", name, elapsed / 1e3 / calls,
        pct(nanos, 10), pct(nanos, 50), pct(nanos, 90), pct(nanos, 99), key.getOrDefault("watchdog", 0.0),
        key.getOrDefault("callerPreemptedByWatchdog", 0.0), key.getOrDefault("taskRunner", 0.0),
        key.getOrDefault("wakeups", Double.NaN), cpu, loadAverage());
    if (perCall) {
      perCallSlices(name, call, calls);
    }
    if (idleAfterSeconds > 0) {
      // Work a loop leaves behind: timers that fire, or wake their thread, after the calls have returned.
      var idleStart = ThreadCounters.snapshot();
      Thread.sleep(idleAfterSeconds * 1000L);
      System.out.printf("   in the %d s after the loop, per call of the loop:%n", idleAfterSeconds);
      for (ThreadCounters.Counters c : ThreadCounters.delta(idleStart, ThreadCounters.snapshot()).values()) {
        if ((double) c.voluntary() / calls >= 0.001) {
          System.out.printf("     %-28s %9.3f wake-ups, %8.2f cpu µs%n", c.name(), (double) c.voluntary() / calls,
              c.cpuNanos() / 1e3 / calls);
        }
      }
    }
  }

  /**
   * A second loop that reads the caller thread's scheduler counters around every call (outside the timed part): how
   * many times the call was put on a CPU (1 = it never waited or was preempted; each block or preemption adds one),
   * and how long it spent runnable but off the CPU; then the latency of the calls by that count. Shows whether the slow
   * mode is the calls that were taken off the CPU more often.
   */
  private static void perCallSlices(String name, Callable<?> call, int calls) throws Exception {
    try (java.io.RandomAccessFile sched = new java.io.RandomAccessFile("/proc/thread-self/schedstat", "r")) {
      byte[] buffer = new byte[128];
      Map<Long, List<Long>> bySlices = new java.util.TreeMap<>();
      Map<Long, long[]> waits = new java.util.TreeMap<>();
      for (int i = 0; i < calls; i++) {
        long[] before = schedstat(sched, buffer);
        long t0 = System.nanoTime();
        call.call();
        long t = System.nanoTime() - t0;
        long[] after = schedstat(sched, buffer);
        long slices = after[2] - before[2];
        bySlices.computeIfAbsent(slices, k -> new ArrayList<>()).add(t);
        waits.computeIfAbsent(slices, k -> new long[1])[0] += after[1] - before[1];
      }
      System.out.println("   per call, by times the caller was put back on a CPU during the call:");
      for (Map.Entry<Long, List<Long>> e : bySlices.entrySet()) {
        long[] sorted = e.getValue().stream().mapToLong(Long::longValue).sorted().toArray();
        if (sorted.length * 100L < calls) {
          continue;
        }
        System.out.printf("     %d slice(s): %4.1f%% of calls, latency p50 %.1f µs p90 %.1f µs, runnable-but-waiting"
            + " %.1f µs/call%n", e.getKey(), 100.0 * sorted.length / calls, pct(sorted, 50), pct(sorted, 90),
            waits.get(e.getKey())[0] / 1e3 / sorted.length);
      }
    }
  }

  private static long[] schedstat(java.io.RandomAccessFile file, byte[] buffer) throws java.io.IOException {
    file.seek(0);
    int n = file.read(buffer);
    long[] values = new long[3];
    int field = 0;
    long value = 0;
    for (int i = 0; i < n && field < 3; i++) {
      byte b = buffer[i];
      if (b >= '0' && b <= '9') {
        value = value * 10 + (b - '0');
      } else {
        values[field++] = value;
        value = 0;
      }
    }
    return values;
  }

  private static String loadAverage() {
    try {
      return java.nio.file.Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException e) {
      return "?";
    }
  }

  private static double pct(long[] sorted, double p) {
    int index = (int) Math.min(sorted.length - 1, Math.round(p / 100 * (sorted.length - 1)));
    return sorted[index] / 1e3;
  }

  /** Shares of calls in 5 µs buckets up to 150 µs, with the long tail in one bucket; buckets under 1% left out. */
  private static String histogram(long[] nanos) {
    int[] counts = new int[31];
    for (long n : nanos) {
      counts[(int) Math.min(30, n / 5_000)]++;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < counts.length; i++) {
      double share = 100.0 * counts[i] / nanos.length;
      if (share >= 1) {
        out.append(i == 30 ? "≥150" : (i * 5) + "–" + (i * 5 + 5)).append(": ").append(Math.round(share))
            .append("%  ");
      }
    }
    return out.toString();
  }
}
