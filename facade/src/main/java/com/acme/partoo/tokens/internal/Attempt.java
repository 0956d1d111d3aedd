package com.acme.partoo.tokens.internal;

import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.PartooListener.CallListener;
import com.acme.partoo.tokens.Ticker;
import java.util.OptionalInt;
import org.jspecify.annotations.Nullable;

/**
 * One request the call loop decided to send, attached to its OkHttp call as a tag: the interceptors record on it what
 * happened on the wire (the key sent, the hidden {@code Retry-After}, how many requests went out, the status), and
 * the loop reads it back when the attempt ends. Written on the thread running the OkHttp call, read after the call
 * completes.
 */
final class Attempt {

  /** Which request: the operation's own, or the check a revoke makes before trying again. */
  final Operation.Kind kind;
  /** The call's deadline, as a {@link Ticker} reading: nothing is sent at or after it. */
  final long deadline;
  /** 1 for the call's first request, then 2, 3... */
  final int number;
  /** Who hears this attempt start and end. */
  final CallListener listener;

  private final Ticker ticker;
  private volatile boolean started;
  private volatile long startedAt;
  private volatile @Nullable String keySent;
  private volatile @Nullable String retryAfter;
  private volatile int requestsSent;
  private volatile int status;
  private volatile boolean connecting;
  private volatile @Nullable String proxy;
  private volatile boolean acquired;
  private volatile boolean pooledConnection;
  private volatile boolean responded;

  Attempt(Operation.Kind kind, long deadline, int number, CallListener listener, Ticker ticker) {
    this.kind = kind;
    this.deadline = deadline;
    this.number = number;
    this.listener = listener;
    this.ticker = ticker;
  }

  /** OkHttp began running the call (it is no longer waiting in the dispatcher's queue), with this key. */
  void started(String key) {
    this.keySent = key;
    this.startedAt = ticker.read();
    this.started = true;
  }

  boolean isStarted() {
    return started;
  }

  /** When the attempt started, as a ticker reading. */
  long startedAt() {
    return startedAt;
  }

  /** Tells the listener the request is about to go; {@code headers} takes what it adds. */
  void announce(PartooListener.RequestHeaders headers) {
    listener.attemptStarted(new PartooListener.AttemptStarted(kind.publicOperation(), number), headers);
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

  /**
   * OkHttp began opening a connection for this attempt (its {@code connectStart} event), through {@code proxy}
   * ({@code host:port}) or directly (null).
   */
  void connecting(@Nullable String proxy) {
    this.proxy = proxy;
    this.connecting = true;
  }

  /** The HTTP proxy this attempt's last connection set-up went through, or null (direct, or a pooled connection). */
  @Nullable String proxy() {
    return proxy;
  }

  /**
   * OkHttp gave this attempt a connection (its {@code connectionAcquired} event): one it had not just opened for it
   * came from the pool, and may have been closed by the server while it sat there.
   */
  void connectionAcquired() {
    this.pooledConnection = !connecting;
    this.acquired = true;
  }

  /** Whether the attempt got a connection: a failure before that was one of setting up the connection. */
  boolean hasConnection() {
    return acquired;
  }

  /** Whether the request went out on a connection reused from the pool. */
  boolean onPooledConnection() {
    return pooledConnection;
  }

  /** The answer's status line and headers came back (whatever they said). */
  void responded() {
    this.responded = true;
  }

  /** Whether anything of an answer came back: false if the connection failed before a status line arrived. */
  boolean hasResponded() {
    return responded;
  }

  void retryAfter(String header) {
    this.retryAfter = header;
  }

  /** The answer's {@code Retry-After}, which the wire interceptor hides from OkHttp's own follow-up logic. */
  @Nullable String retryAfter() {
    return retryAfter;
  }

  void answered(int code) {
    this.status = code;
  }

  /** The answer's HTTP status, if one came. */
  OptionalInt status() {
    int code = status;
    return code == 0 ? OptionalInt.empty() : OptionalInt.of(code);
  }

  /** Masked: the key must never reach a log line. */
  @Override
  public String toString() {
    return "Attempt[" + kind + " #" + number + ", key=****]";
  }
}
