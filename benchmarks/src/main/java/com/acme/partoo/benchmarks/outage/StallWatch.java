package com.acme.partoo.benchmarks.outage;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How much of a run's time the JVM itself lost: a thread that asks to sleep 10 ms again and again and keeps the
 * longest overshoot (a GC pause, or the machine not giving the JVM a CPU, stalls every thread alike), and the garbage
 * collectors' own count and time. A page view late by as much as the longest stall was late because of the machine.
 */
final class StallWatch implements AutoCloseable {

  private static final long TICK = TimeUnit.MILLISECONDS.toNanos(10);

  /** What one run lost: the longest stall, and the collections during it. */
  record Lost(double longestStallMillis, long collections, long collectionMillis) {}

  private final Thread thread;
  private final long collectionsBefore = collections();
  private final long collectionMillisBefore = collectionMillis();
  private volatile long longest;
  private volatile boolean stopped;

  StallWatch() {
    thread = new Thread(this::watch, "stall-watch");
    thread.setDaemon(true);
    thread.start();
  }

  /** What was lost since this watch started. */
  Lost lost() {
    return new Lost(Math.round(longest / 1e4) / 100.0, collections() - collectionsBefore,
        collectionMillis() - collectionMillisBefore);
  }

  @Override
  public void close() {
    stopped = true;
    LockSupport.unpark(thread);
  }

  private void watch() {
    while (!stopped) {
      long start = System.nanoTime();
      LockSupport.parkNanos(TICK);
      long late = System.nanoTime() - start - TICK;
      if (late > longest) {
        longest = late;
      }
    }
  }

  private static long collections() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionCount).filter(n -> n > 0).sum();
  }

  private static long collectionMillis() {
    return ManagementFactory.getGarbageCollectorMXBeans().stream()
        .mapToLong(GarbageCollectorMXBean::getCollectionTime).filter(n -> n > 0).sum();
  }
}
