package com.acme.partoo.it;

import static com.acme.partoo.it.support.Stubs.GENERATE_PATH;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.tokenIssued;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One client shared by many threads, as a page-rendering service uses it: every call succeeds, connections are reused
 * rather than opened per call, and {@link PartooClient#close()} leaves no thread of the client behind.
 */
class ConcurrencyIT {

  private static final int CALLS = 500;
  private static final int THREADS = 32;
  // The client sends at most this many requests at once (PartooClient.Builder.maxConcurrentCalls, default 64).
  private static final int MAX_CONCURRENT_CALLS = 64;
  private static final Duration THREADS_GONE_WITHIN = Duration.ofMinutes(1);

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  @Test
  void fiveHundredBlockingCallsFromThirtyTwoThreadsShareABoundedPoolOfConnections() throws Exception {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    PartooClient client = underLoad();

    List<ConnectionToken> tokens = fromThirtyTwoThreads(() -> client.connectionTokens().generate("42"));

    assertThat(tokens).hasSize(CALLS).allMatch(token -> token.token().equals(TestSecrets.TOKEN));
    assertThat(partoo.requestsTo(GENERATE_PATH)).as("one request per call, no retry needed").hasSize(CALLS);
    assertBoundedConnections(THREADS);
    client.close();
    assertNoOkHttpThreadOfTheClientLeft(before);
  }

  @Test
  void fiveHundredAsyncCallsFromThirtyTwoThreadsShareABoundedPoolOfConnections() throws Exception {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    PartooClient client = underLoad();

    List<CompletableFuture<ConnectionToken>> calls =
        fromThirtyTwoThreads(() -> client.connectionTokens().generateAsync("42"));

    assertThat(calls).hasSize(CALLS)
        .allMatch(call -> Failures.await(call).token().equals(TestSecrets.TOKEN));
    assertThat(partoo.requestsTo(GENERATE_PATH)).as("one request per call, no retry needed").hasSize(CALLS);
    assertBoundedConnections(MAX_CONCURRENT_CALLS);
    assertThat(okHttpThreadsStartedSince(before)).as("the async calls ran on the client's dispatcher").isNotEmpty();
    client.close();
    assertNoOkHttpThreadOfTheClientLeft(before);
  }

  /** Makes {@link #CALLS} calls from {@link #THREADS} threads; returns what they gave, in order. */
  private static <T> List<T> fromThirtyTwoThreads(Callable<T> call) throws Exception {
    ExecutorService callers = Executors.newFixedThreadPool(THREADS);
    try {
      List<Future<T>> submitted = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        submitted.add(callers.submit(call));
      }
      List<T> results = new ArrayList<>();
      for (Future<T> result : submitted) {
        results.add(result.get(2, TimeUnit.MINUTES));
      }
      return results;
    } finally {
      callers.shutdownNow();
    }
  }

  /**
   * A client whose timeouts leave room for a 2-core machine running server and client at full load: this class tests
   * that concurrent calls are correct, not how fast WireMock answers.
   */
  private static PartooClient underLoad() {
    return partoo.build(partoo.clientBuilder().readTimeout(Duration.ofSeconds(10)).deadline(Duration.ofSeconds(30)));
  }

  /**
   * A connection is opened only by a call that finds none idle, and each call in flight holds one at most, so a pool
   * that keeps as many idle connections as calls can be in flight never opens more than that, however the threads of
   * a loaded machine are scheduled, provided every connection goes back to the pool. (A pool keeping fewer, 16 before,
   * closed the surplus whenever more were idle for a moment, between one call giving its connection back and the next
   * taking it, and the calls after had to connect again: up to 120 connections for 500 calls on a busy 2-core machine,
   * and once the 125 this test then allowed.) Each of WireMock's answers is chunked, its terminal chunk written a
   * moment after the JSON: the client reads every 2xx body to its end, so that no connection is given up for it (it
   * once parsed the JSON and closed, OkHttp waited 100 ms for the rest, and on a machine loaded by other builds gave
   * the connection up: 65 connections for 64 calls in flight; {@code ConnectionReuseTest} pins it down).
   */
  private static void assertBoundedConnections(int callsInFlight) {
    assertThat(partoo.connections().opened()).as("connections opened for %s calls", CALLS)
        .isBetween(1, callsInFlight);
  }

  /**
   * Waits, within a bound, for every OkHttp thread started since {@code before} to end. Idle threads of OkHttp's
   * TaskRunner ("OkHttp TaskRunner") are left out: it is one pool shared by every OkHttpClient of the JVM (connection
   * pool clean-up, connects), not the client's, and by design keeps an idle thread for 60 s before it ends it.
   */
  private static void assertNoOkHttpThreadOfTheClientLeft(Set<Thread> before) {
    long deadline = System.nanoTime() + THREADS_GONE_WITHIN.toNanos();
    List<String> left = okHttpThreadsStartedSince(before);
    while (!left.isEmpty() && System.nanoTime() < deadline) {
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
      left = okHttpThreadsStartedSince(before);
    }
    assertThat(left).as("OkHttp threads still running %s after close()", THREADS_GONE_WITHIN).isEmpty();
  }

  private static List<String> okHttpThreadsStartedSince(Set<Thread> before) {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread) && thread.isAlive())
        .map(Thread::getName)
        .filter(name -> name.startsWith("OkHttp") && !name.equals("OkHttp TaskRunner"))
        .collect(Collectors.toList());
  }
}
