package com.acme.partoo.mock.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;

/**
 * OkHttp's {@link MockWebServer} on 127.0.0.1, answering every request with a {@link RequestHandler}: one acceptor
 * thread and one thread per open connection (per HTTP/2 stream), all MockWebServer's. Its sockets get
 * {@code TCP_NODELAY} ({@link NoDelayServerSockets}), so keep-alive requests take well under a millisecond without any
 * JVM-wide setting. With {@link ServerTls} it serves HTTPS, TLS 1.2 and 1.3 (the JVM's defaults), and HTTP/2 and
 * HTTP/1.1 through ALPN, or HTTP/1.1 alone.
 */
final class LoopbackServer {

  /** The address the fake listens on, and the host of its URLs: a literal, so no name lookup is involved. */
  static final String HOST = "127.0.0.1";

  private final MockWebServer server;

  private LoopbackServer(MockWebServer server) {
    this.server = server;
  }

  /**
   * Listens on {@code port} (0: a free one) and answers every request with {@code handler}; over HTTPS with
   * {@code tls} (null: cleartext HTTP/1.1), offering HTTP/2 too if {@code http2}.
   *
   * @throws UncheckedIOException if the port cannot be bound
   */
  static LoopbackServer start(int port, RequestHandler handler, ServerTls tls, boolean http2) {
    MockWebServer server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSockets());
    if (tls != null) {
      server.useHttps(tls.serverSockets());
      server.setProtocols(http2 ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
    }
    server.setBodyLimit(ProtocolCheck.MAX_BODY);
    server.setDispatcher(new MockWebServerDispatcher(server, handler));
    try {
      server.start(InetAddress.getByName(HOST), port);
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException("cannot listen on " + HOST + ":" + port, e);
    }
    return new LoopbackServer(server);
  }

  /** The port actually bound. */
  int port() {
    return server.getPort();
  }

  /**
   * Closes the listening socket and every open connection, cutting off requests in flight, and waits for
   * MockWebServer's threads to end; idempotent. Whoever holds a request back (a delay fault) must release it first.
   */
  void stop() {
    server.close();
  }
}
