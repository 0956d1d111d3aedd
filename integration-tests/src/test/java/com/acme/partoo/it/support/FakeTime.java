package com.acme.partoo.it.support;

import com.acme.partoo.tokens.Ticker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Time that only moves when the client waits: every wait it schedules (between attempts, blocking or asynchronous) is
 * recorded, advances both the wall clock and the ticker by its length at once, and then ends on the scheduler's own
 * thread. Deadlines and {@code Retry-After} dates are measured on it, so retry timing is asserted exactly and nothing
 * really sleeps. {@link #close()} stops its thread.
 */
public final class FakeTime extends Clock implements Ticker, AutoCloseable {

  /** A whole second, so HTTP dates (second resolution) computed from it are exact. */
  public static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> waits = new ArrayList<>();
  private final Scheduler scheduler = new Scheduler();

  private synchronized void waited(Duration duration) {
    waits.add(duration);
    nanos.addAndGet(duration.toNanos());
  }

  /** Every wait the client asked for, in order. */
  public synchronized List<Duration> waits() {
    return new ArrayList<>(waits);
  }

  /** The scheduler to give the client: its waits end at once, on fake time. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  @Override
  public long read() {
    return nanos.get();
  }

  @Override
  public Instant instant() {
    return START.plusNanos(nanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the client only reads instants");
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }

  private final class Scheduler extends ScheduledThreadPoolExecutor {
    Scheduler() {
      super(1, task -> {
        Thread thread = new Thread(task, "fake-time");
        thread.setDaemon(true);
        return thread;
      });
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      waited(Duration.ofNanos(unit.toNanos(delay)));
      return super.schedule(command, 0, TimeUnit.NANOSECONDS);
    }
  }
}
