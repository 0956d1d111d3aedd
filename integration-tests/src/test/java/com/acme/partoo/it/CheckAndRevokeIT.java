package com.acme.partoo.it;

import static com.acme.partoo.it.support.Failures.partooFailure;
import static com.acme.partoo.it.support.Stubs.CHECK_PATH;
import static com.acme.partoo.it.support.Stubs.REVOKE_PATH;
import static com.acme.partoo.it.support.Stubs.check;
import static com.acme.partoo.it.support.Stubs.htmlError;
import static com.acme.partoo.it.support.Stubs.json;
import static com.acme.partoo.it.support.Stubs.revoke;
import static com.acme.partoo.it.support.Stubs.revoked;
import static com.acme.partoo.it.support.Stubs.tokenStatus;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.Transport;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.TokenState;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The connection-token lifecycle after generate: check, revoke (safe to retry), and the login URL. */
@ParameterizedClass(name = "over {0}")
@MethodSource("com.acme.partoo.it.support.Transport#selected")
class CheckAndRevokeIT {

  private static final String CREATED = "2026-03-02T10:00:00.000001+01:00";
  private static final String EXPIRES = "2026-03-03T10:00:00.000001+01:00";
  private static final String CONSUMED = "2026-03-02T10:05:30.250000+01:00";

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  /** The transport of this run of the class: cleartext HTTP/1.1, TLS HTTP/1.1, TLS HTTP/2. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void serve(Transport transport) {
    partoo.over(transport);
  }

  /** Ways a revoke can end without saying whether it took effect. */
  enum LostRevoke {
    BAD_GATEWAY_HTML(() -> htmlError(502)),
    GATEWAY_TIMEOUT(() -> aResponse().withStatus(504)),
    INTERNAL_SERVER_ERROR(() -> aResponse().withStatus(500)),
    CONNECTION_RESET(() -> aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

    private final Supplier<ResponseDefinitionBuilder> answer;

    LostRevoke(Supplier<ResponseDefinitionBuilder> answer) {
      this.answer = answer;
    }

    ResponseDefinitionBuilder answer() {
      return answer.get();
    }
  }

