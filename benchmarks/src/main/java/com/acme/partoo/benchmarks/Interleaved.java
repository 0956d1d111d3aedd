package com.acme.partoo.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jspecify.annotations.Nullable;

/**
 * A paired check of the one-thread latency ratios, for a machine whose background load drifts: JMH measures one
 * benchmark after another, so a neighbour's build running during {@code facadeSync} but not during {@code rawOkHttp}
 * skews their ratio. Here short bursts of each client alternate, round after round, in one JVM on one thread; each
 * round gives a ratio from bursts a few milliseconds apart (100 calls each by default, the order reversed every round),
 * and the median over rounds is robust to load spikes.
 *
 * <p>With {@code --threads N} (N &gt; 1), each burst is {@code calls} calls on each of N threads started together, and
 * the per-round ratio is of throughput (calls per second over the burst's wall time): the paired form of the
 * sixteen-thread JMH throughput, whose run-to-run error on this machine is larger than the effect it looks for.
 *
 * <p>{@code Interleaved --rounds N --calls N [--threads N] [--label TEXT] --out FILE}: writes,
 * per client, the median µs per call (per thread) over rounds, and the median and interquartile range of the per-round
 * time ratios to {@code rawOkHttp} and to {@code generatedRetrofit} (what the facade adds over the client it wraps) and
 * of the throughput ratios ({@code raw time / client time}). {@code --label} names the run's conditions (for example
 * "one CPU" when {@code run.sh} starts it under {@code taskset -c 0}) in the output and the summary. At one thread it
 * also counts, per client, the wake-ups of the Okio watchdog thread and the preemptions of the calling thread per call
 * (Linux {@code /proc} counters, which do not depend on the machine's load): docs/performance.md, "Why one-thread
 * latency is bimodal", says why they matter.
 */
public final class Interleaved {

  private static final int WARMUP_CALLS = 40_000;

