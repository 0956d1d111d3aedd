package com.acme.partoo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.it.support.SecretsGuard;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakeProxy;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooHealth;
import com.acme.partoo.tokens.TokenState;
import com.acme.partoo.tokens.TransportConfigurationException;
import java.net.PasswordAuthentication;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import okhttp3.Credentials;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The client against the fake Partoo over HTTPS, as Partoo is reached in production, directly and through a real
 * {@code CONNECT} tunnel ({@link FakeProxy}): with and without proxy credentials, a rotated password, and the two
 * configuration errors a service meets first (a CA it does not trust, a proxy it has no credentials for).
 */
class TlsAndProxyIT {

  private static final String PROXY_USER = "partoo-egress";
  // Watched by the SecretsGuard in every log line (OkHttp's and the facade's at DEBUG) and every exception inspected.
  private static final String FIRST_PASSWORD = TestSecrets.secret("egress-pw-5b1d4f8a6c0e");
  private static final String ROTATED_PASSWORD = TestSecrets.secret("egress-pw-9b2d7a4f1c3e");

  static {
    TestSecrets.secret(Credentials.basic(PROXY_USER, FIRST_PASSWORD, StandardCharsets.UTF_8));
    TestSecrets.secret(Credentials.basic(PROXY_USER, ROTATED_PASSWORD, StandardCharsets.UTF_8));
  }

  @AutoClose private final FakePartoo fake = FakePartoo.builder().defaultFixture().https().start();
  @AutoClose private final FakePartoo http1Only = FakePartoo.builder().defaultFixture().http1Only().start();
  @AutoClose private final FakeProxy proxy = FakeProxy.start();
  private final AtomicReference<PasswordAuthentication> proxyPassword =
      new AtomicReference<>(new PasswordAuthentication(PROXY_USER, FIRST_PASSWORD.toCharArray()));

  /** A client of {@code partoo}, trusting the CA it generated, changed by {@code customize}. */
  private static PartooClient client(FakePartoo partoo, UnaryOperator<PartooClient.Builder> customize) {
    return customize.apply(PartooClient.builder()
        .apiKey(DefaultFixture.API_KEY)
        .baseUrl(partoo.baseUrl())
        .appBaseUrl(partoo.appBaseUrl())
        .trustedCertificates(partoo.certificatePem())).build();
  }

  private static void generateCheckRevoke(ConnectionTokens tokens) {
    ConnectionToken token = tokens.generate(DefaultFixture.USER_ID);
    assertThat(tokens.check(DefaultFixture.USER_ID, token.token()).state()).isEqualTo(TokenState.VALID);
    tokens.revoke(DefaultFixture.USER_ID, token.token());
    assertThat(tokens.check(DefaultFixture.USER_ID, token.token()).state()).isEqualTo(TokenState.REVOKED);
  }

  @ParameterizedTest(name = "HTTP/2 offered: {0}")
  @ValueSource(booleans = {true, false})
  void theFakesOwnTrustIsAllAClientNeedsOverHttps(boolean http2) {
    FakePartoo partoo = http2 ? fake : http1Only;
    try (PartooClient client = client(partoo, b -> b)) {
      generateCheckRevoke(client.connectionTokens());
    }
    assertThat(partoo.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
  }

  @Test
  void anSslContextAndItsTrustManagerWorkToo() {
    try (PartooClient client = PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(fake.baseUrl())
        .sslContext(fake.sslContext(), fake.trustManager()).build()) {
      generateCheckRevoke(client.connectionTokens());
    }
  }

  @Test
  void throughAProxyWithoutCredentials() {
    try (PartooClient client = client(fake, b -> b.proxy(proxy.proxy()))) {
      generateCheckRevoke(client.connectionTokens());
    }
    assertThat(proxy.tunnels()).as("one tunnel, reused by every call").isEqualTo(1);
    assertThat(proxy.requestedAuthorities()).containsExactly("127.0.0.1:" + fake.port());
  }

  @Test
  void throughAProxyWithCredentialsARotatedPasswordServesTheNextTunnel() {
    proxy.requireCredentials(PROXY_USER, FIRST_PASSWORD);
    // No idle connection kept: every call opens its own tunnel, so each one shows the password read for it.
    try (PartooClient client = client(fake, b -> b.proxy(proxy.proxy()).proxyCredentials(proxyPassword::get)
        .maxIdleConnections(0))) {
      client.connectionTokens().generate(DefaultFixture.USER_ID);

      proxy.requireCredentials(PROXY_USER, ROTATED_PASSWORD);
      proxyPassword.set(new PasswordAuthentication(PROXY_USER, ROTATED_PASSWORD.toCharArray()));

      client.connectionTokens().generate(DefaultFixture.USER_ID);
    }
    assertThat(proxy.tunnels()).isEqualTo(2);
    assertThat(proxy.connectRequests()).as("sent with the first CONNECT: no 407 round trip").isEqualTo(2);
  }

  @Test
  void aProxyAskingForCredentialsEndsEachCallAfterOneConnectAndPartooStaysHealthy() {
    proxy.requireCredentials(PROXY_USER, FIRST_PASSWORD);
    try (PartooClient client = client(fake, b -> b.proxy(proxy.proxy()))) {
      TransportConfigurationException last = null;
      for (int call = 0; call < 20; call++) {
        last = catchThrowableOfType(TransportConfigurationException.class,
            () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
      }

      SecretsGuard.inspect(last);
      assertThat(last.kind()).isEqualTo(FailureKind.PROXY);
      assertThat(last.attempts()).isEqualTo(1);
      assertThat(proxy.connectRequests()).isEqualTo(20);
      assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
    }
    assertThat(fake.journal().total()).as("requests that reached Partoo").isZero();
  }

  @Test
  void aPasswordTheProxyRefusesIsShownNowhere() {
    proxy.requireCredentials(PROXY_USER, ROTATED_PASSWORD); // the client still has the old one
    try (PartooClient client = client(fake, b -> b.proxy(proxy.proxy()).proxyCredentials(proxyPassword::get))) {
      TransportConfigurationException e = SecretsGuard.inspect(catchThrowableOfType(
          TransportConfigurationException.class, () -> client.connectionTokens().generate(DefaultFixture.USER_ID)));

      assertThat(e).hasMessageContaining("refusing the credentials this client sent");
      assertThat(client.toString()).doesNotContain(FIRST_PASSWORD);
    }
  }

  @Test
  void aCaTheClientDoesNotTrustIsATlsErrorNotAnOutage() {
    try (PartooClient client = PartooClient.builder().apiKey(DefaultFixture.API_KEY).baseUrl(fake.baseUrl())
        .trustedCertificates(http1Only.certificatePem()).build()) { // another fake's CA
      TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
          () -> client.connectionTokens().generate(DefaultFixture.USER_ID));

      assertThat(e.kind()).isEqualTo(FailureKind.TLS);
      assertThat(e).hasMessageContaining("is not trusted");
      assertThat(client.health().state()).isEqualTo(PartooHealth.State.CLOSED);
    }
  }
}
