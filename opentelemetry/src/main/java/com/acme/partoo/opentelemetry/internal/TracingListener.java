package com.acme.partoo.opentelemetry.internal;

import com.acme.partoo.tokens.PartooListener;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import org.jspecify.annotations.Nullable;

/**
 * Opens a call's span on the caller's thread, as a child of the context current there, and hands the call to a
 * {@link CallTrace}, which needs no thread-local from then on: attempts may run on OkHttp's threads.
 */
public final class TracingListener implements PartooListener {
  static final String SCOPE = "com.acme.partoo.opentelemetry";

  private final Tracer tracer;
  private final TextMapPropagator propagator;
  private final boolean attemptSpans;
  private final @Nullable DoubleHistogram requestDuration;
  // The last route seen: a listener normally serves one client, so this is computed once.
  private volatile @Nullable Route route;

  /** See {@code PartooTracing.Builder}. */
  public TracingListener(OpenTelemetry openTelemetry, boolean attemptSpans, boolean requestDuration) {
    this.tracer = openTelemetry.getTracer(SCOPE);
    this.propagator = openTelemetry.getPropagators().getTextMapPropagator();
    this.attemptSpans = attemptSpans;
    this.requestDuration = !requestDuration ? null : openTelemetry.getMeter(SCOPE)
        .histogramBuilder(SemanticAttributes.HTTP_CLIENT_REQUEST_DURATION)
        .setUnit("s")
        .setDescription("Duration of HTTP client requests.")
        .setExplicitBucketBoundariesAdvice(SemanticAttributes.DURATION_BUCKETS)
        .build();
  }

  @Override
  public CallListener callStarted(CallStarted call) {
    Route current = route;
    if (current == null || !current.serves(call)) {
      current = new Route(call);
      route = current;
    }
    Context parent = Context.current();
    Span span = tracer.spanBuilder(current.callSpanName(call.operation()))
        .setParent(parent)
        .setSpanKind(SpanKind.INTERNAL)
        .setAllAttributes(current.callAttributes())
        .startSpan();
    return new CallTrace(this, current, parent.with(span), span);
  }

  Tracer tracer() {
    return tracer;
  }

  TextMapPropagator propagator() {
    return propagator;
  }

  boolean attemptSpans() {
    return attemptSpans;
  }

  @Nullable DoubleHistogram requestDuration() {
    return requestDuration;
  }
}
