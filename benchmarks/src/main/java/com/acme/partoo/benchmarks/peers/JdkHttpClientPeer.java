package com.acme.partoo.benchmarks.peers;

import com.acme.partoo.benchmarks.CannedTokenServer;
import com.acme.partoo.benchmarks.Clients;
import com.acme.partoo.benchmarks.Transport;
import com.acme.partoo.tokens.ConnectionToken;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/**
 * The JDK's {@code java.net.http.HttpClient} with Jackson, on its defaults: HTTP/2 preferred (ALPN over TLS, an
 * {@code h2c} upgrade offer in cleartext), its own selector thread and executor, an unbounded HTTP/1.1 pool, one HTTP/2
 * connection per host. The request's timeout is the facade's deadline; the answer is read as a string and parsed, as
 * most code using it does.
 */
public final class JdkHttpClientPeer implements Peer {

  private final HttpClient http;
  private final URI uri;
  private final ObjectWriter writer;
  private final ObjectReader reader;

  /** A client of {@code endpoint}, trusting what it says. */
  public JdkHttpClientPeer(Transport.Endpoint endpoint) {
    this.http = jdkHttpClient(endpoint);
    this.uri = URI.create(endpoint.baseUrl() + CannedTokenServer.GENERATE_PATH);
    JsonMapper json = JsonMapper.builder().addModule(new JavaTimeModule()).build();
    this.writer = json.writerFor(TokenRequest.class);
    this.reader = json.readerFor(TokenAnswer.class);
  }

  /** {@code HttpClient.newHttpClient()}, given the endpoint's trust if it has one: what the Spring peer wraps too. */
  static HttpClient jdkHttpClient(Transport.Endpoint endpoint) {
    HttpClient.Builder builder = HttpClient.newBuilder();
    if (endpoint.trust() != null) {
      builder.sslContext(endpoint.trust().sslContext());
    }
    return builder.build();
  }

  @Override
  public ConnectionToken generate() throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(uri)
        .timeout(Clients.DEADLINE)
        .header("Content-Type", "application/json")
        .header("x-APIKey", Clients.API_KEY)
        .POST(HttpRequest.BodyPublishers.ofByteArray(writer.writeValueAsBytes(new TokenRequest(Clients.USER_ID))))
        .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new IOException("HTTP " + response.statusCode());
    }
    return reader.<TokenAnswer>readValue(response.body()).toConnectionToken();
  }

  @Override
  public void close() {
    closeQuietly(http);
  }

  /** Closes a JDK client where it can be closed (Java 21+); on 17 its threads are daemons that end with the JVM. */
  static void closeQuietly(HttpClient http) {
    if (http instanceof AutoCloseable closeable) {
      try {
        closeable.close();
      } catch (Exception e) {
        // Nothing left to release.
      }
    }
  }
}
