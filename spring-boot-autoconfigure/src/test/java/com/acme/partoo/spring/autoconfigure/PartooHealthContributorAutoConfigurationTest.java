package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.tokens.PartooClient;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The {@code partoo} health indicator: when it exists, and what it reports without ever calling Partoo. */
class PartooHealthContributorAutoConfigurationTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final ApplicationContextRunner runner = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(PartooAutoConfiguration.class,
          PartooHealthContributorAutoConfiguration.class, HealthContributorRegistryAutoConfiguration.class))
      .withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl());

  private static Health partooHealth(AssertableApplicationContext context) {
    HealthContributor contributor = context.getBean(HealthContributorRegistry.class).getContributor("partoo");
    assertThat(contributor).isInstanceOf(HealthIndicator.class);
    return ((HealthIndicator) contributor).health();
  }

  /** Calls that fail against Partoo until the client stops sending; one attempt each, so one fault each. */
  private static void failUntilOpen(PartooClient client, int calls) {
    PARTOO.faults().serviceUnavailable(calls);
    for (int i = 0; i < calls; i++) {
      try {
        client.connectionTokens().generate(PARTOO.userId());
      } catch (RuntimeException expected) {
        // a 503 after its one attempt
      }
    }
  }

  @Test
  void upWhileCallsGoThroughAndNothingIsSentToFindOut() {
    runner.run(context -> {
      Health health = partooHealth(context);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("state", "CLOSED").containsKey("since")
          .doesNotContainKeys("lastFailure", "nextProbeAt", "pausedUntil");
      assertThat(PARTOO.journal().total()).isZero();
    });
  }

  @Test
  void outOfServiceWhileTheProtectionIsOpenWithSinceWhenAndWhy() {
    runner.withPropertyValues("partoo.retry.max-attempts=1", "partoo.outage.window=3",
        "partoo.outage.open-interval=1h").run(context -> {
          failUntilOpen(context.getBean(PartooClient.class), 3);
          int sent = PARTOO.journal().total();

          Health health = partooHealth(context);

          assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
          assertThat(health.getDetails()).containsEntry("state", "OPEN").containsEntry("lastFailure", "SERVER")
              .containsKeys("since", "nextProbeAt");
          assertThat(health.toString()).doesNotContain(PARTOO.apiKey());
          assertThat(PARTOO.journal().total()).isEqualTo(sent);
        });
  }

  @Test
  void outOfServiceWhilePartooAsksTheClientToPause() {
    PARTOO.faults().tooManyRequests(1, Duration.ofHours(1));
    runner.withPropertyValues("partoo.retry.max-attempts=1").run(context -> {
      try {
        context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());
      } catch (RuntimeException expected) {
        // 429 with Retry-After: one hour
      }

      Health health = partooHealth(context);

      assertThat(health.getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
      assertThat(health.getDetails()).containsEntry("state", "CLOSED").containsKey("pausedUntil");
    });
  }

  @Test
  void unknownWhenTheProtectionIsOff() {
    runner.withPropertyValues("partoo.outage.enabled=false").run(context -> {
      Health health = partooHealth(context);
      assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
      assertThat(health.getDetails()).containsEntry("state", "DISABLED");
    });
  }

  @Test
  void offWhenThePartooIndicatorIsDisabled() {
    runner.withPropertyValues("management.health.partoo.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("partooHealthContributor"));
  }

  @Test
  void offWhenDefaultIndicatorsAreDisabled() {
    runner.withPropertyValues("management.health.defaults.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("partooHealthContributor"));
  }

  @Test
  void noIndicatorWithoutAClient() {
    runner.withPropertyValues("partoo.enabled=false")
        .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean("partooHealthContributor"));
  }

  @Test
  void noIndicatorWithoutActuatorsHealthSupport() {
    runner.withClassLoader(new FilteredClassLoader(HealthContributor.class))
        .run(context -> assertThat(context).hasNotFailed().hasSingleBean(PartooClient.class)
            .doesNotHaveBean("partooHealthContributor"));
  }

  @Test
  void severalClientsAreReportedEachUnderItsBeanName() {
    runner.withUserConfiguration(TwoClients.class).run(context -> {
      HealthContributor contributor = context.getBean(HealthContributorRegistry.class).getContributor("partoo");
      assertThat(contributor).isInstanceOf(CompositeHealthContributor.class);
      CompositeHealthContributor composite = (CompositeHealthContributor) contributor;
      assertThat(composite.getContributor("billingPartoo")).isInstanceOf(PartooHealthIndicator.class);
      assertThat(composite.getContributor("bookingPartoo")).isInstanceOf(PartooHealthIndicator.class);
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class TwoClients {
    @Bean(destroyMethod = "close")
    PartooClient billingPartoo() {
      return PartooClient.builder().apiKey(PARTOO.apiKey()).baseUrl(PARTOO.baseUrl()).build();
    }

    @Bean(destroyMethod = "close")
    PartooClient bookingPartoo() {
      return PartooClient.builder().apiKey(PARTOO.apiKey()).baseUrl(PARTOO.baseUrl()).build();
    }
  }
}
