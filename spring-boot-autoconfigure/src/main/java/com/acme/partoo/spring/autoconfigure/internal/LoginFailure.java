package com.acme.partoo.spring.autoconfigure.internal;

import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.PartooUnavailableException;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.RateLimitedException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Why a login request gets no token, as the browser is told it: the status, the outcome tag, a wait when one is known
 * ({@code Retry-After}), and a short text for the user that never holds a token, the key, a user id or Partoo's own
 * words. The one place where a {@link PartooException} becomes a status.
 *
 * @param status 401, 403, 404, 429 or 503
 * @param retryAfter how long until trying again may work, or null when unknown
 */
public record LoginFailure(int status, LoginOutcome outcome, @Nullable Duration retryAfter, String title,
    String text) {

  /** No signed-in user. */
  static LoginFailure unauthenticated() {
    return new LoginFailure(401, LoginOutcome.UNAUTHENTICATED, null, "Sign in first",
        "Sign in to this service, then open Partoo again.");
  }

  /** The user's own limit is spent until {@code wait} has passed. */
  static LoginFailure rateLimited(Duration wait) {
    return new LoginFailure(429, LoginOutcome.RATE_LIMITED, wait, "Too many Partoo logins",
        "You opened Partoo many times in a short while. Try again in " + seconds(wait) + " s.");
  }

  /** What {@code e}, thrown by a generate call, means for the user; {@code clock} turns Partoo's dates into waits. */
  static LoginFailure of(PartooException e, Clock clock) {
    if (e instanceof PermissionDeniedException) {
      return new LoginFailure(403, LoginOutcome.REFUSED, null, "Partoo refuses your login",
          "Partoo does not let this service log your account in. Ask your administrator to check your Partoo access.");
    }
    if (e instanceof NotFoundException) {
      return new LoginFailure(404, LoginOutcome.REFUSED, null, "No Partoo account",
          "Partoo knows no user for your account. Ask your administrator to check your Partoo access.");
    }
    Duration wait = null;
    if (e instanceof PartooUnavailableException unavailable) {
      wait = unavailable.retryAt().map(at -> until(at, clock)).orElse(null);
    } else if (e instanceof RateLimitedException limited) {
      wait = limited.retryAfter().orElse(null);
    }
    return new LoginFailure(503, LoginOutcome.UNAVAILABLE, wait, "Partoo is unavailable",
        "Partoo cannot log you in right now. Try again " + (wait == null ? "in a moment." : "in " + seconds(wait)
            + " s."));
  }

  /** The {@code Retry-After} value: whole seconds, rounded up, at least 1; null when no wait is known. */
  public @Nullable String retryAfterHeader() {
    return retryAfter == null ? null : Long.toString(seconds(retryAfter));
  }

  private static Duration until(Instant at, Clock clock) {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  private static long seconds(Duration wait) {
    long seconds = wait.toSeconds() + (wait.toNanosPart() > 0 ? 1 : 0);
    return Math.max(1, seconds);
  }
}
