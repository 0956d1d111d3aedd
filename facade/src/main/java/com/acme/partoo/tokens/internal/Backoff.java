package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.RetryPolicy;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/** Exponential backoff with full jitter: a uniform wait in {@code [0, min(maxDelay, baseDelay × 2^(retry-1)))}. */
final class Backoff {

  private final long baseNanos;
  private final long maxNanos;
  private final DoubleSupplier random;

  /** Uses {@link ThreadLocalRandom} for the jitter. */
  public Backoff(RetryPolicy policy) {
    this(policy, () -> ThreadLocalRandom.current().nextDouble());
  }

  /** @param random uniform values in {@code [0, 1)}; injected by tests */
  public Backoff(RetryPolicy policy, DoubleSupplier random) {
    this.baseNanos = policy.baseDelay().toNanos();
    this.maxNanos = policy.maxDelay().toNanos();
    this.random = random;
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  public Duration delay(int retry) {
    return Duration.ofNanos((long) (ceiling(retry) * random.getAsDouble()));
  }

  /** The upper bound of the wait before retry number {@code retry}. */
  long ceiling(int retry) {
    int doublings = Math.min(Math.max(retry - 1, 0), 62);
    long ceiling = baseNanos << doublings;
    // A shift that overflowed, or went past the cap, is the cap. The signed shift back also catches a shift that
    // lost no bit but reached the sign bit (a negative ceiling).
    return (ceiling >> doublings) != baseNanos || ceiling > maxNanos ? maxNanos : ceiling;
  }
}
