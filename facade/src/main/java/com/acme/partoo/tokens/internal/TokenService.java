package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.RetryPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@code ConnectionTokens} does, per client: validates input, applies the TTL rule, runs the operation through
 * the call loop. Thread-safe. Uses nothing of the public package's entry points ({@code ConnectionTokens},
 * {@code PartooClient}), which hold it: the dependency goes one way (PublicApiArchitectureTest).
 */
public final class TokenService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

  /** The longest TTL Partoo accepts; {@code ConnectionTokens.MAX_TTL} publishes it. */
  public static final Duration MAX_TTL = TtlRule.MAX_TTL;

  /** The TTL Partoo applies when none is sent; {@code ConnectionTokens.DEFAULT_TTL} publishes it. */
  public static final Duration DEFAULT_TTL = TtlRule.DEFAULT_TTL;

  private final ClientConfig config;
  private final Transport transport;
  private final PartooApiAdapter api;
  private final ClientLifecycle lifecycle = new ClientLifecycle();
  private final CallRunner runner;
  private final OutageGuard guard;
  private final AtomicBoolean clampWarned = new AtomicBoolean();

  /** Sets up the transport and the call loop's collaborators for one client. */
  public TokenService(ClientConfig config) {
    this.config = config;
    ObjectMapper json = PartooJson.create();
    WireSlots slots = new WireSlots(config.maxConcurrentCalls());
    this.transport = new Transport(config, json, slots);
    this.api = new PartooApiAdapter(transport.retrofit(), json);
    RetryPolicy policy = config.retryPolicy();
    Listeners listeners = new Listeners(config.listeners());
    this.guard = new OutageGuard(config.outagePolicy(), config.ticker(), config.clock(), listeners::healthChanged);
    HttpUrl base = HttpUrl.get(config.baseUrl());
    String basePath = base.encodedPath().endsWith("/")
        ? base.encodedPath().substring(0, base.encodedPath().length() - 1) : base.encodedPath();
    LoopSettings settings = new LoopSettings(
        config.ticker(),
        config.deadline().toNanos(),
        policy,
        new RetryBudget(policy.budgetCapacity(), policy.budgetRefillPerSuccess()),
        new Backoff(policy),
        new ExceptionFactory(config.baseUrl(), config.deadline()),
        guard,
        listeners,
        base.host(),
        base.port(),
        basePath);
    this.runner = new CallRunner(
        settings,
        new Exchange(transport.okHttp(), json, config.clock()),
        slots,
        transport.sharing(),
        lifecycle,
        transport.waits(),
        transport.alarms(),
        transport.completions());
  }

  /** See {@code ConnectionTokens.generate(String, Duration)}. */
  public ConnectionToken generate(String userId, @Nullable Duration ttl) {
    return Objects.requireNonNull(runner.execute(generateCall(userId, ttl)));
  }

  /** See {@code ConnectionTokens.generateAsync(String, Duration)}. */
  public CompletableFuture<ConnectionToken> generateAsync(String userId, @Nullable Duration ttl) {
    return runner.executeAsync(generateCall(userId, ttl));
  }

  /** See {@code ConnectionTokens.check(String, String)}. */
  public ConnectionTokenStatus check(String userId, String token) {
    return Objects.requireNonNull(runner.execute(checkCall(userId, token)));
  }

  /** See {@code ConnectionTokens.checkAsync(String, String)}. */
  public CompletableFuture<ConnectionTokenStatus> checkAsync(String userId, String token) {
    return runner.executeAsync(checkCall(userId, token));
  }

  /** See {@code ConnectionTokens.revoke(String, String)}. */
  public void revoke(String userId, String token) {
    runner.execute(revokeCall(userId, token));
  }

  /** See {@code ConnectionTokens.revokeAsync(String, String)}. */
  public CompletableFuture<Void> revokeAsync(String userId, String token) {
    return runner.executeAsync(revokeCall(userId, token));
  }

  /** What the outage protection thinks of Partoo; sends nothing. */
  public PartooHealth health() {
    return guard.health();
  }

  /** See {@code ConnectionTokens.loginUrl(String)}. */
  public URI loginUrl(String token) {
    return Urls.loginUrl(config.appBaseUrl(), Inputs.requireToken(token));
  }

  private ApiCall<ConnectionToken> generateCall(@Nullable String userId, @Nullable Duration ttl) {
    ensureOpen();
    String user = Inputs.requireUserId(userId);
    TtlRule.Resolved resolved = TtlRule.resolve(ttl);
    if (resolved.clamped() && clampWarned.compareAndSet(false, true)) {
      LOG.warn("Requested connection-token TTL {} is above Partoo's maximum; sending {} s instead (logged once per"
          + " client)", ttl, MAX_TTL.getSeconds());
    }
    return api.generate(user, resolved);
  }

  private ApiCall<ConnectionTokenStatus> checkCall(@Nullable String userId, @Nullable String token) {
    ensureOpen();
    return api.check(Inputs.requireUserId(userId), Inputs.requireToken(token));
  }

  private ApiCall<Void> revokeCall(@Nullable String userId, @Nullable String token) {
    ensureOpen();
    return api.revoke(Inputs.requireUserId(userId), Inputs.requireToken(token));
  }

  private void ensureOpen() {
    if (lifecycle.isClosed()) {
      throw new IllegalStateException("this PartooClient is closed");
    }
  }

  /**
   * Stops every call in flight ({@link com.acme.partoo.tokens.ClientClosedException}), then releases threads and
   * connections (when not shared); later calls throw {@link IllegalStateException}. Idempotent.
   */
  @Override
  public void close() {
    if (!lifecycle.isClosed()) {
      lifecycle.close();
      transport.close();
    }
  }
}
