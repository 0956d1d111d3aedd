package com.acme.partoo.mock.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Closing the fake does not wait for a request a delay holds: MockWebServer waits only 5 s for its threads. */
class DispatcherTest {

  private final Directory directory = new Directory(List.of(), List.of());
  private final AtomicLong order = new AtomicLong();
  private final FaultSchedule faults = new FaultSchedule(order);
  private final RequestJournal journal = new RequestJournal();
  private final Dispatcher dispatcher = new Dispatcher(directory,
      new TokenStore(Clock.systemUTC(), () -> "t", Duration.ofHours(1)), ZoneOffset.UTC, faults, journal,
      new TestScopes(directory, faults, journal, order));

  private static Request get(String path) {
    return new Request("GET", path, "", Map.of(), new byte[0]);
  }

  @Test
  void closeReleasesARequestHeldByADelayUnansweredAndUnrecorded() throws Exception {
    faults.delay(Duration.ofHours(1));
    CompletableFuture<Optional<Answer>> held = CompletableFuture.supplyAsync(() -> {
      try {
        return dispatcher.answer(get("/v2/nowhere"));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });

    dispatcher.close();

    assertThat(held.get(10, TimeUnit.SECONDS)).isEmpty(); // an hour, had close() not released it
    assertThat(journal.total()).isZero();
    assertThat(dispatcher.answer(get("/v2/nowhere"))).as("held none after close").isEmpty();
  }

  @Test
  void withoutADelayARequestIsAnsweredAtOnce() throws Exception {
    assertThat(dispatcher.answer(get("/v2/nowhere"))).hasValueSatisfying(answer ->
        assertThat(answer.status()).isEqualTo(404));
  }
}
