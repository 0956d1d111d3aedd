package com.acme.partoo.benchmarks.outage;

import java.util.Arrays;
import java.util.List;

/**
 * An append-only log of events, each a time, a value and a small code, written by one thread and read by any: the
 * writer publishes each event with one volatile write, so a reader sees a consistent prefix while the run goes on.
 * Cheap enough to record every page view and every request of a run (a few hundred thousand events).
 */
final class EventLog {

  private volatile long[] times = new long[1024];
  private volatile long[] values = new long[1024];
  private volatile int[] codes = new int[1024];
  private volatile int size;

  /** Appends an event; only ever from the one thread that owns this log. */
  void add(long time, long value, int code) {
    int n = size;
    if (n == times.length) {
      times = Arrays.copyOf(times, n * 2);
      values = Arrays.copyOf(values, n * 2);
      codes = Arrays.copyOf(codes, n * 2);
    }
    times[n] = time;
    values[n] = value;
    codes[n] = code;
    size = n + 1; // publishes the event
  }

  /** The events logged so far, copied. */
  Events snapshot() {
    int n = size;
    return new Events(Arrays.copyOf(times, n), Arrays.copyOf(values, n), Arrays.copyOf(codes, n));
  }

  /** Events as parallel arrays, in the order they were logged. */
  record Events(long[] times, long[] values, int[] codes) {

    int size() {
      return times.length;
    }

    /** The events at or after {@code time}, of events logged in time order. */
    Events since(long time) {
      int first = 0;
      while (first < size() && times[first] - time < 0) {
        first++;
      }
      return new Events(Arrays.copyOfRange(times, first, size()), Arrays.copyOfRange(values, first, size()),
          Arrays.copyOfRange(codes, first, size()));
    }

    /** All events of {@code parts}, sorted by time. */
    static Events sorted(List<Events> parts) {
      int n = parts.stream().mapToInt(Events::size).sum();
      long[] t = new long[n];
      long[] v = new long[n];
      int[] c = new int[n];
      int at = 0;
      for (Events part : parts) {
        System.arraycopy(part.times, 0, t, at, part.size());
        System.arraycopy(part.values, 0, v, at, part.size());
        System.arraycopy(part.codes, 0, c, at, part.size());
        at += part.size();
      }
      Integer[] order = new Integer[n];
      Arrays.setAll(order, i -> i);
      Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b]));
      Events sorted = new Events(new long[n], new long[n], new int[n]);
      for (int i = 0; i < n; i++) {
        sorted.times[i] = t[order[i]];
        sorted.values[i] = v[order[i]];
        sorted.codes[i] = c[order[i]];
      }
      return sorted;
    }
  }
}
