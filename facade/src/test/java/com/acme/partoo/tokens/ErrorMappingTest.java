package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.io.IOException;
import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** How each HTTP answer becomes a typed exception, what it carries, and which ones are retried. */
class ErrorMappingTest {

  private static final String REQUEST_ID = "req-7f3a9c2e";

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  private static MockResponse withRequestId(MockResponse response) {
    return response.newBuilder().setHeader("X-Request-Id", REQUEST_ID).build();
  }

  /** Generates a token on a client that never retries, and returns what it threw. */
  private Throwable failureOfGenerate() {
    ConnectionTokens tokens = partoo.client(builder -> builder.retryPolicy(RetryPolicy.none())).connectionTokens();
    return catchThrowable(() -> tokens.generate(USER_ID, Duration.ofMinutes(5)));
  }

  @Test
  void badRequestBecomesInvalidRequestWithPartoosFieldErrorsNamedInTheMessage() {
    partoo.enqueue(withRequestId(json(400,
        "{\"errors\":{\"json\":{\"ttl\":[\"Must be less than or equal to 86400.\"],"
            + "\"address\":{\"city\":[\"Too long.\",\"Not a city.\"]}}}}")));

    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> partoo.tokens().generate(USER_ID));

    assertThat(e.fieldErrors()).containsOnly(
        entry("ttl", List.of("Must be less than or equal to 86400.")),
        entry("address.city", List.of("Too long.", "Not a city.")));
    assertThat(e.getMessage()).contains("ttl: Must be less than or equal to 86400.").contains("address.city");
    assertThat(e.statusCode()).hasValue(400);
    assertThat(e.partooMessage()).hasValueSatisfying(detail -> assertThat(detail).contains("ttl: Must be less than"));
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).as("not retried").isEqualTo(1);
  }

  static Stream<Arguments> documentedErrors() {
    return Stream.of(
        Arguments.of(401, "{\"errors\":{\"authentication\":\"User not authenticated\"}}",
            AuthenticationException.class, "User not authenticated", "Check the key"),
        Arguments.of(403, "{\"errors\":{\"authorization\":\"Operation not allowed\"}}",
            PermissionDeniedException.class, "Operation not allowed", "needs WRITE access on user " + USER_ID),
        Arguments.of(404, "{\"errors\":{\"json\":\"Resource not found\"}}",
            NotFoundException.class, "Resource not found", "Check the user id"));
  }

  @ParameterizedTest(name = "{0} → {2}")
  @MethodSource("documentedErrors")
  void documentedErrorBecomesItsTypedExceptionWithPartoosDetailAndIsNotRetried(
      int status, String body, Class<? extends PartooException> type, String detail, String whatToDo) {
    partoo.enqueue(withRequestId(json(status, body)));

    Throwable thrown = catchThrowable(() -> partoo.tokens().generate(USER_ID));

    assertThat(thrown).isExactlyInstanceOf(type);
    PartooException e = (PartooException) thrown;
    assertThat(e.statusCode()).hasValue(status);
    assertThat(e.partooMessage()).contains(detail);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("HTTP " + status).contains(detail).contains(whatToDo);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void rateLimitIsRetriedThenCarriesRetryAfter() {
    partoo.answerEveryRequestWith(withRequestId(status(429).newBuilder().setHeader("Retry-After", "2").build()));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> partoo.tokens().generate(USER_ID));

    assertThat(e.retryAfter()).contains(Duration.ofSeconds(2));
    assertThat(e.statusCode()).hasValue(429);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getMessage()).contains("wait at least 2 s");
    assertThat(partoo.scheduler.durations()).containsExactly(Duration.ofSeconds(2), Duration.ofSeconds(2));
  }

  @Test
  void rateLimitWithoutRetryAfterHasNoRetryAfter() {
    partoo.enqueue(status(429));

    assertThat(failureOfGenerate())
        .isInstanceOfSatisfying(RateLimitedException.class, e -> assertThat(e.retryAfter()).isEmpty());
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 503, 504})
  void retryableServerErrorIsRetriedThenThrowsWithEarlierAttemptsSuppressed(int status) {
    partoo.answerEveryRequestWith(withRequestId(status(status)));

    ServerException e = catchThrowableOfType(ServerException.class, () -> partoo.tokens().generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(RetryPolicy.defaults().maxAttempts()).isEqualTo(3);
    assertThat(e.statusCode()).hasValue(status);
    assertThat(e.requestId()).contains(REQUEST_ID);
    assertThat(e.getMessage()).contains("after 3 attempts").contains("Try again later");
    assertThat(e.getSuppressed()).hasSize(2).allSatisfy(earlier -> assertThat(earlier)
        .isInstanceOfSatisfying(ServerException.class, s -> assertThat(s.statusCode()).hasValue(status)));
    assertThat(List.of(e.getSuppressed())).extracting(s -> ((PartooException) s).attempts()).containsExactly(1, 2);
    assertThat(partoo.requestCount()).isEqualTo(3);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {501, 505})
  void serverErrorThatRetryingCannotFixIsNotRetried(int status) {
    partoo.enqueue(status(status));

    ServerException e = catchThrowableOfType(ServerException.class, () -> partoo.tokens().generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.statusCode()).hasValue(status);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {405, 409, 418, 422})
  void undocumentedClientErrorIsUnexpectedAndNotRetried(int status) {
    partoo.enqueue(status(status));

    UnexpectedResponseException e =
        catchThrowableOfType(UnexpectedResponseException.class, () -> partoo.tokens().generate(USER_ID));

    assertThat(e.statusCode()).hasValue(status);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {301, 302, 303, 307, 308})
  void redirectIsUnexpectedAndNotFollowed(int status) throws IOException {
    try (MockWebServer elsewhere = new MockWebServer()) {
      elsewhere.start(InetAddress.getByName("127.0.0.1"), 0);
      partoo.enqueue(status(status).newBuilder()
          .setHeader("Location", elsewhere.url("/v2/connection/generate_token").toString()).build());

      UnexpectedResponseException e =
          catchThrowableOfType(UnexpectedResponseException.class, () -> partoo.tokens().generate(USER_ID));

      assertThat(e.statusCode()).hasValue(status);
      assertThat(e.getMessage()).contains("redirects are not followed");
      assertThat(elsewhere.getRequestCount()).as("requests that followed the redirect").isZero();
      assertThat(partoo.requestCount()).isEqualTo(1);
    }
  }

  static Stream<Arguments> oddErrorBodies() {
    String huge = "x".repeat(100_000);
    return Stream.of(
        Arguments.of(html(503, "<html><body><h1>503 Service Temporarily Unavailable</h1></body></html>"),
            ServerException.class, "text/html"),
        Arguments.of(html(403, "<html><body>Forbidden by the proxy</body></html>"),
            PermissionDeniedException.class, "text/html"),
        Arguments.of(status(502), ServerException.class, "no body"),
        Arguments.of(json(401, ""), AuthenticationException.class, "no body"),
        Arguments.of(html(500, "<html>" + huge + "</html>"), ServerException.class, "16384 bytes"),
        Arguments.of(json(400, "{\"errors\":{\"json\":{\"ttl\":[\"" + huge + "\"]}}}"),
            InvalidRequestException.class, "16384 bytes"),
        Arguments.of(json(404, "{\"errors\":[]}"), NotFoundException.class, "not Partoo's error JSON"),
        Arguments.of(json(400, "[1, 2"), InvalidRequestException.class, "not Partoo's error JSON"));
  }

  @ParameterizedTest(name = "{1} ({2})")
  @MethodSource("oddErrorBodies")
  void errorBodyThatIsNotPartoosJsonStillGivesTheTypedException(
      MockResponse response, Class<? extends PartooException> type, String description) {
    partoo.enqueue(response);

    Throwable thrown = failureOfGenerate();

    assertThat(thrown).isExactlyInstanceOf(type).hasMessageContaining(description);
    PartooException e = (PartooException) thrown;
    assertThat(e.partooMessage()).isEmpty();
    assertThat(e.statusCode()).hasValue(response.getCode());
    assertThat(e.getMessage()).hasSizeLessThan(1_000);
  }

  private static MockResponse html(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "text/html").body(body).build();
  }

  static Stream<String> malformedTokenBodies() {
    String token = FakePartoo.quoted(TOKEN);
    return Stream.of(
        "not json at all",
        "<html><body>Welcome to nginx!</body></html>",
        "",
        "null",
        "[]",
        "{}",
        "{\"expiration_date\":\"2026-01-15T11:15:54.256000+01:00\"}",
        "{\"token\":\"\",\"expiration_date\":\"2026-01-15T11:15:54.256000+01:00\"}",
        "{\"token\":" + token + "}",
        "{\"token\":" + token + ",\"expiration_date\":\"tomorrow\"}",
        "{\"token\":" + token + ",\"expiration_date\":\"2026-01-15T11:15:54\"}",
        "{\"token\":{\"nested\":true},\"expiration_date\":\"2026-01-15T11:15:54.256000+01:00\"}",
        "{\"token\":" + token + ",\"expiration_date\":\"2026-01-15T11:15");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("malformedTokenBodies")
  void malformedSuccessBodyIsUnexpectedResponseNeverAParserException(String body) {
    partoo.enqueue(json(200, body));

    Throwable thrown = catchThrowable(() -> partoo.tokens().generate(USER_ID));

    assertThat(thrown).isExactlyInstanceOf(UnexpectedResponseException.class)
        .hasMessageContaining("unusable body")
        .hasNoCause();
    assertThat(((PartooException) thrown).attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).as("not retried").isEqualTo(1);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {"", "{}", "{\"token\":\"abc\"}", "{\"status\":42,\"expiration_date\":\"soon\"}"})
  void malformedCheckBodyIsUnexpectedResponse(String body) {
    partoo.enqueue(json(200, body));

    Throwable thrown = catchThrowable(() -> partoo.tokens().check(USER_ID, TOKEN));

    assertThat(thrown).isExactlyInstanceOf(UnexpectedResponseException.class).hasNoCause();
  }

  @Test
  void noContentFromGenerateOrCheckIsUnexpectedResponseNamingTheEmptyBody() {
    partoo.enqueue(status(204), status(204));

    assertThat(catchThrowable(() -> partoo.tokens().generate(USER_ID)))
        .isExactlyInstanceOf(UnexpectedResponseException.class).hasMessageContaining("an empty body");
    assertThat(catchThrowable(() -> partoo.tokens().check(USER_ID, TOKEN)))
        .isExactlyInstanceOf(UnexpectedResponseException.class).hasMessageContaining("an empty body");
  }
}
