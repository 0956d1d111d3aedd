package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Waits without waiting: each scheduled task moves the {@link FakeClock} by its delay at once, then runs on this
 * scheduler's own thread, as a real one would: later, and elsewhere than the code that scheduled it. So retries and
 * deadlines are tested in microseconds, and an asynchronous call's waits really continue on another thread. Records
 * each wait with the thread that asked for it, so a test can tell a blocking call's waits from an asynchronous one's.
 */
final class FakeScheduler extends ScheduledThreadPoolExecutor {

  /** One requested wait, and the name of the thread that scheduled it. */
  record Wait(Duration duration, String thread) {}

  private final FakeClock clock;
  private final List<Wait> waits = new CopyOnWriteArrayList<>();
  private volatile Runnable onWait = () -> {};

  FakeScheduler(FakeClock clock) {
    super(1, task -> {
      Thread thread = new Thread(task, "fake-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    this.clock = clock;
  }

  /** Runs {@code action} during every wait, after the clock has moved: e.g. to rotate a key between attempts. */
  void onWait(Runnable action) {
    this.onWait = action;
  }

  /** Every wait asked for, in order. */
  List<Wait> waits() {
    return List.copyOf(waits);
  }

  /** The durations of every wait, in order. */
  List<Duration> durations() {
    return waits.stream().map(Wait::duration).toList();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Duration duration = Duration.ofNanos(unit.toNanos(delay));
    waits.add(new Wait(duration, Thread.currentThread().getName()));
    clock.advance(duration);
    onWait.run();
    return super.schedule(command, 0, TimeUnit.NANOSECONDS);
  }
}
