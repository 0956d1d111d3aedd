package com.acme.partoo.spring.autoconfigure;

import com.acme.partoo.opentelemetry.PartooTracing;
import com.acme.partoo.tokens.PartooClient;
import io.opentelemetry.api.OpenTelemetry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Traces the auto-configured {@link PartooClient}'s calls (see {@link PartooTracing}) with the application's
 * {@link OpenTelemetry} (its own, or Boot's {@code OpenTelemetrySdk} from {@code spring-boot-opentelemetry}), when it
 * has exactly one or a primary one. It is looked up when the client is created, so this works whatever the order of
 * the auto-configurations. {@code partoo.tracing.attempt-spans} and {@code .request-duration-metric} switch parts off
 * (for an agent that instruments OkHttp); off altogether with {@code partoo.tracing.enabled=false}.
 */
@AutoConfiguration
@ConditionalOnClass({PartooClient.class, PartooTracing.class, OpenTelemetry.class})
@ConditionalOnBooleanProperty(name = "partoo.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "partoo.tracing.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PartooProperties.class)
public final class PartooTracingAutoConfiguration {

  PartooTracingAutoConfiguration() {}

  /** Adds one tracing listener, set up by {@code partoo.tracing.*}, to the client; replace it by this bean name. */
  @Bean
  @ConditionalOnMissingBean(name = "partooTracingCustomizer")
  PartooClientBuilderCustomizer partooTracingCustomizer(ObjectProvider<OpenTelemetry> openTelemetry,
      PartooProperties properties) {
    PartooProperties.Tracing tracing = properties.getTracing();
    return builder -> openTelemetry.ifUnique(otel -> builder.listener(PartooTracing.builder(otel)
        .attemptSpans(tracing.isAttemptSpans())
        .requestDurationMetric(tracing.isRequestDurationMetric())
        .build()));
  }
}
