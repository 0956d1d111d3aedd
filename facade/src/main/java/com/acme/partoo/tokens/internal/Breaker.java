package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.Ticker;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalFunction;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The outage protection's circuit breaker: Resilience4j's {@link CircuitBreaker} (the only class that touches it),
 * configured from an {@link OutagePolicy} and timed on the client's {@link Ticker}, which judges failures; the
 * slow-call rule ({@link SlowCalls}, over a full window, as the policy says); and what a health check shows: since
 * when, the last failure, the next probe. Thread-safe.
 */
final class Breaker {

  private static final double JITTER = 0.2;

  private final CircuitBreaker breaker;
  private final Ticker ticker;
  private final Clock wall;
  private final HealthListener onChange;
  private final SlowCalls slowCalls;
  private volatile long nextProbe;
  private volatile @Nullable FailureKind lastFailure;
  private volatile PartooHealth health;

  /** Told about every change of health, on the thread whose call caused it. */
  @FunctionalInterface
  interface HealthListener {
    void changed(PartooHealth previous, PartooHealth current);
  }

  /**
   * @param random uniform values in {@code [0, 1)} for the open interval's jitter
   */
  Breaker(OutagePolicy policy, Ticker ticker, Clock wall, DoubleSupplier random, HealthListener onChange) {
    this.ticker = ticker;
    this.wall = wall;
    this.onChange = onChange;
    this.slowCalls = new SlowCalls(policy.window(), policy.slowCallThreshold(), policy.slowCallRatePercent());
    long first = policy.openInterval().toNanos();
    long max = policy.maxOpenInterval().toNanos();
    IntervalFunction openFor = opened -> {
      long base = first << Math.min(opened - 1, 30);
      long interval = base <= 0 || base > max ? max : base;
      long jittered = (long) (interval * (1 - JITTER + 2 * JITTER * random.getAsDouble()));
      nextProbe = ticker.read() + jittered; // Resilience4j keeps its deadline to itself: remember it for health()
      return Math.max(1, TimeUnit.NANOSECONDS.toMillis(jittered));
    };
    CircuitBreakerConfig config = CircuitBreakerConfig.custom()
        .slidingWindow(policy.window(), policy.minimumCalls(), CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        // Every call records into the window, under a lock held for an array update. (LOCK_FREE allocates a new
        // snapshot per call: +224 B a call, measured, against +16 B with the lock.)
        .slidingWindowSynchronizationStrategy(CircuitBreakerConfig.SlidingWindowSynchronizationStrategy.SYNCHRONIZED)
        .failureRateThreshold(policy.failureRatePercent())
        // Slowness is SlowCalls' to judge, over a full window: Resilience4j would judge it from minimumNumberOfCalls
        // on (5 slow calls of 5 opened it), so it is given no durations (and its own slow-call rule never fires).
        .permittedNumberOfCallsInHalfOpenState(policy.probes())
        .waitIntervalFunctionInOpenState(openFor)
        // No timer thread: the first call after the open interval moves it to half-open.
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .clock(new TickerClock(ticker))
        .currentTimestampFunction(clock -> ticker.read(), TimeUnit.NANOSECONDS)
        .build();
    this.breaker = CircuitBreaker.of("partoo", config);
    this.health = new PartooHealth(
        PartooHealth.State.CLOSED, wall.instant(), Optional.empty(), Optional.empty(), Optional.empty());
    // No event consumer: with one, Resilience4j builds and publishes an event (with a ZonedDateTime) for every call
    // recorded (+160 B a call, measured). A state change is seen by reading the state after each operation instead.
  }

  /** Uses {@link ThreadLocalRandom} for the jitter. */
  Breaker(OutagePolicy policy, Ticker ticker, Clock wall, HealthListener onChange) {
    this(policy, ticker, wall, () -> ThreadLocalRandom.current().nextDouble(), onChange);
  }

  /** Whether a new call may go: true when closed, or for one of the probes once the open interval is over. */
  boolean tryAcquire() {
    boolean permitted = breaker.tryAcquirePermission();
    refreshIfChanged(); // the first call after the open interval moves it to half-open
    return permitted;
  }

  /** Whether calls are refused now (open, before its interval is over). */
  boolean isOpen() {
    return breaker.getState() == CircuitBreaker.State.OPEN;
  }

  /** A call that held a permission ended with an answer from Partoo, which took {@code answerNanos}: Partoo is up. */
  void succeeded(long answerNanos) {
    breaker.onSuccess(0, TimeUnit.NANOSECONDS);
    judgeSlowness(answerNanos);
    refreshIfChanged();
  }

  /** A call that held a permission failed against Partoo, its last request after {@code answerNanos}. */
  void failed(long answerNanos, FailureKind kind) {
    lastFailure = kind;
    breaker.onError(0, TimeUnit.NANOSECONDS, new CountedFailure(kind));
    judgeSlowness(answerNanos);
    refresh(); // the last failure shows even when it does not change the state
  }

  /** Opens the breaker if the window, full, now holds enough slow calls; only a closed one (probes are not judged). */
  private void judgeSlowness(long answerNanos) {
    if (slowCalls.record(answerNanos) && breaker.getState() == CircuitBreaker.State.CLOSED) {
      breaker.transitionToOpenState();
    }
  }

  /** A call that held a permission ended without saying anything about Partoo (canceled, no key, closed). */
  void released() {
    breaker.releasePermission();
    refreshIfChanged();
  }

  /** The common case, a state unchanged, costs one volatile read and a comparison. */
  private void refreshIfChanged() {
    if (stateOf(breaker.getState()) != health.state()) {
      refresh();
    }
  }

  /** The breaker's side of the client's health (no pause: see {@link ClientPause}). */
  PartooHealth health() {
    return health;
  }

  /**
   * Publishes the breaker's state as it is now: read under the lock, so a thread that read an older state can never
   * publish it over a newer one (calls end on many threads at once).
   */
  private synchronized void refresh() {
    PartooHealth previous = health;
    PartooHealth.State state = stateOf(breaker.getState());
    Instant since = state == previous.state() ? previous.since() : wall.instant();
    Optional<Instant> probe = state == PartooHealth.State.OPEN
        ? Optional.of(wall.instant().plusNanos(Math.max(0, nextProbe - ticker.read())))
        : Optional.empty();
    PartooHealth current = new PartooHealth(state, since, Optional.ofNullable(lastFailure), probe, Optional.empty());
    health = current;
    if (previous.state() != current.state()) {
      slowCalls.clear(); // as Resilience4j's own window: each state judges the calls made in it
      onChange.changed(previous, current);
    }
  }

  /** What Resilience4j records for a failed call: only its kind (it never sees the call's exception or a secret). */
  private static final class CountedFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CountedFailure(FailureKind kind) {
      super(kind.name(), null, false, false);
    }
  }

  private static PartooHealth.State stateOf(CircuitBreaker.State state) {
    return switch (state) {
      case OPEN, FORCED_OPEN -> PartooHealth.State.OPEN;
      case HALF_OPEN -> PartooHealth.State.HALF_OPEN;
      case DISABLED, METRICS_ONLY -> PartooHealth.State.DISABLED;
      case CLOSED -> PartooHealth.State.CLOSED;
    };
  }

  /** Resilience4j's clock, on the client's ticker: its open interval then follows the ticker tests move. */
  private static final class TickerClock extends Clock {
    private final Ticker ticker;

    TickerClock(Ticker ticker) {
      this.ticker = ticker;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH.plusNanos(ticker.read());
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
