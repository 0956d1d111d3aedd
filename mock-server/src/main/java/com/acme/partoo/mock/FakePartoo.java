package com.acme.partoo.mock;

import com.acme.partoo.mock.internal.ApiKeyGrant;
import com.acme.partoo.mock.internal.FakeServer;
import com.acme.partoo.mock.internal.TestScope;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;

/**
 * A fake Partoo running in-process on 127.0.0.1: generate, check and revoke connection tokens under {@link #baseUrl()},
 * log in with one under {@link #appBaseUrl()}, with Partoo's rules and error bodies, served by OkHttp's MockWebServer.
 * Cleartext HTTP/1.1 by default; with {@link Builder#https()}, HTTPS as Partoo is reached in production (TLS 1.2 and
 * 1.3, HTTP/2 and HTTP/1.1 through ALPN) from a certificate it generates, with the trust a client needs
 * ({@link #certificatePem()}, {@link #sslContext()}, {@link #trustManager()}). Started by {@link Builder#start()} or
 * {@link #withDefaults()}; thread-safe; {@link #close()} stops it, and must be called: MockWebServer's threads are not
 * daemon threads.
 *
 * <pre>{@code
 * try (FakePartoo partoo = FakePartoo.builder().defaultFixture().https().start()) {
 *   // a client trusting partoo.certificatePem() (or partoo.sslContext() with partoo.trustManager())
 *   // calls partoo.baseUrl(), https://127.0.0.1:PORT/v2
 * }
 * }</pre>
 */
public final class FakePartoo implements AutoCloseable {

  private static final Duration DEFAULT_EXPIRED_TOKEN_RETENTION = Duration.ofHours(1);

  private final FakeServer server;
  private final boolean declaresDefaultFixture;

  private FakePartoo(FakeServer server) {
    this.server = server;
    this.declaresDefaultFixture = server.declares(Builder.DEFAULT_USERS, Builder.DEFAULT_KEY);
  }

  /**
   * A builder with no users, no keys, a free port, the system clock, UTC timestamps, Partoo-style tokens and expired
   * tokens forgotten after an hour.
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts a fake with the {@link DefaultFixture} on a free port: the same fixture the CLI demo and
   * {@code FakePartooExtension.withDefaults()} use.
   */
  public static FakePartoo withDefaults() {
    return builder().defaultFixture().start();
  }

  /** The REST API's base URL, {@code http://127.0.0.1:PORT/v2} ({@code https} with HTTPS), without a trailing slash. */
  public String baseUrl() {
    return server.baseUrl();
  }

  /**
   * The web app's base URL, {@code http://127.0.0.1:PORT/app} ({@code https} with HTTPS), without a trailing slash: a
   * browser logs in at {@code appBaseUrl() + "/connection?connection_token=" + URLEncoder.encode(token, UTF_8)}.
   */
  public String appBaseUrl() {
    return server.appBaseUrl();
  }

  /** The port the fake listens on (the one chosen by the system when the builder asked for port 0). */
  public int port() {
    return server.port();
  }

  /** Whether it serves HTTPS ({@link Builder#https()}). */
  public boolean isHttps() {
    return server.https();
  }

  /**
   * The certificate a client must trust to reach this fake over HTTPS, as PEM: the fake's own CA, generated when it
   * started, which signed its server certificate (for {@code 127.0.0.1} and {@code localhost}). Give it to a client
   * as curl's {@code --cacert}, or to {@code PartooClient.Builder.trustedCertificates}.
   *
   * @throws IllegalStateException if the fake serves cleartext HTTP
   */
  public String certificatePem() {
    return server.certificatePem();
  }

  /**
   * A TLS context that trusts this fake's CA and nothing else, for a client that takes an {@link SSLContext} (with
   * {@link #trustManager()}: OkHttp needs both).
   *
   * @throws IllegalStateException if the fake serves cleartext HTTP
   */
  public SSLContext sslContext() {
    return server.sslContext();
  }

