package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Faults;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A queue behind {@link Faults}: one entry per faulty answer still to give. A fake has one for itself and one per test
 * running through the JUnit extension; a request takes the oldest entry of the schedules it belongs to, so every
 * schedule of one fake numbers its entries from one shared counter.
 */
final class FaultSchedule implements Faults {

  private final AtomicLong order;
  private final Queue<Scheduled> queue = new ConcurrentLinkedQueue<>();
  private volatile Duration delay = Duration.ZERO;

  /** Numbers entries from {@code order}, shared by every schedule of the same fake. */
  FaultSchedule(AtomicLong order) {
    this.order = order;
  }

  /** A fault and when it was scheduled, across every schedule of one fake. */
  private record Scheduled(long order, Fault fault) {}

  @Override
  public Faults serviceUnavailable(int times) {
    return schedule(times, Fault.answer(503, Optional.empty()));
  }

  @Override
  public Faults serviceUnavailable(int times, Duration retryAfter) {
    return schedule(times, Fault.answer(503, retryAfter(retryAfter)));
  }

  @Override
  public Faults tooManyRequests(int times) {
    return schedule(times, Fault.answer(429, Optional.empty()));
  }

  @Override
  public Faults tooManyRequests(int times, Duration retryAfter) {
    return schedule(times, Fault.answer(429, retryAfter(retryAfter)));
  }

  @Override
  public Faults serverError(int times, int status) {
    if (status < 500 || status > 599) {
      throw new IllegalArgumentException("status must be a 5xx, got " + status);
    }
    return schedule(times, Fault.answer(status, Optional.empty()));
  }

  @Override
  public Faults dropConnection(int times) {
    return schedule(times, Fault.drop());
  }

  @Override
  public Faults delay(Duration delay) {
    this.delay = nonNegative(delay, "delay");
    return this;
  }

  @Override
  public int pending() {
    return queue.size();
  }

  @Override
  public void clear() {
    queue.clear();
    delay = Duration.ZERO;
  }

  /**
   * Takes the oldest fault scheduled in any of {@code schedules}, if one is left; each is given out once, also when
   * requests race for it (the loser looks again).
   */
  static Optional<Fault> takeOldest(List<FaultSchedule> schedules) {
    while (true) {
      FaultSchedule from = null;
      Scheduled oldest = null;
      for (FaultSchedule schedule : schedules) {
        Scheduled head = schedule.queue.peek();
        if (head != null && (oldest == null || head.order() < oldest.order())) {
          oldest = head;
          from = schedule;
        }
      }
      if (oldest == null) {
        return Optional.empty();
      }
      if (from.queue.remove(oldest)) {
        return Optional.of(oldest.fault());
      }
    }
  }

  /** The longest delay set in any of {@code schedules}; zero if none. */
  static Duration longestDelay(List<FaultSchedule> schedules) {
    return schedules.stream().map(schedule -> schedule.delay).max(Duration::compareTo).orElse(Duration.ZERO);
  }

  /** Never the queue: its size says enough. */
  @Override
  public String toString() {
    return "FaultSchedule[pending=" + pending() + ", delay=" + delay + "]";
  }

  private Faults schedule(int times, Fault fault) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, got " + times);
    }
    for (int i = 0; i < times; i++) {
      queue.add(new Scheduled(order.incrementAndGet(), fault));
    }
    return this;
  }

  private static Optional<Duration> retryAfter(Duration retryAfter) {
    return Optional.of(nonNegative(retryAfter, "retryAfter"));
  }

  private static Duration nonNegative(Duration duration, String name) {
    Objects.requireNonNull(duration, name);
    if (duration.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, got " + duration);
    }
    return duration;
  }
}
