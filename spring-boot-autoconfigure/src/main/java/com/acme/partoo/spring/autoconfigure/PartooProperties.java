package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.tokens.PartooEnvironment;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The {@code partoo.*} properties the auto-configured {@code PartooClient} is built from. A property left unset keeps
 * the facade's default; durations take Spring's forms ({@code 3s}, {@code 500ms}, {@code PT3S}). Values are checked
 * when the client is created: a bad one fails the start-up with the property's name, never with the API key.
 */
@ConfigurationProperties("partoo")
public class PartooProperties {

  /** Whether to create the PartooClient bean (and the partoo health indicator). */
  private boolean enabled = true;

  /**
   * Partoo API key, sent as the x-APIKey header; required when partoo.enabled is true. Give it through the
   * environment (PARTOO_API_KEY) or a secret store, never in a committed file; never logged or shown.
   */
  private @Nullable String apiKey;

  /** Partoo environment: production or sandbox, setting both the API and the app URL. Not with base-url. */
  private @Nullable PartooEnvironment environment;

  /**
   * API base URL, version segment included, e.g. https://api.partoo.co/v2. https only; plain http only to a loopback
   * host. Not with environment. Default: production's.
   */
  private @Nullable String baseUrl;

  /** Web-app base URL login URLs start with, e.g. https://app.partoo.co/app. Default: the environment's. */
  private @Nullable String appUrl;

  /** Bound on one whole call, every attempt and wait between attempts included. Default 10s. */
  private @Nullable Duration deadline;

  /** How long to wait for a connection, per attempt; capped by the deadline. Default 2s. */
  private @Nullable Duration connectTimeout;

  /** How long to wait for the next bytes of an answer, per attempt; capped by the deadline. Default 5s. */
  private @Nullable Duration readTimeout;

  /**
   * Appended to the User-Agent after the library's name and version, e.g. billing-service/4.1. Default:
   * spring.application.name, when it is printable ASCII.
   */
  private @Nullable String userAgentSuffix;

  private final Retry retry = new Retry();

  private final Outage outage = new Outage();

  private final Metrics metrics = new Metrics();

  private final Tracing tracing = new Tracing();

  private final Ssl ssl = new Ssl();

  private final Proxy proxy = new Proxy();

  public boolean isEnabled() {
    return enabled;
  }

  public void setEnabled(boolean enabled) {
    this.enabled = enabled;
  }

  public @Nullable String getApiKey() {
    return apiKey;
  }

  public void setApiKey(@Nullable String apiKey) {
    this.apiKey = apiKey;
  }

  public @Nullable PartooEnvironment getEnvironment() {
    return environment;
  }

  public void setEnvironment(@Nullable PartooEnvironment environment) {
    this.environment = environment;
  }

  public @Nullable String getBaseUrl() {
    return baseUrl;
  }

  public void setBaseUrl(@Nullable String baseUrl) {
    this.baseUrl = baseUrl;
  }

  public @Nullable String getAppUrl() {
    return appUrl;
  }

  public void setAppUrl(@Nullable String appUrl) {
    this.appUrl = appUrl;
  }

  public @Nullable Duration getDeadline() {
    return deadline;
  }

  public void setDeadline(@Nullable Duration deadline) {
    this.deadline = deadline;
  }

  public @Nullable Duration getConnectTimeout() {
    return connectTimeout;
  }

  public void setConnectTimeout(@Nullable Duration connectTimeout) {
    this.connectTimeout = connectTimeout;
  }

  public @Nullable Duration getReadTimeout() {
    return readTimeout;
  }

  public void setReadTimeout(@Nullable Duration readTimeout) {
    this.readTimeout = readTimeout;
  }

  public @Nullable String getUserAgentSuffix() {
    return userAgentSuffix;
  }

  public void setUserAgentSuffix(@Nullable String userAgentSuffix) {
    this.userAgentSuffix = userAgentSuffix;
  }

  public Retry getRetry() {
    return retry;
  }

  public Outage getOutage() {
    return outage;
  }

  public Metrics getMetrics() {
    return metrics;
  }

  public Tracing getTracing() {
    return tracing;
  }

  public Ssl getSsl() {
    return ssl;
  }

  public Proxy getProxy() {
    return proxy;
  }

  /** Shows no API key and no proxy password: only whether one is set. */
  @Override
  public String toString() {
    return "PartooProperties[enabled=" + enabled + ", apiKey=" + (apiKey == null ? "unset" : "****")
        + ", environment=" + environment + ", baseUrl=" + baseUrl + ", appUrl=" + appUrl + ", ssl.bundle="
        + ssl.bundle + ", " + proxy + "]";
  }

