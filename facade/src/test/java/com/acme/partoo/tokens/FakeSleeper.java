package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Waits without waiting: records each requested wait, moves the {@link FakeClock} by it and returns at once, so
 * retries and deadlines are tested in microseconds. Blocking waits and scheduled (async) waits are kept apart, so a
 * test can tell that an asynchronous call never blocked a thread.
 */
final class FakeSleeper implements Sleeper {

  private final FakeClock clock;
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private final List<Duration> delays = new CopyOnWriteArrayList<>();
  private volatile Runnable onWait = () -> {};

  FakeSleeper(FakeClock clock) {
    this.clock = clock;
  }

  /** Runs {@code action} during every wait, after the clock has moved: e.g. to rotate a key between attempts. */
  void onWait(Runnable action) {
    this.onWait = action;
  }

  /** Blocking waits, in order. */
  List<Duration> sleeps() {
    return List.copyOf(sleeps);
  }

  /** Scheduled waits of asynchronous calls, in order. */
  List<Duration> delays() {
    return List.copyOf(delays);
  }

  @Override
  public void sleep(Duration duration) {
    sleeps.add(duration);
    clock.advance(duration);
    onWait.run();
  }

  @Override
  public CompletionStage<Void> delay(Duration duration) {
    delays.add(duration);
    clock.advance(duration);
    onWait.run();
    return CompletableFuture.completedFuture(null);
  }
}
