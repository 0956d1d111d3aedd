package com.acme.partoo.mock;

import static com.acme.partoo.mock.PartooAssertions.NOT_FOUND;
import static com.acme.partoo.mock.PartooAssertions.assertAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Lifecycle, URLs, routing and the builder's checks. */
class ServerTest {

  @Test
  void listensOnLoopbackAndGivesBaseUrlsWithoutTrailingSlash() {
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      assertThat(fake.port()).isPositive();
      assertThat(fake.baseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/v2");
      assertThat(fake.appBaseUrl()).isEqualTo("http://127.0.0.1:" + fake.port() + "/app");
    }
  }

  @Test
  void eachFakeGetsItsOwnFreePort() {
    try (FakePartoo first = FakePartoo.withDefaults(); FakePartoo second = FakePartoo.withDefaults()) {
      assertThat(first.port()).isNotEqualTo(second.port());
    }
  }

  @Test
  void listensOnTheRequestedPort() throws IOException {
    int port;
    try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      port = probe.getLocalPort();
    }

    try (FakePartoo fake = FakePartoo.builder().defaultFixture().port(port).start()) {
      assertThat(fake.port()).isEqualTo(port);
    }
  }

  @Test
  void portInUseFailsToStartWithTheAddressInTheMessage() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
      assertThatThrownBy(() -> FakePartoo.builder().port(taken.getLocalPort()).start())
          .isInstanceOf(UncheckedIOException.class)
          .hasMessageContaining("127.0.0.1:" + taken.getLocalPort());
    }
  }

  @Test
  void closeStopsListeningAndCanBeCalledTwice() {
    FakePartoo fake = FakePartoo.withDefaults();
    int port = fake.port();

    fake.close();
    fake.close();

    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close()).isInstanceOf(ConnectException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/v2", "/v2/connection/generate_token/", "/v1/connection/generate_token", "/app"})
  void unknownPathAnswers404WithPartoosBody(String path) {
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + path));

      assertAnswer(new PartooHttp(fake).send(request), 404, NOT_FOUND);
    }
  }

  @ParameterizedTest
  @CsvSource({
      "GET, /v2/connection/generate_token, POST",
      "DELETE, /v2/connection/revoke_token, POST",
      "POST, /v2/connection/check_token, GET",
      "POST, /app/connection, GET"})
  void wrongMethodAnswers405NamingTheAllowedOne(String method, String path, String allowed) {
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + fake.port() + path))
          .method(method, HttpRequest.BodyPublishers.noBody());

      HttpResponse<String> response = new PartooHttp(fake).send(request);

      assertAnswer(response, 405, "{\"errors\": {\"json\": \"Method not allowed\"}}");
      assertThat(response.headers().firstValue("Allow")).hasValue(allowed);
    }
  }

  @Test
  void tokenGeneratorCanProduceUrlHostileTokensAndTheyStillWorkWhenEncoded() {
    AtomicInteger serial = new AtomicInteger();
    FakePartoo.Builder builder = FakePartoo.builder().defaultFixture()
        .tokenGenerator(() -> "a+b/c?d&e=f g%\\\"" + serial.incrementAndGet());
    try (FakePartoo fake = builder.start()) {
      PartooHttp http = new PartooHttp(fake);
      String token = http.newToken();

      assertThat(token).isEqualTo("a+b/c?d&e=f g%\\\"1");
      assertThat(PartooHttp.json(http.check(DefaultFixture.API_KEY, DefaultFixture.USER_ID, token))
          .get("status").asText()).isEqualTo("valid");
      assertThat(http.login(token).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void tokenGeneratorThatRepeatsItselfGivesAPlain500() {
    try (FakePartoo fake = FakePartoo.builder().defaultFixture().tokenGenerator(() -> "always-the-same").start()) {
      PartooHttp http = new PartooHttp(fake);
      http.newToken();

      HttpResponse<String> response = http.generate(DefaultFixture.API_KEY,
          "{\"user_id\": \"" + DefaultFixture.USER_ID + "\"}");

      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("token generator returned tokens already issued");
    }
  }

  @Test
  void builderRefusesInconsistentDeclarationsNamingTheCulprit() {
    assertThatThrownBy(() -> FakePartoo.builder().user("u", Role.ORG_ADMIN).user("u", Role.PROVIDER).start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("user 'u' is declared twice");
    assertThatThrownBy(() -> FakePartoo.builder().apiKey("secret-key-value", "ghost").start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("user 'ghost' is not declared");
    assertThatThrownBy(() -> FakePartoo.builder().user("a", Role.ORG_ADMIN).apiKey("secret-key-value", "a", "b").start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("user 'b' is not declared");
    assertThatThrownBy(() -> FakePartoo.builder().defaultFixture().apiKey(DefaultFixture.API_KEY, "fake-org-admin")
        .start())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("is declared twice")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(DefaultFixture.API_KEY));
  }

  @Test
  void expiredTokenRetentionIsTheBuildersToChoose() {
    MutableClock clock = new MutableClock();
    try (FakePartoo fake = FakePartoo.builder().defaultFixture().clock(clock).expiredTokenRetention(Duration.ZERO)
        .start()) {
      PartooHttp http = new PartooHttp(fake);
      String token = http.newToken(DefaultFixture.USER_ID, 60);

      clock.advance(Duration.ofSeconds(60));

      assertAnswer(http.check(DefaultFixture.API_KEY, DefaultFixture.USER_ID, token), 404, NOT_FOUND);
    }
  }

  @Test
  @SuppressWarnings("deprecation") // threads(int): still checked, though it no longer bounds anything
  void builderRefusesInvalidValuesAtOnce() {
    FakePartoo.Builder builder = FakePartoo.builder();
    assertThatThrownBy(() -> builder.user(" ", Role.ORG_ADMIN)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.apiKey("", "owner")).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.port(65_536)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.threads(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> builder.expiredTokenRetention(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** The default fixture's users and key declared one by one, in another order, with the provider's role given. */
  private static FakePartoo.Builder fixtureByHand(Role providerRole) {
    return FakePartoo.builder()
        .user(DefaultFixture.NO_ACCESS_USER_ID, Role.BUSINESS_MANAGER)
        .user(DefaultFixture.PROVIDER_USER_ID, providerRole)
        .user(DefaultFixture.USER_ID, Role.BUSINESS_MANAGER)
        .user(DefaultFixture.OWNER_USER_ID, Role.ORG_ADMIN)
        .apiKey(DefaultFixture.API_KEY, DefaultFixture.OWNER_USER_ID, DefaultFixture.PROVIDER_USER_ID,
            DefaultFixture.USER_ID);
  }

  @Test
  void theDefaultFixtureIsRecognisedWhetherAddedAtOnceOrDeclaredByHand() {
    try (FakePartoo defaults = FakePartoo.withDefaults(); FakePartoo declared = fixtureByHand(Role.PROVIDER).start();
        FakePartoo other = fixtureByHand(Role.BUSINESS_MANAGER).start(); FakePartoo empty = FakePartoo.builder().start()) {
      assertThat(defaults.declaresDefaultFixture()).isTrue();
      assertThat(declared.declaresDefaultFixture()).isTrue();
      assertThat(other.declaresDefaultFixture()).isFalse();
      assertThat(empty.declaresDefaultFixture()).isFalse();
    }
  }

  @Test
  void toStringShowsWhereItListensButNoKey() {
    try (FakePartoo fake = FakePartoo.withDefaults()) {
      assertThat(fake.toString()).contains(fake.baseUrl()).doesNotContain(DefaultFixture.API_KEY);
    }
  }
}
