package com.acme.partoo.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import okhttp3.tls.HandshakeCertificates;

/**
 * Until the facade has a trust option of its own ({@code PartooClient.Builder#sslContext}, issue 23): makes the JVM's
 * default trust store the benchmarks' CA, which is what an OkHttp client built without an SSL socket factory (the
 * facade's own) trusts. Goes away when that option lands.
 */
final class InterimTrust {

  private static boolean set;

  private InterimTrust() {}

  static synchronized void trustStoreOf(HandshakeCertificates trust) {
    if (set) {
      return;
    }
    try {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      int i = 0;
      for (X509Certificate certificate : trust.trustManager().getAcceptedIssuers()) {
        store.setCertificateEntry("ca-" + i++, certificate);
      }
      Path file = Files.createTempFile("partoo-benchmarks-trust", ".p12");
      file.toFile().deleteOnExit();
      char[] password = "benchmarks".toCharArray();
      try (OutputStream out = Files.newOutputStream(file)) {
        store.store(out, password);
      }
      System.setProperty("javax.net.ssl.trustStore", file.toString());
      System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
      System.setProperty("javax.net.ssl.trustStorePassword", new String(password));
      set = true;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot write the benchmarks' trust store", e);
    }
  }
}
