package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.micrometer.PartooMetrics;
import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.tokens.PartooClient;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The client's meters, in the application's {@code MeterRegistry} when it has one. */
class PartooMetricsAutoConfigurationTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final Class<?>[] OURS = {PartooAutoConfiguration.class, PartooMetricsAutoConfiguration.class};

  private final ApplicationContextRunner bare = new ApplicationContextRunner()
      .withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl());

  private final ApplicationContextRunner runner = bare.withConfiguration(AutoConfigurations.of(OURS));

  private static void generate(AssertableApplicationContext context) {
    context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());
  }

  private static double generateCalls(MeterRegistry registry) {
    return registry.get("partoo.client.calls").tags("operation", "generate", "outcome", "success").timer().count();
  }

  private static List<Meter> partooMeters(MeterRegistry registry) {
    return registry.getMeters().stream().filter(meter -> meter.getId().getName().startsWith("partoo.")).toList();
  }

  @Test
  void theClientsCallsAreMeteredInTheApplicationsRegistryWithoutASecret() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
      generate(context);
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      assertThat(generateCalls(registry)).isEqualTo(1);
      assertThat(registry.get("partoo.client.attempts").tag("operation", "generate").timer().count()).isEqualTo(1);
      assertThat(partooMeters(registry)).allSatisfy(meter -> assertThat(meter.getId().toString())
          .doesNotContain(PARTOO.apiKey()).doesNotContain(PARTOO.userId()));
    });
  }

  @ParameterizedTest
  @EnumSource(ProcessingOrder.class)
  void bootsRegistryIsUsedWhicheverAutoConfigurationComesFirst(ProcessingOrder order) {
    order.apply(bare, OURS, new Class<?>[] {MetricsAutoConfiguration.class,
        SimpleMetricsExportAutoConfiguration.class, CompositeMeterRegistryAutoConfiguration.class}).run(context -> {
          generate(context);

          assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(SimpleMeterRegistry.class);
          assertThat(generateCalls(context.getBean(MeterRegistry.class))).isEqualTo(1);
        });
  }

  @Test
  void noMetersWhenSwitchedOff() {
    runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new).withPropertyValues("partoo.metrics.enabled=false")
        .run(context -> {
          generate(context);

          assertThat(context).doesNotHaveBean("partooMetricsCustomizer");
          assertThat(partooMeters(context.getBean(MeterRegistry.class))).isEmpty();
        });
  }

  @Test
  void aCustomizerOfTheApplicationsOwnByThatNameReplacesOurs() {
    runner.withUserConfiguration(TaggedMetrics.class).run(context -> {
      generate(context);
      MeterRegistry registry = context.getBean(MeterRegistry.class);

      assertThat(generateCalls(registry)).isEqualTo(1);
      assertThat(partooMeters(registry)).isNotEmpty()
          .allSatisfy(meter -> assertThat(meter.getId().getTag("client")).isEqualTo("billing"));
    });
  }

  @Test
  void anObservationRegistryAloneWiresNothingAndTheClientWorks() {
    List<Observation.Context> observed = new CopyOnWriteArrayList<>();
    ObservationRegistry observations = ObservationRegistry.create();
    observations.observationConfig().observationHandler(new ObservationHandler<>() {
      @Override
      public void onStart(Observation.Context context) {
        observed.add(context);
      }

      @Override
      public boolean supportsContext(Observation.Context context) {
        return true;
      }
    });

    runner.withBean(ObservationRegistry.class, () -> observations).run(context -> {
      generate(context);

      assertThat(context).hasNotFailed().doesNotHaveBean(MeterRegistry.class);
      assertThat(observed).isEmpty();
    });
  }

  /** As a service with several clients would tell them apart: its own customizer under our bean's name. */
  @Configuration(proxyBeanMethods = false)
  static class TaggedMetrics {
    @Bean
    MeterRegistry meterRegistry() {
      return new SimpleMeterRegistry();
    }

    @Bean
    PartooClientBuilderCustomizer partooMetricsCustomizer(MeterRegistry registry) {
      return builder -> builder.listener(PartooMetrics.listener(registry, Tags.of("client", "billing")));
    }
  }
}
