package com.acme.partoo.benchmarks.outage;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The Markdown section of {@code summary.md} for an {@code outage.json}: the set-up, a table of every phase of every
 * run, and each run's verdict on the targets. Reads the JSON, so it renders any earlier run's file too.
 */
public final class OutageTable {

  private OutageTable() {}

  /** The section, from {@code ## Outage simulation} on. */
  public static String markdown(JsonNode report) {
    StringBuilder out = new StringBuilder("## Outage simulation (`run.sh --outage`)\n\n");
    JsonNode setup = report.path("setup");
    JsonNode machine = report.path("machine");
    out.append(String.format(Locale.ROOT, "%d clients × %d threads doing page views (deadline %d ms, think %d ms), "
            + "server latency %d ms; healthy %s s → outage %s s → healthy until recovered + %s s (at most %s s). "
            + "%s, %d cores, load average %s before, %s after; %s s in all.%n%n",
        setup.path("clients").asInt(), setup.path("threadsPerClient").asInt(), setup.path("deadlineMillis").asInt(),
        setup.path("thinkMillis").asInt(), setup.path("latencyMillis").asInt(), number(setup.path("healthySeconds")),
        number(setup.path("outageSeconds")), number(setup.path("settleSeconds")),
        number(setup.path("afterMaxSeconds")), machine.path("java").asText(), machine.path("cores").asInt(),
        firstThree(machine.path("loadAverageBefore")), firstThree(machine.path("loadAverageAfter")),
        number(machine.path("seconds"))));
    out.append("Page views belong to the phase they ended in, requests to the phase they arrived in; throughput is the "
        + "fleet's. Recovery: from Partoo healthy again to the start of the first one-second window with ≥ 99% "
        + "successful page views.\n\n");
    out.append("| outage | policy | phase | page views/s | success | p50 (ms) | p99 (ms) | max (ms) | requests / page "
        + "view |\n|---|---|---|---:|---:|---:|---:|---:|---:|\n");
    for (JsonNode run : report.path("runs")) {
      for (JsonNode phase : run.path("phases")) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %.0f | %s | %s | %s | %s | %s |%n",
            run.path("kind").asText(), run.path("policy").asText(), phase.path("name").asText(),
            phase.path("pageViewsPerSecond").asDouble(), percent(phase.path("successPercent")),
            number(phase.path("p50Millis")), number(phase.path("p99Millis")), number(phase.path("maxMillis")),
            number(phase.path("requestsPerPageView"))));
      }
    }
    out.append("\n| outage | policy | target | value | limit | |\n|---|---|---|---:|---|---|\n");
    for (JsonNode run : report.path("runs")) {
      for (JsonNode verdict : run.path("verdicts")) {
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s |%n", run.path("kind").asText(),
            run.path("policy").asText(), verdict.path("target").asText(), number(verdict.path("value")),
            verdict.path("limit").asText(), verdict.path("met").asBoolean() ? "met" : "**missed**"));
      }
    }
    out.append("\nWhat the JVM lost meanwhile (a stall delays every thread alike: a page view late by no more than it was "
        + "late because of the machine):\n\n| outage | policy | longest stall (ms) | GC collections | GC time (ms) |\n"
        + "|---|---|---:|---:|---:|\n");
    for (JsonNode run : report.path("runs")) {
      JsonNode lost = run.path("lost");
      out.append(String.format(Locale.ROOT, "| %s | %s | %s | %d | %d |%n", run.path("kind").asText(),
          run.path("policy").asText(), number(lost.path("longestStallMillis")), lost.path("collections").asLong(),
          lost.path("collectionMillis").asLong()));
    }
    out.append('\n');
    for (JsonNode run : report.path("runs")) {
      JsonNode limit = run.path("rateLimit");
      if (limit.isObject()) {
        out.append(String.format(Locale.ROOT, "429 storm, %s: requests per client sent before its first 429 "
                + "reached it %s; then per %d s window %s.%n", run.path("policy").asText(),
            limit.path("beforeFirstAnswer"), limit.path("retryAfterSeconds").asInt(), limit.path("perWindow")));
      }
    }
    out.append("\nPolicies:\n");
    Set<String> listed = new LinkedHashSet<>();
    for (JsonNode run : report.path("runs")) {
      if (listed.add(run.path("policy").asText())) {
        out.append("- `").append(run.path("policy").asText()).append("`: ").append(run.path("policyDetail").asText())
            .append('\n');
      }
    }
    return out.append('\n').toString();
  }

  private static String number(JsonNode value) {
    if (!value.isNumber()) {
      return "-";
    }
    double v = value.asDouble();
    return v == Math.rint(v) && Math.abs(v) < 1e6 ? String.valueOf((long) v)
        : Math.abs(v) >= 100 ? String.format(Locale.ROOT, "%.0f", v)
        : Math.abs(v) >= 1 ? String.format(Locale.ROOT, "%.1f", v)
        : String.format(Locale.ROOT, "%.3f", v);
  }

  private static String percent(JsonNode value) {
    return value.isNumber() ? String.format(Locale.ROOT, "%.1f%%", value.asDouble()) : "-";
  }

  private static String firstThree(JsonNode loadAverage) {
    String[] fields = loadAverage.asText().split(" ");
    return fields.length < 3 ? loadAverage.asText() : fields[0] + " " + fields[1] + " " + fields[2];
  }
}
