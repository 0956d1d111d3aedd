package com.acme.partoo.tokens;

import static com.acme.partoo.tokens.FakePartoo.TOKEN;
import static com.acme.partoo.tokens.FakePartoo.USER_ID;
import static com.acme.partoo.tokens.FakePartoo.tokenResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.mock.FakeProxy;
import java.net.InetSocketAddress;
import java.net.PasswordAuthentication;
import java.net.Proxy;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Credentials;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reaching Partoo through an egress proxy, a real {@code CONNECT} tunnel ({@link FakeProxy}): explicit, with
 * credentials read per use (rotation), or from the JVM's proxy properties; and what a refusing or missing proxy looks
 * like. Partoo's name here is {@code partoo.test}, which only the proxy can reach: a request that bypassed it would
 * fail on the name.
 */
class ProxyTest {

  private static final String USER = "egress-svc";
  private static final String PASSWORD = "first-pw-9c2e5b1d4f8a";
  private static final String ROTATED = "second-pw-3e8951c1f4c4";

  @RegisterExtension final FakePartoo partoo = FakePartoo.https(TestTls.PARTOO_TEST);

  @AutoClose private final FakeProxy proxy = FakeProxy.start();
  private final AtomicReference<PasswordAuthentication> credentials =
      new AtomicReference<>(new PasswordAuthentication(USER, PASSWORD.toCharArray()));

  /** A client for {@code https://partoo.test:PORT/v2}, trusting the test CA, with no proxy set yet. */
  private PartooClient.Builder viaPartooTest(PartooClient.Builder builder) {
    proxy.tunnelTo(new InetSocketAddress("127.0.0.1", partoo.port()));
    return builder.baseUrl("https://partoo.test:" + partoo.port() + "/v2").trustedCertificates(TestTls.caPem());
  }

