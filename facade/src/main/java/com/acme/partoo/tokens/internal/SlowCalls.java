package com.acme.partoo.tokens.internal;

import java.time.Duration;

/**
 * The outage protection's slow-call rule: over the last {@code window} calls, and only once that many have ended, is
 * the share of calls Partoo took longer than the threshold to answer at or above the rate? Partoo's time is measured
 * from the request on the wire ({@link Attempt#answerNanos()}): a cold or loaded client's connection set-up (TCP and
 * TLS handshakes) and its waits for a slot are its own, not Partoo's, and never make a call slow. Thread-safe.
 */
final class SlowCalls {

  private final boolean[] slow;
  private final long thresholdNanos;
  private final int slowToOpen;
  // Guarded by this: the ring of the latest calls, where the next one goes, how many it holds and how many are slow.
  private int next;
  private int size;
  private int slowCount;

  /**
   * @param window how many of the latest calls are judged
   * @param percent the share of slow calls, in percent (1 to 100), at which {@link #record} says to open
   */
  SlowCalls(int window, Duration threshold, int percent) {
    this.slow = new boolean[window];
    this.thresholdNanos = threshold.toNanos();
    // At least this many slow calls of the window: 100% of 10 is all 10, 50% of 10 is 5, 1% of 10 is 1.
    this.slowToOpen = (int) Math.ceil(window * percent / 100.0);
  }

  /** Records a call Partoo answered in {@code answerNanos}; true if the full window now holds enough slow calls. */
  synchronized boolean record(long answerNanos) {
    boolean isSlow = answerNanos > thresholdNanos;
    if (size == slow.length) {
      slowCount -= slow[next] ? 1 : 0; // the oldest call leaves the window
    } else {
      size++;
    }
    slow[next] = isSlow;
    slowCount += isSlow ? 1 : 0;
    next = (next + 1) % slow.length;
    return size == slow.length && slowCount >= slowToOpen;
  }

  /** Forgets every call: the breaker changed state. */
  synchronized void clear() {
    next = 0;
    size = 0;
    slowCount = 0;
  }
}
