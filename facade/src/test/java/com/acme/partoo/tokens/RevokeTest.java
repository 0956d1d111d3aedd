package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.revokedResponse;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.statusResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Revoke is not simply repeated after an ambiguous failure (the first attempt may have worked, and a second revoke of
 * a revoked token is a 400): the token is checked first, and already {@code revoked} counts as success.
 */
class RevokeTest {

  private static final String REVOKE = "POST /v2/connection/revoke_token";
  private static final String CHECK = "GET /v2/connection/check_token";

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {500, 502, 504})
  void ambiguousFailureThenCheckSayingRevokedSucceedsWithoutASecondRevoke(int status) {
    partoo.enqueue(status(status), statusResponse("revoked"));

    partoo.tokens().revoke(USER_ID, TOKEN);

    assertThat(partoo.requestLines()).containsExactly(REVOKE, CHECK);
  }

  @Test
  void ambiguousFailureThenCheckSayingValidRevokesAgain() {
    partoo.enqueue(status(500), statusResponse("valid"), revokedResponse());

    partoo.tokens().revoke(USER_ID, TOKEN);

    assertThat(partoo.requestLines()).containsExactly(REVOKE, CHECK, REVOKE);
  }

  @Test
  void serviceUnavailableIsNotAmbiguousSoRevokesAgainWithoutChecking() {
    partoo.enqueue(status(503), revokedResponse());

    partoo.tokens().revoke(USER_ID, TOKEN);

    assertThat(partoo.requestLines()).containsExactly(REVOKE, REVOKE);
  }

  @Test
  void connectionLostAfterSendingIsAmbiguous() {
    MockResponse lost = new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    partoo.enqueue(lost, statusResponse("revoked"));

    partoo.tokens().revoke(USER_ID, TOKEN);

    assertThat(partoo.requestLines()).containsExactly(REVOKE, CHECK);
  }

  @Test
  void checkThatFailsTooFallsBackToRevokingAgain() {
    partoo.enqueue(status(500), status(500), revokedResponse());

    partoo.tokens().revoke(USER_ID, TOKEN);

    assertThat(partoo.requestLines()).containsExactly(REVOKE, CHECK, REVOKE);
  }

  @Test
  void checkSendsTheSameUserAndToken() {
    partoo.enqueue(status(500), statusResponse("revoked"));

    partoo.tokens().revoke(USER_ID, TOKEN);

    partoo.takeRequest();
    HttpUrl check = partoo.takeRequest().getUrl();
    assertThat(check.queryParameter("user_id")).isEqualTo(USER_ID);
    assertThat(check.queryParameter("token")).isEqualTo(TOKEN);
  }

  @Test
  void asyncRevokeAfterAnAmbiguousFailureChecksToo() {
    partoo.enqueue(status(504), statusResponse("revoked"));

    CompletableFuture<Void> future = partoo.tokens().revokeAsync(USER_ID, TOKEN);

    assertThat(future).succeedsWithin(Duration.ofSeconds(5));
    assertThat(partoo.requestLines()).containsExactly(REVOKE, CHECK);
    assertThat(partoo.scheduler.durations()).hasSize(1);
  }

  @Test
  void tokenNoLongerValidIsAnInvalidRequestThatSaysSo() {
    partoo.enqueue(json(400, "{\"errors\":{\"json\":{\"token\":[\"Token is not valid.\"]}}}"));

    InvalidRequestException e =
        catchThrowableOfType(InvalidRequestException.class, () -> partoo.tokens().revoke(USER_ID, TOKEN));

    assertThat(e.getMessage()).contains("no longer valid: consumed, revoked or expired");
    assertThat(e.fieldErrors()).containsKey("token");
    assertThat(partoo.requestLines()).containsExactly(REVOKE);
  }

  @Test
  void noContentAnswerToRevokeIsSuccess() {
    partoo.enqueue(status(204));

    partoo.tokens().revoke(USER_ID, TOKEN);

    assertThat(partoo.requestLines()).containsExactly(REVOKE);
  }
}
