package com.acme.partoo.mock;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock tests move by hand, so expiry is tested without sleeping; public for the internal package's tests. */
public final class MutableClock extends Clock {

  /** Has nanoseconds on purpose: Partoo's timestamps stop at microseconds. */
  public static final Instant START = Instant.parse("2019-08-01T17:15:54.256789123Z");

  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  public void advance(Duration duration) {
    now.updateAndGet(instant -> instant.plus(duration));
  }

  @Override
  public Instant instant() {
    return now.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the fake only reads instants");
  }
}
