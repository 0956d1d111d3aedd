package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.mock.FakeProxy;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code --cacert} and {@code --proxy} against the fake Partoo over HTTPS and a real CONNECT proxy: exit 0 when they
 * are right; exit 10 and one line saying what to change when this machine's TLS or proxy configuration is wrong (one
 * attempt, no wait); exit 2, quoting no credential, when the options themselves cannot be used.
 */
class TlsAndProxyOptionsTest {

  private static final String PASSWORD = "proxy-pw-3c81e0";

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder().defaultFixture().https());

  @AutoClose private final FakeProxy egress = FakeProxy.start();
  private final Cli cli = Cli.against(PARTOO.baseUrl(), PARTOO.apiKey());
  @TempDir Path files;
  private String caFile;

  @BeforeEach
  void writeTheFakesCa() throws IOException {
    caFile = Files.writeString(files.resolve("partoo-ca.pem"), PARTOO.fake().certificatePem()).toString();
  }

  private String proxy() {
    return "127.0.0.1:" + egress.address().getPort();
  }

  private void generatedOne(Cli.Result result) {
    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("login url:");
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
  }

  @Test
  void theCaOfACacertFileIsTrusted() {
    generatedOne(cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile));
  }

  @Test
  void withoutCacertTheCertificateIsNotTrustedExitTenOnceAndTheLineSaysWhatToChange() {
    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).isEqualTo(ExitCodes.TRANSPORT_CONFIGURATION).isEqualTo(10);
    assertThat(result.errorLine()).startsWith("partoo-token: Could not set up a trusted TLS connection to Partoo")
        .contains("certificate is not trusted").endsWith("With partoo-token: --cacert FILE trusts the CA"
            + " certificates of a PEM file instead of the JVM's, or give the JVM a trust store in JAVA_OPTS"
            + " (-Djavax.net.ssl.trustStore=...).");
    assertThat(cli.sleeps()).as("not retried").isEmpty();
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void cacertReplacesTheDefaultCasAsCurlsDoes() throws IOException {
    String otherCa;
    try (FakePartoo other = FakePartoo.builder().defaultFixture().https().start()) {
      otherCa = Files.writeString(files.resolve("other-ca.pem"), other.certificatePem()).toString();
    }

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", otherCa);

    assertThat(result.code()).isEqualTo(ExitCodes.TRANSPORT_CONFIGURATION);
    assertThat(result.errorLine()).contains("not trusted");
  }

  @Test
  void aHostTheCertificateDoesNotNameIsExitTenAndPointsAtTheBaseUrl() {
    // The proxy tunnels any host to the fake, as a proxy resolving partoo.test would: its certificate names 127.0.0.1.
    egress.tunnelTo(new InetSocketAddress("127.0.0.1", PARTOO.fake().port()));

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "--proxy", proxy(),
        "--base-url", "https://partoo.test:" + PARTOO.fake().port() + "/v2");

    assertThat(result.code()).isEqualTo(ExitCodes.TRANSPORT_CONFIGURATION);
    assertThat(result.errorLine()).endsWith("With partoo-token: check --base-url (or PARTOO_BASE_URL).");
  }

  @Test
  void anUnreadableCacertIsAUsageError() {
    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", files.resolve("none.pem")
        .toString());

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errorLine()).contains("--cacert " + files.resolve("none.pem") + " cannot be read")
        .contains("nothing was sent");
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void aCacertWithoutACertificateIsAUsageErrorNamingTheFlag() throws IOException {
    Path notPem = Files.writeString(files.resolve("key.txt"), "not a certificate, maybe a secret 7b1d");

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", notPem.toString());

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errorLine()).contains("--cacert " + notPem + " must hold at least one PEM certificate")
        .doesNotContain("7b1d");
  }

  @Test
  void theProxyOptionGoesThroughTheProxy() {
    generatedOne(cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "--proxy", proxy()));
    assertThat(egress.tunnels()).isEqualTo(1);
    assertThat(egress.connectRequestsWithCredentials()).isZero();
  }

  @Test
  void theProxyCredentialsComeFromTheEnvironment() {
    egress.requireCredentials("partoo-egress", PASSWORD);

    Cli.Result result = cli.env(TransportSettings.PROXY_USER_ENV, "partoo-egress")
        .env(TransportSettings.PROXY_PASSWORD_ENV, PASSWORD)
        .run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "-x", "http://" + proxy());

    generatedOne(result);
    assertThat(egress.connectRequests()).isEqualTo(1);
    assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
    assertThat(result.out() + result.err()).doesNotContain(PASSWORD);
  }

  @Test
  void aProxyRefusingTheCredentialsIsExitTenOnceNeverShowingThePassword() {
    egress.requireCredentials("partoo-egress", "the-proxys-own-password");

    Cli.Result result = cli.env(TransportSettings.PROXY_USER_ENV, "partoo-egress")
        .env(TransportSettings.PROXY_PASSWORD_ENV, PASSWORD)
        .run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "--proxy", proxy());

    assertThat(result.code()).isEqualTo(ExitCodes.TRANSPORT_CONFIGURATION);
    assertThat(result.errorLine()).contains("407").endsWith("With partoo-token: --proxy (or https_proxy) sets the"
        + " proxy, PARTOO_PROXY_USER and PARTOO_PROXY_PASSWORD its credentials.").doesNotContain(PASSWORD);
    assertThat(egress.connectRequests()).as("not retried").isEqualTo(1);
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void aPasswordOnTheCommandLineIsRefusedUnquotedAndNothingIsSent() {
    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "--proxy",
        "http://partoo-egress:" + PASSWORD + "@" + proxy());

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errorLine()).contains("--proxy must not carry credentials")
        .contains("PARTOO_PROXY_PASSWORD").doesNotContain(PASSWORD);
    assertThat(egress.connectRequests()).isZero();
  }

  @Test
  void httpsProxyIsUsedWithoutTheOptionItsUserInfoForCredentials() {
    egress.requireCredentials("partoo-egress", "p@ss+word");
    // A Partoo that is not on loopback (https_proxy is not used for loopback hosts): the proxy takes partoo.test to the
    // fake, as a proxy resolving it would. The fake's certificate does not name partoo.test, so the call ends there,
    // after the tunnel: what is shown is that the tunnel went through https_proxy with its credentials.
    egress.tunnelTo(new InetSocketAddress("127.0.0.1", PARTOO.fake().port()));

    // As curl and most tools write it, the user-info percent-encoded; a + stays a +.
    Cli.Result result = cli.env("https_proxy", "http://partoo-egress:p%40ss+word@" + proxy())
        .run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "--base-url", "https://partoo.test:"
            + PARTOO.fake().port() + "/v2");

    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.TRANSPORT_CONFIGURATION);
    assertThat(egress.requestedAuthorities()).containsExactly("partoo.test:" + PARTOO.fake().port());
    assertThat(egress.tunnels()).isEqualTo(1);
    assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
    assertThat(result.err()).doesNotContain("p@ss").doesNotContain("p%40ss");
  }

  @Test
  void aLoopbackPartooIsReachedWithoutHttpsProxy() {
    generatedOne(cli.env("HTTPS_PROXY", proxy()).run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile));
    assertThat(egress.connectRequests()).isZero();
  }

  @Test
  void withoutTheOptionTheJvmsProxyAppliesAndAnEmptyOptionGoesDirect() {
    // The JVM's proxy, as JAVA_OPTS="-Dhttps.proxyHost=... -Dhttps.proxyPort=..." would make it, loopback included.
    ProxySelector jvms = ProxySelector.getDefault();
    ProxySelector.setDefault(ProxySelector.of(egress.address()));
    try {
      assertThat(cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile).code()).isZero();
      assertThat(egress.tunnels()).isEqualTo(1);

      assertThat(cli.run("generate", "--user-id", PARTOO.userId(), "--cacert", caFile, "--proxy", "").code())
          .isZero();
      assertThat(egress.connectRequests()).as("the empty --proxy went direct").isEqualTo(1);
    } finally {
      ProxySelector.setDefault(jvms);
    }
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
  }

  @ParameterizedTest(name = "--proxy {0}")
  @CsvSource(delimiter = '|', value = {
      "socks5://127.0.0.1:1080       | --proxy must be an HTTP proxy (http://HOST:PORT, which tunnels https with CONNECT), was socks5://",
      "https://proxy.corp.example:443 | --proxy must be an HTTP proxy",
      "proxy.corp.example            | --proxy must be HOST:PORT or http://HOST:PORT, e.g. proxy.corp.example:3128",
      "http://proxy.corp.example:3128/partoo | --proxy must be the proxy's address alone, without a path",
  })
  void aProxyTheClientCannotUseIsAUsageError(String proxy, String message) {
    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--proxy", proxy);

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errorLine()).contains(message);
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void aBadHttpsProxyNamesTheVariable() {
    Cli.Result result = cli.env("https_proxy", "socks5://127.0.0.1:1080")
        .run("generate", "--user-id", PARTOO.userId(), "--base-url", "https://api.partoo.test/v2");

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errorLine()).contains("https_proxy must be an HTTP proxy");
  }

  @Test
  void halfTheCredentialsIsAUsageError() {
    Cli.Result result = cli.env(TransportSettings.PROXY_PASSWORD_ENV, PASSWORD)
        .run("generate", "--user-id", PARTOO.userId(), "--proxy", proxy());

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errorLine()).contains("PARTOO_PROXY_USER is not set, but PARTOO_PROXY_PASSWORD is")
        .doesNotContain(PASSWORD);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"localhost, true", "LOCALHOST, true", "app.localhost, true", "127.0.0.1, true", "127.1.2.3, true",
      "::1, true", "[::1], true", "api.partoo.co, false", "10.0.0.1, false", "localhost.corp.example, false"})
  void loopbackHostsAreKnownWithoutLookingThemUp(String host, boolean loopback) {
    assertThat(TransportSettings.loopback(host)).isEqualTo(loopback);
  }

  @ParameterizedTest(name = "{0} in no_proxy={1}")
  @CsvSource(delimiter = '|', value = {
      "api.partoo.co   | *                        | true",
      "api.partoo.co   | partoo.co                | true",
      "api.partoo.co   | .partoo.co               | true",
      "api.partoo.co   | *.partoo.co              | true",
      "API.Partoo.co   | api.partoo.co            | true",
      "api.partoo.co   | localhost,127.0.0.1      | false",
      "notpartoo.co    | partoo.co                | false",
      "::1             | [::1]                    | true",
      "127.0.0.1       | ' 127.0.0.1 '            | true",
      "api.partoo.co   | ''                       | false",
  })
  void noProxyIsMatchedAsCurlMatchesItsSimpleForms(String host, String noProxy, boolean bypassed) {
    assertThat(TransportSettings.bypassed(host, noProxy)).isEqualTo(bypassed);
  }
}
