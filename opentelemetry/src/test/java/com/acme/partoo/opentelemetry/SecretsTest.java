package com.acme.partoo.opentelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.RetryPolicy;
import io.opentelemetry.sdk.metrics.data.PointData;
import io.opentelemetry.sdk.testing.junit5.OpenTelemetryExtension;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * No span, attribute, event, status or metric point carries the key, the token, the user id or a query, even when
 * Partoo's error bodies quote the key and the token back.
 */
class SecretsTest {

  @RegisterExtension static final OpenTelemetryExtension OTEL = OpenTelemetryExtension.create();

  private static final String API_KEY = "secret-api-key-5e0d77c1a9b24f30";
  private static final String TOKEN = "\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b";
  private static final String USER_ID = "user-7f3a09";

  private final MockWebServer server = new MockWebServer();

  @BeforeEach
  void start() throws Exception {
    String echo = "{\"errors\": {\"json\": {\"token\": [\"" + TOKEN.replace("\\", "\\\\") + " is not valid for key "
        + API_KEY + " and user " + USER_ID + "\"]}}}";
    server.setDispatcher(new Dispatcher() {
      private int answered;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest request) {
        int status = new int[] {503, 400, 401, 500}[answered++ % 4];
        return new MockResponse.Builder().code(status).setHeader("Content-Type", "application/json")
            .setHeader("X-Request-Id", API_KEY).body(echo).build();
      }
    });
    server.start(InetAddress.getByName("127.0.0.1"), 0);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void nothingRecordedCarriesASecret() {
    try (PartooClient client = PartooClient.builder().baseUrl(server.url("/v2").toString()).apiKey(API_KEY)
        .listener(PartooTracing.listener(OTEL.getOpenTelemetry()))
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1)).build())
        .build()) {
      for (int i = 0; i < 3; i++) {
        catchThrowable(() -> client.connectionTokens().generate(USER_ID));
        catchThrowable(() -> client.connectionTokens().check(USER_ID, TOKEN));
        catchThrowable(() -> client.connectionTokens().revoke(USER_ID, TOKEN));
      }
    }

    List<String> recorded = new ArrayList<>();
    for (SpanData span : OTEL.getSpans()) {
      recorded.add(span.getName());
      recorded.add(span.getStatus().toString());
      recorded.add(span.getAttributes().toString());
      span.getEvents().forEach(event -> recorded.add(event.getName() + event.getAttributes()));
      span.getLinks().forEach(link -> recorded.add(link.getAttributes().toString()));
      recorded.add(span.getResource().getAttributes().toString());
    }
    OTEL.getMetrics().forEach(metric -> metric.getData().getPoints().stream().map(PointData::getAttributes)
        .forEach(attributes -> recorded.add(attributes.toString())));

    assertThat(OTEL.getSpans()).hasSizeGreaterThan(9);
    assertThat(OTEL.getSpans()).flatMap(SpanData::getEvents).isNotEmpty();
    assertThat(recorded).isNotEmpty().allSatisfy(text -> assertThat(text)
        .doesNotContain(API_KEY).doesNotContain(TOKEN).doesNotContain(TOKEN.substring(1, 12))
        .doesNotContain(USER_ID).doesNotContain("?").doesNotContain("exception"));
  }
}
