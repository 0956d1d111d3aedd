package com.acme.partoo.benchmarks.outage;

import com.acme.partoo.benchmarks.Interleaved;
import com.acme.partoo.tokens.ClientClosedException;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooConnectionException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import okhttp3.OkHttpClient;

/**
 * How promptly calls end when they must: how late past its deadline each of many queued async calls ends while Partoo
 * hangs, and how long after {@link PartooClient#close()} the calls in flight end. The figures behind the bounds in
 * {@code DeadlineTest} and {@code CloseTest} (docs/performance.md, "Deadlines"): those tests assert the bounds,
 * this measures how far inside them the code is.
 *
 * <p>Partoo is the simulation's {@link OutageServer} in a {@link OutageKind#HANG} outage for the whole run: it reads
 * every request and never answers. Each round builds new clients (so outage protection, which opens after a round's
 * timeouts, starts closed each time), with the outage protection off: what is measured is how each call ends at its
 * deadline or at {@code close()}. With it on, the first calls' timeouts open the breaker, and a call made after that
 * (on a slow or busy machine, making 300 calls takes longer than a deadline) is refused at once, unsent: a figure of
 * the breaker, not of the deadline.
 *
 * <p>Usage: {@code Promptness [--rounds N] [--calls N] [--deadline-ms N]}; prints one line per scenario: the median
 * over rounds of each round's slowest call, and the slowest of all, in milliseconds past the deadline (or past
 * {@code close()}), then every round's figure in the order they ran.
 */
public final class Promptness {

  private static final String API_KEY = "bench-api-key-6f1c0e9b2d7a4c58";
  private static final String USER_ID = "bench-user-42";
  private static final int BLOCKING_CALLS = 20;
  private static final int ASYNC_CALLS = 20;

  private Promptness() {}

  /** Runs the three scenarios and prints their figures. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = Interleaved.options(args);
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "10"));
    int calls = Integer.parseInt(options.getOrDefault("--calls", "300"));
    Duration deadline = Duration.ofMillis(Long.parseLong(options.getOrDefault("--deadline-ms", "1000")));
    try (OutageServer server = OutageServer.start(1, OutageKind.HANG, 0, TimeUnit.MILLISECONDS, 1)) {
      server.begin(Schedule.startingNow(0, TimeUnit.DAYS.toNanos(1)));
      long[] own = new long[rounds];
      long[] shared = new long[rounds];
      long[] closed = new long[rounds];
      for (int round = 0; round < rounds; round++) {
        own[round] = latestPastDeadline(server, deadline, calls, null);
        OkHttpClient fivePerHost = new OkHttpClient();
        try {
          shared[round] = latestPastDeadline(server, deadline, calls, fivePerHost);
        } finally {
          fivePerHost.dispatcher().executorService().shutdownNow();
          fivePerHost.connectionPool().evictAll();
        }
        closed[round] = latestAfterClose(server);
      }
      print(calls + " async calls, own dispatcher: slowest past its " + deadline.toMillis() + " ms deadline", own);
      print(calls + " async calls, shared OkHttpClient (5 per host): slowest past its deadline", shared);
      print("close() with " + BLOCKING_CALLS + " blocking + " + ASYNC_CALLS
          + " async calls in flight: last ended after close()", closed);
    }
  }

  /** Starts {@code calls} async calls at once; returns how late, past its deadline, the slowest one ended (ns). */
  private static long latestPastDeadline(OutageServer server, Duration deadline, int calls, OkHttpClient shared) {
    PartooClient.Builder builder = client(server).deadline(deadline);
    if (shared != null) {
      builder.okHttpClient(shared);
    }
    try (PartooClient client = builder.build()) {
      ConnectionTokens tokens = client.connectionTokens();
      List<CompletableFuture<Long>> lateness = new ArrayList<>(calls);
      for (int i = 0; i < calls; i++) {
        long start = System.nanoTime();
        lateness.add(tokens.generateAsync(USER_ID).handle((token, error) -> {
          long late = System.nanoTime() - start - deadline.toNanos();
          return expect(error, PartooConnectionException.class, late);
        }));
      }
      return lateness.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
    }
  }

  /** Puts calls in flight, closes the client once the server has them all; returns when the last one ended (ns). */
  private static long latestAfterClose(OutageServer server) throws InterruptedException {
    int before = server.requests().size();
    PartooClient client = client(server).deadline(Duration.ofMinutes(10)).build();
    ConnectionTokens tokens = client.connectionTokens();
    ExecutorService callers = Executors.newFixedThreadPool(BLOCKING_CALLS);
    try {
      List<CompletableFuture<Long>> ended = new ArrayList<>();
      for (int i = 0; i < BLOCKING_CALLS; i++) {
        ended.add(CompletableFuture.supplyAsync(() -> tokens.generate(USER_ID), callers)
            .handle((token, error) -> expect(error, ClientClosedException.class, System.nanoTime())));
      }
      for (int i = 0; i < ASYNC_CALLS; i++) {
        ended.add(tokens.generateAsync(USER_ID)
            .handle((token, error) -> expect(error, ClientClosedException.class, System.nanoTime())));
      }
      // A bound against a hang only: the calls are in flight once the server has them all, however long that takes.
      long waitUntil = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
      while (server.requests().size() - before < BLOCKING_CALLS + ASYNC_CALLS) {
        if (System.nanoTime() - waitUntil > 0) {
          throw new IllegalStateException("the server saw " + (server.requests().size() - before) + " requests");
        }
        Thread.sleep(1);
      }
      long closedAt = System.nanoTime();
      client.close();
      long last = ended.stream().mapToLong(CompletableFuture::join).max().orElseThrow();
      return last - closedAt;
    } finally {
      callers.shutdownNow();
    }
  }

  /** A client of the hanging server, without outage protection (see the class comment). */
  private static PartooClient.Builder client(OutageServer server) {
    return PartooClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl(0)).outagePolicy(OutagePolicy.disabled());
  }

  /** {@code value}, if the call failed as the scenario means it to (else the figure would measure something else). */
  private static long expect(Throwable error, Class<? extends Throwable> expected, long value) {
    Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    if (!expected.isInstance(cause)) {
      throw new IllegalStateException("expected " + expected.getSimpleName() + ", the call ended with " + cause, cause);
    }
    return value;
  }

  private static void print(String what, long[] nanos) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    StringBuilder inOrder = new StringBuilder();
    for (long round : nanos) {
      inOrder.append(inOrder.length() == 0 ? "" : " ").append(String.format(Locale.ROOT, "%.1f", round / 1e6));
    }
    System.out.printf(Locale.ROOT, "%-90s median %7.1f ms, max %7.1f ms (%d rounds: %s)%n", what,
        sorted[sorted.length / 2] / 1e6, sorted[sorted.length - 1] / 1e6, sorted.length, inOrder);
  }
}
