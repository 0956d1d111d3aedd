package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.Ticker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * The client-wide pause Partoo asks for with {@code Retry-After} on a 429 or a 503: until it ends no call sends, and
 * when it ends one call (the leader) goes first while the others wait for its answer, so a burst of calls after a 429
 * sends one request, not hundreds. Thread-safe and lock-free; outside a pause, {@link #admit} is one volatile read.
 */
final class ClientPause {

  /** What a call may do now. */
  sealed interface Admission {
    /** Send; {@code leader} when this call is the first after a pause, and others wait for its answer. */
    record Go(boolean leader) implements Admission {}

    /** Wait {@code nanos}, or until {@code leaderDone} completes if that comes first; then ask again. */
    record Hold(long nanos, @Nullable CompletableFuture<Void> leaderDone) implements Admission {}

    /** The pause ends at {@code until} (a ticker reading): past this call's deadline. */
    record Refuse(long until) implements Admission {}
  }

  static final Admission.Go GO = new Admission.Go(false);
  private static final Admission.Go LEAD = new Admission.Go(true);

  private final Ticker ticker;
  private final AtomicLong until = new AtomicLong();
  // Set by a pause, cleared when a leader's answer comes without one: until then calls are admitted one at a time.
  private volatile boolean paused;
  private final AtomicReference<@Nullable CompletableFuture<Void>> leader = new AtomicReference<>();

  ClientPause(Ticker ticker) {
    this.ticker = ticker;
  }

  /** May a call whose deadline is {@code deadline} (a ticker reading) send now? */
  Admission admit(long deadline) {
    while (paused) {
      long end = until.get();
      long now = ticker.read();
      if (end - now > 0) {
        return end - deadline >= 0 ? new Admission.Refuse(end) : new Admission.Hold(end - now, null);
      }
      CompletableFuture<Void> current = leader.get();
      if (current != null) {
        return new Admission.Hold(deadline - now, current);
      }
      if (leader.compareAndSet(null, new CompletableFuture<>())) {
        return LEAD;
      }
      // Another call became the leader, or one answered, meanwhile: look again.
    }
    return GO;
  }

  /** Partoo asked to wait {@code nanos} before the next request: every call of the client waits. */
  void pause(long nanos) {
    long end = ticker.read() + nanos;
    until.accumulateAndGet(end, (current, asked) -> asked - current > 0 ? asked : current);
    paused = true;
  }

  /**
   * The leader's attempt ended (or the leader gave up its turn unsent). Unless Partoo asked for another pause, the
   * pause is over for everyone; either way the waiting calls are woken and ask again.
   */
  void leaderDone() {
    if (until.get() - ticker.read() <= 0) {
      paused = false;
    }
    CompletableFuture<Void> done = leader.getAndSet(null);
    if (done != null) {
      done.complete(null);
    }
  }

  /** The ticker reading the pause ends at, or null when calls go through. */
  @Nullable Long pausedUntil() {
    return paused ? until.get() : null;
  }
}
