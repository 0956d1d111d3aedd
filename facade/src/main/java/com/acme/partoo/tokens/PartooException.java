package com.acme.partoo.tokens;

import java.util.Optional;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * Root of every failure of a Partoo call; unchecked. Subclasses name what a caller can do about it. Each carries the
 * HTTP status (if Partoo answered), Partoo's own detail, the request id Partoo's infrastructure returned (quote it to
 * Partoo support), and the number of attempts made; failures of earlier attempts are attached as
 * {@linkplain #getSuppressed() suppressed} exceptions. Messages never contain the API key, and a token only masked.
 */
public abstract class PartooException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final @Nullable Integer statusCode;
  private final @Nullable String partooMessage;
  private final @Nullable String requestId;
  private final int attempts;

  /**
   * @param message what happened and what to do next
   * @param statusCode the HTTP status, or null when there was no HTTP answer
   * @param partooMessage Partoo's own detail from the error body, or null when there was none
   * @param requestId the request id response header, or null when absent
   * @param attempts attempts made, the first included
   * @param cause the underlying failure, or null
   */
  protected PartooException(
      String message,
      @Nullable Integer statusCode,
      @Nullable String partooMessage,
      @Nullable String requestId,
      int attempts,
      @Nullable Throwable cause) {
    super(message, cause);
    this.statusCode = statusCode;
    this.partooMessage = partooMessage;
    this.requestId = requestId;
    this.attempts = attempts;
  }

  /** The HTTP status of Partoo's answer; empty when no HTTP answer arrived or it could not be read. */
  public OptionalInt statusCode() {
    return statusCode == null ? OptionalInt.empty() : OptionalInt.of(statusCode);
  }

  /** Partoo's own detail from the error body (for example {@code "User not authenticated"}), secrets masked. */
  public Optional<String> partooMessage() {
    return Optional.ofNullable(partooMessage);
  }

  /** The request id Partoo (or a proxy in front of it) returned, to quote to Partoo support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(requestId);
  }

  /** Attempts made before giving up, the first included. */
  public int attempts() {
    return attempts;
  }
}
