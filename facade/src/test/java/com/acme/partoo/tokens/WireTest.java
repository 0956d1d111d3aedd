package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every request on the wire is an attempt the call loop started and counted: OkHttp's own follow-up logic sends none,
 * whatever {@code Retry-After} says. Requests are counted where they arrive, at the server.
 */
class WireTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  static Stream<Arguments> retryableStatusesWithEveryKindOfRetryAfter() {
    return Stream.of(429, 500, 502, 503, 504).flatMap(code -> Stream.of(
        // OkHttp re-sends a 503 with "Retry-After: 0" on its own; the others must not reach it either.
        "0", "-1", "soon", "Wed, 21 Oct 2015 07:28:00 GMT",
        // Overflows an int: OkHttp's parser threw NumberFormatException out of generate().
        "2147483648", "99999999999999999999").map(value -> Arguments.of(code, value)));
  }

  @ParameterizedTest(name = "HTTP {0}, Retry-After: {1}")
  @MethodSource("retryableStatusesWithEveryKindOfRetryAfter")
  void eachAttemptIsExactlyOneRequest(int code, String retryAfter) {
    partoo.answerEveryRequestWith(status(code).newBuilder().setHeader("Retry-After", retryAfter).build());
    ConnectionTokens tokens = partoo.tokens();

    PartooException e = catchThrowableOfType(PartooException.class, () -> tokens.generate(USER_ID));

    assertThat(e).isInstanceOfAny(RateLimitedException.class, ServerException.class);
    assertThat(e.statusCode()).hasValue(code);
    assertThat(partoo.requestCount()).as("requests at the server").isEqualTo(e.attempts()).isBetween(1, 3);
  }

  @Test
  void retryAfterZeroIsRetriedByTheLoopAndCountedAsAttempts() {
    partoo.answerEveryRequestWith(status(503).newBuilder().setHeader("Retry-After", "0").build());
    ConnectionTokens tokens = partoo.tokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(partoo.requestCount()).as("3 attempts, not 6 requests").isEqualTo(3);
    assertThat(partoo.scheduler.durations()).as("waits asked for by Retry-After: 0").hasSize(2)
        .allSatisfy(wait -> assertThat(wait).isZero());
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {401, 408, 421})
  void answersOkHttpWouldFollowUpAreOneRequestEach(int code) {
    partoo.answerEveryRequestWith(status(code).newBuilder()
        .setHeader("Retry-After", "0")
        .setHeader("WWW-Authenticate", "Basic realm=\"partoo\"")
        .setHeader("Proxy-Authenticate", "Basic realm=\"proxy\"")
        .build());
    ConnectionTokens tokens = partoo.tokens();

    PartooException e = catchThrowableOfType(PartooException.class, () -> tokens.generate(USER_ID));

    assertThat(e.statusCode()).hasValue(code);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }
}
