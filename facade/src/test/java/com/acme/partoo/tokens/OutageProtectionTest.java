package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.json;
import static com.acme.partoo.tokens.FakePartoo.stalled;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The outage protection, on fake time: when it opens, what it says, how it probes, closes and reopens, what counts
 * against Partoo and what does not. Requests are counted at the server.
 */
class OutageProtectionTest {

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  /** One attempt per call, so that each call is one request and one verdict. */
  private ConnectionTokens tokens() {
    return client().connectionTokens();
  }

  private PartooClient client() {
    return partoo.client(b -> b.retryPolicy(RetryPolicy.none()));
  }

  /** As {@link #client()}, with two probes (the default is one) and the cap of 10 s (the default is 2 s). */
  private PartooClient clientWithTwoProbesAndALongerCap() {
    return partoo.client(b -> b.retryPolicy(RetryPolicy.none()).outagePolicy(
        OutagePolicy.builder().probes(2).openInterval(Duration.ofSeconds(1), Duration.ofSeconds(10)).build()));
  }

  private static void failTimes(ConnectionTokens tokens, int calls) {
    for (int i = 0; i < calls; i++) {
      catchThrowableOfType(PartooException.class, () -> tokens.generate(USER_ID));
    }
  }

  @Test
  void opensAfterFiveFailuresAndThenFailsAtOnceWithoutARequest() {
    partoo.answerEveryRequestWith(status(503));
    PartooClient client = client();

    failTimes(client.connectionTokens(), 5);
    Instant opened = partoo.clock.instant();
    PartooUnavailableException e =
        catchThrowableOfType(PartooUnavailableException.class, () -> client.connectionTokens().generate(USER_ID));

    assertThat(partoo.requestCount()).as("requests: the five failures, then nothing").isEqualTo(5);
    assertThat(e.attempts()).isZero();
    assertThat(e.statusCode()).isEmpty();
    assertThat(e.downSince()).hasValue(opened);
    assertThat(e.retryAt()).hasValueSatisfying(at -> assertThat(at)
        .isBetween(opened.plusMillis(800), opened.plusMillis(1200)));
    assertThat(e).hasMessageContaining("considered down since " + opened).hasMessageContaining("next probe is due at")
        .hasMessageContaining("Nothing was sent");
    assertThat(client.health().state()).isEqualTo(PartooHealth.State.OPEN);
    assertThat(client.health().lastFailure()).hasValue(FailureKind.SERVER);
    assertThat(client.health().isAvailable()).isFalse();
  }

  @Test
  void aHealthyClientIsClosedAndAvailable() {
    PartooClient client = client();

    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
    assertThat(client.health().isAvailable()).isTrue();
    assertThat(client.health().nextProbeAt()).isEmpty();
    assertThat(partoo.requestCount()).as("health sends nothing").isZero();
  }

  @Test
  void afterTheOpenIntervalTwoProbesGoThroughAndCloseIt() {
    partoo.answerEveryRequestWith(status(503));
    PartooClient client = clientWithTwoProbesAndALongerCap();
    failTimes(client.connectionTokens(), 5);
    partoo.setDispatcher(new mockwebserver3.QueueDispatcher());
    partoo.enqueue(tokenResponse(), tokenResponse(), tokenResponse());

    partoo.clock.advance(Duration.ofMillis(1200));
    client.connectionTokens().generate(USER_ID);
    PartooHealth probing = client.health();
    client.connectionTokens().generate(USER_ID);

    assertThat(probing.state()).isEqualTo(PartooHealth.State.HALF_OPEN);
    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
    assertThat(client.health().since()).isEqualTo(partoo.clock.instant());
    client.connectionTokens().generate(USER_ID);
    assertThat(partoo.requestCount()).isEqualTo(8);
  }

  @Test
  void aFailedProbeOpensItAgainForLongerUpToTheCap() {
    partoo.answerEveryRequestWith(status(500));
    PartooClient client = clientWithTwoProbesAndALongerCap();
    failTimes(client.connectionTokens(), 5);
    List<Duration> intervals = new ArrayList<>();

    for (int reopening = 0; reopening < 6; reopening++) {
      Instant since = client.health().since();
      Duration interval = Duration.between(since, client.health().nextProbeAt().orElseThrow());
      intervals.add(interval);
      partoo.clock.advance(interval.plusMillis(1));
      failTimes(client.connectionTokens(), 2); // both probes fail
      assertThat(client.health().state()).isEqualTo(PartooHealth.State.OPEN);
    }

    // 1 s, 2 s, 4 s, 8 s, then the 10 s cap, each within +-20%.
    double[] expected = {1, 2, 4, 8, 10, 10};
    for (int i = 0; i < expected.length; i++) {
      assertThat(intervals.get(i).toMillis() / 1000.0).as("open interval %d", i + 1)
          .isBetween(expected[i] * 0.8, expected[i] * 1.2);
    }
    assertThat(partoo.requestCount()).isEqualTo(5 + 6 * 2);
  }

