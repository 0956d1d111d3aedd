package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.InterruptedIOException;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** When the client tries again, how long it waits, and how the deadline bounds it all. */
class RetryTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  private static MockResponse withRetryAfter(int code, String retryAfter) {
    return status(code).newBuilder().setHeader("Retry-After", retryAfter).build();
  }

  @Test
  void retriesServiceUnavailableThenReturnsToken() {
    partoo.enqueue(status(503), status(503), tokenResponse());

    ConnectionToken token = partoo.tokens().generate(USER_ID);

    assertThat(token.token()).isEqualTo(TOKEN);
    assertThat(partoo.requestCount()).isEqualTo(3);
    assertThat(partoo.scheduler.durations()).hasSize(2);
    assertThat(partoo.scheduler.durations().get(0)).isLessThan(ofMillis(200));
    assertThat(partoo.scheduler.durations().get(1)).isLessThan(ofMillis(400));
  }

  @Test
  void retriesConnectionResetThenReturnsToken() {
    MockResponse reset = new MockResponse.Builder().onResponseStart(SocketEffect.ShutdownConnection.INSTANCE).build();
    partoo.enqueue(reset, tokenResponse());

    ConnectionToken token = partoo.tokens().generate(USER_ID);

    assertThat(token.token()).isEqualTo(TOKEN);
    assertThat(partoo.requestCount()).isEqualTo(2);
  }

  @Test
  void waitsExactlyWhatRetryAfterSecondsAsks() {
    partoo.enqueue(withRetryAfter(503, "3"), tokenResponse());

    partoo.tokens().generate(USER_ID);

    assertThat(partoo.scheduler.durations()).containsExactly(ofSeconds(3));
  }

  @Test
  void waitsUntilTheRetryAfterDateOnTheInjectedClock() {
    partoo.enqueue(withRetryAfter(429, "Thu, 15 Jan 2026 10:00:04 GMT"), tokenResponse());

    partoo.tokens().generate(USER_ID);

    assertThat(partoo.scheduler.durations()).containsExactly(ofSeconds(4));
  }

  @Test
  void retryAfterBeyondTheDeadlineFailsAtOnceWithTheLastTypedException() {
    partoo.enqueue(withRetryAfter(503, "30"));
    ConnectionTokens tokens = partoo.client(builder -> builder.deadline(ofSeconds(10))).connectionTokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("Retry-After").contains("30000 ms").contains("10000 ms deadline");
    assertThat(partoo.scheduler.durations()).isEmpty();
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void rateLimitBeyondTheDeadlineFailsAtOnceWithRetryAfter() {
    partoo.enqueue(withRetryAfter(429, "60"));

    RateLimitedException e = catchThrowableOfType(RateLimitedException.class, () -> partoo.tokens().generate(USER_ID));

    assertThat(e.retryAfter()).contains(ofSeconds(60));
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getMessage()).contains("deadline").contains("wait at least 60 s");
    assertThat(partoo.scheduler.durations()).isEmpty();
  }

  @Test
  void deadlineBoundsAllAttemptsAndWaitsTogether() {
    partoo.answerEveryRequestWith(withRetryAfter(503, "4"));
    ConnectionTokens tokens = partoo.client(builder -> builder
            .deadline(ofSeconds(10))
            .retryPolicy(RetryPolicy.builder().maxAttempts(10).build()))
        .connectionTokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

    // Waits of 4 s at 0 s and 4 s fit in 10 s; a third, ending at 12 s, does not.
    assertThat(partoo.scheduler.durations()).containsExactly(ofSeconds(4), ofSeconds(4));
    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getSuppressed()).hasSize(2);
    assertThat(e.getMessage()).contains("deadline");
    assertThat(partoo.clock.instant()).isEqualTo(FakeClock.START.plusSeconds(8));
  }

  @Test
  void noRetryWhenThePolicyIsNone() {
    partoo.enqueue(status(503));
    ConnectionTokens tokens = partoo.client(builder -> builder.retryPolicy(RetryPolicy.none())).connectionTokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void interruptedWaitFailsTheCallAndKeepsTheInterruptFlag() {
    partoo.enqueue(status(503));
    partoo.scheduler.onWait(() -> Thread.currentThread().interrupt()); // the caller's thread, shutting down
    ConnectionTokens tokens = partoo.tokens();

    try {
      PartooConnectionException e =
          catchThrowableOfType(PartooConnectionException.class, () -> tokens.generate(USER_ID));

      assertThat(Thread.currentThread().isInterrupted()).isTrue();
      assertThat(e.getMessage()).contains("Interrupted");
      assertThat(e.getSuppressed()).singleElement().isInstanceOf(ServerException.class);
      assertThat(partoo.requestCount()).isEqualTo(1);
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void connectionRefusedIsRetriedThenThrowsConnectionExceptionNamingTheBaseUrl() {
    String closedPort = FakePartoo.unreachableBaseUrl();
    ConnectionTokens tokens = partoo.client(builder -> builder.baseUrl(closedPort)).connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class, () -> tokens.generate(USER_ID));

    assertThat(e.attempts()).isEqualTo(3);
    assertThat(e.getSuppressed()).hasSize(2)
        .allSatisfy(earlier -> assertThat(earlier).isInstanceOf(PartooConnectionException.class));
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.partooMessage()).isEmpty();
    assertThat(e.requestId()).isEmpty();
    assertThat(e.getMessage()).contains(closedPort);
  }

  @Test
  void readTimeoutIsAConnectionException() {
    partoo.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    ConnectionTokens tokens = partoo.client(builder -> builder
            .readTimeout(ofMillis(200))
            .retryPolicy(RetryPolicy.none()))
        .connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class, () -> tokens.generate(USER_ID));

    assertThat(e.getCause()).isInstanceOf(InterruptedIOException.class);
    assertThat(e.attempts()).isEqualTo(1);
  }
}