  /**
   * The trust manager {@link #sslContext()} was initialised with.
   *
   * @throws IllegalStateException if the fake serves cleartext HTTP
   */
  public X509TrustManager trustManager() {
    return server.trustManager();
  }

  /**
   * Schedules faulty answers, for resilience tests; shared by every thread using this fake. Tests run through
   * {@link FakePartooExtension} also have faults of their own; a request takes the oldest fault among these and those
   * of the tests it belongs to.
   */
  public Faults faults() {
    return server.faults();
  }

  /**
   * Everything the fake received, for asserting how many requests a client sent and what they held. A test run
   * through {@link FakePartooExtension} also has a journal of its own, of the requests that belong to it.
   */
  public Journal journal() {
    return server.journal();
  }

  /** Clears the scheduled faults, the delay and the journal; users, keys and issued tokens are kept. */
  public void reset() {
    server.reset();
  }

  /**
   * Stops listening, closes every connection and waits for its threads to end; requests in flight, also those held by
   * a delay, are cut off. Idempotent.
   */
  @Override
  public void close() {
    server.stop();
  }

  /** A test starts sharing this fake, for {@link FakePartooExtension}; see {@link TestScope}. */
  TestScope openTest() {
    return server.openTest();
  }

  /** Whether {@code key} is a declared API key. */
  boolean declaresKey(String key) {
    return server.declaresKey(key);
  }

  /** Whether it declares every user and the key of the {@link DefaultFixture}, as the fixture defines them. */
  boolean declaresDefaultFixture() {
    return declaresDefaultFixture;
  }

  /** Where it listens and how much it knows; never a key or a token. */
  @Override
  public String toString() {
    return "FakePartoo[" + baseUrl() + ", " + server + "]";
  }

  /**
   * Declares the fake's users and API keys, then {@link #start() starts} it. Not thread-safe; each
   * {@code start()} makes an independent server. Example:
   * {@code FakePartoo.builder().user("admin", Role.ORG_ADMIN).user("u1", Role.BUSINESS_MANAGER)
   * .apiKey("key", "admin", "u1").start()}.
   */
  public static final class Builder {

    // Declared by defaultFixture() or by hand, the same: a declared user or key cannot be declared again differently.
    static final List<User> DEFAULT_USERS = List.of(
        new User(DefaultFixture.OWNER_USER_ID, Role.ORG_ADMIN),
        new User(DefaultFixture.USER_ID, Role.BUSINESS_MANAGER),
        new User(DefaultFixture.PROVIDER_USER_ID, Role.PROVIDER),
        new User(DefaultFixture.NO_ACCESS_USER_ID, Role.BUSINESS_MANAGER));
    static final ApiKeyGrant DEFAULT_KEY = new ApiKeyGrant(DefaultFixture.API_KEY,
        DefaultFixture.OWNER_USER_ID, Set.of(DefaultFixture.USER_ID, DefaultFixture.PROVIDER_USER_ID));

    private final List<User> users = new ArrayList<>();
    private final List<ApiKeyGrant> keys = new ArrayList<>();
    private int port;
    private Clock clock = Clock.systemUTC();
    private ZoneId zone = ZoneOffset.UTC;
    private Supplier<String> tokenGenerator = FakeServer.partooStyleTokens();
    private Duration expiredTokenRetention = DEFAULT_EXPIRED_TOKEN_RETENTION;
    private boolean https;
    private boolean http2 = true;

    private Builder() {}

    /** Declares a user; ids must be unique. */
    public Builder user(String id, Role role) {
      users.add(new User(id, role));
      return this;
    }

    /** Declares a user; ids must be unique. */
    public Builder user(User user) {
      users.add(Objects.requireNonNull(user, "user"));
      return this;
    }

