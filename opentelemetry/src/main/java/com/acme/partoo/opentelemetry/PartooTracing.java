package com.acme.partoo.opentelemetry;

import com.acme.partoo.opentelemetry.internal.TracingListener;
import com.acme.partoo.tokens.PartooListener;
import io.opentelemetry.api.OpenTelemetry;
import java.util.Objects;

/**
 * OpenTelemetry for a Partoo client, through its {@link PartooListener}, following the HTTP client semantic
 * conventions:
 *
 * <pre>{@code
 * PartooClient partoo = PartooClient.builder().apiKey(...).listener(PartooTracing.listener(openTelemetry)).build();
 * }</pre>
 *
 * <ul>
 *   <li>an INTERNAL span per call ({@code ConnectionTokens.generate}, {@code .check}, {@code .revoke}), child of the
 *       context current when the call is made, with an event {@code partoo.retry} for each wait before another
 *       attempt;
 *   <li>a CLIENT span per request ({@code POST /v2/connection/generate_token}), child of the call's span, with
 *       {@code http.request.method}, {@code server.address}, {@code server.port}, {@code url.template},
 *       {@code http.request.resend_count}, {@code http.response.status_code} and {@code error.type};
 *   <li>the histogram {@code http.client.request.duration} (seconds, the conventions' bucket boundaries);
 *   <li>the trace context on every request, written by {@code openTelemetry.getPropagators()} (W3C
 *       {@code traceparent} by default).
 * </ul>
 *
 * <p>No attribute or event carries a user id, a token, a key or a URL's query; no exception is recorded. The listener
 * is thread-safe and may be shared by several clients.
 */
public final class PartooTracing {

  private PartooTracing() {}

  /** Call and request spans, the request duration histogram and propagation: {@code builder(openTelemetry).build()}. */
  public static PartooListener listener(OpenTelemetry openTelemetry) {
    return builder(openTelemetry).build();
  }

  /** A builder to switch parts off; everything is on by default. */
  public static Builder builder(OpenTelemetry openTelemetry) {
    return new Builder(Objects.requireNonNull(openTelemetry, "openTelemetry"));
  }

  /** Builds a tracing {@link PartooListener}. Not thread-safe; the listener it builds is. */
  public static final class Builder {
    private final OpenTelemetry openTelemetry;
    private boolean attemptSpans = true;
    private boolean requestDuration = true;

    private Builder(OpenTelemetry openTelemetry) {
      this.openTelemetry = openTelemetry;
    }

    /**
     * Whether each request gets its CLIENT span (default true). Switch it off when an OpenTelemetry agent already
     * instruments OkHttp: the agent then makes those spans, and the trace context sent is the agent's.
     */
    public Builder attemptSpans(boolean attemptSpans) {
      this.attemptSpans = attemptSpans;
      return this;
    }

    /**
     * Whether each request is recorded in {@code http.client.request.duration} (default true). Switch it off, too,
     * when an agent instruments OkHttp: it records the same histogram, and each request would count twice.
     */
    public Builder requestDurationMetric(boolean requestDuration) {
      this.requestDuration = requestDuration;
      return this;
    }

    /** The listener: give it to {@code PartooClient.Builder.listener}. */
    public PartooListener build() {
      return new TracingListener(openTelemetry, attemptSpans, requestDuration);
    }
  }
}
