package com.acme.partoo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The observability listeners' cost from one run, against their targets: time per call over the bare facade's, from
 * the paired runs' per-round ratios (median and interquartile range), and allocation per call over the bare facade's,
 * from JMH's {@code -prof gc} at one thread.
 *
 * <p>{@code ObservedSummary JMH_JSON INTERLEAVED_JSON... OUT_MD} (any number of paired runs: one thread, 16 threads,
 * one CPU); a missing file is skipped.
 */
public final class ObservedSummary {

  private static final String BASELINE = "facadeSync";
  private static final String[] CLIENTS = {"facadeMicrometer", "facadeOpenTelemetry"};
  private static final double[] TIME_TARGETS = {1.03, 1.10};
  private static final double ALLOCATION_TARGET_BYTES = 1024;

  private ObservedSummary() {}

  /** See the class comment. */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    StringBuilder out = new StringBuilder("## Observability listeners against the bare facade\n\n");
    out.append("| client | threads | µs/call (median) | time / facadeSync, median (IQR) | target |\n")
        .append("|---|---:|---:|---:|---|\n");
    for (int file = 1; file < args.length - 1; file++) {
      Path path = Path.of(args[file]);
      if (!Files.exists(path)) {
        continue;
      }
      JsonNode paired = json.readTree(path.toFile());
      double[] baseline = micros(paired.path(BASELINE));
      for (int c = 0; c < CLIENTS.length; c++) {
        double[] client = micros(paired.path(CLIENTS[c]));
        if (client.length == 0 || client.length != baseline.length) {
          continue;
        }
        double[] ratios = new double[client.length];
        for (int round = 0; round < ratios.length; round++) {
          ratios[round] = client[round] / baseline[round];
        }
        double[] q = Interleaved.quartiles(ratios);
        boolean oneThread = paired.path("threads").asInt() == 1;
        out.append(String.format(Locale.ROOT, "| %s | %d%s | %.1f | %.3f (%.3f–%.3f) | %s |%n", CLIENTS[c],
            paired.path("threads").asInt(), Interleaved.labelled(paired.path("label").asText("")),
            Interleaved.quartiles(client)[1], q[1], q[0], q[2],
            oneThread ? "≤ " + TIME_TARGETS[c] + ": " + (q[1] <= TIME_TARGETS[c] ? "met" : "**missed**") : "—"));
      }
    }
    Path jmhFile = Path.of(args[0]);
    if (Files.exists(jmhFile)) {
      JsonNode jmh = json.readTree(jmhFile.toFile());
      double bare = allocation(jmh, "OneThread." + BASELINE);
      out.append("\n| client | allocation, 1 thread (B/call) | over facadeSync (B/call) | target |\n")
          .append("|---|---:|---:|---|\n")
          .append(String.format(Locale.ROOT, "| %s | %.0f | — | — |%n", BASELINE, bare));
      for (String client : CLIENTS) {
        double bytes = allocation(jmh, "ObservedOneThread." + client);
        boolean micrometer = client.equals("facadeMicrometer");
        out.append(String.format(Locale.ROOT, "| %s | %.0f | %+.0f | %s |%n", client, bytes, bytes - bare,
            !micrometer ? "—" : "≤ +1 kB: " + (bytes - bare <= ALLOCATION_TARGET_BYTES ? "met" : "**missed**")));
      }
    }
    Files.writeString(Path.of(args[args.length - 1]), out);
    System.out.print(out);
  }

  private static double[] micros(JsonNode client) {
    JsonNode values = client.path("microsPerCall");
    double[] micros = new double[values.size()];
    for (int i = 0; i < micros.length; i++) {
      micros[i] = values.get(i).asDouble();
    }
    return micros;
  }

  /** {@code gc.alloc.rate.norm} of the average-time result of {@code Group.benchmark}; NaN if absent. */
  private static double allocation(JsonNode jmh, String benchmark) {
    for (JsonNode result : jmh) {
      if (result.path("benchmark").asText().endsWith("." + benchmark) && result.path("mode").asText().equals("avgt")) {
        return result.path("secondaryMetrics").path("gc.alloc.rate.norm").path("score").asDouble(Double.NaN);
      }
    }
    return Double.NaN;
  }
}
