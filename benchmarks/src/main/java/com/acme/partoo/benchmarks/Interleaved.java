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
 * <p>{@code Interleaved --rounds N --calls N [--threads N] --out FILE}: writes, per client, the median µs per call
 * (per thread) over rounds, and the median and interquartile range of the per-round time ratios to {@code rawOkHttp}
 * and of the throughput ratios ({@code raw time / client time}).
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
    ExecutorService pool = Executors.newFixedThreadPool(threads);

    Clients clients = new Clients();
    clients.setUp();
    Map<String, Callable<?>> benchmarks = new LinkedHashMap<>();
    benchmarks.put("rawOkHttp", clients::rawOkHttp);
    benchmarks.put("generatedRetrofit", clients::generatedRetrofit);
    benchmarks.put("facadeSync", clients::facadeSync);
    benchmarks.put("facadeAsync", clients::facadeAsync);
    Map<String, double[]> micros = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Callable<?>> benchmark : benchmarks.entrySet()) {
        burst(pool, threads, benchmark.getValue(), WARMUP_CALLS / threads);
        micros.put(benchmark.getKey(), new double[rounds]);
      }
      List<Map.Entry<String, Callable<?>>> order = new ArrayList<>(benchmarks.entrySet());
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, Callable<?>> benchmark : order) {
          micros.get(benchmark.getKey())[round] = burst(pool, threads, benchmark.getValue(), calls) / 1e3 / calls;
        }
        Collections.reverse(order); // no client always runs first, or always right after another
      }
    } finally {
      pool.shutdownNow();
      clients.tearDown();
    }

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode result =
        json.createObjectNode().put("rounds", rounds).put("callsPerBurst", calls).put("threads", threads);
    double[] raw = micros.get("rawOkHttp");
    for (Map.Entry<String, double[]> entry : micros.entrySet()) {
      double[] ratios = new double[rounds];
      double[] throughputRatios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = entry.getValue()[round] / raw[round];
        throughputRatios[round] = raw[round] / entry.getValue()[round];
      }
      double[] q = quartiles(ratios);
      double[] t = quartiles(throughputRatios);
      ObjectNode node = result.putObject(entry.getKey());
      Arrays.stream(entry.getValue()).forEach(node.putArray("microsPerCall")::add);
      node
          .put("microsPerCallMedian", quartiles(entry.getValue())[1])
          .put("ratioToRawMedian", q[1])
          .put("ratioToRawQ1", q[0])
          .put("ratioToRawQ3", q[2])
          .put("throughputRatioToRawMedian", t[1])
          .put("throughputRatioToRawQ1", t[0])
          .put("throughputRatioToRawQ3", t[2]);
      System.out.printf("interleaved, %d thread(s): %-17s %6.1f µs/call, time %5.3f × rawOkHttp (IQR %5.3f–%5.3f),"
          + " throughput %5.3f ×%n", threads, entry.getKey(), quartiles(entry.getValue())[1], q[1], q[0], q[2], t[1]);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), result);
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

  /** {@code --name value} pairs, in order. */
  static Map<String, String> options(String[] args) {
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
