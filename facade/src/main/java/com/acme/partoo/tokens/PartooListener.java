package com.acme.partoo.tokens;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Hears what a client does, for metrics, traces and logs: {@link PartooClient.Builder#listener(PartooListener)}.
 * Every method has a no-op default; implement what you need. Events carry no API key and no token, not even masked.
 *
 * <p>Threads and cost: {@link #callStarted} runs on the thread making the call; a call's {@link CallListener} runs on
 * the thread running each attempt (the caller's for a blocking call, an OkHttp dispatcher thread for an async one) or
 * ending the call (also the thread closing the client). Keep listeners quick and non-blocking: they run on the call
 * path. A listener that throws is logged once at WARN and then ignored: it never breaks a call.
 */
public interface PartooListener {

  /**
   * A call begins (before its first attempt, and before any wait for the client to be allowed to send).
   *
   * @return what hears this call's attempts and end; {@link CallListener#NONE} to hear nothing more of it
   */
  default CallListener callStarted(CallStarted call) {
    return CallListener.NONE;
  }

  /** The client's retry budget just ran out: calls now fail after one attempt until successful calls refill it. */
  default void retryBudgetExhausted(Operation operation) {}

  /** The outage protection changed state ({@link PartooClient#health()} reads the current one). */
  default void healthChanged(PartooHealth previous, PartooHealth current) {}

  /** Hears one call: its attempts, then its end. Each attempt's start comes before its end, the call's end last. */
  interface CallListener {

    /** Hears nothing. */
    CallListener NONE = new CallListener() {};

    /**
     * A request is about to be sent. {@code headers} adds headers to it (a trace context, say); it refuses the
     * headers the client owns ({@code x-APIKey}, {@code User-Agent}, {@code Content-Type}, {@code Host}).
     */
    default void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {}

    /** A request came to an answer or a failure; says what the client does next. */
    default void attemptEnded(AttemptEnded attempt) {}

    /** The call ended: succeeded, failed for good, or was stopped. */
    default void callEnded(CallEnded call) {}
  }

  /** Adds a header to the request about to be sent. */
  @FunctionalInterface
  interface RequestHeaders {
    /** @throws IllegalArgumentException for a header the client owns, or a name or value a header cannot carry */
    void set(String name, String value);
  }

  /** The three operations of Partoo's connection-token API, with what a trace needs to name their requests. */
  enum Operation {
    /** {@code POST /connection/generate_token}. */
    GENERATE("POST", "/connection/generate_token"),
    /** {@code GET /connection/check_token}; also the check a revoke makes before trying again. */
    CHECK("GET", "/connection/check_token"),
    /** {@code POST /connection/revoke_token}. */
    REVOKE("POST", "/connection/revoke_token");

    private final String method;
    private final String path;

    Operation(String method, String path) {
      this.method = method;
      this.path = path;
    }

    /** The HTTP method, e.g. {@code POST}. */
    public String method() {
      return method;
    }

    /** The path below the base URL, a template without any value: e.g. {@code /connection/generate_token}. */
    public String path() {
      return path;
    }
  }

  /** Why the client waits before its next attempt. */
  enum WaitReason {
    /** Exponential backoff with jitter. */
    BACKOFF,
    /** Partoo's {@code Retry-After} header. */
    RETRY_AFTER
  }

  /** How a call ended. */
  enum Outcome {
    /** It returned its value. */
    SUCCESS,
    /** It failed with a {@link PartooException}. */
    FAILURE
  }

  /**
   * A call begins.
   *
   * @param operation what it does
   * @param serverAddress the API's host name
   * @param serverPort the API's port
   * @param urlTemplate the request's URL without values: the base URL's path and the operation's, e.g.
   *     {@code /v2/connection/generate_token}
   */
  record CallStarted(Operation operation, String serverAddress, int serverPort, String urlTemplate) {}

  /**
   * A request about to be sent.
   *
   * @param operation what the request does ({@link Operation#CHECK} for the check a revoke makes)
   * @param number 1 for the call's first request, 2 for the next, and so on (a resend count is {@code number - 1})
   */
  record AttemptStarted(Operation operation, int number) {}

  /**
   * A request's end.
   *
   * @param operation what the request did
   * @param number as in {@link AttemptStarted#number()}
   * @param statusCode the HTTP status, when an answer came
   * @param failure what went wrong, when something did (also for an answer the call retries)
   * @param duration from the request's start to its end
   * @param nextWait how long the client waits before its next attempt, if it makes one after a wait
   * @param waitReason why it waits, with {@code nextWait}
   */
  record AttemptEnded(
      Operation operation,
      int number,
      OptionalInt statusCode,
      Optional<FailureKind> failure,
      Duration duration,
      Optional<Duration> nextWait,
      Optional<WaitReason> waitReason) {}

  /**
   * A call's end.
   *
   * @param operation what it did
   * @param outcome success or failure
   * @param failure what went wrong, on failure
   * @param statusCode the last answer's HTTP status, if any
   * @param duration from the call's start to its end, waits included
   * @param attempts requests sent, the check of a revoke included
   */
  record CallEnded(
      Operation operation,
      Outcome outcome,
      Optional<FailureKind> failure,
      OptionalInt statusCode,
      Duration duration,
      int attempts) {}
}
