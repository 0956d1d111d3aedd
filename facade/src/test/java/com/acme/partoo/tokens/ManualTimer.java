package com.acme.partoo.tokens;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Delayed;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer on a {@link FakeClock}: a task scheduled here is due at the clock's time plus its delay, and runs (on this
 * timer's own thread, as a real timer's would) only when the test calls {@link #fireDue()} after moving the clock past
 * it. Unlike {@link FakeScheduler}, which moves time for each wait it is given, this one never moves time: it is for
 * watchdogs, such as the client's deadline alarms, that must fire when the test says the time has come.
 */
final class ManualTimer extends ScheduledThreadPoolExecutor {

  private final FakeClock clock;
  private final List<Pending> pending = new ArrayList<>();

  ManualTimer(FakeClock clock) {
    super(1, task -> {
      Thread thread = new Thread(task, "manual-timer");
      thread.setDaemon(true);
      return thread;
    });
    this.clock = clock;
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Pending task = new Pending(command, clock.read() + unit.toNanos(delay));
    synchronized (pending) {
      pending.add(task);
    }
    return task;
  }

  /** Tasks scheduled and neither run nor canceled yet. */
  int pendingCount() {
    synchronized (pending) {
      pending.removeIf(Pending::isCancelled);
      return pending.size();
    }
  }

  /** Runs, on this timer's thread, every task due at the clock's time and not canceled; returns how many. */
  int fireDue() {
    List<Pending> due = new ArrayList<>();
    synchronized (pending) {
      pending.removeIf(task -> {
        boolean isDue = task.due - clock.read() <= 0;
        if (isDue && !task.isCancelled()) {
          due.add(task);
        }
        return isDue || task.isCancelled();
      });
    }
    for (Pending task : due) {
      super.schedule(task, 0, TimeUnit.NANOSECONDS); // execute() would come back to schedule() above
    }
    return due.size();
  }

  /** A task waiting for its time. */
  private final class Pending extends FutureTask<Void> implements ScheduledFuture<Void> {
    private final long due;

    Pending(Runnable command, long due) {
      super(command, null);
      this.due = due;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(due - clock.read(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed other) {
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
    }
  }
}
