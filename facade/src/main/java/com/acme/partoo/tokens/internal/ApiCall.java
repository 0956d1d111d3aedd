package com.acme.partoo.tokens.internal;

import java.io.IOException;
import java.util.function.Supplier;
import okhttp3.Request;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/**
 * One operation ready to run: how to build its request for each attempt, and how to turn a 2xx body into the public
 * value.
 *
 * @param operation what the call is about, for messages and redaction
 * @param request a fresh request per attempt, built by Retrofit from the generated interface
 * @param reader the 2xx body to the public value
 * @param alreadyDone for an operation that must not simply be repeated after an ambiguous failure (revoke, whose
 *     value is always null): a call that says whether the lost attempt took effect after all ({@code TRUE} ends the
 *     call successfully); or null
 */
record ApiCall<T>(
    Operation operation, Supplier<Request> request, BodyReader<T> reader, @Nullable ApiCall<Boolean> alreadyDone) {

  /** Reads a 2xx body into a public value. */
  @FunctionalInterface
  interface BodyReader<T> {
    /**
     * @throws IOException if the body cannot be read or parsed (Jackson's exceptions are IOExceptions)
     * @throws UnusableBodyException if it parses but lacks what the value needs
     */
    @Nullable T read(ResponseBody body) throws IOException, UnusableBodyException;
  }

  /** A 2xx body without what this client needs; the message names the problem and never quotes the body. */
  static final class UnusableBodyException extends Exception {
    private static final long serialVersionUID = 1L;

    UnusableBodyException(String problem) {
      super(problem, null, false, false);
    }
  }
}
