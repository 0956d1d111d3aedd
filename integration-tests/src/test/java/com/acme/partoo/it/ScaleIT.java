package com.acme.partoo.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.VirtualThreads;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooConnectionException;
import java.lang.reflect.Modifier;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import okhttp3.Call;
import okhttp3.ConnectionPool;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

/**
 * One client facing thousands of concurrent page views: 10,000 virtual threads, 10,000 async calls, and 10,000 calls
 * behind a Partoo that hangs, each ending at its deadline. Against the fake Partoo on loopback, on real time; these
 * tests pin down that every call completes as promised, not how fast (that is {@code benchmarks/}' job), so their
 * deadlines are generous: a burst of 10,000 calls through 64 slots takes seconds on a loaded 2-core machine.
 */
class ScaleIT {

  private static final int CALLS = 10_000;
  private static final int MAX_CONCURRENT_CALLS = 64; // the client's default
  private static final Duration GENEROUS = Duration.ofMinutes(2);
  private static final String USER = DefaultFixture.USER_ID;

  private static PartooClient.Builder clientFor(FakePartoo partoo) {
    return PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(partoo.baseUrl())
        .readTimeout(GENEROUS).deadline(GENEROUS);
  }

  @Test
  @EnabledForJreRange(min = JRE.JAVA_21, disabledReason = "virtual threads need Java 21 (the build's baseline is 17)")
  void tenThousandVirtualThreadsEachGetATokenThroughNoMoreConnectionsThanTheLimit() throws Exception {
    // A shared client only to count connections: the limit is the PartooClient's, whoever owns the pool.
    AtomicInteger connects = new AtomicInteger();
    OkHttpClient counting = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(MAX_CONCURRENT_CALLS, 30, TimeUnit.SECONDS))
        .eventListener(new EventListener() {
          @Override
          public void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
            connects.incrementAndGet();
          }
        })
        .build();
    try (FakePartoo partoo = FakePartoo.withDefaults();
        PartooClient client = clientFor(partoo).okHttpClient(counting).build()) {

      List<ConnectionToken> tokens = onVirtualThreads(() -> client.connectionTokens().generate(USER));

      assertThat(tokens.stream().map(ConnectionToken::token).distinct().count()).isEqualTo(CALLS);
      assertThat(partoo.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(CALLS);
      assertThat(connects).as("connections opened").hasValueBetween(1, MAX_CONCURRENT_CALLS);
    } finally {
      counting.connectionPool().evictAll();
    }
  }

  /**
   * From JDK 24 on (JEP 491) a virtual thread that blocks while holding a monitor no longer pins its carrier; what
   * still pins is a native frame or a class initializer on its stack. None of those may be the facade's. What the
   * JDK pins for itself (the first virtual threads waiting for {@code sun.nio.ch.Poller} to be initialized) is not.
   */
  @Test
  @EnabledForJreRange(min = JRE.JAVA_24,
      disabledReason = "needs JDK 24+, where only native frames and class initializers pin a virtual thread;"
          + " before, any synchronized block that blocks does, OkHttp's included"
          + " (docs/decisions/0076-virtual-threads-the-facade-pins-nothing.md)")
  void noVirtualThreadIsPinnedByTheFacadesOwnCode() throws Exception {
    Path events = Files.createTempFile("partoo-pinned-", ".jfr");
    try (FakePartoo partoo = FakePartoo.withDefaults();
        PartooClient client = clientFor(partoo).build();
        Recording recording = new Recording()) {
      recording.enable("jdk.VirtualThreadPinned").withThreshold(Duration.ZERO).withStackTrace();
      recording.start();

      onVirtualThreads(() -> client.connectionTokens().generate(USER));
      recording.stop();
      recording.dump(events);

      List<RecordedEvent> pinned = RecordingFile.readAllEvents(events);
      List<String> byTheFacade = pinned.stream().filter(ScaleIT::causedByTheFacade)
          .map(ScaleIT::describe).collect(Collectors.toList());
      assertThat(byTheFacade).as("pinned events caused by the facade, of %d: %s", pinned.size(),
          pinned.stream().map(ScaleIT::describe).distinct().collect(Collectors.toList())).isEmpty();
    } finally {
      Files.deleteIfExists(events);
    }
  }

  @Test
  void tenThousandAsyncCallsAllComplete() throws Exception {
    try (FakePartoo partoo = FakePartoo.withDefaults(); PartooClient client = clientFor(partoo).build()) {
      List<CompletableFuture<ConnectionToken>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(client.connectionTokens().generateAsync(USER));
      }

      CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

      assertThat(calls.stream().map(call -> call.join().token()).distinct().count()).isEqualTo(CALLS);
      assertThat(partoo.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(CALLS);
    }
  }

  @Test
  void tenThousandAsyncCallsBehindAHangingPartooEachEndAtTheirDeadline() throws Exception {
    Duration deadline = Duration.ofSeconds(1);
    // Without outage protection: with it, the first timeouts open the breaker and the calls made after that (making
    // 10,000 takes longer than the deadline on a busy machine) are refused unsent, which is right, but not what this
    // test is about. How late past its deadline each call ends is measured, not asserted: benchmarks' Promptness.
    try (FakePartoo partoo = FakePartoo.withDefaults();
        PartooClient client = clientFor(partoo).deadline(deadline).outagePolicy(OutagePolicy.disabled()).build()) {
      partoo.faults().delay(Duration.ofMinutes(1));
      List<CompletableFuture<Throwable>> calls = new ArrayList<>();
      for (int i = 0; i < CALLS; i++) {
        calls.add(client.connectionTokens().generateAsync(USER).handle((token, error) -> error));
      }

      CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0])).get(GENEROUS.toSeconds(), TimeUnit.SECONDS);

      // The server's answers take a minute and the read timeout is GENEROUS: only the deadline ends these calls.
      assertThat(calls).allSatisfy(call -> assertThat(call.join()).isInstanceOf(PartooConnectionException.class)
          .hasMessageContaining("1000 ms deadline"));
      partoo.faults().delay(Duration.ZERO);
    }
  }

  /** Makes {@link #CALLS} calls, each on a virtual thread of its own, all started at once; returns their results. */
  private static <T> List<T> onVirtualThreads(Callable<T> call) throws Exception {
    List<Future<T>> started = new ArrayList<>(CALLS);
    ExecutorService threads = VirtualThreads.perTask();
    try {
      for (int i = 0; i < CALLS; i++) {
        started.add(threads.submit(call));
      }
      List<T> results = new ArrayList<>(CALLS);
      for (Future<T> result : started) {
        results.add(result.get(GENEROUS.toSeconds(), TimeUnit.SECONDS));
      }
      return results;
    } finally {
      threads.shutdownNow();
    }
  }

  private static final Pattern INITIALIZING = Pattern.compile("initialization of (\\S+)");
  private static final String OURS = "com.acme.partoo.";

  /**
   * Whether the facade's own code pinned the thread: it waited for one of our classes to be initialized, or one of our
   * frames on its stack pins (a class initializer, a native method, a synchronized method).
   */
  private static boolean causedByTheFacade(RecordedEvent event) {
    Matcher initializing = INITIALIZING.matcher(String.valueOf(event.getString("pinnedReason")));
    if (initializing.find() && initializing.group(1).startsWith(OURS)) {
      return true;
    }
    return frames(event).stream().anyMatch(frame -> frame.getMethod().getType().getName().startsWith(OURS)
        && (frame.getMethod().getName().equals("<clinit>") || Modifier.isNative(frame.getMethod().getModifiers())
            || Modifier.isSynchronized(frame.getMethod().getModifiers())));
  }

  private static String describe(RecordedEvent event) {
    return event.getString("pinnedReason") + " in " + frames(event).stream().limit(3)
        .map(frame -> frame.getMethod().getType().getName() + "." + frame.getMethod().getName())
        .collect(Collectors.joining(" < "));
  }

  private static List<RecordedFrame> frames(RecordedEvent event) {
    return event.getStackTrace() == null ? List.of() : event.getStackTrace().getFrames();
  }
}
