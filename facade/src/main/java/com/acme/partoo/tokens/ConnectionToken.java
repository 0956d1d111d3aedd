package com.acme.partoo.tokens;

import com.acme.partoo.tokens.internal.Secrets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A freshly generated, single-use connection token. {@link #toString()} masks the token: it is a credential.
 *
 * @param token the opaque token to hand to the browser (no format may be assumed: not hex, no fixed length)
 * @param expiresAt when Partoo will stop accepting it
 * @param ttl the time to live actually requested: after rounding up to whole seconds and clamping to
 *     {@link ConnectionTokens#MAX_TTL}, or Partoo's default ({@link ConnectionTokens#DEFAULT_TTL}) when none was given
 */
public record ConnectionToken(String token, Instant expiresAt, Duration ttl) {

  /** Checks that no component is null. */
  public ConnectionToken {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(expiresAt, "expiresAt");
    Objects.requireNonNull(ttl, "ttl");
  }

  /** Shows the expiry and TTL, and the token masked. */
  @Override
  public String toString() {
    return "ConnectionToken[token=" + Secrets.mask(token) + ", expiresAt=" + expiresAt + ", ttl=" + ttl + "]";
  }
}
