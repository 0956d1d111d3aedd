package com.acme.partoo.benchmarks;

import java.util.PriorityQueue;

/**
 * A sketch of a per-client deadline timer that does not wake its thread per call: one thread sleeps until the earliest
 * deadline it knows of; arming a later deadline (the usual case: every call gets "now + the same deadline") only adds
 * an entry, and disarming only marks it, so neither signals the thread. The thread is signalled only when a new
 * deadline is earlier than the one it is sleeping until. Disarmed entries are dropped when the thread wakes, or by an
 * {@code arm} once they are more than half of the queue (amortised, on the caller's thread, without signalling).
 *
 * <p>Not the facade's code: a measurement of the approach, for {@link Variants}.
 */
final class DeadlineTimer implements AutoCloseable {

  /** An armed deadline; {@link #disarm()} is idempotent and never blocks on the timer thread. */
  static final class Handle implements Comparable<Handle> {
    final long deadline;
    private Runnable action;

    Handle(long deadline, Runnable action) {
      this.deadline = deadline;
      this.action = action;
    }

    /** Drops the action; the entry leaves the queue later. */
    void disarm() {
      action = null; // racy read by the timer thread is fine: it re-checks under the lock
    }

    @Override
    public int compareTo(Handle other) {
      return Long.compare(deadline - other.deadline, 0);
    }
  }

  private final PriorityQueue<Handle> queue = new PriorityQueue<>();
  private final Thread thread;
  private long wakeAt;
  private boolean waiting;
  private boolean closed;
  private int signals;

  DeadlineTimer(String name) {
    thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /** Runs {@code action} on the timer thread at {@code deadline} (a {@link System#nanoTime} value) unless disarmed. */
  Handle arm(long deadline, Runnable action) {
    Handle handle = new Handle(deadline, action);
    synchronized (this) {
      if (queue.size() > 64 && queue.size() % 64 == 0) {
        queue.removeIf(h -> h.action == null);
      }
      queue.add(handle);
      if (waiting && deadline - wakeAt < 0) {
        signals++;
        notify();
      }
    }
    return handle;
  }

  /** How many times an {@code arm} had to wake the thread. */
  synchronized int signals() {
    return signals;
  }

  private void run() {
    while (true) {
      Runnable due = null;
      synchronized (this) {
        if (closed) {
          return;
        }
        Handle head = queue.peek();
        while (head != null && head.action == null) {
          queue.poll();
          head = queue.peek();
        }
        long now = System.nanoTime();
        if (head != null && head.deadline - now <= 0) {
          queue.poll();
          due = head.action;
        } else {
          long waitNanos = head == null ? Long.MAX_VALUE : head.deadline - now;
          wakeAt = head == null ? now + Long.MAX_VALUE / 2 : head.deadline;
          waiting = true;
          try {
            if (head == null) {
              wait();
            } else {
              wait(waitNanos / 1_000_000, (int) (waitNanos % 1_000_000));
            }
          } catch (InterruptedException e) {
            return;
          } finally {
            waiting = false;
          }
        }
      }
      if (due != null) {
        try {
          due.run();
        } catch (RuntimeException e) {
          // A timeout action's failure is the action's problem.
        }
      }
    }
  }

  @Override
  public synchronized void close() {
    closed = true;
    notify();
  }
}
