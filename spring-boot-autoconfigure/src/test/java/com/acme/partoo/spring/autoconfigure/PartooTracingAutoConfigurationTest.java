package com.acme.partoo.spring.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.FakePartooExtension;
import com.acme.partoo.tokens.PartooClient;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.opentelemetry.autoconfigure.OpenTelemetrySdkAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The client's spans and request histogram, through the application's {@code OpenTelemetry} when it has one. Spans
 * are read inside the context: closing it shuts the SDK down, which empties the in-memory exporter.
 */
class PartooTracingAutoConfigurationTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final Class<?>[] OURS = {PartooAutoConfiguration.class, PartooTracingAutoConfiguration.class};

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private final SdkTracerProvider tracerProvider = SdkTracerProvider.builder()
      .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  /** A service's own SDK, as it would configure one. */
  private final OpenTelemetrySdk openTelemetry = OpenTelemetrySdk.builder()
      .setTracerProvider(tracerProvider)
      .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
      .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
      .build();

  private final ApplicationContextRunner bare = new ApplicationContextRunner()
      .withPropertyValues("partoo.api-key=" + PARTOO.apiKey(), "partoo.base-url=" + PARTOO.baseUrl());

  private final ApplicationContextRunner runner = bare.withConfiguration(AutoConfigurations.of(OURS));

  private static void generate(AssertableApplicationContext context) {
    context.getBean(PartooClient.class).connectionTokens().generate(PARTOO.userId());
  }

  private SpanData span(SpanKind kind) {
    return spans.getFinishedSpanItems().stream().filter(span -> span.getKind() == kind).findFirst().orElseThrow();
  }

  private static Optional<String> traceparentSent() {
    return PARTOO.journal().last().orElseThrow().header("traceparent");
  }

  private List<String> metricNames() {
    return metrics.collectAllMetrics().stream().map(MetricData::getName).toList();
  }

  @Test
  void theClientsCallsAreTracedWithTheApplicationsOpenTelemetryWithoutASecret() {
    runner.withBean(OpenTelemetry.class, () -> openTelemetry).run(context -> {
      generate(context);

      SpanData call = span(SpanKind.INTERNAL);
      SpanData request = span(SpanKind.CLIENT);
      assertThat(spans.getFinishedSpanItems()).hasSize(2);
      assertThat(call.getName()).isEqualTo("ConnectionTokens.generate");
      assertThat(request.getName()).startsWith("POST ").endsWith("/connection/generate_token");
      assertThat(request.getParentSpanId()).isEqualTo(call.getSpanId());
      assertThat(traceparentSent()).contains("00-" + request.getTraceId() + "-" + request.getSpanId() + "-01");
      assertThat(metricNames()).contains("http.client.request.duration");
      assertThat(spans.getFinishedSpanItems()).allSatisfy(span -> assertThat(span.toString())
          .doesNotContain(PARTOO.apiKey()).doesNotContain(PARTOO.userId()));
    });
  }

  @Test
  void requestSpansAndTheDurationHistogramFollowTheirProperties() {
    runner.withBean(OpenTelemetry.class, () -> openTelemetry)
        .withPropertyValues("partoo.tracing.attempt-spans=false", "partoo.tracing.request-duration-metric=false")
        .run(context -> {
          generate(context);

          SpanData call = spans.getFinishedSpanItems().get(0);
          assertThat(spans.getFinishedSpanItems()).singleElement().extracting(SpanData::getKind)
              .isEqualTo(SpanKind.INTERNAL);
          assertThat(traceparentSent()).contains("00-" + call.getTraceId() + "-" + call.getSpanId() + "-01");
          assertThat(metricNames()).doesNotContain("http.client.request.duration");
        });
  }

  @Test
  void noSpansWhenSwitchedOff() {
    runner.withBean(OpenTelemetry.class, () -> openTelemetry).withPropertyValues("partoo.tracing.enabled=false")
        .run(context -> {
          generate(context);

          assertThat(context).doesNotHaveBean("partooTracingCustomizer");
          assertThat(spans.getFinishedSpanItems()).isEmpty();
          assertThat(traceparentSent()).isEmpty();
        });
  }

  @ParameterizedTest
  @EnumSource(ProcessingOrder.class)
  void bootsOpenTelemetryIsUsedWhicheverAutoConfigurationComesFirst(ProcessingOrder order) {
    // Boot's OpenTelemetrySdk takes the tracer provider bean that spring-boot-micrometer-tracing-opentelemetry makes.
    order.apply(bare, OURS, new Class<?>[] {OpenTelemetrySdkAutoConfiguration.class})
        .withBean(SdkTracerProvider.class, () -> tracerProvider)
        .run(context -> {
          generate(context);

          assertThat(context.getBean(OpenTelemetry.class)).isNotSameAs(openTelemetry);
          assertThat(span(SpanKind.INTERNAL).getName()).isEqualTo("ConnectionTokens.generate");
        });
  }

  @Test
  void theServicesOwnOpenTelemetryWinsOverBoots() {
    InMemorySpanExporter boots = InMemorySpanExporter.create();
    runner.withConfiguration(AutoConfigurations.of(OpenTelemetrySdkAutoConfiguration.class))
        .withBean(OpenTelemetry.class, () -> openTelemetry)
        .withBean(SdkTracerProvider.class, () -> SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(boots)).build())
        .run(context -> {
          generate(context);

          assertThat(context).getBean(OpenTelemetry.class).isSameAs(openTelemetry);
          assertThat(span(SpanKind.INTERNAL).getName()).isEqualTo("ConnectionTokens.generate");
          assertThat(boots.getFinishedSpanItems()).isEmpty();
        });
  }
}
