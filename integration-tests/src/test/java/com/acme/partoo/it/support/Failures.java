package com.acme.partoo.it.support;

import com.acme.partoo.tokens.PartooException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs a call expected to fail and returns the {@link PartooException}, handed to {@link SecretsGuard} on the way so
 * its message, causes and suppressed exceptions are checked for secrets.
 */
public final class Failures {

  // Far above any test's real duration: only a hung future can reach it.
  private static final Duration ASYNC_LIMIT = Duration.ofSeconds(30);

  private Failures() {}

  /** The exception {@code call} throws; fails if it returns or throws anything but a {@link PartooException}. */
  public static PartooException partooFailure(Runnable call) {
    try {
      call.run();
    } catch (PartooException e) {
      return SecretsGuard.inspect(e);
    } catch (RuntimeException e) {
      SecretsGuard.inspect(e);
      throw new AssertionError("expected a PartooException, got " + e, e);
    }
    throw new AssertionError("expected a PartooException, but the call succeeded");
  }

  /** The exception the future of {@code call} completes with; fails like {@link #partooFailure(Runnable)}. */
  public static PartooException asyncPartooFailure(Supplier<? extends CompletableFuture<?>> call) {
    CompletableFuture<?> future = call.get();
    try {
      future.get(ASYNC_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      SecretsGuard.inspect(e);
      if (e.getCause() instanceof PartooException partoo) {
        return partoo;
      }
      throw new AssertionError("expected the future to fail with a PartooException, got " + e.getCause(), e);
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not complete within " + ASYNC_LIMIT, e);
    }
    throw new AssertionError("expected the future to fail with a PartooException, but it succeeded");
  }

  /** The value of {@code future}, or an assertion error if it does not complete in time. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(ASYNC_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      SecretsGuard.inspect(e);
      throw new AssertionError("the future failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError("the future did not complete within " + ASYNC_LIMIT, e);
    }
  }
}
