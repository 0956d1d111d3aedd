package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.jsonBody;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.acme.partoo.tokens.internal.TokenService;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The TTL table of the design: what is sent to Partoo for each requested TTL, and what the token reports. */
class TtlRuleTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();
  @RegisterExtension final LogCapture log = new LogCapture(TokenService.class);

  @Test
  void noTtlSendsNoTtlFieldAndReportsPartoosDefaultOfOneDay() {
    partoo.enqueue(tokenResponse(), tokenResponse());
    ConnectionTokens tokens = partoo.tokens();

    ConnectionToken withoutTtl = tokens.generate(USER_ID);
    ConnectionToken withNullTtl = tokens.generate(USER_ID, null);

    for (ConnectionToken token : new ConnectionToken[] {withoutTtl, withNullTtl}) {
      JsonNode body = jsonBody(partoo.takeRequest());
      assertThat(body.has("ttl")).as("ttl field sent").isFalse();
      assertThat(body.path("user_id").asText()).isEqualTo(USER_ID);
      assertThat(token.ttl()).isEqualTo(Duration.ofDays(1)).isEqualTo(ConnectionTokens.DEFAULT_TTL);
    }
  }

  static Stream<Arguments> ttlTable() {
    return Stream.of(
        Arguments.of(Duration.ofNanos(1), 1),
        Arguments.of(Duration.ofSeconds(1), 1),
        Arguments.of(Duration.ofMillis(1200), 2),
        Arguments.of(Duration.ofMinutes(5), 300),
        Arguments.of(Duration.ofSeconds(86_399).plusMillis(1), 86_400),
        Arguments.of(Duration.ofSeconds(86_400), 86_400),
        Arguments.of(Duration.ofMillis(86_400_500), 86_400),
        Arguments.of(Duration.ofDays(2), 86_400),
        Arguments.of(Duration.ofSeconds(Long.MAX_VALUE), 86_400));
  }

  @ParameterizedTest(name = "{0} is sent as {1} s")
  @MethodSource("ttlTable")
  void ttlIsRoundedUpToWholeSecondsAndClampedToOneDay(Duration requested, int expectedSeconds) {
    partoo.enqueue(tokenResponse());

    ConnectionToken token = partoo.tokens().generate(USER_ID, requested);

    assertThat(jsonBody(partoo.takeRequest()).path("ttl").asInt()).isEqualTo(expectedSeconds);
    assertThat(token.ttl()).isEqualTo(Duration.ofSeconds(expectedSeconds));
  }

  static Stream<Duration> notPositive() {
    return Stream.of(Duration.ZERO, Duration.ofNanos(-1), Duration.ofSeconds(-5), Duration.ofDays(-2));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("notPositive")
  void zeroOrNegativeTtlIsRefusedAndNothingIsSent(Duration ttl) {
    ConnectionTokens tokens = partoo.tokens();

    assertThatIllegalArgumentException()
        .isThrownBy(() -> tokens.generate(USER_ID, ttl))
        .withMessageContaining("ttl")
        .withMessageContaining("nothing was sent");
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void clampingWarnsExactlyOncePerClient() {
    for (int i = 0; i < 4; i++) {
      partoo.enqueue(tokenResponse());
    }
    ConnectionTokens first = partoo.tokens();
    ConnectionTokens second = partoo.tokens();

    first.generate(USER_ID, Duration.ofDays(2));
    first.generate(USER_ID, Duration.ofMillis(86_400_500));
    first.generate(USER_ID, Duration.ofDays(3));
    assertThat(log.warnings()).hasSize(1);
    second.generate(USER_ID, Duration.ofDays(2));

    assertThat(log.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning).contains("86400"));
  }

  @Test
  void theMaximumItselfIsNotClampedAndNotLogged() {
    partoo.enqueue(tokenResponse());

    partoo.tokens().generate(USER_ID, ConnectionTokens.MAX_TTL);

    assertThat(log.warnings()).isEmpty();
  }
}
