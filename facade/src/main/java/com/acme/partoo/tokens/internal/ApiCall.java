package com.acme.partoo.tokens.internal;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;

/**
 * One operation ready to run: how to make a fresh Retrofit call for each attempt, and how to turn its body into the
 * public value.
 *
 * @param operation what the call is about, for messages and redaction
 * @param newCall a new, unexecuted call per attempt
 * @param mapper the generated model to the public value; it gets null for a body-less 2xx (204, 205)
 * @param probe for operations that must not simply be repeated after an ambiguous failure (revoke): a single-attempt
 *     call that says whether the first attempt took effect after all (a non-null value is the result); or null
 */
record ApiCall<R, T>(
    Operation operation, Supplier<Call<R>> newCall, BodyMapper<R, T> mapper, @Nullable ApiCall<?, T> probe) {

  /** Maps a generated model to a public value. */
  @FunctionalInterface
  interface BodyMapper<R, T> {
    /** @throws UnusableBodyException if the body lacks what the value needs, or is absent and needed */
    @Nullable T map(@Nullable R body) throws UnusableBodyException;
  }

  /** {@code body}, for mappers that need one. */
  static <R> R present(@Nullable R body) throws UnusableBodyException {
    if (body == null) {
      throw new UnusableBodyException("an empty body");
    }
    return body;
  }

  /** A 2xx body without what this client needs; the message names the problem and never quotes the body. */
  static final class UnusableBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableBodyException(String problem) {
      super(problem, null, false, false);
    }
  }
}
