package com.acme.partoo.mock.example;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Another team's code under test in the testing guide's example: gets a token, retrying once on a 503. */
final class ExampleTokenClient {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private final String baseUrl;
  private final String apiKey;

  ExampleTokenClient(String baseUrl, String apiKey) {
    this.baseUrl = baseUrl;
    this.apiKey = apiKey;
  }

  String generateToken(String userId) throws IOException, InterruptedException {
    HttpRequest request = HttpRequest.newBuilder(URI.create(baseUrl + "/connection/generate_token"))
        .header("x-APIKey", apiKey)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.createObjectNode().put("user_id", userId).toString()))
        .build();
    HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 503) {
      response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }
    if (response.statusCode() != 200) {
      throw new IOException("Partoo answered " + response.statusCode());
    }
    return JSON.readTree(response.body()).get("token").asText();
  }
}
