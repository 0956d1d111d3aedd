package com.acme.partoo.mock.internal;

import java.time.Duration;
import java.util.Optional;

/**
 * One scheduled misbehaviour: an error answer with an HTML body (as proxies and gateways send), or no answer at all.
 *
 * @param status the status to answer, or 0 to drop the connection
 * @param retryAfter the {@code Retry-After} to send, if any
 */
record Fault(int status, Optional<Duration> retryAfter) {

  private static final int DROP = 0;

  static Fault drop() {
    return new Fault(DROP, Optional.empty());
  }

  static Fault answer(int status, Optional<Duration> retryAfter) {
    return new Fault(status, retryAfter);
  }

  boolean drops() {
    return status == DROP;
  }

  Answer toAnswer() {
    Answer page = Answer.html(status, status + " " + ResponseEncoder.reason(status),
        "Injected by the fake Partoo's fault schedule.");
    // Whole seconds, rounded up: a client must never be told to come back earlier than asked.
    return retryAfter
        .map(wait -> page.withHeader("Retry-After", String.valueOf(wait.plusNanos(999_999_999).getSeconds())))
        .orElse(page);
  }
}
