package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.Sleeper;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import retrofit2.Call;
import retrofit2.Callback;
import retrofit2.Response;

/**
 * Runs an {@link ApiCall} to completion: attempts, the retry decision, waits, the deadline and the retry budget, for
 * blocking and asynchronous callers alike. Asynchronous waits are scheduled, so no thread is blocked while backing off.
 */
public final class CallRunner {
  private static final Logger LOG = LoggerFactory.getLogger(CallRunner.class);

  // Statuses that mean "not processed, or failed on the way": safe and useful to try again.
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
  // Of those, the ones after which the request may nevertheless have taken effect.
  private static final Set<Integer> AMBIGUOUS_STATUSES = Set.of(500, 502, 504);
  private static final String REQUEST_ID_HEADER = "X-Request-Id";

  private final RetryPolicy policy;
  private final RetryBudget budget;
  private final Backoff backoff;
  private final Duration deadline;
  private final Clock clock;
  private final Sleeper sleeper;
  private final ExceptionFactory exceptions;
  private final ObjectMapper json;

  /** All collaborators are immutable or thread-safe; so is the runner. */
  public CallRunner(
      RetryPolicy policy,
      RetryBudget budget,
      Backoff backoff,
      Duration deadline,
      Clock clock,
      Sleeper sleeper,
      ExceptionFactory exceptions,
      ObjectMapper json) {
    this.policy = policy;
    this.budget = budget;
    this.backoff = backoff;
    this.deadline = deadline;
    this.clock = clock;
    this.sleeper = sleeper;
    this.exceptions = exceptions;
    this.json = json;
  }

  /** Runs {@code call} on the calling thread. @throws PartooException when it fails for good */
  <R, T> @Nullable T execute(ApiCall<R, T> call) {
    Attempts attempts = new Attempts(clock.instant().plus(deadline));
    while (true) {
      attempts.count++;
      Outcome<T> outcome = attempt(call, attempts);
      Step step = decide(outcome, attempts);
      if (step instanceof Step.Finish) {
        return finish(outcome, call, attempts, null);
      }
      if (step instanceof Step.GiveUp giveUp) {
        return finish(outcome, call, attempts, giveUp.reason());
      }
      Duration wait = ((Step.Retry) step).delay();
      attempts.failed(exceptions.create(outcome, call.operation(), attempts.count, null));
      logRetry(call, attempts, outcome, wait);
      try {
        sleeper.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw attempts.withEarlierFailures(new PartooConnectionException(
            "Interrupted while waiting to retry the request to " + call.operation().describe() + ".",
            null, null, null, attempts.count, e));
      }
      if (call.probe() != null && isAmbiguous(outcome)) {
        Outcome<T> probed = attempt(call.probe(), attempts);
        if (probed instanceof Outcome.Success<T> success && success.value() != null) {
          return success.value();
        }
      }
    }
  }

  /** Runs {@code call} asynchronously; the future completes on an OkHttp thread, or exceptionally with a
   * {@link PartooException}. Cancelling it cancels the attempt in flight. */
  <R, T> CompletableFuture<T> executeAsync(ApiCall<R, T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Attempts attempts = new Attempts(clock.instant().plus(deadline));
    result.whenComplete((value, error) -> {
      if (result.isCancelled()) {
        attempts.cancel();
      }
    });
    attemptAsync(call, attempts, result);
    return result;
  }

  private <R, T> void attemptAsync(ApiCall<R, T> call, Attempts attempts, CompletableFuture<T> result) {
    if (result.isDone()) {
      return;
    }
    attempts.count++;
    startAsync(call, attempts, outcome -> {
      Step step = decide(outcome, attempts);
      if (step instanceof Step.Retry retry) {
        attempts.failed(exceptions.create(outcome, call.operation(), attempts.count, null));
        logRetry(call, attempts, outcome, retry.delay());
        sleeper.delay(retry.delay()).whenComplete((ignored, error) -> {
          if (result.isDone()) {
            return; // cancelled while waiting: send nothing more, not even a probe
          }
          if (call.probe() != null && isAmbiguous(outcome)) {
            startAsync(call.probe(), attempts, probed -> {
              if (probed instanceof Outcome.Success<T> success && success.value() != null) {
                result.complete(success.value());
              } else {
                attemptAsync(call, attempts, result);
              }
            }, result);
          } else {
            attemptAsync(call, attempts, result);
          }
        });
      } else {
        String reason = step instanceof Step.GiveUp giveUp ? giveUp.reason() : null;
        result.complete(finish(outcome, call, attempts, reason));
      }
    }, result);
  }