  @Test
  void callsGoThroughAnExplicitProxy() {
    partoo.enqueue(tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())).connectionTokens();

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
    assertThat(proxy.tunnels()).isEqualTo(1);
    assertThat(proxy.requestedAuthorities()).containsExactly("partoo.test:" + partoo.port());
  }

  @Test
  void credentialsGoWithTheFirstConnectWithoutWaitingForAChallenge() {
    proxy.requireCredentials(USER, PASSWORD);
    partoo.enqueue(tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())
        .proxyCredentials(credentials::get)).connectionTokens();

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
    assertThat(proxy.connectRequests()).as("one CONNECT: no 407 round trip").isEqualTo(1);
    assertThat(proxy.connectRequestsWithCredentials()).isEqualTo(1);
  }

  @Test
  void aRotatedPasswordIsReadForTheNextTunnel() {
    proxy.requireCredentials(USER, PASSWORD);
    partoo.enqueue(tokenResponse(), tokenResponse());
    // No idle connection kept: each call opens its own tunnel.
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())
        .proxyCredentials(credentials::get).maxIdleConnections(0)).connectionTokens();
    tokens.generate(USER_ID);

    proxy.requireCredentials(USER, ROTATED);
    credentials.set(new PasswordAuthentication(USER, ROTATED.toCharArray()));

    assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN);
    assertThat(proxy.tunnels()).isEqualTo(2);
  }

  @Test
  void aRefusedPasswordEndsAfterOneConnectAndIsShownNowhere() {
    proxy.requireCredentials(USER, ROTATED);
    PartooClient client = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())
        .proxyCredentials(credentials::get));

    TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
        () -> client.connectionTokens().generate(USER_ID));

    assertThat(e.kind()).isEqualTo(FailureKind.PROXY);
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(proxy.connectRequests()).isEqualTo(1);
    assertThat(e).hasMessageContaining("The HTTP proxy at 127.0.0.1:" + proxy.address().getPort())
        .hasMessageContaining("407 Proxy Authentication Required, refusing the credentials this client sent")
        .hasMessageContaining("(it asks for Basic)")
        .hasMessageContaining("proxyCredentials(...)")
        .hasMessageContaining("partoo.proxy.*");
    SecretAssertions.assertNoSecretIn(e, PASSWORD, Credentials.basic(USER, PASSWORD),
        Credentials.basic(USER, PASSWORD).substring("Basic ".length()));
    assertThat(client.toString()).doesNotContain(PASSWORD).contains("proxy=");
  }

  @Test
  void theClientNamesItsProxyAsItWasGivenNotAsAResolvedAddress() {
    PartooClient client = partoo.client(b -> b.proxy(new java.net.Proxy(java.net.Proxy.Type.HTTP,
        java.net.InetSocketAddress.createUnresolved("proxy.example.test", 3128))));

    assertThat(client.toString()).contains("proxy=proxy.example.test:3128").doesNotContain("unresolved");
  }

  @Test
  void withoutCredentialsA407SaysThereAreNone() {
    proxy.requireCredentials(USER, PASSWORD);
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())).connectionTokens();

    TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e).hasMessageContaining("this client has no proxy credentials to send");
  }

  /** Pins the message OkHttp gives a CONNECT answered with another status, which the classification reads. */
  @Test
  void aConnectAnsweredWithAnotherStatusIsAProxyError() {
    proxy.refuseWith(403);
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())).connectionTokens();

    TransportConfigurationException e = catchThrowableOfType(TransportConfigurationException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e.kind()).isEqualTo(FailureKind.PROXY);
    assertThat(e).hasMessageContaining("it answered HTTP 403 to CONNECT");
  }

  /**
   * An unreachable proxy is no answer (docs/decisions/0100-an-unreachable-proxy-is-no-answer.md): retried, and held against Partoo's reachability, since
   * from this service Partoo cannot be reached; the message names the proxy.
   */
  @Test
  void anUnreachableProxyIsNoAnswerAndNamed() {
    int closedPort = proxy.address().getPort();
    proxy.close();
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxy(proxy.proxy())).connectionTokens();

    PartooConnectionException e = catchThrowableOfType(PartooConnectionException.class,
        () -> tokens.generate(USER_ID));

    assertThat(e).isExactlyInstanceOf(PartooConnectionException.class)
        .hasMessageContaining("through the HTTP proxy at 127.0.0.1:" + closedPort);
    assertThat(e.attempts()).isEqualTo(3);
  }

  @Test
  void theJvmsProxyPropertiesAreUsedWhenNoProxyIsSet() {
    partoo.enqueue(tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b)).connectionTokens();

    withTheJvmsProxy(() -> assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN));

    assertThat(proxy.tunnels()).isEqualTo(1);
  }

  @Test
  void credentialsApplyToTheJvmsProxyToo() {
    proxy.requireCredentials(USER, PASSWORD);
    partoo.enqueue(tokenResponse());
    ConnectionTokens tokens = partoo.client(b -> viaPartooTest(b).proxyCredentials(credentials::get))
        .connectionTokens();

    withTheJvmsProxy(() -> assertThat(tokens.generate(USER_ID).token()).isEqualTo(TOKEN));
  }

  @Test
  void noProxyGoesDirectWhateverTheJvmSays() {
    ConnectionTokens tokens = partoo.client(b -> b.trustedCertificates(TestTls.caPem())
        .baseUrl("https://127.0.0.1:" + partoo.port() + "/v2").proxy(Proxy.NO_PROXY)).connectionTokens();

    // The certificate names partoo.test only: reaching 127.0.0.1 directly fails on the name, not at the proxy.
    withTheJvmsProxy(() -> assertThat(catchThrowableOfType(TransportConfigurationException.class,
        () -> tokens.generate(USER_ID)).kind()).isEqualTo(FailureKind.TLS));

    assertThat(proxy.connectRequests()).isZero();
  }

  @Test
  void aSocksProxyIsRefused() {
    Proxy socks = new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", 1080));

    assertThatIllegalArgumentException().isThrownBy(() -> PartooClient.builder().proxy(socks))
        .withMessageStartingWith("proxy");
  }

  @Test
  void aSharedOkHttpClientOwnsItsProxy() {
    PartooClient.Builder builder = partoo.builder().okHttpClient(new OkHttpClient()).proxy(proxy.proxy());

    assertThatIllegalStateException().isThrownBy(builder::build)
        .withMessageContaining("proxy").withMessageContaining("okHttpClient(...)");
  }

  /** Runs {@code test} with the JVM's {@code https.proxyHost} and {@code https.proxyPort} naming the proxy. */
  private void withTheJvmsProxy(Runnable test) {
    Map<String, String> saved = setProperties(Map.of(
        "https.proxyHost", "127.0.0.1", "https.proxyPort", String.valueOf(proxy.address().getPort())));
    try {
      test.run();
    } finally {
      setProperties(saved);
    }
  }

  /** Sets (or, for a null value, clears) system properties; returns what they were, to restore. */
  private static Map<String, String> setProperties(Map<String, String> values) {
    Map<String, String> previous = new HashMap<>();
    values.forEach((name, value) -> {
      previous.put(name, System.getProperty(name));
      if (value == null) {
        System.clearProperty(name);
      } else {
        System.setProperty(name, value);
      }
    });
    return previous;
  }
}
