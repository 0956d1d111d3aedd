package com.acme.partoo.benchmarks;

import com.acme.partoo.tokens.ClientClosedException;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooConnectionException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.OkHttpClient;

/**
 * How promptly calls end when they must: how late past its deadline each of many queued async calls ends while Partoo
 * never answers, and how long after {@link PartooClient#close()} the calls in flight end. The figures behind the bounds
 * in {@code DeadlineTest} and {@code CloseTest} (docs/performance.md, "Deadlines"); those tests assert generous bounds
 * because CI machines are loaded, this measures what the code does.
 *
 * <p>Each round builds a new client against a loopback server that accepts connections, reads the requests and never
 * answers (so outage protection, which would open after the first round's timeouts, starts closed each time).
 *
 * <p>Usage: {@code Promptness [--rounds N] [--calls N] [--deadline-ms N]}; prints one line per scenario: the median
 * over rounds of each round's slowest call, and the slowest of all, in milliseconds past the deadline (or past
 * {@code close()}), then every round's figure in the order they ran.
 */
public final class Promptness {

  private static final String API_KEY = "bench-api-key-6f1c0e9b2d7a4c58";
  private static final String USER_ID = "bench-user-42";

  private Promptness() {}

  /** Runs the three scenarios and prints their figures. */
  public static void main(String[] args) throws Exception {
    int rounds = intOption(args, "--rounds", 10);
    int calls = intOption(args, "--calls", 300);
    Duration deadline = Duration.ofMillis(intOption(args, "--deadline-ms", 1000));
    try (StalledServer server = new StalledServer()) {
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
        closed[round] = latestAfterClose(server, 20, 20);
      }
      print(calls + " async calls, own dispatcher: slowest past its " + deadline.toMillis() + " ms deadline", own);
      print(calls + " async calls, shared OkHttpClient (5 per host): slowest past its deadline", shared);
      print("close() with 20 blocking + 20 async calls in flight: last ended after close()", closed);
    }
  }

  /** Starts {@code calls} async calls at once; returns how late, past its deadline, the slowest one ended (ns). */
  private static long latestPastDeadline(StalledServer server, Duration deadline, int calls, OkHttpClient shared) {
    PartooClient.Builder builder = PartooClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl()).deadline(deadline);
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
  private static long latestAfterClose(StalledServer server, int blockingCalls, int asyncCalls) throws Exception {
    int before = server.requests();
    PartooClient client = PartooClient.builder().apiKey(API_KEY).baseUrl(server.baseUrl())
        .deadline(Duration.ofSeconds(30)).build();
    ConnectionTokens tokens = client.connectionTokens();
    ExecutorService callers = Executors.newFixedThreadPool(blockingCalls);
    try {
      List<CompletableFuture<Long>> ended = new CopyOnWriteArrayList<>();
      List<Future<ConnectionToken>> blocking = new ArrayList<>();
      for (int i = 0; i < blockingCalls; i++) {
        CompletableFuture<Long> end = new CompletableFuture<>();
        ended.add(end);
        blocking.add(callers.submit(() -> {
          try {
            return tokens.generate(USER_ID);
          } catch (ClientClosedException e) {
            end.complete(System.nanoTime());
            throw e;
          } catch (RuntimeException | Error e) {
            end.completeExceptionally(e);
            throw e;
          }
        }));
      }
      for (int i = 0; i < asyncCalls; i++) {
        ended.add(tokens.generateAsync(USER_ID)
            .handle((token, error) -> expect(error, ClientClosedException.class, System.nanoTime())));
      }
      long waitUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (server.requests() - before < blockingCalls + asyncCalls) {
        if (System.nanoTime() > waitUntil) {
          throw new IllegalStateException("the server saw " + (server.requests() - before) + " requests");
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

  /** {@code value}, if the call failed as the scenario means it to; otherwise the figure would measure something else. */
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

  private static int intOption(String[] args, String name, int otherwise) {
    for (int i = 0; i + 1 < args.length; i++) {
      if (args[i].equals(name)) {
        return Integer.parseInt(args[i + 1]);
      }
    }
    return otherwise;
  }

  /** Accepts connections on loopback and reads whatever they send, never answering. */
  private static final class StalledServer implements AutoCloseable {
    private final ServerSocket socket;
    private final List<Socket> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();

    StalledServer() throws IOException {
      socket = new ServerSocket();
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
      Thread acceptor = new Thread(this::accept, "stalled-server");
      acceptor.setDaemon(true);
      acceptor.start();
    }

    String baseUrl() {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v2";
    }

    /** Request heads seen so far (counted by their end, a blank line). */
    int requests() {
      return requests.get();
    }

    private void accept() {
      while (!socket.isClosed()) {
        try {
          Socket connection = socket.accept();
          accepted.add(connection);
          Thread reader = new Thread(() -> read(connection), "stalled-connection");
          reader.setDaemon(true);
          reader.start();
        } catch (IOException e) {
          return;
        }
      }
    }

    private void read(Socket connection) {
      byte[] buffer = new byte[8192];
      int state = 0; // how much of "\r\n\r\n" was just seen
      try (InputStream in = connection.getInputStream()) {
        for (int n; (n = in.read(buffer)) > 0; ) {
          for (int i = 0; i < n; i++) {
            byte b = buffer[i];
            state = (b == '\r') ? (state == 2 ? 3 : 1) : (b == '\n' && (state == 1 || state == 3)) ? state + 1 : 0;
            if (state == 4) {
              requests.incrementAndGet();
              state = 0;
            }
          }
        }
      } catch (IOException e) {
        // the client hung up: nothing to do
      }
    }

    @Override
    public void close() {
      try {
        socket.close();
        for (Socket connection : accepted) {
          connection.close();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
