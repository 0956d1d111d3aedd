package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The client's limit on requests in flight: free slots at once, then turns in order, given-up turns skipped. */
class WireSlotsTest {

  @Test
  void aFreeSlotIsTakenAtOnce() {
    WireSlots slots = new WireSlots(2);

    CompletableFuture<Void> first = slots.take();
    CompletableFuture<Void> second = slots.take();

    assertThat(first).isDone();
    assertThat(second).isDone();
    assertThat(slots.free()).isZero();
  }

  @Test
  void beyondTheLimitRequestsWaitAndAReleaseHandsTheSlotToTheOldest() {
    WireSlots slots = new WireSlots(1);
    slots.take();

    CompletableFuture<Void> older = slots.take();
    CompletableFuture<Void> younger = slots.take();
    slots.release();

    assertThat(older).isCompletedWithValue(null);
    assertThat(younger).isNotDone();
    assertThat(slots.free()).as("handed over, not freed").isZero();
  }

  @Test
  void aTurnGivenUpIsSkippedAndTheSlotGoesToTheNext() {
    WireSlots slots = new WireSlots(1);
    slots.take();
    CompletableFuture<Void> gaveUp = slots.take();
    CompletableFuture<Void> next = slots.take();

    boolean canceled = gaveUp.cancel(false);
    slots.release();

    assertThat(canceled).isTrue();
    assertThat(next).isCompletedWithValue(null);
    assertThat(slots.waiting()).isZero();
  }

  @Test
  void aSlotNobodyWaitsForIsFreedAndTakenAtOnceNext() {
    WireSlots slots = new WireSlots(1);
    slots.take();
    slots.take().cancel(false);

    slots.release();

    assertThat(slots.free()).isOne();
    assertThat(slots.take()).isDone();
  }

  @Test
  void aTurnHandedOverCannotBeGivenUpSoItsHolderMustReleaseIt() {
    WireSlots slots = new WireSlots(1);
    slots.take();
    CompletableFuture<Void> turn = slots.take();
    slots.release();

    boolean canceled = turn.cancel(false);

    assertThat(canceled).as("the slot is the holder's").isFalse();
    assertThat(slots.free()).isZero();
  }

  @Test
  void aRequestNeverJumpsTheQueue() {
    WireSlots slots = new WireSlots(1);
    slots.take();
    CompletableFuture<Void> waiting = slots.take();
    slots.release(); // to the waiting turn

    CompletableFuture<Void> late = slots.take();

    assertThat(waiting).isDone();
    assertThat(late).isNotDone();
  }

  @Test
  void fewerThanOneSlotIsRefused() {
    assertThatIllegalArgumentException().isThrownBy(() -> new WireSlots(0)).withMessageContaining("at least 1");
  }
}