  @Test
  void checkSendsUserIdAndTokenAsQueryParametersWithTheApiKey() {
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "valid", CREATED, EXPIRES, null)));

    partoo.client().connectionTokens().check("42", TestSecrets.TOKEN);

    partoo.server().verify(1, getRequestedFor(urlPathEqualTo(CHECK_PATH))
        .withQueryParam("user_id", equalTo("42"))
        .withQueryParam("token", equalTo(TestSecrets.TOKEN))
        .withHeader("x-APIKey", equalTo(TestSecrets.API_KEY)));
  }

  @Test
  void checkEncodesEveryReservedCharacterOfTheToken() {
    partoo.server().stubFor(check().willReturn(
        tokenStatus(TestSecrets.TRICKY_TOKEN, "valid", CREATED, EXPIRES, null)));

    ConnectionTokenStatus status = partoo.client().connectionTokens().check("42", TestSecrets.TRICKY_TOKEN);

    // The server decodes the query as form data ('+' is a space): only a correctly encoded token survives.
    partoo.server().verify(1, getRequestedFor(urlPathEqualTo(CHECK_PATH))
        .withQueryParam("token", equalTo(TestSecrets.TRICKY_TOKEN)));
    String rawQuery = partoo.requestsTo(CHECK_PATH).get(0).getUrl().replaceFirst("^[^?]*\\?", "");
    assertThat(rawQuery).doesNotContain("+", "\\").contains("%2B", "%5C");
    assertThat(rawQuery.split("&")).as("the token's own '&' and '=' do not split it").hasSize(2);
    assertThat(status.token()).isEqualTo(TestSecrets.TRICKY_TOKEN);
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of("valid", TokenState.VALID, null),
        Arguments.of("consumed", TokenState.CONSUMED, CONSUMED),
        Arguments.of("revoked", TokenState.REVOKED, null),
        Arguments.of("expired", TokenState.EXPIRED, null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("statuses")
  void reportsEveryStatusWithItsDates(String status, TokenState state, String consumption) {
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, status, CREATED, EXPIRES, consumption)));

    ConnectionTokenStatus answer = partoo.client().connectionTokens().check("42", TestSecrets.TOKEN);

    assertThat(answer.state()).isEqualTo(state);
    assertThat(answer.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(answer.createdAt()).hasValue(Instant.parse("2026-03-02T09:00:00.000001Z"));
    assertThat(answer.expiresAt()).hasValue(Instant.parse("2026-03-03T09:00:00.000001Z"));
    assertThat(answer.generatedBy()).hasValue("5309c3a237bbc544d8e26737");
    if (consumption == null) {
      assertThat(answer.consumedAt()).isEmpty();
    } else {
      assertThat(answer.consumedAt()).hasValue(Instant.parse("2026-03-02T09:05:30.25Z"));
    }
  }

  @Test
  void asyncCheckReportsTheSameStatus() {
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "consumed", CREATED, EXPIRES, CONSUMED)));

    ConnectionTokenStatus answer = Failures.await(partoo.client().connectionTokens().checkAsync("42", TestSecrets.TOKEN));

    assertThat(answer.state()).isEqualTo(TokenState.CONSUMED);
    assertThat(answer.consumedAt()).hasValue(Instant.parse("2026-03-02T09:05:30.25Z"));
  }

  @Test
  void mapsAStatusPartooAddsLaterToUnknown() {
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "suspended", CREATED, EXPIRES, null)));
    // The spec's enum has four values: a fifth is exactly the drift this test simulates.
    partoo.expectSpecViolation("validation.response.body.schema.enum");

    ConnectionTokenStatus answer = partoo.client().connectionTokens().check("42", TestSecrets.TOKEN);

    assertThat(answer.state()).isEqualTo(TokenState.UNKNOWN);
    assertThat(answer.expiresAt()).hasValue(Instant.parse("2026-03-03T09:00:00.000001Z"));
  }

  @Test
  void revokePostsUserIdAndTokenAsJsonWithTheApiKey() {
    partoo.server().stubFor(revoke().willReturn(revoked()));

    partoo.client().connectionTokens().revoke("42", TestSecrets.TRICKY_TOKEN);

    partoo.server().verify(1, postRequestedFor(urlEqualTo(REVOKE_PATH))
        .withHeader("x-APIKey", equalTo(TestSecrets.API_KEY))
        .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
        .withRequestBody(equalToJson("{\"user_id\": \"42\", \"token\": " + json(TestSecrets.TRICKY_TOKEN) + "}")));
    assertThat(partoo.requestsTo(CHECK_PATH)).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(LostRevoke.class)
  void lostRevokeThatTookEffectIsNotSentAgain(LostRevoke lost) {
    partoo.stubSequence(() -> revoke(), lost.answer(), revoked());
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "revoked", CREATED, EXPIRES, null)));

    partoo.client().connectionTokens().revoke("42", TestSecrets.TOKEN);

    assertThat(partoo.requestsTo(REVOKE_PATH)).hasSize(1);
    partoo.server().verify(1, getRequestedFor(urlPathEqualTo(CHECK_PATH))
        .withQueryParam("user_id", equalTo("42"))
        .withQueryParam("token", equalTo(TestSecrets.TOKEN)));
  }

  @ParameterizedTest
  @EnumSource(LostRevoke.class)
  void lostRevokeThatDidNotTakeEffectIsSentAgain(LostRevoke lost) {
    partoo.stubSequence(() -> revoke(), lost.answer(), revoked());
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "valid", CREATED, EXPIRES, null)));

    partoo.client().connectionTokens().revoke("42", TestSecrets.TOKEN);

    assertThat(partoo.requestsTo(REVOKE_PATH)).hasSize(2);
    assertThat(partoo.requestsTo(CHECK_PATH)).hasSize(1);
  }

  @ParameterizedTest
  @EnumSource(LostRevoke.class)
  void asyncLostRevokeThatTookEffectIsNotSentAgain(LostRevoke lost) {
    partoo.stubSequence(() -> revoke(), lost.answer(), revoked());
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "revoked", CREATED, EXPIRES, null)));

    Failures.await(partoo.client().connectionTokens().revokeAsync("42", TestSecrets.TOKEN));

    assertThat(partoo.requestsTo(REVOKE_PATH)).hasSize(1);
    assertThat(partoo.requestsTo(CHECK_PATH)).hasSize(1);
  }

  @Test
  void asyncLostRevokeThatDidNotTakeEffectIsSentAgain() {
    partoo.stubSequence(() -> revoke(), htmlError(502), revoked());
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "valid", CREATED, EXPIRES, null)));

    Failures.await(partoo.client().connectionTokens().revokeAsync("42", TestSecrets.TOKEN));

    assertThat(partoo.requestsTo(REVOKE_PATH)).hasSize(2);
    assertThat(partoo.requestsTo(CHECK_PATH)).hasSize(1);
  }

  @Test
  void revokeRefusedBeforeProcessingIsRetriedWithoutChecking() {
    partoo.stubSequence(() -> revoke(), serviceUnavailable(), revoked());

    partoo.client().connectionTokens().revoke("42", TestSecrets.TOKEN);

    assertThat(partoo.requestsTo(REVOKE_PATH)).hasSize(2);
    assertThat(partoo.requestsTo(CHECK_PATH)).as("a 503 was not processed: nothing to check").isEmpty();
  }

  @Test
  void revokeOfATokenNoLongerValidIsAnInvalidRequest() {
    partoo.server().stubFor(revoke().willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"json\": {\"token\": [\"Token is not valid.\"]}}}")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.revoke("42", TestSecrets.TOKEN));

    assertThat(failure).isInstanceOf(InvalidRequestException.class);
    assertThat(((InvalidRequestException) failure).fieldErrors())
        .isEqualTo(Map.of("token", List.of("Token is not valid.")));
    assertThat(failure.getMessage()).contains("no longer valid");
    assertThat(partoo.requestsTo(REVOKE_PATH)).hasSize(1);
  }

  @Test
  void loginUrlPercentEncodesEveryReservedCharacterAndSendsNothing() {
    URI login = partoo.client().connectionTokens().loginUrl(TestSecrets.TRICKY_TOKEN);

    assertThat(login.toString()).isEqualTo(
        "https://app.partoo.test/app/connection?connection_token=%5Cx9f%2BZq%2FLw%3D%3D%26k%3Dv%252B");
    assertThat(login.getQuery()).isEqualTo("connection_token=" + TestSecrets.TRICKY_TOKEN);
    assertThat(partoo.server().getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest(name = "app base URL ending with \"{0}\"")
  @ValueSource(strings = {"", "/"})
  void loginUrlIsTheSameWithOrWithoutTrailingSlash(String suffix) {
    ConnectionTokens tokens = partoo.build(partoo.clientBuilder().appBaseUrl("https://app.partoo.test/app" + suffix))
        .connectionTokens();

    assertThat(tokens.loginUrl(TestSecrets.TOKEN).toString()).isEqualTo(
        "https://app.partoo.test/app/connection?connection_token=%5Cxaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b");
  }
}