  private Interleaved() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "300"));
    int calls = Integer.parseInt(options.getOrDefault("--calls", "100"));
    int threads = Integer.parseInt(options.getOrDefault("--threads", "1"));
    Path out = Path.of(options.getOrDefault("--out", "target/interleaved.json"));
    String label = options.getOrDefault("--label", "");
    ExecutorService pool = Executors.newFixedThreadPool(threads);

    Clients clients = new Clients();
    clients.setUp();
    Map<String, Callable<?>> benchmarks = new LinkedHashMap<>();
    benchmarks.put("rawOkHttp", clients::rawOkHttp);
    benchmarks.put("generatedRetrofit", clients::generatedRetrofit);
    benchmarks.put("facadeSync", clients::facadeSync);
    benchmarks.put("facadeAsync", clients::facadeAsync);
    ObservedClients observed = new ObservedClients();
    observed.setUp();
    observed.addTo(benchmarks);
    // Per client: Okio watchdog wake-ups, caller preemptions (one thread only).
    Map<String, long[]> switches = new LinkedHashMap<>();
    benchmarks.keySet().forEach(name -> switches.put(name, new long[2]));
    Map<String, double[]> micros;
    try {
      Path caller = Path.of("/proc/thread-self/status");
      micros = alternate(pool, threads, benchmarks, rounds, calls, WARMUP_CALLS, new BurstProbe() {
        // Looked up once the warm-up has started it (one thread only).
        private @Nullable Path watchdog;
        private boolean lookedUp;
        private long @Nullable [] before;

        @Override
        public void before(String client, boolean measured) throws java.io.IOException {
          if (measured && !lookedUp) {
            watchdog = threads == 1 ? threadNamed("Okio Watchdog") : null;
            lookedUp = true;
          }
          before = measured && watchdog != null ? counters(watchdog, caller) : null;
        }

        @Override
        public void after(String client, boolean measured) {
          if (before != null) {
            long[] after = counters(watchdog, caller);
            long[] total = switches.get(client);
            total[0] += after[0] - before[0];
            total[1] += after[1] - before[1];
          }
        }
      });
    } finally {
      pool.shutdownNow();
      clients.tearDown();
      observed.tearDown();
    }

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode result =
        json.createObjectNode().put("rounds", rounds).put("callsPerBurst", calls).put("threads", threads)
            .put("label", label);
    double[] raw = micros.get("rawOkHttp");
    double[] retrofit = micros.get("generatedRetrofit");
    for (Map.Entry<String, double[]> entry : micros.entrySet()) {
      double[] overRetrofit = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        overRetrofit[round] = entry.getValue()[round] / retrofit[round];
      }
      double[] r = quartiles(overRetrofit);
      ObjectNode node = putTimes(result.putObject(entry.getKey()), entry.getValue(), raw)
          // What the facade adds over the generated client it wraps, the same rounds.
          .put("ratioToGeneratedRetrofitMedian", r[1])
          .put("ratioToGeneratedRetrofitQ1", r[0])
          .put("ratioToGeneratedRetrofitQ3", r[2]);
      double[] q = quartiles(ratios(entry.getValue(), raw));
      double[] t = quartiles(ratios(raw, entry.getValue()));
      double wakeups = (double) switches.get(entry.getKey())[0] / rounds / calls;
      double preemptions = (double) switches.get(entry.getKey())[1] / rounds / calls;
      if (threads == 1) {
        node.put("watchdogWakeupsPerCall", wakeups).put("callerPreemptionsPerCall", preemptions);
      }
      System.out.printf("interleaved, %d thread(s)%s: %-17s %6.1f µs/call, time %5.3f × rawOkHttp (IQR %5.3f–%5.3f),"
          + " %5.3f × generatedRetrofit, throughput %5.3f ×%s%n", threads, labelled(label), entry.getKey(),
          quartiles(entry.getValue())[1], q[1], q[0], q[2], r[1], t[1],
          threads == 1 ? String.format("; per call: %.2f watchdog wake-ups, %.2f caller preemptions", wakeups,
              preemptions) : "");
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), result);
  }

  /** What runs around each burst of a client: counters read before and after it. */
  interface BurstProbe {
    /** Just before a burst of {@code client}'s calls; {@code measured} false for the warm-up and the settling round. */
    void before(String client, boolean measured) throws java.io.IOException;

    /** Just after it. */
    void after(String client, boolean measured);
  }

  /**
   * The paired measure: warms each client up ({@code warmupCalls} calls in all, spread over the threads), runs one
   * unmeasured round of every client (so that a connection closed while the others warmed up is not reopened inside a
   * measured burst), then {@code rounds} rounds of a burst of {@code calls} calls per thread of each client, the order
   * reversed every round. Returns, per client, the µs per call (per thread) of each round.
   */
  static Map<String, double[]> alternate(ExecutorService pool, int threads, Map<String, Callable<?>> benchmarks,
      int rounds, int calls, int warmupCalls, BurstProbe probe) throws Exception {
    Map<String, double[]> micros = new LinkedHashMap<>();
    for (Map.Entry<String, Callable<?>> benchmark : benchmarks.entrySet()) {
      probe.before(benchmark.getKey(), false);
      burst(pool, threads, benchmark.getValue(), warmupCalls / threads);
      probe.after(benchmark.getKey(), false);
      micros.put(benchmark.getKey(), new double[rounds]);
    }
    for (Map.Entry<String, Callable<?>> benchmark : benchmarks.entrySet()) {
      probe.before(benchmark.getKey(), false);
      burst(pool, threads, benchmark.getValue(), calls);
      probe.after(benchmark.getKey(), false);
    }
    List<Map.Entry<String, Callable<?>>> order = new ArrayList<>(benchmarks.entrySet());
    for (int round = 0; round < rounds; round++) {
      for (Map.Entry<String, Callable<?>> benchmark : order) {
        probe.before(benchmark.getKey(), true);
        micros.get(benchmark.getKey())[round] = burst(pool, threads, benchmark.getValue(), calls) / 1e3 / calls;
        probe.after(benchmark.getKey(), true);
      }
      Collections.reverse(order); // no client always runs first, or always right after another
    }
    return micros;
  }

  /**
   * A client's times into {@code node}: µs per call per round and their median, and the median and quartiles of its
   * per-round time ratio to {@code raw} (same rounds) and of its throughput ratio ({@code raw time / its time}).
   */
  static ObjectNode putTimes(ObjectNode node, double[] micros, double[] raw) {
    double[] q = quartiles(ratios(micros, raw));
    double[] t = quartiles(ratios(raw, micros));
    Arrays.stream(micros).forEach(node.putArray("microsPerCall")::add);
    return node
        .put("microsPerCallMedian", quartiles(micros)[1])
        .put("ratioToRawMedian", q[1])
        .put("ratioToRawQ1", q[0])
        .put("ratioToRawQ3", q[2])
        .put("throughputRatioToRawMedian", t[1])
        .put("throughputRatioToRawQ1", t[0])
        .put("throughputRatioToRawQ3", t[2]);
  }

  /** {@code a[i] / b[i]}, round by round. */
  private static double[] ratios(double[] a, double[] b) {
    double[] ratios = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      ratios[i] = a[i] / b[i];
    }
    return ratios;
  }

  /** The {@code status} file of this JVM's thread with that name (Linux), or null. */
  private static Path threadNamed(String name) throws java.io.IOException {
    Path tasks = Path.of("/proc/self/task");
    if (!Files.isDirectory(tasks)) {
      return null;
    }
    try (var stream = Files.list(tasks)) {
      for (Path task : (Iterable<Path>) stream::iterator) {
        try {
          if (Files.readString(task.resolve("comm")).strip().equals(name)) {
            return task.resolve("status");
          }
        } catch (java.io.IOException e) {
          // ended meanwhile
        }
      }
    }
    return null;
  }

  /** The watchdog's voluntary context switches (its wake-ups) and the caller's involuntary ones (preemptions). */
  private static long[] counters(Path watchdog, Path caller) {
    return new long[] {field(watchdog, "voluntary_ctxt_switches:"), field(caller, "nonvoluntary_ctxt_switches:")};
  }

  private static long field(Path status, String name) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(name)) {
          return Long.parseLong(line.substring(name.length()).strip());
        }
      }
    } catch (java.io.IOException | RuntimeException e) {
      return 0;
    }
    return 0;
  }

  /** Nanoseconds of wall time for {@code count} calls on each of {@code threads} threads (the caller's if one). */
  private static long burst(ExecutorService pool, int threads, Callable<?> call, int count) throws Exception {
    if (threads == 1) {
      long start = System.nanoTime();
      int nulls = calls(call, count);
      return System.nanoTime() - start + nulls;
    }
    List<Callable<Integer>> tasks = Collections.nCopies(threads, () -> calls(call, count));
    long start = System.nanoTime();
    int nulls = 0;
    for (Future<Integer> done : pool.invokeAll(tasks)) {
      nulls += done.get();
    }
    return System.nanoTime() - start + nulls;
  }

  /** Makes {@code count} calls; returns how many gave null (never: it keeps the calls from looking unused). */
  static int calls(Callable<?> call, int count) throws Exception {
    int nulls = 0;
    for (int i = 0; i < count; i++) {
      if (call.call() == null) {
        nulls++;
      }
    }
    return nulls;
  }

  /** {@code ", label"} after a run's description, or nothing for a run without a label. */
  static String labelled(String label) {
    return label.isEmpty() ? "" : ", " + label;
  }

  /** {@code --name value} pairs, in order (the benchmarks' other command lines read theirs with it too). */
  public static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    return options;
  }

  /** First quartile, median, third quartile (nearest rank). */
  static double[] quartiles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return new double[] {sorted[(n - 1) / 4], sorted[(n - 1) / 2], sorted[(3 * (n - 1)) / 4]};
  }
}
