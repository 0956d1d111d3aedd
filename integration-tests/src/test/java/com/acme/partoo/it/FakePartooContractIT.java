package com.acme.partoo.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.SpecContract;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.NotFoundException;
import com.acme.partoo.tokens.PermissionDeniedException;
import com.acme.partoo.tokens.TokenState;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneOffset;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The fake Partoo (mock-server) holds to the installed bundle as WireMock's stubs do: WireMock proxies every request to
 * it, so the contract check sees each of the fake's answers, through the real client. Other teams test against the
 * fake; an answer Partoo's bundle forbids would teach their code the wrong thing.
 */
class FakePartooContractIT {

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  private static FakePartoo fake;

  @BeforeAll
  static void startTheFake() {
    fake = FakePartoo.builder()
        .defaultFixture()
        .apiKey(TestSecrets.API_KEY, DefaultFixture.OWNER_USER_ID, DefaultFixture.USER_ID,
            DefaultFixture.PROVIDER_USER_ID)
        .zone(ZoneOffset.ofHours(2))
        .start();
  }

  @AfterAll
  static void stopTheFake() {
    fake.close();
  }

  @BeforeEach
  void proxyEveryRequestToTheFake() {
    assertThat(URI.create(fake.baseUrl()).getPath())
        .as("the fake's base path, against the bundle's production server: the fake must follow the vendor")
        .isEqualTo(SpecContract.BASE_PATH);
    partoo.server().stubFor(any(anyUrl()).willReturn(aResponse().proxiedFrom("http://127.0.0.1:" + fake.port())));
  }

  @Test
  void everyAnswerInATokensLifeMatchesTheBundle() throws IOException {
    ConnectionTokens tokens = partoo.client().connectionTokens();

    String consumed = TestSecrets.token(tokens.generate(DefaultFixture.USER_ID, Duration.ofMinutes(5)).token());
    ConnectionTokenStatus fresh = tokens.check(DefaultFixture.USER_ID, consumed);
    logIn(consumed);
    ConnectionTokenStatus used = tokens.check(DefaultFixture.USER_ID, consumed);
    String revoked = TestSecrets.token(tokens.generate(DefaultFixture.USER_ID).token());
    tokens.revoke(DefaultFixture.USER_ID, revoked);
    ConnectionTokenStatus gone = tokens.check(DefaultFixture.USER_ID, revoked);

    assertThat(fresh.state()).isEqualTo(TokenState.VALID);
    assertThat(fresh.consumedAt()).isEmpty();
    assertThat(used.state()).isEqualTo(TokenState.CONSUMED);
    assertThat(used.consumedAt()).isPresent();
    assertThat(gone.state()).isEqualTo(TokenState.REVOKED);
    assertThat(gone.consumedAt()).isEmpty();
    assertThat(partoo.specViolations()).isEmpty();
  }

  @Test
  void everyErrorTheFakeAnswersMatchesTheBundle() throws IOException {
    ConnectionTokens tokens = partoo.client().connectionTokens();
    ConnectionTokens unknownKey = partoo.build(partoo.clientBuilder().apiKey("pk_it_not_a_key_of_the_fake"))
        .connectionTokens();
    String consumed = TestSecrets.token(tokens.generate(DefaultFixture.USER_ID).token());
    logIn(consumed);

    assertThat(Failures.partooFailure(() -> unknownKey.generate(DefaultFixture.USER_ID)))
        .isInstanceOf(AuthenticationException.class);
    assertThat(Failures.partooFailure(() -> tokens.generate(DefaultFixture.PROVIDER_USER_ID)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(Failures.partooFailure(() -> tokens.check(DefaultFixture.NO_ACCESS_USER_ID, consumed)))
        .isInstanceOf(PermissionDeniedException.class);
    assertThat(Failures.partooFailure(() -> tokens.check(DefaultFixture.USER_ID, TestSecrets.TOKEN)))
        .isInstanceOf(NotFoundException.class);
    assertThat(Failures.partooFailure(() -> tokens.revoke(DefaultFixture.USER_ID, consumed)))
        .isInstanceOf(InvalidRequestException.class);
    assertThat(partoo.specViolations()).isEmpty();
  }

  /** Opens the login URL on the fake itself: the web app is not part of the API bundle. */
  private static void logIn(String token) throws IOException {
    Request login = new Request.Builder().url(fake.appBaseUrl() + "/connection?connection_token="
        + URLEncoder.encode(token, StandardCharsets.UTF_8)).build();
    OkHttpClient browser = partoo.track(new OkHttpClient());
    try (Response page = browser.newCall(login).execute()) {
      assertThat(page.code()).as("logged in with the token").isEqualTo(200);
    }
  }
}
