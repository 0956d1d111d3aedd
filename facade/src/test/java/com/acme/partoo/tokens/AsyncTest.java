package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.revokedResponse;
import static com.acme.partoo.tokens.FakePartoo.stalled;
import static com.acme.partoo.tokens.FakePartoo.status;
import static com.acme.partoo.tokens.FakePartoo.statusResponse;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.InstanceOfAssertFactories.throwable;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.function.Executable;

/** The *Async twins: same results and failures, waits scheduled (never slept), cancellation reaching the wire. */
class AsyncTest {

  // A bound against a hang only, never reached by a working client however busy the machine.
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  @RegisterExtension final FakePartoo partoo = new FakePartoo();

  @Test
  void generateAsyncCompletesWithTheToken() {
    partoo.enqueue(tokenResponse());

    CompletableFuture<ConnectionToken> future = partoo.tokens().generateAsync(USER_ID, Duration.ofMinutes(5));

    assertThat(future).succeedsWithin(TIMEOUT).satisfies(token -> {
      assertThat(token.token()).isEqualTo(TOKEN);
      assertThat(token.ttl()).isEqualTo(Duration.ofMinutes(5));
    });
  }

  @Test
  void checkAsyncCompletesWithTheStatus() {
    partoo.enqueue(statusResponse("consumed"));

    CompletableFuture<ConnectionTokenStatus> future = partoo.tokens().checkAsync(USER_ID, TOKEN);

    assertThat(future).succeedsWithin(TIMEOUT).extracting(ConnectionTokenStatus::state).isEqualTo(TokenState.CONSUMED);
  }

  @Test
  void revokeAsyncCompletes() {
    partoo.enqueue(revokedResponse());

    CompletableFuture<Void> future = partoo.tokens().revokeAsync(USER_ID, TOKEN);

    assertThat(future).succeedsWithin(TIMEOUT);
    assertThat(partoo.takeRequest().getUrl().encodedPath()).isEqualTo("/v2/connection/revoke_token");
  }

  @Test
  void retriesAreScheduledFromOkHttpThreadsAndNeverBlockTheCaller() {
    partoo.enqueue(status(503), status(502), tokenResponse());

    CompletableFuture<ConnectionToken> future = partoo.tokens().generateAsync(USER_ID);

    assertThat(future).succeedsWithin(TIMEOUT);
    assertThat(partoo.scheduler.waits()).hasSize(2)
        .allSatisfy(wait -> assertThat(wait.thread()).startsWith("OkHttp"));
    assertThat(partoo.requestCount()).isEqualTo(3);
  }

  @Test
  void failureCompletesTheFutureWithTheTypedExceptionAndEarlierAttempts() {
    partoo.answerEveryRequestWith(status(503));

    CompletableFuture<ConnectionToken> future = partoo.tokens().generateAsync(USER_ID);

    assertThat(future).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
        .extracting(Throwable::getCause, throwable(ServerException.class))
        .satisfies(e -> {
          assertThat(e.attempts()).isEqualTo(3);
          assertThat(e.getSuppressed()).hasSize(2);
        });
    assertThat(partoo.scheduler.waits()).allSatisfy(wait -> assertThat(wait.thread()).startsWith("OkHttp"));
  }