  /** {@code partoo.ssl.*}: what connections to Partoo trust, from one of Spring Boot's SSL bundles. */
  public static class Ssl {

    /**
     * Name of a Spring Boot SSL bundle (spring.ssl.bundle.pem.NAME or spring.ssl.bundle.jks.NAME) whose trust store,
     * and key store for a client certificate, connections to Partoo use instead of the JVM's: for a private or
     * TLS-inspecting proxy's CA. The bundle's options (ciphers, enabled-protocols) are refused. Default: the JVM's.
     */
    private @Nullable String bundle;

    public @Nullable String getBundle() {
      return bundle;
    }

    public void setBundle(@Nullable String bundle) {
      this.bundle = bundle;
    }
  }

  /**
   * {@code partoo.proxy.*}: an HTTP proxy to reach Partoo through, and the credentials it asks for. The credentials are
   * read each time a tunnel is opened, so a value rebound at runtime (Spring Cloud's refresh) is used by the next one.
   */
  public static class Proxy {

    /**
     * Host name or address of an HTTP proxy to reach Partoo through, in a CONNECT tunnel; with port. Default: the
     * JVM's proxy settings (https.proxyHost, https.proxyPort, http.nonProxyHosts).
     */
    private @Nullable String host;

    /** Port of the proxy at host, 1 to 65535; required with host. */
    private @Nullable Integer port;

    /**
     * User the proxy authenticates, sent with each tunnel's CONNECT as Proxy-Authorization: Basic; with password.
     * Applies to the proxy at host, or to the JVM's proxy when host is unset.
     */
    private @Nullable String username;

    /**
     * Password of that user. Give it through the environment (PARTOO_PROXY_PASSWORD) or a secret store, never in a
     * committed file; read for each new tunnel; never logged or shown.
     */
    private @Nullable String password;

    public @Nullable String getHost() {
      return host;
    }

    public void setHost(@Nullable String host) {
      this.host = host;
    }

    public @Nullable Integer getPort() {
      return port;
    }

    public void setPort(@Nullable Integer port) {
      this.port = port;
    }

    public @Nullable String getUsername() {
      return username;
    }

    public void setUsername(@Nullable String username) {
      this.username = username;
    }

    public @Nullable String getPassword() {
      return password;
    }

    public void setPassword(@Nullable String password) {
      this.password = password;
    }

    /** Shows no password: only whether one is set. */
    @Override
    public String toString() {
      return "proxy=" + (host == null ? "unset" : host + ":" + port) + ", proxy.username=" + username
          + ", proxy.password=" + (password == null ? "unset" : "****");
    }
  }

  /** {@code partoo.retry.*}: when and how often a failed call is tried again (the facade's {@code RetryPolicy}). */
  public static class Retry {

    /** Attempts per call, the first included: 1 (no retry) to 10. Default 3. */
    private @Nullable Integer maxAttempts;

    /** Upper bound of the first backoff wait, doubling with each retry (full jitter). Default 200ms. */
    private @Nullable Duration baseDelay;

    /** Upper bound of every backoff wait. Default 5s. */
    private @Nullable Duration maxDelay;

    private final Budget budget = new Budget();

    public @Nullable Integer getMaxAttempts() {
      return maxAttempts;
    }

    public void setMaxAttempts(@Nullable Integer maxAttempts) {
      this.maxAttempts = maxAttempts;
    }

    public @Nullable Duration getBaseDelay() {
      return baseDelay;
    }

    public void setBaseDelay(@Nullable Duration baseDelay) {
      this.baseDelay = baseDelay;
    }

    public @Nullable Duration getMaxDelay() {
      return maxDelay;
    }

    public void setMaxDelay(@Nullable Duration maxDelay) {
      this.maxDelay = maxDelay;
    }

    public Budget getBudget() {
      return budget;
    }
  }

  /** {@code partoo.retry.budget.*}: the client's retry budget, a token bucket that keeps outages from tripling load. */
  public static class Budget {

    /** Retries the client may make in a burst; 0 turns retries off. Default 10. */
    private @Nullable Integer capacity;

    /** Retry tokens each successful call gives back, between 0 and 1. Default 0.1. */
    private @Nullable Double refillPerSuccess;

    public @Nullable Integer getCapacity() {
      return capacity;
    }

    public void setCapacity(@Nullable Integer capacity) {
      this.capacity = capacity;
    }

    public @Nullable Double getRefillPerSuccess() {
      return refillPerSuccess;
    }

    public void setRefillPerSuccess(@Nullable Double refillPerSuccess) {
      this.refillPerSuccess = refillPerSuccess;
    }
  }

  /**
   * {@code partoo.outage.*}: when the client considers Partoo down and fails calls at once, unsent (the facade's
   * {@code OutagePolicy}).
   */
  public static class Outage {

