package com.acme.partoo.it.support;

import com.acme.partoo.tokens.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that only moves when the client waits: both {@link #sleep} (blocking calls) and {@link #delay} (asynchronous
 * calls) record the wait and advance the clock by it, then return at once. Deadlines and {@code Retry-After} dates are
 * measured on it, so retry timing is asserted exactly and nothing really sleeps.
 */
public final class FakeTime extends Clock implements Sleeper {

  /** A whole second, so HTTP dates (second resolution) computed from it are exact. */
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);
  private final List<Duration> waits = new ArrayList<>();

  @Override
  public void sleep(Duration duration) {
    waited(duration);
  }

  @Override
  public CompletionStage<Void> delay(Duration duration) {
    waited(duration);
    return CompletableFuture.completedFuture(null);
  }

  private synchronized void waited(Duration duration) {
    waits.add(duration);
    now.accumulateAndGet(null, (current, ignored) -> current.plus(duration));
  }

  /** Every wait the client asked for, in order. */
  public synchronized List<Duration> waits() {
    return new ArrayList<>(waits);
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the client only reads instants");
  }
}
