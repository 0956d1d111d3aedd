package com.acme.partoo.tokens;

import java.util.Objects;
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

  private final Details details;

  /**
   * @param message what happened and what to do next
   * @param details status, Partoo's detail, request id and attempts
   * @param cause the underlying failure (its messages already redacted), or null
   */
  protected PartooException(String message, Details details, @Nullable Throwable cause) {
    super(message, cause);
    this.details = Objects.requireNonNull(details, "details");
  }

  /** What Partoo answered, if anything, and how many attempts were made. */
  public Details details() {
    return details;
  }

  /** The HTTP status of Partoo's answer; empty when no HTTP answer arrived or it could not be read. */
  public OptionalInt statusCode() {
    Integer status = details.statusCode();
    return status == null ? OptionalInt.empty() : OptionalInt.of(status);
  }

  /** Partoo's own detail from the error body (for example {@code "User not authenticated"}), secrets masked. */
  public Optional<String> partooMessage() {
    return Optional.ofNullable(details.partooMessage());
  }

  /** The request id Partoo (or a proxy in front of it) returned, to quote to Partoo support. */
  public Optional<String> requestId() {
    return Optional.ofNullable(details.requestId());
  }

  /** Attempts made before giving up, the first included. */
  public int attempts() {
    return details.attempts();
  }

  /**
   * The facts every failure carries.
   *
   * @param statusCode the HTTP status, or null when there was no HTTP answer
   * @param partooMessage Partoo's own detail from the error body (secrets masked), or null when there was none
   * @param requestId the request id response header, or null when absent
   * @param attempts attempts made, the first included (0 when the call failed before its first attempt)
   */
  public record Details(
      @Nullable Integer statusCode, @Nullable String partooMessage, @Nullable String requestId, int attempts) {

    /** Checks that {@code attempts} is not negative. */
    public Details {
      if (attempts < 0) {
        throw new IllegalArgumentException("attempts must not be negative, was " + attempts);
      }
    }

    /** No HTTP answer: only the attempts made. */
    public static Details noAnswer(int attempts) {
      return new Details(null, null, null, attempts);
    }
  }
}
