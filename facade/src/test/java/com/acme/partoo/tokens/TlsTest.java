package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.security.SecureRandom;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Trusting a private CA without building an OkHttpClient: PEM certificates (curl's {@code --cacert}: those instead of
 * the JVM's CAs) or an SSLContext with its trust manager. What a wrong trust looks like, and what the builder refuses.
 */
class TlsTest {

  @RegisterExtension final FakePartoo partoo = FakePartoo.https(TestTls.LOOPBACK);

  @Test
  void pemCertificatesOfAPrivateCaAreTrusted() throws InterruptedException {
    partoo.enqueue(tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> b.trustedCertificates(TestTls.caPem())).connectionTokens();

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
    RecordedRequest request = partoo.takeRequest();
    assertThat(request.getHandshake()).as("the request came over TLS").isNotNull();
    assertThat(request.getVersion()).as("negotiated through ALPN").isEqualTo("HTTP/2");
  }

  @Test
  void anSslContextWithItsTrustManagerIsUsed() throws Exception {
    partoo.enqueue(tokenResponse());
    HandshakeCertificates trust = TestTls.trustingTheCa();
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {trust.trustManager()}, new SecureRandom());

    ConnectionTokens tokens = partoo.client(b -> b.sslContext(context, trust.trustManager())).connectionTokens();

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
  }

  @Test
  void severalCertificatesInOnePemAreAllTrusted() {
    partoo.enqueue(tokenResponse());
    String otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("another CA").build()
        .certificatePem();

    ConnectionTokens tokens = partoo.client(b -> b.trustedCertificates("# bundle\n" + otherCa + TestTls.caPem()))
        .connectionTokens();

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
  }

  @Test
  void thePemReplacesTheJvmsCasItDoesNotAddToThem() {
    // As curl's --cacert: trusting another CA makes the server's (signed by the test CA) untrusted.
    String otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("another CA").build()
        .certificatePem();
    ConnectionTokens tokens = partoo.client(b -> b.trustedCertificates(otherCa)).connectionTokens();

    TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e.kind()).isEqualTo(FailureKind.TLS);
    assertThat(e).hasMessageContaining("certificate is not trusted")
        .hasMessageContaining("trustedCertificates(pem) or sslContext(...)")
        .hasMessageContaining("partoo.ssl.bundle")
        .hasMessageContaining("Nothing was sent, nor retried");
    assertThat(e.statusCode()).isEmpty();
  }

  @Test
  void aHostnameMismatchSaysSo() {
    ConnectionTokens tokens = partoo.client(b -> b.trustedCertificates(TestTls.caPem())
        .baseUrl("https://localhost:" + partoo.port() + "/v2")).connectionTokens();

    TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e.kind()).isEqualTo(FailureKind.TLS);
    assertThat(e).hasMessageContaining("does not match the host name").hasMessageContaining("localhost");
    assertThat(e.attempts()).isEqualTo(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "not a certificate", "-----BEGIN CERTIFICATE-----\nbm90IERFUg==\n-----END CERTIFICATE-----\n"})
  void aBadPemIsRefusedNamingTheParameterWithoutQuotingIt(String pem) {
    assertThatIllegalArgumentException().isThrownBy(() -> PartooClient.builder().trustedCertificates(pem))
        .withMessageStartingWith("trustedCertificates")
        .satisfies(e -> {
          if (!pem.isEmpty()) {
            assertThat(e.getMessage()).doesNotContain(pem.strip()).doesNotContain("bm90IERFUg");
          }
        });
  }

  @Test
  void bothTrustSettingsAreRefusedByBuild() throws Exception {
    HandshakeCertificates trust = TestTls.trustingTheCa();
    PartooClient.Builder builder = partoo.builder()
        .trustedCertificates(TestTls.caPem())
        .sslContext(SSLContext.getDefault(), trust.trustManager());

    assertThatIllegalStateException().isThrownBy(builder::build)
        .withMessageContaining("sslContext(...)").withMessageContaining("trustedCertificates(...)");
  }

  @Test
  void aSharedOkHttpClientOwnsItsTls() {
    PartooClient.Builder builder = partoo.builder()
        .okHttpClient(new OkHttpClient())
        .trustedCertificates(TestTls.caPem());

    assertThatIllegalStateException().isThrownBy(builder::build)
        .withMessageContaining("trustedCertificates").withMessageContaining("okHttpClient(...)");
  }

  @Test
  void newBuilderKeepsTheTrust() {
    partoo.enqueue(tokenResponse());
    PartooClient first = partoo.client(b -> b.trustedCertificates(TestTls.caPem()));

    ConnectionTokens tokens = partoo.client(b -> first.newBuilder()).connectionTokens();

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
  }

  /** A server that only speaks HTTP/1.1 is reached over it: ALPN picks the protocol, nothing to configure. */
  @Nested
  class Http1OnlyServer {
    @RegisterExtension final FakePartoo http1 = FakePartoo.https(TestTls.LOOPBACK, Protocol.HTTP_1_1);

    @Test
    void isReachedOverHttp1() {
      http1.enqueue(tokenResponse());
      ConnectionTokens tokens = http1.client(b -> b.trustedCertificates(TestTls.caPem())).connectionTokens();

      assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
      assertThat(http1.takeRequest().getVersion()).isEqualTo("HTTP/1.1");
    }
  }

  /** A server whose only cipher suite the client does not offer (nor can it serve it: its key is ECDSA). */
  @Nested
  class NoCipherSuiteInCommon {
    @RegisterExtension final FakePartoo legacy = FakePartoo.https(TestTls.LOOPBACK).restrictingServerSockets(
        socket -> {
          socket.setEnabledProtocols(new String[] {"TLSv1.2"});
          socket.setEnabledCipherSuites(new String[] {"TLS_DHE_RSA_WITH_AES_128_GCM_SHA256"});
        });

    @Test
    void isATlsConfigurationError() {
      ConnectionTokens tokens = legacy.client(b -> b.trustedCertificates(TestTls.caPem())).connectionTokens();

      TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
          () -> tokens.generate(USER_ID));

      assertThat(e.kind()).isEqualTo(FailureKind.TLS);
      assertThat(e).hasMessageContaining("the TLS handshake was refused");
      assertThat(e.attempts()).isEqualTo(1);
      assertThat(legacy.connectionsAccepted()).isEqualTo(1);
    }
  }
}
