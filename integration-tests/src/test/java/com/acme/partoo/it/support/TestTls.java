package com.acme.partoo.it.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * A private CA and a server certificate for 127.0.0.1 it signs, made once per test JVM, and the same as a PKCS12 key
 * store for WireMock's HTTPS. The key store's password only protects a throwaway test key.
 */
public final class TestTls {

  /** The CA a client trusts. */
  public static final HeldCertificate CA = new HeldCertificate.Builder()
      .certificateAuthority(0)
      .commonName("Partoo integration test CA")
      .build();

  private static final HeldCertificate SERVER = new HeldCertificate.Builder()
      .commonName("127.0.0.1")
      .addSubjectAlternativeName("127.0.0.1")
      .addSubjectAlternativeName("localhost")
      .signedBy(CA)
      .build();

  /** WireMock reads its key store from a file; this one's password. */
  static final String KEY_STORE_PASSWORD = "integration-tests";

  private static Path keyStore;

  private TestTls() {}

  /** The CA certificate as PEM: what {@code PartooClient.Builder.trustedCertificates} takes. */
  public static String caPem() {
    return CA.certificatePem();
  }

  /** What an OkHttpClient needs to trust {@link #CA}. */
  public static HandshakeCertificates trustingTheCa() {
    return new HandshakeCertificates.Builder().addTrustedCertificate(CA.certificate()).build();
  }

  /** The server's key and certificate chain as a PKCS12 file, written once (deleted when the JVM exits). */
  static synchronized Path serverKeyStore() {
    if (keyStore == null) {
      try {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("server", SERVER.keyPair().getPrivate(), KEY_STORE_PASSWORD.toCharArray(),
            new Certificate[] {SERVER.certificate(), CA.certificate()});
        Path file = Files.createTempFile("partoo-it-server", ".p12");
        file.toFile().deleteOnExit();
        try (OutputStream out = Files.newOutputStream(file)) {
          store.store(out, KEY_STORE_PASSWORD.toCharArray());
        }
        keyStore = file;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    }
    return keyStore;
  }
}
