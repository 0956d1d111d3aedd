package com.acme.partoo.tokens;

import com.acme.partoo.tokens.internal.Secrets;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * What Partoo knows about a connection token: its status and dates. Immutable; {@link #toString()} masks the token.
 * {@link #status()} is Partoo's value exactly as sent, also one this version does not know; {@link #state()} is the
 * same as an enum ({@link TokenState#UNKNOWN} for a value Partoo added later). Dates and the generating user are optional because Partoo omits them in some states (a token that was
 * never consumed has no consumption date).
 */
public final class ConnectionTokenStatus {

  private final String token;
  private final String status;
  private final TokenState state;
  private final @Nullable Instant expiresAt;
  private final @Nullable Instant createdAt;
  private final @Nullable Instant consumedAt;
  private final @Nullable String generatedBy;

  /**
   * Builds a status; only the token and Partoo's status value are required.
   *
   * @param status Partoo's {@code status} field as sent ({@code valid}, {@code consumed}, {@code revoked},
   *     {@code expired}, or a value Partoo added later)
   */
  public ConnectionTokenStatus(
      String token,
      String status,
      @Nullable Instant expiresAt,
      @Nullable Instant createdAt,
      @Nullable Instant consumedAt,
      @Nullable String generatedBy) {
    this.token = Objects.requireNonNull(token, "token");
    this.status = Objects.requireNonNull(status, "status");
    this.state = TokenState.fromStatus(status);
    this.expiresAt = expiresAt;
    this.createdAt = createdAt;
    this.consumedAt = consumedAt;
    this.generatedBy = generatedBy;
  }

  /** The token this status is about. */
  public String token() {
    return token;
  }

  /** Partoo's {@code status} value exactly as sent, e.g. {@code "valid"}; the CLI's {@code check --json} prints this. */
  public String status() {
    return status;
  }

  /** Whether the token can still be used, and if not, why; {@link TokenState#UNKNOWN} for a value this version does
   * not know (see {@link #status()}). */
  public TokenState state() {
    return state;
  }

  /** When the token stops (or stopped) being accepted. */
  public Optional<Instant> expiresAt() {
    return Optional.ofNullable(expiresAt);
  }

  /** When the token was generated. */
  public Optional<Instant> createdAt() {
    return Optional.ofNullable(createdAt);
  }

  /** When the token was used to log in; empty unless {@link #state()} is {@link TokenState#CONSUMED}. */
  public Optional<Instant> consumedAt() {
    return Optional.ofNullable(consumedAt);
  }

  /** The id of the Partoo user whose API key generated the token. */
  public Optional<String> generatedBy() {
    return Optional.ofNullable(generatedBy);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ConnectionTokenStatus that
        && token.equals(that.token)
        && status.equals(that.status)
        && Objects.equals(expiresAt, that.expiresAt)
        && Objects.equals(createdAt, that.createdAt)
        && Objects.equals(consumedAt, that.consumedAt)
        && Objects.equals(generatedBy, that.generatedBy);
  }

  @Override
  public int hashCode() {
    return Objects.hash(token, status, expiresAt, createdAt, consumedAt, generatedBy);
  }

  /** Shows the state and dates, and the token masked. */
  @Override
  public String toString() {
    return "ConnectionTokenStatus[token=" + Secrets.mask(token)
        + ", status=" + status
        + ", expiresAt=" + expiresAt
        + ", createdAt=" + createdAt
        + ", consumedAt=" + consumedAt
        + ", generatedBy=" + generatedBy + "]";
  }
}
