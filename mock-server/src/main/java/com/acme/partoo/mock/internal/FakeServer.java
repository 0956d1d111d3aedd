package com.acme.partoo.mock.internal;

import com.acme.partoo.mock.Faults;
import com.acme.partoo.mock.Journal;
import com.acme.partoo.mock.User;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * A running fake Partoo, assembled from its {@link Settings}: the one entry point {@code FakePartoo} uses, so that
 * the rest of this package stays package-private. Thread-safe.
 */
public final class FakeServer {

  private final LoopbackServer server;
  private final Dispatcher dispatcher;
  private final Directory directory;
  private final FaultSchedule faults;
  private final RequestJournal journal;
  private final TestScopes tests;
  private final ServerTls tls;

  private FakeServer(LoopbackServer server, Dispatcher dispatcher, Directory directory, FaultSchedule faults,
      RequestJournal journal, TestScopes tests, ServerTls tls) {
    this.tls = tls;
    this.server = server;
    this.dispatcher = dispatcher;
    this.directory = directory;
    this.faults = faults;
    this.journal = journal;
    this.tests = tests;
  }

  /**
   * What a fake is made of: the builder's choices, checked by {@link #start(Settings)}.
   *
   * @param users the declared users
   * @param keys the declared API keys and their access
   * @param port 0 for a free one
   * @param clock stamps tokens and decides when they expire
   * @param zone the zone timestamps are written in
   * @param tokenGenerator makes token texts
   * @param expiredTokenRetention how long an expired token is still known
   * @param https whether to serve HTTPS, from a certificate generated at start
   * @param http2 with {@code https}, whether to offer HTTP/2 (through ALPN) beside HTTP/1.1
   */
  public record Settings(List<User> users, List<ApiKeyGrant> keys, int port, Clock clock, ZoneId zone,
      Supplier<String> tokenGenerator, Duration expiredTokenRetention, boolean https, boolean http2) {

    /** Copies the lists. */
    public Settings {
      users = List.copyOf(users);
      keys = List.copyOf(keys);
    }
  }

  /** Tokens shaped like Partoo's example: {@code \x} and 48 hex digits from {@code SecureRandom}. */
  public static Supplier<String> partooStyleTokens() {
    return new PartooStyleTokens();
  }

  /**
   * Checks the declarations and starts listening on 127.0.0.1.
   *
   * @throws IllegalStateException if a user or key repeats, or a key names an undeclared user
   * @throws UncheckedIOException if the port cannot be bound
   */
  public static FakeServer start(Settings settings) {
    Directory directory = new Directory(settings.users(), settings.keys());
    AtomicLong faultOrder = new AtomicLong();
    FaultSchedule faults = new FaultSchedule(faultOrder);
    RequestJournal journal = new RequestJournal();
    TestScopes tests = new TestScopes(directory, faults, journal, faultOrder);
    TokenStore tokens = new TokenStore(settings.clock(), settings.tokenGenerator(), settings.expiredTokenRetention());
    Dispatcher dispatcher = new Dispatcher(directory, tokens, settings.zone(), faults, journal, tests);
    ServerTls tls = settings.https() ? ServerTls.generate() : null;
    LoopbackServer server = LoopbackServer.start(settings.port(), dispatcher, tls, settings.http2());
    return new FakeServer(server, dispatcher, directory, faults, journal, tests, tls);
  }

  /** Whether it serves HTTPS. */
  public boolean https() {
    return tls != null;
  }

  /** The PEM of the CA that signs the server's certificate; only with HTTPS. */
  public String certificatePem() {
    return requireTls().certificatePem();
  }

  /** A client context trusting that CA alone; only with HTTPS. */
  public SSLContext sslContext() {
    return requireTls().clientContext();
  }

  /** The trust manager of {@link #sslContext()}; only with HTTPS. */
  public X509TrustManager trustManager() {
    return requireTls().clientTrustManager();
  }

  private ServerTls requireTls() {
    if (tls == null) {
      throw new IllegalStateException("this fake serves cleartext HTTP: start it with FakePartoo.Builder.https()"
          + " to get trust material");
    }
    return tls;
  }

  /** {@code http://127.0.0.1:PORT/v2} (https with HTTPS). */
  public String baseUrl() {
    return root() + Dispatcher.API_PREFIX;
  }

  /** {@code http://127.0.0.1:PORT/app} (https with HTTPS). */
  public String appBaseUrl() {
    return root() + Dispatcher.APP_PREFIX;
  }

  /** The port actually bound. */
  public int port() {
    return server.port();
  }

  /** The whole fake's fault schedule. */
  public Faults faults() {
    return faults;
  }

  /** Everything the fake received. */
  public Journal journal() {
    return journal;
  }

  /**
   * A test starts sharing this fake: it gets keys, faults and a journal of its own until it closes them (see
   * {@link TestScope}). When no other test is running, the fake's own faults and journal are cleared first.
   */
  public TestScope openTest() {
    return tests.open();
  }

  /** Whether {@code key} is a declared API key (not a test's alias of one). */
  public boolean declaresKey(String key) {
    return directory.grant(key).isPresent();
  }

  /** Clears the faults, the delay and the journal. */
  public void reset() {
    faults.clear();
    journal.clear();
  }

  /** Whether every one of {@code users} and {@code key} is declared exactly so (roles, owner and access alike). */
  public boolean declares(List<User> users, ApiKeyGrant key) {
    return users.stream().allMatch(user -> directory.user(user.id()).equals(Optional.of(user)))
        && directory.grant(key.key()).equals(Optional.of(key));
  }

  /** Stops listening and closes every connection, releasing requests held by a delay first; idempotent. */
  public void stop() {
    dispatcher.close();
    server.stop();
  }

  /** Counts only, never a key. */
  @Override
  public String toString() {
    return directory.toString();
  }

  private String root() {
    return (tls == null ? "http" : "https") + "://" + LoopbackServer.HOST + ":" + port();
  }
}
