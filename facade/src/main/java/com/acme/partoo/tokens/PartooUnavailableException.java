package com.acme.partoo.tokens;

import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The call failed at once and nothing was sent: this client's outage protection considers Partoo down (since
 * {@link #downSince()}), or Partoo asked the whole client to wait (HTTP 429 or 503 with {@code Retry-After}) past this
 * call's deadline. Render without Partoo; calls go through again from {@link #retryAt()}. See {@link OutagePolicy}.
 */
public final class PartooUnavailableException extends PartooException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Instant downSince;
  private final @Nullable Instant retryAt;

  /**
   * See {@link PartooException#PartooException(String, PartooException.Details, Throwable)}.
   *
   * @param downSince when the protection opened, or null for a pause Partoo asked for
   * @param retryAt when the next probe, or the end of the pause, is due; null if unknown
   */
  public PartooUnavailableException(
      String message, Details details, @Nullable Throwable cause, @Nullable Instant downSince,
      @Nullable Instant retryAt) {
    super(message, details, cause);
    this.downSince = downSince;
    this.retryAt = retryAt;
  }

  /** Since when Partoo has been considered down; empty for a pause Partoo asked for. */
  public Optional<Instant> downSince() {
    return Optional.ofNullable(downSince);
  }

  /** When calls may go through again: the next probe, or the end of Partoo's pause. */
  public Optional<Instant> retryAt() {
    return Optional.ofNullable(retryAt);
  }
}
