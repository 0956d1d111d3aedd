package com.acme.partoo.tokens.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What one attempt came to; the runner decides from it whether to return, retry or fail. */
sealed interface Outcome<T> {

  /** A usable answer. */
  record Success<T>(T value) implements Outcome<T> {}

  /** An HTTP answer with a status other than 2xx. */
  record HttpFailure<T>(int status, @Nullable String requestId, @Nullable Duration retryAfter, ErrorBody body)
      implements Outcome<T> {}

  /** A 2xx answer whose body this client cannot use. */
  record Unusable<T>(@Nullable Integer status, @Nullable String requestId, String problem) implements Outcome<T> {}

  /** No HTTP answer at all. */
  record NoAnswer<T>(IOException cause) implements Outcome<T> {
    /** True when the request may have reached Partoo (it was not refused before being sent). */
    boolean maybeProcessed() {
      return !(cause instanceof ConnectException
          || cause instanceof UnknownHostException
          || cause instanceof NoRouteToHostException);
    }
  }

  /** The API key could not be obtained or sent; nothing was sent. */
  record NoApiKey<T>(String problem) implements Outcome<T> {}
}
