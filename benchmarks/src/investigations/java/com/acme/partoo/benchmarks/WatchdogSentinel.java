package com.acme.partoo.benchmarks;

import java.util.concurrent.TimeUnit;
import okio.AsyncTimeout;

/**
 * An experiment on Okio's watchdog: Okio keeps every entered {@link AsyncTimeout} (a call's timeout, and one per
 * socket read, write and flush) in one JVM-wide queue ordered by expiry, and signals its "Okio Watchdog" thread
 * whenever a newly entered timeout becomes the earliest. On one thread that is most of them: the call's own timeout
 * enters an empty queue, and each socket read or write (5 s) expires before the call (10 s). This keeps one timeout
 * in the queue that always expires first, re-armed by the watchdog itself when it expires, so that no other insert
 * is ever the earliest and none signals: the watchdog then wakes once per {@code period} instead of several times
 * per call. {@code period} must be shorter than every read, write and call timeout in the JVM.
 */
final class WatchdogSentinel extends AsyncTimeout {

  private volatile boolean stopped;

  private WatchdogSentinel(long periodNanos) {
    timeout(periodNanos, TimeUnit.NANOSECONDS);
  }

  /** Enters a sentinel that re-arms itself every {@code periodMillis} until {@link #stop()}. */
  static WatchdogSentinel start(long periodMillis) {
    WatchdogSentinel sentinel = new WatchdogSentinel(TimeUnit.MILLISECONDS.toNanos(periodMillis));
    sentinel.enter();
    return sentinel;
  }

  @Override
  protected void timedOut() {
    // Runs on the watchdog thread, outside Okio's lock: leave the timed-out state and enter again, one period later.
    exit();
    if (!stopped) {
      enter();
    }
  }

  void stop() {
    stopped = true;
    exit();
  }
}
