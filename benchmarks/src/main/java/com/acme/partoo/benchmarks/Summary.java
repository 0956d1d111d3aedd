package com.acme.partoo.benchmarks;

import com.acme.partoo.benchmarks.outage.OutageTable;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's JSON and the cold-start JSON of one run into a short Markdown summary: a table per benchmark and thread
 * count, the facade/raw ratios against their targets, the server-alone check and the cold start.
 *
 * <p>{@code Summary JMH_JSON INTERLEAVED_JSON[,INTERLEAVED_JSON...] COLD_START_JSON OUT_MD [VIRTUAL_THREADS_JSON]}: one
 * paired-run file per thread count (missing files are skipped); {@link TransportRuns}' files may be listed among them,
 * and make the "Transports and peers" section ({@link TransportTable}). Throughput missing from the JMH results (a quick
 * run measures average time only) is derived as threads / average time, and marked so.
 *
 * <p>{@code Summary --outage OUTAGE_JSON OUT_MD}: the outage simulation's section alone ({@link OutageTable}).
 *
 * <p>{@code Summary --transports TRANSPORTS_JSON[,TRANSPORTS_JSON...] OUT_MD}: the transports section alone.
 */
public final class Summary {

  private static final String[] BENCHMARKS = {"rawOkHttp", "generatedRetrofit", "facadeSync", "facadeAsync",
      "serverAlone"};
  private static final String[] GROUPS = {"OneThread", "SixteenThreads"};
  // Issue 18's targets for facadeSync, read by the JMH table and the paired tables alike.
  private static final double ONE_THREAD_TIME_TARGET = 1.05;
  private static final double SIXTEEN_THREAD_THROUGHPUT_TARGET = 0.95;
  private static final double ALLOCATION_OVER_RETROFIT_TARGET = 1.05;

  private final JsonNode jmh;
  private final List<JsonNode> interleaved;
  private final @Nullable JsonNode coldStart;
  private final StringBuilder out = new StringBuilder();

  private Summary(JsonNode jmh, List<JsonNode> interleaved, @Nullable JsonNode coldStart) {
    this.jmh = jmh;
    this.interleaved = interleaved;
    this.coldStart = coldStart;
  }

  /** See the class comment. */
  public static void main(String[] args) throws IOException {
    ObjectMapper json = new ObjectMapper();
    if (args[0].equals("--outage")) {
      String markdown = "# Benchmark summary\n\n" + OutageTable.markdown(json.readTree(Path.of(args[1]).toFile()));
      Files.writeString(Path.of(args[2]), markdown);
      System.out.print(markdown);
      return;
    }
    if (args[0].equals("--transports")) {
      String markdown = "# Benchmark summary\n\n" + TransportTable.markdown(paired(json, args[1], true));
      Files.writeString(Path.of(args[2]), markdown);
      System.out.print(markdown);
      return;
    }
    JsonNode jmh = json.readTree(Path.of(args[0]).toFile());
    String markdown = new Summary(jmh, paired(json, args[1], false), readIfPresent(json, Path.of(args[2]))).render()
        + TransportTable.markdown(paired(json, args[1], true))
        + (args.length > 4 ? VirtualThreads.summary(readIfPresent(json, Path.of(args[4]))) : "");
    Files.writeString(Path.of(args[3]), markdown);
    System.out.print(markdown);
  }

  /** The paired-run files of a comma-separated list that exist: the transport runs, or the others. */
  private static List<JsonNode> paired(ObjectMapper json, String files, boolean transportRuns) throws IOException {
    List<JsonNode> runs = new ArrayList<>();
    for (String file : files.split(",")) {
      JsonNode paired = readIfPresent(json, Path.of(file));
      if (paired != null && TransportTable.isTransportRun(paired) == transportRuns) {
        runs.add(paired);
      }
    }
    return runs;
  }

  private static @Nullable JsonNode readIfPresent(ObjectMapper json, Path file) throws IOException {
    return Files.exists(file) ? json.readTree(file.toFile()) : null;
  }