  /** Starts one attempt and hands its outcome to {@code next} on an OkHttp thread; any error fails {@code result}. */
  private <R, T, V> void startAsync(
      ApiCall<R, T> call, Attempts attempts, OutcomeHandler<T> next, CompletableFuture<V> result) {
    Call<R> retrofitCall;
    try {
      retrofitCall = call.newCall().get();
      attempts.current = retrofitCall;
      boundByDeadline(retrofitCall, attempts);
    } catch (ApiKeyUnavailableException e) {
      handleSafely(next, new Outcome.NoApiKey<>(e.getMessage()), result);
      return;
    }
    retrofitCall.enqueue(new Callback<R>() {
      @Override
      public void onResponse(Call<R> c, Response<R> response) {
        handleSafely(next, fromResponse(call, response), result);
      }

      @Override
      public void onFailure(Call<R> c, Throwable t) {
        if (t instanceof RuntimeException && !(t instanceof ApiKeyUnavailableException)) {
          result.completeExceptionally(t);
          return;
        }
        handleSafely(next, fromThrowable(t), result);
      }
    });
  }

  private static <T, V> void handleSafely(OutcomeHandler<T> next, Outcome<T> outcome, CompletableFuture<V> result) {
    if (result.isDone()) {
      // Cancelled: the attempt's failure is the cancellation itself, not a reason to spend the budget and retry.
      return;
    }
    try {
      next.handle(outcome);
    } catch (Throwable t) {
      // Never leave the caller's future hanging: a PartooException or a bug both end up in it.
      result.completeExceptionally(t);
    }
  }

  @FunctionalInterface
  private interface OutcomeHandler<T> {
    void handle(Outcome<T> outcome);
  }

  /** One blocking attempt, bounded by what is left of the deadline. */
  private <R, T> Outcome<T> attempt(ApiCall<R, T> call, Attempts attempts) {
    try {
      Call<R> retrofitCall = call.newCall().get();
      boundByDeadline(retrofitCall, attempts);
      return fromResponse(call, retrofitCall.execute());
    } catch (ApiKeyUnavailableException e) {
      return new Outcome.NoApiKey<>(e.getMessage());
    } catch (IOException e) {
      return fromThrowable(e);
    }
  }

  private void boundByDeadline(Call<?> call, Attempts attempts) {
    long remaining = Duration.between(clock.instant(), attempts.deadline).toNanos();
    // A zero timeout means "none" to Okio: always leave at least a millisecond.
    call.timeout().timeout(Math.max(remaining, TimeUnit.MILLISECONDS.toNanos(1)), TimeUnit.NANOSECONDS);
  }

  private <R, T> Outcome<T> fromResponse(ApiCall<R, T> call, Response<R> response) {
    int status = response.code();
    String requestId = response.headers().get(REQUEST_ID_HEADER);
    LOG.debug("Partoo {} answered HTTP {}", call.operation().kind().endpoint(), status);
    if (!response.isSuccessful()) {
      Duration retryAfter = RetryAfter.parse(response.headers().get("Retry-After"), clock.instant());
      return new Outcome.HttpFailure<>(status, requestId, retryAfter, ErrorBody.read(response.errorBody(), json));
    }
    try {
      // Retrofit gives no body, without converting, for 204 and 205: the mapper decides whether it needs one.
      return new Outcome.Success<>(call.mapper().map(response.body()));
    } catch (ApiCall.UnusableBodyException e) {
      return new Outcome.Unusable<>(status, requestId, e.getMessage());
    }
  }

