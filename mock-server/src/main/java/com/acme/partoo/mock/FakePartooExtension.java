package com.acme.partoo.mock;

import java.util.Objects;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Runs a {@link FakePartoo} for a JUnit 5 test class: {@code @RegisterExtension static FakePartooExtension partoo =
 * FakePartooExtension.withDefaults();} starts it before all tests, clears its faults and journal before each, and
 * stops it after all. On an instance field it runs one fake per test instead. Accessors are valid while it runs.
 */
public final class FakePartooExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {

  private final Supplier<FakePartoo> starter;
  private volatile FakePartoo fake;
  // Which context started the fake: nested classes must not restart or stop their enclosing class's fake.
  private volatile String owner;

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

  /** Starts the fake for this test if none runs (instance field); then clears faults and journal. */
  @Override
  public void beforeEach(ExtensionContext context) {
    startFor(context);
    fake().reset();
  }

  /** Stops the fake if this very test started it. */
  @Override
  public void afterEach(ExtensionContext context) {
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

  /** Shortcut for {@code fake().faults()}. */
  public Faults faults() {
    return fake().faults();
  }

  /** Shortcut for {@code fake().journal()}. */
  public Journal journal() {
    return fake().journal();
  }

  /**
   * {@link DefaultFixture#API_KEY}: valid, with WRITE access to {@link #userId()} and {@link #providerUserId()}.
   *
   * @throws IllegalStateException if the fake is not running or does not declare the default fixture
   */
  public String apiKey() {
    return fixture(DefaultFixture.API_KEY, "apiKey()");
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
