package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.acme.partoo.tokens.ClientClosedException;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooListener.WaitReason;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.ServerException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The call loop's decisions, one at a time, without HTTP: outcomes go in, steps come out, on a ticker moved by hand. */
class CallLoopTest {

  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final ErrorBody NO_BODY = new ErrorBody(null, Map.of(), "no body");

  private final AtomicLong now = new AtomicLong();
  private RetryBudget budget = new RetryBudget(10, 0.1);

  private final ApiCall<String> generate = call(Operation.Kind.GENERATE, null);
  private final ApiCall<Boolean> check = call(Operation.Kind.CHECK, null);
  private final ApiCall<Void> revoke = call(Operation.Kind.REVOKE, check);

  private static <T> ApiCall<T> call(Operation.Kind kind, ApiCall<Boolean> alreadyDone) {
    return new ApiCall<>(new Operation(kind, "42", kind == Operation.Kind.GENERATE ? null : "\\xsecret-token"),
        () -> {
          throw new AssertionError("the loop never builds requests itself");
        },
        body -> null, alreadyDone);
  }

  private <T> CallLoop<T> loop(ApiCall<T> call, RetryPolicy policy) {
    return new CallLoop<>(call, settings(policy), null);
  }

  private LoopSettings settings(RetryPolicy policy) {
    return settings(policy, OutagePolicy.disabled(), List.of());
  }

