package com.acme.partoo.tokens.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooHealth;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What the breaker reports about itself when calls end on several threads at once. */
class BreakerTest {

  private final AtomicLong now = new AtomicLong();
  private final List<PartooHealth.State> heard = new CopyOnWriteArrayList<>();
  private final Breaker breaker = new Breaker(OutagePolicy.defaults(), now::get,
      Clock.fixed(Instant.EPOCH, ZoneOffset.UTC), () -> 0.5, (previous, current) -> heard.add(current.state()));

  /**
   * Found by the fleet simulation (docs/performance.md): a client's health said CLOSED for two seconds of a 429 storm
   * while it refused every call. A failure that does not open the breaker republishes the health it read before
   * taking the breaker's lock; when the failure that opens it comes in between, that stale CLOSED overwrites OPEN.
   * The test holds the lock {@code update} takes, to put the two threads in that order.
   */
  @Test
  void aFailureEndingWhileAnotherOpensTheBreakerLeavesItsHealthOpen() throws InterruptedException {
    for (int i = 0; i < 5; i++) {
      assertThat(breaker.tryAcquire()).isTrue();
    }
    for (int i = 0; i < 3; i++) {
      breaker.failed(1_000, FailureKind.SERVER);
    }
    Thread fourth = new Thread(() -> breaker.failed(1_000, FailureKind.SERVER), "fourth-failure");

    synchronized (breaker) {
      fourth.start();
      awaitBlockedOrDone(fourth); // it has read the health (CLOSED) and waits for the lock
      breaker.failed(1_000, FailureKind.SERVER); // the fifth failure in five calls: it opens
    }
    fourth.join();

    assertThat(breaker.isOpen()).isTrue();
    assertThat(breaker.health().state()).as("health() while refusing calls").isEqualTo(PartooHealth.State.OPEN);
    assertThat(heard).as("what listeners heard last").last().isEqualTo(PartooHealth.State.OPEN);
  }

  private static void awaitBlockedOrDone(Thread thread) {
    long until = System.nanoTime() + TimeUnit.MINUTES.toNanos(2); // a hang guard: it blocks at once
    while (thread.getState() != Thread.State.BLOCKED && thread.getState() != Thread.State.TERMINATED
        && System.nanoTime() - until < 0) {
      Thread.yield();
    }
  }
}
