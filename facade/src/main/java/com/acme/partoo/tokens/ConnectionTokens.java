package com.acme.partoo.tokens;

import com.acme.partoo.tokens.internal.Secrets;
import com.acme.partoo.tokens.internal.TokenService;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/**
 * Partoo's connection-token operations: generate, check, revoke, and the login URL a browser opens. Obtained from
 * {@link PartooClient#connectionTokens()}; thread-safe.
 *
 * <p>Arguments are checked before anything is sent: a null or blank user id or token, or a zero or negative TTL, throws
 * {@link IllegalArgumentException} (also from the {@code *Async} methods, immediately). Every other failure is a
 * {@link PartooException}, thrown by the blocking methods and completing the futures of the asynchronous ones. Each
 * call is bounded by the client's deadline, from the moment it is made.
 *
 * <p>Threads: a blocking call runs on the caller's thread (the API-key supplier too). An asynchronous call runs on
 * OkHttp's dispatcher threads and its future completes there, so run blocking follow-up work with your own executor
 * ({@code thenApplyAsync(f, executor)}); a call stopped by {@link PartooClient#close()} completes on the thread that
 * closes. Completing a returned future yourself ({@code cancel}, {@code orTimeout}, {@code complete...}) stops its call:
 * the request in flight is canceled and nothing more is sent (a dependent future, from {@code thenApply} say, does not
 * reach back to the call).
 */
public final class ConnectionTokens {

  /** The longest TTL Partoo accepts (the spec's {@code ttl.maximum}): one day. Longer requests are clamped to it. */
  public static final Duration MAX_TTL = TokenService.MAX_TTL;

  /** The TTL Partoo applies when none is sent: one day. */
  public static final Duration DEFAULT_TTL = TokenService.DEFAULT_TTL;

  private final TokenService service;

  /**
   * {@code token} as this library shows it wherever it prints one (messages, {@code toString}, the CLI): its first four
   * characters then {@code ****}, or only {@code ****} when it is short. Use it to log a token safely.
   */
  public static String mask(String token) {
    return Secrets.mask(token);
  }

  ConnectionTokens(TokenService service) {
    this.service = service;
  }

  /**
   * Generates a single-use token for {@code userId} with Partoo's default TTL (one day); nothing about TTL is sent.
   *
   * @throws PermissionDeniedException if the key's user lacks WRITE access on {@code userId}, or it is a PROVIDER
   * @throws PartooException for any other failure, after the retries the policy allows
   */
  public ConnectionToken generate(String userId) {
    return service.generate(userId, null);
  }

  /**
   * Generates a single-use token for {@code userId} valid for {@code ttl}: rounded up to whole seconds, clamped to
   * {@link #MAX_TTL} (logged once per client at WARN); null means Partoo's default. The token reports the TTL sent.
   *
   * @throws IllegalArgumentException if {@code ttl} is zero or negative (nothing is sent)
   * @throws PartooException for any other failure, after the retries the policy allows
   */
  public ConnectionToken generate(String userId, @Nullable Duration ttl) {
    return service.generate(userId, ttl);
  }

  /** {@link #generate(String)} without blocking: waits between attempts are scheduled, never slept on a thread. */
  public CompletableFuture<ConnectionToken> generateAsync(String userId) {
    return service.generateAsync(userId, null);
  }

  /** {@link #generate(String, Duration)} without blocking: waits are scheduled, never slept on a thread. */
  public CompletableFuture<ConnectionToken> generateAsync(String userId, @Nullable Duration ttl) {
    return service.generateAsync(userId, ttl);
  }

  /**
   * Asks Partoo what became of {@code token}, generated for {@code userId}: valid, consumed, revoked or expired.
   *
   * @throws NotFoundException if Partoo knows no such user, or no such token for this user
   * @throws PartooException for any other failure, after the retries the policy allows
   */
  public ConnectionTokenStatus check(String userId, String token) {
    return service.check(userId, token);
  }

  /** {@link #check(String, String)} without blocking. */
  public CompletableFuture<ConnectionTokenStatus> checkAsync(String userId, String token) {
    return service.checkAsync(userId, token);
  }

  /**
   * Revokes {@code token} so it can no longer be used to log in. Safe to retry: when an attempt ends ambiguously (no
   * answer after sending, or HTTP 500/502/504), the token is checked before revoking again, and a token already
   * {@code revoked} counts as success.
   *
   * @throws InvalidRequestException if the token is no longer valid (consumed, revoked earlier, or expired)
   * @throws PartooException for any other failure, after the retries the policy allows
   */
  public void revoke(String userId, String token) {
    service.revoke(userId, token);
  }

  /** {@link #revoke(String, String)} without blocking. */
  public CompletableFuture<Void> revokeAsync(String userId, String token) {
    return service.revokeAsync(userId, token);
  }

  /**
   * The URL that logs a browser in with {@code token}: {@code <appBaseUrl>/connection?connection_token=<token>}, the
   * token percent-encoded. Opening it consumes the token. Sends nothing.
   */
  public URI loginUrl(String token) {
    return service.loginUrl(token);
  }
}
