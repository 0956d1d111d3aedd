package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/** Sets up fake-Partoo state straight over HTTP, so a test's only CLI run is the one it is about. */
final class PartooCalls {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper JSON = new ObjectMapper();

  private PartooCalls() {}

  /** A fresh valid token for the default user. */
  static String generate(FakePartooExtension partoo) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(partoo.baseUrl()
            + "/connection/generate_token"))
        .header("x-APIKey", partoo.apiKey())
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"user_id\":\"" + partoo.userId() + "\"}"))
        .build());
    assertThat(response.statusCode()).isEqualTo(200);
    try {
      return JSON.readTree(response.body()).get("token").asText();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Opens the login URL, as a browser would: the token becomes consumed. */
  static void logIn(FakePartooExtension partoo, String token) {
    HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(partoo.appBaseUrl()
        + "/connection?connection_token=" + URLEncoder.encode(token, StandardCharsets.UTF_8))).build());
    assertThat(response.statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