  /** A value with JMH's error (99.9% confidence half-width); relative errors add in quadrature through ratios. */
  record Figure(double score, double error, boolean derived) {
    Figure over(Figure other) {
      double ratio = score / other.score;
      double relative = Math.hypot(relativeError(), other.relativeError());
      return new Figure(ratio, ratio * relative, derived || other.derived);
    }

    double relativeError() {
      return Double.isFinite(error) && score != 0 ? error / score : 0;
    }

    String format(String pattern) {
      String text = String.format(Locale.ROOT, pattern, score)
          + (Double.isFinite(error) ? " ± " + String.format(Locale.ROOT, pattern, error) : "");
      return derived ? text + " (derived)" : text;
    }
  }

  private String render() {
    out.append("# Benchmark summary\n\n");
    JsonNode first = jmh.path(0);
    out.append(String.format(Locale.ROOT, "JMH %s, %s %s, %d fork(s), %d×%s warm-up, %d×%s measurement, `-prof gc`; "
            + "%d cores. Errors are JMH's 99.9%% confidence half-widths; ratios come from this run only.%n%n",
        first.path("jmhVersion").asText(), first.path("vmName").asText(), first.path("jdkVersion").asText(),
        first.path("forks").asInt(), first.path("warmupIterations").asInt(), first.path("warmupTime").asText(),
        first.path("measurementIterations").asInt(), first.path("measurementTime").asText(),
        Runtime.getRuntime().availableProcessors()));
    table();
    ratios();
    interleaved();
    coldStart();
    return out.toString();
  }

  private void table() {
    out.append("| benchmark | threads | avg time (µs/call) | throughput (calls/s) | allocation (B/call) |\n");
    out.append("|---|---:|---:|---:|---:|\n");
    for (String group : GROUPS) {
      for (String benchmark : BENCHMARKS) {
        Figure avg = averageTime(group, benchmark);
        if (avg == null) {
          continue;
        }
        Figure throughput = throughput(group, benchmark);
        Figure alloc = allocation(group, benchmark);
        out.append("| ").append(group).append('.').append(benchmark)
            .append(" | ").append(threads(group))
            .append(" | ").append(avg.format("%.1f"))
            .append(" | ").append(throughput == null ? "-" : throughput.format("%.0f"))
            .append(" | ").append(alloc == null ? "-" : alloc.format("%.0f"))
            .append(" |\n");
      }
    }
    out.append('\n');
  }

  private void ratios() {
    out.append("## Facade against raw OkHttp (targets from the issue)\n\n");
    out.append("| ratio | value | target | |\n|---|---:|---:|---|\n");
    ratio("facadeSync / rawOkHttp, avg time, 1 thread", averageTime("OneThread", "facadeSync"),
        averageTime("OneThread", "rawOkHttp"), ONE_THREAD_TIME_TARGET, true);
    ratio("facadeSync / rawOkHttp, throughput, 16 threads", throughput("SixteenThreads", "facadeSync"),
        throughput("SixteenThreads", "rawOkHttp"), SIXTEEN_THREAD_THROUGHPUT_TARGET, false);
    ratio("facadeSync / rawOkHttp, allocation, 1 thread", allocation("OneThread", "facadeSync"),
        allocation("OneThread", "rawOkHttp"), 1.5, true);
    ratio("facadeSync / rawOkHttp, allocation, 16 threads", allocation("SixteenThreads", "facadeSync"),
        allocation("SixteenThreads", "rawOkHttp"), 1.5, true);
    ratio("facadeAsync / rawOkHttp, avg time, 1 thread", averageTime("OneThread", "facadeAsync"),
        averageTime("OneThread", "rawOkHttp"), Double.NaN, true);
    ratio("facadeAsync / rawOkHttp, throughput, 16 threads", throughput("SixteenThreads", "facadeAsync"),
        throughput("SixteenThreads", "rawOkHttp"), Double.NaN, false);
    ratio("generatedRetrofit / rawOkHttp, avg time, 1 thread", averageTime("OneThread", "generatedRetrofit"),
        averageTime("OneThread", "rawOkHttp"), Double.NaN, true);
    ratio("generatedRetrofit / rawOkHttp, allocation, 1 thread", allocation("OneThread", "generatedRetrofit"),
        allocation("OneThread", "rawOkHttp"), Double.NaN, true);
    ratio("facadeSync / generatedRetrofit, allocation, 1 thread", allocation("OneThread", "facadeSync"),
        allocation("OneThread", "generatedRetrofit"), ALLOCATION_OVER_RETROFIT_TARGET, true);
    ratio("serverAlone / rawOkHttp, throughput, 1 thread", throughput("OneThread", "serverAlone"),
        throughput("OneThread", "rawOkHttp"), Double.NaN, false);
    ratio("serverAlone / rawOkHttp, throughput, 16 threads", throughput("SixteenThreads", "serverAlone"),
        throughput("SixteenThreads", "rawOkHttp"), Double.NaN, false);
    out.append("\nThe server is not the bottleneck when `serverAlone` (the same server with a raw-socket client that "
        + "allocates nothing) runs several times faster than `rawOkHttp`: what the client benchmarks measure is then "
        + "the client.\n\n");
  }

