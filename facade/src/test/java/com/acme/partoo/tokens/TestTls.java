package com.acme.partoo.tokens;

import java.security.cert.X509Certificate;
import javax.net.ssl.SSLSocketFactory;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A private CA and the server certificates it signs, made once per test JVM (ECDSA P-256: milliseconds), as a company
 * CA would sign Partoo's endpoint behind its TLS-inspecting proxy. Nothing here is a secret worth keeping.
 */
final class TestTls {

  /** The private CA a client must be told to trust. */
  static final HeldCertificate CA = new HeldCertificate.Builder()
      .certificateAuthority(0)
      .commonName("Partoo test CA")
      .build();

  /** A server certificate for 127.0.0.1 only (not localhost: the hostname-mismatch tests use that name). */
  static final HeldCertificate LOOPBACK = serverCertificate("127.0.0.1");

  /** A server certificate for {@code partoo.test} only (a name reached through a proxy), signed by {@link #CA}. */
  static final HeldCertificate PARTOO_TEST = serverCertificate("partoo.test");

  private TestTls() {}

  /** A certificate for {@code names}, signed by {@link #CA}. */
  static HeldCertificate serverCertificate(String... names) {
    HeldCertificate.Builder builder = new HeldCertificate.Builder().commonName(names[0]).signedBy(CA);
    for (String name : names) {
      builder.addSubjectAlternativeName(name);
    }
    return builder.build();
  }

  /** What a server presents: {@code certificate} and the CA that signed it. */
  static SSLSocketFactory serverSockets(HeldCertificate certificate) {
    return new HandshakeCertificates.Builder().heldCertificate(certificate, CA.certificate()).build()
        .sslSocketFactory();
  }

  /** What a client needs to trust {@link #CA} and nothing else. */
  static HandshakeCertificates trustingTheCa() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(CA.certificate()).build();
  }

  /** The CA certificate as PEM, as a service's configuration would hold it. */
  static String caPem() {
    return CA.certificatePem();
  }

  static X509Certificate caCertificate() {
    return CA.certificate();
  }
}
