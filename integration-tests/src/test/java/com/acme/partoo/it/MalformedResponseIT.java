package com.acme.partoo.it;

import static com.acme.partoo.it.support.Failures.asyncPartooFailure;
import static com.acme.partoo.it.support.Failures.partooFailure;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.PartooCall;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.UnexpectedResponseException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 200 whose body the client cannot use is an {@link UnexpectedResponseException}: never a NullPointerException or
 * a Jackson exception escaping, never retried (the server did answer), and never quoting the body (it may hold a
 * token). These stubs break the spec on purpose; each declares the violation the contract check must report.
 */
class MalformedResponseIT {

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  static Stream<Arguments> malformedTokenAnswers() {
    return Stream.of(
        malformed("not JSON", "text/plain", "token=abc&expiration_date=tomorrow",
            "validation.response.contentType.notAllowed"),
        malformed("an HTML page", "text/html", "<html><body>Maintenance</body></html>",
            "validation.response.contentType.notAllowed"),
        malformed("an empty body", "application/json", "", "validation.response.body.missing"),
        malformed("JSON that is cut short", "application/json", "{\"token\": \"tok_", "invalidJson"),
        malformed("a JSON array", "application/json", "[]", "validation.response.body.schema.type"),
        malformed("JSON null", "application/json", "null", "validation.response.body.schema.type"),
        // The spec marks no response field required, so this one conforms: only the client can refuse it.
        malformed("no token", "application/json", "{\"expiration_date\": \"2026-03-02T11:00:00.123456+02:00\"}",
            null),
        malformed("no expiration_date", "application/json", "{\"token\": \"tok_6c2e\"}", null),
        malformed("an expiration_date that is not a date", "application/json",
            "{\"token\": \"tok_6c2e\", \"expiration_date\": \"tomorrow\"}",
            "validation.response.body.schema.format.date-time"));
  }

  static Stream<Arguments> malformedStatusAnswers() {
    return Stream.of(
        malformed("no status", "application/json", "{\"token\": \"tok_6c2e\"}", null),
        // Breaks both `type` and `enum`; the validator reports one of them, not always the same.
        malformed("a status of the wrong type", "application/json", "{\"status\": {\"code\": 1}}",
            "validation.response.body.schema."),
        malformed("a creation_date that is not a date", "application/json",
            "{\"status\": \"valid\", \"creation_date\": \"yesterday\"}",
            "validation.response.body.schema.format.date-time"));
  }

  @ParameterizedTest(name = "generate answered with {0}")
  @MethodSource("malformedTokenAnswers")
  void generateAnsweredWithAnUnusableBodyIsAnUnexpectedResponse(
      String what, String contentType, String body, String violation) {
    PartooException failure = failOn(PartooCall.GENERATE, contentType, body, violation, false);

    assertThat(failure.getMessage()).contains("unusable body");
  }

  @ParameterizedTest(name = "generateAsync answered with {0}")
  @MethodSource("malformedTokenAnswers")
  void asyncGenerateAnsweredWithAnUnusableBodyIsAnUnexpectedResponse(
      String what, String contentType, String body, String violation) {
    failOn(PartooCall.GENERATE, contentType, body, violation, true);
  }

  @ParameterizedTest(name = "check answered with {0}")
  @MethodSource("malformedStatusAnswers")
  void checkAnsweredWithAnUnusableBodyIsAnUnexpectedResponse(
      String what, String contentType, String body, String violation) {
    failOn(PartooCall.CHECK, contentType, body, violation, false);
  }

  private static PartooException failOn(
      PartooCall call, String contentType, String body, String violation, boolean async) {
    partoo.server().stubFor(call.request().willReturn(
        aResponse().withStatus(200).withHeader("Content-Type", contentType).withBody(body)));
    if (violation != null) {
      partoo.expectSpecViolation(violation);
    }
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = async
        ? asyncPartooFailure(() -> call.runAsync(tokens))
        : partooFailure(() -> call.run(tokens));

    assertThat(failure).isExactlyInstanceOf(UnexpectedResponseException.class);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(partoo.requestsTo(call.path())).as("an answer is not retried").hasSize(1);
    assertThat(causes(failure)).noneMatch(cause -> cause.getClass().getName().startsWith("com.fasterxml.jackson")
        || cause instanceof NullPointerException);
    if (!body.isBlank()) {
      assertThat(failure.getMessage()).doesNotContain(body);
    }
    return failure;
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> chain = new ArrayList<>();
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      chain.add(cause);
    }
    return chain;
  }

  private static Arguments malformed(String what, String contentType, String body, String violation) {
    return Arguments.of(what, contentType, body, violation);
  }
}
