package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.Ticker;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * A client's outage protection, as the call loop sees it: before each attempt, may it send ({@link #admit}); after
 * each answer, did Partoo ask the client to pause ({@link #answered}); at the end of each call, what did it say about
 * Partoo ({@link #callEnded}). The breaker ({@link Breaker}) judges calls; the pause ({@link ClientPause}) follows
 * {@code Retry-After}. Thread-safe.
 */
final class OutageGuard {

  /** What a call may do before an attempt. */
  sealed interface Admission {
    /**
     * Send.
     *
     * @param permit the call now holds one of the breaker's permissions (its first attempt)
     * @param leader it is the first call after a pause, others wait for its answer
     */
    record Go(boolean permit, boolean leader) implements Admission {}

    /**
     * Wait, then ask again.
     *
     * @param permit the call now holds one of the breaker's permissions (taken before it waits)
     */
    record Hold(long nanos, @Nullable CompletableFuture<Void> wakeEarly, boolean permit) implements Admission {}

    /**
     * Do not send: Partoo is considered down, or asked the client to wait past the call's deadline.
     *
     * @param downSince when the breaker opened, or null for a pause
     * @param retryAt the next probe or the end of the pause, or null if unknown
     */
    record Refuse(@Nullable Instant downSince, @Nullable Instant retryAt, String why) implements Admission {}
  }

  private static final Admission.Go GO_WITHOUT_PERMIT = new Admission.Go(false, false);

  private final @Nullable Breaker breaker;
  private final @Nullable ClientPause pause;
  private final Ticker ticker;
  private final Clock wall;
  private final Instant created;

  /**
   * @param onChange told of every change of the breaker's state
   */
  OutageGuard(OutagePolicy policy, Ticker ticker, Clock wall, Breaker.HealthListener onChange) {
    this.ticker = ticker;
    this.wall = wall;
    this.created = wall.instant();
    this.breaker = policy.enabled() ? new Breaker(policy, ticker, wall, onChange) : null;
    this.pause = policy.enabled() ? new ClientPause(ticker) : null;
  }

  /**
   * Before an attempt of a call whose deadline is {@code deadline}.
   *
   * @param firstAttempt whether the call holds no permission yet (its first attempt)
   * @param minimumNanos how much of the deadline must be left for a wait to be worth it
   */
  Admission admit(boolean firstAttempt, long deadline, long minimumNanos) {
    if (breaker == null || pause == null) {
      return GO_WITHOUT_PERMIT;
    }
    // Partoo known down wins over a pause: a call must never wait for a Partoo that is considered down.
    if (firstAttempt ? !breaker.tryAcquire() : breaker.isOpen()) {
      return refusedByBreaker(); // for a retry: Partoo went down meanwhile, do not retry into an outage
    }
    ClientPause.Admission paused = pause.admit(deadline, minimumNanos);
    if (paused instanceof ClientPause.Admission.Hold hold) {
      return new Admission.Hold(hold.nanos(), hold.leaderDone(), firstAttempt);
    }
    if (paused instanceof ClientPause.Admission.Refuse refuse) {
      if (firstAttempt) {
        breaker.released(); // it will not send: the permission says nothing about Partoo
      }
      if (refuse.until() == null) {
        return new Admission.Refuse(null, null, "Partoo's Retry-After pause is over, but the first call after it has not"
            + " been answered yet, and too little of this call's deadline is left to wait longer");
      }
      Instant end = wallTime(refuse.until());
      return new Admission.Refuse(null, end, "Partoo asked this client to wait until " + end
          + " (Retry-After), too close to this call's deadline");
    }
    return new Admission.Go(firstAttempt, ((ClientPause.Admission.Go) paused).leader());
  }

  /**
   * An attempt got an answer: {@code retryAfterNanos} (zero or more) when it was a 429 or 503 asking to wait. A
   * leader's answer ends its turn.
   */
  void answered(@Nullable Long retryAfterNanos, boolean leader) {
    if (pause == null) {
      return;
    }
    if (retryAfterNanos != null && retryAfterNanos > 0) {
      pause.pause(retryAfterNanos);
    }
    if (leader) {
      pause.leaderDone();
    }
  }

  /** A leader that ends without an answer (stopped, no key...) gives up its turn. */
  void leaderGone() {
    if (pause != null) {
      pause.leaderDone();
    }
  }

  /**
   * A call that held a permission ended.
   *
   * @param against what it says against Partoo (no answer, timeout, 5xx, 429), or null when it says Partoo is up
   * @param verdict false when it says nothing about Partoo (canceled, closed, no key): the permission is released
   * @param answerNanos how long Partoo took to answer its last request, from the request on the wire
   */
  void callEnded(boolean verdict, @Nullable FailureKind against, long answerNanos) {
    if (breaker == null) {
      return;
    }
    if (!verdict) {
      breaker.released();
    } else if (against == null) {
      breaker.succeeded(answerNanos);
    } else {
      breaker.failed(answerNanos, against);
    }
  }

  /** What a health check shows; never sends anything. */
  PartooHealth health() {
    if (breaker == null || pause == null) {
      return new PartooHealth(PartooHealth.State.DISABLED, created, Optional.empty(), Optional.empty(),
          Optional.empty());
    }
    PartooHealth judged = breaker.health();
    Long until = pause.pausedUntil();
    return until == null || until - ticker.read() <= 0 ? judged : new PartooHealth(judged.state(), judged.since(),
        judged.lastFailure(), judged.nextProbeAt(), Optional.of(wallTime(until)));
  }

  private Admission refusedByBreaker() {
    PartooHealth health = breaker.health();
    Instant probe = health.nextProbeAt().orElse(null);
    return new Admission.Refuse(health.since(), probe, "Partoo has been considered down since " + health.since()
        + health.lastFailure().map(kind -> " (calls failing: " + kind + ")").orElse("")
        + (probe == null ? "; probes are under way" : "; the next probe is due at " + probe));
  }

  private Instant wallTime(long tickerReading) {
    return wall.instant().plusNanos(tickerReading - ticker.read());
  }
}