    /** Whether the outage protection (and the client-wide pause on Retry-After) is on. */
    private boolean enabled = true;

    /** How many of the latest calls are judged, 1 to 1000. Default 10. */
    private @Nullable Integer window;

    /** Calls that must have ended before the protection may open, 1 to the window. Default 5, or the window if less. */
    private @Nullable Integer minimumCalls;

    /** Share of failed calls in the window, in percent (1 to 100), at which the protection opens. Default 50. */
    private @Nullable Integer failureRatePercent;

    /** A call taking longer than this is slow, even if it succeeds. Default 1s. */
    private @Nullable Duration slowCallThreshold;

    /** Share of slow calls in the window, in percent (1 to 100), at which the protection opens. Default 100. */
    private @Nullable Integer slowCallRatePercent;

    /** How long the protection stays open the first time (jittered by 20%). Default 1s. */
    private @Nullable Duration openInterval;

    /**
     * The longest it stays open, doubling from open-interval on each failed probe. Default 2s, or open-interval if
     * longer.
     */
    private @Nullable Duration maxOpenInterval;

    /** Calls let through to probe Partoo once the open interval is over, 1 to 100. Default 1. */
    private @Nullable Integer probes;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public @Nullable Integer getWindow() {
      return window;
    }

    public void setWindow(@Nullable Integer window) {
      this.window = window;
    }

    public @Nullable Integer getMinimumCalls() {
      return minimumCalls;
    }

    public void setMinimumCalls(@Nullable Integer minimumCalls) {
      this.minimumCalls = minimumCalls;
    }

    public @Nullable Integer getFailureRatePercent() {
      return failureRatePercent;
    }

    public void setFailureRatePercent(@Nullable Integer failureRatePercent) {
      this.failureRatePercent = failureRatePercent;
    }

    public @Nullable Duration getSlowCallThreshold() {
      return slowCallThreshold;
    }

    public void setSlowCallThreshold(@Nullable Duration slowCallThreshold) {
      this.slowCallThreshold = slowCallThreshold;
    }

    public @Nullable Integer getSlowCallRatePercent() {
      return slowCallRatePercent;
    }

    public void setSlowCallRatePercent(@Nullable Integer slowCallRatePercent) {
      this.slowCallRatePercent = slowCallRatePercent;
    }

    public @Nullable Duration getOpenInterval() {
      return openInterval;
    }

    public void setOpenInterval(@Nullable Duration openInterval) {
      this.openInterval = openInterval;
    }

    public @Nullable Duration getMaxOpenInterval() {
      return maxOpenInterval;
    }

    public void setMaxOpenInterval(@Nullable Duration maxOpenInterval) {
      this.maxOpenInterval = maxOpenInterval;
    }

    public @Nullable Integer getProbes() {
      return probes;
    }

    public void setProbes(@Nullable Integer probes) {
      this.probes = probes;
    }
  }

  /**
   * {@code partoo.metrics.*}: the client's Micrometer meters ({@code partoo.client.*}), recorded in the application's
   * {@code MeterRegistry} when it has one.
   */
  public static class Metrics {

    /** Whether to record the client's partoo.client.* meters in the application's MeterRegistry, when it has one. */
    private boolean enabled = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }
  }

  /**
   * {@code partoo.tracing.*}: the client's OpenTelemetry spans and {@code http.client.request.duration}, through the
   * application's {@code OpenTelemetry} when it has one.
   */
  public static class Tracing {

    /** Whether to trace the client's calls with the application's OpenTelemetry, when it has one. */
    private boolean enabled = true;

    /**
     * Whether each request gets a CLIENT span of its own, under its call's span, and carries that span's trace
     * context. Set it to false when an OpenTelemetry agent instruments OkHttp: the agent makes those spans.
     */
    private boolean attemptSpans = true;

    /**
     * Whether each request is recorded in the http.client.request.duration histogram. Set it to false, too, when an
     * OpenTelemetry agent instruments OkHttp: it records the same histogram, and each request would count twice.
     */
    private boolean requestDurationMetric = true;

    public boolean isEnabled() {
      return enabled;
    }

    public void setEnabled(boolean enabled) {
      this.enabled = enabled;
    }

    public boolean isAttemptSpans() {
      return attemptSpans;
    }

    public void setAttemptSpans(boolean attemptSpans) {
      this.attemptSpans = attemptSpans;
    }

    public boolean isRequestDurationMetric() {
      return requestDurationMetric;
    }

    public void setRequestDurationMetric(boolean requestDurationMetric) {
      this.requestDurationMetric = requestDurationMetric;
    }
  }
}
