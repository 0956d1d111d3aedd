package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every date-time form RFC 3339 section 5.6 allows, and nothing else. */
class Rfc3339Test {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      // Partoo's two shapes: microseconds and an offset, with a T or, in older bundles' examples, a space.
      "2019-08-01T19:15:54.256000+02:00 | 2019-08-01T17:15:54.256Z",
      "2019-08-01 23:15:54.256000+02:00 | 2019-08-01T21:15:54.256Z",
      // The separator and the zulu offset in either case (RFC 3339 5.6, NOTE).
      "2019-08-01t17:15:54.256Z | 2019-08-01T17:15:54.256Z",
      "2019-08-01T17:15:54.256z | 2019-08-01T17:15:54.256Z",
      "2019-08-01 17:15:54z | 2019-08-01T17:15:54Z",
      // Numeric offsets either side of UTC, and the 'unknown local offset' -00:00.
      "2019-08-01T13:45:54-03:30 | 2019-08-01T17:15:54Z",
      "2019-08-01T17:15:54+00:00 | 2019-08-01T17:15:54Z",
      "2019-08-01T17:15:54-00:00 | 2019-08-01T17:15:54Z",
      // Any number of fraction digits, or none; beyond nanoseconds they are dropped.
      "2019-08-01T17:15:54Z | 2019-08-01T17:15:54Z",
      "2019-08-01T17:15:54.2Z | 2019-08-01T17:15:54.2Z",
      "2019-08-01T17:15:54.123456789Z | 2019-08-01T17:15:54.123456789Z",
      "2019-08-01T17:15:54.123456789987654Z | 2019-08-01T17:15:54.123456789Z",
      // A leap second is the last second of its minute; a leap day exists.
      "2016-12-31T23:59:60.5Z | 2016-12-31T23:59:59.5Z",
      "2020-02-29T12:00:00Z | 2020-02-29T12:00:00Z",
      // Offsets up to 23:59 are RFC 3339's; java.time stops at 18:00, so those come back in UTC.
      "2019-08-02T13:15:54+20:00 | 2019-08-01T17:15:54Z",
      "2019-08-01T17:15:54+18:00 | 2019-07-31T23:15:54Z"})
  void readsEveryFormTheRfcAllowsToTheSameInstant(String text, Instant instant) {
    assertThat(Rfc3339.parse(text).toInstant()).isEqualTo(instant);
  }

  @Test
  void keepsTheOffsetItWasWrittenWith() {
    OffsetDateTime parsed = Rfc3339.parse("2019-08-01 23:15:54.256000+02:00");

    assertThat(parsed.getOffset()).isEqualTo(ZoneOffset.ofHours(2));
    assertThat(parsed.getNano()).isEqualTo(256_000_000);
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @ValueSource(strings = {
      "",
      "tomorrow",
      "2019-08-01",
      "2019-08-01T19:15:54",
      "2019-08-01T19:15:54.256000",
      "2019-08-01_19:15:54Z",
      "2019-08-01T19:15Z",
      "2019-08-01T19:15:54.Z",
      "2019-08-01T19:15:54+0200",
      "2019-08-01T19:15:54+02",
      "19-08-01T19:15:54Z",
      "2019-8-1T19:15:54Z",
      " 2019-08-01T19:15:54Z",
      "2019-08-01T19:15:54Z ",
      "2019-08-01T19:15:54Z[Europe/Paris]",
      "2019-08-01T19:15:54+02:00:00",
      "٢٠١٩-08-01T19:15:54Z"})
  void refusesWhatIsNotAnRfc3339DateTime(String text) {
    assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "2019-13-01T19:15:54Z",
      "2019-02-29T19:15:54Z",
      "2019-04-31T19:15:54Z",
      "2019-08-01T24:00:00Z",
      "2019-08-01T19:60:54Z",
      "2019-08-01T19:15:61Z",
      "2019-08-01T19:15:54+24:00",
      "2019-08-01T19:15:54+02:60"})
  void refusesDatesAndTimesThatDoNotExist(String text) {
    assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeParseException.class);
  }
}
