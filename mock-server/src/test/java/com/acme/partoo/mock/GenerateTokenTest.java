package com.acme.partoo.mock;

import static com.acme.partoo.mock.PartooAssertions.assertAnswer;
import static com.acme.partoo.mock.PartooAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GenerateTokenTest extends TokenRulesTestBase {

  private static final DateTimeFormatter PARTOO_UTC =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+00:00'").withZone(ZoneOffset.UTC);

  private static String micros(Instant instant) {
    return PARTOO_UTC.format(instant);
  }

  @Test
  void answersOnlyTokenAndExpirationOneDayAfterNowByDefault() {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\"}");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = PartooHttp.json(response);
    assertThat(body.fieldNames()).toIterable().containsExactly("token", "expiration_date");
    assertThat(body.get("expiration_date").asText()).isEqualTo(micros(CLOCK.instant().plus(Duration.ofDays(1))));
  }

  @Test
  void writesTimestampsLikePartooWithSixFractionalDigitsAndAnOffset() {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\", \"ttl\": 60}");

    String expiration = PartooHttp.json(response).get("expiration_date").asText();
    assertThat(expiration).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{6}\\+00:00");
    assertThat(OffsetDateTime.parse(expiration).toInstant())
        .isEqualTo(CLOCK.instant().truncatedTo(ChronoUnit.MICROS).plusSeconds(60));
  }

  @Test
  void writesTimestampsInTheConfiguredZone() {
    try (FakePartoo paris = FakePartoo.builder().defaultFixture().clock(CLOCK).zone(ZoneOffset.ofHours(2)).start()) {
      HttpResponse<String> response = new PartooHttp(paris).generate(KEY, "{\"user_id\": \"" + USER + "\"}");

      String expected = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'+02:00'")
          .withZone(ZoneOffset.ofHours(2)).format(CLOCK.instant().plus(Duration.ofDays(1)));
      assertThat(PartooHttp.json(response).get("expiration_date").asText()).isEqualTo(expected);
    }
  }

  @Test
  void tokensLookLikePartoosExampleBackslashXThenHex() {
    String token = http.newToken();

    assertThat(token).matches("\\\\x[0-9a-f]{48}");
  }

  @Test
  void everyTokenIsDifferent() {
    Set<String> tokens = new HashSet<>();
    for (int i = 0; i < 50; i++) {
      tokens.add(http.newToken());
    }

    assertThat(tokens).hasSize(50);
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 3600, 86_400})
  void ttlFromOneSecondToOneDaySetsTheExpiration(int ttl) {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\", \"ttl\": " + ttl + "}");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(PartooHttp.json(response).get("expiration_date").asText())
        .isEqualTo(micros(CLOCK.instant().plusSeconds(ttl)));
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "86401", "-1", "99999999999999999999"})
  void ttlOutsideOneSecondToOneDayIsRejected(String ttl) {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\", \"ttl\": " + ttl + "}");

    assertInvalid(response, "ttl", "Must be greater than or equal to 1 and less than or equal to 86400.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"\"3600\"", "1.5", "3600.0", "true", "[]", "{}"})
  void ttlThatIsNotAJsonIntegerIsRejected(String ttl) {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\", \"ttl\": " + ttl + "}");

    assertInvalid(response, "ttl", "Not a valid integer.");
  }

  @Test
  void nullTtlIsRejectedRatherThanTakenAsTheDefault() {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\", \"ttl\": null}");

    assertInvalid(response, "ttl", "Field may not be null.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{}", "", "{\"ttl\": 60}"})
  void missingUserIdIsRejected(String body) {
    HttpResponse<String> response = http.generate(KEY, body);

    assertInvalid(response, "user_id", "Missing data for required field.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\\t"})
  void blankUserIdIsRejected(String userId) {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + userId + "\"}");

    assertInvalid(response, "user_id", "Field may not be blank.");
  }

  @Test
  void userIdThatIsNotAStringIsRejected() {
    assertInvalid(http.generate(KEY, "{\"user_id\": 42}"), "user_id", "Not a valid string.");
    assertInvalid(http.generate(KEY, "{\"user_id\": null}"), "user_id", "Field may not be null.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"{\"user_id\": ", "{\"user_id\": \"a\"} trailing", "not json"})
  void malformedJsonBodyIsRejected(String body) {
    assertInvalid(http.generate(KEY, body), "_schema", "Invalid JSON body.");
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "\"" + DefaultFixture.USER_ID + "\"", "42", "null"})
  void jsonBodyThatIsNotAnObjectIsRejected(String body) {
    assertInvalid(http.generate(KEY, body), "_schema", "Invalid input type.");
  }

  @Test
  void everyFieldErrorIsReportedAtOnce() {
    HttpResponse<String> response = http.generate(KEY, "{\"ttl\": 0}");

    assertAnswer(response, 400, "{\"errors\": {\"json\": {"
        + "\"user_id\": [\"Missing data for required field.\"],"
        + "\"ttl\": [\"Must be greater than or equal to 1 and less than or equal to 86400.\"]}}}");
  }

  @Test
  void unknownFieldsAreIgnored() {
    HttpResponse<String> response = http.generate(KEY, "{\"user_id\": \"" + USER + "\", \"locale\": \"fr\"}");

    assertThat(response.statusCode()).isEqualTo(200);
  }
}
