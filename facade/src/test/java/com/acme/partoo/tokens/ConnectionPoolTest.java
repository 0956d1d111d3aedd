package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.statusResponse;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.tokens.PartooListener.AttemptEnded;
import com.acme.partoo.tokens.PartooListener.AttemptStarted;
import com.acme.partoo.tokens.PartooListener.CallEnded;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection the server closed while it sat idle in the pool costs neither a failed call nor a retry: the request
 * that found it dead goes out again at once, on another connection, counted on the wire but not against the retries.
 * A connection that fails any other way is an ordinary failure. The pool's settings are the client's own.
 */
class ConnectionPoolTest {

  /** Never retries, and has no budget to: only a free resend can save a call. */
  private static final RetryPolicy NO_RETRY_AT_ALL = RetryPolicy.builder().maxAttempts(1).retryBudget(0, 0).build();

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  /** {@code answer}, then the server closes the connection, as one does when its keep-alive timeout runs out. */
  private static MockResponse thenClosesTheConnection(MockResponse answer) {
    return answer.newBuilder().onResponseEnd(new SocketEffect.CloseSocket(true, false, false)).build();
  }

  @Test
  void aPooledConnectionTheServerClosedIsResentAtOnceWithoutARetry() {
    partoo.enqueue(thenClosesTheConnection(tokenResponse()), tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> b.retryPolicy(NO_RETRY_AT_ALL)).connectionTokens();
    tokens.generate(USER_ID);

    ConnectionToken second = tokens.generate(USER_ID); // goes out on the pooled connection, closed meanwhile

    assertThat(second.token()).isEqualTo(TOKEN);
    assertThat(partoo.requestCount()).as("what reached the server: the first call, then the resend").isEqualTo(2);
  }

  @Test
  void anAsyncCallResendsToo() {
    partoo.enqueue(thenClosesTheConnection(tokenResponse()), tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> b.retryPolicy(NO_RETRY_AT_ALL)).connectionTokens();
    tokens.generateAsync(USER_ID).join();

    ConnectionToken second = tokens.generateAsync(USER_ID).join();

    assertThat(second.token()).isEqualTo(TOKEN);
  }

  @Test
  void theResendIsAnAttemptListenersHearWithoutAWait() {
    partoo.enqueue(thenClosesTheConnection(tokenResponse()), tokenResponse());
    ListenerTest.Recording recording = new ListenerTest.Recording();
    ConnectionTokens tokens =
        partoo.client(b -> b.retryPolicy(NO_RETRY_AT_ALL).listener(recording)).connectionTokens();
    tokens.generate(USER_ID);
    recording.events.clear();

    tokens.generate(USER_ID);

    List<Object> attempts = recording.events.stream()
        .filter(event -> event instanceof AttemptStarted || event instanceof AttemptEnded)
        .collect(Collectors.toList());
    assertThat(attempts).hasSize(4);
    assertThat((AttemptEnded) attempts.get(1)).satisfies(first -> {
      assertThat(first.number()).isEqualTo(1);
      assertThat(first.failure()).contains(FailureKind.NO_ANSWER);
      assertThat(first.nextWait()).as("sent again at once").isEmpty();
    });
    assertThat(((AttemptStarted) attempts.get(2)).number()).isEqualTo(2);
    assertThat(recording.events.get(recording.events.size() - 1)).isInstanceOfSatisfying(CallEnded.class, end -> {
      assertThat(end.outcome()).isEqualTo(PartooListener.Outcome.SUCCESS);
      assertThat(end.attempts()).isEqualTo(2);
    });
  }

  @Test
  void aRevokeLostOnAStaleConnectionIsCheckedBeforeItIsSentAgain() {
    partoo.enqueue(thenClosesTheConnection(statusResponse("valid")), statusResponse("revoked"));
    ConnectionTokens tokens = partoo.client(b -> b.retryPolicy(NO_RETRY_AT_ALL)).connectionTokens();
    tokens.check(USER_ID, TOKEN);

    tokens.revoke(USER_ID, TOKEN); // lost on the dead connection; the check finds the token revoked all the same

    assertThat(partoo.requestLines()).containsExactly(
        "GET /v2/connection/check_token", "GET /v2/connection/check_token");
  }

  @Test
  void aConnectionClosedBeforeAnyAnswerOnAFreshConnectionIsAnOrdinaryFailure() {
    partoo.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket(true, false, false))
        .build());
    ConnectionTokens tokens = partoo.client(b -> b.retryPolicy(NO_RETRY_AT_ALL)).connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void aSharedClientsOwnEventListenerStillHearsEveryCall() {
    partoo.enqueue(thenClosesTheConnection(tokenResponse()), tokenResponse());
    List<String> heard = new CopyOnWriteArrayList<>();
    OkHttpClient shared = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void connectionAcquired(Call call, Connection connection) {
        heard.add("acquired");
      }
    }).build();
    ConnectionTokens tokens =
        partoo.client(b -> b.okHttpClient(shared).retryPolicy(NO_RETRY_AT_ALL)).connectionTokens();

    try {
      tokens.generate(USER_ID);
      tokens.generate(USER_ID);
    } finally {
      shared.connectionPool().evictAll();
    }

    assertThat(heard).as("three requests: the first, the one lost on the dead connection, its resend")
        .containsExactly("acquired", "acquired", "acquired");
  }

  @Test
  void noIdleConnectionsKeptMeansEachCallConnectsAfresh() {
    partoo.enqueue(tokenResponse(), tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> b.maxIdleConnections(0)).connectionTokens();

    tokens.generate(USER_ID);
    tokens.generate(USER_ID);

    assertThat(partoo.takeRequest().getConnectionIndex()).isZero();
    assertThat(partoo.takeRequest().getConnectionIndex()).as("a second connection").isOne();
  }
}
