package com.acme.partoo.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * Tests sharing one static fake while JUnit runs them in parallel each see their own requests and faults, and a test
 * that starts in the middle of the others wipes nothing of theirs. The samples run through the JUnit test kit.
 */
class ParallelTestsTest {

  private static final Map<String, String> PARALLEL = Map.of(
      "junit.jupiter.execution.parallel.enabled", "true",
      "junit.jupiter.execution.parallel.config.strategy", "fixed",
      "junit.jupiter.execution.parallel.config.fixed.parallelism", "4");

  private static void runAndExpectSuccesses(Class<?> sample, int tests, Map<String, String> configuration) {
    EngineTestKit.engine("junit-jupiter").configurationParameters(configuration).selectors(selectClass(sample))
        .execute().testEvents().assertStatistics(stats -> stats.started(tests).succeeded(tests));
  }

  private static void await(CountDownLatch latch) throws InterruptedException {
    assertThat(latch.await(20, TimeUnit.SECONDS)).as("the other tests of the sample ran alongside").isTrue();
  }

  @Test
  void parallelTestsEachSeeTheirOwnRequestsAndFaultsAndALateStarterClearsNothingOfTheirs() {
    runAndExpectSuccesses(ParallelSample.class, 3, PARALLEL);
  }

  @Test
  void aTestsKeyWorksWhileItRunsAndIsRefusedAfterwards() {
    runAndExpectSuccesses(KeyLifetimeSample.class, 2, Map.of());
  }

  @Test
  void fromAnotherThreadTheAccessorsAnswerForTheWholeFake() {
    runAndExpectSuccesses(OtherThreadSample.class, 1, Map.of());
  }

  @Test
  void faultsAndDelaysOfTheFakeItselfApplyToEveryTestsRequests() {
    runAndExpectSuccesses(FakeWideFaultSample.class, 1, Map.of());
  }

  /**
   * {@code first} and {@code second} send requests, then wait; only then does {@code late} start (its
   * {@code beforeEach} held back by the gate), send one request with the declared key, which belongs to all three,
   * and its own. Then each checks its journal and faults.
   */
  @Execution(ExecutionMode.CONCURRENT)
  static class ParallelSample {
    static final CountDownLatch EARLY_WORK_DONE = new CountDownLatch(2);
    static final CountDownLatch LATE_WORK_DONE = new CountDownLatch(1);

    @RegisterExtension
    @Order(1)
    static final BeforeEachCallback GATE = context -> {
      if (context.getRequiredTestMethod().getName().equals("late")) {
        await(EARLY_WORK_DONE);
      }
    };

    @RegisterExtension
    @Order(2)
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    /** One 503 from its own fault, then {@code tokens} tokens, then a login with the last one. */
    private static void work(int tokens) {
      PartooHttp http = new PartooHttp(PARTOO);
      PARTOO.faults().serviceUnavailable(1);
      String body = "{\"user_id\": \"" + PARTOO.userId() + "\"}";
      assertThat(http.generate(PARTOO.apiKey(), body).statusCode()).isEqualTo(503);
      String token = null;
      for (int i = 0; i < tokens; i++) {
        token = PartooHttp.json(http.generate(PARTOO.apiKey(), body)).get("token").asText();
      }
      assertThat(http.login(token).statusCode()).isEqualTo(200);
    }

    /** What {@link #work(int)} sent, and the one shared request, and nothing else. */
    private static void assertOwnJournal(int tokens) {
      Journal journal = PARTOO.journal();
      assertThat(journal.count(Endpoint.GENERATE_TOKEN)).isEqualTo(1 + tokens);
      assertThat(journal.count(Endpoint.LOGIN)).isEqualTo(1);
      assertThat(journal.count(Endpoint.UNKNOWN)).as("the shared request").isEqualTo(1);
      assertThat(journal.total()).isEqualTo(tokens + 3);
      assertThat(journal.requests()).filteredOn(request -> request.endpoint() == Endpoint.GENERATE_TOKEN)
          .allSatisfy(request -> assertThat(request.header("x-APIKey")).hasValue(PARTOO.apiKey()))
          .first().satisfies(request -> assertThat(request.status()).isEqualTo(503));
      assertThat(PARTOO.faults().pending()).isZero();
    }

