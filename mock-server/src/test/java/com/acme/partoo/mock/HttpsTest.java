package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The fake over HTTPS, as Partoo is reached in production, spoken to by the JDK's own client: TLS 1.2 and 1.3, HTTP/2
 * and HTTP/1.1 through ALPN (or HTTP/1.1 alone), trusted through the material it hands out, faults and all.
 */
class HttpsTest {

  private static final String GENERATE_BODY = "{\"user_id\": \"" + DefaultFixture.USER_ID + "\"}";

  private final FakePartoo partoo = FakePartoo.builder().defaultFixture().https().start();

  @AfterEach
  void close() {
    partoo.close();
  }

  private static HttpClient client(SSLContext trust, HttpClient.Version version, String... tlsVersions) {
    HttpClient.Builder builder = HttpClient.newBuilder().sslContext(trust).version(version);
    if (tlsVersions.length > 0) {
      SSLParameters parameters = trust.getDefaultSSLParameters();
      parameters.setProtocols(tlsVersions);
      builder.sslParameters(parameters);
    }
    return builder.build();
  }

  private static HttpRequest generate(String baseUrl) {
    return HttpRequest.newBuilder(URI.create(baseUrl + "/connection/generate_token"))
        .header("x-APIKey", DefaultFixture.API_KEY)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(GENERATE_BODY))
        .build();
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  @Test
  void servesHttp2ThroughAlpnToAClientTrustingItsSslContext() {
    HttpResponse<String> response = send(client(partoo.sslContext(), HttpClient.Version.HTTP_2),
        generate(partoo.baseUrl()));

    assertThat(partoo.baseUrl()).startsWith("https://127.0.0.1:").endsWith("/v2");
    assertThat(partoo.appBaseUrl()).startsWith("https://127.0.0.1:").endsWith("/app");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.headers().firstValue("Connection")).as("forbidden in HTTP/2").isEmpty();
    assertThat(response.body()).contains("\"token\"");
  }

  @Test
  void servesHttp1ToAClientThatOffersOnlyThat() {
    HttpResponse<String> response = send(client(partoo.sslContext(), HttpClient.Version.HTTP_1_1),
        generate(partoo.baseUrl()));

    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void http1OnlyNeverOffersHttp2() {
    try (FakePartoo http1 = FakePartoo.builder().defaultFixture().http1Only().start()) {
      HttpResponse<String> response = send(client(http1.sslContext(), HttpClient.Version.HTTP_2),
          generate(http1.baseUrl()));

      assertThat(http1.isHttps()).isTrue();
      assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(response.statusCode()).isEqualTo(200);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"TLSv1.2", "TLSv1.3"})
  void speaksTls12And13(String tlsVersion) {
    HttpResponse<String> response = send(client(partoo.sslContext(), HttpClient.Version.HTTP_2, tlsVersion),
        generate(partoo.baseUrl()));

    assertThat(response.sslSession()).hasValueSatisfying(session ->
        assertThat(session.getProtocol()).isEqualTo(tlsVersion));
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void thePemIsTheCaThatSignedACertificateForLocalhostToo() throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("fake", CertificateFactory.getInstance("X.509").generateCertificate(
        new ByteArrayInputStream(partoo.certificatePem().getBytes(StandardCharsets.US_ASCII))));
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trusted);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);

    HttpResponse<String> response = send(client(context, HttpClient.Version.HTTP_2),
        generate(partoo.baseUrl().replace("127.0.0.1", "localhost")));

    assertThat(partoo.certificatePem()).startsWith("-----BEGIN CERTIFICATE-----");
    assertThat(response.statusCode()).isEqualTo(200);
  }

  @Test
  void aClientWithTheJvmsDefaultTrustIsRefused() {
    HttpClient untrusting = HttpClient.newHttpClient();

    assertThatThrownBy(() -> untrusting.send(generate(partoo.baseUrl()), HttpResponse.BodyHandlers.ofString()))
        .isInstanceOf(SSLHandshakeException.class);
  }

  @Test
  void faultsAndTheJournalWorkOverHttp2() {
    partoo.faults().serviceUnavailable(1);
    HttpClient client = client(partoo.sslContext(), HttpClient.Version.HTTP_2);

    HttpResponse<String> unavailable = send(client, generate(partoo.baseUrl()));
    HttpResponse<String> served = send(client, generate(partoo.baseUrl()));

    assertThat(unavailable.statusCode()).isEqualTo(503);
    assertThat(unavailable.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(served.statusCode()).isEqualTo(200);
    assertThat(partoo.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
  }

  /** Over HTTP/2 a dropped answer resets its own stream only: the connection, and the requests on it, go on. */
  @Test
  void aDroppedAnswerOverHttp2ResetsItsStreamNotTheConnection() {
    HttpClient client = client(partoo.sslContext(), HttpClient.Version.HTTP_2);
    send(client, generate(partoo.baseUrl())); // the connection is up
    partoo.faults().dropConnection(1);

    CompletableFuture<HttpResponse<String>> dropped =
        client.sendAsync(generate(partoo.baseUrl()), HttpResponse.BodyHandlers.ofString());
    assertThatThrownBy(dropped::join).hasCauseInstanceOf(IOException.class);
    HttpResponse<String> next = send(client, generate(partoo.baseUrl()));

    assertThat(next.statusCode()).isEqualTo(200);
    assertThat(partoo.faults().pending()).isZero();
  }

  @Test
  void aCleartextFakeHasNoTrustMaterial() {
    try (FakePartoo cleartext = FakePartoo.builder().defaultFixture().start()) {
      assertThat(cleartext.isHttps()).isFalse();
      assertThat(cleartext.baseUrl()).startsWith("http://");
      for (Runnable asked : List.<Runnable>of(cleartext::certificatePem, cleartext::sslContext,
          cleartext::trustManager)) {
        assertThatIllegalStateException().isThrownBy(asked::run).withMessageContaining("https()");
      }
    }
  }
}
