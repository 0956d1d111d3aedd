package com.acme.partoo.mock;

import static com.acme.partoo.mock.PartooAssertions.NOT_FOUND;
import static com.acme.partoo.mock.PartooAssertions.assertAnswer;
import static com.acme.partoo.mock.PartooAssertions.assertInvalid;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RevokeTokenTest extends TokenRulesTestBase {

  @Test
  void revokingAValidTokenAnswersAnEmptyObjectAndRevokesIt() {
    String token = http.newToken();

    assertAnswer(http.revoke(KEY, USER, token), 200, "{}");
    assertThat(PartooHttp.json(http.check(KEY, USER, token)).get("status").asText()).isEqualTo("revoked");
  }

  @Test
  void consumedTokenCannotBeRevoked() {
    String token = http.newToken();
    http.login(token);

    assertInvalid(http.revoke(KEY, USER, token), "token", "Token cannot be revoked: it is consumed.");
  }

  @Test
  void revokedTokenCannotBeRevokedAgain() {
    String token = http.newToken();
    http.revoke(KEY, USER, token);

    assertInvalid(http.revoke(KEY, USER, token), "token", "Token cannot be revoked: it is revoked.");
  }

  @Test
  void expiredTokenCannotBeRevoked() {
    String token = http.newToken(USER, 1);
    CLOCK.advance(Duration.ofSeconds(1));

    assertInvalid(http.revoke(KEY, USER, token), "token", "Token cannot be revoked: it is expired.");
    assertThat(PartooHttp.json(http.check(KEY, USER, token)).get("status").asText()).isEqualTo("expired");
  }

  @Test
  void unknownTokenOrAnotherUsersTokenIsNotFound() {
    String token = http.newToken();

    assertAnswer(http.revoke(KEY, USER, "\\xdeadbeef"), 404, NOT_FOUND);
    assertAnswer(http.revoke(KEY, DefaultFixture.PROVIDER_USER_ID, token), 404, NOT_FOUND);
  }

  @Test
  void missingFieldsAndMalformedBodiesAreRejected() {
    String path = "/connection/revoke_token";
    assertInvalid(http.post(path, KEY, "{\"user_id\": \"" + USER + "\"}"), "token", "Missing data for required field.");
    assertInvalid(http.post(path, KEY, "{\"user_id\": \"" + USER + "\", \"token\": \" \"}"),
        "token", "Field may not be blank.");
    assertInvalid(http.post(path, KEY, "{\"token\": \"x\"}"), "user_id", "Missing data for required field.");
    assertInvalid(http.post(path, KEY, "{"), "_schema", "Invalid JSON body.");
  }
}
