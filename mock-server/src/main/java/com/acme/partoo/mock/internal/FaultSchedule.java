package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Faults;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/** The queue behind {@link Faults}: one entry per faulty answer still to give, taken by requests in arrival order. */
final class FaultSchedule implements Faults {

  private final Queue<Fault> queue = new ConcurrentLinkedQueue<>();
  private volatile Duration delay = Duration.ZERO;

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

  /** The fault the next request gets, if any is left; each is given out once. */
  Optional<Fault> next() {
    return Optional.ofNullable(queue.poll());
  }

  /** Sleeps for the configured delay, if any. */
  void awaitDelay() throws InterruptedException {
    Duration wait = delay;
    if (!wait.isZero()) {
      Thread.sleep(wait.toMillis(), wait.toNanosPart() % 1_000_000);
    }
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
      queue.add(fault);
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
