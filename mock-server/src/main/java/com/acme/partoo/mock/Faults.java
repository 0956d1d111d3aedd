package com.acme.partoo.mock;

import java.time.Duration;

/**
 * Makes the fake misbehave, for resilience tests. Scheduled faults form one queue: each incoming request (to any
 * path) takes the oldest one and gets that answer instead of the real one; when the queue is empty requests are
 * served normally. A delay applies to every request until cleared. Thread-safe; methods return {@code this}.
 */
public interface Faults {

  /**
   * The next {@code times} requests are answered 503 with an HTML body (as a proxy in front of Partoo would).
   *
   * @throws IllegalArgumentException if {@code times} is below 1
   */
  Faults serviceUnavailable(int times);

  /**
   * Like {@link #serviceUnavailable(int)}, with a {@code Retry-After} header in whole seconds (rounded up).
   *
   * @throws IllegalArgumentException if {@code times} is below 1 or {@code retryAfter} is negative
   */
  Faults serviceUnavailable(int times, Duration retryAfter);

  /**
   * The next {@code times} requests are answered 429 with an HTML body and no {@code Retry-After}.
   *
   * @throws IllegalArgumentException if {@code times} is below 1
   */
  Faults tooManyRequests(int times);

  /**
   * Like {@link #tooManyRequests(int)}, with a {@code Retry-After} header in whole seconds (rounded up).
   *
   * @throws IllegalArgumentException if {@code times} is below 1 or {@code retryAfter} is negative
   */
  Faults tooManyRequests(int times, Duration retryAfter);

  /**
   * The next {@code times} requests are answered {@code status} (500 to 599, typically 500, 502 or 504) with an
   * HTML body, as a gateway would.
   *
   * @throws IllegalArgumentException if {@code times} is below 1 or {@code status} is not a 5xx
   */
  Faults serverError(int times, int status);

  /**
   * The next {@code times} requests get no HTTP answer: the fake reads the whole request, then closes the connection
   * without writing a byte. Clients see an end of stream before any status line ("unexpected end of stream",
   * "header parser received no bytes"): the connection ends with a FIN, not a TCP reset.
   *
   * @throws IllegalArgumentException if {@code times} is below 1
   */
  Faults dropConnection(int times);

  /**
   * Waits {@code delay} before answering every request (faulty or not) until changed; {@link Duration#ZERO} turns
   * it off. Each connection is served by a thread of its own, so a waiting request holds back only the requests
   * behind it on its connection; closing the fake cuts it off.
   *
   * @throws IllegalArgumentException if {@code delay} is negative
   */
  Faults delay(Duration delay);

  /** How many scheduled faulty answers have not been used yet (the delay is not counted). */
  int pending();

  /** Forgets every scheduled fault and the delay. */
  void clear();
}
