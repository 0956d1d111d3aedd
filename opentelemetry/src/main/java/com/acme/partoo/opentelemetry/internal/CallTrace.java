package com.acme.partoo.opentelemetry.internal;

import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.ERROR_TYPE;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.HTTP_REQUEST_RESEND_COUNT;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.HTTP_RESPONSE_STATUS_CODE;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.PARTOO_ATTEMPTS;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.PARTOO_RETRY_REASON;
import static com.acme.partoo.opentelemetry.internal.SemanticAttributes.PARTOO_RETRY_WAIT;

import com.acme.partoo.tokens.FailureKind;
import com.acme.partoo.tokens.PartooListener;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapSetter;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/**
 * One call's spans. Parents are explicit (the call's context, captured on the caller's thread), never
 * {@code Context.current()}: attempts run on whichever thread OkHttp gives them. Attempt events of one call come one
 * at a time, in order (the listener's contract), but the call may end from another thread while an attempt runs (the
 * client closing, a deadline, a cancel): the open attempt's span is then ended with the call's.
 */
final class CallTrace implements PartooListener.CallListener {
  private static final int NANOS_PER_SECOND = 1_000_000_000;
  /** Writes trace headers into a request; a header the client refuses is left out rather than failing the rest. */
  private static final TextMapSetter<PartooListener.RequestHeaders> HEADERS = (headers, name, value) -> {
    if (headers != null) {
      try {
        headers.set(name, value);
      } catch (IllegalArgumentException refused) {
        // The client owns that header (or it cannot be sent): the others still go.
      }
    }
  };

  private final TracingListener tracing;
  private final Route route;
  private final Context callContext;
  private final Span callSpan;
  private final AtomicReference<@Nullable Span> attempt = new AtomicReference<>();
  // Requests sent so far, per operation: a request's resend count (a revoke's check is not a resend of the revoke).
  private final int[] sent = new int[PartooListener.Operation.values().length];
  private volatile boolean ended;

  CallTrace(TracingListener tracing, Route route, Context callContext, Span callSpan) {
    this.tracing = tracing;
    this.route = route;
    this.callContext = callContext;
    this.callSpan = callSpan;
  }

  @Override
  public void attemptStarted(PartooListener.AttemptStarted started, PartooListener.RequestHeaders headers) {
    int resends = sent[started.operation().ordinal()]++;
    Context context = callContext;
    if (tracing.attemptSpans()) {
      Span span = tracing.tracer().spanBuilder(route.requestSpanName(started.operation()))
          .setParent(callContext)
          .setSpanKind(SpanKind.CLIENT)
          .setAllAttributes(route.requestAttributes(started.operation()))
          .startSpan();
      if (resends > 0) {
        span.setAttribute(HTTP_REQUEST_RESEND_COUNT, (long) resends);
      }
      attempt.set(span);
      if (ended) {
        endAttempt(null, null);
      }
      context = callContext.with(span);
    }
    tracing.propagator().inject(context, headers, HEADERS);
  }

  @Override
  public void attemptEnded(PartooListener.AttemptEnded ended) {
    String errorType = errorType(ended);
    endAttempt(ended, errorType);
    DoubleHistogram histogram = tracing.requestDuration();
    if (histogram != null) {
      int status = ended.statusCode().orElse(0);
      boolean statusDecides = ended.failure().isEmpty() || status >= 400;
      histogram.record(seconds(ended.duration()),
          route.requestAttributes(ended.operation(), status, errorType, statusDecides), callContext);
    }
    if (ended.nextWait().isPresent() && ended.waitReason().isPresent() && callSpan.isRecording()) {
      callSpan.addEvent("partoo.retry", Attributes.of(
          PARTOO_RETRY_REASON, ended.waitReason().get().name().toLowerCase(Locale.ROOT),
          PARTOO_RETRY_WAIT, seconds(ended.nextWait().get())));
    }
  }

  @Override
  public void callEnded(PartooListener.CallEnded call) {
    ended = true;
    String errorType = call.outcome() == PartooListener.Outcome.SUCCESS ? null
        : call.failure().map(CallTrace::kind).orElse("_OTHER");
    // A request still open was stopped with its call (close, deadline, cancel): it ends the same way.
    endAttempt(null, errorType);
    callSpan.setAttribute(PARTOO_ATTEMPTS, (long) call.attempts());
    if (errorType != null) {
      callSpan.setAttribute(ERROR_TYPE, errorType);
      callSpan.setStatus(StatusCode.ERROR);
    }
    callSpan.end();
  }

  /** Ends the open attempt's span, if any, with what its request came to. */
  private void endAttempt(PartooListener.@Nullable AttemptEnded ended, @Nullable String errorType) {
    Span span = attempt.getAndSet(null);
    if (span == null) {
      return;
    }
    if (ended != null && ended.statusCode().isPresent()) {
      span.setAttribute(HTTP_RESPONSE_STATUS_CODE, (long) ended.statusCode().getAsInt());
    }
    if (errorType != null) {
      span.setAttribute(ERROR_TYPE, errorType);
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  /**
   * As the HTTP conventions say: the status code when it is 400 or more, otherwise what went wrong without an error
   * status (no answer, a timeout, an unusable answer), in a few words; null for a success.
   */
  private static @Nullable String errorType(PartooListener.AttemptEnded ended) {
    if (ended.statusCode().isPresent() && ended.statusCode().getAsInt() >= 400) {
      return Integer.toString(ended.statusCode().getAsInt());
    }
    return ended.failure().map(CallTrace::kind).orElse(null);
  }

  private static String kind(FailureKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static double seconds(java.time.Duration duration) {
    return duration.getSeconds() + duration.getNano() / (double) NANOS_PER_SECOND;
  }
}
