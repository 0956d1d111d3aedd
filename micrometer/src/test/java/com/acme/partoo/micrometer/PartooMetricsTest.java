package com.acme.partoo.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.mock.DefaultFixture;
import com.acme.partoo.mock.FakePartoo;
import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.OutagePolicy;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.RetryPolicy;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.okhttp3.OkHttpConnectionPoolMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The meters a scripted run leaves, exactly, and that none of them carries a value from a request. */
class PartooMetricsTest {

  private static final String WRONG_KEY = "not-the-fake-partoo-key-0b7e";

  private final FakePartoo partoo = FakePartoo.withDefaults();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final AtomicReference<String> apiKey = new AtomicReference<>(DefaultFixture.API_KEY);

  @AfterEach
  void stop() {
    partoo.close();
  }

  private PartooClient client(UnaryOperator<PartooClient.Builder> settings) {
    return settings.apply(PartooClient.builder()
        .baseUrl(partoo.baseUrl())
        .apiKey(apiKey::get)
        // Backoff of a millisecond: retries happen at once, and no Retry-After pauses the client.
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1)).build()))
        .build();
  }

  /** Every meter of the registry, as "name{tag=value,...}" → count (timers, counters) or value (gauges). */
  private Map<String, Double> figures() {
    Map<String, Double> figures = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      StringBuilder id = new StringBuilder(meter.getId().getName()).append('{');
      meter.getId().getTags().forEach(tag -> id.append(tag.getKey()).append('=').append(tag.getValue()).append(','));
      id.setLength(id.length() - (meter.getId().getTags().isEmpty() ? 0 : 1));
      double value = meter.match(
          gauge -> gauge.value(), counter -> counter.count(), timer -> (double) timer.count(),
          summary -> (double) summary.count(), longTask -> Double.NaN, timeGauge -> Double.NaN,
          functionCounter -> Double.NaN, functionTimer -> Double.NaN, other -> Double.NaN);
      figures.put(id.append('}').toString(), value);
    }
    return figures;
  }

  @Test
  void aScriptedRunGivesExactlyTheseFigures() {
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry)))) {
      ConnectionTokens tokens = client.connectionTokens();

      tokens.generate(DefaultFixture.USER_ID);
      tokens.generate(DefaultFixture.USER_ID);
      partoo.faults().serviceUnavailable(1);
      tokens.generate(DefaultFixture.USER_ID);
      apiKey.set(WRONG_KEY);
      catchThrowableOfType(AuthenticationException.class, () -> tokens.generate(DefaultFixture.USER_ID));
    }

    String ok = "error=none,operation=generate,outcome=success,status.class=2xx}";
    assertThat(figures()).containsExactlyInAnyOrderEntriesOf(new TreeMap<>(Map.ofEntries(
        Map.entry("partoo.client.calls{" + ok, 3.0),
        Map.entry("partoo.client.calls{error=authentication,operation=generate,outcome=failure,status.class=4xx}", 1.0),
        Map.entry("partoo.client.attempts{" + ok, 3.0),
        Map.entry("partoo.client.attempts{error=server,operation=generate,outcome=failure,status.class=5xx}", 1.0),
        Map.entry("partoo.client.attempts{error=authentication,operation=generate,outcome=failure,status.class=4xx}",
            1.0),
        Map.entry("partoo.client.retries{operation=generate,reason=backoff}", 1.0),
        Map.entry("partoo.client.retries{operation=generate,reason=retry_after}", 0.0),
        Map.entry("partoo.client.retries{operation=check,reason=backoff}", 0.0),
        Map.entry("partoo.client.retries{operation=check,reason=retry_after}", 0.0),
        Map.entry("partoo.client.retries{operation=revoke,reason=backoff}", 0.0),
        Map.entry("partoo.client.retries{operation=revoke,reason=retry_after}", 0.0),
        Map.entry("partoo.client.retry.budget.exhausted{operation=generate}", 0.0),
        Map.entry("partoo.client.retry.budget.exhausted{operation=check}", 0.0),
        Map.entry("partoo.client.retry.budget.exhausted{operation=revoke}", 0.0),
        Map.entry("partoo.client.breaker.state{state=closed}", 1.0),
        Map.entry("partoo.client.breaker.state{state=half_open}", 0.0),
        Map.entry("partoo.client.breaker.state{state=open}", 0.0))));
  }

  @Test
  void timersRecordTheDurationsTheClientMeasured() {
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry)))) {
      partoo.faults().delay(Duration.ofMillis(30));
      client.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    double call = registry.get("partoo.client.calls").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
    double attempt =
        registry.get("partoo.client.attempts").timer().totalTime(java.util.concurrent.TimeUnit.MILLISECONDS);
    assertThat(attempt).isGreaterThanOrEqualTo(30);
    assertThat(call).isGreaterThanOrEqualTo(attempt);
    assertThat(registry.get("partoo.client.calls").timer().getId().getBaseUnit()).isEqualTo("seconds");
  }

  @Test
  void aRevokesCheckIsTimedAsACheckAttemptAndItsWaitAsARetry() {
    ConnectionToken token;
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry)))) {
      token = client.connectionTokens().generate(DefaultFixture.USER_ID);
      partoo.faults().serverError(1, 500);
      client.connectionTokens().revoke(DefaultFixture.USER_ID, token.token());
    }

    assertThat(figures())
        .containsEntry("partoo.client.calls{error=none,operation=revoke,outcome=success,status.class=2xx}", 1.0)
        .containsEntry("partoo.client.attempts{error=server,operation=revoke,outcome=failure,status.class=5xx}", 1.0)
        .containsEntry("partoo.client.attempts{error=none,operation=check,outcome=success,status.class=2xx}", 1.0)
        .containsEntry("partoo.client.attempts{error=none,operation=revoke,outcome=success,status.class=2xx}", 1.0)
        .containsEntry("partoo.client.retries{operation=revoke,reason=backoff}", 1.0);
  }

  @Test
  void aRetryAfterWaitIsCountedAsSuch() {
    // Without the outage protection a Retry-After pauses only the call: the fake asks for 0 s, so nothing waits.
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry))
        .outagePolicy(OutagePolicy.disabled()))) {
      partoo.faults().tooManyRequests(1, Duration.ZERO);
      client.connectionTokens().generate(DefaultFixture.USER_ID);
    }

    assertThat(figures())
        .containsEntry("partoo.client.attempts{error=rate_limited,operation=generate,outcome=failure,status.class=4xx}",
            1.0)
        .containsEntry("partoo.client.retries{operation=generate,reason=retry_after}", 1.0)
        .containsEntry("partoo.client.retries{operation=generate,reason=backoff}", 0.0);
  }

  @Test
  void aCallWithoutAnAnswerHasNoStatusClass() {
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry))
        .retryPolicy(RetryPolicy.none()))) {
      partoo.faults().dropConnection(1);
      catchThrowableOfType(PartooException.class, () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
    }

    assertThat(figures()).containsEntry(
        "partoo.client.calls{error=no_answer,operation=generate,outcome=failure,status.class=none}", 1.0);
  }

  @Test
  void aTlsConfigurationErrorIsCountedAsTls() {
    try (FakePartoo https = FakePartoo.builder().defaultFixture().https().start();
        PartooClient client = PartooClient.builder().baseUrl(https.baseUrl()).apiKey(DefaultFixture.API_KEY)
            .listener(PartooMetrics.listener(registry)).build()) { // the JVM's CAs: the fake's is not among them
      catchThrowableOfType(PartooException.class, () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
    }

    assertThat(figures())
        .containsEntry("partoo.client.calls{error=tls,operation=generate,outcome=failure,status.class=none}", 1.0)
        .containsEntry("partoo.client.attempts{error=tls,operation=generate,outcome=failure,status.class=none}", 1.0);
  }

  @Test
  void theEmptyRetryBudgetAndTheOpenBreakerAreCounted() {
    OutagePolicy opensQuickly = OutagePolicy.builder().window(4, 4).build();
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry)).outagePolicy(opensQuickly)
        .retryPolicy(RetryPolicy.builder().baseDelay(Duration.ofMillis(1)).maxDelay(Duration.ofMillis(1))
            .retryBudget(2, 0.1).build()))) {
      partoo.faults().serviceUnavailable(50);
      for (int i = 0; i < 5; i++) {
        catchThrowableOfType(PartooException.class, () -> client.connectionTokens().generate(DefaultFixture.USER_ID));
      }
    }

    assertThat(figures())
        .containsEntry("partoo.client.retry.budget.exhausted{operation=generate}", 1.0)
        .containsEntry("partoo.client.breaker.state{state=open}", 1.0)
        .containsEntry("partoo.client.breaker.state{state=closed}", 0.0)
        .containsEntry("partoo.client.calls{error=outage,operation=generate,outcome=failure,status.class=none}", 1.0);
  }

  @Test
  void theBreakerGaugeCountsEachClientListenedToOnTheRegistry() {
    OutagePolicy opensQuickly = OutagePolicy.builder().window(2, 2).build();
    try (PartooClient failing = client(b -> b.listener(PartooMetrics.listener(registry)).outagePolicy(opensQuickly)
        .retryPolicy(RetryPolicy.none()));
        PartooClient healthy = client(b -> b.listener(PartooMetrics.listener(registry)));
        PartooClient tagged = client(b -> b.listener(PartooMetrics.listener(registry, Tags.of("client", "b"))))) {
      partoo.faults().serviceUnavailable(2);
      for (int i = 0; i < 2; i++) {
        catchThrowableOfType(PartooException.class, () -> failing.connectionTokens().generate(DefaultFixture.USER_ID));
      }
      healthy.connectionTokens().generate(DefaultFixture.USER_ID);
      tagged.connectionTokens().generate(DefaultFixture.USER_ID);

      assertThat(figures())
          .containsEntry("partoo.client.breaker.state{state=open}", 1.0)
          .containsEntry("partoo.client.breaker.state{state=closed}", 1.0)
          .containsEntry("partoo.client.breaker.state{client=b,state=closed}", 1.0)
          .containsEntry("partoo.client.calls{client=b,error=none,operation=generate,outcome=success,status.class=2xx}",
              1.0);
    }
  }

  @Test
  void noTagCarriesAUserIdATokenAKeyOrAUrl() {
    try (PartooClient client = client(b -> b.listener(PartooMetrics.listener(registry)))) {
      ConnectionToken token = client.connectionTokens().generate(DefaultFixture.USER_ID);
      client.connectionTokens().check(DefaultFixture.USER_ID, token.token());
      client.connectionTokens().revoke(DefaultFixture.USER_ID, token.token());
      catchThrowableOfType(PartooException.class,
          () -> client.connectionTokens().generate(DefaultFixture.NO_ACCESS_USER_ID));
      catchThrowableOfType(PartooException.class,
          () -> client.connectionTokens().check(DefaultFixture.USER_ID, token.token() + "0"));
    }

    List<Tag> tags = registry.getMeters().stream().flatMap(meter -> meter.getId().getTags().stream()).toList();
    assertThat(tags).extracting(Tag::getKey).containsOnly("operation", "outcome", "error", "status.class", "reason",
        "state");
    assertThat(tags).extracting(Tag::getValue).allMatch(value -> value.matches("[a-z_]+|[1-9]xx"));
  }

  @Test
  void theConnectionPoolOfASharedOkHttpClientIsMeteredByMicrometersOwnBinder() {
    OkHttpClient shared = new OkHttpClient.Builder().build();
    new OkHttpConnectionPoolMetrics(shared.connectionPool()).bindTo(registry);
    try (PartooClient client = client(b -> b.okHttpClient(shared))) {
      client.connectionTokens().generate(DefaultFixture.USER_ID);

      assertThat(registry.get("okhttp.pool.connection.count").tag("state", "idle").gauge().value()).isEqualTo(1.0);
    } finally {
      shared.connectionPool().evictAll();
    }
  }
}
