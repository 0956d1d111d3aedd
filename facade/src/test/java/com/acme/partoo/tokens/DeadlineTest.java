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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One deadline per call, armed when the call is made: it bounds queued async calls, revoke's check and the retry after
 * it, and works with the default timeouts whatever its length.
 *
 * <p>No test here reads a clock to judge the code: calls run on the fake ticker, and the deadline alarms of calls that
 * wait to be sent are timed on a {@link ManualTimer} on the same ticker, so a test moves time past the deadline and
 * sees which calls end (those waiting) and which do not (those the server holds, whose OkHttp timeouts run on real
 * time). How late, in real time, calls end past their deadline is measured, not asserted: benchmarks' {@code
 * Promptness}, docs/performance.md "Deadlines".
 */
class DeadlineTest {

  // Long on the fake ticker, and the read timeout as long, so that the OkHttp timeouts of the requests the server
  // holds (on real time) never end them during a test: only the deadline alarms, fired by the test, end calls here.
  private static final Duration DEADLINE = Duration.ofHours(1);
  // A bound against a hang only, never reached by a working client however busy the machine.
  private static final Duration HANG = Duration.ofMinutes(2);

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  private final ManualTimer timer = new ManualTimer(partoo.clock);
  private final CountDownLatch release = new CountDownLatch(1);
  private final List<RecordedRequest> held = new CopyOnWriteArrayList<>();

  @AfterEach
  void stopTimer() {
    release.countDown();
    timer.shutdownNow();
  }