  @Test
  void retryAfterBeyondTheDeadlineFailsAtOnce() {
    partoo.enqueue(status(503).newBuilder().setHeader("Retry-After", "3600").build());

    CompletableFuture<ConnectionToken> future = partoo.tokens().generateAsync(USER_ID);

    assertThat(future).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(ServerException.class).withMessageContaining("deadline");
    assertThat(partoo.scheduler.durations()).isEmpty();
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  private static Executable[] invalidCalls(ConnectionTokens tokens) {
    return new Executable[] {
        () -> tokens.generateAsync(null),
        () -> tokens.generateAsync(" "),
        () -> tokens.generateAsync(USER_ID, Duration.ZERO),
        () -> tokens.generateAsync(USER_ID, Duration.ofSeconds(-1)),
        () -> tokens.checkAsync(USER_ID, ""),
        () -> tokens.checkAsync("user\n42", TOKEN),
        () -> tokens.revokeAsync(null, TOKEN),
        () -> tokens.revokeAsync(USER_ID, null)};
  }

  @Test
  void invalidArgumentsThrowAtOnceInsteadOfFailingTheFuture() {
    ConnectionTokens tokens = partoo.tokens();

    for (Executable call : invalidCalls(tokens)) {
      assertThatIllegalArgumentException().isThrownBy(call::execute).withMessageContaining("nothing was sent");
    }
    assertThat(partoo.requestCount()).isZero();
  }

  @Test
  void cancellingTheFutureCancelsTheCallInFlightAndSendsNothingMore() {
    partoo.enqueue(stalled());
    Watched client = new Watched();

    CompletableFuture<ConnectionToken> future = client.tokens.generateAsync(USER_ID);
    partoo.takeRequest();
    future.cancel(true);

    client.assertCallCanceled();
    client.assertIdle();
    assertThat(future).isCancelled();
    assertThat(partoo.scheduler.durations()).as("waits for a retry").isEmpty();
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void cancellingARevokeCancelsItsCallInFlightAndSendsNoCheck() {
    partoo.enqueue(stalled());
    Watched client = new Watched();

    CompletableFuture<Void> future = client.tokens.revokeAsync(USER_ID, TOKEN);
    partoo.takeRequest();
    future.cancel(true);

    client.assertCallCanceled();
    client.assertIdle();
    assertThat(partoo.requestCount()).as("requests, the canceled revoke included").isEqualTo(1);
  }

  @Test
  void cancellingARevokeWhileItWaitsToRetrySendsNothingMore() {
    CompletableFuture<CompletableFuture<Void>> revoking = new CompletableFuture<>();
    partoo.scheduler.onWait(() -> revoking.join().cancel(true));
    partoo.enqueue(status(500));
    Watched client = new Watched();

    CompletableFuture<Void> future = client.tokens.revokeAsync(USER_ID, TOKEN);
    revoking.complete(future);

    client.assertIdle();
    assertThat(future).isCancelled();
    assertThat(partoo.requestCount()).as("requests, the failed revoke included").isEqualTo(1);
  }

  @Test
  void orTimeoutOnTheFutureStopsTheCallInFlight() {
    partoo.answerEveryRequestWith(stalled());
    Watched client = new Watched();

    CompletableFuture<ConnectionToken> future = client.tokens.generateAsync(USER_ID);
    future.orTimeout(100, TimeUnit.MILLISECONDS);

    assertThat(future).failsWithin(TIMEOUT).withThrowableOfType(ExecutionException.class)
        .havingCause().isInstanceOf(TimeoutException.class);
    client.assertCallCanceled();
    client.assertIdle();
    assertThat(partoo.scheduler.durations()).as("waits for a retry").isEmpty();
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void completingARevokesFutureWhileItWaitsToRetryStopsTheCheckAndTheRetry() {
    CompletableFuture<CompletableFuture<Void>> revoking = new CompletableFuture<>();
    partoo.scheduler.onWait(() -> revoking.join().completeExceptionally(new IllegalStateException("page gone")));
    partoo.answerEveryRequestWith(status(500));
    Watched client = new Watched();

    CompletableFuture<Void> future = client.tokens.revokeAsync(USER_ID, TOKEN);
    revoking.complete(future);

    client.assertIdle();
    assertThat(future).isCompletedExceptionally();
    assertThat(partoo.requestLines()).as("no check, no second revoke").containsExactly(
        "POST /v2/connection/revoke_token");
  }

  @Test
  void completingTheFutureWithAValueCancelsTheCallInFlight() {
    partoo.enqueue(stalled());
    Watched client = new Watched();

    CompletableFuture<ConnectionToken> future = client.tokens.generateAsync(USER_ID);
    partoo.takeRequest();
    future.complete(new ConnectionToken("cached", java.time.Instant.EPOCH, Duration.ofMinutes(5)));

    client.assertCallCanceled();
    client.assertIdle();
    assertThat(partoo.requestCount()).isEqualTo(1);
  }

  @Test
  void keySupplierWaitsAndContinuationsRunOnThreadsTheClientOwnsNeverTheJdksSharedScheduler() {
    partoo.enqueue(status(503), tokenResponse());
    List<String> keyThreads = new CopyOnWriteArrayList<>();
    ConnectionTokens tokens = partoo.realTimeClient(b -> b
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ofMillis(5)).build())
        .apiKey(() -> {
          keyThreads.add(Thread.currentThread().getName());
          return FakePartoo.API_KEY;
        })).connectionTokens();

    CompletableFuture<String> continuation =
        tokens.generateAsync(USER_ID).thenApply(token -> Thread.currentThread().getName());

    assertThat(continuation).succeedsWithin(TIMEOUT).asString().startsWith("OkHttp");
    assertThat(keyThreads).hasSize(2).allSatisfy(name -> assertThat(name).startsWith("OkHttp"));
  }

  @Test
  void aBlockingCallAsksTheKeySupplierOnTheCallersThread() {
    partoo.enqueue(status(503), tokenResponse());
    List<String> keyThreads = new CopyOnWriteArrayList<>();
    ConnectionTokens tokens = partoo.client(b -> b.apiKey(() -> {
      keyThreads.add(Thread.currentThread().getName());
      return FakePartoo.API_KEY;
    })).connectionTokens();

    tokens.generate(USER_ID);

    assertThat(keyThreads).containsExactly(Thread.currentThread().getName(), Thread.currentThread().getName());
  }

  /**
   * A client on a shared OkHttpClient that reports what happens on the wire: a canceled call, and the moment no
   * call runs any more (after which nothing else can be sent).
   */
  private final class Watched {
    private final CountDownLatch canceled = new CountDownLatch(1);
    private final CountDownLatch idle = new CountDownLatch(1);
    final ConnectionTokens tokens;

    Watched() {
      OkHttpClient shared = new OkHttpClient.Builder()
          .eventListener(new EventListener() {
            @Override
            public void canceled(Call call) {
              canceled.countDown();
            }
          })
          .build();
      shared.dispatcher().setIdleCallback(idle::countDown);
      tokens = partoo.client(builder -> builder.okHttpClient(shared)).connectionTokens();
    }

    void assertCallCanceled() {
      assertThat(await(canceled)).as("the OkHttp call was canceled").isTrue();
    }

    void assertIdle() {
      assertThat(await(idle)).as("no call left running").isTrue();
    }

    private boolean await(CountDownLatch latch) {
      try {
        return latch.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }
}
