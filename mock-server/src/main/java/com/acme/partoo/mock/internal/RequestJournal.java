package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.Journal;
import com.acme.partoo.mock.RecordedRequest;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The {@link Journal}: counts per endpoint and the last requests, under one lock. */
final class RequestJournal implements Journal {

  /** Enough to look back over any one test; bounded so a long-lived fake does not grow without end. */
  private static final int KEPT = 100;

  private final Deque<RecordedRequest> recent = new ArrayDeque<>();
  private final Map<Endpoint, Integer> counts = new EnumMap<>(Endpoint.class);
  private int total;

  @Override
  public synchronized int count(Endpoint endpoint) {
    return counts.getOrDefault(endpoint, 0);
  }

  @Override
  public synchronized int total() {
    return total;
  }

  @Override
  public synchronized List<RecordedRequest> requests() {
    return List.copyOf(recent);
  }

  @Override
  public synchronized Optional<RecordedRequest> last() {
    return Optional.ofNullable(recent.peekLast());
  }

  @Override
  public synchronized void clear() {
    recent.clear();
    counts.clear();
    total = 0;
  }

  synchronized void record(RecordedRequest request) {
    if (recent.size() == KEPT) {
      recent.removeFirst();
    }
    recent.addLast(request);
    counts.merge(request.endpoint(), 1, Integer::sum);
    total++;
  }

  /** Counts only: recorded requests hold credentials. */
  @Override
  public synchronized String toString() {
    return "RequestJournal[total=" + total + ", counts=" + counts + "]";
  }
}
