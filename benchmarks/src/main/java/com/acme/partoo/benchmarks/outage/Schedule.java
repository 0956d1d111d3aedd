package com.acme.partoo.benchmarks.outage;

/**
 * When each phase of a run starts, on {@link System#nanoTime()}: healthy from {@code start}, the outage from
 * {@link #outageStart()} to {@link #outageEnd()}, healthy again after it (the recovery phase lasts until the fleet
 * stops). The server and the analysis both read phases from it, so they agree on every boundary.
 */
record Schedule(long start, long healthyNanos, long outageNanos) {

  /** A run's phases, in order. */
  enum Phase {
    HEALTHY,
    OUTAGE,
    RECOVERY
  }

  /** A schedule whose healthy phase starts now. */
  static Schedule startingNow(long healthyNanos, long outageNanos) {
    return new Schedule(System.nanoTime(), healthyNanos, outageNanos);
  }

  long outageStart() {
    return start + healthyNanos;
  }

  long outageEnd() {
    return outageStart() + outageNanos;
  }

  /** The phase at {@code nanos} (a {@link System#nanoTime()} reading). */
  Phase phaseAt(long nanos) {
    if (nanos - outageStart() < 0) {
      return Phase.HEALTHY;
    }
    return nanos - outageEnd() < 0 ? Phase.OUTAGE : Phase.RECOVERY;
  }
}
