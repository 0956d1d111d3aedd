package com.acme.partoo.tokens.internal;

import org.jspecify.annotations.Nullable;

/**
 * One request the call loop decided to send, attached to its OkHttp call as a tag: the interceptors record on it what
 * happened on the wire (the key sent, the hidden {@code Retry-After}, how many requests went out), and the loop reads
 * it back when the attempt ends. Written on the thread running the OkHttp call, read after the call completes.
 */
final class Attempt {

  /** Which request: the operation's own, or the check a revoke makes before trying again. */
  final Operation.Kind kind;
  /** The call's deadline, as a {@link com.acme.partoo.tokens.Ticker} reading: nothing is sent at or after it. */
  final long deadline;

  private volatile boolean started;
  private volatile @Nullable String keySent;
  private volatile @Nullable String retryAfter;
  private volatile int requestsSent;

  Attempt(Operation.Kind kind, long deadline) {
    this.kind = kind;
    this.deadline = deadline;
  }

  /** OkHttp began running the call: it is no longer waiting in the dispatcher's queue. */
  void started(String key) {
    this.keySent = key;
    this.started = true;
  }

  boolean isStarted() {
    return started;
  }

  /** The API key this attempt resolved and put on the request, for redaction; null if it never got that far. */
  @Nullable String keySent() {
    return keySent;
  }

  /** Counts a request about to be written; returns how many were written before it (0 for the first). */
  int countRequest() {
    return requestsSent++;
  }

  /** Whether a request was written (and Partoo may have processed it). */
  boolean wasSent() {
    return requestsSent > 0;
  }

  void retryAfter(String header) {
    this.retryAfter = header;
  }

  /** The answer's {@code Retry-After}, which the wire interceptor hides from OkHttp's own follow-up logic. */
  @Nullable String retryAfter() {
    return retryAfter;
  }

  /** Masked: the key must never reach a log line. */
  @Override
  public String toString() {
    return "Attempt[" + kind + ", key=****]";
  }
}
