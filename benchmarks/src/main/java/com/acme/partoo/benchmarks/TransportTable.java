package com.acme.partoo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The "Transports and peers" section of {@code summary.md}, from {@link TransportRuns}' files (one at one thread, one
 * at 16): a row per transport and client with its one-thread time ratio and 16-thread throughput ratio to raw OkHttp of
 * the same transport, the TCP connections and TLS handshakes per 1,000 measured calls the server counted, and what the
 * client's connections negotiated; then which server served which transport.
 */
final class TransportTable {

  private TransportTable() {}

  /** True for a {@link TransportRuns} file (the other paired files have no {@code transports}). */
  static boolean isTransportRun(JsonNode paired) {
    return paired.has("transports");
  }

  /** The section, from {@code ## Transports and peers} on; nothing if {@code runs} is empty. */
  static String markdown(List<JsonNode> runs) {
    if (runs.isEmpty()) {
      return "";
    }
    JsonNode oneThread = null;
    JsonNode threads = null;
    for (JsonNode run : runs) {
      if (run.path("threads").asInt(1) == 1) {
        oneThread = run;
      } else {
        threads = run;
      }
    }
    StringBuilder out = new StringBuilder("## Transports and peers (TransportRuns)\n\n");
    for (JsonNode run : runs) {
      out.append(String.format(Locale.ROOT, "- %d thread(s)%s: %d rounds of %d calls per client%s after %d warm-up "
              + "calls each, every client of every transport alternating in one JVM (Java %s).%n",
          run.path("threads").asInt(), Interleaved.labelled(run.path("label").asText("")), run.path("rounds").asInt(),
          run.path("callsPerBurst").asInt(),
          run.path("threads").asInt() > 1 ? " on each thread" : "", run.path("warmupCallsPerClient").asInt(),
          run.path("java").asText()));
    }
    int many = threads == null ? 16 : threads.path("threads").asInt();
    out.append("\nMedians of per-round ratios to `rawOkHttp` over the same transport (IQR in brackets); connections and "
        + "handshakes counted by the server in the measured rounds, per 1,000 calls, at 1 / " + many + " threads.\n\n");
    out.append("| transport | client | negotiated | µs/call, 1 thread | time / rawOkHttp, 1 thread | throughput / "
        + "rawOkHttp, " + many + " threads | TCP connections per 1,000 calls | TLS handshakes per 1,000 calls |\n"
        + "|---|---|---|---:|---:|---:|---:|---:|\n");
    Map<String, String> servers = new LinkedHashMap<>();
    for (String transport : transports(runs)) {
      JsonNode one = oneThread == null ? null : oneThread.path("transports").path(transport);
      JsonNode sixteen = threads == null ? null : threads.path("transports").path(transport);
      JsonNode any = one != null && !one.isMissingNode() ? one : sixteen;
      servers.merge(any.path("server").asText(), any.path("title").asText(), (a, b) -> a + ", " + b);
      for (String client : TransportRuns.CLIENTS) {
        JsonNode a = row(one, client);
        JsonNode b = row(sixteen, client);
        if (a == null && b == null) {
          continue;
        }
        out.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s / %s | %s / %s |%n",
            any.path("title").asText(), client, negotiated(a, b),
            a == null ? "-" : String.format(Locale.ROOT, "%.1f", a.path("microsPerCallMedian").asDouble()),
            ratio(a, "ratioToRaw"), ratio(b, "throughputRatioToRaw"), perThousand(a, "connectionsPer1000"),
            perThousand(b, "connectionsPer1000"), perThousand(a, "handshakesPer1000"),
            perThousand(b, "handshakesPer1000")));
      }
    }
    List<String> failed = new ArrayList<>();
    for (JsonNode run : runs) {
      run.path("transports").fields().forEachRemaining(transport -> {
        for (String client : TransportRuns.CLIENTS) {
          JsonNode row = transport.getValue().path(client);
          if (row.path("failedCalls").asLong() > 0) {
            failed.add(String.format(Locale.ROOT, "%s over %s at %d thread(s): %d (first: %s)", client,
                transport.getValue().path("title").asText(), run.path("threads").asInt(),
                row.path("failedCalls").asLong(), row.path("firstFailure").asText()));
          }
        }
      });
    }
    if (!failed.isEmpty()) {
      out.append("\nFailed calls (warm-up included; a failed call counts as one, of the time it took): ")
          .append(String.join("; ", failed)).append(".\n");
    }
    out.append("\nServers: ");
    List<String> served = new ArrayList<>();
    servers.forEach((server, titles) -> served.add(titles + " by " + server));
    out.append(String.join("; ", served)).append(".\n\n");
    return out.toString();
  }

  /** The transports' ids, in the order the runs list them. */
  private static Set<String> transports(List<JsonNode> runs) {
    Set<String> ids = new LinkedHashSet<>();
    for (JsonNode run : runs) {
      run.path("transports").fieldNames().forEachRemaining(ids::add);
    }
    return ids;
  }

  private static @Nullable JsonNode row(@Nullable JsonNode transport, String client) {
    if (transport == null || !transport.has(client)) {
      return null;
    }
    return transport.path(client);
  }

  private static String ratio(@Nullable JsonNode row, String prefix) {
    if (row == null) {
      return "-";
    }
    return String.format(Locale.ROOT, "%.3f (%.3f–%.3f)", row.path(prefix + "Median").asDouble(),
        row.path(prefix + "Q1").asDouble(), row.path(prefix + "Q3").asDouble());
  }

  private static String perThousand(@Nullable JsonNode row, String field) {
    return row == null ? "-" : String.format(Locale.ROOT, "%.1f", row.path(field).asDouble());
  }

  /** What the client's connections negotiated in either run, e.g. {@code TLSv1.3 h2}. */
  private static String negotiated(@Nullable JsonNode a, @Nullable JsonNode b) {
    Set<String> labels = new LinkedHashSet<>();
    for (JsonNode row : new JsonNode[] {a, b}) {
      if (row != null) {
        Iterator<String> names = row.path("negotiated").fieldNames();
        names.forEachRemaining(labels::add);
      }
    }
    return labels.isEmpty() ? "-" : String.join(", ", labels);
  }
}
