package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.micrometer.PartooMetrics;
import com.acme.partoo.tokens.PartooClient;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records the auto-configured {@link PartooClient}'s meters ({@code partoo.client.*}, see {@link PartooMetrics}) in
 * the application's {@link MeterRegistry} (its own, or Boot's with actuator), when it has exactly one or a primary
 * one. The registry is looked up when the client is created, so this works whatever the order of the
 * auto-configurations. Off with {@code partoo.metrics.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass({PartooClient.class, PartooMetrics.class, MeterRegistry.class})
@ConditionalOnBooleanProperty(name = "partoo.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "partoo.metrics.enabled", matchIfMissing = true)
public final class PartooMetricsAutoConfiguration {

  PartooMetricsAutoConfiguration() {}

  /** Adds one {@link PartooMetrics#listener(MeterRegistry)} to the client; replace it by this bean name. */
  @Bean
  @ConditionalOnMissingBean(name = "partooMetricsCustomizer")
  PartooClientBuilderCustomizer partooMetricsCustomizer(ObjectProvider<MeterRegistry> registry) {
    return builder -> registry.ifUnique(meters -> builder.listener(PartooMetrics.listener(meters)));
  }
}
