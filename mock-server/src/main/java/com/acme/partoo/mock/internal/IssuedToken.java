package com.acme.partoo.mock.internal;

import java.time.Instant;
import java.util.Optional;

/**
 * A connection token and its history. Immutable: a consumption or revocation yields a new value.
 *
 * @param consumed when it was used to log in, or null
 * @param revoked when it was revoked, or null
 */
record IssuedToken(
    String token, String userId, String generatedBy, Instant created, Instant expires, Instant consumed,
    Instant revoked) {

  /** What it is at {@code now}: consumption and revocation are final; otherwise valid strictly before expiry. */
  TokenStatus status(Instant now) {
    if (consumed != null) {
      return TokenStatus.CONSUMED;
    }
    if (revoked != null) {
      return TokenStatus.REVOKED;
    }
    return now.isBefore(expires) ? TokenStatus.VALID : TokenStatus.EXPIRED;
  }

  Optional<Instant> consumption() {
    return Optional.ofNullable(consumed);
  }

  IssuedToken consumedAt(Instant now) {
    return new IssuedToken(token, userId, generatedBy, created, expires, now, revoked);
  }

  IssuedToken revokedAt(Instant now) {
    return new IssuedToken(token, userId, generatedBy, created, expires, consumed, now);
  }

  /** Who and when, never the token, not even part of it: it is a credential. */
  @Override
  public String toString() {
    return "IssuedToken[for user " + userId + ", by " + generatedBy + ", expires " + expires
        + (consumed != null ? ", consumed " + consumed : "") + (revoked != null ? ", revoked " + revoked : "") + "]";
  }
}