  /** The defaults the fleet simulation chose (docs/performance.md): one probe decides, open 1 s, then 2 s at most. */
  @Test
  void byDefaultOneProbeDecidesAndItStaysOpenForAtMost2s() {
    partoo.answerEveryRequestWith(status(503));
    PartooClient client = client();
    failTimes(client.connectionTokens(), 5);
    List<Duration> intervals = new ArrayList<>();

    for (int reopening = 0; reopening < 3; reopening++) {
      Duration interval = Duration.between(client.health().since(), client.health().nextProbeAt().orElseThrow());
      intervals.add(interval);
      partoo.clock.advance(interval.plusMillis(1));
      failTimes(client.connectionTokens(), 1); // the probe fails
      assertThat(client.health().state()).isEqualTo(PartooHealth.State.OPEN);
    }
    partoo.answerEveryRequestWith(tokenResponse());
    partoo.clock.advance(Duration.ofMillis(2400));
    client.connectionTokens().generate(USER_ID);

    double[] expected = {1, 2, 2};
    for (int i = 0; i < expected.length; i++) {
      assertThat(intervals.get(i).toMillis() / 1000.0).as("open interval %d", i + 1)
          .isBetween(expected[i] * 0.8, expected[i] * 1.2);
    }
    assertThat(client.health().state()).as("closed by one successful probe").isEqualTo(PartooHealth.State.CLOSED);
    assertThat(partoo.requestCount()).isEqualTo(5 + 3 + 1);
  }

  @Test
  void onlyTheProbesGoThroughWhileHalfOpen() {
    partoo.answerEveryRequestWith(status(503));
    PartooClient client = clientWithTwoProbesAndALongerCap();
    failTimes(client.connectionTokens(), 5);
    partoo.requestLines(); // takes the five failed requests: the next ones taken are the probes
    partoo.answerEveryRequestWith(stalled());
    partoo.clock.advance(Duration.ofMillis(1200));

    List<CompletableFuture<ConnectionToken>> calls = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      calls.add(client.connectionTokens().generateAsync(USER_ID));
    }

