package com.acme.partoo.tokens;

/**
 * A monotonic time source in nanoseconds, like {@link System#nanoTime()}: the client measures deadlines, backoff and
 * waits with it, never with the wall clock (which jumps). Only differences between two readings mean anything. The
 * default is {@link #system()}; tests inject one they advance by hand.
 */
@FunctionalInterface
public interface Ticker {

  /** The current reading, in nanoseconds since an arbitrary origin. */
  long read();

  /** {@link System#nanoTime()}. */
  static Ticker system() {
    return System::nanoTime;
  }
}
