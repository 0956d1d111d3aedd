package com.acme.partoo.it.support;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

/** Partoo's endpoints and answers as the spec and Partoo's documentation describe them. */
public final class Stubs {

  public static final String GENERATE_PATH = SpecContract.BASE_PATH + "/connection/generate_token";
  public static final String CHECK_PATH = SpecContract.BASE_PATH + "/connection/check_token";
  public static final String REVOKE_PATH = SpecContract.BASE_PATH + "/connection/revoke_token";

  /** Partoo's timestamp shape: six fractional digits and an offset. */
  public static final String EXPIRATION = "2026-03-02T11:00:00.123456+02:00";

  public static final String BAD_REQUEST_BODY =
      "{\"errors\": {\"json\": {\"ttl\": [\"Must be less than or equal to 86400.\"]}}}";
  public static final String UNAUTHORIZED_BODY = "{\"errors\": {\"authentication\": \"User not authenticated\"}}";
  public static final String FORBIDDEN_BODY = "{\"errors\": {\"authorization\": \"Operation not allowed\"}}";
  public static final String NOT_FOUND_BODY = "{\"errors\": {\"json\": \"Resource not found\"}}";
  public static final String HTML_BAD_GATEWAY =
      "<html><head><title>502 Bad Gateway</title></head><body><center><h1>502 Bad Gateway</h1></center></body></html>";

  private Stubs() {}

  public static MappingBuilder generate() {
    return post(urlPathEqualTo(GENERATE_PATH));
  }

  public static MappingBuilder check() {
    return get(urlPathEqualTo(CHECK_PATH));
  }

  public static MappingBuilder revoke() {
    return post(urlPathEqualTo(REVOKE_PATH));
  }

  /** A 200 to generate: the token and when it expires. */
  public static ResponseDefinitionBuilder tokenIssued(String token) {
    return okJson("{\"token\": " + json(token) + ", \"expiration_date\": " + json(EXPIRATION) + "}");
  }

  /** A 200 to check, with only the fields given (null ones are left out, as Partoo does). */
  public static ResponseDefinitionBuilder tokenStatus(
      String token, String status, String creation, String expiration, String consumption) {
    StringBuilder body = new StringBuilder("{\"token\": ").append(json(token))
        .append(", \"status\": ").append(json(status))
        .append(", \"generated_by\": \"5309c3a237bbc544d8e26737\"");
    if (creation != null) {
      body.append(", \"creation_date\": ").append(json(creation));
    }
    if (expiration != null) {
      body.append(", \"expiration_date\": ").append(json(expiration));
    }
    if (consumption != null) {
      body.append(", \"consumption_date\": ").append(json(consumption));
    }
    return okJson(body.append('}').toString());
  }

  /** A 200 to revoke: an empty JSON object. */
  public static ResponseDefinitionBuilder revoked() {
    return okJson("{}");
  }

  /** One of Partoo's documented errors (400, 401, 403, 404) with its documented body. */
  public static ResponseDefinitionBuilder partooError(int status) {
    String body = switch (status) {
      case 400 -> BAD_REQUEST_BODY;
      case 401 -> UNAUTHORIZED_BODY;
      case 403 -> FORBIDDEN_BODY;
      case 404 -> NOT_FOUND_BODY;
      default -> throw new IllegalArgumentException("Partoo documents no body for " + status);
    };
    return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
  }

  /** An undocumented status as a proxy sends it: an HTML page. */
  public static ResponseDefinitionBuilder htmlError(int status) {
    return aResponse().withStatus(status).withHeader("Content-Type", "text/html").withBody(HTML_BAD_GATEWAY);
  }

  /** A JSON string literal. */
  public static String json(String value) {
    StringBuilder out = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        default -> out.append(c);
      }
    }
    return out.append('"').toString();
  }
}