    partoo.takeRequest();
    partoo.takeRequest();
    assertThat(calls.stream().filter(CompletableFuture::isCompletedExceptionally).count())
        .as("calls refused while the two probes are under way").isEqualTo(8);
    assertThat(calls.stream().filter(call -> call.isCompletedExceptionally())
        .map(call -> call.handle((token, error) -> error).join()))
        .allSatisfy(error -> assertThat(error).isInstanceOf(PartooUnavailableException.class)
            .hasMessageContaining("probes are under way"));
    assertThat(partoo.requestCount()).isEqualTo(5 + 2);
  }

  @ParameterizedTest(name = "HTTP {0}")
  @ValueSource(ints = {400, 401, 403, 404})
  void answersThatSayPartooIsUpNeverOpenIt(int code) {
    partoo.answerEveryRequestWith(json(code, "{\"errors\": {\"json\": \"no\"}}"));
    PartooClient client = client();

    failTimes(client.connectionTokens(), 20);

    assertThat(partoo.requestCount()).isEqualTo(20);
    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
  }

  @Test
  void argumentErrorsAndAMissingKeyNeverOpenIt() {
    PartooClient noKey = partoo.client(b -> b.retryPolicy(RetryPolicy.none()).apiKey(() -> null));

    for (int i = 0; i < 20; i++) {
      catchThrowableOfType(AuthenticationException.class, () -> noKey.connectionTokens().generate(USER_ID));
      assertThatIllegalArgumentException().isThrownBy(() -> noKey.connectionTokens().generate(" "));
    }

    assertThat(noKey.health().state()).isEqualTo(PartooHealth.State.CLOSED);
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void callsTheCallerCancelsNeverOpenIt() {
    partoo.answerEveryRequestWith(stalled());
    PartooClient client = client();

    for (int i = 0; i < 10; i++) {
      CompletableFuture<ConnectionToken> call = client.connectionTokens().generateAsync(USER_ID);
      partoo.takeRequest();
      call.cancel(true);
    }

    assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
  }

  @Test
  void timeoutsAnd429AfterRetriesCountAgainstPartoo() {
    partoo.answerEveryRequestWith(status(429));
    PartooClient limited = client();
    failTimes(limited.connectionTokens(), 5);

    assertThat(limited.health().state()).isEqualTo(PartooHealth.State.OPEN);
    assertThat(limited.health().lastFailure()).hasValue(FailureKind.RATE_LIMITED);
  }

  @Test
  void aCallRetryingWhenPartooIsFoundDownStopsRetrying() {
    partoo.answerEveryRequestWith(status(503));
    PartooClient client = partoo.client(b -> b.retryPolicy(RetryPolicy.builder().maxAttempts(3).build())
        .outagePolicy(OutagePolicy.builder().window(2, 2).build()));
    ConnectionTokens tokens = client.connectionTokens();
    // Two calls end in failure (3 attempts each): the protection opens.
    failTimes(tokens, 2);
    int before = partoo.requestCount();

    PartooUnavailableException refused = catchThrowableOfType(PartooUnavailableException.class,
        () -> tokens.generate(USER_ID));

    assertThat(refused).isNotNull();
    assertThat(partoo.requestCount()).isEqualTo(before);
  }

  @Test
  void disabledItNeverRefusesACall() {
    partoo.answerEveryRequestWith(status(503));
    PartooClient client = partoo.client(b -> b.retryPolicy(RetryPolicy.none()).outagePolicy(OutagePolicy.disabled()));

    failTimes(client.connectionTokens(), 30);

    assertThat(partoo.requestCount()).isEqualTo(30);
    assertThat(client.health().state()).isEqualTo(PartooHealth.State.DISABLED);
    assertThat(client.health().isAvailable()).isTrue();
  }

  @Test
  void aRetryAfterLongerThanTheDeadlinePausesTheClientAndLaterCallsFailAtOnce() {
    partoo.enqueue(status(429).newBuilder().setHeader("Retry-After", "30").build());
    PartooClient client = client();
    catchThrowableOfType(RateLimitedException.class, () -> client.connectionTokens().generate(USER_ID));

    PartooUnavailableException e =
        catchThrowableOfType(PartooUnavailableException.class, () -> client.connectionTokens().check(USER_ID, TOKEN));

    assertThat(partoo.requestCount()).isEqualTo(1);
    assertThat(e).hasMessageContaining("Partoo asked this client to wait until").hasMessageContaining("Retry-After");
    assertThat(e.downSince()).isEmpty();
    assertThat(e.retryAt()).hasValue(FakeClock.START.plusSeconds(30));
    assertThat(client.health().pausedUntil()).hasValue(FakeClock.START.plusSeconds(30));
    assertThat(client.health().isAvailable()).isFalse();
  }

  @Test
  void aCallThatCanWaitOutThePauseWaitsThenSends() {
    partoo.enqueue(status(503).newBuilder().setHeader("Retry-After", "2").build(), tokenResponse());
    PartooClient client = client();
    catchThrowableOfType(ServerException.class, () -> client.connectionTokens().generate(USER_ID));

    ConnectionToken token = client.connectionTokens().generate(USER_ID);

    assertThat(token.token()).isEqualTo(TOKEN);
    assertThat(partoo.scheduler.durations()).containsExactly(Duration.ofSeconds(2));
    assertThat(client.health().pausedUntil()).isEmpty();
  }

  @Test
  void aCallThatWouldBeLeftWithTooLittleTimeAfterThePauseFailsAtOnce() {
    partoo.enqueue(status(503).newBuilder().setHeader("Retry-After", "2").build());
    // 2.4 s deadline: after the 2 s pause only 0.4 s would be left, less than a quarter of it (0.6 s).
    PartooClient client = partoo.client(b -> b.retryPolicy(RetryPolicy.none()).deadline(Duration.ofMillis(2400)));
    catchThrowableOfType(ServerException.class, () -> client.connectionTokens().generate(USER_ID));

    PartooUnavailableException e =
        catchThrowableOfType(PartooUnavailableException.class, () -> client.connectionTokens().generate(USER_ID));

    assertThat(e).hasMessageContaining("too close to this call's deadline");
    assertThat(partoo.scheduler.durations()).as("no wait").isEmpty();
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  /** The pause must hold for every kind of answer that asks for it, and only for those. */
  @Test
  void aRetryAfterOnOtherStatusesPausesNothing() {
    MockResponse busy = status(500).newBuilder().setHeader("Retry-After", "30").build();
    partoo.enqueue(busy, tokenResponse());
    PartooClient client = client();
    catchThrowableOfType(ServerException.class, () -> client.connectionTokens().generate(USER_ID));

    client.connectionTokens().generate(USER_ID);

    assertThat(partoo.requestCount()).isEqualTo(2);
  }

  @Test
  void aBurstOfCallsAfterA429SendsOneRequestFirstAndTheRestAfterItsAnswer() {
    List<Long> arrivals = new java.util.concurrent.CopyOnWriteArrayList<>();
    partoo.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(mockwebserver3.RecordedRequest request) {
        arrivals.add(System.nanoTime());
        if (arrivals.size() == 1) {
          return status(429).newBuilder().setHeader("Retry-After", "1").build();
        }
        // The leader's answer takes a while: the others must wait for it, not go at the end of the pause.
        return arrivals.size() == 2
            ? tokenResponse().newBuilder().headersDelay(200, java.util.concurrent.TimeUnit.MILLISECONDS).build()
            : tokenResponse();
      }
    });
    // On real time, with a deadline far longer than the pause, so a busy machine leaves every call time to wait.
    PartooClient client = partoo.realTimeClient(b -> b.deadline(Duration.ofMinutes(1))
        .retryPolicy(RetryPolicy.none()));
    catchThrowableOfType(RateLimitedException.class, () -> client.connectionTokens().generate(USER_ID));

    List<CompletableFuture<ConnectionToken>> burst = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      burst.add(client.connectionTokens().generateAsync(USER_ID));
    }

    assertThat(CompletableFuture.allOf(burst.toArray(new CompletableFuture<?>[0])))
        .succeedsWithin(Duration.ofMinutes(2));
    assertThat(arrivals).as("the 429, then the burst's 20 calls").hasSize(21);
    long pause = arrivals.get(1) - arrivals.get(0);
    long leaderToNext = arrivals.get(2) - arrivals.get(1);
    assertThat(Duration.ofNanos(pause)).as("the leader goes at the end of the pause").isGreaterThan(
        Duration.ofMillis(950));
    assertThat(Duration.ofNanos(leaderToNext)).as("the others go once the leader is answered")
        .isGreaterThanOrEqualTo(Duration.ofMillis(200));
  }

  /**
   * Partoo considered down wins over a pause: a page view must never wait for a Partoo known to be down. Found by the
   * fleet simulation's 429 storm (docs/performance.md), where page views waited out each 2 s pause only to be refused
   * by the open breaker at its end.
   */
  @Test
  void whileOpenACallFailsAtOnceEvenIfARetryAfterPauseIsRunning() {
    partoo.answerEveryRequestWith(status(429).newBuilder().setHeader("Retry-After", "1").build());
    // Open for 10 s, past any call's 2 s deadline: no call could wait to become a probe.
    PartooClient client = partoo.client(b -> b.retryPolicy(RetryPolicy.none()).deadline(Duration.ofSeconds(2))
        .outagePolicy(OutagePolicy.builder().openInterval(Duration.ofSeconds(10), Duration.ofSeconds(10)).build()));
    failTimes(client.connectionTokens(), 5); // five 429s, each pausing the client for 1 s: the fifth opens it
    assertThat(client.health().state()).isEqualTo(PartooHealth.State.OPEN);
    assertThat(client.health().pausedUntil()).isPresent();
    List<Duration> waitsBefore = partoo.scheduler.durations();
    Instant before = partoo.clock.instant();

    PartooUnavailableException e =
        catchThrowableOfType(PartooUnavailableException.class, () -> client.connectionTokens().generate(USER_ID));

    assertThat(e).isNotNull();
    assertThat(partoo.requestCount()).isEqualTo(5);
    assertThat(partoo.scheduler.durations()).as("no wait for the pause while the protection is open")
        .isEqualTo(waitsBefore);
    assertThat(partoo.clock.instant()).isEqualTo(before);
  }
}
