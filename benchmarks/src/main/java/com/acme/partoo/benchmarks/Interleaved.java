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

/**
 * A paired check of the one-thread latency ratios, for a machine whose background load drifts: JMH measures one
 * benchmark after another, so a neighbour's build running during {@code facadeSync} but not during {@code rawOkHttp}
 * skews their ratio. Here short bursts of each client alternate, round after round, in one JVM on one thread; each
 * round gives a ratio from bursts a few milliseconds apart (100 calls each by default, the order reversed every round),
 * and the median over rounds is robust to load spikes.
 *
 * <p>{@code Interleaved --rounds N --calls N --out FILE}: writes, per client, the median µs per call over rounds, and
 * the median and interquartile range of the per-round ratios to {@code rawOkHttp}.
 */
public final class Interleaved {

  private static final int WARMUP_CALLS = 40_000;

  private Interleaved() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      options.put(args[i], args[i + 1]);
    }
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "300"));
    int calls = Integer.parseInt(options.getOrDefault("--calls", "100"));
    Path out = Path.of(options.getOrDefault("--out", "target/interleaved.json"));

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
        burst(benchmark.getValue(), WARMUP_CALLS);
        micros.put(benchmark.getKey(), new double[rounds]);
      }
      List<Map.Entry<String, Callable<?>>> order = new ArrayList<>(benchmarks.entrySet());
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, Callable<?>> benchmark : order) {
          micros.get(benchmark.getKey())[round] = burst(benchmark.getValue(), calls) / 1e3 / calls;
        }
        Collections.reverse(order); // no client always runs first, or always right after another
      }
    } finally {
      clients.tearDown();
    }

    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    ObjectNode result = json.createObjectNode().put("rounds", rounds).put("callsPerBurst", calls);
    double[] raw = micros.get("rawOkHttp");
    for (Map.Entry<String, double[]> entry : micros.entrySet()) {
      double[] ratios = new double[rounds];
      for (int round = 0; round < rounds; round++) {
        ratios[round] = entry.getValue()[round] / raw[round];
      }
      double[] q = quartiles(ratios);
      ObjectNode node = result.putObject(entry.getKey());
      Arrays.stream(entry.getValue()).forEach(node.putArray("microsPerCall")::add);
      node
          .put("microsPerCallMedian", quartiles(entry.getValue())[1])
          .put("ratioToRawMedian", q[1])
          .put("ratioToRawQ1", q[0])
          .put("ratioToRawQ3", q[2]);
      System.out.printf("interleaved %-17s %6.1f µs/call, %5.3f × rawOkHttp (IQR %5.3f–%5.3f)%n", entry.getKey(),
          quartiles(entry.getValue())[1], q[1], q[0], q[2]);
    }
    Files.createDirectories(out.toAbsolutePath().getParent());
    json.writeValue(out.toFile(), result);
  }

  private static long burst(Callable<?> call, int count) throws Exception {
    List<Object> sink = new ArrayList<>(1);
    long start = System.nanoTime();
    for (int i = 0; i < count; i++) {
      Object token = call.call();
      if (token == null) {
        sink.add(null); // never: keeps the call from looking unused
      }
    }
    return System.nanoTime() - start + sink.size();
  }

  /** First quartile, median, third quartile (nearest rank). */
  private static double[] quartiles(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int n = sorted.length;
    return new double[] {sorted[(n - 1) / 4], sorted[(n - 1) / 2], sorted[(3 * (n - 1)) / 4]};
  }
}
