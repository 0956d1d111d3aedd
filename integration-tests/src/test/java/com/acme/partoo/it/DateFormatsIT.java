package com.acme.partoo.it;

import static com.acme.partoo.it.support.Stubs.check;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.json;
import static com.acme.partoo.it.support.Stubs.tokenStatus;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import java.time.Instant;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Dates in every form RFC 3339 allows, through the whole stack (OkHttp, Retrofit, the generated models, the facade's
 * Jackson configuration), in generate's and check's every date field. Older Partoo bundles show the space form
 * ({@code '2019-08-01 23:15:54.256000+02:00'} in {@code check_token}'s example).
 */
class DateFormatsIT {

  /**
   * swagger-request-validator checks {@code format: date-time} against two Joda patterns, stricter than RFC 3339: no
   * space (RFC 3339 allows it in a note of section 5.6, Partoo's examples use it), at most 12 fraction digits, no leap
   * second. Those forms are reported, as declared here, and the client must read them all the same.
   */
  private static final String STRICTER_VALIDATOR = "validation.response.body.schema.format.date-time";

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  static Stream<Arguments> forms() {
    return Stream.of(
        form("2019-08-01T23:15:54.256000+02:00", "2019-08-01T21:15:54.256Z", false),
        form("2019-08-01 23:15:54.256000+02:00", "2019-08-01T21:15:54.256Z", true),
        form("2019-08-01t21:15:54.256z", "2019-08-01T21:15:54.256Z", false),
        form("2019-08-01T21:15:54Z", "2019-08-01T21:15:54Z", false),
        form("2019-08-01T21:15:54.2Z", "2019-08-01T21:15:54.2Z", false),
        form("2019-08-01T21:15:54.123456789012Z", "2019-08-01T21:15:54.123456789Z", false),
        form("2019-08-01T21:15:54.123456789012345Z", "2019-08-01T21:15:54.123456789Z", true),
        form("2019-08-01T17:45:54-03:30", "2019-08-01T21:15:54Z", false),
        form("2019-08-01T21:15:54-00:00", "2019-08-01T21:15:54Z", false),
        form("2016-12-31T23:59:60Z", "2016-12-31T23:59:59Z", true));
  }

  private static Arguments form(String written, String instant, boolean validatorRefuses) {
    return Arguments.of(written, Instant.parse(instant), validatorRefuses);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void generateReadsTheExpirationDate(String written, Instant instant, boolean validatorRefuses) {
    partoo.server().stubFor(generate().willReturn(okJson(
        "{\"token\": " + json(TestSecrets.TOKEN) + ", \"expiration_date\": " + json(written) + "}")));

    assertThat(partoo.client().connectionTokens().generate("42").expiresAt()).isEqualTo(instant);
    expectValidator(validatorRefuses);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("forms")
  void checkReadsTheCreationExpirationAndConsumptionDates(String written, Instant instant, boolean validatorRefuses) {
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "consumed", written, written, written)));

    ConnectionTokenStatus status = partoo.client().connectionTokens().check("42", TestSecrets.TOKEN);

    assertThat(status.createdAt()).hasValue(instant);
    assertThat(status.expiresAt()).hasValue(instant);
    assertThat(status.consumedAt()).hasValue(instant);
    expectValidator(validatorRefuses);
  }

  private static void expectValidator(boolean refuses) {
    if (refuses) {
      partoo.expectSpecViolation(STRICTER_VALIDATOR);
    }
  }
}
