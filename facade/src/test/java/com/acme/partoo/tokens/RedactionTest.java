package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.API_KEY;
import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.quoted;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static com.acme.partoo.tokens.SecretAssertions.assertNoSecretIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A token is shown only masked, and the API key never, wherever a value or a failure can be printed. */
class RedactionTest {

  private static final String MASKED_TOKEN = TOKEN.substring(0, 4) + "****";

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void connectionTokenToStringMasksTheToken() {
    partoo.enqueue(tokenResponse());

    ConnectionToken token = partoo.tokens().generate(USER_ID);

    assertThat(token.toString()).doesNotContain(TOKEN).contains(MASKED_TOKEN);
    assertThat(new ConnectionToken(TOKEN, Instant.EPOCH, Duration.ofMinutes(5)).toString())
        .doesNotContain(TOKEN).contains(MASKED_TOKEN);
  }

  @Test
  void connectionTokenStatusToStringMasksTheToken() {
    partoo.enqueue(FakePartoo.statusResponse("valid"));

    ConnectionTokenStatus status = partoo.tokens().check(USER_ID, TOKEN);

    assertThat(status.toString()).doesNotContain(TOKEN).contains(MASKED_TOKEN);
  }

  @Test
  void anEchoedKeyIsMaskedWithTheKeyThatAttemptSentNotTheOneTheSupplierGivesNow() {
    // Partoo (or a proxy) echoes the key it received; the supplier rotates the key every time it is asked.
    partoo.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public mockwebserver3.MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        return json(503, "{\"errors\": {\"json\": \"bad key " + request.getHeaders().get("x-APIKey") + "\"}}");
      }
    });
    java.util.concurrent.atomic.AtomicInteger rotations = new java.util.concurrent.atomic.AtomicInteger();
    java.util.List<String> handedOut = new java.util.concurrent.CopyOnWriteArrayList<>();
    ConnectionTokens tokens = partoo.client(b -> b.apiKey(() -> {
      String key = API_KEY + "-rotation-" + rotations.incrementAndGet();
      handedOut.add(key);
      return key;
    })).connectionTokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

    assertThat(handedOut).hasSizeGreaterThanOrEqualTo(3);
    for (String key : handedOut) {
      assertNoSecretIn(e, key);
    }
    assertThat(e.getMessage()).contains("bad key " + API_KEY.substring(0, 4) + "****");
  }

  @Test
  void shortTokenIsMaskedEntirely() {
    ConnectionToken token = new ConnectionToken("abc12345", Instant.EPOCH, Duration.ofMinutes(5));

    assertThat(token.toString()).doesNotContain("abc1").contains("token=****");
  }

  @Test
  void clientToStringShowsWhereItPointsButNotTheKey() {
    PartooClient client = partoo.client();

    assertThat(client.toString()).doesNotContain(API_KEY).contains("apiKey=****").contains(partoo.baseUrl());
  }

  /** Operations that know the token, each with the error answers most likely to quote it. */
  static Stream<Arguments> operationsWithToken() {
    BiConsumer<ConnectionTokens, String> check = (tokens, token) -> tokens.check(USER_ID, token);
    BiConsumer<ConnectionTokens, String> revoke = (tokens, token) -> tokens.revoke(USER_ID, token);
    return Stream.of(
        Arguments.of("check", check, 400), Arguments.of("check", check, 401), Arguments.of("check", check, 404),
        Arguments.of("revoke", revoke, 400), Arguments.of("revoke", revoke, 403), Arguments.of("revoke", revoke, 503));
  }

  @ParameterizedTest(name = "{0}, HTTP {2}")
  @MethodSource("operationsWithToken")
  void errorBodyEchoingTheTokenAndTheKeyIsMaskedEverywhere(
      String name, BiConsumer<ConnectionTokens, String> operation, int status) {
    String echo = "token " + TOKEN + " is not valid for API key " + API_KEY;
    partoo.answerEveryRequestWith(json(status,
        "{\"errors\":{\"json\":{\"token\":[" + quoted(echo) + "]},\"authorization\":" + quoted(echo) + "}}"));
    ConnectionTokens tokens = partoo.tokens();

    Throwable thrown = catchThrowable(() -> operation.accept(tokens, TOKEN));

    assertThat(thrown).isInstanceOf(PartooException.class);
    assertThat(((PartooException) thrown).partooMessage()).hasValueSatisfying(detail ->
        assertThat(detail).contains(MASKED_TOKEN));
    assertNoSecretIn(thrown, TOKEN, API_KEY);
  }

  @Test
  void longDetailIsShortenedOnlyAfterTheTokenInItIsMasked() {
    // The token straddles the 500-character cut: shortening first would leave most of it unmasked.
    String detail = "x".repeat(480) + " " + TOKEN + " is not valid";
    partoo.enqueue(json(400, "{\"errors\":{\"json\":" + quoted(detail) + "}}"));

    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> partoo.tokens().check(USER_ID, TOKEN));

    assertThat(e.partooMessage()).hasValueSatisfying(message ->
        assertThat(message).contains(MASKED_TOKEN).endsWith("…").hasSizeLessThanOrEqualTo(501));
    assertNoSecretIn(e, TOKEN, TOKEN.substring(0, 12));
  }

  @Test
  void malformedBodyQuotingATokenIsNotQuotedInTheMessage() {
    partoo.enqueue(json(200, "{\"token\":" + quoted(TOKEN) + ",\"expiration_date\":\"tomorrow\"}"));

    Throwable thrown = catchThrowable(() -> partoo.tokens().generate(USER_ID));

    assertThat(thrown).isInstanceOf(UnexpectedResponseException.class);
    assertNoSecretIn(thrown, TOKEN, API_KEY);
  }

  @Test
  void connectionFailureOfACheckDoesNotShowTheTokenItWasSending() {
    ConnectionTokens tokens = partoo.client(builder -> builder.baseUrl(FakePartoo.unreachableBaseUrl())).connectionTokens();

    Throwable thrown = catchThrowable(() -> tokens.check(USER_ID, TOKEN));

    assertThat(thrown).isInstanceOf(PartooConnectionException.class);
    assertNoSecretIn(thrown, TOKEN, API_KEY);
  }
}
