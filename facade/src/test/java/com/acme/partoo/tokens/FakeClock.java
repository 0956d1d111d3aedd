package com.acme.partoo.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Time that stands still until a test (or {@link FakeScheduler}) moves it: the wall clock and the monotonic ticker
 * read the same fake time. Safe to read from OkHttp threads.
 */
final class FakeClock extends Clock implements Ticker {

  static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

  private volatile long nanos;

  synchronized void advance(Duration duration) {
    nanos += duration.toNanos();
  }

  @Override
  public long read() {
    return nanos;
  }

  @Override
  public Instant instant() {
    return START.plusNanos(nanos);
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the facade only reads instants");
  }
}
