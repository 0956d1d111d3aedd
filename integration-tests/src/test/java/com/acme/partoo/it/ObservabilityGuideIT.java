package com.acme.partoo.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import com.acme.partoo.it.support.DocSnippets;
import com.acme.partoo.micrometer.PartooMetrics;
import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.opentelemetry.PartooTracing;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The examples of docs/observability.md are the code of this class, run against the fake Partoo with a real meter
 * registry and the OpenTelemetry SDK (in-memory exporters), and compared with the guide line by line.
 */
class ObservabilityGuideIT {

  private static final String TITLE = "# Metrics and traces: see the client in production";
  private static final String OPENTELEMETRY = "## OpenTelemetry";

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private final DocSnippets guide = DocSnippets.of("docs/observability.md", ObservabilityGuideIT.class);
  private FakePartoo fake;

  @BeforeEach
  void startFake() {
    fake = FakePartoo.withDefaults();
  }

  @AfterEach
  void stopFake() {
    fake.close();
  }

  private static PartooClient withMetrics(MeterRegistry meterRegistry) {
    // observability: micrometer
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .listener(PartooMetrics.listener(meterRegistry))  // one listener per client
        .build();
    // observability: end micrometer
    return partoo;
  }

  private static PartooClient withTracing(OpenTelemetry openTelemetry) {
    // observability: opentelemetry
    PartooClient partoo = PartooClient.builder()
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))
        .listener(PartooTracing.listener(openTelemetry))  // spans, http.client.request.duration, traceparent
        .build();
    // observability: end opentelemetry
    return partoo;
  }

  private static PartooListener withAnAgent(OpenTelemetry openTelemetry) {
    // observability: opentelemetry with an agent
    PartooListener tracing = PartooTracing.builder(openTelemetry)
        .attemptSpans(false)            // the agent makes a span per request...
        .requestDurationMetric(false)   // ...and records http.client.request.duration
        .build();
    // observability: end opentelemetry with an agent
    return tracing;
  }

  /** The guide's client pointed at the fake Partoo, with the fake's key; its listeners are the guide's. */
  private PartooClient againstTheFake(PartooClient partoo) {
    return partoo.newBuilder().baseUrl(fake.baseUrl()).apiKey(DefaultFixture.API_KEY).build();
  }

  @Test
  void theGuideShowsExactlyTheCodeRunHere() {
    guide.assertShown(TITLE, 0, "micrometer");
    guide.assertShown(OPENTELEMETRY, 0, "opentelemetry");
    guide.assertShown(OPENTELEMETRY, 1, "opentelemetry with an agent");
    assertThat(guide.javaBlocks()).as("every Java example of the guide is one of these").isEqualTo(3);
  }

  @Test
  void theGuideGivesTheArtifactsAndTheMeterNames() {
    assertThat(guide.section(TITLE))
        .contains("<artifactId>partoo-micrometer</artifactId>")
        .contains("partoo-opentelemetry");
    assertThat(guide.section("## Micrometer"))
        .contains("`partoo.client.calls`", "`partoo.client.attempts`", "`partoo.client.retries`",
            "`partoo.client.retry.budget.exhausted`", "`partoo.client.breaker.state`");
  }

  @Test
  void theMicrometerExampleTimesEachCall() {
    SimpleMeterRegistry meterRegistry = new SimpleMeterRegistry();
    try (PartooClient production = withMetrics(meterRegistry); PartooClient partoo = againstTheFake(production)) {
      partoo.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    assertThat(meterRegistry.get("partoo.client.calls").tag("operation", "generate").tag("outcome", "success")
        .timer().count()).isEqualTo(1);
    assertThat(meterRegistry.get("partoo.client.attempts").tag("status.class", "2xx").timer().count()).isEqualTo(1);
  }

  @Test
  void theOpenTelemetryExampleTracesEachCallAndRequestAndPropagatesTheTrace() {
    fake.faults().serviceUnavailable(1);
    try (PartooClient production = withTracing(OTEL.getOpenTelemetry());
        PartooClient partoo = againstTheFake(production)) {
      partoo.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    assertThat(OTEL.getSpans()).extracting(SpanData::getName, SpanData::getKind).containsExactly(
        tuple("POST /v2/connection/generate_token", SpanKind.CLIENT),
        tuple("POST /v2/connection/generate_token", SpanKind.CLIENT),
        tuple("ConnectionTokens.generate", SpanKind.INTERNAL));
    assertThat(fake.journal().requests()).allSatisfy(request -> assertThat(request.header("traceparent")).isPresent());
    assertThat(OTEL.getMetrics()).extracting(data -> data.getName()).contains("http.client.request.duration");
  }

  @Test
  void theAgentExampleKeepsOnlyTheCallSpans() {
    try (PartooClient partoo = PartooClient.builder().baseUrl(fake.baseUrl()).apiKey(DefaultFixture.API_KEY)
        .listener(withAnAgent(OTEL.getOpenTelemetry())).build()) {
      partoo.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    assertThat(OTEL.getSpans()).extracting(SpanData::getName).containsExactly("ConnectionTokens.generate");
    assertThat(OTEL.getMetrics()).isEmpty();
    assertThat(fake.journal().last().flatMap(request -> request.header("traceparent"))).isPresent();
  }
}
