package com.acme.partoo.benchmarks;

import java.util.Locale;
import okhttp3.tls.HandshakeCertificates;
import org.jspecify.annotations.Nullable;

/**
 * The three ways to reach Partoo that the transport runs measure, each with the server that serves it to every client
 * of a run: cleartext HTTP/1.1 and TLS HTTP/1.1 on the {@link CannedTokenServer}, TLS HTTP/2 on Jetty
 * ({@link JettyTokenServer}), which a client that offers no ALPN reaches over HTTP/1.1.
 */
public enum Transport {
  CLEARTEXT_H1("cleartext HTTP/1.1"),
  TLS_H1("TLS HTTP/1.1"),
  TLS_H2("TLS HTTP/2");

  private final String title;

  Transport(String title) {
    this.title = title;
  }

  /** Its name on command lines and in JSON: {@code cleartext-h1}, {@code tls-h1}, {@code tls-h2}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** Its name in tables: {@code TLS HTTP/2}. */
  public String title() {
    return title;
  }

  /** The transport with that {@link #id()}. */
  public static Transport of(String id) {
    for (Transport transport : values()) {
      if (transport.id().equals(id)) {
        return transport;
      }
    }
    throw new IllegalArgumentException("no transport " + id + ": cleartext-h1, tls-h1 or tls-h2");
  }

  /** Starts a server of its own for this transport, on a free loopback port. */
  public TokenServer startServer() {
    HandshakeCertificates certificates = BenchCertificates.shared().server();
    switch (this) {
      case CLEARTEXT_H1:
        return CannedTokenServer.start();
      case TLS_H1:
        return CannedTokenServer.startTls(certificates);
      default:
        return JettyTokenServer.start(certificates);
    }
  }

  /** Where a client reaches {@code server} and what it trusts there. */
  public Endpoint endpoint(TokenServer server) {
    return new Endpoint(server.baseUrl(), this == CLEARTEXT_H1 ? null : BenchCertificates.shared().client());
  }

  /** A base URL and the trust a client needs for it: the benchmarks' CA over TLS, nothing in cleartext. */
  public record Endpoint(String baseUrl, @Nullable HandshakeCertificates trust) {}
}