    /**
     * Declares an API key owned by {@code ownerId} (reported as {@code generated_by}) with WRITE access to exactly
     * {@code writeAccessTo}: the key may generate, check and revoke those users' tokens and nobody else's, its owner
     * included unless listed. Owner and grantees must be declared users.
     */
    public Builder apiKey(String key, String ownerId, String... writeAccessTo) {
      keys.add(new ApiKeyGrant(key, ownerId, Set.copyOf(Arrays.asList(writeAccessTo))));
      return this;
    }

    /** Adds the {@link DefaultFixture}'s users and API key to whatever else is declared. */
    public Builder defaultFixture() {
      users.addAll(DEFAULT_USERS);
      keys.add(DEFAULT_KEY);
      return this;
    }

    /** The port to listen on, on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder port(int port) {
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, got " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * Has no effect; kept so that code calling it still compiles. The fake runs on MockWebServer, which answers each
     * connection on a thread of its own: requests on different connections are answered at once however many there
     * are, and one held by a delay fault holds back no other.
     *
     * @throws IllegalArgumentException if {@code threads} is below 1, as it always did
     * @deprecated there is no bound to set: remove the call
     */
    @Deprecated
    public Builder threads(int threads) {
      if (threads < 1) {
        throw new IllegalArgumentException("threads must be at least 1, got " + threads);
      }
      return this;
    }

    /** The clock that stamps tokens and decides when they expire (default: system UTC); tests pass a movable one. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /** The zone timestamps are written in (default UTC, written {@code +00:00}). */
    public Builder zone(ZoneId zone) {
      this.zone = Objects.requireNonNull(zone, "zone");
      return this;
    }

    /**
     * Makes token texts (default: Partoo's shape, {@code \x} and 48 hex digits, 192 random bits). Must be
     * thread-safe and return non-blank strings; a repeated token is drawn again. Useful to test URL encoding.
     */
    public Builder tokenGenerator(Supplier<String> tokenGenerator) {
      this.tokenGenerator = Objects.requireNonNull(tokenGenerator, "tokenGenerator");
      return this;
    }

    /**
     * How long, by the fake's clock, a token is still known once expired (default one hour): until then it checks as
     * {@code expired} (or {@code consumed}, {@code revoked}); from then on it is forgotten, and check and revoke answer
     * 404 and login says the token is unknown, as for a token never issued. Keeps a long run's memory bounded.
     *
     * @throws IllegalArgumentException if {@code retention} is negative
     */
    public Builder expiredTokenRetention(Duration retention) {
      Objects.requireNonNull(retention, "retention");
      if (retention.isNegative()) {
        throw new IllegalArgumentException("expired token retention must not be negative, got " + retention);
      }
      this.expiredTokenRetention = retention;
      return this;
    }

    /**
     * Serves HTTPS instead of cleartext HTTP: TLS 1.2 and 1.3, HTTP/2 and HTTP/1.1 through ALPN (HTTP/1.1 alone
     * after {@link #http1Only()}), from a server certificate for {@code 127.0.0.1} and {@code localhost} signed by a
     * CA the fake generates when it starts; {@link FakePartoo#certificatePem()} and {@link FakePartoo#sslContext()}
     * give a client the trust it needs.
     */
    public Builder https() {
      this.https = true;
      return this;
    }

    /**
     * Offers only HTTP/1.1 through ALPN, as a server or a proxy in front of it that does not speak HTTP/2; implies
     * {@link #https()} (cleartext is always HTTP/1.1).
     */
    public Builder http1Only() {
      this.https = true;
      this.http2 = false;
      return this;
    }

    /**
     * Checks the declarations and starts a server.
     *
     * @throws IllegalStateException if a user or key repeats, or a key names an undeclared user
     * @throws UncheckedIOException if the port cannot be bound
     */
    public FakePartoo start() {
      return new FakePartoo(FakeServer.start(new FakeServer.Settings(users, keys, port, clock, zone,
          tokenGenerator, expiredTokenRetention, https, http2)));
    }
  }
}
