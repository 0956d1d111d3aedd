package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.FailureKind;
import java.io.IOException;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** What one attempt came to; the call loop decides from it whether to return, retry or fail. */
sealed interface Outcome<T> {

  /** A usable answer; null for operations without a value (revoke). */
  record Success<T>(@Nullable T value) implements Outcome<T> {}

  /** An HTTP answer with a status other than 2xx; its body read (capped) and closed. */
  record HttpFailure<T>(int status, @Nullable String requestId, @Nullable Duration retryAfter, ErrorBody body)
      implements Outcome<T> {}

  /** A 2xx answer whose body this client cannot use. */
  record Unusable<T>(int status, @Nullable String requestId, String problem) implements Outcome<T> {}

  /**
   * No HTTP answer at all.
   *
   * @param maybeProcessed whether a request was written, so Partoo may have acted on it
   * @param onPooledConnection whether it went out on a connection reused from the pool, and nothing at all came back
   *     (no status line): what a connection the server closed while it was idle looks like
   * @param unprocessed whether the server provably did not process the request: an HTTP/2 stream it refused, or
   *     one past its GOAWAY, or a connection shut down before the stream opened
   * @param proxy the HTTP proxy the attempt went through ({@code host:port}), or null when it went direct
   */
  record NoAnswer<T>(IOException cause, boolean maybeProcessed, boolean onPooledConnection, boolean unprocessed,
      @Nullable String proxy) implements Outcome<T> {

    /** No answer, on a connection opened for the attempt (or none), direct. */
    NoAnswer(IOException cause, boolean maybeProcessed) {
      this(cause, maybeProcessed, false);
    }

    /** No answer, direct, the server may have processed the request. */
    NoAnswer(IOException cause, boolean maybeProcessed, boolean onPooledConnection) {
      this(cause, maybeProcessed, onPooledConnection, false, null);
    }
  }

  /**
   * No connection, because of this client's own configuration: its TLS settings, or the proxy it goes through
   * refused the tunnel. Nothing reached Partoo; sending again will fail the same way.
   *
   * @param kind {@link FailureKind#TLS} or {@link FailureKind#PROXY}
   * @param problem what was wrong, in a few words, for the message (no secret)
   * @param proxy the proxy ({@code host:port}) for {@link FailureKind#PROXY}, else null
   */
  record Misconfigured<T>(FailureKind kind, IOException cause, String problem, @Nullable String proxy)
      implements Outcome<T> {}

  /** The API key could not be obtained or sent; nothing was sent. */
  record NoApiKey<T>(String problem) implements Outcome<T> {}

  /**
   * The HTTP stack or the JSON parser failed with a runtime exception (a bug, or an answer it cannot handle).
   *
   * @param status the answer's status, if one had arrived
   */
  record Broken<T>(RuntimeException cause, @Nullable Integer status, @Nullable String requestId)
      implements Outcome<T> {}
}
