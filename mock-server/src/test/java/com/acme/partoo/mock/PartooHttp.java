package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Supplier;

/** A plain JDK HTTP client speaking to a fake, the way a careful client would (every value encoded). */
final class PartooHttp {

  static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

  private final Supplier<FakePartoo> fake;

  PartooHttp(FakePartoo fake) {
    this.fake = () -> fake;
  }

  /** Speaks to whatever fake the extension runs when a request is sent. */
  PartooHttp(FakePartooExtension extension) {
    this.fake = extension::fake;
  }

  HttpResponse<String> generate(String apiKey, String jsonBody) {
    return post("/connection/generate_token", apiKey, jsonBody);
  }

  HttpResponse<String> check(String apiKey, String userId, String token) {
    return get("/connection/check_token?user_id=" + encode(userId) + "&token=" + encode(token), apiKey);
  }

  HttpResponse<String> revoke(String apiKey, String userId, String token) {
    ObjectNode body = JSON.createObjectNode().put("user_id", userId).put("token", token);
    return post("/connection/revoke_token", apiKey, body.toString());
  }

  HttpResponse<String> login(String token) {
    return send(HttpRequest.newBuilder(loginUri(token)).GET());
  }

  /** The login URL exactly as a client should build it from {@link FakePartoo#appBaseUrl()}. */
  URI loginUri(String token) {
    return URI.create(fake.get().appBaseUrl() + "/connection?connection_token=" + encode(token));
  }

  /** A fresh token for {@code userId} made with the default key; fails the test if it cannot be had. */
  String newToken(String userId, int ttlSeconds) {
    HttpResponse<String> response =
        generate(DefaultFixture.API_KEY, "{\"user_id\": \"" + userId + "\", \"ttl\": " + ttlSeconds + "}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return json(response).get("token").asText();
  }

  String newToken() {
    return newToken(DefaultFixture.USER_ID, 3600);
  }

  /** {@code path} is below {@link FakePartoo#baseUrl()}; a null key sends no {@code x-APIKey} header. */
  HttpResponse<String> post(String path, String apiKey, String body) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fake.get().baseUrl() + path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    return send(withKey(request, apiKey));
  }

  /** {@code pathAndQuery} is below {@link FakePartoo#baseUrl()}; a null key sends no {@code x-APIKey} header. */
  HttpResponse<String> get(String pathAndQuery, String apiKey) {
    return send(withKey(HttpRequest.newBuilder(URI.create(fake.get().baseUrl() + pathAndQuery)).GET(), apiKey));
  }

  /** Any request, for paths and methods the helpers above do not cover. */
  HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      // A hung exchange fails its test instead of blocking the build.
      return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    return json(response.body());
  }

  static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (JsonProcessingException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static HttpRequest.Builder withKey(HttpRequest.Builder request, String apiKey) {
    return apiKey == null ? request : request.header("x-APIKey", apiKey);
  }
}
