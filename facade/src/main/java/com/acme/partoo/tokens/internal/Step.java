package com.acme.partoo.tokens.internal;

import org.jspecify.annotations.Nullable;

/** What a {@link CallLoop} tells its driver to do next. */
sealed interface Step<T> {

  /** Send {@code call} once, as {@code attempt}, within {@code timeoutNanos}; then report the outcome. */
  record Send<T>(ApiCall<?> call, Attempt attempt, long timeoutNanos) implements Step<T> {}

  /** Wait {@code nanos} (backoff or {@code Retry-After}), then ask what comes next. */
  record Wait<T>(long nanos) implements Step<T> {}

  /** The call succeeded with {@code value}. */
  record Done<T>(@Nullable T value) implements Step<T> {}

  /** The call failed for good with {@code error}. */
  record Fail<T>(RuntimeException error) implements Step<T> {}

  /** The caller completed the call's future itself: do nothing more. */
  record Abandoned<T>() implements Step<T> {}
}
