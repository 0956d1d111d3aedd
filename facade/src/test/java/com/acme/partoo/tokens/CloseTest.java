package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.stalled;
import static com.acme.partoo.tokens.FakePartoo.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@link PartooClient#close()} ends the calls in flight at once, retries none of them, and sends nothing after. The
 * calls here could end no other way during the test (a server that never answers, a deadline and timeouts of hours, a
 * Retry-After of an hour): if they end, {@code close()} ended them. How soon after {@code close()} they end is measured,
 * not asserted: benchmarks' {@code Promptness}, docs/performance.md "Deadlines".
 */
class CloseTest {

  private static final Duration HOURS = Duration.ofHours(2);
  // A bound against a hang only, never reached by a working client however busy the machine.
  private static final Duration HANG = Duration.ofMinutes(2);

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void closeEndsBlockingAndAsyncCallsInFlightWithoutRetryOrRequestAfterIt() throws Exception {
    partoo.answerEveryRequestWith(stalled());
    PartooClient client = partoo.realTimeClient(b -> b.deadline(HOURS).readTimeout(HOURS));
    ConnectionTokens tokens = client.connectionTokens();
    ExecutorService callers = Executors.newFixedThreadPool(20);
    try {
      List<Future<ConnectionToken>> blocking = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        blocking.add(callers.submit(() -> tokens.generate(USER_ID)));
      }
      List<CompletableFuture<ConnectionToken>> async = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        async.add(tokens.generateAsync(USER_ID));
      }
      awaitRequests(40);

      client.close();
      for (Future<ConnectionToken> call : blocking) {
        assertThat(call).failsWithin(HANG).withThrowableOfType(ExecutionException.class)
            .havingCause().isInstanceOf(ClientClosedException.class);
      }
      for (CompletableFuture<ConnectionToken> call : async) {
        assertThat(call).failsWithin(HANG).withThrowableOfType(ExecutionException.class)
            .havingCause().isInstanceOf(ClientClosedException.class);
      }
      assertThat(partoo.requestCount()).as("no retry, no request after close()").isEqualTo(40);
    } finally {
      callers.shutdownNow();
    }
  }

  @Test
  void closeEndsCallsWaitingToRetry() throws InterruptedException {
    // A 503's Retry-After also pauses the whole client: a call sent after the first answer would wait out that pause
    // unsent, and end on close() with nothing to show for it. So neither request is answered until both are on the wire,
    // however late a busy machine starts either call.
    CountDownLatch bothSent = new CountDownLatch(2);
    partoo.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        bothSent.countDown();
        assertThat(bothSent.await(HANG.toSeconds(), TimeUnit.SECONDS)).as("both calls were sent").isTrue();
        return status(503).newBuilder().setHeader("Retry-After", "3600").build();
      }
    });
    CountDownLatch bothWaiting = new CountDownLatch(2);
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1) {
      @Override
      public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        ScheduledFuture<?> wait = super.schedule(command, delay, unit); // a real hour's wait
        bothWaiting.countDown();
        return wait;
      }
    };
    PartooClient client = partoo.realTimeClient(b -> b.deadline(HOURS).scheduler(scheduler));
    try {
      CompletableFuture<ConnectionToken> blocking =
          CompletableFuture.supplyAsync(() -> client.connectionTokens().generate(USER_ID));
      CompletableFuture<ConnectionToken> async = client.connectionTokens().generateAsync(USER_ID);
      assertThat(bothWaiting.await(HANG.toSeconds(), TimeUnit.SECONDS)).as("both calls wait an hour to retry").isTrue();

      client.close();

      assertThat(blocking).failsWithin(HANG).withThrowableOfType(ExecutionException.class)
          .havingCause().isInstanceOf(ClientClosedException.class)
          .satisfies(e -> assertThat(e.getSuppressed()).singleElement().isInstanceOf(ServerException.class));
      assertThat(async).failsWithin(HANG).withThrowableOfType(ExecutionException.class)
          .havingCause().isInstanceOf(ClientClosedException.class);
      assertThat(partoo.requestCount()).isEqualTo(2);
    } finally {
      scheduler.shutdownNow();
    }
  }

  @Test
  void callsAfterCloseAreTheCallersMistake() {
    PartooClient client = partoo.client();
    client.close();

    assertThatIllegalStateException().isThrownBy(() -> client.connectionTokens().generate(USER_ID))
        .withMessageContaining("closed");
    assertThatIllegalStateException().isThrownBy(() -> client.connectionTokens().generateAsync(USER_ID));
    assertThat(partoo.requestCount()).isZero();
  }

  /** Blocks until {@code count} requests reached the server (each within 5 s). */
  private void awaitRequests(int count) {
    for (int i = 0; i < count; i++) {
      partoo.takeRequest();
    }
  }
}
