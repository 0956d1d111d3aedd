package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.mock.RecordedRequest;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooEnvironment;
import com.acme.partoo.tokens.PartooListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The client bean: when it is made, from what, with what around it, and when it is closed. */
class PartooAutoConfigurationTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class));

  /** The runner, pointed at the fake Partoo with its key. */
  private ApplicationContextRunner againstTheFake() {
    return runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl(),
        "partoo.app-url=" + PARTOO.appBaseUrl());
  }

  @Test
  void theClientFromThePropertiesGetsTokensFromPartoo() {
    againstTheFake().run(context -> {
      PartooClient client = context.getBean(PartooClient.class);
      ConnectionToken token = client.connectionTokens().generate(PARTOO.userId());
      assertThat(client.connectionTokens().loginUrl(token.token()).toString())
          .startsWith(PARTOO.appBaseUrl() + "/connection?connection_token=");
      assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    });
  }

  @Test
  void theClientIsClosedWithTheContext() {
    List<PartooClient> clients = new ArrayList<>();
    againstTheFake().run(context -> clients.add(context.getBean(PartooClient.class)));

    assertThatThrownBy(() -> clients.get(0).connectionTokens().generate(PARTOO.userId()))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void noClientWhenDisabledAndThenNoKeyIsNeeded() {
    runner.withPropertyValues("partoo.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PartooClient.class));
  }

  @Test
  void aClientOfTheApplicationsOwnWinsAndNeedsNoProperty() {
    runner.withUserConfiguration(OwnClient.class).run(context -> {
      assertThat(context).hasNotFailed().hasSingleBean(PartooClient.class);
      assertThat(context.getBean(PartooClient.class)).isSameAs(context.getBean("ownPartooClient"));
    });
  }

  @Test
  void customizersRunInTheirOrderAfterTheProperties() {
    againstTheFake().withUserConfiguration(OrderedCustomizers.class).run(context -> {
      context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());

      assertThat(context.getBean(Calls.class).names).containsExactly("first", "second");
      // The last customizer's suffix wins over the property set before it.
      assertThat(userAgent()).endsWith(" second/2");
    });
  }

  @Test
  void aCustomizerMayGiveTheKeyInsteadOfTheProperty() {
    runner.withPropertyValues("partoo.base-url=" + PARTOO.baseUrl())
        .withBean(PartooClientBuilderCustomizer.class, () -> builder -> builder.apiKey(PARTOO::apiKey))
        .run(context -> assertThat(context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()))
            .isNotNull());
  }

  @Test
  void customizersWhoseSettingsConflictFailTheStartAsTheirOwnDefectNotTheApiKeys() {
    againstTheFake().withBean(PartooClientBuilderCustomizer.class,
        () -> builder -> builder.okHttpClient(new OkHttpClient()).maxIdleConnections(1)).run(context -> {
          assertThat(context).hasFailed();
          assertThat(context.getStartupFailure()).rootCause().isExactlyInstanceOf(IllegalStateException.class)
              .hasMessageStartingWith("maxIdleConnections and idleConnectionTimeout configure");
        });
  }

  @Test
  void listenerBeansHearTheClientsCalls() {
    List<String> heard = new CopyOnWriteArrayList<>();
    againstTheFake()
        .withBean(PartooListener.class, () -> new PartooListener() {
          @Override
          public CallListener callStarted(CallStarted call) {
            heard.add(call.operation().name());
            return CallListener.NONE;
          }
        })
        .run(context -> context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()));

    assertThat(heard).containsExactly("GENERATE");
  }

  @Test
  void theUserAgentNamesTheApplication() {
    againstTheFake().withPropertyValues("spring.application.name=booking-service").run(context -> {
      context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());
      assertThat(userAgent()).startsWith("partoo-token-client-java/").endsWith(" booking-service");
    });
  }

  @Test
  void theUserAgentSuffixPropertyWinsOverTheApplicationName() {
    againstTheFake().withPropertyValues("spring.application.name=booking-service",
        "partoo.user-agent-suffix=billing/4.1").run(context -> {
          context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());
          assertThat(userAgent()).endsWith(" billing/4.1").doesNotContain("booking-service");
        });
  }

  @Test
  void anApplicationNameNoHeaderCanCarryIsLeftOut() {
    againstTheFake().withPropertyValues("spring.application.name=réservations").run(context -> {
      assertThat(context).hasNotFailed();
      context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());
      assertThat(userAgent()).doesNotContain("servations");
    });
  }

  @Test
  void theSandboxEnvironmentSetsBothUrls() {
    runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.environment=sandbox").run(context -> {
      PartooClient client = context.getBean(PartooClient.class);
      assertThat(client.toString()).contains(PartooEnvironment.SANDBOX.apiBaseUrl().toString());
      assertThat(client.connectionTokens().loginUrl("\\xabc").toString())
          .startsWith(PartooEnvironment.SANDBOX.appBaseUrl() + "/connection");
    });
  }

  // A fake of their own for the two slow-answer tests: a request it is still holding must not reach the next test.

  @Test
  void theReadTimeoutBoundsEachAttempt() {
    try (FakePartoo slow = FakePartoo.withDefaults()) {
      slow.faults().delay(Duration.ofSeconds(2));
      runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + slow.baseUrl(),
          "partoo.read-timeout=150ms", "partoo.retry.max-attempts=1").run(context ->
              assertThatThrownBy(() -> context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()))
                  .isInstanceOf(PartooConnectionException.class));
    }
  }

  @Test
  void theDeadlineBoundsTheWholeCall() {
    try (FakePartoo slow = FakePartoo.withDefaults()) {
      slow.faults().delay(Duration.ofSeconds(2));
      runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + slow.baseUrl(),
          "partoo.deadline=PT0.15S").run(context ->
              assertThatThrownBy(() -> context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()))
                  .isInstanceOf(PartooConnectionException.class)
                  .satisfies(e -> assertThat(((PartooConnectionException) e).attempts()).isEqualTo(1)));
    }
  }

  @Test
  void retryPropertiesReachTheClient() {
    PARTOO.faults().serviceUnavailable(5);
    againstTheFake().withPropertyValues("partoo.retry.max-attempts=2", "partoo.retry.base-delay=0s",
        "partoo.retry.max-delay=0s").run(context -> {
          assertThatThrownBy(() -> context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId()));
          assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
        });
  }

  // Imported as an application imports them, so that the class conditions are read before any class is loaded.

  @Test
  void withoutMicrometerTheClientWorksUnmetered() {
    everything(new FilteredClassLoader("io.micrometer")).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("partooMetricsCustomizer")
          .hasBean("partooTracingCustomizer");
      assertTheClientWorks(context);
    });
  }

  @Test
  void withoutOpenTelemetryTheClientWorksUntraced() {
    everything(new FilteredClassLoader("io.opentelemetry")).run(context -> {
      assertThat(context).hasNotFailed().doesNotHaveBean("partooTracingCustomizer")
          .hasBean("partooMetricsCustomizer");
      assertTheClientWorks(context);
      assertThat(PARTOO.journal().last().orElseThrow().header("traceparent")).isEmpty();
    });
  }

  @Test
  void withoutTheObservabilityModulesTheClientWorks() {
    // Micrometer and OpenTelemetry present, partoo-micrometer and partoo-opentelemetry not (they are optional here).
    everything(new FilteredClassLoader("com.acme.partoo.micrometer", "com.acme.partoo.opentelemetry"))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("partooMetricsCustomizer")
              .doesNotHaveBean("partooTracingCustomizer");
          assertTheClientWorks(context);
        });
  }

  @Test
  void withoutActuatorTheClientWorksWithoutHealth() {
    everything(new FilteredClassLoader("org.springframework.boot.health", "org.springframework.boot.actuate"))
        .run(context -> {
          assertThat(context).hasNotFailed().doesNotHaveBean("partooHealthContributor");
          assertTheClientWorks(context);
        });
  }

  private static ApplicationContextRunner everything(FilteredClassLoader classLoader) {
    return new ApplicationContextRunner().withUserConfiguration(AllAutoConfigurations.class)
        .withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl())
        .withClassLoader(classLoader);
  }

  private static void assertTheClientWorks(AssertableApplicationContext context) {
    assertThat(context).hasSingleBean(PartooClient.class);
    assertThat(context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId())).isNotNull();
  }

  private static String userAgent() {
    RecordedRequest last = PARTOO.journal().last().orElseThrow();
    return last.header("User-Agent").orElseThrow();
  }

  @Configuration(proxyBeanMethods = false)
  @ImportAutoConfiguration({PartooAutoConfiguration.class, PartooHealthContributorAutoConfiguration.class,
      PartooMetricsAutoConfiguration.class, PartooTracingAutoConfiguration.class})
  static class AllAutoConfigurations {}

  @Configuration(proxyBeanMethods = false)
  static class OwnClient {
    @Bean(destroyMethod = "close")
    PartooClient ownPartooClient() {
      return PartooClient.builder().apiKey(PARTOO.apiKey()).baseUrl(PARTOO.baseUrl()).build();
    }
  }

  /** Which customizers ran, in order. */
  static final class Calls {
    final List<String> names = new CopyOnWriteArrayList<>();
  }

  @Configuration(proxyBeanMethods = false)
  static class OrderedCustomizers {
    private final Calls calls = new Calls();

    @Bean
    Calls calls() {
      return calls;
    }

    // Declared in the opposite order: @Order decides.
    @Bean
    @Order(2)
    PartooClientBuilderCustomizer second() {
      return builder -> {
        calls.names.add("second");
        builder.userAgentSuffix("second/2");
      };
    }

    @Bean
    @Order(1)
    PartooClientBuilderCustomizer first() {
      return builder -> {
        calls.names.add("first");
        builder.userAgentSuffix("first/1");
      };
    }
  }
}
