package com.acme.partoo.tokens.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import okhttp3.Authenticator;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;

/**
 * OkHttp, Retrofit and the scheduler set up for Partoo: nothing re-sent behind the call loop's back (no silent
 * retries, redirects, authenticator follow-ups, nor OkHttp's own 503 follow-up: see {@link Interceptors}), timeouts no
 * longer than the deadline, the key added last. Closing releases threads and connections only when they are ours, not
 * a caller's shared ones.
 */
final class Transport implements AutoCloseable {

  private final OkHttpClient okHttp;
  private final boolean ownsOkHttp;
  private final Retrofit retrofit;
  private final ScheduledExecutorService waits;
  // The client's own timer thread, started on first use: the waits' scheduler unless the caller gave one, and always
  // the one for deadline alarms (watchdogs that must fire on real time, whatever scheduler runs the waits).
  private final ScheduledThreadPoolExecutor timer = ownScheduler();
  // Completes the futures of async calls stopped by their deadline, one after the other, on a thread of the client's
  // own: OkHttp's pool would start a thread per expired call (its threads are all busy with the calls that hang).
  private final ThreadPoolExecutor completions = ownCompletions();

  Transport(ClientConfig config, ObjectMapper json) {
    OkHttpClient shared = config.okHttpClient();
    this.ownsOkHttp = shared == null;
    OkHttpClient.Builder builder = shared == null ? ownClient(config) : shared.newBuilder();
    this.okHttp = builder
        // Capped by the deadline: a timeout longer than the whole call could never fire first.
        .connectTimeout(atMost(config.connectTimeout(), config.deadline()))
        .readTimeout(atMost(config.readTimeout(), config.deadline()))
        .writeTimeout(atMost(config.readTimeout(), config.deadline()))
        // Each attempt sets its own call timeout: the time left before the call's deadline.
        .callTimeout(Duration.ZERO)
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .followSslRedirects(false)
        // Partoo authenticates with x-APIKey: a challenge is an answer, never a reason to send again.
        .authenticator(Authenticator.NONE)
        // A proxy's 407 is answered (preemptively) with the configured credentials, or ends the call as a proxy error.
        .proxyAuthenticator(new ProxyAuthentication(config.proxyCredentials(),
            shared == null ? Authenticator.NONE : shared.proxyAuthenticator()))
        .addInterceptor(Interceptors.attempt(config.ticker(), config.apiKey()))
        .addNetworkInterceptor(Interceptors.wire(config.userAgent()))
        // Whether each attempt went out on a pooled connection: the call loop resends, free, on a stale one.
        .eventListenerFactory(shared == null
            ? ConnectionEvents.factory() : ConnectionEvents.around(shared.eventListenerFactory()))
        .build();
    this.retrofit = new Retrofit.Builder()
        .baseUrl(config.baseUrl())
        .callFactory(new RequestCapture())
        .addConverterFactory(JacksonConverterFactory.create(json))
        .build();
    this.waits = config.scheduler() == null ? timer : config.scheduler();
  }

  /**
   * The dispatcher and pool of a client of our own. How many requests run at once is {@link WireSlots}' business
   * ({@code maxConcurrentCalls}, blocking and async together); the dispatcher's limits are a backstop set above it,
   * at twice the limit: a slot passes to the next call while the async call that gave it up is still finishing on its
   * dispatcher thread, so for a moment the dispatcher counts both, and a lower limit would park the next call in its
   * queue (where it would need a deadline alarm) for nothing. The pool keeps {@code maxIdleConnections} idle
   * connections (default: as many as calls may run at once, so a pool under load never closes a connection the next
   * call would reuse) for {@code idleConnectionTimeout} (default 30 s, before load balancers drop them).
   */
  private static OkHttpClient.Builder ownClient(ClientConfig config) {
    Dispatcher dispatcher = new Dispatcher();
    int backstop = (int) Math.min(Integer.MAX_VALUE, 2L * config.maxConcurrentCalls());
    dispatcher.setMaxRequests(backstop);
    dispatcher.setMaxRequestsPerHost(backstop);
    OkHttpClient.Builder builder = new OkHttpClient.Builder()
        .dispatcher(dispatcher)
        .connectionPool(new ConnectionPool(config.maxIdleConnections(),
            config.idleConnectionTimeout().toNanos(), TimeUnit.NANOSECONDS));
    // The builder refuses these with a shared client, whose TLS and proxy are its owner's.
    TrustMaterial trust = config.trust();
    if (trust != null) {
      builder.sslSocketFactory(trust.socketFactory(), trust.trustManager());
    }
    if (config.proxy() != null) {
      builder.proxy(config.proxy()); // else OkHttp asks the JVM's ProxySelector: https.proxyHost and the like
    }
    return builder;
  }

  /** One daemon thread, started on first use: it only ends waits and fires deadlines, so one is plenty. */
  private static ScheduledThreadPoolExecutor ownScheduler() {
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
      Thread thread = new Thread(task, "partoo-client-scheduler");
      thread.setDaemon(true);
      return thread;
    });
    // Deadlines are canceled far more often than they fire: do not keep canceled ones queued until they are due.
    scheduler.setRemoveOnCancelPolicy(true);
    return scheduler;
  }

  /** One daemon thread, started on first use and stopped after a minute idle. */
  private static ThreadPoolExecutor ownCompletions() {
    ThreadPoolExecutor completions = new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(),
        task -> {
          Thread thread = new Thread(task, "partoo-client-deadlines");
          thread.setDaemon(true);
          return thread;
        });
    completions.allowCoreThreadTimeOut(true);
    return completions;
  }

  private static Duration atMost(Duration timeout, Duration deadline) {
    return timeout.compareTo(deadline) > 0 ? deadline : timeout;
  }

  OkHttpClient okHttp() {
    return okHttp;
  }

  Retrofit retrofit() {
    return retrofit;
  }

  /** Where waits between attempts end: the caller's scheduler, or the client's own timer. */
  ScheduledExecutorService waits() {
    return waits;
  }

  /** The client's own timer, for deadline alarms. */
  ScheduledExecutorService alarms() {
    return timer;
  }

  /** Where async calls stopped by their deadline are completed. */
  Executor completions() {
    return completions;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    completions.shutdown();
    if (ownsOkHttp) {
      okHttp.dispatcher().cancelAll();
      okHttp.dispatcher().executorService().shutdown();
      okHttp.connectionPool().evictAll();
    }
  }
}
