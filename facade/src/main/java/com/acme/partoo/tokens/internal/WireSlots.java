package com.acme.partoo.tokens.internal;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;

/**
 * How many requests of one client may be on the wire at once ({@code maxConcurrentCalls}), blocking and asynchronous
 * alike: a request takes a slot before it is sent and gives it back when its attempt ends; requests beyond the limit
 * wait their turn, oldest first, in a queue without a bound (they leave it at their deadline). One limit, so that a
 * client never holds more connections than its pool keeps, however many threads call it.
 *
 * <p>A lock, not {@code synchronized}: a virtual thread that waits for it never pins its carrier on JDK 21 to 23.
 * Turns are completed outside the lock, so what runs on a turn (the next attempt) never runs under it.
 */
final class WireSlots {

  /** The turn of a request that found a slot free: done at once, nothing allocated. */
  private static final CompletableFuture<Void> FREE = CompletableFuture.completedFuture(null);

  private final ReentrantLock lock = new ReentrantLock();
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  // Invariant: free > 0 only while nobody waits, so a request that finds a slot never jumps the queue.
  private int free;

  WireSlots(int slots) {
    if (slots < 1) {
      throw new IllegalArgumentException("slots must be at least 1, was " + slots);
    }
    this.free = slots;
  }

  /**
   * A turn for one request: already done when a slot is free, otherwise completed when one is handed over. To give up
   * waiting, cancel it: if {@code cancel} returns false the slot was handed over meanwhile, and must be released.
   */
  CompletableFuture<Void> take() {
    lock.lock();
    try {
      if (free > 0) {
        free--;
        return FREE;
      }
      CompletableFuture<Void> turn = new CompletableFuture<>();
      waiting.add(turn);
      return turn;
    } finally {
      lock.unlock();
    }
  }

  /** Gives a slot back: to the oldest turn still waiting, or to the free ones if none is. */
  void release() {
    while (true) {
      CompletableFuture<Void> next;
      lock.lock();
      try {
        next = waiting.poll();
        if (next == null) {
          free++;
          return;
        }
      } finally {
        lock.unlock();
      }
      if (next.complete(null)) {
        return;
      }
      // That turn was given up (canceled at its deadline, or the client closed): offer the slot to the next one.
    }
  }

  /** Slots free now; for tests and diagnostics. */
  int free() {
    lock.lock();
    try {
      return free;
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
