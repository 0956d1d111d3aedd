package com.acme.partoo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.DocSnippets;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakeProxy;
import com.acme.partoo.tokens.PartooClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java examples of docs/tls-and-proxies.md are the code of this class, run against the fake Partoo over HTTPS and
 * a real CONNECT proxy, and compared with the guide line by line. Each example builds its client as shown (production
 * base URL, the key from the environment); the test then points that client at the fake, keeping everything else.
 */
class TlsAndProxiesGuideIT {

  private static final String TITLE = "# TLS and proxies: reaching Partoo the way production does";
  private static final String TRUST = "## Trust a private CA";
  private static final String PROXY = "## Go through an egress proxy";

  private final DocSnippets guide = DocSnippets.of("docs/tls-and-proxies.md", TlsAndProxiesGuideIT.class);
  @AutoClose private final FakePartoo fake = FakePartoo.builder().defaultFixture().https().start();
  @AutoClose private final FakeProxy egress = FakeProxy.start();
  @TempDir Path files;

  /** What the examples read their secrets from. */
  private final Secrets secrets = new Secrets();

  /** A secret store, as a service has one: the proxy's password, which an operator may rotate. */
  static final class Secrets {
    private volatile char[] proxyPassword = "rotated-every-month-1f4c".toCharArray();

    char[] proxyPassword() {
      return proxyPassword.clone();
    }
  }

  /** The example's client pointed at the fake, with the fake's key; every other setting is the example's. */
  private PartooClient againstTheFake(PartooClient shown) {
    return againstTheFake(shown, builder -> builder);
  }

  /** The same, changed by {@code customize} (the proxy examples trust the fake's CA, which is not theirs to show). */
  private PartooClient againstTheFake(PartooClient shown, UnaryOperator<PartooClient.Builder> customize) {
    try (shown) {
      return customize.apply(shown.newBuilder().baseUrl(fake.baseUrl()).apiKey(DefaultFixture.API_KEY)).build();
    }
  }

  private void generatesAToken(PartooClient partoo) {
    try (partoo) {
      assertThat(partoo.connectionTokens().generate(DefaultFixture.USER_ID).token()).isNotBlank();
    }
    assertThat(fake.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
  }

  @Test
  void theGuideShowsExactlyTheCodeRunHere() {
    guide.assertShown(TITLE, 0, "pem");
    guide.assertShown(TRUST, 0, "ssl context");
    guide.assertShown(PROXY, 0, "explicit proxy");
    guide.assertShown(PROXY, 1, "jvm proxy");
    assertThat(guide.javaBlocks()).as("every Java example of the guide is one of these").isEqualTo(4);
  }

  @Test
  void aPemFileOfTheCaIsAllItTakes() throws IOException {
    Path caFile = files.resolve("partoo-ca.pem");
    Files.writeString(caFile, fake.certificatePem());

    // tls-and-proxies: pem
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .trustedCertificates(Files.readString(caFile))  // these CAs instead of the JVM's, as curl --cacert
        .build();
    // tls-and-proxies: end pem

    generatesAToken(againstTheFake(partoo));
  }

  @Test
  void aTrustStoreMadeIntoAnSslContextWorksToo() throws Exception {
    Path trustStoreFile = files.resolve("partoo-truststore.p12");
    char[] trustStorePassword = "changeit".toCharArray();
    writeTrustStore(trustStoreFile, trustStorePassword);

    // tls-and-proxies: ssl context
    KeyStore trustStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(trustStoreFile)) {
      trustStore.load(in, trustStorePassword);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trustStore);
    X509TrustManager trustManager = (X509TrustManager) factory.getTrustManagers()[0];
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, new TrustManager[] {trustManager}, null);  // a KeyManager here for a client certificate

    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .sslContext(tls, trustManager)                        // the context and the trust manager it was made with
        .build();
    // tls-and-proxies: end ssl context

    generatesAToken(againstTheFake(partoo));
  }

  @Test
  void anExplicitProxyReadsItsRotatedPasswordForEachTunnel() {
    String proxyHost = egress.address().getHostString();
    int proxyPort = egress.address().getPort();
    egress.requireCredentials("partoo-egress", new String(secrets.proxyPassword()));

    // tls-and-proxies: explicit proxy
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .proxy(new Proxy(Proxy.Type.HTTP, new InetSocketAddress(proxyHost, proxyPort)))
        .proxyCredentials(() -> new PasswordAuthentication("partoo-egress", secrets.proxyPassword()))
        .build();
    // tls-and-proxies: end explicit proxy

    generatesAToken(againstTheFake(partoo, builder -> builder.trustedCertificates(fake.certificatePem())));
    assertThat(egress.tunnels()).isEqualTo(1);
    assertThat(partoo.toString()).contains(proxyHost + ":" + proxyPort);
  }

  @Test
  void theJvmsProxyPropertiesApplyWhenNoProxyIsSet() {
    String proxyHost = egress.address().getHostString();
    int proxyPort = egress.address().getPort();
    egress.requireCredentials("partoo-egress", new String(secrets.proxyPassword()));
    Map<String, String> saved = new HashMap<>();
    for (String name : new String[] {"https.proxyHost", "https.proxyPort", "http.nonProxyHosts"}) {
      saved.put(name, System.getProperty(name));
    }
    // By default the JVM goes direct to loopback addresses, and the fake is on 127.0.0.1: not here.
    System.setProperty("http.nonProxyHosts", "");
    try {
      // tls-and-proxies: jvm proxy
      // The same as -Dhttps.proxyHost=... -Dhttps.proxyPort=... on the command line:
      System.setProperty("https.proxyHost", proxyHost);
      System.setProperty("https.proxyPort", String.valueOf(proxyPort));

      PartooClient partoo = PartooClient.builder()          // no proxy(...): the JVM's ProxySelector decides
          .apiKey(() -> System.getenv("PARTOO_API_KEY"))
          .proxyCredentials(() -> new PasswordAuthentication("partoo-egress", secrets.proxyPassword()))
          .build();
      // tls-and-proxies: end jvm proxy

      generatesAToken(againstTheFake(partoo, builder -> builder.trustedCertificates(fake.certificatePem())));
      assertThat(egress.tunnels()).isEqualTo(1);
    } finally {
      saved.forEach((name, value) -> {
        if (value == null) {
          System.clearProperty(name);
        } else {
          System.setProperty(name, value);
        }
      });
    }
  }

  /** What an operator's trust store holds: the fake's CA. */
  private void writeTrustStore(Path file, char[] password) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("partoo-ca", CertificateFactory.getInstance("X.509").generateCertificate(
        new java.io.ByteArrayInputStream(fake.certificatePem().getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
    try (OutputStream out = Files.newOutputStream(file)) {
      store.store(out, password);
    }
  }
}
