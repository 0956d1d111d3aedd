package com.acme.partoo.mock;

import com.acme.partoo.mock.internal.TestScope;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link FakePartoo} for a JUnit 5 test class: {@code @RegisterExtension static FakePartooExtension partoo =
 * FakePartooExtension.withDefaults();} starts it before all tests and stops it after all; on an instance field it runs
 * one fake per test instead. Accessors are valid while it runs.
 *
 * <p>Each test gets a share of its own, also when tests run in parallel ({@code @Execution(CONCURRENT)}) on one
 * static fake: on the thread that runs the test (its {@code @BeforeEach}, the test, its {@code @AfterEach}),
 * {@link #apiKey()} is a key of that test's own, {@link #journal()} shows the requests that belong to the test, and
 * {@link #faults()} schedules faults that only they take. A request belongs to the test whose key it carries (a login
 * to the test whose key generated the token); a request that carries no running test's key (the declared key itself,
 * say {@code DefaultFixture.API_KEY}, or none) belongs to every test running when it arrives, as all requests did
 * before. Run alone, a test sees exactly what it sent either way. From any other thread the accessors answer for the
 * whole fake, as {@link #fake()} does.
 */
public final class FakePartooExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(
      FakePartooExtension.class);

  private final Supplier<FakePartoo> starter;
  private volatile FakePartoo fake;
  // Which context started the fake: nested classes must not restart or stop their enclosing class's fake.
  private volatile String owner;
  // The share of the test this thread runs. Saved and restored around each test, should a thread run one inside another.
  private final ThreadLocal<TestScope> current = new ThreadLocal<>();

  /** What beforeEach left for afterEach: the test's share, and the one the thread had before. */
  private record Share(TestScope scope, TestScope previous) {}

  private FakePartooExtension(Supplier<FakePartoo> starter) {
    this.starter = starter;
  }

  /** An extension running {@link FakePartoo#withDefaults()}: the {@link DefaultFixture} on a free port. */
  public static FakePartooExtension withDefaults() {
    return new FakePartooExtension(FakePartoo::withDefaults);
  }

  /**
   * An extension running whatever {@code builder} declares (a clock, other users...); the builder is started once
   * per run of the extension. The fixture accessors ({@link #apiKey()}, {@link #userId()}...) answer only if the
   * running fake declares the {@link DefaultFixture} (through {@code defaultFixture()}, or the same users and key by
   * hand); otherwise they throw rather than name users and a key the fake does not have.
   */
  public static FakePartooExtension using(FakePartoo.Builder builder) {
    Objects.requireNonNull(builder, "builder");
    return new FakePartooExtension(builder::start);
  }

  /** Starts the fake for the whole class (static field). */
  @Override
  public void beforeAll(ExtensionContext context) {
    startFor(context);
  }

  /** Stops the fake if this class started it. */
  @Override
  public void afterAll(ExtensionContext context) {
    stopFor(context);
  }

  /**
   * Starts the fake for this test if none runs (instance field), then gives the test its share: its own key, faults
   * and journal, empty. If no other test is running, the fake's own faults and journal are cleared too.
   */
  @Override
  public void beforeEach(ExtensionContext context) {
    startFor(context);
    TestScope scope = fake().openTest();
    context.getStore(NAMESPACE).put(this, new Share(scope, current.get()));
    current.set(scope);
  }

  /** Ends the test's share (its key stops working, its faults are dropped); stops the fake if this test started it. */
  @Override
  public void afterEach(ExtensionContext context) {
    Share share = context.getStore(NAMESPACE).remove(this, Share.class);
    if (share != null) {
      share.scope().close();
      if (share.previous() == null) {
        current.remove();
      } else {
        current.set(share.previous());
      }
    }
    stopFor(context);
  }

  /** The running fake, for its {@link FakePartoo#faults()}, {@link FakePartoo#journal()} and the rest. */
  public FakePartoo fake() {
    FakePartoo running = fake;
    if (running == null) {
      throw new IllegalStateException("the fake Partoo is not running: register the extension with "
          + "@RegisterExtension and use it from a test or a @BeforeEach/@BeforeAll method");
    }
    return running;
  }

  /** The REST API's base URL, {@code http://127.0.0.1:PORT/v2}. */
  public String baseUrl() {
    return fake().baseUrl();
  }

  /** The web app's base URL, {@code http://127.0.0.1:PORT/app}, under which {@code /connection} logs in. */
  public String appBaseUrl() {
    return fake().appBaseUrl();
  }

  /**
   * On the test's thread, the faults of this test: only requests that belong to it take them (the oldest first,
   * among these and the fake's own), and they end with the test. Elsewhere {@code fake().faults()}.
   */
  public Faults faults() {
    return share().map(TestScope::faults).orElseGet(() -> fake().faults());
  }

  /**
   * On the test's thread, the requests that belong to this test since it started; elsewhere {@code fake().journal()},
   * which sees every request and is cleared only before a test that starts while no other runs.
   */
  public Journal journal() {
    return share().map(TestScope::journal).orElseGet(() -> fake().journal());
  }

  /**
   * The key to send as {@link DefaultFixture#API_KEY}: valid, with WRITE access to {@link #userId()} and
   * {@link #providerUserId()}. On the test's thread it is the test's own key, which the fake treats as the default key
   * while the test runs and which marks requests as the test's; elsewhere the default key itself.
   *
   * @throws IllegalStateException if the fake is not running or does not declare the default fixture
   */
  public String apiKey() {
    return apiKey(fixture(DefaultFixture.API_KEY, "apiKey()"));
  }

  /**
   * The key to send as {@code declaredKey}, one the running fake declares: on the test's thread the test's own alias
   * of it (same owner and access, marks requests as the test's; refused once the test has ended), elsewhere
   * {@code declaredKey} itself.
   *
   * @throws IllegalStateException if the fake is not running or does not declare {@code declaredKey}
   */
  public String apiKey(String declaredKey) {
    Objects.requireNonNull(declaredKey, "declaredKey");
    if (!fake().declaresKey(declaredKey)) {
      throw new IllegalStateException("this API key is not declared by the fake Partoo of this extension");
    }
    return share().map(scope -> scope.apiKey(declaredKey)).orElse(declaredKey);
  }

  /**
   * {@link DefaultFixture#USER_ID}: a user the default key can get tokens for.
   *
   * @throws IllegalStateException if the fake is not running or does not declare the default fixture
   */
  public String userId() {
    return fixture(DefaultFixture.USER_ID, "userId()");
  }

  /**
   * {@link DefaultFixture#PROVIDER_USER_ID}: a provider; generating a token for it answers 403.
   *
   * @throws IllegalStateException if the fake is not running or does not declare the default fixture
   */
  public String providerUserId() {
    return fixture(DefaultFixture.PROVIDER_USER_ID, "providerUserId()");
  }

  /**
   * {@link DefaultFixture#NO_ACCESS_USER_ID}: an existing user the default key may not act on (403).
   *
   * @throws IllegalStateException if the fake is not running or does not declare the default fixture
   */
  public String noAccessUserId() {
    return fixture(DefaultFixture.NO_ACCESS_USER_ID, "noAccessUserId()");
  }

  /**
   * {@link DefaultFixture#OWNER_USER_ID}: the default key's owner, the {@code generated_by} of its tokens.
   *
   * @throws IllegalStateException if the fake is not running or does not declare the default fixture
   */
  public String ownerUserId() {
    return fixture(DefaultFixture.OWNER_USER_ID, "ownerUserId()");
  }

  private String fixture(String value, String accessor) {
    if (!fake().declaresDefaultFixture()) {
      throw new IllegalStateException(accessor + " names the default fixture, which the fake Partoo of this "
          + "extension does not declare: add defaultFixture() to the builder given to using(...), or use the users and "
          + "keys that builder declares");
    }
    return value;
  }

  private Optional<TestScope> share() {
    fake(); // not running: say so, rather than answer for a fake that is gone
    return Optional.ofNullable(current.get()).filter(TestScope::isOpen);
  }

  private synchronized void startFor(ExtensionContext context) {
    if (fake == null) {
      fake = starter.get();
      owner = context.getUniqueId();
    }
  }

  private synchronized void stopFor(ExtensionContext context) {
    if (fake != null && context.getUniqueId().equals(owner)) {
      fake.close();
      fake = null;
      owner = null;
    }
  }
}
