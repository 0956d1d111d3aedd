package com.acme.partoo.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.OffsetDateTime;
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

  private static HttpResponse<String> post(String path, String body) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }
}
