package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CannedTokenServerTest {

  private static CannedTokenServer server;
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  @BeforeAll
  static void start() {
    server = CannedTokenServer.start();
  }

  @AfterAll
  static void stop() throws IOException {
    server.close();
  }

  @Test
  void answersGenerateTokenWithAValidPartooBody() throws Exception {
    HttpResponse<String> response = post("/connection/generate_token", "{\"user_id\":\"u\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    JsonNode body = new ObjectMapper().readTree(response.body());
    assertThat(body.path("token").asText()).isEqualTo(CannedTokenServer.TOKEN).startsWith("\\x").hasSize(50);
    assertThat(OffsetDateTime.parse(body.path("expiration_date").asText()))
        .isEqualTo(OffsetDateTime.parse(CannedTokenServer.EXPIRATION_DATE));
  }

  @Test
  void keepsTheConnectionAliveAcrossRequestsWithBodiesOfAnySize() throws Exception {
    for (int i = 0; i < 5; i++) {
      String body = "{\"user_id\":\"" + "u".repeat(i * 7000) + "\"}";
      assertThat(post("/connection/generate_token", body).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void answersAnythingElseWith404() throws Exception {
    assertThat(post("/connection/revoke_token", "{}").statusCode()).isEqualTo(404);
    HttpResponse<String> get = HTTP.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/connection/generate_token"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(get.statusCode()).isEqualTo(404);
  }

  @Test
  void aRawSocketClientReadsExactlyOneAnswerPerRequest() throws Exception {
    RawConnection connection = new RawConnection();
    connection.connect();
    try {
      for (int i = 0; i < 3; i++) {
        connection.exchange();
        assertThat(connection.lastAnswer()).startsWith("HTTP/1.1 200 OK\r\n").endsWith(CannedTokenServer.BODY);
      }
    } finally {
      connection.close();
    }
  }

  @Test
  void readsChunkedBodiesWithExtensionsAndTrailersThenKeepsTheConnection() throws Exception {
    String chunked = "POST /v2/connection/generate_token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
        + "5;name=value\r\n{\"use\r\n" + "a\r\nr_id\":\"u\"}\r\n" + "0\r\nX-Trailer: 1\r\n\r\n";
    String sized = "POST /v2/connection/revoke_token HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\n{}";
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
      // Both requests in one write, split mid-chunk by nothing but the server's reads: it must find each boundary.
      socket.getOutputStream().write((chunked + sized).getBytes(StandardCharsets.US_ASCII));
      socket.shutdownOutput();
      String answers = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

      assertThat(answers).startsWith("HTTP/1.1 200 OK\r\n")
          .contains(CannedTokenServer.BODY + "HTTP/1.1 404 Not Found\r\n")
          .endsWith(CannedTokenServer.NOT_FOUND_BODY);
    }
  }

  @Test
  void overTlsCountsEachConnectionAndHandshakeWithWhatItNegotiated() throws Exception {
    BenchCertificates certificates = BenchCertificates.shared();
    try (CannedTokenServer tls = CannedTokenServer.startTls(certificates.server())) {
      HttpClient client = HttpClient.newBuilder().sslContext(certificates.client().sslContext()).build();
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(tls.baseUrl()
            + CannedTokenServer.GENERATE_PATH)).POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.body()).isEqualTo(CannedTokenServer.BODY);
        assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
      }

      assertThat(tls.baseUrl()).startsWith("https://127.0.0.1:");
      assertThat(tls.counts().snapshot())
          .isEqualTo(new ConnectionCounts.Snapshot(1, 1, Map.of("TLSv1.3 http/1.1", 1L)));
    }
  }

  private static HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
