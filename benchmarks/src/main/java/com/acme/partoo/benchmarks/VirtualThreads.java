package com.acme.partoo.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * {@code facadeSync} against {@code rawOkHttp} with a thousand virtual threads sharing each client, as a service on
 * Java 21+ serves page views: paired like {@link Interleaved} (bursts of each client alternate, the order reversed
 * every round; the median of per-round throughput ratios, with its interquartile range), then, for each client, the
 * heap and the platform threads that a thousand calls in flight hold.
 *
 * <p>Both clients are {@link Clients}' (the facade's transport settings). The facade lets {@code maxConcurrentCalls}
 * (64) requests out at once and queues the rest, oldest first. Raw OkHttp runs as many blocking calls at once as it is
 * given: a thousand threads open a thousand connections at once, and on this machine some time out connecting (the
 * loopback server's accept backlog, 128, overflows), which ends the run. So {@code rawOkHttp} goes through a fair
 * {@link Semaphore} of 64, the facade's limit and order; {@code rawOkHttpBarging} through a plain one
 * ({@code new Semaphore(64)}), where a thread that releases a permit may take it again before the oldest waiter wakes.
 *
 * <p>{@code VirtualThreads --rounds N --threads N --calls N --out FILE} ({@code calls}: per thread and burst). On a JVM
 * older than 21 it writes {@code {"skipped": "..."}} and says so: virtual threads do not exist there.
 */
public final class VirtualThreads {

  private static final int WARMUP_BURSTS = 20;
  // The facade's default maxConcurrentCalls.
  private static final int MAX_CONCURRENT_CALLS = 64;
  // Long enough for every thread of a burst to be in a call when the heap is measured.
  private static final long IN_FLIGHT_SETTLE_MILLIS = 500;

  private VirtualThreads() {}

  /** See the class comment. */
  public static void main(String[] args) throws Exception {
    Map<String, String> options = Interleaved.options(args);
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "40"));
    int threads = Integer.parseInt(options.getOrDefault("--threads", "1000"));
    int calls = Integer.parseInt(options.getOrDefault("--calls", "5"));
    Path out = Path.of(options.getOrDefault("--out", "target/virtual-threads.json"));
    ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Files.createDirectories(out.toAbsolutePath().getParent());
    if (Runtime.version().feature() < 21) {
      String why = "needs Java 21+ for virtual threads; this is " + Runtime.version();
      System.out.println("virtual threads: skipped, " + why);
      json.writeValue(out.toFile(), json.createObjectNode().put("skipped", why));
      return;
    }

    Clients clients = new Clients();
    clients.setUp();
    Map<String, Callable<?>> benchmarks = new LinkedHashMap<>();
    benchmarks.put("rawOkHttp", bounded(new Semaphore(MAX_CONCURRENT_CALLS, true), clients::rawOkHttp));
    benchmarks.put("rawOkHttpBarging", bounded(new Semaphore(MAX_CONCURRENT_CALLS), clients::rawOkHttp));
    benchmarks.put("facadeSync", clients::facadeSync);
    Map<String, double[]> micros = new LinkedHashMap<>();
    ObjectNode result = json.createObjectNode().put("rounds", rounds).put("threads", threads)
        .put("callsPerThread", calls).put("java", Runtime.version().toString());
    try {
      for (Map.Entry<String, Callable<?>> benchmark : benchmarks.entrySet()) {
        for (int i = 0; i < WARMUP_BURSTS; i++) {
          burst(threads, calls, benchmark.getValue());
        }
        micros.put(benchmark.getKey(), new double[rounds]);
      }
      List<Map.Entry<String, Callable<?>>> order = new ArrayList<>(benchmarks.entrySet());
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, Callable<?>> benchmark : order) {
          micros.get(benchmark.getKey())[round] = burst(threads, calls, benchmark.getValue()) / 1e3 / (threads * calls);
        }
        Collections.reverse(order);
      }
      for (Map.Entry<String, Callable<?>> benchmark : benchmarks.entrySet()) {
        InFlight held = inFlight(threads, benchmark.getValue());
        double[] raw = micros.get("rawOkHttp");
        double[] own = micros.get(benchmark.getKey());
        double[] throughputRatios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
          throughputRatios[round] = raw[round] / own[round];
        }
        double[] q = Interleaved.quartiles(throughputRatios);
        double callsPerSecond = 1e6 / Interleaved.quartiles(own)[1];
        result.putObject(benchmark.getKey())
            .put("callsPerSecondMedian", callsPerSecond)
            .put("throughputRatioToRawMedian", q[1])
            .put("throughputRatioToRawQ1", q[0])
            .put("throughputRatioToRawQ3", q[2])
            .put("heapBytesPerThousandInFlight", held.heapBytes * 1000L / threads)
            .put("platformThreadsPerThousandInFlight", held.platformThreads * 1000L / threads);
        System.out.printf("virtual threads (%d): %-16s %8.0f calls/s, throughput %5.3f × rawOkHttp (IQR %5.3f–%5.3f),"
                + " %5.1f MiB heap and %d platform threads per 1,000 calls in flight%n", threads, benchmark.getKey(),
            callsPerSecond, q[1], q[0], q[2], held.heapBytes * 1000.0 / threads / (1 << 20),
            held.platformThreads * 1000L / threads);
      }
    } finally {
      clients.tearDown();
    }
    json.writeValue(out.toFile(), result);
  }

  /** The Markdown section of {@link Summary} for a result file of this class; empty without one. */
  static String summary(@Nullable JsonNode result) {
    if (result == null) {
      return "";
    }
    StringBuilder out = new StringBuilder("## Virtual threads (VirtualThreads)\n\n");
    if (result.has("skipped")) {
      return out.append("Skipped: ").append(result.path("skipped").asText()).append(".\n").toString();
    }
    out.append(String.format(Locale.ROOT, "%d virtual threads share each client, %d calls each per burst; %d rounds,"
        + " alternating in one JVM (Java %s); medians over rounds (IQR of the per-round ratio in brackets). Heap: live"
        + " heap after a GC with every thread in a call, less an idle client's.%n%n", result.path("threads").asInt(),
        result.path("callsPerThread").asInt(), result.path("rounds").asInt(), result.path("java").asText()));
    out.append("| benchmark | calls/s | throughput ratio to rawOkHttp | target | heap per 1,000 in flight (MiB) |"
        + " platform threads per 1,000 in flight |\n|---|---:|---:|---|---:|---:|\n");
    for (String benchmark : new String[] {"rawOkHttp", "rawOkHttpBarging", "facadeSync"}) {
      JsonNode node = result.path(benchmark);
      if (node.isMissingNode()) {
        continue;
      }
      double ratio = node.path("throughputRatioToRawMedian").asDouble();
      String target = !benchmark.equals("facadeSync") ? "" : ratio >= 0.95 ? "≥ 0.95: met" : "≥ 0.95: **missed**";
      out.append(String.format(Locale.ROOT, "| %s | %.0f | %.3f (%.3f–%.3f) | %s | %.1f | %d |%n", benchmark,
          node.path("callsPerSecondMedian").asDouble(), ratio, node.path("throughputRatioToRawQ1").asDouble(),
          node.path("throughputRatioToRawQ3").asDouble(), target,
          node.path("heapBytesPerThousandInFlight").asDouble() / (1 << 20),
          node.path("platformThreadsPerThousandInFlight").asLong()));
    }
    return out.append("\n`rawOkHttp` goes through a fair `Semaphore` of 64, the facade's limit and order (unbounded,"
        + " a thousand threads open a thousand connections at once and some time out connecting);"
        + " `rawOkHttpBarging` through `new Semaphore(64)`, which lets a releasing thread pass the oldest waiter.\n\n")
        .toString();
  }

  /** {@code call}, holding one of {@code permits} while it runs. */
  private static Callable<Object> bounded(Semaphore permits, Callable<?> call) {
    return () -> {
      permits.acquire();
      try {
        return call.call();
      } finally {
        permits.release();
      }
    };
  }

  /** Nanoseconds of wall time for {@code calls} calls on each of {@code threads} new virtual threads. */
  private static long burst(int threads, int calls, Callable<?> call) throws Exception {
    List<Future<Integer>> done = new ArrayList<>(threads);
    long start = System.nanoTime();
    ExecutorService executor = newVirtualThreadPerTaskExecutor();
    try {
      for (int i = 0; i < threads; i++) {
        done.add(executor.submit(() -> Interleaved.calls(call, calls)));
      }
      int nulls = 0;
      for (Future<Integer> each : done) {
        nulls += each.get();
      }
      return System.nanoTime() - start + nulls;
    } finally {
      executor.shutdown();
    }
  }

  /** What {@code threads} calls in flight hold beyond an idle client: live heap after a GC, platform threads. */
  private record InFlight(long heapBytes, long platformThreads) {}

  private static InFlight inFlight(int threads, Callable<?> call) throws Exception {
    long idleHeap = liveHeapAfterGc();
    long idleThreads = clientPlatformThreads();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch running = new CountDownLatch(threads);
    ExecutorService executor = newVirtualThreadPerTaskExecutor();
    try {
      for (int i = 0; i < threads; i++) {
        executor.submit(() -> {
          running.countDown();
          while (!stop.get()) {
            call.call();
          }
          return null;
        });
      }
      running.await();
      TimeUnit.MILLISECONDS.sleep(IN_FLIGHT_SETTLE_MILLIS);
      long heap = liveHeapAfterGc() - idleHeap; // what the calls in flight hold, garbage aside
      long platformThreads = clientPlatformThreads() - idleThreads;
      return new InFlight(Math.max(0, heap), Math.max(0, platformThreads));
    } finally {
      stop.set(true);
      executor.shutdown();
      executor.awaitTermination(1, TimeUnit.MINUTES);
    }
  }

  /**
   * The heap still in use right after a full collection: what each heap pool held when the collection ended, so that
   * what the running threads allocate afterwards does not count.
   */
  private static long liveHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryPoolMXBeans().stream()
        .filter(pool -> pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null)
        .mapToLong(pool -> pool.getCollectionUsage().getUsed())
        .sum();
  }

  /** Platform threads of this JVM other than the loopback server's (one per connection: not the client's). */
  private static long clientPlatformThreads() {
    return Arrays.stream(ManagementFactory.getThreadMXBean().dumpAllThreads(false, false))
        .filter(thread -> !thread.getThreadName().startsWith("canned-token-server-"))
        .count();
  }

  /** {@code Executors.newVirtualThreadPerTaskExecutor()}, found at run time: this module compiles for Java 17. */
  private static ExecutorService newVirtualThreadPerTaskExecutor() throws ReflectiveOperationException {
    return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
  }
}
