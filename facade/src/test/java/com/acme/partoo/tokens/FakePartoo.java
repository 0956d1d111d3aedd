package com.acme.partoo.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import javax.net.ServerSocketFactory;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.QueueDispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Protocol;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A scripted Partoo on 127.0.0.1, port 0, with clients pointed at it that wait on a {@link FakeScheduler} and read a
 * {@link FakeClock}: nothing sleeps, and each test gets a fresh server, clock and scheduler. Register it with
 * {@code @RegisterExtension final FakePartoo partoo = new FakePartoo();} (cleartext HTTP/1.1), or
 * {@link #https(HeldCertificate, Protocol...)} for TLS. Clients made here are closed after each test.
 */
final class FakePartoo implements BeforeEachCallback, AfterEachCallback {

  /** Shaped like a real key; long enough that finding it in a text means it leaked. */
  static final String API_KEY = "pk7f3a9c2e5b1d4f8a6c0e9b2d7a4f1c3e";
  /** Partoo's documented example token: a backslash, an x, then hex. */
  static final String TOKEN = "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b";
  static final String USER_ID = "5309c3a237bbc544d8e26737";
  static final String EXPIRATION = "2026-01-15T11:15:54.256000+01:00";
  /** What the fail-fast queue answers when a test sends more requests than it scripted: not retried, easy to spot. */
  static final int UNSCRIPTED_STATUS = 418;
  /** The fake-time clients' connect and read timeouts: see {@link #builder()}. */
  static final java.time.Duration GENEROUS_TIMEOUT = java.time.Duration.ofSeconds(30);

  private static final ObjectMapper JSON = new ObjectMapper();

  final FakeClock clock = new FakeClock();
  final FakeScheduler scheduler = new FakeScheduler(clock);
  private final List<PartooClient> clients = new ArrayList<>();
  private final HeldCertificate certificate;
  private final List<Protocol> protocols;
  private final AtomicInteger connections = new AtomicInteger();
  private Consumer<SSLSocket> serverSocketSetup = socket -> {};
  private MockWebServer server;

  /** Cleartext HTTP/1.1. */
  FakePartoo() {
    this(null, List.of());
  }

  private FakePartoo(HeldCertificate certificate, List<Protocol> protocols) {
    this.certificate = certificate;
    this.protocols = protocols;
  }

  /**
   * HTTPS with {@code certificate} (see {@link TestTls}), offering {@code protocols} through ALPN (HTTP/2 and HTTP/1.1
   * when none are given); clients from {@link #builder()} trust nothing special: tests give them the trust they test.
   */
  static FakePartoo https(HeldCertificate certificate, Protocol... protocols) {
    return new FakePartoo(certificate,
        protocols.length == 0 ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(protocols));
  }

  /** Sets up each server-side TLS socket before its handshake (protocols, cipher suites): for handshake failures. */
  FakePartoo restrictingServerSockets(Consumer<SSLSocket> setup) {
    this.serverSocketSetup = setup;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new CountingServerSockets(connections));
    if (certificate != null) {
      server.useHttps(new SetUpSslSockets(TestTls.serverSockets(certificate), serverSocketSetup));
      server.setProtocols(protocols);
    }
    QueueDispatcher queue = new QueueDispatcher();
    queue.setFailFast(json(UNSCRIPTED_STATUS, "{\"unscripted\":true}"));
    server.setDispatcher(queue);
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    clients.forEach(PartooClient::close);
    scheduler.shutdownNow();
    server.close();
  }

  /** A base URL on a loopback port nothing listens on any more: connections to it are refused. */
  static String unreachableBaseUrl() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return "http://127.0.0.1:" + socket.getLocalPort() + "/v2";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A builder for this server, clock and scheduler, with {@link #API_KEY}; the caller closes what it builds. Its
   * connect and read timeouts (real time, unlike the deadline) are long enough that a busy machine's TLS handshakes and
   * answers always beat them: a test that wants one to fire sets its own.
   */
  PartooClient.Builder builder() {
    return PartooClient.builder().apiKey(API_KEY).baseUrl(baseUrl()).ticker(clock).clock(clock).scheduler(scheduler)
        .connectTimeout(GENEROUS_TIMEOUT).readTimeout(GENEROUS_TIMEOUT);
  }

  /** A client with the default retry policy, closed after the test. */
  PartooClient client() {
    return client(builder -> builder);
  }

  /** A client from {@link #builder()} changed by {@code customize}, closed after the test. */
  PartooClient client(UnaryOperator<PartooClient.Builder> customize) {
    PartooClient client = customize.apply(builder()).build();
    clients.add(client);
    return client;
  }

  /**
   * A client on real time (system ticker, the client's own scheduler) changed by {@code customize}, closed after the
   * test: for what only real time shows, such as a call queued behind OkHttp's dispatcher reaching its deadline.
   */
  PartooClient realTimeClient(UnaryOperator<PartooClient.Builder> customize) {
    PartooClient client = customize.apply(PartooClient.builder().apiKey(API_KEY).baseUrl(baseUrl())).build();
    clients.add(client);
    return client;
  }

  ConnectionTokens tokens() {
    return client().connectionTokens();
  }

  /** The API base URL, {@code http://127.0.0.1:<port>/v2} (or https), without trailing slash. */
  String baseUrl() {
    return certificate == null ? server.url("/v2").toString() : "https://127.0.0.1:" + server.getPort() + "/v2";
  }

  /** The server's port on 127.0.0.1. */
  int port() {
    return server.getPort();
  }

  /** TCP connections the server accepted so far (each HTTPS one is a TLS handshake, successful or not). */
  int connectionsAccepted() {
    return connections.get();
  }

  void enqueue(MockResponse... responses) {
    for (MockResponse response : responses) {
      server.enqueue(response);
    }
  }

  /** An answer that never comes (until the server closes): Partoo hanging. */
  static MockResponse stalled() {
    return new MockResponse.Builder().onResponseStart(mockwebserver3.SocketEffect.Stall.INSTANCE).build();
  }

  /** Answers requests with {@code dispatcher} instead of the scripted queue. */
  void setDispatcher(Dispatcher dispatcher) {
    server.setDispatcher(dispatcher);
  }

  /** Answers every request with {@code response}, however many come: an outage. */
  void answerEveryRequestWith(MockResponse response) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }

  int requestCount() {
    return server.getRequestCount();
  }

  /** The next request the server received; fails the test if none came within a minute (a hang, not slowness). */
  RecordedRequest takeRequest() {
    try {
      RecordedRequest request = server.takeRequest(1, TimeUnit.MINUTES);
      assertThat(request).as("a request reached the fake Partoo").isNotNull();
      return request;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The requests received so far, as {@code "METHOD /path"} lines, in order. */
  List<String> requestLines() {
    List<String> lines = new ArrayList<>();
    for (int i = requestCount(); i > 0; i--) {
      RecordedRequest request = takeRequest();
      lines.add(request.getMethod() + " " + request.getUrl().encodedPath());
    }
    return lines;
  }

  static JsonNode jsonBody(RecordedRequest request) {
    try {
      return JSON.readTree(request.getBody().utf8());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code).setHeader("Content-Type", "application/json").body(body).build();
  }

  /** A 200 from generate_token with {@link #TOKEN} expiring at {@link #EXPIRATION}. */
  static MockResponse tokenResponse() {
    return json(200, "{\"token\":" + quoted(TOKEN) + ",\"expiration_date\":\"" + EXPIRATION + "\"}");
  }

  /** A 200 from check_token for {@link #TOKEN} in {@code status} ({@code valid}, {@code revoked}, ...). */
  static MockResponse statusResponse(String status) {
    return json(200, "{\"token\":" + quoted(TOKEN) + ",\"status\":\"" + status + "\","
        + "\"expiration_date\":\"" + EXPIRATION + "\","
        + "\"creation_date\":\"2026-01-15T10:15:54.256000+01:00\","
        + "\"generated_by\":\"" + USER_ID + "\"}");
  }

  /** A 200 from revoke_token: an empty JSON object. */
  static MockResponse revokedResponse() {
    return json(200, "{}");
  }

  /** {@code code} with no body. */
  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /** {@code value} as a JSON string literal (the token's backslash escaped). */
  static String quoted(String value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Server sockets that count the connections they accept. */
  private static final class CountingServerSockets extends ServerSocketFactory {
    private final AtomicInteger accepted;

    CountingServerSockets(AtomicInteger accepted) {
      this.accepted = accepted;
    }

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = super.accept();
          accepted.incrementAndGet();
          return socket;
        }
      };
    }

    // MockWebServer makes its socket with the method above and binds it itself.
    @Override
    public ServerSocket createServerSocket(int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) {
      throw new UnsupportedOperationException();
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address) {
      throw new UnsupportedOperationException();
    }
  }

  /** A server's TLS sockets, each set up by {@code setup} as it is made. */
  private static final class SetUpSslSockets extends SSLSocketFactory {
    private final SSLSocketFactory delegate;
    private final Consumer<SSLSocket> setup;

    SetUpSslSockets(SSLSocketFactory delegate, Consumer<SSLSocket> setup) {
      this.delegate = delegate;
      this.setup = setup;
    }

    private Socket setUp(Socket socket) {
      setup.accept((SSLSocket) socket);
      return socket;
    }

    @Override
    public Socket createSocket(Socket socket, String host, int port, boolean autoClose) throws IOException {
      return setUp(delegate.createSocket(socket, host, port, autoClose));
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return setUp(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress localHost, int localPort) throws IOException {
      return setUp(delegate.createSocket(host, port, localHost, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return setUp(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress localAddress, int localPort)
        throws IOException {
      return setUp(delegate.createSocket(address, port, localAddress, localPort));
    }
  }
}
