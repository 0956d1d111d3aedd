package com.acme.partoo.tokens.internal;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many requests of one client may be on the wire at once ({@code maxConcurrentCalls}), blocking and asynchronous
 * alike: a request takes a slot before it is sent and gives it back when its attempt ends; requests beyond the limit
 * wait their turn, oldest first, in a queue without a bound (they leave it at their deadline). One limit, so that a
 * client never holds more connections than its pool keeps, however many threads call it.
 *
 * <p>The limit can be {@linkplain #narrow() narrowed} to one request while a connection is being set up to a server
 * that may carry every request on it (HTTP/2; see {@link ConnectionSharing}), and {@linkplain #widen() widened} back
 * once it is up: the requests waiting then share it instead of each opening a connection of their own.
 *
 * <p>A lock, not {@code synchronized}: a virtual thread that waits for it never pins its carrier on JDK 21 to 23.
 * Turns are completed outside the lock, so what runs on a turn (the next attempt) never runs under it.
 */
final class WireSlots {

  /** The turn of a request that found a slot free: done at once, nothing allocated. */
  private static final CompletableFuture<Void> FREE = CompletableFuture.completedFuture(null);

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  private final int slots;
  // Invariant: inUse < limit only while nobody waits, so a request that finds a slot never jumps the queue.
  private int limit;
  private int inUse;
  // Read without the lock by widen(), which most connections acquired find already wide.
  private volatile boolean narrowed;

  WireSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, was " + slots);
    }
    this.slots = slots;
    this.limit = slots;
  }

  /**
   * A turn for one request: already done when a slot is free, otherwise completed when one is handed over. To give up
   * waiting, cancel it: if {@code cancel} returns false the slot was handed over meanwhile, and must be released.
   */
  CompletableFuture<Void> take() {
    lock.lock();
    try {
      if (inUse < limit) {
        inUse++;
        return FREE;
      }
      CompletableFuture<Void> turn = new CompletableFuture<>();
      waiting.add(turn);
      return turn;
    } finally {
      lock.unlock();
    }
  }

  /** Gives a slot back: to the oldest turn still waiting, if the limit lets one go, or to the free ones. */
  void release() {
    while (true) {
      CompletableFuture<Void> next;
      lock.lock();
      try {
        inUse--;
        if (inUse >= limit || waiting.isEmpty()) {
          return;
        }
        next = waiting.poll();
        inUse++;
      } finally {
        lock.unlock();
      }
      if (next.complete(null)) {
        return;
      }
      // That turn was given up (canceled at its deadline, or the client closed): give its slot to the next one.
    }
  }

  /** From now on one request at a time, until {@link #widen()}; those on the wire already stay there. */
  void narrow() {
    lock.lock();
    try {
      limit = 1;
      narrowed = true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Back to the full limit, handing the slots it frees to the turns waiting, all in one go under the lock so that no
   * request taking a slot meanwhile jumps the queue. Cheap when not narrowed: one volatile read.
   */
  void widen() {
    if (!narrowed) {
      return;
    }
    List<CompletableFuture<Void>> turns = new ArrayList<>();
    lock.lock();
    try {
      limit = slots;
      narrowed = false;
      while (inUse < limit && !waiting.isEmpty()) {
        turns.add(waiting.poll());
        inUse++;
      }
    } finally {
      lock.unlock();
    }
    for (CompletableFuture<Void> turn : turns) {
      if (!turn.complete(null)) {
        release(); // given up meanwhile: its slot goes to the next one waiting
      }
    }
  }

  /** Slots free now; for tests and diagnostics. */
  int free() {
    lock.lock();
    try {
      return Math.max(0, limit - inUse);
    } finally {
      lock.unlock();
    }
  }

  /** Turns waiting now, given-up ones included until a release passes them; for tests and diagnostics. */
  int waiting() {
    lock.lock();
    try {
      return waiting.size();
    } finally {
      lock.unlock();
    }
  }
}
