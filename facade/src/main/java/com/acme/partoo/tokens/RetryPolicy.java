package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When and how often a failed call is tried again. Immutable and thread-safe; one policy may serve many clients, each
 * of which keeps its own retry budget.
 *
 * <p>Retried: no HTTP answer (connection refused or reset, timeout) and HTTP 429, 500, 502, 503, 504. Never retried:
 * any other status. Waits use exponential backoff with full jitter ({@code random(0, min(maxDelay, baseDelay ×
 * 2^(retry-1)))}), or exactly what Partoo's {@code Retry-After} header asks; the client's deadline bounds all attempts
 * and waits, and a wait that would end past it fails the call at once.
 *
 * <p>The retry budget is a token bucket per client: each retry spends one token, each call answered without a retryable
 * failure puts {@link #budgetRefillPerSuccess()} back, up to {@link #budgetCapacity()}. During an outage the bucket
 * empties after {@code budgetCapacity} retries and calls fail after one attempt, so a fleet does not multiply its load
 * on Partoo by the attempt count; once calls succeed again, retries come back.
 */
public final class RetryPolicy {

  private static final RetryPolicy DEFAULTS = builder().build();
  private static final RetryPolicy NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final int budgetCapacity;
  private final double budgetRefillPerSuccess;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.baseDelay = builder.baseDelay;
    this.maxDelay = builder.maxDelay;
    this.budgetCapacity = builder.budgetCapacity;
    this.budgetRefillPerSuccess = builder.budgetRefillPerSuccess;
  }

  /**
   * 3 attempts, 200 ms base delay, 5 s maximum delay, a budget of 10 retries refilled by 0.1 per successful call (at
   * most one retry per ten successful calls once the bucket is empty).
   */
  public static RetryPolicy defaults() {
    return DEFAULTS;
  }

  /** One attempt, never a retry. */
  public static RetryPolicy none() {
    return NONE;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this policy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Attempts per call, the first included; 1 means no retry. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** Upper bound of the first backoff wait; it doubles with each further retry. */
  public Duration baseDelay() {
    return baseDelay;
  }

  /** Upper bound of any backoff wait (a {@code Retry-After} is bounded by the deadline instead). */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** Retries a client may make in a burst before successful calls must earn more. */
  public int budgetCapacity() {
    return budgetCapacity;
  }

  /** Retry tokens each successful call gives back to the budget. */
  public double budgetRefillPerSuccess() {
    return budgetRefillPerSuccess;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof RetryPolicy that
        && maxAttempts == that.maxAttempts
        && baseDelay.equals(that.baseDelay)
        && maxDelay.equals(that.maxDelay)
        && budgetCapacity == that.budgetCapacity
        && Double.compare(budgetRefillPerSuccess, that.budgetRefillPerSuccess) == 0;
  }

  @Override
  public int hashCode() {
    return Objects.hash(maxAttempts, baseDelay, maxDelay, budgetCapacity, budgetRefillPerSuccess);
  }

  @Override
  public String toString() {
    return "RetryPolicy[maxAttempts=" + maxAttempts
        + ", baseDelay=" + baseDelay
        + ", maxDelay=" + maxDelay
        + ", budgetCapacity=" + budgetCapacity
        + ", budgetRefillPerSuccess=" + budgetRefillPerSuccess + "]";
  }

  /** Builds a {@link RetryPolicy}; every setter validates its argument and names it when it refuses one. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration baseDelay = Duration.ofMillis(200);
    private Duration maxDelay = Duration.ofSeconds(5);
    private int budgetCapacity = 10;
    private double budgetRefillPerSuccess = 0.1;

    private Builder() {}

    private Builder(RetryPolicy policy) {
      this.maxAttempts = policy.maxAttempts;
      this.baseDelay = policy.baseDelay;
      this.maxDelay = policy.maxDelay;
      this.budgetCapacity = policy.budgetCapacity;
      this.budgetRefillPerSuccess = policy.budgetRefillPerSuccess;
    }

    /** Attempts per call, the first included: at least 1, at most 10. Default 3. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1 || maxAttempts > 10) {
        throw new IllegalArgumentException("maxAttempts must be between 1 and 10, was " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /** Upper bound of the first backoff wait: zero or positive. Default 200 ms. */
    public Builder baseDelay(Duration baseDelay) {
      this.baseDelay = nonNegative(baseDelay, "baseDelay");
      return this;
    }

    /** Upper bound of every backoff wait: zero or positive. Default 5 s. */
    public Builder maxDelay(Duration maxDelay) {
      this.maxDelay = nonNegative(maxDelay, "maxDelay");
      return this;
    }

    /**
     * The retry budget: {@code capacity} retries in a burst (0 disables retries), each successful call refilling
     * {@code refillPerSuccess} (between 0 and 1). Default 10 and 0.1.
     */
    public Builder retryBudget(int capacity, double refillPerSuccess) {
      if (capacity < 0) {
        throw new IllegalArgumentException("retry budget capacity must not be negative, was " + capacity);
      }
      if (!(refillPerSuccess >= 0 && refillPerSuccess <= 1)) {
        throw new IllegalArgumentException("retry budget refillPerSuccess must be between 0 and 1, was "
            + refillPerSuccess);
      }
      this.budgetCapacity = capacity;
      this.budgetRefillPerSuccess = refillPerSuccess;
      return this;
    }

    /**
     * Returns the policy.
     *
     * @throws IllegalStateException if baseDelay is greater than maxDelay
     */
    public RetryPolicy build() {
      if (baseDelay.compareTo(maxDelay) > 0) {
        throw new IllegalStateException("baseDelay (" + baseDelay + ") must not exceed maxDelay (" + maxDelay + ")");
      }
      return new RetryPolicy(this);
    }

    private static Duration nonNegative(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isNegative()) {
        throw new IllegalArgumentException(name + " must not be negative, was " + value);
      }
      return value;
    }
  }
}
