package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code Retry-After} (RFC 9110 §10.2.3): delta-seconds or an HTTP-date, measured from an injected instant. */
class RetryAfterTest {

  /** A Thursday. */
  private static final Instant NOW = Instant.parse("2026-01-15T10:00:00Z");
  private static final Duration ONE_DAY = Duration.ofDays(1);

  @ParameterizedTest(name = "\"{0}\" → {1} s")
  @CsvSource(delimiter = '|', value = {"120|120", "0|0", "1|1", "' 7 '|7", "86400|86400"})
  void deltaSecondsIsThatManySeconds(String header, long seconds) {
    assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @Test
  void httpDateIsMeasuredFromTheInjectedInstant() {
    assertThat(RetryAfter.parse("Thu, 15 Jan 2026 10:02:00 GMT", NOW)).isEqualTo(Duration.ofSeconds(120));
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {
      "Thu, 15 Jan 2026 10:00:00 GMT", "Wed, 14 Jan 2026 10:00:00 GMT", "Mon, 01 Jan 1990 00:00:00 GMT"})
  void httpDateNowOrInThePastMeansRetryAtOnce(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isEqualTo(Duration.ZERO);
  }

  @ParameterizedTest(name = "\"{0}\"")
  @NullAndEmptySource
  @ValueSource(strings = {"   ", "soon", "-5", "1.5", "12abc", "+5", "0x10", "Thu, 32 Jan 2026 10:00:00 GMT"})
  void absentOrUnreadableHeaderGivesNoWait(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isNull();
  }

  @ParameterizedTest(name = "\"{0}\"")
  @ValueSource(strings = {"86401", "999999999999", "9999999999999", "99999999999999999999999999999999"})
  void hugeDeltaIsCappedAtOneDayWithoutOverflow(String header) {
    assertThat(RetryAfter.parse(header, NOW)).isEqualTo(ONE_DAY);
  }

  @Test
  void httpDateFarInTheFutureIsCappedAtOneDay() {
    assertThat(RetryAfter.parse("Fri, 15 Jan 2027 10:00:00 GMT", NOW)).isEqualTo(ONE_DAY);
  }
}
