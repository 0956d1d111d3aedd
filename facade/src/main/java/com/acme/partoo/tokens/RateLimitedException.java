package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Partoo is rate limiting this API key (HTTP 429), still after the retries the policy and deadline allowed. Slow
 * down; {@link #retryAfter()} is how long Partoo asked to wait, when it said.
 */
public final class RateLimitedException extends PartooException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Duration retryAfter;

  /**
   * See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}.
   *
   * @param retryAfter the wait Partoo asked for in its {@code Retry-After} header, or null
   */
  public RateLimitedException(String message, Details details, @Nullable Throwable cause, @Nullable Duration retryAfter) {
    super(message, details, cause);
    this.retryAfter = retryAfter;
  }

  /** How long Partoo asked to wait before the next request, from its {@code Retry-After} header. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
