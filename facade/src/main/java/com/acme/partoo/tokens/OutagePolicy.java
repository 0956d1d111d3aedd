package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * When a client considers Partoo down and stops sending, so that page views fail at once instead of waiting out their
 * deadline, and a failing Partoo gets probes instead of traffic. Immutable; each client keeps its own state.
 *
 * <p>A circuit breaker over the last {@link #window()} calls. It opens when, once at least {@link #minimumCalls()}
 * have ended, {@link #failureRatePercent()} of them failed against Partoo (no answer, timeout, HTTP 5xx, 429 after
 * retries); or when, once a whole window has ended, {@link #slowCallRatePercent()} of its calls were slow: Partoo took
 * longer than {@link #slowCallThreshold()} to answer the call's last request, timed from that request on the wire to
 * its answer, so that setting up a connection (TCP and TLS handshakes, a proxy tunnel) and waiting for a free slot
 * never make a call slow. Open, calls fail at once with {@link PartooUnavailableException}, unsent. After
 * {@link #openInterval()} (±20% jitter) up to {@link #probes()} calls go through; if they succeed it closes, if not it
 * opens again for twice as long, at most {@link #maxOpenInterval()}. HTTP 400, 401, 403, 404, argument errors, this
 * service's own TLS or proxy settings and the caller's own cancellations do not count against Partoo.
 *
 * <p>With it, a {@code Retry-After} on a 429 or 503 pauses the whole client: calls that cannot wait that long fail at
 * once, unsent; the others wait (scheduled, no thread blocked), and when the pause ends one call goes first while the
 * rest wait for its answer.
 */
public final class OutagePolicy {

  private static final OutagePolicy DEFAULTS = builder().build();
  private static final OutagePolicy DISABLED = new OutagePolicy(new Builder(), false);

  private final boolean enabled;
  private final int window;
  private final int minimumCalls;
  private final int failureRatePercent;
  private final Duration slowCallThreshold;
  private final int slowCallRatePercent;
  private final Duration openInterval;
  private final Duration maxOpenInterval;
  private final int probes;

  private OutagePolicy(Builder builder, boolean enabled) {
    this.enabled = enabled;
    this.window = builder.window;
    this.minimumCalls = builder.minimumCalls;
    this.failureRatePercent = builder.failureRatePercent;
    this.slowCallThreshold = builder.slowCallThreshold;
    this.slowCallRatePercent = builder.slowCallRatePercent;
    this.openInterval = builder.openInterval;
    this.maxOpenInterval = builder.maxOpenInterval;
    this.probes = builder.probes;
  }

  /**
   * Opens when 5 of the last 10 calls failed against Partoo (or Partoo took over 1 s to answer all 10); open for 1 s,
   * then 2 s at most; 1 probe. Chosen from the fleet simulation ({@code benchmarks/run.sh --outage}, docs/performance.md): a hang
   * is noticed by the first calls that time out, and Partoo back is noticed within 5 s, because a short cap bounds the
   * wait after the last failed probe (a probe into a hang itself takes the whole deadline).
   */
  public static OutagePolicy defaults() {
    return DEFAULTS;
  }

  /** No outage protection and no client-wide pause: every call is sent, as without this policy. */
  public static OutagePolicy disabled() {
    return DISABLED;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return new Builder();
  }

  /** Whether the protection is on. */
  public boolean enabled() {
    return enabled;
  }

  /** How many of the latest calls are judged. */
  public int window() {
    return window;
  }

  /** Calls that must have ended before the failure rate is judged (the slow-call rate waits for a whole window). */
  public int minimumCalls() {
    return minimumCalls;
  }

  /** The share of failed calls in the window, in percent, at which the protection opens. */
  public int failureRatePercent() {
    return failureRatePercent;
  }

  /**
   * A call whose last request Partoo took longer than this to answer is slow, even if it succeeds (connection set-up
   * and waits for a slot are not counted).
   */
  public Duration slowCallThreshold() {
    return slowCallThreshold;
  }

  /** The share of slow calls in a whole window, in percent, at which the protection opens. */
  public int slowCallRatePercent() {
    return slowCallRatePercent;
  }

  /** How long it stays open the first time (jittered by ±20%). */
  public Duration openInterval() {
    return openInterval;
  }

  /** The longest it stays open, however often the probes failed. */
  public Duration maxOpenInterval() {
    return maxOpenInterval;
  }

  /** Calls let through to probe Partoo once the open interval is over. */
  public int probes() {
    return probes;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof OutagePolicy that
        && enabled == that.enabled
        && window == that.window
        && minimumCalls == that.minimumCalls
        && failureRatePercent == that.failureRatePercent
        && slowCallThreshold.equals(that.slowCallThreshold)
        && slowCallRatePercent == that.slowCallRatePercent
        && openInterval.equals(that.openInterval)
        && maxOpenInterval.equals(that.maxOpenInterval)
        && probes == that.probes;
  }

  @Override
  public int hashCode() {
    return Objects.hash(enabled, window, minimumCalls, failureRatePercent, slowCallThreshold, slowCallRatePercent,
        openInterval, maxOpenInterval, probes);
  }

  @Override
  public String toString() {
    if (!enabled) {
      return "OutagePolicy[disabled]";
    }
    return "OutagePolicy[window=" + window + ", minimumCalls=" + minimumCalls + ", failureRatePercent="
        + failureRatePercent + ", slowCallThreshold=" + slowCallThreshold + ", slowCallRatePercent="
        + slowCallRatePercent + ", openInterval=" + openInterval + ", maxOpenInterval=" + maxOpenInterval
        + ", probes=" + probes + "]";
  }

  /** Builds an {@link OutagePolicy}; every setter checks its argument and names it when it refuses one. */
  public static final class Builder {
    private int window = 10;
    private int minimumCalls = 5;
    private int failureRatePercent = 50;
    private Duration slowCallThreshold = Duration.ofSeconds(1);
    private int slowCallRatePercent = 100;
    private Duration openInterval = Duration.ofSeconds(1);
    private Duration maxOpenInterval = Duration.ofSeconds(2);
    private int probes = 1;

    private Builder() {}

    /**
     * The latest {@code calls} are judged: their failure rate once at least {@code minimumCalls} have ended, their
     * slow-call rate once all {@code calls} have (1 ≤ minimum ≤ calls ≤ 1000).
     */
    public Builder window(int calls, int minimumCalls) {
      if (calls < 1 || calls > 1000) {
        throw new IllegalArgumentException("window must be between 1 and 1000 calls, was " + calls);
      }
      if (minimumCalls < 1 || minimumCalls > calls) {
        throw new IllegalArgumentException("minimumCalls must be between 1 and the window (" + calls + "), was "
            + minimumCalls);
      }
      this.window = calls;
      this.minimumCalls = minimumCalls;
      return this;
    }

    /** Opens at this share of failed calls, in percent (1 to 100). Default 50. */
    public Builder failureRatePercent(int percent) {
      this.failureRatePercent = percent(percent, "failureRatePercent");
      return this;
    }

    /**
     * Calls whose last request Partoo took longer than {@code threshold} to answer are slow; opens at {@code percent}
     * slow calls (1 to 100) of a whole window. Default 1 s and 100: all of the window.
     */
    public Builder slowCalls(Duration threshold, int percent) {
      this.slowCallThreshold = positive(threshold, "slowCallThreshold");
      this.slowCallRatePercent = percent(percent, "slowCallRatePercent");
      return this;
    }

    /** Open for {@code first}, doubling on each failed probe up to {@code max}. Positive, first ≤ max. */
    public Builder openInterval(Duration first, Duration max) {
      positive(first, "openInterval");
      positive(max, "maxOpenInterval");
      if (first.compareTo(max) > 0) {
        throw new IllegalArgumentException("openInterval (" + first + ") must not exceed maxOpenInterval (" + max
            + ")");
      }
      this.openInterval = first;
      this.maxOpenInterval = max;
      return this;
    }

    /** Calls let through to probe once the open interval is over (1 to 100). Default 1. */
    public Builder probes(int probes) {
      if (probes < 1 || probes > 100) {
        throw new IllegalArgumentException("probes must be between 1 and 100, was " + probes);
      }
      this.probes = probes;
      return this;
    }

    /** Returns the policy (enabled). */
    public OutagePolicy build() {
      return new OutagePolicy(this, true);
    }

    private static int percent(int value, String name) {
      if (value < 1 || value > 100) {
        throw new IllegalArgumentException(name + " must be between 1 and 100, was " + value);
      }
      return value;
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
