package com.acme.partoo.benchmarks;

/**
 * A loopback server that answers {@code generate_token} with one canned Partoo body, whatever the transport, and counts
 * the connections and handshakes its clients cost it.
 */
public interface TokenServer extends AutoCloseable {

  /** {@code http(s)://127.0.0.1:PORT/v2}, the base URL the clients are given (no trailing slash). */
  String baseUrl();

  /** The connections and TLS handshakes so far, with what each negotiated. */
  ConnectionCounts counts();

  /** Which server this is and how it serves, for the summary: which server served which row. */
  String description();

  /** Stops serving. */
  @Override
  void close() throws Exception;
}
