package com.acme.partoo.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock that stands still until a test (or {@link FakeSleeper}) moves it. Safe to read from OkHttp threads. */
final class FakeClock extends Clock {

  static final Instant START = Instant.parse("2026-01-15T10:00:00Z");

  private volatile Instant now = START;

  void advance(Duration duration) {
    now = now.plus(duration);
  }

  @Override
  public Instant instant() {
    return now;
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
