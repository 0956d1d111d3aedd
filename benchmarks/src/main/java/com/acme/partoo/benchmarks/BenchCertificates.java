package com.acme.partoo.benchmarks;

import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The TLS material of the benchmarks, made once per JVM: a private CA, a server certificate it signs for
 * {@code 127.0.0.1} and {@code localhost} (ECDSA P-256, okhttp-tls's default), what the servers present and what the
 * clients trust (that CA alone: nothing from the JDK's trust store).
 */
public final class BenchCertificates {

  private static BenchCertificates shared;

  private final HandshakeCertificates server;
  private final HandshakeCertificates client;

  private BenchCertificates() {
    HeldCertificate authority = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("partoo-benchmarks CA")
        .build();
    HeldCertificate certificate = new HeldCertificate.Builder()
        .commonName("127.0.0.1")
        .addSubjectAlternativeName("127.0.0.1")
        .addSubjectAlternativeName("localhost")
        .signedBy(authority)
        .build();
    this.server = new HandshakeCertificates.Builder()
        .heldCertificate(certificate, authority.certificate())
        .build();
    this.client = new HandshakeCertificates.Builder()
        .addTrustedCertificate(authority.certificate())
        .build();
  }

  /** The JVM's one set, made on first use. */
  public static synchronized BenchCertificates shared() {
    if (shared == null) {
      shared = new BenchCertificates();
    }
    return shared;
  }

  /** What the servers present: the certificate and its chain. */
  public HandshakeCertificates server() {
    return server;
  }

  /** What the clients trust: the benchmarks' CA only. */
  public HandshakeCertificates client() {
    return client;
  }
}
