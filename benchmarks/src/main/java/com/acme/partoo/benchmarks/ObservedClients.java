package com.acme.partoo.benchmarks;

import com.acme.partoo.micrometer.PartooMetrics;
import com.acme.partoo.opentelemetry.PartooTracing;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooListener;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The facade of {@link Clients#facadeSync} with each observability module's listener, as a service would run it:
 * Micrometer on a {@link SimpleMeterRegistry}; OpenTelemetry on the real SDK, every span sampled, a
 * {@link BatchSpanProcessor} exporting to an in-memory exporter (emptied every second, so memory stays flat) and a
 * metric reader holding the histogram. Same server, same transport settings as {@link Clients}: the ratio to
 * {@code facadeSync} is the listener's cost.
 */
@State(Scope.Benchmark)
public class ObservedClients {

  private SimpleMeterRegistry registry;
  private PartooClient metered;
  private ConnectionTokens meteredTokens;

  private OpenTelemetrySdk openTelemetry;
  private InMemorySpanExporter spans;
  private ScheduledExecutorService drain;
  private PartooClient traced;
  private ConnectionTokens tracedTokens;

  /** Builds both clients against the shared server. */
  @Setup(Level.Trial)
  public void setUp() {
    registry = new SimpleMeterRegistry();
    metered = client(PartooMetrics.listener(registry));
    meteredTokens = metered.connectionTokens();

    spans = InMemorySpanExporter.create();
    openTelemetry = OpenTelemetrySdk.builder()
        // A queue deep enough that no span is dropped between two exports (2048, the default, drops some at 16
        // threads here): a dropped span is work not measured.
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(BatchSpanProcessor.builder(spans).setMaxQueueSize(1 << 16).build())
            .build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(InMemoryMetricReader.create()).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    drain = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "in-memory-exporter-drain");
      thread.setDaemon(true);
      return thread;
    });
    drain.scheduleWithFixedDelay(spans::reset, 1, 1, TimeUnit.SECONDS);
    traced = client(PartooTracing.listener(openTelemetry));
    tracedTokens = traced.connectionTokens();
  }

  /** Releases threads, connections and the SDK. */
  @TearDown(Level.Trial)
  public void tearDown() {
    metered.close();
    traced.close();
    drain.shutdownNow();
    openTelemetry.close();
  }

  private static PartooClient client(PartooListener listener) {
    return PartooClient.builder().apiKey(Clients.API_KEY).baseUrl(CannedTokenServer.shared().baseUrl())
        .listener(listener).build();
  }

  /** {@code generate(userId)} with {@code PartooMetrics.listener(registry)}. */
  ConnectionToken facadeMicrometer() {
    return meteredTokens.generate(Clients.USER_ID);
  }

  /** {@code generate(userId)} with {@code PartooTracing.listener(openTelemetry)}. */
  ConnectionToken facadeOpenTelemetry() {
    return tracedTokens.generate(Clients.USER_ID);
  }

  /** Adds both to a paired run ({@link Interleaved}), after the clients it already has. */
  void addTo(Map<String, Callable<?>> benchmarks) {
    benchmarks.put("facadeMicrometer", this::facadeMicrometer);
    benchmarks.put("facadeOpenTelemetry", this::facadeOpenTelemetry);
  }
}
