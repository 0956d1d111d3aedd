package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.quoted;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Dates as Partoo writes them: every form RFC 3339 allows (T, t or a space; Z, z or an offset; any fraction), in every
 * date field of generate and check. Older bundles show {@code '2019-08-01 23:15:54.256000+02:00'}.
 */
class DateFormatsTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  /** How a date may be written, and the instant it denotes. */
  static Stream<Arguments> forms() {
    return Stream.of(
        Arguments.of("2019-08-01T23:15:54.256000+02:00", Instant.parse("2019-08-01T21:15:54.256Z")),
        Arguments.of("2019-08-01 23:15:54.256000+02:00", Instant.parse("2019-08-01T21:15:54.256Z")),
        Arguments.of("2019-08-01t21:15:54.256z", Instant.parse("2019-08-01T21:15:54.256Z")),
        Arguments.of("2019-08-01 21:15:54Z", Instant.parse("2019-08-01T21:15:54Z")),
        Arguments.of("2019-08-01 17:45:54.256000123-03:30", Instant.parse("2019-08-01T21:15:54.256000123Z")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void generateReadsTheExpirationDateInEveryForm(String written, Instant instant) {
    partoo.enqueue(json(200, "{\"token\":" + quoted(TOKEN) + ",\"expiration_date\":\"" + written + "\"}"));

    assertThat(partoo.tokens().generate(USER_ID).expiresAt()).isEqualTo(instant);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void checkReadsEveryDateFieldInEveryForm(String written, Instant instant) {
    partoo.enqueue(json(200, "{\"token\":" + quoted(TOKEN) + ",\"status\":\"consumed\",\"expiration_date\":\""
        + written + "\",\"creation_date\":\"" + written + "\",\"consumption_date\":\"" + written + "\"}"));

    ConnectionTokenStatus status = partoo.tokens().check(USER_ID, TOKEN);

    assertThat(status.expiresAt()).hasValue(instant);
    assertThat(status.createdAt()).hasValue(instant);
    assertThat(status.consumedAt()).hasValue(instant);
  }

  @Test
  void aNullOrAbsentConsumptionDateIsNoConsumption() {
    partoo.enqueue(
        json(200, "{\"status\":\"valid\",\"creation_date\":\"2019-08-01 23:15:54.256000+02:00\"}"),
        json(200, "{\"status\":\"valid\",\"consumption_date\":null}"));

    assertThat(partoo.tokens().check(USER_ID, TOKEN).consumedAt()).isEmpty();
    assertThat(partoo.tokens().check(USER_ID, TOKEN).consumedAt()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"\"2019-08-01 23:15:54.256000\"", "\"2019-08-01\"", "\"2019-08-01_23:15:54Z\"",
      "1564694154", "true"})
  void aDateThatIsNoRfc3339DateTimeIsAnUnexpectedResponse(String written) {
    partoo.enqueue(json(200, "{\"status\":\"valid\",\"creation_date\":" + written + "}"));

    Throwable thrown = catchThrowable(() -> partoo.tokens().check(USER_ID, TOKEN));

    assertThat(thrown).isExactlyInstanceOf(UnexpectedResponseException.class).hasNoCause();
  }
}
