package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.jsonBody;
import static com.acme.partoo.tokens.FakePartoo.revokedResponse;
import static com.acme.partoo.tokens.FakePartoo.statusResponse;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The three operations on the wire and the values they return, and the login URL. */
class ConnectionTokensTest {

  private static final Instant EXPIRES_AT = Instant.parse("2026-01-15T10:15:54.256Z");

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void generatePostsTheUserAndTtlAndReturnsTokenExpiryAndTtl() {
    partoo.enqueue(tokenResponse());

    ConnectionToken token = partoo.tokens().generate(USER_ID, Duration.ofMinutes(5));

    RecordedRequest request = partoo.takeRequest();
    assertThat(request.getMethod()).isEqualTo("POST");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/connection/generate_token");
    assertThat(request.getHeaders().get("Content-Type")).startsWith("application/json");
    JsonNode body = jsonBody(request);
    assertThat(body.path("user_id").asText()).isEqualTo(USER_ID);
    assertThat(body.path("ttl").asInt()).isEqualTo(300);
    assertThat(token).isEqualTo(new ConnectionToken(TOKEN, EXPIRES_AT, Duration.ofMinutes(5)));
  }

  @Test
  void checkSendsUserAndTokenAsQueryParametersAndReturnsTheStatus() {
    partoo.enqueue(statusResponse("valid"));

    ConnectionTokenStatus status = partoo.tokens().check(USER_ID, TOKEN);

    RecordedRequest request = partoo.takeRequest();
    assertThat(request.getMethod()).isEqualTo("GET");
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/connection/check_token");
    assertThat(request.getUrl().queryParameter("user_id")).isEqualTo(USER_ID);
    assertThat(request.getUrl().queryParameter("token")).isEqualTo(TOKEN);
    assertThat(status.token()).isEqualTo(TOKEN);
    assertThat(status.state()).isEqualTo(TokenState.VALID);
    assertThat(status.expiresAt()).contains(EXPIRES_AT);
    assertThat(status.createdAt()).contains(Instant.parse("2026-01-15T09:15:54.256Z"));
    assertThat(status.consumedAt()).isEmpty();
    assertThat(status.generatedBy()).contains(USER_ID);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource({"valid, VALID", "consumed, CONSUMED", "revoked, REVOKED", "expired, EXPIRED", "archived, UNKNOWN"})
  void checkMapsEachPartooStatus(String partooStatus, TokenState state) {
    partoo.enqueue(statusResponse(partooStatus));

    assertThat(partoo.tokens().check(USER_ID, TOKEN).state()).isEqualTo(state);
  }

  @Test
  void checkAnswerWithoutTokenOrDatesReportsTheTokenAskedAbout() {
    partoo.enqueue(json(200, "{\"status\":\"expired\"}"));

    ConnectionTokenStatus status = partoo.tokens().check(USER_ID, TOKEN);

    assertThat(status).isEqualTo(new ConnectionTokenStatus(TOKEN, "expired", null, null, null, null));
  }

  @Test
  void revokePostsTheUserAndToken() {
    partoo.enqueue(revokedResponse());

    partoo.tokens().revoke(USER_ID, TOKEN);

    RecordedRequest request = partoo.takeRequest();
    assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/connection/revoke_token");
    JsonNode body = jsonBody(request);
    assertThat(body.path("user_id").asText()).isEqualTo(USER_ID);
    assertThat(body.path("token").asText()).isEqualTo(TOKEN);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b | %5Cxaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b",
      "a+b/c=d e | a%2Bb%2Fc%3Dd%20e",
      "'x&y#z%20' | x%26y%23z%2520",
      "'  padded token  ' | %20%20padded%20token%20%20",
      "jeton-é | jeton-%C3%A9"})
  void loginUrlPercentEncodesTheTokenSoItReadsBackUnchanged(String token, String encoded) {
    URI url = partoo.tokens().loginUrl(token);

    assertThat(url.toString()).isEqualTo("https://app.partoo.co/app/connection?connection_token=" + encoded);
    assertThat(HttpUrl.get(url.toString()).queryParameter("connection_token")).isEqualTo(token);
    assertThat(url.getQuery()).isEqualTo("connection_token=" + token);
    assertThat(partoo.requestCount()).isZero();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"https://app.example.test/app", "https://app.example.test/app/"})
  void loginUrlStartsWithTheAppBaseUrlWithOrWithoutTrailingSlash(String appBaseUrl) {
    ConnectionTokens tokens = partoo.client(builder -> builder.appBaseUrl(appBaseUrl)).connectionTokens();

    URI url = tokens.loginUrl("abc");

    assertThat(url).hasToString("https://app.example.test/app/connection?connection_token=abc");
  }

  @Test
  void loginUrlFollowsTheEnvironment() {
    // Production: every bundle lists it (the build requires it), unlike the sandbox.
    ConnectionTokens tokens = partoo.client(builder -> builder.appBaseUrl("https://app.example.test/app")
        .environment(PartooEnvironment.PRODUCTION).baseUrl(partoo.baseUrl())).connectionTokens();

    assertThat(tokens.loginUrl("abc")).hasToString("https://app.partoo.co/app/connection?connection_token=abc");
  }

  @ParameterizedTest(name = "[{index}]")
  @ValueSource(strings = {"", "   ", "tok\nen"})
  void loginUrlRefusesAnUnusableToken(String token) {
    ConnectionTokens tokens = partoo.tokens();

    assertThatIllegalArgumentException().isThrownBy(() -> tokens.loginUrl(token)).withMessageStartingWith("token");
  }
}
