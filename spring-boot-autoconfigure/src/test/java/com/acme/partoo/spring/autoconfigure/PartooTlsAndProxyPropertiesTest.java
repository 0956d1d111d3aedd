package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.mock.FakeProxy;
import com.acme.partoo.spring.autoconfigure.internal.InvalidPartooPropertiesException;
import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.TransportConfigurationException;
import java.net.ProxySelector;
import java.util.HashMap;
import java.util.Map;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.MapPropertySource;

/**
 * {@code partoo.ssl.bundle} and {@code partoo.proxy.*}: one of Spring Boot's SSL bundles trusted instead of the JVM's
 * CAs, against the fake Partoo over HTTPS; an HTTP proxy (a real CONNECT tunnel) with and without credentials; and the
 * start-ups a missing bundle or a bad proxy setting refuses, with the property's name and never the password.
 */
class PartooTlsAndProxyPropertiesTest {

  private static final String BUNDLE = "spring.ssl.bundle.pem.partoo-ca.truststore.certificate=";
  private static final String PASSWORD = "proxy-pw-5e0b7d";
  private static final String OVERRIDES = "overrides";

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.using(FakePartoo.builder().defaultFixture().https());

  @AutoClose private final FakeProxy egress = FakeProxy.start();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class, SslAutoConfiguration.class));

  /** Against the fake over HTTPS, with its key; nothing about trust or proxies yet. */
  private ApplicationContextRunner againstTheFake() {
    return runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl(),
        "partoo.retry.max-attempts=1");
  }

  /** ... trusting the fake's CA through a PEM bundle, the certificate given inline as Boot's PEM bundles allow. */
  private ApplicationContextRunner trustingTheFake() {
    return againstTheFake().withPropertyValues(BUNDLE + PARTOO.fake().certificatePem(), "partoo.ssl.bundle=partoo-ca");
  }

  /** ... and through the test's proxy. */
  private ApplicationContextRunner throughTheProxy() {
    return trustingTheFake().withPropertyValues("partoo.proxy.host=127.0.0.1",
        "partoo.proxy.port=" + egress.address().getPort());
  }

  private static void generates(AssertableApplicationContext context) {
    assertThat(context).hasNotFailed();
    assertThat(context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()).token())
        .isNotBlank();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
  }

  @Test
  void aPemBundleTrustingTheFakesCaReachesItOverHttps() {
    trustingTheFake().run(PartooTlsAndProxyPropertiesTest::generates);
  }

  @Test
  void withoutTheBundleTheFakesCertificateIsNotTrustedAndTheMessageNamesTheProperty() {
    againstTheFake().run(context -> {
      assertThatThrownBy(() -> context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()))
          .isInstanceOfSatisfying(TransportConfigurationException.class,
              e -> assertThat(e.kind()).isEqualTo(FailureKind.TLS))
          .hasMessageContaining("partoo.ssl.bundle");
      assertThat(PARTOO.journal().total()).isZero();
    });
  }

  @Test
  void aMissingBundleFailsTheStartNamingTheProperty() {
    againstTheFake().withPropertyValues(BUNDLE + PARTOO.fake().certificatePem(), "partoo.ssl.bundle=partoo-cert")
        .run(context -> assertThat(refused(context))
            .hasMessageContaining("partoo.ssl.bundle names no SSL bundle of this application: 'partoo-cert'")
            .hasMessageContaining("spring.ssl.bundle.pem.partoo-cert")
            .hasMessageContaining("(partoo-ca)")
            .satisfies(e -> assertThat(e.problems()).extracting(InvalidPartooPropertiesException.Problem::property)
                .containsExactly("partoo.ssl.bundle")));
  }

  @Test
  void aBundleWithOptionsTheClientCannotApplyIsRefused() {
    trustingTheFake().withPropertyValues("spring.ssl.bundle.pem.partoo-ca.options.enabled-protocols=TLSv1.3")
        .run(context -> assertThat(refused(context))
            .hasMessageContaining("partoo.ssl.bundle names the SSL bundle 'partoo-ca', whose options"));
  }

  @Test
  void aBundleNamedInAnApplicationWithoutBundlesIsRefused() {
    new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class))
        .withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.ssl.bundle=partoo-ca")
        .run(context -> assertThat(refused(context)).hasMessageContaining("this application has no SSL bundles"));
  }

  @Test
  void theProxyPropertiesReachTheProxyWithoutCredentials() {
    throughTheProxy().run(context -> {
      generates(context);
      assertThat(egress.tunnels()).isEqualTo(1);
      assertThat(egress.connectRequestsWithCredentials()).isZero();
      assertThat(egress.requestedAuthorities()).containsExactly("127.0.0.1:" + PARTOO.fake().port());
    });
  }

  @Test
  void theProxyPropertiesReachTheProxyWithCredentials() {
    egress.requireCredentials("partoo-egress", PASSWORD);

    throughTheProxy().withPropertyValues("partoo.proxy.username=partoo-egress", "partoo.proxy.password=" + PASSWORD)
        .run(context -> {
          generates(context);
          // Sent with the first CONNECT: no 407 round trip.
          assertThat(egress.connectRequests()).isEqualTo(1);
          assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
          assertThat(egress.tunnels()).isEqualTo(1);
          // The address is left unresolved (looked up per connection); the client names it as it was given.
          assertThat(context.getBean(PartooClient.class).toString())
              .contains("proxy=127.0.0.1:" + egress.address().getPort()).doesNotContain(PASSWORD);
        });
  }

  @Test
  void aRefusedPasswordIsAProxyErrorThatNeverShowsThePassword() {
    egress.requireCredentials("partoo-egress", "the-proxys-own-password");

    throughTheProxy().withPropertyValues("partoo.proxy.username=partoo-egress", "partoo.proxy.password=" + PASSWORD)
        .run(context -> assertThatThrownBy(() -> context.getBean(PartooClient.class).connectionTokens()
            .generate(PARTOO.userId()))
            .isInstanceOfSatisfying(TransportConfigurationException.class,
                e -> assertThat(e.kind()).isEqualTo(FailureKind.PROXY))
            .hasMessageContaining("407").hasMessageContaining("partoo.proxy.*").hasMessageNotContaining(PASSWORD));
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void aPasswordReboundAfterStartUpIsUsedByTheNextTunnel() {
    egress.requireCredentials("partoo-egress", "before-rotation-1a");

    throughTheProxy().withPropertyValues("partoo.proxy.username=partoo-egress")
        .withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(new MapPropertySource(
            OVERRIDES, new HashMap<>(Map.of("partoo.proxy.password", "before-rotation-1a")))))
        .run(context -> {
          assertThat(context).hasNotFailed();
          // The secret store rotates the password, and the application rebinds its properties as Spring Cloud's
          // refresh does (ConfigurationPropertiesRebinder: destroy, then initialize the bean again), after the
          // client was created and before its first tunnel.
          egress.requireCredentials("partoo-egress", "after-rotation-2b");
          @SuppressWarnings("unchecked")
          Map<String, Object> overrides = (Map<String, Object>) context.getEnvironment().getPropertySources()
              .get(OVERRIDES).getSource();
          overrides.put("partoo.proxy.password", "after-rotation-2b");
          AutowireCapableBeanFactory beans = context.getAutowireCapableBeanFactory();
          String name = context.getBeanNamesForType(PartooProperties.class)[0];
          PartooProperties properties = context.getBean(PartooProperties.class);
          beans.destroyBean(properties);
          beans.initializeBean(properties, name);
          assertThat(properties.getProxy().getPassword()).isEqualTo("after-rotation-2b");

          generates(context);
          assertThat(egress.tunnels()).isEqualTo(1);
        });
  }

  @Test
  void credentialsWithoutAHostGoToTheJvmsProxy() {
    egress.requireCredentials("partoo-egress", PASSWORD);
    // The JVM's proxy, as -Dhttps.proxyHost=... -Dhttps.proxyPort=... would make it, loopback included.
    ProxySelector jvms = ProxySelector.getDefault();
    ProxySelector.setDefault(ProxySelector.of(egress.address()));
    try {
      trustingTheFake().withPropertyValues("partoo.proxy.username=partoo-egress", "partoo.proxy.password=" + PASSWORD)
          .run(context -> {
            generates(context);
            assertThat(egress.connectRequestsWithCredentials()).isEqualTo(1);
          });
    } finally {
      ProxySelector.setDefault(jvms);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "partoo.proxy.host=proxy.corp.example partoo.proxy.port=0     | partoo.proxy.port | partoo.proxy.port must be from 1 to 65535, was 0",
      "partoo.proxy.host=proxy.corp.example partoo.proxy.port=65536 | partoo.proxy.port | partoo.proxy.port must be from 1 to 65535, was 65536",
      "partoo.proxy.host=proxy.corp.example                         | partoo.proxy.port | partoo.proxy.port is required with partoo.proxy.host",
      "partoo.proxy.port=3128                                       | partoo.proxy.host | partoo.proxy.host is required with partoo.proxy.port",
      "partoo.proxy.username=partoo-egress                          | partoo.proxy.password | partoo.proxy.password is required with partoo.proxy.username",
  })
  void aBadProxySettingFailsTheStartNamingItsProperty(String settings, String property, String message) {
    againstTheFake().withPropertyValues(settings.split(" "))
        .run(context -> assertThat(refused(context)).hasMessageContaining(message)
            .satisfies(e -> assertThat(e.problems()).extracting(InvalidPartooPropertiesException.Problem::property)
                .containsExactly(property)));
  }

  @Test
  void aPasswordWithoutAUserIsRefusedWithoutBeingQuoted() {
    againstTheFake().withPropertyValues("partoo.proxy.password=" + PASSWORD)
        .run(context -> assertThat(refused(context))
            .hasMessageContaining("partoo.proxy.username is required with partoo.proxy.password")
            .hasMessageNotContaining(PASSWORD));
  }

  @Test
  void aHostWrittenAsAUrlWithCredentialsIsRefusedWithoutBeingQuoted() {
    againstTheFake().withPropertyValues("partoo.proxy.host=http://partoo-egress:" + PASSWORD + "@proxy.corp.example",
        "partoo.proxy.port=3128").run(context -> assertThat(refused(context))
            .hasMessageContaining("partoo.proxy.host must be the proxy's host name or address alone")
            .hasMessageNotContaining(PASSWORD).hasMessageNotContaining("proxy.corp.example"));
  }

  @Test
  void everyBadSettingIsReportedAtOnceAndThePasswordNever() {
    againstTheFake().withPropertyValues("partoo.ssl.bundle=nowhere", "partoo.proxy.host=proxy.corp.example",
        "partoo.proxy.port=0", "partoo.proxy.username=partoo-egress", "partoo.proxy.password=" + PASSWORD)
        .run(context -> {
          InvalidPartooPropertiesException refused = refused(context);
          assertThat(refused.problems()).extracting(InvalidPartooPropertiesException.Problem::property)
              .containsExactly("partoo.ssl.bundle", "partoo.proxy.port");
          for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(PASSWORD);
          }
        });
  }

  @Test
  void aCustomizersOwnOkHttpClientConflictsWithTheBundleNamingIt() {
    trustingTheFake().withBean(PartooClientBuilderCustomizer.class,
        () -> builder -> builder.okHttpClient(new OkHttpClient()))
        .run(context -> assertThat(refused(context)).hasMessageContaining(
            "partoo.ssl.bundle conflicts with a PartooClientBuilderCustomizer's settings: sslContext"));
  }

  @Test
  void toStringShowsTheProxyButNoPassword() {
    PartooProperties properties = new PartooProperties();
    properties.getProxy().setHost("proxy.corp.example");
    properties.getProxy().setPort(3128);
    properties.getProxy().setUsername("partoo-egress");
    properties.getProxy().setPassword(PASSWORD);
    properties.getSsl().setBundle("partoo-ca");

    assertThat(properties.toString()).contains("proxy=proxy.corp.example:3128", "proxy.username=partoo-egress",
        "proxy.password=****", "ssl.bundle=partoo-ca").doesNotContain(PASSWORD);
  }

  private static InvalidPartooPropertiesException refused(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
      if (t instanceof InvalidPartooPropertiesException refused) {
        return refused;
      }
    }
    throw new AssertionError("not refused by its properties", context.getStartupFailure());
  }
}
