package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Many clients at once: every token is distinct and is consumed (or revoked) exactly once. */
class ConcurrencyTest {

  private static final int THREADS = 8;
  private static final int TOKENS = 100;

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final PartooHttp http = new PartooHttp(PARTOO);
  private final ExecutorService pool = Executors.newFixedThreadPool(THREADS);

  @AfterEach
  void stopPool() throws InterruptedException {
    pool.shutdownNow();
    assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
  }

  /** Runs every task at the same moment and waits for all of them. */
  private <T> List<T> runTogether(List<Callable<T>> tasks) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    List<Future<T>> futures = new ArrayList<>();
    for (Callable<T> task : tasks) {
      futures.add(pool.submit(() -> {
        start.await();
        return task.call();
      }));
    }
    start.countDown();
    List<T> results = new ArrayList<>();
    for (Future<T> future : futures) {
      results.add(future.get(30, TimeUnit.SECONDS));
    }
    return results;
  }

  @Test
  void tokensGeneratedConcurrentlyAreAllDistinct() throws Exception {
    List<Callable<String>> generations = Collections.nCopies(TOKENS, http::newToken);

    List<String> tokens = runTogether(generations);

    assertThat(tokens).doesNotHaveDuplicates().hasSize(TOKENS);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(TOKENS);
  }

  @Test
  void eachTokenLogsInExactlyOnceWhenEveryThreadTriesEveryToken() throws Exception {
    List<String> tokens = new ArrayList<>();
    for (int i = 0; i < TOKENS / 2; i++) {
      tokens.add(http.newToken());
    }
    Map<String, AtomicInteger> logins = new ConcurrentHashMap<>();
    List<Callable<Integer>> threads = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      List<String> shuffled = new ArrayList<>(tokens);
      Collections.shuffle(shuffled);
      threads.add(() -> {
        int refused = 0;
        for (String token : shuffled) {
          int status = http.login(token).statusCode();
          if (status == 200) {
            logins.computeIfAbsent(token, key -> new AtomicInteger()).incrementAndGet();
          } else {
            refused += status == 401 ? 1 : 1_000_000; // anything but 401 spoils the sum
          }
        }
        return refused;
      });
    }

    List<Integer> refusedPerThread = runTogether(threads);

    assertThat(logins).hasSize(tokens.size());
    assertThat(logins.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(refusedPerThread.stream().mapToInt(Integer::intValue).sum())
        .isEqualTo(tokens.size() * (THREADS - 1));
  }

  @Test
  void revokeAndLoginRacingForATokenNeverBothWin() throws Exception {
    List<Callable<Boolean>> racers = new ArrayList<>();
    for (int i = 0; i < TOKENS / 2; i++) {
      String token = http.newToken();
      racers.add(() -> http.login(token).statusCode() == 200);
      racers.add(() -> http.revoke(DefaultFixture.API_KEY, DefaultFixture.USER_ID, token).statusCode() == 200);
    }

    List<Boolean> won = runTogether(racers);

    for (int i = 0; i < won.size(); i += 2) {
      assertThat(won.get(i) ^ won.get(i + 1)).as("exactly one of login and revoke wins, pair %d", i / 2).isTrue();
    }
  }
}