  private void ratio(String name, @Nullable Figure a, @Nullable Figure b, double target, boolean atMost) {
    if (a == null || b == null) {
      return;
    }
    Figure r = a.over(b);
    out.append("| ").append(name).append(" | ").append(r.format("%.3f")).append(" | ");
    if (Double.isNaN(target)) {
      out.append("- | |\n");
      return;
    }
    boolean met = atMost ? r.score <= target : r.score >= target;
    boolean sure = atMost ? r.score + r.error <= target || r.score - r.error > target
        : r.score - r.error >= target || r.score + r.error < target;
    out.append(atMost ? "≤ " : "≥ ").append(target).append(" | ").append(met ? "met" : "**missed**")
        .append(sure ? "" : " (within error)").append(" |\n");
  }

  private void interleaved() {
    for (JsonNode paired : interleaved) {
      int threads = paired.path("threads").asInt(1);
      boolean latency = threads == 1;
      String label = Interleaved.labelled(paired.path("label").asText(""));
      out.append(latency ? "## One-thread latency, paired (Interleaved" + label + ")\n\n"
          : "## " + threads + "-thread throughput, paired (Interleaved --threads " + threads + ")\n\n");
      out.append(String.format(Locale.ROOT, "%d rounds of %d calls per client%s, alternating in one JVM; medians over"
          + " rounds (IQR of the per-round ratio in brackets).%n%n", paired.path("rounds").asInt(),
          paired.path("callsPerBurst").asInt(), latency ? "" : " on each of " + threads + " threads"));
      out.append(latency
          ? "| benchmark | µs/call | ratio to rawOkHttp | ratio to generatedRetrofit | target |\n"
              + "|---|---:|---:|---:|---|\n"
          : "| benchmark | µs/call per thread | throughput ratio to rawOkHttp | target |\n|---|---:|---:|---|\n");
      String prefix = latency ? "ratioToRaw" : "throughputRatioToRaw";
      for (String benchmark : BENCHMARKS) {
        JsonNode node = paired.path(benchmark);
        if (node.isMissingNode()) {
          continue;
        }
        double ratio = node.path(prefix + "Median").asDouble();
        String target = !benchmark.equals("facadeSync") ? ""
            : latency ? "≤ " + ONE_THREAD_TIME_TARGET + (ratio <= ONE_THREAD_TIME_TARGET ? ": met" : ": **missed**")
            : "≥ " + SIXTEEN_THREAD_THROUGHPUT_TARGET
                + (ratio >= SIXTEEN_THREAD_THROUGHPUT_TARGET ? ": met" : ": **missed**");
        String overRetrofit = !latency ? "" : String.format(Locale.ROOT, " %.3f (%.3f–%.3f) |",
            node.path("ratioToGeneratedRetrofitMedian").asDouble(), node.path("ratioToGeneratedRetrofitQ1").asDouble(),
            node.path("ratioToGeneratedRetrofitQ3").asDouble());
        out.append(String.format(Locale.ROOT, "| %s | %.1f | %.3f (%.3f–%.3f) |%s %s |%n", benchmark,
            node.path("microsPerCallMedian").asDouble(), ratio, node.path(prefix + "Q1").asDouble(),
            node.path(prefix + "Q3").asDouble(), overRetrofit, target));
      }
      out.append('\n');
    }
  }

