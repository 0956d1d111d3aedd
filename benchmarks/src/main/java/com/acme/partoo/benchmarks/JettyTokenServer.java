package com.acme.partoo.benchmarks;

import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import okhttp3.tls.HandshakeCertificates;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.PreEncodedHttpField;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.io.RateControl;
import org.eclipse.jetty.io.ssl.SslHandshakeListener;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * The TLS HTTP/2 server of the benchmarks: Jetty 12 on loopback, ALPN (the JDK's) selecting {@code h2}, or HTTP/1.1 for
 * a client that offers no ALPN or only {@code http/1.1}, with the {@link CannedTokenServer}'s answers pre-encoded and a
 * non-blocking handler that drains the request body and writes them. Jetty's defaults otherwise (its thread pool,
 * {@code SETTINGS_MAX_CONCURRENT_STREAMS} 128, a 30 s idle timeout), except its rapid-reset protection (off: see the
 * constructor) and the {@code Server} and {@code Date} headers, which the canned server does not send either. Writing a minimal HTTP/2 server (HPACK, flow control, settings) is not worth
 * it: every client of a run talks to this one, so their ratios stay fair.
 */
public final class JettyTokenServer implements TokenServer {

  private static final byte[] OK = CannedTokenServer.BODY.getBytes(StandardCharsets.UTF_8);
  private static final byte[] NOT_FOUND = CannedTokenServer.NOT_FOUND_BODY.getBytes(StandardCharsets.UTF_8);
  private static final PreEncodedHttpField JSON = new PreEncodedHttpField(HttpHeader.CONTENT_TYPE, "application/json");
  private static final PreEncodedHttpField OK_LENGTH = new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, OK.length);
  private static final PreEncodedHttpField NOT_FOUND_LENGTH =
      new PreEncodedHttpField(HttpHeader.CONTENT_LENGTH, NOT_FOUND.length);

  private final Server server;
  private final ConnectionCounts counts = new ConnectionCounts();
  private final String baseUrl;

  private JettyTokenServer(HandshakeCertificates certificates) throws Exception {
    server = new Server();
    HttpConfiguration http = new HttpConfiguration();
    http.setSendServerVersion(false);
    http.setSendDateHeader(false);
    HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(http);
    // No rapid-reset protection (Jetty's default closes a connection after 128 suspicious frames in a second): OkHttp
    // resets a stream whose body is closed before its END_STREAM was read, which Jackson's streaming parse does now
    // and then under 16 threads, and Jetty then rotates connections by GOAWAY, whose refused streams OkHttp does not
    // resend with retryOnConnectionFailure(false). A measure of steady-state cost must not turn into a measure of that
    // (docs/performance.md, "Transports and peers", says what it did).
    h2.setRateControlFactory(new RateControl.Factory() {});
    HttpConnectionFactory h1 = new HttpConnectionFactory(http);
    ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(h2.getProtocol(), h1.getProtocol());
    alpn.setDefaultProtocol(h1.getProtocol());
    SslContextFactory.Server tls = new SslContextFactory.Server();
    tls.setSslContext(certificates.sslContext());
    SslConnectionFactory ssl = new SslConnectionFactory(tls, alpn.getProtocol());
    ssl.addBean(new SslHandshakeListener() {
      @Override
      public void handshakeSucceeded(Event event) {
        counts.handshake(event.getSSLEngine().getSession(), event.getSSLEngine().getApplicationProtocol());
      }
    });
    ServerConnector connector = new ServerConnector(server, ssl, alpn, h2, h1) {
      @Override
      protected void configure(Socket socket) {
        super.configure(socket);
        counts.connected();
      }
    };
    connector.setHost("127.0.0.1");
    connector.setPort(0);
    server.addConnector(connector);
    server.setHandler(new CannedAnswers());
    server.start();
    baseUrl = "https://127.0.0.1:" + connector.getLocalPort() + "/v2";
  }

  /** Starts a server of its own on a free loopback port, presenting {@code certificates}; {@link #close()} stops it. */
  public static JettyTokenServer start(HandshakeCertificates certificates) {
    try {
      return new JettyTokenServer(certificates);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start Jetty on loopback", e);
    }
  }

  @Override
  public String baseUrl() {
    return baseUrl;
  }

  @Override
  public ConnectionCounts counts() {
    return counts;
  }

  @Override
  public String description() {
    return "Jetty " + Server.getVersion() + ": ALPN h2 or http/1.1, a non-blocking handler, pre-encoded answers";
  }

  @Override
  public void close() throws Exception {
    server.stop();
  }

  /** {@code POST .../connection/generate_token}: the canned token; anything else: the canned 404. */
  private static final class CannedAnswers extends Handler.Abstract.NonBlocking {

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
      boolean generate = HttpMethod.POST.is(request.getMethod())
          && request.getHttpURI().getPath().endsWith(CannedTokenServer.GENERATE_PATH);
      // The body is read to its end before answering, as a real server parses it.
      Content.Source.consumeAll(request, Callback.from(() -> answer(generate, response, callback), callback::failed));
      return true;
    }

    private static void answer(boolean generate, Response response, Callback callback) {
      response.setStatus(generate ? 200 : 404);
      response.getHeaders().put(JSON).put(generate ? OK_LENGTH : NOT_FOUND_LENGTH);
      response.write(true, ByteBuffer.wrap(generate ? OK : NOT_FOUND), callback);
    }
  }
}
