package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.PartooListener;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;

/** What a {@link CallLoop} tells its driver to do next. */
sealed interface Step<T> {

  /** Send {@code call} once, as {@code attempt}, within {@code timeoutNanos}; then report the outcome. */
  record Send<T>(ApiCall<?> call, Attempt attempt, long timeoutNanos) implements Step<T> {}

  /**
   * Wait {@code nanos}, or until {@code wakeEarly} completes if that comes first; then ask what comes next.
   *
   * @param reason why, for a wait between attempts; null for a wait to be let through (a client-wide pause)
   */
  record Wait<T>(long nanos, @Nullable CompletableFuture<Void> wakeEarly, PartooListener.@Nullable WaitReason reason)
      implements Step<T> {}

  /** The call succeeded with {@code value}. */
  record Done<T>(@Nullable T value) implements Step<T> {}

  /** The call failed for good with {@code error}. */
  record Fail<T>(RuntimeException error) implements Step<T> {}

  /** The caller completed the call's future itself: do nothing more. */
  record Abandoned<T>() implements Step<T> {}
}
