package com.acme.partoo.tokens.internal;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The TTL table: null → nothing sent (Partoo's default applies); zero or negative → refused; fractions of a second →
 * rounded up; above {@link #MAX_TTL} → clamped to it. The limits live here, with the rule; the public
 * {@code ConnectionTokens} constants are defined from them (through {@link TokenService}), never the other way round.
 */
final class TtlRule {

  /** The longest TTL Partoo accepts (the spec's {@code ttl.maximum}): one day. */
  static final Duration MAX_TTL = Duration.ofSeconds(86_400);

  /** The TTL Partoo applies when none is sent: one day. */
  static final Duration DEFAULT_TTL = Duration.ofSeconds(86_400);

  private static final long MAX_SECONDS = MAX_TTL.getSeconds();

  private TtlRule() {}

  /**
   * What to send and what to report.
   *
   * @param secondsToSend the {@code ttl} field, or null to leave it out
   * @param effective the TTL the token will have
   * @param clamped whether the requested TTL was above the maximum
   */
  public record Resolved(@Nullable Integer secondsToSend, Duration effective, boolean clamped) {}

  /** Applies the table. @throws IllegalArgumentException if {@code ttl} is zero or negative */
  public static Resolved resolve(@Nullable Duration ttl) {
    if (ttl == null) {
      return new Resolved(null, DEFAULT_TTL, false);
    }
    if (ttl.isZero() || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl must be positive, was " + ttl + "; nothing was sent to Partoo");
    }
    if (ttl.getSeconds() >= MAX_SECONDS) {
      boolean clamped = ttl.compareTo(MAX_TTL) > 0;
      return new Resolved((int) MAX_SECONDS, MAX_TTL, clamped);
    }
    long seconds = ttl.getSeconds() + (ttl.getNano() > 0 ? 1 : 0);
    return new Resolved((int) seconds, Duration.ofSeconds(seconds), false);
  }
}
