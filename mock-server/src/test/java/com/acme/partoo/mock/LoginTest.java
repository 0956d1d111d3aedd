package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LoginTest extends TokenRulesTestBase {

  private static void assertPage(HttpResponse<String> response, int status, String text) {
    assertThat(response.statusCode()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(response.body()).contains(text);
  }

  @Test
  void validTokenLogsInAndThePageNamesTheUser() {
    String token = http.newToken();

    assertPage(http.login(token), 200, "Logged in as " + DefaultFixture.USER_ID + ".");
  }

  @Test
  void tokenLogsInOnlyOnce() {
    String token = http.newToken();
    http.login(token);

    assertPage(http.login(token), 401, "This connection token was already used to log in.");
  }

  @Test
  void revokedTokenDoesNotLogIn() {
    String token = http.newToken();
    http.revoke(DefaultFixture.API_KEY, DefaultFixture.USER_ID, token);

    assertPage(http.login(token), 401, "This connection token was revoked.");
  }

  @Test
  void expiredTokenDoesNotLogInAndStaysExpired() {
    String token = http.newToken(DefaultFixture.USER_ID, 30);
    CLOCK.advance(Duration.ofSeconds(30));

    assertPage(http.login(token), 401, "This connection token has expired.");
    assertThat(PartooHttp.json(http.check(DefaultFixture.API_KEY, DefaultFixture.USER_ID, token))
        .get("status").asText()).isEqualTo("expired");
  }

  @Test
  void unknownTokenDoesNotLogIn() {
    assertPage(http.login("\\xdeadbeef"), 401, "This connection token is unknown.");
  }

  @Test
  void missingTokenIsABadRequest() {
    HttpRequest.Builder request = HttpRequest.newBuilder(java.net.URI.create(PARTOO.appBaseUrl() + "/connection"));

    assertPage(http.send(request), 400, "No connection token given");
  }

  @Test
  void loginNeedsNoApiKey() {
    assertThat(http.loginUri(http.newToken()).toString()).doesNotContain(DefaultFixture.API_KEY);
    assertThat(http.login(http.newToken()).statusCode()).isEqualTo(200);
  }

  @Test
  void loginUrlIsTheAppBaseUrlWithThePercentEncodedToken() {
    String token = http.newToken();

    assertThat(http.loginUri(token).toString()).isEqualTo(
        "http://127.0.0.1:" + PARTOO.fake().port() + "/app/connection?connection_token=%5C" + token.substring(1));
  }
}
