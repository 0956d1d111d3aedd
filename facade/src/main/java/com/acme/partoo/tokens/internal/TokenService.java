package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.ConnectionTokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link ConnectionTokens} does, per client: validates input, applies the TTL rule, runs the operation through
 * the retry machinery. Thread-safe.
 */
public final class TokenService implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TokenService.class);

  private final ClientConfig config;
  private final Transport transport;
  private final PartooApiAdapter api;
  private final CallRunner runner;
  private final AtomicBoolean clampWarned = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();

  /** Sets up the transport and retry machinery for one client. */
  public TokenService(ClientConfig config) {
    this.config = config;
    ObjectMapper json = PartooJson.create();
    this.transport = new Transport(config, json);
    this.api = new PartooApiAdapter(transport.retrofit());
    this.runner = new CallRunner(
        config.retryPolicy(),
        new RetryBudget(config.retryPolicy().budgetCapacity(), config.retryPolicy().budgetRefillPerSuccess()),
        new Backoff(config.retryPolicy()),
        config.deadline(),
        config.clock(),
        config.sleeper(),
        new ExceptionFactory(config.baseUrl(), config::apiKeyForRedaction),
        json);
  }

  /** See {@link ConnectionTokens#generate(String, Duration)}. */
  public ConnectionToken generate(String userId, @Nullable Duration ttl) {
    return Objects.requireNonNull(runner.execute(generateCall(userId, ttl)));
  }

  /** See {@link ConnectionTokens#generateAsync(String, Duration)}. */
  public CompletableFuture<ConnectionToken> generateAsync(String userId, @Nullable Duration ttl) {
    return runner.executeAsync(generateCall(userId, ttl));
  }

  /** See {@link ConnectionTokens#check(String, String)}. */
  public ConnectionTokenStatus check(String userId, String token) {
    return Objects.requireNonNull(runner.execute(checkCall(userId, token)));
  }

  /** See {@link ConnectionTokens#checkAsync(String, String)}. */
  public CompletableFuture<ConnectionTokenStatus> checkAsync(String userId, String token) {
    return runner.executeAsync(checkCall(userId, token));
  }

  /** See {@link ConnectionTokens#revoke(String, String)}. */
  public void revoke(String userId, String token) {
    runner.execute(revokeCall(userId, token));
  }

  /** See {@link ConnectionTokens#revokeAsync(String, String)}. */
  public CompletableFuture<Void> revokeAsync(String userId, String token) {
    CompletableFuture<Boolean> revoking = runner.executeAsync(revokeCall(userId, token));
    CompletableFuture<Void> result = revoking.thenApply(revoked -> null);
    // Cancelling a dependent future does not cancel its source: pass it on, so the call in flight is cancelled.
    result.whenComplete((ignored, error) -> {
      if (result.isCancelled()) {
        revoking.cancel(true);
      }
    });
    return result;
  }

  /** See {@link ConnectionTokens#loginUrl(String)}. */
  public URI loginUrl(String token) {
    return Urls.loginUrl(config.appBaseUrl(), Inputs.requireToken(token));
  }

  private ApiCall<?, ConnectionToken> generateCall(@Nullable String userId, @Nullable Duration ttl) {
    ensureOpen();
    String user = Inputs.requireUserId(userId);
    TtlRule.Resolved resolved = TtlRule.resolve(ttl);
    if (resolved.clamped() && clampWarned.compareAndSet(false, true)) {
      LOG.warn("Requested connection-token TTL {} is above Partoo's maximum; sending {} s instead (logged once per"
          + " client)", ttl, ConnectionTokens.MAX_TTL.getSeconds());
    }
    return api.generate(user, resolved);
  }

  private ApiCall<?, ConnectionTokenStatus> checkCall(@Nullable String userId, @Nullable String token) {
    ensureOpen();
    return api.check(Inputs.requireUserId(userId), Inputs.requireToken(token));
  }

  private ApiCall<?, Boolean> revokeCall(@Nullable String userId, @Nullable String token) {
    ensureOpen();
    return api.revoke(Inputs.requireUserId(userId), Inputs.requireToken(token));
  }

  private void ensureOpen() {
    if (closed.get()) {
      throw new IllegalStateException("this PartooClient is closed");
    }
  }

  /** Releases threads and connections (when not shared); later calls throw {@link IllegalStateException}. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      transport.close();
    }
  }
}
