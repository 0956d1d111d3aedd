package com.acme.partoo.benchmarks;

import com.acme.partoo.generated.model.GenerateConnectionTokenRequest;
import com.acme.partoo.generated.model.GenerateConnectionTokenResponse;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.internal.PartooJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * Raw OkHttp calls with one thing changed at a time in how the call is timed out: the client's {@code callTimeout},
 * a per-call {@code call.timeout().timeout(...)} the way the facade's {@code CallRunner.boundByDeadline} set it then,
 * and for asynchronous calls a deadline timer on a client-owned scheduler. Used by {@link WakeupProbe} to find which of
 * those adds wake-ups per call; each variant is the raw OkHttp request of {@link Clients#rawOkHttp()} otherwise.
 */
final class Variants implements AutoCloseable {

  private static final MediaType JSON = MediaType.get("application/json; charset=UTF-8");
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private static final long DEADLINE_NANOS = DEADLINE.toNanos();
  private static final long ONE_MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  private final ObjectWriter requestWriter;
  private final ObjectReader responseReader;
  private final HttpUrl generateUrl;
  private final OkHttpClient withCallTimeout;
  private final OkHttpClient withoutCallTimeout;
  private final Clock clock = Clock.systemUTC();
  private final ScheduledThreadPoolExecutor removing = scheduler("deadline-remove", true);
  private final ScheduledThreadPoolExecutor keeping = scheduler("deadline-keep", false);
  private final DeadlineTimer timer = new DeadlineTimer("deadline-lazy");
  private final List<OkHttpClient> clients = new ArrayList<>();
  private final java.util.concurrent.ExecutorService completions = java.util.concurrent.Executors.newFixedThreadPool(
      1, r -> {
        Thread thread = new Thread(r, "client-completions");
        thread.setDaemon(true);
        return thread;
      });

  Variants(String baseUrl) {
    ObjectMapper json = PartooJson.create();
    requestWriter = json.writerFor(GenerateConnectionTokenRequest.class);
    responseReader = json.readerFor(GenerateConnectionTokenResponse.class);
    generateUrl = HttpUrl.get(baseUrl + "/connection/generate_token");
    withCallTimeout = okHttp().callTimeout(DEADLINE).build();
    withoutCallTimeout = okHttp().callTimeout(Duration.ZERO).build();
  }

  private static ScheduledThreadPoolExecutor scheduler(String name, boolean removeOnCancel) {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, name);
      thread.setDaemon(true);
      return thread;
    });
    scheduler.setRemoveOnCancelPolicy(removeOnCancel);
    return scheduler;
  }

  /** As the benchmarks' {@code Clients}: same pool, dispatcher and timeouts, the call timeout left to the caller. */
  private static OkHttpClient.Builder okHttp() {
    Dispatcher dispatcher = new Dispatcher();
    dispatcher.setMaxRequests(64);
    dispatcher.setMaxRequestsPerHost(64);
    return new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(16, 5, TimeUnit.MINUTES))
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .writeTimeout(Duration.ofSeconds(5))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false);
  }

  /** The variants by name. */
  Map<String, Callable<?>> all() {
    Map<String, Callable<?>> variants = new LinkedHashMap<>();
    // Which Okio AsyncTimeouts a call enters: the call's (callTimeout) and the socket's, per read and write
    // (readTimeout / writeTimeout). Seconds: c = call timeout, rw = read and write timeouts, 0 = none.
    for (int[] t : new int[][] {{10, 5}, {0, 5}, {3, 5}, {10, 0}, {0, 0}, {10, 10}, {10, 11}}) {
      OkHttpClient client = okHttp().callTimeout(Duration.ofSeconds(t[0]))
          .readTimeout(Duration.ofSeconds(t[1])).writeTimeout(Duration.ofSeconds(t[1])).build();
      clients.add(client);
      variants.put("raw_c" + t[0] + "_rw" + t[1], () -> execute(client.newCall(request())));
    }
    // Blocking.
    variants.put("raw", () -> execute(withCallTimeout.newCall(request())));
    variants.put("rawNoCallTimeout", () -> execute(withoutCallTimeout.newCall(request())));
    // As CallRunner.boundByDeadline did (since replaced by one deadline on a ticker): a deadline from the wall clock,
    // the time left set on the call, before execute().
    variants.put("rawPerCallClock", () -> {
      Instant deadline = clock.instant().plus(DEADLINE);
      Call call = withCallTimeout.newCall(request());
      long remaining = Duration.between(clock.instant(), deadline).toNanos();
      call.timeout().timeout(Math.max(remaining, ONE_MILLI), TimeUnit.NANOSECONDS);
      return execute(call);
    });
    // The same on a monotonic clock.
    variants.put("rawPerCallNano", () -> {
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      Call call = withCallTimeout.newCall(request());
      call.timeout().timeout(Math.max(deadline - System.nanoTime(), ONE_MILLI), TimeUnit.NANOSECONDS);
      return execute(call);
    });
    // The per-call timeout on a client without a call timeout of its own.
    variants.put("rawPerCallNanoNoClientTimeout", () -> {
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      Call call = withoutCallTimeout.newCall(request());
      call.timeout().timeout(Math.max(deadline - System.nanoTime(), ONE_MILLI), TimeUnit.NANOSECONDS);
      return execute(call);
    });
    // The per-call value rounded to whole milliseconds, as the client's own callTimeout is.
    variants.put("rawPerCallMillis", () -> {
      long deadline = System.nanoTime() + DEADLINE_NANOS;
      Call call = withCallTimeout.newCall(request());
      long remaining = Math.max(deadline - System.nanoTime(), ONE_MILLI);
      call.timeout().timeout(TimeUnit.NANOSECONDS.toMillis(remaining), TimeUnit.MILLISECONDS);
      return execute(call);
    });
    // A constant, equal to the client's: touches the call the same way, with the same value.
    variants.put("rawPerCallConstant", () -> {
      Call call = withCallTimeout.newCall(request());
      call.timeout().timeout(DEADLINE_NANOS, TimeUnit.NANOSECONDS);
      return execute(call);
    });

    // Asynchronous: enqueue, complete a future in the callback, join it.
    variants.put("rawAsync", () -> enqueue(withCallTimeout.newCall(request())).join());
    // ... plus a deadline timer per call on a client-owned ScheduledThreadPoolExecutor, cancelled on completion.
    variants.put("rawAsyncStpeRemove", () -> withStpe(removing));
    variants.put("rawAsyncStpeKeep", () -> withStpe(keeping));
    // ... plus a deadline timer that is only woken when a new deadline is earlier than the earliest armed.
    variants.put("rawAsyncLazyTimer", () -> {
      Call call = withCallTimeout.newCall(request());
      CompletableFuture<ConnectionToken> result = new CompletableFuture<>();
      DeadlineTimer.Handle handle = timer.arm(System.nanoTime() + DEADLINE_NANOS, call::cancel);
      enqueue(call, result);
      try {
        return result.join();
      } finally {
        handle.disarm();
      }
    });
    // ... completing the caller's future on a client-owned executor instead of the OkHttp thread: one more hand-off.
    variants.put("rawAsyncHop", () -> {
      CompletableFuture<ConnectionToken> onOkHttp = enqueue(withCallTimeout.newCall(request()));
      return onOkHttp.thenApplyAsync(token -> token, completions).join();
    });
    return variants;
  }

  private ConnectionToken withStpe(ScheduledThreadPoolExecutor scheduler) throws IOException {
    Call call = withCallTimeout.newCall(request());
    CompletableFuture<ConnectionToken> result = new CompletableFuture<>();
    ScheduledFuture<?> deadline = scheduler.schedule(call::cancel, DEADLINE_NANOS, TimeUnit.NANOSECONDS);
    result.whenComplete((value, error) -> deadline.cancel(false));
    enqueue(call, result);
    return result.join();
  }

  private Request request() throws IOException {
    byte[] body =
        requestWriter.writeValueAsBytes(new GenerateConnectionTokenRequest().userId(Clients.USER_ID).ttl(null));
    return new Request.Builder()
        .url(generateUrl)
        .header("x-APIKey", Clients.API_KEY)
        .header("User-Agent", "partoo-benchmarks/1")
        .post(RequestBody.create(body, JSON))
        .build();
  }

  private ConnectionToken execute(Call call) throws IOException {
    try (Response response = call.execute()) {
      return read(response);
    }
  }

  private CompletableFuture<ConnectionToken> enqueue(Call call) {
    CompletableFuture<ConnectionToken> result = new CompletableFuture<>();
    enqueue(call, result);
    return result;
  }

  private void enqueue(Call call, CompletableFuture<ConnectionToken> result) {
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        try (response) {
          result.complete(read(response));
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      }

      @Override
      public void onFailure(Call c, IOException e) {
        result.completeExceptionally(e);
      }
    });
  }

  private ConnectionToken read(Response response) throws IOException {
    ResponseBody body = response.body();
    if (!response.isSuccessful()) {
      throw new IOException("HTTP " + response.code());
    }
    GenerateConnectionTokenResponse parsed = responseReader.readValue(body.byteStream());
    return new ConnectionToken(
        parsed.getToken(), parsed.getExpirationDate().toInstant(), ConnectionTokens.DEFAULT_TTL);
  }

  @Override
  public void close() {
    removing.shutdownNow();
    completions.shutdownNow();
    keeping.shutdownNow();
    timer.close();
    clients.add(withCallTimeout);
    clients.add(withoutCallTimeout);
    for (OkHttpClient client : clients) {
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }
}
