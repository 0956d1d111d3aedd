package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

/** Asserts an answer's status and exact JSON body, with the body in the failure message. */
final class PartooAssertions {

  static final String UNAUTHENTICATED = "{\"errors\": {\"authentication\": \"User not authenticated\"}}";
  static final String FORBIDDEN = "{\"errors\": {\"authorization\": \"Operation not allowed\"}}";
  static final String NOT_FOUND = "{\"errors\": {\"json\": \"Resource not found\"}}";

  private PartooAssertions() {}

  static void assertAnswer(HttpResponse<String> response, int status, String expectedJson) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(PartooHttp.json(response)).isEqualTo(PartooHttp.json(expectedJson));
  }

  /** A 400 whose only detail is {@code field: [message]}. */
  static void assertInvalid(HttpResponse<String> response, String field, String message) {
    assertAnswer(response, 400, "{\"errors\": {\"json\": {\"" + field + "\": [\"" + message + "\"]}}}");
  }
}
