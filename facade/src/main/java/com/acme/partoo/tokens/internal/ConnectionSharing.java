package com.acme.partoo.tokens.internal;

import okhttp3.ConnectionPool;
import okhttp3.Protocol;
import org.jspecify.annotations.Nullable;

/**
 * Keeps a burst of calls from opening one connection each to a server that could carry them all on one. Over HTTPS
 * the protocol is only known once a TLS handshake has negotiated it (ALPN): until then, and again whenever an
 * HTTP/2 client finds its pool empty (idle connections evicted), one request at a time sets up a connection while the
 * others wait ({@link WireSlots#narrow()}); the first connection acquired lets them all go
 * ({@link WireSlots#widen()}), onto it if it is HTTP/2, each to a connection of its own if it is HTTP/1.1. OkHttp
 * alone opens a connection per waiting call and keeps one (it coalesces them after the handshakes): 32 calls at once
 * made 32 handshakes. Thread-safe.
 */
final class ConnectionSharing {

  /** What the server was found to speak. */
  private enum Known {
    /** No connection has told yet (HTTPS before its first handshake). */
    NOTHING,
    /** HTTP/1.1: a connection per request in flight, so nothing to wait for. */
    ONE_REQUEST_PER_CONNECTION,
    /** HTTP/2: requests share a connection. */
    MULTIPLEXED
  }

  private final WireSlots slots;
  private final @Nullable ConnectionPool pool;
  private volatile Known known;

  /**
   * @param pool the client's own pool, whose connections all lead to Partoo; null for a shared client's pool, whose
   *     emptiness says nothing (then only the first burst waits)
   * @param mayMultiplex whether the server might speak HTTP/2: HTTPS (ALPN), or HTTP/2 with prior knowledge
   */
  ConnectionSharing(WireSlots slots, @Nullable ConnectionPool pool, boolean mayMultiplex) {
    this.slots = slots;
    this.pool = pool;
    this.known = mayMultiplex ? Known.NOTHING : Known.ONE_REQUEST_PER_CONNECTION;
    if (mayMultiplex) {
      slots.narrow();
    }
  }

  /** Before a request takes its slot: an HTTP/2 client whose pool is empty goes back to one set-up at a time. */
  void beforeTake() {
    if (known == Known.MULTIPLEXED && pool != null && pool.connectionCount() == 0) {
      slots.narrow();
    }
  }

  /** One of this client's requests got a connection speaking {@code protocol}: the waiting requests may go. */
  void acquired(Protocol protocol) {
    Known now = protocol == Protocol.HTTP_2 || protocol == Protocol.H2_PRIOR_KNOWLEDGE
        ? Known.MULTIPLEXED : Known.ONE_REQUEST_PER_CONNECTION;
    if (known != now) {
      known = now;
    }
    slots.widen();
  }
}
