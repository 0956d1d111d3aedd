package com.acme.partoo.tokens.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * What a client's TLS connections trust: the socket factory of an {@link SSLContext} and the trust manager it was
 * initialised with (OkHttp needs both, to clean certificate chains), from a caller's context or from PEM certificates.
 */
public final class TrustMaterial {

  private static final String PEM_CERTIFICATE = "-----BEGIN CERTIFICATE-----";

  private final SSLSocketFactory socketFactory;
  private final X509TrustManager trustManager;

  private TrustMaterial(SSLSocketFactory socketFactory, X509TrustManager trustManager) {
    this.socketFactory = socketFactory;
    this.trustManager = trustManager;
  }

  /** A caller's context, and the trust manager it was initialised with. */
  public static TrustMaterial of(SSLContext sslContext, X509TrustManager trustManager) {
    return new TrustMaterial(Objects.requireNonNull(sslContext, "sslContext").getSocketFactory(),
        Objects.requireNonNull(trustManager, "trustManager"));
  }

  /**
   * Trusts exactly the certificates in {@code pem} (one or more {@code BEGIN CERTIFICATE} blocks), and nothing else.
   *
   * @param name the parameter's name, for the message
   * @throws IllegalArgumentException if {@code pem} holds no certificate or one that cannot be read; the message
   *     names {@code name} and never quotes {@code pem}
   */
  public static TrustMaterial fromPem(String pem, String name) {
    Objects.requireNonNull(pem, name);
    if (!pem.contains(PEM_CERTIFICATE)) {
      throw new IllegalArgumentException(name + " must hold at least one PEM certificate (" + PEM_CERTIFICATE
          + " ... -----END CERTIFICATE-----)");
    }
    Collection<? extends Certificate> certificates;
    try {
      certificates = CertificateFactory.getInstance("X.509")
          .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    } catch (CertificateException e) {
      // Its message may quote what could not be parsed: only say where to look.
      throw new IllegalArgumentException(name + " holds a PEM block that is not a readable X.509 certificate");
    }
    if (certificates.isEmpty()) {
      throw new IllegalArgumentException(name + " must hold at least one PEM certificate");
    }
    try {
      KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
      trusted.load(null, null);
      int index = 0;
      for (Certificate certificate : certificates) {
        trusted.setCertificateEntry("trusted-" + index++, certificate);
      }
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trusted);
      X509TrustManager trustManager = x509(factory.getTrustManagers());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {trustManager}, null);
      return new TrustMaterial(context.getSocketFactory(), trustManager);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("the JVM could not make a trust store of " + name + ": " + e.getClass().getName(),
          e);
    }
  }

  public SSLSocketFactory socketFactory() {
    return socketFactory;
  }

  public X509TrustManager trustManager() {
    return trustManager;
  }

  private static X509TrustManager x509(TrustManager[] managers) {
    for (TrustManager manager : managers) {
      if (manager instanceof X509TrustManager x509) {
        return x509;
      }
    }
    throw new IllegalStateException("the JVM's default TrustManagerFactory gave no X509TrustManager");
  }
}
