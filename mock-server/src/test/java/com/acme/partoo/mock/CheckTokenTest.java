package com.acme.partoo.mock;

import static com.acme.partoo.mock.PartooAssertions.NOT_FOUND;
import static com.acme.partoo.mock.PartooAssertions.assertAnswer;
import static com.acme.partoo.mock.PartooAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import org.junit.jupiter.api.Test;

class CheckTokenTest extends TokenRulesTestBase {

  private JsonNode check(String token) {
    HttpResponse<String> response = http.check(KEY, USER, token);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return PartooHttp.json(response);
  }

  private static OffsetDateTime date(JsonNode body, String field) {
    return OffsetDateTime.parse(body.get(field).asText());
  }

  @Test
  void freshTokenIsValidAndReportsWhoGeneratedItAndWhen() {
    String token = http.newToken(USER, 600);

    JsonNode body = check(token);

    assertThat(body.fieldNames()).as("no consumption_date until the token is used: the bundle has no null for it")
        .toIterable().containsExactlyInAnyOrder("token", "expiration_date", "generated_by", "creation_date", "status");
    assertThat(body.get("token").asText()).isEqualTo(token);
    assertThat(body.get("status").asText()).isEqualTo("valid");
    assertThat(body.get("generated_by").asText()).isEqualTo(DefaultFixture.OWNER_USER_ID);
    assertThat(body.get("creation_date").asText()).matches(".*T.*\\.\\d{6}\\+00:00");
    assertThat(Duration.between(date(body, "creation_date"), date(body, "expiration_date")))
        .isEqualTo(Duration.ofSeconds(600));
  }

  @Test
  void consumedTokenReportsWhenItWasUsedToLogIn() {
    String token = http.newToken(USER, 600);
    CLOCK.advance(Duration.ofSeconds(5));
    assertThat(http.login(token).statusCode()).isEqualTo(200);

    JsonNode body = check(token);

    assertThat(body.get("status").asText()).isEqualTo("consumed");
    assertThat(Duration.between(date(body, "creation_date"), date(body, "consumption_date")))
        .isEqualTo(Duration.ofSeconds(5));
  }

  @Test
  void revokedTokenIsRevokedAndWasNeverConsumed() {
    String token = http.newToken(USER, 600);
    assertThat(http.revoke(KEY, USER, token).statusCode()).isEqualTo(200);

    JsonNode body = check(token);

    assertThat(body.get("status").asText()).isEqualTo("revoked");
    assertThat(body.has("consumption_date")).isFalse();
  }

  @Test
  void tokenIsValidUntilJustBeforeItsExpirationDateAndExpiredFromIt() {
    String token = http.newToken(USER, 60);

    CLOCK.advance(Duration.ofSeconds(60).minusNanos(1_000));
    assertThat(check(token).get("status").asText()).isEqualTo("valid");
    CLOCK.advance(Duration.ofNanos(1_000));
    assertThat(check(token).get("status").asText()).isEqualTo("expired");
  }

  @Test
  void consumedAndRevokedTokensKeepTheirStatusAfterExpiry() {
    String consumed = http.newToken(USER, 60);
    String revoked = http.newToken(USER, 60);
    http.login(consumed);
    http.revoke(KEY, USER, revoked);

    CLOCK.advance(Duration.ofDays(2));

    assertThat(check(consumed).get("status").asText()).isEqualTo("consumed");
    assertThat(check(revoked).get("status").asText()).isEqualTo("revoked");
  }

  @Test
  void unknownTokenIsNotFound() {
    assertAnswer(http.check(KEY, USER, "\\xdeadbeef"), 404, NOT_FOUND);
  }

  @Test
  void anotherUsersTokenIsNotFound() {
    String providersNeighbour = http.newToken(USER, 60);

    assertAnswer(http.check(KEY, DefaultFixture.PROVIDER_USER_ID, providersNeighbour), 404, NOT_FOUND);
  }

  @Test
  void missingOrBlankQueryParametersAreRejected() {
    String user = "user_id=" + USER;
    assertInvalid(http.get("/connection/check_token?" + user, KEY), "token", "Missing data for required field.");
    assertInvalid(http.get("/connection/check_token?" + user + "&token=", KEY), "token", "Field may not be blank.");
    assertInvalid(http.get("/connection/check_token?token=x", KEY), "user_id", "Missing data for required field.");
    assertAnswer(http.get("/connection/check_token", KEY), 400, "{\"errors\": {\"json\": {"
        + "\"user_id\": [\"Missing data for required field.\"], \"token\": [\"Missing data for required field.\"]}}}");
  }
}