  private LoopSettings settings(RetryPolicy policy, OutagePolicy outage, List<PartooListener> listeners) {
    // Backoff's jitter at its maximum: each wait is exactly its ceiling.
    Listeners heard = new Listeners(listeners);
    return new LoopSettings(now::get, DEADLINE.toNanos(), policy, budget, new Backoff(policy, () -> 0.999_999),
        new ExceptionFactory("https://api.partoo.test/v2/", DEADLINE),
        new OutageGuard(outage, now::get, Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), heard::healthChanged), heard,
        "api.partoo.test", 443, "/v2");
  }

  private static <T> Outcome<T> http(int status) {
    return new Outcome.HttpFailure<>(status, null, null, NO_BODY);
  }

  private static <T> Outcome<T> http(int status, Duration retryAfter) {
    return new Outcome.HttpFailure<>(status, null, retryAfter, NO_BODY);
  }

  private static <T> Outcome<T> timeout() {
    return new Outcome.NoAnswer<>(new SocketTimeoutException("timeout"), true);
  }

  /** The request went out on a pooled connection the server had closed: reset before any answer. */
  /** REFUSED_STREAM on a connection the attempt opened (or joined): not processed, whatever the connection. */
  private static <T> Outcome<T> refusedStream() {
    return new Outcome.NoAnswer<>(new okhttp3.internal.http2.StreamResetException(
        okhttp3.internal.http2.ErrorCode.REFUSED_STREAM), false, false, true, null);
  }

  private static <T> Outcome<T> staleConnection() {
    return new Outcome.NoAnswer<>(new SocketException("Connection reset"), true, true);
  }

  private static Attempt attemptOf(Step<?> step) {
    assertThat(step).isInstanceOf(Step.Send.class);
    return ((Step.Send<?>) step).attempt();
  }

  @Test
  void theFirstStepSendsTheCallWithTheWholeDeadline() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());

    Step<String> first = loop.start();

    assertThat(first).isInstanceOfSatisfying(Step.Send.class, send -> {
      assertThat(send.call()).isSameAs(generate);
      assertThat(send.timeoutNanos()).isEqualTo(DEADLINE.toNanos());
    });
  }

  @Test
  void aSuccessIsDoneAndRefillsTheBudget() {
    budget = new RetryBudget(1, 1.0);
    budget.tryAcquire();
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());

    Step<String> last = loop.afterAttempt(attemptOf(loop.start()), new Outcome.Success<>("token"));

    assertThat(last).isEqualTo(new Step.Done<>("token"));
    assertThat(budget.available()).isEqualTo(1.0);
  }

  @Test
  void aStatusNotWorthRetryingFailsAtOnceTyped() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());

    Step<String> last = loop.afterAttempt(attemptOf(loop.start()), http(400));

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class,
        fail -> assertThat(fail.error()).isInstanceOf(InvalidRequestException.class));
  }

  @Test
  void aRetryableFailureWaitsTheBackoffThenSendsAgainWithTheTimeLeft() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());

    Step<String> wait = loop.afterAttempt(attemptOf(loop.start()), http(503));
    now.addAndGet(Duration.ofMillis(200).toNanos());
    Step<String> next = loop.afterWait();

    assertThat(wait).isInstanceOfSatisfying(Step.Wait.class,
        w -> assertThat(Duration.ofNanos(w.nanos())).isBetween(Duration.ofMillis(199), Duration.ofMillis(200)));
    assertThat(next).isInstanceOfSatisfying(Step.Send.class, send ->
        assertThat(send.timeoutNanos()).isEqualTo(DEADLINE.minusMillis(200).toNanos()));
  }

  @Test
  void retryAfterIsWaitedExactly() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());

    Step<String> wait = loop.afterAttempt(attemptOf(loop.start()), http(429, Duration.ofSeconds(3)));

    assertThat(wait).isEqualTo(new Step.Wait<>(Duration.ofSeconds(3).toNanos(), null, WaitReason.RETRY_AFTER));
  }

  @Test
  void theLastAttemptFailsWithTheEarlierOnesSuppressed() {
    CallLoop<String> loop = loop(generate, RetryPolicy.builder().maxAttempts(2).build());

    loop.afterAttempt(attemptOf(loop.start()), http(502));
    Step<String> last = loop.afterAttempt(attemptOf(loop.afterWait()), http(503));

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail -> {
      assertThat(fail.error()).isInstanceOf(ServerException.class).hasMessageContaining("after 2 attempts");
      assertThat(fail.error().getSuppressed()).singleElement().isInstanceOf(ServerException.class);
    });
  }

  @Test
  void aWaitThatWouldEndPastTheDeadlineFailsAtOnce() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    Attempt first = attemptOf(loop.start());
    now.addAndGet(DEADLINE.minusSeconds(2).toNanos());

    Step<String> last = loop.afterAttempt(first, http(503, Duration.ofSeconds(2)));

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail ->
        assertThat(fail.error()).hasMessageContaining("Partoo asked to wait 2000 ms (Retry-After), past the 10000 ms"));
  }

  @Test
  void anEmptyBudgetStopsRetrying() {
    budget = new RetryBudget(0, 0.1);
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());

    Step<String> last = loop.afterAttempt(attemptOf(loop.start()), timeout());

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail ->
        assertThat(fail.error()).isInstanceOf(PartooConnectionException.class).hasMessageContaining("retry budget"));
  }

  @Test
  void noAttemptStartsOnceTheDeadlineHasPassed() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    loop.afterAttempt(attemptOf(loop.start()), http(503));
    now.addAndGet(DEADLINE.toNanos());

    Step<String> next = loop.afterWait();

    assertThat(next).isInstanceOfSatisfying(Step.Fail.class, fail ->
        assertThat(fail.error()).hasMessageContaining("deadline passed before the next attempt"));
  }

  @Test
  void anAmbiguousRevokeIsCheckedBeforeItIsSentAgainAndARevokedTokenIsSuccess() {
    CallLoop<Void> loop = loop(revoke, RetryPolicy.defaults());

    loop.afterAttempt(attemptOf(loop.start()), http(500));
    Step<Void> checking = loop.afterWait();
    Step<Void> last = loop.afterAttempt(attemptOf(checking), new Outcome.Success<>(Boolean.TRUE));

    assertThat(checking).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.call()).isSameAs(check));
    assertThat(last).isEqualTo(new Step.Done<>(null));
  }

  @Test
  void aRevokeCheckThatFindsTheTokenNotRevokedRevokesAgainWithoutWaiting() {
    CallLoop<Void> loop = loop(revoke, RetryPolicy.defaults());

    loop.afterAttempt(attemptOf(loop.start()), timeout());
    Step<Void> checking = loop.afterWait();
    Step<Void> again = loop.afterAttempt(attemptOf(checking), new Outcome.Success<>(null));

    assertThat(again).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.call()).isSameAs(revoke));
  }

  @Test
  void aRevokeAnswered503IsSentAgainWithoutACheck() {
    CallLoop<Void> loop = loop(revoke, RetryPolicy.defaults());

    loop.afterAttempt(attemptOf(loop.start()), http(503));

    assertThat(loop.afterWait()).isInstanceOfSatisfying(Step.Send.class,
        send -> assertThat(send.call()).isSameAs(revoke));
  }

  @Test
  void closingDuringAWaitEndsTheCallWithoutAnotherAttempt() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    loop.afterAttempt(attemptOf(loop.start()), http(503));
    List<String> woken = new java.util.ArrayList<>();
    loop.waiting(() -> woken.add("woken"));

    boolean stopped = loop.stop(CallLoop.End.CLOSED);
    Step<String> next = loop.afterWait();

    assertThat(stopped).isTrue();
    assertThat(woken).containsExactly("woken");
    assertThat(next).isInstanceOfSatisfying(Step.Fail.class, fail -> {
      assertThat(fail.error()).isInstanceOf(ClientClosedException.class);
      assertThat(fail.error().getSuppressed()).singleElement().isInstanceOf(ServerException.class);
    });
  }

  @Test
  void aResultArrivingAfterCloseIsNotReturned() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    Attempt attempt = attemptOf(loop.start());

    loop.stop(CallLoop.End.CLOSED);
    Step<String> last = loop.afterAttempt(attempt, new Outcome.Success<>("token"));

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class,
        fail -> assertThat(fail.error()).isInstanceOf(ClientClosedException.class));
  }

  @Test
  void stoppingAFinishedCallDoesNothing() {
    CompletableFuture<String> future = new CompletableFuture<>();
    CallLoop<String> loop = new CallLoop<>(generate, settings(RetryPolicy.defaults()), future);
    loop.afterAttempt(attemptOf(loop.start()), new Outcome.Success<>("token"));

    assertThat(loop.stop(CallLoop.End.CLOSED)).isFalse();
    assertThat(future).isNotDone(); // the driver completes it with the result
  }

  @Test
  void stoppingAnAsyncCallFailsItsFutureAtOnce() {
    CompletableFuture<String> future = new CompletableFuture<>();
    CallLoop<String> loop = new CallLoop<>(generate, settings(RetryPolicy.defaults()), future);
    loop.start();

    loop.stop(CallLoop.End.DEADLINE);

    assertThat(future).isCompletedExceptionally();
    assertThat(future.handle((value, error) -> error).join()).isInstanceOf(PartooConnectionException.class)
        .hasMessageContaining("10000 ms deadline");
  }

  @Test
  void aCallWhoseFutureTheCallerCompletedIsAbandoned() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    Attempt attempt = attemptOf(loop.start());

    loop.stop(CallLoop.End.ABANDONED);

    assertThat(loop.afterAttempt(attempt, timeout())).isInstanceOf(Step.Abandoned.class);
  }

  @Test
  void anInterruptedWaitFailsWithoutRetrying() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    loop.afterAttempt(attemptOf(loop.start()), http(503));

    Step<String> last = loop.interrupted();

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail ->
        assertThat(fail.error()).hasMessageContaining("Interrupted"));
    assertThatIllegalStateException().isThrownBy(loop::afterWait);
  }

  @Test
  void aStaleConnectionIsSentAgainAtOnceWithoutSpendingAnAttemptOrTheBudget() {
    budget = new RetryBudget(0, 0.1); // any retry would be refused
    CallLoop<String> loop = loop(generate, RetryPolicy.none()); // and one attempt is all a call may make

    Step<String> again = loop.afterAttempt(attemptOf(loop.start()), staleConnection());
    Step<String> last = loop.afterAttempt(attemptOf(again), new Outcome.Success<>("token"));

    assertThat(again).isInstanceOfSatisfying(Step.Send.class, send -> {
      assertThat(send.call()).isSameAs(generate);
      assertThat(send.attempt().number).as("an attempt on the wire all the same").isEqualTo(2);
    });
    assertThat(last).isEqualTo(new Step.Done<>("token"));
  }

  @Test
  void aStaleConnectionDoesNotWaitItCostsNoTimeButTheDeadlineStillBoundsIt() {
    CallLoop<String> loop = loop(generate, RetryPolicy.defaults());
    Attempt first = attemptOf(loop.start());
    now.addAndGet(DEADLINE.toNanos());

    Step<String> last = loop.afterAttempt(first, staleConnection());

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail ->
        assertThat(fail.error()).hasMessageContaining("deadline passed before the next attempt"));
  }

  @Test
  void aRevokeLostOnAStaleConnectionIsCheckedBeforeItIsSentAgain() {
    CallLoop<Void> loop = loop(revoke, RetryPolicy.none());

    Step<Void> checking = loop.afterAttempt(attemptOf(loop.start()), staleConnection());
    Step<Void> last = loop.afterAttempt(attemptOf(checking), new Outcome.Success<>(Boolean.TRUE));

    assertThat(checking).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.call()).isSameAs(check));
    assertThat(last).isEqualTo(new Step.Done<>(null));
  }

  @Test
  void pastFiveFreeResendsInARowTheyCountAsRetriesAgain() {
    budget = new RetryBudget(0, 0.1);
    CallLoop<String> loop = loop(generate, RetryPolicy.none());

    Step<String> step = loop.start();
    for (int free = 0; free < 5; free++) {
      step = loop.afterAttempt(attemptOf(step), free % 2 == 0 ? staleConnection() : refusedStream());
    }
    Step<String> last = loop.afterAttempt(attemptOf(step), refusedStream());

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail -> {
      assertThat(fail.error()).isInstanceOf(PartooConnectionException.class).hasMessageContaining("after 6 attempts");
      assertThat(fail.error().getSuppressed()).hasSize(5);
    });
  }

  @Test
  void aStreamTheServerRefusedIsSentAgainAtOnceWhateverConnectionItWentOut() {
    budget = new RetryBudget(0, 0.1); // any retry would be refused
    CallLoop<String> loop = loop(generate, RetryPolicy.none());

    Step<String> again = loop.afterAttempt(attemptOf(loop.start()), refusedStream());
    Step<String> last = loop.afterAttempt(attemptOf(again), new Outcome.Success<>("token"));

    assertThat(again).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.call()).isSameAs(generate));
    assertThat(last).isEqualTo(new Step.Done<>("token"));
  }

  @Test
  void aRevokeTheServerRefusedUnprocessedIsSentAgainWithoutACheck() {
    CallLoop<Void> loop = loop(revoke, RetryPolicy.none());

    Step<Void> again = loop.afterAttempt(attemptOf(loop.start()), refusedStream());

    assertThat(again).isInstanceOfSatisfying(Step.Send.class, send -> assertThat(send.call()).isSameAs(revoke));
  }

  @Test
  void aTimeoutOnAPooledConnectionIsAnOrdinaryFailure() {
    CallLoop<String> loop = loop(generate, RetryPolicy.none());

    Step<String> last = loop.afterAttempt(attemptOf(loop.start()),
        new Outcome.NoAnswer<>(new SocketTimeoutException("timeout"), true, true));

    assertThat(last).isInstanceOf(Step.Fail.class);
  }

  @Test
  void redactionUsesEveryKeyTheCallSent() throws IOException {
    CallLoop<String> loop = loop(generate, RetryPolicy.builder().maxAttempts(2).build());
    Attempt first = attemptOf(loop.start());
    first.started("key-one-0123456789");
    loop.afterAttempt(first, new Outcome.NoAnswer<>(new IOException("echo key-one-0123456789"), true));
    Attempt second = attemptOf(loop.afterWait());
    second.started("key-two-0123456789");

    Step<String> last = loop.afterAttempt(second,
        new Outcome.NoAnswer<>(new IOException("echo key-two-0123456789 and key-one-0123456789"), true));

    assertThat(last).isInstanceOfSatisfying(Step.Fail.class, fail -> {
      assertThat(fail.error().getMessage()).doesNotContain("key-one-0123456789").doesNotContain("key-two-0123456789")
          .contains("key-****");
      assertThat(fail.error().getCause().getMessage()).doesNotContain("key-two-0123456789");
    });
  }
}
