package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.spring.autoconfigure.internal.InvalidPartooPropertiesException;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooEnvironment;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Binding of every {@code partoo.*} property, Spring's duration forms, and the start-ups a bad value refuses. */
class PartooPropertiesTest {

  private static final String KEY = "test-key-3f9a1c7e5b2d";
  private static final String SYSTEM_ENVIRONMENT = "systemEnvironment";

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class));

  private void bound(String[] properties, Consumer<PartooProperties> check) {
    runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl())
        .withPropertyValues(properties)
        .run(context -> {
          assertThat(context).hasNotFailed();
          check.accept(context.getBean(PartooProperties.class));
        });
  }

  @Test
  void everyTopLevelPropertyIsBound() {
    runner.withPropertyValues("partoo.api-key=" + KEY, "partoo.environment=sandbox",
        "partoo.app-url=https://app.example.com/app", "partoo.deadline=3s", "partoo.connect-timeout=PT0.5S",
        "partoo.read-timeout=1500ms", "partoo.user-agent-suffix=billing/4.1").run(context -> {
          assertThat(context).hasNotFailed();
          PartooProperties properties = context.getBean(PartooProperties.class);
          assertThat(properties.isEnabled()).isTrue();
          assertThat(properties.getApiKey()).isEqualTo(KEY);
          assertThat(properties.getEnvironment()).isEqualTo(PartooEnvironment.SANDBOX);
          assertThat(properties.getAppUrl()).isEqualTo("https://app.example.com/app");
          assertThat(properties.getDeadline()).isEqualTo(Duration.ofSeconds(3));
          assertThat(properties.getConnectTimeout()).isEqualTo(Duration.ofMillis(500));
          assertThat(properties.getReadTimeout()).isEqualTo(Duration.ofMillis(1500));
          assertThat(properties.getUserAgentSuffix()).isEqualTo("billing/4.1");
          assertThat(context.getBean(PartooClient.class).connectionTokens().loginUrl("\\xab").toString())
              .startsWith("https://app.example.com/app/connection");
        });
  }

  @Test
  void theBaseUrlIsBound() {
    bound(new String[0], properties -> assertThat(properties.getBaseUrl()).isEqualTo(PARTOO.baseUrl()));
  }

  @Test
  void everyRetryPropertyIsBound() {
    bound(new String[] {"partoo.retry.max-attempts=5", "partoo.retry.base-delay=50ms", "partoo.retry.max-delay=PT2S",
        "partoo.retry.budget.capacity=4", "partoo.retry.budget.refill-per-success=0.25"}, properties -> {
          PartooProperties.Retry retry = properties.getRetry();
          assertThat(retry.getMaxAttempts()).isEqualTo(5);
          assertThat(retry.getBaseDelay()).isEqualTo(Duration.ofMillis(50));
          assertThat(retry.getMaxDelay()).isEqualTo(Duration.ofSeconds(2));
          assertThat(retry.getBudget().getCapacity()).isEqualTo(4);
          assertThat(retry.getBudget().getRefillPerSuccess()).isEqualTo(0.25);
        });
  }

  @Test
  void everyOutagePropertyIsBound() {
    bound(new String[] {"partoo.outage.window=20", "partoo.outage.minimum-calls=8",
        "partoo.outage.failure-rate-percent=40", "partoo.outage.slow-call-threshold=700ms",
        "partoo.outage.slow-call-rate-percent=90", "partoo.outage.open-interval=300ms",
        "partoo.outage.max-open-interval=3s", "partoo.outage.probes=3"}, properties -> {
          PartooProperties.Outage outage = properties.getOutage();
          assertThat(outage.isEnabled()).isTrue();
          assertThat(outage.getWindow()).isEqualTo(20);
          assertThat(outage.getMinimumCalls()).isEqualTo(8);
          assertThat(outage.getFailureRatePercent()).isEqualTo(40);
          assertThat(outage.getSlowCallThreshold()).isEqualTo(Duration.ofMillis(700));
          assertThat(outage.getSlowCallRatePercent()).isEqualTo(90);
          assertThat(outage.getOpenInterval()).isEqualTo(Duration.ofMillis(300));
          assertThat(outage.getMaxOpenInterval()).isEqualTo(Duration.ofSeconds(3));
          assertThat(outage.getProbes()).isEqualTo(3);
        });
  }

  @Test
  void outageProtectionCanBeTurnedOff() {
    bound(new String[] {"partoo.outage.enabled=false"}, properties -> {
      assertThat(properties.getOutage().isEnabled()).isFalse();
    });
  }

  @Test
  void theOutageProtectionOfThePropertiesOpensTheClient() {
    PARTOO.faults().serviceUnavailable(3);
    runner.withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl(),
        "partoo.retry.max-attempts=1", "partoo.outage.window=3").run(context -> {
          PartooClient client = context.getBean(PartooClient.class);
          for (int i = 0; i < 3; i++) {
            try {
              client.connectionTokens().generate(PARTOO.userId());
            } catch (RuntimeException expected) {
              // 503: counted against Partoo
            }
          }
          assertThat(client.health().isAvailable()).isFalse();
        });
  }

  @Test
  void environmentVariablesBindToo() {
    // Relaxed binding: PARTOO_API_KEY, PARTOO_RETRY_MAXATTEMPTS... are the same properties.
    Map<String, Object> environment = Map.of("PARTOO_API_KEY", KEY, "PARTOO_DEADLINE", "4s");
    runner.withInitializer(context -> context.getEnvironment().getPropertySources()
        .replace(SYSTEM_ENVIRONMENT, new SystemEnvironmentPropertySource(SYSTEM_ENVIRONMENT, environment)))
        .run(context -> {
          assertThat(context).hasNotFailed();
          assertThat(context.getBean(PartooProperties.class).getApiKey()).isEqualTo(KEY);
          assertThat(context.getBean(PartooProperties.class).getDeadline()).isEqualTo(Duration.ofSeconds(4));
        });
  }

  @Test
  void noApiKeyFailsTheStartNamingTheProperty() {
    runner.run(context -> assertThat(startupFailure(context))
        .hasMessageContaining("partoo.api-key is required when partoo.enabled is true"));
  }

  @Test
  void aBlankApiKeyIsNoKey() {
    runner.withPropertyValues("partoo.api-key=  ").run(context -> assertThat(startupFailure(context))
        .hasMessageContaining("partoo.api-key is required"));
  }

  @Test
  void anUnsendableApiKeyIsRefusedWithoutBeingQuoted() {
    String key = "k3y-with space-7d1e";
    runner.withPropertyValues("partoo.api-key=" + key).run(context -> assertThat(startupFailure(context))
        .hasMessageContaining("partoo.api-key cannot be sent as the x-APIKey header: it contains whitespace")
        .hasMessageNotContaining("k3y-with").hasMessageNotContaining("space-7d1e"));
  }

  @Test
  void theKeyIsNeverInTheFailureOfAnotherProperty() {
    runner.withPropertyValues("partoo.api-key=" + KEY, "partoo.deadline=-1s").run(context -> {
      Throwable failure = startupFailure(context);
      for (Throwable t = failure; t != null; t = t.getCause()) {
        assertThat(String.valueOf(t.getMessage())).doesNotContain(KEY);
      }
      assertThat(failure).hasMessageContaining("partoo.deadline must be positive");
    });
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    runner.withPropertyValues("partoo.deadline=0s", "partoo.retry.max-attempts=0").run(context -> {
      Throwable failure = startupFailure(context);
      assertThat(failure).hasMessageContaining("partoo.deadline must be positive")
          .hasMessageContaining("partoo.retry.max-attempts must be between 1 and 10, was 0")
          .hasMessageContaining("partoo.api-key is required");
    });
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "partoo.deadline             | -3s                      | partoo.deadline must be positive",
      "partoo.deadline             | 0                        | partoo.deadline must be positive",
      "partoo.connect-timeout      | 0s                       | partoo.connect-timeout must be positive",
      "partoo.read-timeout         | -1ms                     | partoo.read-timeout must be positive",
      "partoo.base-url             | http://api.example.com/v2 | partoo.base-url must use https",
      "partoo.base-url             | not a url                | partoo.base-url is not a valid URL",
      "partoo.base-url             | https://user:pw@api.example.com | partoo.base-url must not contain credentials",
      "partoo.app-url              | http://app.example.com   | partoo.app-url must use https",
      "partoo.user-agent-suffix    | café/1                   | partoo.user-agent-suffix must be non-blank printable ASCII",
      "partoo.retry.max-attempts   | 11                       | partoo.retry.max-attempts must be between 1 and 10",
      "partoo.retry.base-delay     | -1s                      | partoo.retry.base-delay must not be negative",
      "partoo.retry.max-delay      | -1s                      | partoo.retry.max-delay must not be negative",
      "partoo.retry.base-delay     | 10s                      | partoo.retry.base-delay (PT10S) must not exceed partoo.retry.max-delay",
      "partoo.retry.budget.capacity | -1                      | partoo.retry.budget.capacity must not be negative",
      "partoo.retry.budget.refill-per-success | 2             | partoo.retry.budget.refill-per-success must be between 0 and 1",
      "partoo.outage.window        | 0                        | partoo.outage.window must be between 1 and 1000",
      "partoo.outage.minimum-calls | 11                       | partoo.outage.minimum-calls must be between 1 and the partoo.outage.window",
      "partoo.outage.failure-rate-percent | 101               | partoo.outage.failure-rate-percent must be between 1 and 100",
      "partoo.outage.slow-call-threshold | 0s                 | partoo.outage.slow-call-threshold must be positive",
      "partoo.outage.slow-call-rate-percent | 0               | partoo.outage.slow-call-rate-percent must be between 1 and 100",
      "partoo.outage.open-interval | 0s                       | partoo.outage.open-interval must be positive",
      "partoo.outage.max-open-interval | 500ms                | partoo.outage.open-interval (PT1S) must not exceed partoo.outage.max-open-interval",
      "partoo.outage.probes        | 0                        | partoo.outage.probes must be between 1 and 100",
  })
  void aBadValueFailsTheStartNamingItsProperty(String property, String value, String message) {
    runner.withPropertyValues("partoo.api-key=" + KEY, property + "=" + value).run(context -> {
      Throwable failure = startupFailure(context);
      assertThat(failure).isInstanceOf(InvalidPartooPropertiesException.class).hasMessageContaining(message)
          .hasMessageNotContaining(KEY);
    });
  }

  @Test
  void anEnvironmentAndABaseUrlAreOneTooMany() {
    runner.withPropertyValues("partoo.api-key=" + KEY, "partoo.environment=sandbox",
        "partoo.base-url=https://proxy.example.com/v2").run(context -> assertThat(startupFailure(context))
            .hasMessageContaining("partoo.environment and partoo.base-url are both set"));
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "partoo.environment        | staging",
      "partoo.deadline           | soon",
      "partoo.retry.max-attempts | three",
      "partoo.proxy.port         | proxy",
  })
  void aValueOfTheWrongTypeFailsTheBindingNamingItsProperty(String property, String value) {
    runner.withPropertyValues("partoo.api-key=" + KEY, property + "=" + value)
        .run(context -> {
          assertThat(context).hasFailed();
          StringBuilder messages = new StringBuilder();
          for (Throwable t = context.getStartupFailure(); t != null; t = t.getCause()) {
            messages.append(t.getMessage()).append('\n');
          }
          assertThat(messages).contains("Failed to bind properties under '" + property + "'");
        });
  }

  @Test
  void toStringShowsNoKey() {
    PartooProperties properties = new PartooProperties();
    properties.setApiKey(KEY);
    assertThat(properties.toString()).doesNotContain(KEY).contains("apiKey=****");
  }

  /** The failure that stopped the context, unwrapped down to the refused properties when that is what it was. */
  private static Throwable startupFailure(AssertableApplicationContext context) {
    assertThat(context).hasFailed();
    Throwable failure = context.getStartupFailure();
    for (Throwable t = failure; t != null; t = t.getCause()) {
      if (t instanceof InvalidPartooPropertiesException) {
        return t;
      }
    }
    return failure;
  }
}
