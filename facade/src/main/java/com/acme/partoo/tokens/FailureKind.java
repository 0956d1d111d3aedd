package com.acme.partoo.tokens;

/**
 * What a failed call or attempt came to, in a few words fit for a metric tag or a span attribute (low cardinality,
 * never a secret). Each maps to how a caller recovers, like the {@link PartooException} subclasses.
 */
public enum FailureKind {
  /** HTTP 400: the request was rejected; sending it again will not help. */
  INVALID_REQUEST,
  /** HTTP 401, or no usable API key (nothing sent). */
  AUTHENTICATION,
  /** HTTP 403. */
  PERMISSION,
  /** HTTP 404. */
  NOT_FOUND,
  /** HTTP 429. */
  RATE_LIMITED,
  /** HTTP 5xx. */
  SERVER,
  /** An answer this client cannot use: a malformed body, a redirect, an undocumented status. */
  UNEXPECTED_RESPONSE,
  /** No answer: connection refused, reset, or closed before an answer. */
  NO_ANSWER,
  /** No answer in time: a timeout, or the call's deadline. */
  TIMEOUT,
  /**
   * No connection, because of this service's TLS settings: Partoo's certificate is not trusted or does not match the
   * host name, or client and server share no protocol version or cipher suite. Not retried, not held against Partoo.
   */
  TLS,
  /** No connection, because the HTTP proxy refused the tunnel (407, or another status): not retried. */
  PROXY,
  /** Not sent: the outage protection considers Partoo down, or Partoo asked the client to wait past the deadline. */
  OUTAGE,
  /** The client was closed while the call was in flight. */
  CLIENT_CLOSED,
  /** The caller completed the call's future itself (cancel, orTimeout, complete). */
  CANCELLED
}
