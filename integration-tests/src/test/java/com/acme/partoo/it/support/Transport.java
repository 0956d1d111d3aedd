package com.acme.partoo.it.support;

import java.util.Arrays;
import java.util.stream.Stream;

/**
 * How the client reaches the test server: the integration suite's core cases run in each, as Partoo is reached in
 * production (HTTPS, HTTP/2 or HTTP/1.1 through ALPN) and as the tests used to run (cleartext on loopback). Which ones
 * a build runs is {@link #selected()}.
 */
public enum Transport {
  /** Plain HTTP/1.1 on loopback. */
  CLEARTEXT_HTTP1("cleartext HTTP/1.1"),
  /** HTTPS, the server offering HTTP/1.1 only. */
  TLS_HTTP1("TLS HTTP/1.1"),
  /** HTTPS, HTTP/2 negotiated through ALPN. */
  TLS_HTTP2("TLS HTTP/2");

  private final String shown;

  Transport(String shown) {
    this.shown = shown;
  }

  /**
   * The transports the system property {@code partoo.it.transports} names (comma-separated), every one when it is
   * absent: the nested spec-fixture builds, which test what a vendor bundle changes, run cleartext only, since the
   * bundle decides nothing about the transport. For {@code @MethodSource}.
   */
  public static Stream<Transport> selected() {
    String names = System.getProperty("partoo.it.transports", "");
    if (names.isBlank()) {
      return Arrays.stream(values());
    }
    return Arrays.stream(names.split(",")).map(String::strip).map(Transport::valueOf);
  }

  public boolean tls() {
    return this != CLEARTEXT_HTTP1;
  }

  /** How a test report shows it. */
  @Override
  public String toString() {
    return shown;
  }
}
