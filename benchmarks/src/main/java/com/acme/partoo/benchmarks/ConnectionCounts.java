package com.acme.partoo.benchmarks;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLSession;

/**
 * What a benchmark server counts, whoever the client: TCP connections accepted, TLS handshakes completed, and what each
 * connection negotiated ({@code "TLSv1.3 h2"}, {@code "TLSv1.3 http/1.1 (no ALPN)"}, {@code "cleartext http/1.1"}).
 * Counted at the server because that is the one place that holds for every client, OkHttp-based or not. Thread-safe.
 */
public final class ConnectionCounts {

  private final LongAdder connections = new LongAdder();
  private final LongAdder handshakes = new LongAdder();
  private final Map<String, LongAdder> negotiated = new ConcurrentHashMap<>();

  /** A TCP connection was accepted. */
  void connected() {
    connections.increment();
  }

  /** A cleartext connection will speak HTTP/1.1: recorded as what it negotiated. */
  void cleartext() {
    negotiated("cleartext http/1.1");
  }

  /**
   * A TLS handshake completed on {@code session}, with {@code alpn} the protocol ALPN selected: empty (or null) when the
   * client offered none, and the connection then speaks the server's default, HTTP/1.1.
   */
  void handshake(SSLSession session, String alpn) {
    handshakes.increment();
    negotiated(session.getProtocol() + " " + (alpn == null || alpn.isEmpty() ? "http/1.1 (no ALPN)" : alpn));
  }

  private void negotiated(String what) {
    negotiated.computeIfAbsent(what, key -> new LongAdder()).increment();
  }

  /** The counts so far. */
  public Snapshot snapshot() {
    Map<String, Long> copy = new TreeMap<>();
    negotiated.forEach((what, count) -> copy.put(what, count.sum()));
    return new Snapshot(connections.sum(), handshakes.sum(), Collections.unmodifiableMap(copy));
  }

  /** Counts at one moment, {@code negotiated} sorted by name; {@link #minus} gives what happened between two. */
  public record Snapshot(long connections, long handshakes, Map<String, Long> negotiated) {

    /** Nothing counted. */
    public static final Snapshot NONE = new Snapshot(0, 0, Map.of());

    /** What was counted after {@code earlier} and up to this one. */
    public Snapshot minus(Snapshot earlier) {
      return plus(earlier, -1);
    }

    /** Both together. */
    public Snapshot plus(Snapshot other) {
      return plus(other, 1);
    }

    private Snapshot plus(Snapshot other, int sign) {
      Map<String, Long> sum = new TreeMap<>(negotiated);
      other.negotiated.forEach((what, count) -> sum.merge(what, sign * count, Long::sum));
      sum.values().removeIf(count -> count == 0);
      return new Snapshot(connections + sign * other.connections, handshakes + sign * other.handshakes,
          Collections.unmodifiableMap(sum));
    }
  }
}
