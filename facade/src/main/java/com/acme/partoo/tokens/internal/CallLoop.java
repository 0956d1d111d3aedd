package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooListener.CallListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of one call, as a small state machine that the blocking and the asynchronous driver ({@link CallRunner})
 * share: admit → attempt → decide → wait → (check) → admit … → done or failed. Every request on the wire is a
 * {@link Step.Send} this class returned and counted, and every decision about what comes next is made here, once:
 * whether the outage protection lets the call send, whether to retry, how long to wait, whether the deadline allows
 * it, whether the retry budget does, whether to check a revoke before trying again. It also reports the call to the
 * outage protection and to the listeners.
 *
 * <p>A driver calls {@link #start}, {@link #afterAttempt} and {@link #afterWait} one at a time (each hand-off between
 * threads orders them). {@link #stop} may come from any thread at any moment: the client closing, the deadline of an
 * asynchronous call, or its future completed by the caller.
 */
final class CallLoop<T> {
  private static final Logger LOG = LoggerFactory.getLogger(CallLoop.class);
  /**
   * Requests a call may send again for free: on a stale pooled connection (each one OkHttp drops once it failed: a
   * restart or a load balancer may have closed several idle ones at once), or refused unprocessed by an HTTP/2 server
   * (a stream it refused, or past its GOAWAY: a rotation costs a call one, two when the next connection refuses its
   * first stream too; Http2Test saw three at most, rotating every 40 streams under 16 callers). Past five, connections
   * that die on every reuse, or a server that refuses every stream, say something is wrong with Partoo: the resends
   * count as retries again, with their backoff and budget.
   */
  private static final int FREE_RESENDS = 5;

  /** How a call ended, or why it was stopped. */
  enum End {
    /** The loop returned {@link Step.Done} or {@link Step.Fail}. */
    FINISHED,
    /** The caller completed the future: nobody waits for a result. */
    ABANDONED,
    /** The client was closed. */
    CLOSED,
    /** The deadline passed while an asynchronous call waited to start or ran. */
    DEADLINE
  }

  @SuppressWarnings("rawtypes")
  private static final AtomicReferenceFieldUpdater<CallLoop, End> END =
      AtomicReferenceFieldUpdater.newUpdater(CallLoop.class, End.class, "end");

  private final ApiCall<T> call;
  private final LoopSettings settings;
  private final long started;
  private final long deadline;
  private final @Nullable CompletableFuture<T> future;
  private final CallListener listener;

  // Touched by the driver only, one step at a time.
  private int attempts;
  private int freeResends;
  private int requests;
  private boolean permit;
  private @Nullable ApiCall<?> sent;
  private @Nullable Outcome<?> lastFailure;
  private boolean checkBeforeRetry;
  // Read by stop() from other threads too: guarded by this.
  private final List<PartooException> earlier = new ArrayList<>(0);
  private final List<String> keysSent = new ArrayList<>(1);
  private @Nullable Attempt lastAttempt;
  private boolean leading;
  private @Nullable RuntimeException stopFailure;
  // How the call ended, until it is reported: after the last attempt's own event, so listeners hear them in order.
  private @Nullable Runnable reportDue;

  private volatile @Nullable End end;
  // The attempt last handed to the driver: one that has not started when the call is stopped was still waiting.
  private volatile @Nullable Attempt pending;
  private volatile okhttp3.@Nullable Call current;
  private volatile @Nullable Runnable wake;
  private volatile @Nullable Future<?> alarm;

  /**
   * Runs on the thread making the call: the listeners hear of it here.
   *
   * @param future the asynchronous call's future, completed by {@link #stop}; null for a blocking call
   */
  CallLoop(ApiCall<T> call, LoopSettings settings, @Nullable CompletableFuture<T> future) {
    this.call = call;
    this.settings = settings;
    this.started = settings.ticker().read();
    this.deadline = started + settings.deadlineNanos();
    this.future = future;
    this.listener = settings.listeners().isEmpty() ? CallListener.NONE : settings.listeners().callStarted(
        new PartooListener.CallStarted(call.operation().kind().publicOperation(), settings.serverAddress(),
            settings.serverPort(), settings.basePath() + call.operation().kind().publicOperation().path()));
  }

  /** The first step: the first attempt, if the outage protection lets it go. */
  Step<T> start() {
    return reported(send(call));
  }

  /** What to do once the request of {@code attempt} came to {@code outcome}. */
  Step<T> afterAttempt(Attempt attempt, Outcome<?> outcome) {
    current = null;
    remember(attempt, outcome);
    End stopped = end;
    if (stopped != null) {
      return stopped(stopped);
    }
    Step<T> next = decide(outcome);
    if (listener != CallListener.NONE && attempt.isStarted()) {
      attemptEnded(attempt, outcome, next);
    }
    return reported(next);
  }

  /** What to do once a wait is over: ask the outage protection again, then send. */
  Step<T> afterWait() {
    wake = null;
    End stopped = end;
    if (stopped != null) {
      return stopped(stopped);
    }
    ApiCall<Boolean> check = call.alreadyDone();
    return reported(send(checkBeforeRetry && check != null ? check : call));
  }

  /** What to do when the thread waiting to retry, or for a slot, was interrupted: fail, without sending. */
  Step<T> interrupted() {
    return reported(finish(new Step.Fail<>(withEarlier(settings.exceptions().interrupted(call.operation(), attempts))), null,
        FailureKind.CANCELLED));
  }

  /**
   * Stops the call: cancels the request in flight and any wait, and fails the future of an asynchronous call (unless
   * its caller completed it). Any thread; false if the call had already ended.
   */
  boolean stop(End reason) {
    if (!END.compareAndSet(this, null, reason)) {
      return false;
    }
    okhttp3.Call inFlight = current;
    if (inFlight != null) {
      inFlight.cancel();
    }
    Runnable waiting = wake;
    if (waiting != null) {
      waiting.run();
    }
    cancelAlarm();
    report(reason, null, null, true);
    if (future != null && reason != End.ABANDONED) {
      future.completeExceptionally(stopFailure());
    }
    return true;
  }

  /** Records the OkHttp call about to run, so {@link #stop} can cancel it; cancels it at once if already stopped. */
  void sending(okhttp3.Call okHttpCall) {
    current = okHttpCall;
    if (end != null) {
      okHttpCall.cancel();
    }
  }

  /** Records how to end the wait about to start, so {@link #stop} can end it early. */
  void waiting(Runnable wakeUp) {
    wake = wakeUp;
    if (end != null) {
      wakeUp.run();
    }
  }

  /** Arms the timer that stops an asynchronous call at its deadline; at most one per call. */
  void alarm(Future<?> timer) {
    alarm = timer;
    if (end != null) {
      timer.cancel(false);
    }
  }

  boolean hasAlarm() {
    return alarm != null;
  }

  /** Whether the call has ended or been stopped: nothing more is to be sent for it. */
  boolean isOver() {
    return end != null;
  }

  void cancelAlarm() {
    Future<?> timer = alarm;
    if (timer != null) {
      timer.cancel(false);
    }
  }

  /** Nanoseconds until the deadline; zero or negative once it has passed. */
  long timeLeft() {
    return deadline - settings.ticker().read();
  }

  /** The whole retry decision, for an attempt of the call itself or of a revoke's check. */
  private Step<T> decide(Outcome<?> outcome) {
    if (sent != call) {
      return afterCheck(outcome);
    }
    if (outcome instanceof Outcome.Success<?> success) {
      settings.budget().onSuccess();
      @SuppressWarnings("unchecked") // the outcome of call, whose reader gives a T
      T value = (T) success.value();
      return finish(new Step.Done<>(value), outcome, null);
    }
    if (!RetryRules.isRetryable(outcome)) {
      if (RetryRules.isAnswer(outcome)) {
        settings.budget().onSuccess();
      }
      return fail(outcome, null);
    }
    lastFailure = outcome;
    if (freeResends < FREE_RESENDS && RetryRules.isFreeResend(outcome)) {
      return resendAtOnce(outcome);
    }
    if (attempts - freeResends >= settings.policy().maxAttempts()) {
      return fail(outcome, null);
    }
    Duration retryAfter = outcome instanceof Outcome.HttpFailure<?> failure ? failure.retryAfter() : null;
    long wait = retryAfter != null ? saturatedNanos(retryAfter) : settings.backoff().delay(attempts).toNanos();
    if (wait >= timeLeft()) {
      return fail(outcome, retryAfter != null
          ? "Partoo asked to wait " + retryAfter.toMillis() + " ms (Retry-After), past the " + deadlineMillis()
              + " ms deadline"
          : "the " + deadlineMillis() + " ms deadline leaves no time for another attempt");
    }
    RetryBudget.Grant grant = settings.budget().tryAcquire();
    if (grant == RetryBudget.Grant.REFUSED) {
      return fail(outcome, "this client's retry budget is spent (many calls are failing), so no retry was made");
    }
    if (grant == RetryBudget.Grant.LAST) {
      settings.listeners().retryBudgetExhausted(call.operation().kind().publicOperation());
    }
    synchronized (this) {
      earlier.add(settings.exceptions().create(outcome, call.operation(), attempts, null, redactor()));
    }
    checkBeforeRetry = call.alreadyDone() != null && RetryRules.isAmbiguous(outcome);
    logRetry(outcome, wait);
    return new Step.Wait<>(wait, null, retryAfter != null
        ? PartooListener.WaitReason.RETRY_AFTER : PartooListener.WaitReason.BACKOFF);
  }

  /**
   * The attempt went out on a pooled connection the server had closed, or the server refused it unprocessed: sent
   * again at once (OkHttp takes another connection, or a new stream). It counts as an attempt on the wire (listeners
   * and exceptions see it), but not against {@code maxAttempts} nor the retry budget, and it tells the outage
   * protection nothing. A revoke lost on a stale connection is checked first, as after any ambiguous failure: the
   * request was written, and a server that read it before closing cannot be told apart; a refused one was not read.
   */
  private Step<T> resendAtOnce(Outcome<?> outcome) {
    freeResends++;
    synchronized (this) {
      earlier.add(settings.exceptions().create(outcome, call.operation(), attempts, null, redactor()));
    }
    ApiCall<Boolean> check = call.alreadyDone();
    checkBeforeRetry = check != null && RetryRules.isAmbiguous(outcome);
    LOG.debug("Partoo {} attempt {} was not processed (a pooled connection the server had closed, or a refused HTTP/2"
        + " stream); sending it again at once (not counted as a retry)", call.operation().kind().endpoint(), attempts);
    return send(checkBeforeRetry ? check : call);
  }

  private Step<T> afterCheck(Outcome<?> outcome) {
    checkBeforeRetry = false;
    if (outcome instanceof Outcome.Success<?> success && Boolean.TRUE.equals(success.value())) {
      // The lost attempt did its job (the token is revoked): the call succeeded.
      return finish(new Step.Done<>(null), outcome, null);
    }
    // Not done, or the check itself failed: try again (Partoo answers 400 if the token is no longer valid).
    return send(call);
  }

  private Step<T> send(ApiCall<?> what) {
    long left = timeLeft();
    if (left <= 0) {
      return deadlinePassed();
    }
    OutageGuard.Admission admission = settings.guard().admit(!permit, deadline, minimumAfterPause());
    if (admission instanceof OutageGuard.Admission.Hold hold) {
      permit |= hold.permit();
      return new Step.Wait<>(Math.min(hold.nanos(), left), hold.wakeEarly(), null);
    }
    if (admission instanceof OutageGuard.Admission.Refuse refuse) {
      return refused(refuse);
    }
    OutageGuard.Admission.Go go = (OutageGuard.Admission.Go) admission;
    permit |= go.permit();
    synchronized (this) {
      leading = go.leader();
    }
    if (what == call) {
      attempts++;
    }
    requests++;
    sent = what;
    Attempt attempt = new Attempt(what.operation().kind(), deadline, requests, listener, settings.ticker());
    pending = attempt;
    return new Step.Send<>(what, attempt, left);
  }

  private Step<T> refused(OutageGuard.Admission.Refuse refuse) {
    Outcome<?> failure = lastFailure;
    if (failure != null) {
      // Partoo went down (or asked for a pause) while this call was retrying: end with what it got.
      return fail(failure, refuse.why());
    }
    return finish(new Step.Fail<>(withEarlier(settings.exceptions().unavailable(call.operation(), refuse))), null,
        FailureKind.OUTAGE);
  }

  private Step<T> deadlinePassed() {
    Outcome<?> failure = lastFailure;
    String reason = "the " + deadlineMillis() + " ms deadline passed before the next attempt could start";
    if (failure == null) {
      return finish(new Step.Fail<>(withEarlier(settings.exceptions().deadline(call.operation(), attempts, false))),
          null, FailureKind.TIMEOUT);
    }
    return fail(failure, reason);
  }

  private Step<T> fail(Outcome<?> outcome, @Nullable String reason) {
    PartooException failure = settings.exceptions().create(outcome, call.operation(), attempts, reason, redactor());
    return finish(new Step.Fail<>(withEarlier(failure)), outcome, null);
  }

  /** The call's last step, unless it was stopped meanwhile: the stop wins, so no result comes after close(). */
  private Step<T> finish(Step<T> last, @Nullable Outcome<?> verdict, @Nullable FailureKind kind) {
    if (END.compareAndSet(this, null, End.FINISHED)) {
      boolean failed = last instanceof Step.Fail<T>;
      reportDue = () -> report(End.FINISHED, verdict, kind, failed);
      return last;
    }
    End stopped = end;
    return stopped(stopped == null ? End.FINISHED : stopped);
  }

  /** {@code step}, once the end of the call, if it just ended, has been reported. */
  private Step<T> reported(Step<T> step) {
    Runnable due = reportDue;
    if (due != null) {
      reportDue = null;
      due.run();
    }
    return step;
  }

  private Step<T> stopped(End reason) {
    if (reason == End.ABANDONED) {
      return new Step.Abandoned<>();
    }
    if (reason == End.FINISHED) {
      throw new IllegalStateException("the call has already finished");
    }
    return new Step.Fail<>(stopFailure());
  }

  /**
   * Tells the outage protection and the listeners how the call ended, once.
   *
   * @param verdict the outcome that decided the end, or null when none did (refused, interrupted, stopped)
   * @param kind what the listeners hear it ended with, when {@code verdict} does not say it
   */
  private void report(End how, @Nullable Outcome<?> verdict, @Nullable FailureKind kind, boolean failed) {
    long duration = settings.ticker().read() - started;
    Attempt last;
    synchronized (this) {
      last = lastAttempt;
      if (leading) {
        leading = false;
        settings.guard().leaderGone();
      }
    }
    if (permit) {
      // Partoo's own time on the last request: not the set-up of its connection, nor waits for a slot or a retry.
      long answerNanos = last == null ? 0 : last.answerNanos();
      if (how == End.DEADLINE && last != null && last.wasSent()) {
        settings.guard().callEnded(true, FailureKind.TIMEOUT, answerNanos);
      } else if (how != End.FINISHED || verdict == null || !FailureKinds.isVerdict(verdict)) {
        settings.guard().callEnded(false, null, 0);
      } else {
        settings.guard().callEnded(true, FailureKinds.against(verdict), answerNanos);
      }
    }
    if (listener != CallListener.NONE) {
      FailureKind ended = switch (how) {
        case ABANDONED -> FailureKind.CANCELLED;
        case CLOSED -> FailureKind.CLIENT_CLOSED;
        case DEADLINE -> FailureKind.TIMEOUT;
        case FINISHED -> !failed ? null : kind != null ? kind : verdict == null ? null : FailureKinds.of(verdict);
      };
      listener.callEnded(new PartooListener.CallEnded(
          call.operation().kind().publicOperation(),
          ended == null ? PartooListener.Outcome.SUCCESS : PartooListener.Outcome.FAILURE,
          Optional.ofNullable(ended),
          last == null ? OptionalInt.empty() : last.status(),
          Duration.ofNanos(duration),
          requests));
    }
  }

  private void attemptEnded(Attempt attempt, Outcome<?> outcome, Step<T> next) {
    Step.Wait<T> wait = next instanceof Step.Wait<T> w && w.reason() != null ? w : null;
    listener.attemptEnded(new PartooListener.AttemptEnded(
        attempt.kind.publicOperation(),
        attempt.number,
        attempt.status(),
        Optional.ofNullable(FailureKinds.of(outcome)),
        Duration.ofNanos(settings.ticker().read() - attempt.startedAt()),
        wait == null ? Optional.empty() : Optional.of(Duration.ofNanos(wait.nanos())),
        wait == null ? Optional.empty() : Optional.ofNullable(wait.reason())));
  }

  private synchronized RuntimeException stopFailure() {
    if (stopFailure == null) {
      Attempt waiting = pending;
      PartooException failure = end == End.CLOSED
          ? settings.exceptions().closed(call.operation(), attempts)
          : settings.exceptions().deadline(call.operation(), attempts, waiting != null && !waiting.isStarted());
      stopFailure = withEarlier(failure);
    }
    return stopFailure;
  }

  private void remember(Attempt attempt, Outcome<?> outcome) {
    boolean wasLeader;
    synchronized (this) {
      lastAttempt = attempt;
      String key = attempt.keySent();
      if (key != null && !keysSent.contains(key)) {
        keysSent.add(key);
      }
      wasLeader = leading;
      leading = false;
    }
    if (outcome instanceof Outcome.HttpFailure<?> failure) {
      Duration retryAfter = failure.status() == 429 || failure.status() == 503 ? failure.retryAfter() : null;
      settings.guard().answered(retryAfter == null ? null : saturatedNanos(retryAfter), wasLeader);
    } else if (wasLeader) {
      settings.guard().answered(null, true);
    }
  }

  private synchronized Redactor redactor() {
    return new Redactor(call.operation().token(), keysSent);
  }

  private synchronized PartooException withEarlier(PartooException last) {
    earlier.forEach(last::addSuppressed);
    return last;
  }

  /**
   * How much of the deadline must be left for a call to wait out a client-wide pause rather than fail at once: a quarter
   * of it, at most one second. Sent with less, a request would often time out and count against Partoo.
   */
  private long minimumAfterPause() {
    return Math.min(settings.deadlineNanos() / 4, 1_000_000_000L);
  }

  private long deadlineMillis() {
    return Duration.ofNanos(settings.deadlineNanos()).toMillis();
  }

  private static long saturatedNanos(Duration duration) {
    return duration.compareTo(Duration.ofDays(1)) > 0 ? Duration.ofDays(1).toNanos() : duration.toNanos();
  }

  private void logRetry(Outcome<?> outcome, long waitNanos) {
    if (LOG.isDebugEnabled()) {
      String what = outcome instanceof Outcome.HttpFailure<?> failure ? "HTTP " + failure.status()
          : outcome instanceof Outcome.NoAnswer<?> noAnswer ? noAnswer.cause().getClass().getSimpleName()
          : outcome.getClass().getSimpleName();
      LOG.debug("Partoo {} attempt {} failed ({}); retrying in {} ms",
          call.operation().kind().endpoint(), attempts, what, waitNanos / 1_000_000);
    }
  }
}
