package com.acme.partoo.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.mock.FakeProxy;
import com.acme.partoo.mock.RecordedRequest;
import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.ClientClosedException;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooListener;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.TransportConfigurationException;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.metrics.data.HistogramPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The spans, the histogram and the trace context a client's calls give, against the fake Partoo. */
class PartooTracingTest {

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ADDRESS = AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<String> TEMPLATE = AttributeKey.stringKey("url.template");
  private static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<Long> RESENDS = AttributeKey.longKey("http.request.resend_count");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");
  private static final String GENERATE = "/v2/connection/generate_token";

  private final FakePartoo partoo = FakePartoo.withDefaults();

  @AfterEach
  void stop() {
    partoo.close();
  }

  private PartooClient client(PartooListener listener, UnaryOperator<PartooClient.Builder> settings) {
    return settings.apply(PartooClient.builder()
        .baseUrl(partoo.baseUrl())
        .apiKey(DefaultFixture.API_KEY)
        .listener(listener)
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1)).build()))
        .build();
  }

  private Attributes request(String method, String template, long status) {
    return Attributes.of(METHOD, method, ADDRESS, "127.0.0.1", PORT, (long) partoo.port(), TEMPLATE, template)
        .toBuilder().put(STATUS, status).build();
  }

  /** W3C's header for the span (its flags: sampled, and the SDK's random trace id). */
  private static String traceparent(SpanData span) {
    return "00-" + span.getTraceId() + "-" + span.getSpanId() + "-" + span.getSpanContext().getTraceFlags().asHex();
  }

  private static SpanData named(String name, int index) {
    return OTEL.getSpans().stream().filter(span -> span.getName().equals(name)).skip(index).findFirst().orElseThrow();
  }

  @Test
  @SuppressWarnings("try") // the scope is what the call runs in
  void aCallIsAnInternalSpanOverOneClientSpanPerRequestFollowingTheHttpConventions() {
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("page view").startSpan();
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()), b -> b);
        Scope scope = parent.makeCurrent()) {
      partoo.faults().serviceUnavailable(1);
      client.connectionTokens().generate(DefaultFixture.USER_ID);
    } finally {
      parent.end();
    }

    SpanData call = named("ConnectionTokens.generate", 0);
    SpanData first = named("POST " + GENERATE, 0);
    SpanData second = named("POST " + GENERATE, 1);
    assertThat(OTEL.getSpans()).hasSize(4);
    assertThat(call.getKind()).isEqualTo(SpanKind.INTERNAL);
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(call.getTraceId()).isEqualTo(parent.getSpanContext().getTraceId());
    assertThat(call.getAttributes().asMap()).isEqualTo(Attributes.of(ADDRESS, "127.0.0.1", PORT,
        (long) partoo.port(), AttributeKey.longKey("partoo.attempts"), 2L).asMap());
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
    assertThat(call.getEvents()).singleElement().satisfies(event -> {
      assertThat(event.getName()).isEqualTo("partoo.retry");
      assertThat(event.getAttributes().get(AttributeKey.stringKey("partoo.retry.reason"))).isEqualTo("backoff");
      assertThat(event.getAttributes().get(AttributeKey.doubleKey("partoo.retry.wait"))).isBetween(0.0, 0.001);
    });

    assertThat(List.of(first, second)).allSatisfy(span -> {
      assertThat(span.getKind()).isEqualTo(SpanKind.CLIENT);
      assertThat(span.getParentSpanId()).isEqualTo(call.getSpanId());
      assertThat(span.getTraceId()).isEqualTo(call.getTraceId());
      assertThat(span.getEvents()).isEmpty();
    });
    assertThat(first.getAttributes().asMap()).isEqualTo(request("POST", GENERATE, 503).toBuilder()
        .put(ERROR_TYPE, "503").build().asMap());
    assertThat(first.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(second.getAttributes().asMap()).isEqualTo(request("POST", GENERATE, 200).toBuilder()
        .put(RESENDS, 1L).build().asMap());
    assertThat(second.getStatus().getStatusCode()).isEqualTo(StatusCode.UNSET);
  }

  @Test
  void eachRequestCarriesTheTraceContextOfItsOwnSpan() {
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()), b -> b)) {
      partoo.faults().serverError(1, 502);
      client.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    List<String> sent = partoo.journal().requests().stream()
        .map(request -> request.header("traceparent").orElseThrow()).toList();
    SpanData first = named("POST " + GENERATE, 0);
    SpanData second = named("POST " + GENERATE, 1);
    assertThat(sent).containsExactly(traceparent(first), traceparent(second));
  }

  @Test
  void withoutAttemptSpansTheCallsSpanIsPropagatedAndStillNoRequestIsCountedTwice() {
    PartooListener listener = PartooTracing.builder(OTEL.getOpenTelemetry()).attemptSpans(false)
        .requestDurationMetric(false).build();
    try (PartooClient client = client(listener, b -> b)) {
      client.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    SpanData call = OTEL.getSpans().get(0);
    assertThat(OTEL.getSpans()).singleElement().extracting(SpanData::getName).isEqualTo("ConnectionTokens.generate");
    assertThat(partoo.journal().last().flatMap(request -> request.header("traceparent")))
        .contains(traceparent(call));
    assertThat(OTEL.getMetrics()).isEmpty();
  }

  @Test
  @SuppressWarnings("try") // the scope is what the call runs in
  void asyncAttemptsOnOkHttpsThreadsAreChildrenOfTheirCallsSpan() {
    Span parent = OTEL.getOpenTelemetry().getTracer("test").spanBuilder("page view").startSpan();
    AtomicReference<String> otherThreadsContext = new AtomicReference<>();
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()), b -> b)) {
      partoo.faults().serviceUnavailable(1);
      CompletableFuture<ConnectionToken> token;
      try (Scope scope = parent.makeCurrent()) {
        token = client.connectionTokens().generateAsync(DefaultFixture.USER_ID);
      }
      token.thenRun(() -> otherThreadsContext.set(Span.current().getSpanContext().getSpanId())).join();
    } finally {
      parent.end();
    }

    SpanData call = named("ConnectionTokens.generate", 0);
    assertThat(call.getParentSpanId()).isEqualTo(parent.getSpanContext().getSpanId());
    assertThat(OTEL.getSpans()).filteredOn(span -> span.getKind() == SpanKind.CLIENT).hasSize(2)
        .allSatisfy(span -> assertThat(span.getParentSpanId()).isEqualTo(call.getSpanId()));
    // Nothing was left current on the thread that ran the attempts.
    assertThat(otherThreadsContext.get()).isEqualTo(Span.getInvalid().getSpanContext().getSpanId());
  }

  @Test
  void aRevokesCheckIsARequestOfItsOwnAndTheRevokeSentAgainIsAResend() {
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()), b -> b)) {
      ConnectionToken token = client.connectionTokens().generate(DefaultFixture.USER_ID);
      OTEL.clearSpans();
      // The 500 is ambiguous: the client checks the token (still valid), then revokes again.
      partoo.faults().serverError(1, 500);
      client.connectionTokens().revoke(DefaultFixture.USER_ID, token.token());
    }

    assertThat(OTEL.getSpans()).extracting(SpanData::getName).containsExactly("POST /v2/connection/revoke_token",
        "GET /v2/connection/check_token", "POST /v2/connection/revoke_token", "ConnectionTokens.revoke");
    assertThat(OTEL.getSpans()).extracting(span -> span.getAttributes().get(RESENDS))
        .containsExactly(null, null, 1L, null);
    assertThat(named("ConnectionTokens.revoke", 0).getAttributes().get(AttributeKey.longKey("partoo.attempts")))
        .isEqualTo(3L);
  }

  @Test
  void aFailedCallHasAnErrorStatusAndItsKindAsErrorType() {
    try (PartooClient client = PartooClient.builder().baseUrl(partoo.baseUrl()).apiKey("not-the-key-4b1c")
        .listener(PartooTracing.listener(OTEL.getOpenTelemetry())).build()) {
      catchThrowableOfType(AuthenticationException.class,
          () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
    }

    SpanData call = named("ConnectionTokens.generate", 0);
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(ERROR_TYPE)).isEqualTo("authentication");
    assertThat(named("POST " + GENERATE, 0).getAttributes().get(ERROR_TYPE)).isEqualTo("401");
  }

  @Test
  void aProxyConfigurationErrorHasProxyAsErrorType() {
    try (FakeProxy proxy = FakeProxy.start().requireCredentials("egress", "not-sent-5e9b");
        FakePartoo https = FakePartoo.builder().defaultFixture().https().start();
        PartooClient client = PartooClient.builder().baseUrl(https.baseUrl()).apiKey(DefaultFixture.API_KEY)
            .trustedCertificates(https.certificatePem()).proxy(proxy.proxy())
            .listener(PartooTracing.listener(OTEL.getOpenTelemetry())).build()) {
      catchThrowableOfType(TransportConfigurationException.class,
          () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
    }

    SpanData call = named("ConnectionTokens.generate", 0);
    assertThat(call.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(call.getAttributes().get(ERROR_TYPE)).isEqualTo("proxy");
    assertThat(named("POST " + GENERATE, 0).getAttributes().get(ERROR_TYPE)).isEqualTo("proxy");
  }

  @Test
  void aRequestStoppedByCloseEndsWithItsCall() throws Exception {
    // The fake holds its answer far longer than any busy machine takes to reach close(): only close() ends the call.
    partoo.faults().delay(Duration.ofMinutes(10));
    CountDownLatch sending = new CountDownLatch(1);
    PartooListener sendingSignal = new PartooListener() {
      @Override
      public CallListener callStarted(CallStarted call) {
        return new CallListener() {
          @Override
          public void attemptStarted(AttemptStarted attempt, RequestHeaders headers) {
            sending.countDown();
          }
        };
      }
    };
    CompletableFuture<ConnectionToken> token;
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()),
        b -> b.listener(sendingSignal))) {
      token = client.connectionTokens().generateAsync(DefaultFixture.USER_ID);
      // The request is on its way; the fake holds its answer: close() stops it in flight.
      assertThat(sending.await(1, TimeUnit.MINUTES)).isTrue();
    }

    assertThat(token).failsWithin(Duration.ofMinutes(1)).withThrowableThat()
        .withCauseInstanceOf(ClientClosedException.class);
    assertThat(OTEL.getSpans()).hasSize(2).allSatisfy(span -> {
      assertThat(span.hasEnded()).isTrue();
      assertThat(span.getAttributes().get(ERROR_TYPE)).isEqualTo("client_closed");
    });
  }

  @Test
  void eachRequestIsRecordedInTheStableDurationHistogram() {
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()), b -> b)) {
      partoo.faults().serviceUnavailable(1);
      client.connectionTokens().generate(DefaultFixture.USER_ID);
      client.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    MetricData metric = OTEL.getMetrics().stream()
        .filter(data -> data.getName().equals("http.client.request.duration")).findFirst().orElseThrow();
    assertThat(metric.getUnit()).isEqualTo("s");
    assertThat(metric.getInstrumentationScopeInfo().getName()).isEqualTo("com.acme.partoo.opentelemetry");
    List<HistogramPointData> points = List.copyOf(metric.getHistogramData().getPoints());
    assertThat(points).extracting(HistogramPointData::getAttributes).containsExactlyInAnyOrder(
        request("POST", GENERATE, 200),
        request("POST", GENERATE, 503).toBuilder().put(ERROR_TYPE, "503").build());
    assertThat(points).extracting(HistogramPointData::getCount).containsExactlyInAnyOrder(2L, 1L);
    assertThat(points).allSatisfy(point -> assertThat(point.getBoundaries()).containsExactly(
        0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1.0, 2.5, 5.0, 7.5, 10.0));
  }

  @Test
  void aRequestWithoutAnAnswerHasNoStatusAndSaysWhatHappened() {
    try (PartooClient client = client(PartooTracing.listener(OTEL.getOpenTelemetry()), b -> b
        .retryPolicy(RetryPolicy.none()))) {
      partoo.faults().dropConnection(1);
      catchThrowableOfType(RuntimeException.class, () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
    }

    SpanData request = named("POST " + GENERATE, 0);
    assertThat(request.getAttributes().get(STATUS)).isNull();
    assertThat(request.getAttributes().get(ERROR_TYPE)).isEqualTo("no_answer");
    assertThat(Objects.requireNonNull(partoo.journal().last().orElseThrow()).status())
        .isEqualTo(RecordedRequest.NO_ANSWER);
  }
}
