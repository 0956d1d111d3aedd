package com.acme.partoo.tokens;

import com.acme.partoo.tokens.internal.ClientConfig;
import com.acme.partoo.tokens.internal.Proxies;
import com.acme.partoo.tokens.internal.Secrets;
import com.acme.partoo.tokens.internal.TokenService;
import com.acme.partoo.tokens.internal.TrustMaterial;
import com.acme.partoo.tokens.internal.Urls;
import com.acme.partoo.tokens.internal.UserAgent;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A client of Partoo's API; create one per API key and share it: it is immutable, thread-safe and holds a connection
 * pool. {@link #close()} releases its threads and connections (those of a shared {@link OkHttpClient} stay open).
 *
 * <pre>{@code
 * try (PartooClient partoo = PartooClient.builder().apiKey(System.getenv("PARTOO_API_KEY")).build()) {
 *   ConnectionToken token = partoo.connectionTokens().generate(userId, Duration.ofMinutes(5));
 * }
 * }</pre>
 */
public final class PartooClient implements AutoCloseable {

  private final Builder settings;
  private final TokenService service;
  private final ConnectionTokens connectionTokens;

  private PartooClient(Builder settings, ClientConfig config) {
    this.settings = settings;
    this.service = new TokenService(config);
    this.connectionTokens = new ConnectionTokens(service);
  }

  /** A builder with the defaults: production, 2 s connect timeout, 5 s read timeout, 10 s deadline, 3 attempts. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding this client's settings, to derive a variant; the variant gets its own connections. */
  public Builder newBuilder() {
    return new Builder(settings);
  }

  /**
   * What this client's outage protection thinks of Partoo right now: for health checks and dashboards. Sends nothing
   * and never blocks; {@link PartooHealth.State#DISABLED} with {@link OutagePolicy#disabled()}.
   */
  public PartooHealth health() {
    return service.health();
  }

  /** Generate, check and revoke connection tokens, and build login URLs. */
  public ConnectionTokens connectionTokens() {
    return connectionTokens;
  }

  /**
   * Stops the calls in flight, which fail with {@link ClientClosedException} (nothing more is sent: no retry, no
   * request), then releases threads and connections; calls made afterwards throw {@link IllegalStateException}.
   * Idempotent.
   */
  @Override
  public void close() {
    service.close();
  }

  /** Shows where the client points (and through which proxy); never the API key nor a proxy password. */
  @Override
  public String toString() {
    String proxy = Proxies.describe(settings.proxy);
    return "PartooClient[baseUrl=" + settings.baseUrl + (proxy == null ? "" : ", proxy=" + proxy) + ", apiKey=****]";
  }

  /**
   * Builds a {@link PartooClient}. Setters check their argument and name it when they refuse it; {@link #build()}
   * checks the whole. Not thread-safe; the client it builds is.
   */
  public static final class Builder {
    private static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(5);
    // The caller is rendering a page: ten seconds is the most a user should wait for a login link.
    private static final Duration DEFAULT_DEADLINE = Duration.ofSeconds(10);
    // Page views run many calls at once: OkHttp's own default (5 async calls per host) would queue them.
    private static final int DEFAULT_MAX_CONCURRENT_CALLS = 64;
    // Half the shortest default idle timeout of common load balancers (AWS ALB: 60 s):
    // docs/decisions/0074-idle-connections-closed-after-30-s.md.
    private static final Duration DEFAULT_IDLE_CONNECTION_TIMEOUT = Duration.ofSeconds(30);

    private @Nullable Supplier<@Nullable String> apiKey;
    private @Nullable String fixedApiKey;
    private URI baseUrl = PartooEnvironment.PRODUCTION.apiBaseUrl();
    private URI appBaseUrl = PartooEnvironment.PRODUCTION.appBaseUrl();
    private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
    private Duration readTimeout = DEFAULT_READ_TIMEOUT;
    private Duration deadline = DEFAULT_DEADLINE;
    private RetryPolicy retryPolicy = RetryPolicy.defaults();
    private @Nullable OkHttpClient okHttpClient;
    private @Nullable String userAgentSuffix;
    private Ticker ticker = Ticker.system();
    private Clock clock = Clock.systemUTC();
    private @Nullable ScheduledExecutorService scheduler;
    private OutagePolicy outagePolicy = OutagePolicy.defaults();
    private final List<PartooListener> listeners = new ArrayList<>();
    private int maxConcurrentCalls = DEFAULT_MAX_CONCURRENT_CALLS;
    private @Nullable Integer maxIdleConnections;
    private @Nullable Duration idleConnectionTimeout;
    private @Nullable TrustMaterial sslContext;
    private @Nullable TrustMaterial trustedCertificates;
    private @Nullable Proxy proxy;
    private @Nullable Supplier<@Nullable PasswordAuthentication> proxyCredentials;
    private @Nullable ScheduledExecutorService deadlineTimer;

    private Builder() {}

    private Builder(Builder other) {
      this.apiKey = other.apiKey;
      this.fixedApiKey = other.fixedApiKey;
      this.baseUrl = other.baseUrl;
      this.appBaseUrl = other.appBaseUrl;
      this.connectTimeout = other.connectTimeout;
      this.readTimeout = other.readTimeout;
      this.deadline = other.deadline;
      this.retryPolicy = other.retryPolicy;
      this.okHttpClient = other.okHttpClient;
      this.userAgentSuffix = other.userAgentSuffix;
      this.ticker = other.ticker;
      this.clock = other.clock;
      this.scheduler = other.scheduler;
      this.outagePolicy = other.outagePolicy;
      this.listeners.addAll(other.listeners);
      this.maxConcurrentCalls = other.maxConcurrentCalls;
      this.maxIdleConnections = other.maxIdleConnections;
      this.idleConnectionTimeout = other.idleConnectionTimeout;
      this.sslContext = other.sslContext;
      this.trustedCertificates = other.trustedCertificates;
      this.proxy = other.proxy;
      this.proxyCredentials = other.proxyCredentials;
      this.deadlineTimer = other.deadlineTimer;
    }

    /** The API key sent as {@code x-APIKey}; checked by {@link #build()} (never echoed). Required, or a supplier. */
    public Builder apiKey(String apiKey) {
      this.fixedApiKey = Objects.requireNonNull(apiKey, "apiKey");
      this.apiKey = () -> apiKey;
      return this;
    }

    /**
     * Where to read the API key from, once per attempt, so a rotated key is picked up without a new client. A key the
     * supplier cannot give, or one that cannot be sent, fails the call with {@link AuthenticationException}, unsent.
     * It must be thread-safe and quick (cache what a vault returns), and must not rely on thread-locals: it runs on the
     * thread that runs the attempt, the caller's for a blocking call, an OkHttp dispatcher thread for an async one.
     */
    public Builder apiKey(Supplier<@Nullable String> apiKeySupplier) {
      this.apiKey = Objects.requireNonNull(apiKeySupplier, "apiKeySupplier");
      this.fixedApiKey = null;
      return this;
    }

    /** Production (the default) or sandbox: sets both the API and the app base URL. */
    public Builder environment(PartooEnvironment environment) {
      Objects.requireNonNull(environment, "environment");
      this.baseUrl = environment.apiBaseUrl();
      this.appBaseUrl = environment.appBaseUrl();
      return this;
    }

    /**
     * The API base URL, version segment included ({@code https://api.partoo.co/v2}), with or without trailing slash.
     * Must be https; plain http is accepted only for a loopback host (tests, the fake Partoo).
     */
    public Builder baseUrl(String baseUrl) {
      return baseUrl(toUri(baseUrl, "baseUrl"));
    }

    /** See {@link #baseUrl(String)}. */
    public Builder baseUrl(URI baseUrl) {
      Urls.normalizeBase(Objects.requireNonNull(baseUrl, "baseUrl"), "baseUrl");
      this.baseUrl = baseUrl;
      return this;
    }

    /** The web app base URL login URLs start with ({@code https://app.partoo.co/app}); same rules as the base URL. */
    public Builder appBaseUrl(String appBaseUrl) {
      return appBaseUrl(toUri(appBaseUrl, "appBaseUrl"));
    }

    /** See {@link #appBaseUrl(String)}. */
    public Builder appBaseUrl(URI appBaseUrl) {
      Urls.normalizeBase(Objects.requireNonNull(appBaseUrl, "appBaseUrl"), "appBaseUrl");
      this.appBaseUrl = appBaseUrl;
      return this;
    }

    /** How long to wait for a TCP/TLS connection, per attempt. Positive; default 2 s; capped by the deadline. */
    public Builder connectTimeout(Duration connectTimeout) {
      this.connectTimeout = positive(connectTimeout, "connectTimeout");
      return this;
    }

    /** How long to wait for the next bytes of an answer, per attempt. Positive; default 5 s; capped by the deadline. */
    public Builder readTimeout(Duration readTimeout) {
      this.readTimeout = positive(readTimeout, "readTimeout");
      return this;
    }

    /**
     * One bound on a whole call, every attempt and wait included, measured from the moment the call is made (also for
     * an async call that waits for a free slot): the call fails when it is reached, no request is sent after it, and
     * no retry starts whose wait would end past it. Positive; default 10 s. Timeouts longer than it are capped by it.
     */
    public Builder deadline(Duration deadline) {
      this.deadline = positive(deadline, "deadline");
      return this;
    }

    /** When and how often to retry; default {@link RetryPolicy#defaults()}. */
    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    /**
     * When to stop sending while Partoo looks down, and whether a {@code Retry-After} pauses the whole client; default
     * {@link OutagePolicy#defaults()}, {@link OutagePolicy#disabled()} to always send.
     */
    public Builder outagePolicy(OutagePolicy outagePolicy) {
      this.outagePolicy = Objects.requireNonNull(outagePolicy, "outagePolicy");
      return this;
    }

    /**
     * Adds a listener that hears the client's calls, attempts, retry budget and health (metrics, traces); listeners
     * added more than once are called in the order they were added. See {@link PartooListener} for threads.
     */
    public Builder listener(PartooListener listener) {
      this.listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * An OkHttpClient to share connections and threads with. The client derives its own from it (its timeouts, no
     * silent retries, no redirects, the key added after any interceptor of yours, so logging interceptors never see
     * it) and does not shut it down on {@link PartooClient#close()}. Its dispatcher, connection pool, TLS and proxy
     * settings stay as they are, being its owner's: see {@link #maxConcurrentCalls(int)}; its proxy authenticator
     * still answers, and a {@code 407} it gives up on ends the call as {@link FailureKind#PROXY}.
     */
    public Builder okHttpClient(OkHttpClient okHttpClient) {
      this.okHttpClient = Objects.requireNonNull(okHttpClient, "okHttpClient");
      return this;
    }

    /**
     * How many calls of this client may have a request on the wire at once, blocking and async together; default 64.
     * Further calls wait their turn, oldest first, within their deadline (a call waiting to retry holds no turn), so
     * the client never opens more connections than this, however many threads call it (virtual threads included).
     * With {@link #okHttpClient(OkHttpClient)} it still bounds this client's calls, and the shared client's own
     * dispatcher limits (OkHttp's defaults: 64 async calls, 5 per host), which are its owner's, also apply.
     */
    public Builder maxConcurrentCalls(int maxConcurrentCalls) {
      if (maxConcurrentCalls < 1) {
        throw new IllegalArgumentException("maxConcurrentCalls must be at least 1, was " + maxConcurrentCalls);
      }
      this.maxConcurrentCalls = maxConcurrentCalls;
      return this;
    }

    /**
     * How many idle connections the client keeps for reuse; zero or more, default {@link #maxConcurrentCalls(int)}, so
     * that under load no connection is closed that the next call would reuse. Not with
     * {@link #okHttpClient(OkHttpClient)}: a shared client's pool is its owner's.
     */
    public Builder maxIdleConnections(int maxIdleConnections) {
      if (maxIdleConnections < 0) {
        throw new IllegalArgumentException("maxIdleConnections must not be negative, was " + maxIdleConnections);
      }
      this.maxIdleConnections = maxIdleConnections;
      return this;
    }

    /**
     * How long an idle connection is kept before the client closes it; positive, default 30 s: less than common load
     * balancers' idle timeouts (AWS ALB 60 s, nginx 75 s, Azure 4 min), so the client closes an idle connection before
     * they drop it. Not with {@link #okHttpClient(OkHttpClient)}: a shared client's pool is its owner's.
     */
    public Builder idleConnectionTimeout(Duration idleConnectionTimeout) {
      this.idleConnectionTimeout = positive(idleConnectionTimeout, "idleConnectionTimeout");
      return this;
    }

    /**
     * The TLS context connections are made with, and the trust manager it was initialised with (OkHttp needs both):
     * for a private CA, a client certificate or a provider of your own. Default: the JVM's. Not with
     * {@link #trustedCertificates(String)}, nor with {@link #okHttpClient(OkHttpClient)}, whose TLS is its owner's.
     */
    public Builder sslContext(SSLContext sslContext, X509TrustManager trustManager) {
      this.sslContext = TrustMaterial.of(sslContext, trustManager);
      return this;
    }

    /**
     * Trusts the CA certificates in {@code pem} (one or more {@code -----BEGIN CERTIFICATE-----} blocks) instead of
     * the JVM's default CAs, as curl's {@code --cacert} does: for a private CA, or a TLS-inspecting proxy's. Not with
     * {@link #sslContext(SSLContext, X509TrustManager)}, nor with {@link #okHttpClient(OkHttpClient)}.
     *
     * @throws IllegalArgumentException if {@code pem} holds no certificate or one that cannot be read (the message
     *     names {@code trustedCertificates}, never quotes it)
     */
    public Builder trustedCertificates(String pem) {
      this.trustedCertificates = TrustMaterial.fromPem(pem, "trustedCertificates");
      return this;
    }

    /**
     * An HTTP proxy to reach Partoo through (a {@code CONNECT} tunnel for https), or {@link Proxy#NO_PROXY} to go
     * direct. Default: the JVM's {@link java.net.ProxySelector}, so {@code https.proxyHost}, {@code https.proxyPort}
     * and {@code http.nonProxyHosts} work without this. Not with {@link #okHttpClient(OkHttpClient)}.
     *
     * @throws IllegalArgumentException for a SOCKS proxy
     */
    public Builder proxy(Proxy proxy) {
      Objects.requireNonNull(proxy, "proxy");
      if (proxy.type() == Proxy.Type.SOCKS) {
        throw new IllegalArgumentException("proxy must be an HTTP proxy (or Proxy.NO_PROXY), was SOCKS");
      }
      this.proxy = proxy;
      return this;
    }

    /**
     * The user and password the HTTP proxy asks for, sent as {@code Proxy-Authorization: Basic} with each tunnel's
     * {@code CONNECT} (preemptively). Read each time a tunnel is opened, so a rotated password is picked up without a
     * new client; null from it sends none. Quick and thread-safe, like the key supplier. Applies to the proxy of
     * {@link #proxy(Proxy)} or the JVM's; never logged nor shown. Not with {@link #okHttpClient(OkHttpClient)}.
     */
    public Builder proxyCredentials(Supplier<@Nullable PasswordAuthentication> credentials) {
      this.proxyCredentials = Objects.requireNonNull(credentials, "proxyCredentials");
      return this;
    }

    /** Appended to the User-Agent (which names this library and its version), e.g. {@code "billing/4.1"}. */
    public Builder userAgentSuffix(String suffix) {
      UserAgent.of(Objects.requireNonNull(suffix, "userAgentSuffix"));
      this.userAgentSuffix = suffix;
      return this;
    }

    /**
     * The monotonic time source deadlines, backoff and waits are measured on; for tests. Default
     * {@link Ticker#system()}.
     */
    public Builder ticker(Ticker ticker) {
      this.ticker = Objects.requireNonNull(ticker, "ticker");
      return this;
    }

    /** The wall clock, used only to read {@code Retry-After} dates; for tests. Default UTC system clock. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * Where the client schedules the end of each wait between attempts (backoff, {@code Retry-After}); its tasks are
     * short and never run your code. Default: a daemon thread of the client's own (which also times the deadlines of
     * async calls), started on first use and stopped by {@link PartooClient#close()}; a scheduler given here is not
     * shut down. Tests give one that runs on fake time.
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * Where the deadline alarms of calls waiting to be sent are timed, instead of the client's own timer thread: a seam
     * for this package's tests only (package-private, not API), which time them on the same fake ticker as the calls,
     * so a test can tell a call stopped by its deadline from one that OkHttp got to, without waiting on a clock.
     */
    Builder deadlineTimer(ScheduledExecutorService deadlineTimer) {
      this.deadlineTimer = Objects.requireNonNull(deadlineTimer, "deadlineTimer");
      return this;
    }

    /**
     * Returns a new client.
     *
     * @throws IllegalStateException if no API key was set, or the key cannot be sent as a header (the message says
     *     why without quoting it), or settings exclude each other (both trust settings; a connection setting with
     *     {@link #okHttpClient(OkHttpClient)})
     */
    public PartooClient build() {
      if (apiKey == null) {
        throw new IllegalStateException("apiKey is required: set it, or a supplier of it, on the builder");
      }
      if (fixedApiKey != null) {
        String problem = Secrets.apiKeyProblem(fixedApiKey);
        if (problem != null) {
          throw new IllegalStateException("apiKey cannot be sent as the x-APIKey header: " + problem);
        }
      }
      if (okHttpClient != null && (maxIdleConnections != null || idleConnectionTimeout != null)) {
        throw new IllegalStateException("maxIdleConnections and idleConnectionTimeout configure the client's own"
            + " connection pool; with okHttpClient(...) the pool is the shared client's: configure it there");
      }
      if (sslContext != null && trustedCertificates != null) {
        throw new IllegalStateException("sslContext(...) and trustedCertificates(...) both set what TLS connections"
            + " trust: set one (put the certificates in the SSLContext's trust manager, or use trustedCertificates"
            + " alone)");
      }
      if (okHttpClient != null && (sslContext != null || trustedCertificates != null || proxy != null
          || proxyCredentials != null)) {
        throw new IllegalStateException("sslContext, trustedCertificates, proxy and proxyCredentials configure the"
            + " client's own connections; with okHttpClient(...) TLS and proxies are the shared client's: configure"
            + " them there (sslSocketFactory, proxy, proxyAuthenticator)");
      }
      ClientConfig config = new ClientConfig(
          Urls.normalizeBase(baseUrl, "baseUrl"),
          Urls.normalizeBase(appBaseUrl, "appBaseUrl"),
          apiKey,
          connectTimeout,
          readTimeout,
          deadline,
          retryPolicy,
          okHttpClient,
          UserAgent.of(userAgentSuffix),
          ticker,
          clock,
          scheduler,
          outagePolicy,
          listeners,
          maxConcurrentCalls,
          maxIdleConnections != null ? maxIdleConnections : maxConcurrentCalls,
          idleConnectionTimeout != null ? idleConnectionTimeout : DEFAULT_IDLE_CONNECTION_TIMEOUT,
          sslContext != null ? sslContext : trustedCertificates,
          proxy,
          proxyCredentials,
          deadlineTimer);
      return new PartooClient(new Builder(this), config);
    }

    private static URI toUri(String url, String name) {
      Objects.requireNonNull(url, name);
      try {
        return new URI(url.strip());
      } catch (java.net.URISyntaxException e) {
        throw new IllegalArgumentException(name + " is not a valid URL: " + e.getMessage(), e);
      }
    }

    private static Duration positive(Duration value, String name) {
      Objects.requireNonNull(value, name);
      if (value.isZero() || value.isNegative()) {
        throw new IllegalArgumentException(name + " must be positive, was " + value);
      }
      return value;
    }
  }
}