  private void coldStart() {
    out.append("## CLI cold start (to the token printed)\n\n");
    if (coldStart == null) {
      out.append("Not measured in this run.\n");
      return;
    }
    out.append("Medians of ").append(coldStart.path("runs").asInt())
        .append(" launches each, alternated; peak RSS from `/usr/bin/time -f %M`.\n\n");
    out.append("| what | Java | median (ms) | min–max (ms) | peak RSS median (MiB) |\n|---|---|---:|---:|---:|\n");
    List<JsonNode> variants = new ArrayList<>();
    coldStart.path("variants").forEach(variants::add);
    for (JsonNode v : variants) {
      out.append(String.format(Locale.ROOT, "| %s | %s | %d | %d–%d | %.1f |%n", v.path("name").asText(),
          v.path("java").asText(), v.path("millisMedian").asLong(), v.path("millisMin").asLong(),
          v.path("millisMax").asLong(), v.path("rssKibMedian").asLong() / 1024.0));
    }
    out.append("\n| ratio | value | target | |\n|---|---:|---:|---|\n");
    for (JsonNode hello : variants) {
      if (!hello.path("name").asText().equals("hello world")) {
        continue;
      }
      for (JsonNode cli : variants) {
        if (cli != hello && cli.path("java").asText().equals(hello.path("java").asText())
            && !cli.path("name").asText().equals("hello world")) {
          double r = cli.path("millisMedian").asDouble() / hello.path("millisMedian").asDouble();
          out.append(String.format(Locale.ROOT, "| %s / hello world, Java %s | %.1f× | ≤ 3× | %s |%n",
              cli.path("name").asText(), hello.path("java").asText(), r, r <= 3 ? "met" : "**missed**"));
        }
      }
    }
    out.append('\n');
  }

  private @Nullable Figure averageTime(String group, String benchmark) {
    JsonNode result = find(group, benchmark, "avgt");
    return result == null ? null : primary(result);
  }

  /** Calls per second: measured if the run had throughput mode, else threads / average time. */
  private @Nullable Figure throughput(String group, String benchmark) {
    JsonNode result = find(group, benchmark, "thrpt");
    if (result != null) {
      Figure perMicro = primary(result);
      return new Figure(perMicro.score * 1e6, perMicro.error * 1e6, false);
    }
    Figure avg = averageTime(group, benchmark);
    if (avg == null) {
      return null;
    }
    double calls = threads(group) / avg.score * 1e6;
    return new Figure(calls, calls * avg.relativeError(), true);
  }

  private @Nullable Figure allocation(String group, String benchmark) {
    JsonNode result = find(group, benchmark, "avgt");
    if (result == null) {
      result = find(group, benchmark, "thrpt");
    }
    if (result == null || !result.path("secondaryMetrics").has("gc.alloc.rate.norm")) {
      return null;
    }
    JsonNode metric = result.path("secondaryMetrics").path("gc.alloc.rate.norm");
    return new Figure(metric.path("score").asDouble(), errorOf(metric), false);
  }

  private static Figure primary(JsonNode result) {
    JsonNode metric = result.path("primaryMetric");
    return new Figure(metric.path("score").asDouble(), errorOf(metric), false);
  }

  private static double errorOf(JsonNode metric) {
    return metric.path("scoreError").isNumber() ? metric.path("scoreError").asDouble() : Double.NaN;
  }

  private @Nullable JsonNode find(String group, String benchmark, String mode) {
    String name = "com.acme.partoo.benchmarks." + group + "." + benchmark;
    for (JsonNode result : jmh) {
      if (result.path("benchmark").asText().equals(name) && result.path("mode").asText().equals(mode)) {
        return result;
      }
    }
    return null;
  }

  private static int threads(String group) {
    return group.equals("OneThread") ? 1 : 16;
  }
}
