package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.API_KEY;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code maxConcurrentCalls}: one limit on the requests a client has on the wire, blocking and async together; calls
 * beyond it wait their turn within their deadline, and {@code close()} stops them. On real time: what these tests pin
 * down is when waiting calls end.
 */
class ConcurrencyLimitTest {

  private static final Duration DEADLINE = Duration.ofMillis(300);
  // A bound against a hang only, never reached by a working client however busy the machine.
  private static final Duration HANG = Duration.ofMinutes(2);

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  private final CountDownLatch holderMayGo = new CountDownLatch(1);
  private final CountDownLatch holderHasTheSlot = new CountDownLatch(1);

  /**
   * A key supplier that holds the first attempt, which already has its slot (the supplier runs as the attempt
   * starts), until the test lets it go: the only slot stays taken, however long the deadline.
   */
  private Supplier<String> holdingTheFirstAttempt() {
    AtomicBoolean first = new AtomicBoolean(true);
    return () -> {
      if (first.getAndSet(false)) {
        holderHasTheSlot.countDown();
        await(holderMayGo);
      }
      return API_KEY;
    };
  }

  private ConnectionTokens oneSlot() {
    return partoo.realTimeClient(b -> b.maxConcurrentCalls(1).deadline(DEADLINE).apiKey(holdingTheFirstAttempt())
        .retryPolicy(RetryPolicy.none())).connectionTokens();
  }

  @Test
  void callsBeyondTheLimitWaitForASlotBeforeOkHttpSeesThemBlockingAndAsyncTogether() throws Exception {
    int limit = 3;
    int more = 10;
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    CountDownLatch held = new CountDownLatch(limit);
    CountDownLatch release = new CountDownLatch(1);
    partoo.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
        held.countDown();
        await(release);
        inFlight.decrementAndGet();
        return tokenResponse();
      }
    });
    // OkHttp reports a call's start synchronously, in execute() and in enqueue(): a call it has not seen is waiting.
    AtomicInteger okHttpCalls = new AtomicInteger();
    OkHttpClient shared = new OkHttpClient.Builder().eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        okHttpCalls.incrementAndGet();
      }
    }).build();
    ConnectionTokens tokens =
        partoo.realTimeClient(b -> b.okHttpClient(shared).maxConcurrentCalls(limit)).connectionTokens();
    ExecutorService callers = Executors.newFixedThreadPool(limit);
    try {
      List<Future<ConnectionToken>> blocking = new ArrayList<>();
      for (int i = 0; i < limit; i++) {
        blocking.add(callers.submit(() -> tokens.generate(USER_ID)));
      }
      await(held); // every slot is taken by a blocking call the server holds
      List<CompletableFuture<ConnectionToken>> async = new ArrayList<>();
      for (int i = 0; i < more; i++) {
        async.add(tokens.generateAsync(USER_ID)); // returns once the call has its slot, or its place in the queue
      }
      int startedWhileFull = okHttpCalls.get();
      release.countDown();

      for (Future<ConnectionToken> call : blocking) {
        assertThat(call.get(HANG.toSeconds(), TimeUnit.SECONDS)).isNotNull();
      }
      CompletableFuture.allOf(async.toArray(new CompletableFuture<?>[0])).get(HANG.toSeconds(), TimeUnit.SECONDS);
      assertThat(startedWhileFull).as("requests handed to OkHttp while every slot was taken").isEqualTo(limit);
    } finally {
      callers.shutdownNow();
      shared.dispatcher().executorService().shutdown();
      shared.connectionPool().evictAll();
    }
    assertThat(partoo.requestCount()).isEqualTo(limit + more);
    assertThat(most).as("requests the server held at once").hasValue(limit);
  }

  @ParameterizedTest(name = "async: {0}")
  @ValueSource(booleans = {false, true})
  void aCallWaitingForASlotEndsAtItsDeadlineWithNothingSent(boolean async) throws Exception {
    ConnectionTokens tokens = oneSlot();
    CompletableFuture<ConnectionToken> holder = tokens.generateAsync(USER_ID);
    await(holderHasTheSlot);

    // The holder keeps the only slot until after this call has ended: its deadline is the only thing that can end it.
    Throwable failure = async
        ? tokens.generateAsync(USER_ID).handle((token, error) -> error).get(HANG.toSeconds(), TimeUnit.SECONDS)
        : catchThrowable(() -> tokens.generate(USER_ID));

    assertThat(failure).isInstanceOf(PartooConnectionException.class).hasMessageContaining("300 ms deadline")
        .hasMessageContaining("still waiting for one of the client's concurrent-call slots, so nothing was sent")
        .hasMessageContaining("maxConcurrentCalls");
    holderMayGo.countDown();
    assertThat(holder).failsWithin(HANG);
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void closingStopsACallWaitingForASlot() throws Exception {
    CountDownLatch started = new CountDownLatch(3);
    PartooListener counting = new PartooListener() {
      @Override
      public CallListener callStarted(CallStarted call) {
        started.countDown(); // past the client's open check: from here on, close() stops the call
        return CallListener.NONE;
      }
    };
    // No deadline can end the waiting calls first, however slow the machine: only close() does.
    PartooClient client = partoo.realTimeClient(b -> b.maxConcurrentCalls(1).apiKey(holdingTheFirstAttempt())
        .deadline(Duration.ofHours(1)).listener(counting));
    ConnectionTokens tokens = client.connectionTokens();
    CompletableFuture<ConnectionToken> holder = tokens.generateAsync(USER_ID);
    await(holderHasTheSlot);
    ExecutorService caller = Executors.newSingleThreadExecutor();
    try {
      Future<ConnectionToken> waiting = caller.submit(() -> tokens.generate(USER_ID));
      CompletableFuture<ConnectionToken> waitingAsync = tokens.generateAsync(USER_ID);
      await(started);

      client.close();

      assertThat(catchThrowableOfType(ExecutionException.class,
          () -> waiting.get(HANG.toSeconds(), TimeUnit.SECONDS))).hasCauseInstanceOf(ClientClosedException.class);
      assertThat(waitingAsync).failsWithin(HANG)
          .withThrowableThat().withCauseInstanceOf(ClientClosedException.class);
    } finally {
      holderMayGo.countDown();
      caller.shutdownNow();
    }
    assertThat(holder).failsWithin(HANG);
    assertThat(partoo.requestCount()).isZero();
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(HANG.toSeconds(), TimeUnit.SECONDS)) {
        throw new AssertionError("waited " + HANG + " for the test's own signal");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
