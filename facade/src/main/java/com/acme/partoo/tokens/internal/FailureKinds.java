package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.FailureKind;
import java.io.InterruptedIOException;
import org.jspecify.annotations.Nullable;

/** The {@link FailureKind} of an attempt's outcome, and what it says against Partoo for the outage protection. */
final class FailureKinds {

  private FailureKinds() {}

  /** What went wrong, or null for a success. */
  static @Nullable FailureKind of(Outcome<?> outcome) {
    if (outcome instanceof Outcome.HttpFailure<?> failure) {
      return ofStatus(failure.status());
    }
    if (outcome instanceof Outcome.NoAnswer<?> noAnswer) {
      // SocketTimeoutException is an InterruptedIOException, and so is OkHttp's call timeout.
      return noAnswer.cause() instanceof InterruptedIOException ? FailureKind.TIMEOUT : FailureKind.NO_ANSWER;
    }
    if (outcome instanceof Outcome.NoApiKey<?>) {
      return FailureKind.AUTHENTICATION;
    }
    if (outcome instanceof Outcome.Misconfigured<?> misconfigured) {
      return misconfigured.kind();
    }
    if (outcome instanceof Outcome.Unusable<?> || outcome instanceof Outcome.Broken<?>) {
      return FailureKind.UNEXPECTED_RESPONSE;
    }
    return null;
  }

  static FailureKind ofStatus(int status) {
    return switch (status) {
      case 400 -> FailureKind.INVALID_REQUEST;
      case 401 -> FailureKind.AUTHENTICATION;
      case 403 -> FailureKind.PERMISSION;
      case 404 -> FailureKind.NOT_FOUND;
      case 429 -> FailureKind.RATE_LIMITED;
      default -> status >= 500 && status <= 599 ? FailureKind.SERVER : FailureKind.UNEXPECTED_RESPONSE;
    };
  }

  /**
   * Whether the outcome tells the outage protection anything: an answer, or no answer to a request that was sent. A
   * missing key, this service's own TLS or proxy settings, or a bug in the HTTP stack say nothing about Partoo.
   */
  static boolean isVerdict(Outcome<?> outcome) {
    return !(outcome instanceof Outcome.NoApiKey<?> || outcome instanceof Outcome.Misconfigured<?>
        || outcome instanceof Outcome.Broken<?>);
  }

  /** What the outcome says against Partoo (no answer, timeout, 5xx, 429), or null when it says Partoo answered. */
  static @Nullable FailureKind against(Outcome<?> outcome) {
    return RetryRules.isRetryable(outcome) ? of(outcome) : null;
  }
}