  /** The server holds every request until the test releases it, then answers with a token. */
  private void holdEveryRequest() {
    partoo.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        held.add(request);
        release.await();
        return tokenResponse();
      }
    });
  }

  @Test
  void asyncCallsQueuedBehindASharedClientsFivePerHostEndAtTheirDeadlineNotWhenOkHttpRunsThem() throws Exception {
    holdEveryRequest();
    OkHttpClient shared = new OkHttpClient(); // OkHttp's defaults: 5 concurrent async calls per host
    ConnectionTokens tokens = partoo.client(b -> b.deadline(DEADLINE).readTimeout(DEADLINE).okHttpClient(shared).deadlineTimer(timer))
        .connectionTokens();
    try {
      List<CompletableFuture<ConnectionToken>> running = calls(tokens, 5);
      awaitHeld(5);
      List<CompletableFuture<ConnectionToken>> queued = calls(tokens, 20);

      partoo.clock.advance(DEADLINE);
      assertThat(timer.fireDue()).as("deadline alarms fired: one per queued call").isEqualTo(20);

      assertAllEndAtTheirDeadline(queued, "");
      assertThat(running).as("the calls the server holds, bounded by their OkHttp timeout").noneMatch(
          CompletableFuture::isDone);
      release.countDown();
      assertThat(running).allSatisfy(call -> assertThat(call.get(HANG.toSeconds(), TimeUnit.SECONDS)).isNotNull());
      awaitIdle(shared);
      assertThat(partoo.requestCount()).as("requests: the five running calls'; the queued ones were never sent")
          .isEqualTo(5);
    } finally {
      shared.dispatcher().executorService().shutdownNow();
      shared.connectionPool().evictAll();
    }
  }

  @Test
  void asyncCallsWaitingForOneOfTheClientsSlotsEndAtTheirDeadlineNotWhenASlotFrees() throws Exception {
    holdEveryRequest();
    ConnectionTokens tokens = partoo.client(b -> b.deadline(DEADLINE).readTimeout(DEADLINE).maxConcurrentCalls(3).deadlineTimer(timer))
        .connectionTokens();
    List<CompletableFuture<ConnectionToken>> running = calls(tokens, 3);
    awaitHeld(3);
    List<CompletableFuture<ConnectionToken>> waiting = calls(tokens, 10);

    partoo.clock.advance(DEADLINE);
    timer.fireDue();

    assertAllEndAtTheirDeadline(waiting, "still waiting for one of the client's concurrent-call slots");
    assertThat(running).noneMatch(CompletableFuture::isDone);
    release.countDown();
    assertThat(running).allSatisfy(call -> assertThat(call.get(HANG.toSeconds(), TimeUnit.SECONDS)).isNotNull());
    assertThat(partoo.requestCount()).as("requests: the three running calls' only").isEqualTo(3);
  }

  @Test
  void aQueuedCallIsNotStoppedBeforeItsDeadline() throws Exception {
    holdEveryRequest();
    ConnectionTokens tokens = partoo.client(b -> b.deadline(DEADLINE).readTimeout(DEADLINE).maxConcurrentCalls(1).deadlineTimer(timer))
        .connectionTokens();
    CompletableFuture<ConnectionToken> running = tokens.generateAsync(USER_ID);
    awaitHeld(1);
    CompletableFuture<ConnectionToken> waiting = tokens.generateAsync(USER_ID);

    partoo.clock.advance(DEADLINE.dividedBy(2));
    assertThat(timer.fireDue()).as("alarms fired halfway to the deadline").isZero();
    release.countDown();

    assertThat(running.get(HANG.toSeconds(), TimeUnit.SECONDS)).isNotNull();
    assertThat(waiting.get(HANG.toSeconds(), TimeUnit.SECONDS).token()).as("it got the slot, and its token")
        .isEqualTo(TOKEN);
  }

  private static List<CompletableFuture<ConnectionToken>> calls(ConnectionTokens tokens, int count) {
    List<CompletableFuture<ConnectionToken>> calls = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      calls.add(tokens.generateAsync(USER_ID));
    }
    return calls;
  }

  private static void assertAllEndAtTheirDeadline(List<CompletableFuture<ConnectionToken>> calls, String why) {
    assertThat(calls).allSatisfy(call -> assertThat(call).failsWithin(HANG)
        .withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(PartooConnectionException.class)
        .withMessageContaining("3600000 ms deadline").withMessageContaining(why));
  }

  private void awaitHeld(int requests) throws InterruptedException {
    long until = System.nanoTime() + HANG.toNanos();
    while (held.size() < requests) {
      assertThat(System.nanoTime() - until).as("waited for the server to hold %d requests", requests).isNegative();
      Thread.sleep(1);
    }
  }

  private static void awaitIdle(OkHttpClient client) throws InterruptedException {
    long until = System.nanoTime() + HANG.toNanos();
    while (client.dispatcher().runningCallsCount() + client.dispatcher().queuedCallsCount() > 0) {
      assertThat(System.nanoTime() - until).as("waited for OkHttp's dispatcher to run every call").isNegative();
      Thread.sleep(1);
    }
  }

  @Test
  void revokesCheckAndTheRetryAfterItStayWithinTheDeadline() {
    Duration deadline = Duration.ofMillis(500);
    partoo.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if (request.getMethod().equals("GET")) {
          // The check takes the rest of the call's time.
          partoo.clock.advance(deadline);
        }
        // The revoke fails ambiguously, and so does the check that follows.
        return status(500);
      }
    });
    // OkHttp's own view of every call the client starts: none may start once the deadline has passed, even one that a
    // short timeout would stop before the server sees it.
    AtomicLong startedAfterDeadline = new AtomicLong();
    OkHttpClient watched = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        if (partoo.clock.read() >= deadline.toNanos()) {
          startedAfterDeadline.incrementAndGet();
        }
      }
    }).build();
    ConnectionTokens tokens = partoo.client(b -> b.deadline(deadline).okHttpClient(watched)
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ZERO).build())).connectionTokens();

    ServerException e = catchThrowableOfType(ServerException.class, () -> tokens.revoke(USER_ID, TOKEN));

    assertThat(e).hasMessageContaining("deadline passed before the next attempt");
    assertThat(partoo.requestLines()).containsExactly("POST /v2/connection/revoke_token",
        "GET /v2/connection/check_token");
    assertThat(startedAfterDeadline).as("OkHttp calls started after the deadline").hasValue(0);
    watched.dispatcher().executorService().shutdown();
  }

  @Test
  void aShortDeadlineCapsTheDefaultTimeoutsInsteadOfRefusingThem() {
    partoo.enqueue(tokenResponse());
    List<Integer> timeouts = new CopyOnWriteArrayList<>();
    Interceptor recording = chain -> {
      timeouts.addAll(List.of(chain.connectTimeoutMillis(), chain.readTimeoutMillis(), chain.writeTimeoutMillis()));
      return chain.proceed(chain.request());
    };
    OkHttpClient shared = new OkHttpClient.Builder().addNetworkInterceptor(recording).build();

    ConnectionToken token = partoo.client(b -> b.deadline(Duration.ofMillis(800)).okHttpClient(shared))
        .connectionTokens().generate(USER_ID);

    assertThat(token.token()).isEqualTo(TOKEN);
    assertThat(timeouts).as("connect, read and write timeouts of the request (defaults 2 s, 5 s, 5 s)")
        .containsExactly(800, 800, 800);
    shared.dispatcher().executorService().shutdown();
  }

  @Test
  void aBlockingCallThatHangsEndsAtItsDeadlineWithoutRetrying() {
    partoo.answerEveryRequestWith(stalled());
    // On real time: the call's OkHttp timeout, the time left, is what ends it. The read timeout alone would not
    // (it is capped by the deadline, but a stalled answer is bounded by the call timeout whatever it is).
    ConnectionTokens tokens = partoo.realTimeClient(b -> b.deadline(Duration.ofMillis(300))).connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e).hasMessageContaining("300 ms deadline");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(partoo.requestCount()).isEqualTo(1);
  }
}
