package com.acme.partoo.mock.internal;

import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The fake's HTTPS identity, generated when it starts: a CA of its own and a server certificate it signs for
 * {@code localhost} and {@code 127.0.0.1} (ECDSA P-256, valid a day: generated in milliseconds), and what a client
 * needs to trust that CA. A CA rather than a self-signed certificate, as a company's private CA would be: a client
 * trusts the CA, and the server's certificate can change under it.
 */
final class ServerTls {

  /** The names the server certificate holds: the fake's host, and the name a browser or curl would use for it. */
  static final List<String> NAMES = List.of(LoopbackServer.HOST, "localhost");

  private final HeldCertificate authority;
  private final HandshakeCertificates server;
  private final HandshakeCertificates client;

  private ServerTls(HeldCertificate authority, HeldCertificate certificate) {
    this.authority = authority;
    this.server = new HandshakeCertificates.Builder().heldCertificate(certificate, authority.certificate()).build();
    this.client = new HandshakeCertificates.Builder().addTrustedCertificate(authority.certificate()).build();
  }

  static ServerTls generate() {
    HeldCertificate authority = new HeldCertificate.Builder()
        .certificateAuthority(0)
        .commonName("Fake Partoo test CA")
        .build();
    HeldCertificate.Builder certificate = new HeldCertificate.Builder().commonName("localhost").signedBy(authority);
    NAMES.forEach(certificate::addSubjectAlternativeName);
    return new ServerTls(authority, certificate.build());
  }

  /** What the server presents: its certificate and the CA's. */
  SSLSocketFactory serverSockets() {
    return server.sslSocketFactory();
  }

  /** The CA's certificate as PEM: what a client trusts. */
  String certificatePem() {
    return authority.certificatePem();
  }

  /** A client context that trusts the CA and nothing else. */
  SSLContext clientContext() {
    return client.sslContext();
  }

  /** The trust manager of {@link #clientContext()}. */
  X509TrustManager clientTrustManager() {
    return client.trustManager();
  }
}
