package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

/**
 * How the client waits between attempts: blocking for synchronous calls, scheduled for asynchronous ones. The default
 * ({@link #system()}) waits for real; tests inject one that advances a fake clock instead, so nothing sleeps.
 */
public interface Sleeper {

  /**
   * Blocks the calling thread for {@code duration}.
   *
   * @throws InterruptedException if the thread is interrupted while waiting: the call then fails without retrying
   */
  void sleep(Duration duration) throws InterruptedException;

  /**
   * Returns a stage that completes after {@code duration} without blocking any thread while it waits. The default
   * schedules on the JDK's shared delay scheduler; override it together with {@link #sleep} in tests.
   */
  default CompletionStage<Void> delay(Duration duration) {
    return CompletableFuture.runAsync(
        () -> {}, CompletableFuture.delayedExecutor(duration.toNanos(), TimeUnit.NANOSECONDS, Runnable::run));
  }

  /** Really waits: {@link Thread#sleep} for blocking calls, a scheduled completion for asynchronous ones. */
  static Sleeper system() {
    return duration -> Thread.sleep(duration.toMillis(), duration.toNanosPart() % 1_000_000);
  }
}
