package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.stalled;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One deadline per call, armed when the call is made: it bounds queued async calls, revoke's check and the retry after
 * it, and works with the default timeouts whatever its length. These tests run on real time: what they pin down is
 * when calls end.
 */
class DeadlineTest {

  private static final Duration DEADLINE = Duration.ofSeconds(1);
  // How late, past its deadline, a call may end here: the bound. Measured (benchmarks' Promptness, 20 rounds,
  // docs/performance.md "Deadlines"), 300 queued calls end within 9 to 19 ms of theirs (median round; about 100 ms in
  // the first round, the JIT still compiling), so the bound leaves ten times that for a CI machine loaded by other
  // builds. The old code's queued calls ended 2.3 to 4.5 s late.
  private static final Duration SLACK = Duration.ofMillis(300);

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void asyncCallsQueuedBehindOurDispatcherEndAtTheirDeadline() throws InterruptedException {
    partoo.answerEveryRequestWith(stalled());
    ConnectionTokens tokens = partoo.realTimeClient(b -> b.deadline(DEADLINE)).connectionTokens();

    assertAllEndByTheirDeadline(tokens, 300);
  }

  @Test
  void asyncCallsQueuedBehindASharedClientsFivePerHostEndAtTheirDeadline() throws InterruptedException {
    partoo.answerEveryRequestWith(stalled());
    OkHttpClient shared = new OkHttpClient(); // OkHttp's defaults: 5 concurrent async calls per host
    ConnectionTokens tokens = partoo.realTimeClient(b -> b.deadline(DEADLINE).okHttpClient(shared)).connectionTokens();

    try {
      assertAllEndByTheirDeadline(tokens, 300);
    } finally {
      shared.dispatcher().executorService().shutdownNow();
      shared.connectionPool().evictAll();
    }
  }

  private static void assertAllEndByTheirDeadline(ConnectionTokens tokens, int calls) throws InterruptedException {
    CountDownLatch ended = new CountDownLatch(calls);
    AtomicLong latest = new AtomicLong();
    List<CompletableFuture<ConnectionToken>> futures = new ArrayList<>();
    for (int i = 0; i < calls; i++) {
      long start = System.nanoTime();
      CompletableFuture<ConnectionToken> future = tokens.generateAsync(USER_ID);
      future.whenComplete((token, error) -> {
        latest.accumulateAndGet(System.nanoTime() - start, Math::max);
        ended.countDown();
      });
      futures.add(future);
    }

    boolean allEnded = ended.await(DEADLINE.plus(SLACK).toMillis() + 2_000, TimeUnit.MILLISECONDS);

    assertThat(allEnded).as("every future completed").isTrue();
    assertThat(Duration.ofNanos(latest.get())).as("the slowest call, from its start").isLessThan(DEADLINE.plus(SLACK));
    assertThat(futures).allSatisfy(future -> assertThat(future).isCompletedExceptionally());
    Throwable last = futures.get(calls - 1).handle((token, error) -> error).join();
    assertThat(last).isInstanceOf(PartooConnectionException.class).hasMessageContaining("deadline");
  }

  @Test
  void revokesCheckAndTheRetryAfterItStayWithinTheDeadline() {
    AtomicLong sentAfterDeadline = new AtomicLong();
    AtomicLong deadline = new AtomicLong(Long.MAX_VALUE);
    partoo.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (System.nanoTime() > deadline.get()) {
          sentAfterDeadline.incrementAndGet();
        }
        // The revoke fails ambiguously; the check that follows never gets an answer.
        return request.getMethod().equals("POST") ? status(500) : stalled();
      }
    });
    // OkHttp's own view of every call the client starts: none may start once the deadline has passed, even one that a
    // short timeout would stop before the server sees it.
    AtomicLong startedAfterDeadline = new AtomicLong();
    OkHttpClient watched = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        if (System.nanoTime() > deadline.get()) {
          startedAfterDeadline.incrementAndGet();
        }
      }
    }).build();
    ConnectionTokens tokens = partoo.realTimeClient(b -> b.deadline(Duration.ofMillis(500)).okHttpClient(watched)
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ZERO).build())).connectionTokens();

    deadline.set(System.nanoTime() + Duration.ofMillis(500).toNanos());
    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.revoke(USER_ID, TOKEN));

    assertThat(e).hasMessageContaining("deadline passed before the next attempt");
    assertThat(partoo.requestLines()).containsExactly("POST /v2/connection/revoke_token",
        "GET /v2/connection/check_token");
    assertThat(sentAfterDeadline).hasValue(0);
    assertThat(startedAfterDeadline).as("OkHttp calls started after the deadline").hasValue(0);
    watched.dispatcher().executorService().shutdown();
  }

  @Test
  void aShortDeadlineWorksWithTheDefaultTimeouts() {
    partoo.enqueue(tokenResponse());

    ConnectionToken token = partoo.realTimeClient(b -> b.deadline(Duration.ofMillis(800)))
        .connectionTokens().generate(USER_ID);

    assertThat(token.token()).isEqualTo(TOKEN);
  }

  @Test
  void aBlockingCallThatHangsEndsAtItsDeadline() {
    partoo.answerEveryRequestWith(stalled());
    ConnectionTokens tokens = partoo.realTimeClient(b -> b.deadline(Duration.ofMillis(300))).connectionTokens();

    long start = System.nanoTime();
    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
        () -> tokens.generate(USER_ID));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(300).plus(SLACK));
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }
}