  private static <T> Outcome<T> fromThrowable(Throwable t) {
    if (t instanceof ApiKeyUnavailableException e) {
      return new Outcome.NoApiKey<>(e.getMessage());
    }
    if (t instanceof JsonProcessingException e) {
      // Retrofit converts only 2xx bodies. The parser's message may quote the body (and a token in it): keep only
      // where it failed.
      String where = e.getLocation() == null ? "" : " (at line " + e.getLocation().getLineNr() + ", column "
          + e.getLocation().getColumnNr() + ")";
      return new Outcome.Unusable<>(null, null, "a body that is not the expected JSON" + where);
    }
    if (t instanceof IOException e) {
      return new Outcome.NoAnswer<>(e);
    }
    throw new IllegalStateException("unexpected failure type", t);
  }

  /** The whole retry decision: return, retry after a wait, or give up with a reason. */
  private Step decide(Outcome<?> outcome, Attempts attempts) {
    if (!isRetryable(outcome)) {
      if (!(outcome instanceof Outcome.NoApiKey<?>)) {
        budget.onSuccess();
      }
      return Step.FINISH;
    }
    if (attempts.count >= policy.maxAttempts()) {
      return Step.FINISH;
    }
    Duration retryAfter = outcome instanceof Outcome.HttpFailure<?> failure ? failure.retryAfter() : null;
    Duration wait = retryAfter != null ? retryAfter : backoff.delay(attempts.count);
    Instant now = clock.instant();
    if (!now.plus(wait).isBefore(attempts.deadline)) {
      return new Step.GiveUp(retryAfter != null
          ? "Partoo asked to wait " + retryAfter.toMillis() + " ms (Retry-After), past the " + deadline.toMillis()
              + " ms deadline"
          : "the " + deadline.toMillis() + " ms deadline leaves no time for another attempt");
    }
    if (!budget.tryAcquire()) {
      return new Step.GiveUp("this client's retry budget is spent (many calls are failing), so no retry was made");
    }
    return new Step.Retry(wait);
  }

  private static boolean isRetryable(Outcome<?> outcome) {
    if (outcome instanceof Outcome.NoAnswer<?>) {
      return true;
    }
    return outcome instanceof Outcome.HttpFailure<?> failure && RETRYABLE_STATUSES.contains(failure.status());
  }

  private static boolean isAmbiguous(Outcome<?> outcome) {
    if (outcome instanceof Outcome.NoAnswer<?> noAnswer) {
      return noAnswer.maybeProcessed();
    }
    return outcome instanceof Outcome.HttpFailure<?> failure && AMBIGUOUS_STATUSES.contains(failure.status());
  }

  private <T> @Nullable T finish(Outcome<T> outcome, ApiCall<?, T> call, Attempts attempts, @Nullable String reason) {
    if (outcome instanceof Outcome.Success<T> success) {
      return success.value();
    }
    throw attempts.withEarlierFailures(exceptions.create(outcome, call.operation(), attempts.count, reason));
  }

  private static void logRetry(ApiCall<?, ?> call, Attempts attempts, Outcome<?> outcome, Duration wait) {
    if (LOG.isDebugEnabled()) {
      String what = outcome instanceof Outcome.HttpFailure<?> failure ? "HTTP " + failure.status()
          : outcome instanceof Outcome.NoAnswer<?> noAnswer ? noAnswer.cause().getClass().getSimpleName()
          : outcome.getClass().getSimpleName();
      LOG.debug("Partoo {} attempt {} failed ({}); retrying in {} ms",
          call.operation().kind().endpoint(), attempts.count, what, wait.toMillis());
    }
  }

  /** The state of one call across its attempts. */
  private static final class Attempts {
    final Instant deadline;
    int count;
    volatile @Nullable Call<?> current;
    private final List<PartooException> earlier = new ArrayList<>(0);

    Attempts(Instant deadline) {
      this.deadline = deadline;
    }

    synchronized void failed(PartooException failure) {
      earlier.add(failure);
    }

    synchronized PartooException withEarlierFailures(PartooException last) {
      earlier.forEach(last::addSuppressed);
      return last;
    }

    void cancel() {
      Call<?> call = current;
      if (call != null) {
        call.cancel();
      }
    }
  }

  /** What the runner does after an attempt. */
  private sealed interface Step {
    Step FINISH = new Finish();

    record Finish() implements Step {}

    record Retry(Duration delay) implements Step {}

    record GiveUp(String reason) implements Step {}
  }
}
