package com.acme.partoo.tokens.internal;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Whether the client is open, and the calls in flight that {@link #close()} must stop. Thread-safe. */
final class ClientLifecycle {

  private final Set<CallLoop<?>> inFlight = ConcurrentHashMap.newKeySet();
  private volatile boolean closed;

  /** Tracks {@code loop} until {@link #unregister}; stops it at once if the client was closed meanwhile. */
  void register(CallLoop<?> loop) {
    inFlight.add(loop);
    if (closed) {
      loop.stop(CallLoop.End.CLOSED);
    }
  }

  void unregister(CallLoop<?> loop) {
    inFlight.remove(loop);
  }

  boolean isClosed() {
    return closed;
  }

  /** Marks the client closed and stops every call in flight: no retry, no request after this returns. */
  void close() {
    closed = true;
    for (CallLoop<?> loop : inFlight) {
      loop.stop(CallLoop.End.CLOSED);
    }
  }
}
