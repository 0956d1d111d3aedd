package com.acme.partoo.tokens.internal;

import java.io.InterruptedIOException;
import java.util.Set;

/** Which outcomes are worth another attempt, and after which ones the request may have taken effect anyway. */
final class RetryRules {

  // Statuses that mean "not processed, or failed on the way": safe and useful to try again.
  private static final Set<Integer> RETRYABLE_STATUSES = Set.of(429, 500, 502, 503, 504);
  // Of those, the ones after which the request may nevertheless have taken effect.
  private static final Set<Integer> AMBIGUOUS_STATUSES = Set.of(500, 502, 504);

  private RetryRules() {}

  /** No answer, or 429, 500, 502, 503, 504. */
  static boolean isRetryable(Outcome<?> outcome) {
    if (outcome instanceof Outcome.NoAnswer<?>) {
      return true;
    }
    return outcome instanceof Outcome.HttpFailure<?> failure && RETRYABLE_STATUSES.contains(failure.status());
  }

  /** The request may have been processed although no usable answer came: no answer once it was sent, 500/502/504. */
  static boolean isAmbiguous(Outcome<?> outcome) {
    if (outcome instanceof Outcome.NoAnswer<?> noAnswer) {
      return noAnswer.maybeProcessed();
    }
    return outcome instanceof Outcome.HttpFailure<?> failure && AMBIGUOUS_STATUSES.contains(failure.status());
  }

  /**
   * The request went out on a pooled connection the server had closed while it sat idle: written on a reused
   * connection, which then ended (closed or reset, not timed out) before any answer came. That says nothing about
   * Partoo, only that the server, or a load balancer in front of it, dropped an idle connection before our pool did.
   */
  static boolean isStaleConnection(Outcome<?> outcome) {
    return outcome instanceof Outcome.NoAnswer<?> noAnswer
        && noAnswer.onPooledConnection()
        && !(noAnswer.cause() instanceof InterruptedIOException);
  }

  /**
   * The request can be sent again at once, for free: it went out on a stale pooled connection, or the server provably
   * did not process it (an HTTP/2 stream it refused, or one past its GOAWAY), however the attempt got its connection.
   */
  static boolean isFreeResend(Outcome<?> outcome) {
    return isStaleConnection(outcome) || outcome instanceof Outcome.NoAnswer<?> noAnswer && noAnswer.unprocessed();
  }

  /** Partoo answered, so the call says Partoo is up: it refills the retry budget even if the answer was an error. */
  static boolean isAnswer(Outcome<?> outcome) {
    return outcome instanceof Outcome.Success<?>
        || outcome instanceof Outcome.HttpFailure<?> && !isRetryable(outcome)
        || outcome instanceof Outcome.Unusable<?>;
  }
}