    /** Works, lets the late test start, waits for it to have worked too, then checks. */
    private static void early(int tokens) throws InterruptedException {
      try {
        work(tokens);
      } finally {
        EARLY_WORK_DONE.countDown(); // also on failure: the others need not wait for it
      }
      await(LATE_WORK_DONE);
      assertOwnJournal(tokens);
    }

    @Test
    void first() throws InterruptedException {
      early(1);
    }

    @Test
    void second() throws InterruptedException {
      early(2);
    }

    @Test
    void late() {
      try {
        assertThat(new PartooHttp(PARTOO).get("/shared", DefaultFixture.API_KEY).statusCode()).isEqualTo(404);
        work(3);
      } finally {
        LATE_WORK_DONE.countDown();
      }
      assertOwnJournal(3);
      assertThat(PARTOO.fake().journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2 + 3 + 4);
    }
  }

  @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
  static class KeyLifetimeSample {
    static String firstKey;

    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    private static int generate(String key) {
      return new PartooHttp(PARTOO).generate(key, "{\"user_id\": \"" + PARTOO.userId() + "\"}").statusCode();
    }

    @Test
    @Order(1)
    void keyWorksAsTheDefaultKey() {
      firstKey = PARTOO.apiKey();
      assertThat(firstKey).isNotEqualTo(DefaultFixture.API_KEY);
      assertThat(generate(firstKey)).isEqualTo(200);
      assertThat(generate(DefaultFixture.API_KEY)).isEqualTo(200);
      assertThat(PartooHttp.json(new PartooHttp(PARTOO).check(firstKey, PARTOO.userId(), "\\xnone")).toString())
          .isEqualTo("{\"errors\":{\"json\":\"Resource not found\"}}");
    }

    @Test
    @Order(2)
    void anEndedTestsKeyIsRefused() {
      assertThat(generate(firstKey)).isEqualTo(401);
      assertThat(PARTOO.apiKey()).isNotEqualTo(firstKey);
      assertThat(generate(PARTOO.apiKey())).isEqualTo(200);
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
    }
  }

  static class OtherThreadSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    void accessorsOnAPoolThread() throws Exception {
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        assertThat(pool.submit(() -> PARTOO.journal()).get()).isSameAs(PARTOO.fake().journal())
            .isNotSameAs(PARTOO.journal());
        assertThat(pool.submit(() -> PARTOO.faults()).get()).isSameAs(PARTOO.fake().faults())
            .isNotSameAs(PARTOO.faults());
        assertThat(pool.submit(() -> PARTOO.apiKey()).get()).isEqualTo(DefaultFixture.API_KEY)
            .isNotEqualTo(PARTOO.apiKey());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  static class FakeWideFaultSample {
    @RegisterExtension
    static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

    @Test
    void aFaultOnTheFakeIsTakenByATestsRequestAndBothJournalsShowIt() {
      PARTOO.fake().faults().tooManyRequests(1);
      PARTOO.faults().serviceUnavailable(1);
      PartooHttp http = new PartooHttp(PARTOO);
      String body = "{\"user_id\": \"" + PARTOO.userId() + "\"}";

      assertThat(http.generate(PARTOO.apiKey(), body).statusCode()).as("the older fault first").isEqualTo(429);
      assertThat(http.generate(PARTOO.apiKey(), body).statusCode()).isEqualTo(503);
      assertThat(http.generate(PARTOO.apiKey(), body).statusCode()).isEqualTo(200);
      assertThat(PARTOO.journal().total()).isEqualTo(3);
      assertThat(PARTOO.fake().journal().total()).isEqualTo(3);
    }
  }
}
