package com.acme.partoo.tokens.internal;

import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's token bucket of retries: a retry spends one token, a successful call refills a fraction of one. Lock-free,
 * in thousandths of a token, because every successful call touches it.
 */
final class RetryBudget {
  private static final Logger LOG = LoggerFactory.getLogger(RetryBudget.class);
  private static final long ONE_TOKEN = 1000;

  private final long capacity;
  private final long refill;
  private final AtomicLong available;

  /** A full bucket of {@code capacity} retries, refilled by {@code refillPerSuccess} per successful call. */
  public RetryBudget(int capacity, double refillPerSuccess) {
    this.capacity = capacity * ONE_TOKEN;
    this.refill = Math.round(refillPerSuccess * ONE_TOKEN);
    this.available = new AtomicLong(this.capacity);
  }

  /** What {@link #tryAcquire} gave. */
  enum Grant {
    /** No retry: the bucket is empty. */
    REFUSED,
    /** A retry. */
    GRANTED,
    /** A retry, the bucket's last: it is empty now. */
    LAST
  }

  /** Spends one retry if the bucket has one; {@link Grant#REFUSED} means the retry must not happen. */
  Grant tryAcquire() {
    while (true) {
      long current = available.get();
      if (current < ONE_TOKEN) {
        return Grant.REFUSED;
      }
      if (available.compareAndSet(current, current - ONE_TOKEN)) {
        if (current - ONE_TOKEN < ONE_TOKEN) {
          LOG.warn("Partoo retry budget exhausted: calls now fail after one attempt until successful calls refill it");
          return Grant.LAST;
        }
        return Grant.GRANTED;
      }
    }
  }

  /** Gives back part of a retry after a call that did not need one. */
  public void onSuccess() {
    // Fast path: a full bucket (the normal state) needs no write.
    if (available.get() >= capacity) {
      return;
    }
    available.accumulateAndGet(refill, (current, add) -> Math.min(capacity, current + add));
  }

  /** Retries available now, in whole tokens; for tests and diagnostics. */
  public double available() {
    return available.get() / (double) ONE_TOKEN;
  }
}
