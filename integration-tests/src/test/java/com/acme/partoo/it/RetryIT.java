package com.acme.partoo.it;

import static com.acme.partoo.it.support.Failures.partooFailure;
import static com.acme.partoo.it.support.Stubs.GENERATE_PATH;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.htmlError;
import static com.acme.partoo.it.support.Stubs.tokenIssued;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.FakeTime;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.Transport;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.RateLimitedException;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.ServerException;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries on 429 and 5xx: how many, how long apart (measured on the injected fake time, nothing sleeps), Retry-After,
 * the deadline and the retry budget.
 */
@ParameterizedClass(name = "over {0}")
@MethodSource("com.acme.partoo.it.support.Transport#selected")
class RetryIT {

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  /** The transport of this run of the class: cleartext HTTP/1.1, TLS HTTP/1.1, TLS HTTP/2. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void serve(Transport transport) {
    partoo.over(transport);
  }

  @Test
  void retriesServiceUnavailableThenReturnsToken() {
    partoo.stubSequence(() -> generate(), serviceUnavailable(), serviceUnavailable(), tokenIssued(TestSecrets.TOKEN));

    ConnectionToken token = partoo.client().connectionTokens().generate("42", Duration.ofMinutes(10));

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(3)
        .extracting(LoggedRequest::getBodyAsString)
        .as("every attempt sends the same body")
        .containsOnly("{\"user_id\":\"42\",\"ttl\":600}");
    // Full jitter below the doubling ceiling: [0, 200 ms), then [0, 400 ms).
    assertThat(partoo.time().waits()).hasSize(2);
    assertThat(partoo.time().waits().get(0)).isLessThan(Duration.ofMillis(200));
    assertThat(partoo.time().waits().get(1)).isLessThan(Duration.ofMillis(400));
  }

  @Test
  void asyncRetriesAreScheduledThenReturnToken() {
    partoo.stubSequence(() -> generate(), serviceUnavailable(), serviceUnavailable(), tokenIssued(TestSecrets.TOKEN));

    ConnectionToken token = Failures.await(partoo.client().connectionTokens().generateAsync("42"));

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(3);
    assertThat(partoo.time().waits()).as("waits are scheduled on the fake time").hasSize(2);
  }

  @Test
  void waitsTheRetryAfterSecondsPartooAsksFor() {
    partoo.stubSequence(() -> generate(),
        serviceUnavailable().withHeader("Retry-After", "7"), tokenIssued(TestSecrets.TOKEN));

    partoo.client().connectionTokens().generate("42");

    assertThat(partoo.time().waits()).containsExactly(Duration.ofSeconds(7));
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2);
  }

  @Test
  void waitsUntilTheRetryAfterHttpDate() {
    String in30Seconds = DateTimeFormatter.RFC_1123_DATE_TIME.format(
        FakeTime.START.plusSeconds(30).atZone(ZoneOffset.UTC));
    partoo.stubSequence(() -> generate(),
        aResponse().withStatus(429).withHeader("Retry-After", in30Seconds), tokenIssued(TestSecrets.TOKEN));

    partoo.build(partoo.clientBuilder().deadline(Duration.ofMinutes(1))).connectionTokens().generate("42");

    assertThat(partoo.time().waits()).containsExactly(Duration.ofSeconds(30));
  }

  @Test
  void failsAtOnceWhenRetryAfterReachesPastTheDeadline() {
    partoo.server().stubFor(generate().willReturn(serviceUnavailable().withHeader("Retry-After", "120")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(ServerException.class);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failure.getMessage()).contains("Retry-After").contains("deadline");
    assertThat(partoo.time().waits()).isEmpty();
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(1);
  }

  @Test
  void givesUpOnPersistentRateLimitingAfterMaxAttempts() {
    partoo.server().stubFor(generate().willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) failure).retryAfter()).hasValue(Duration.ofSeconds(1));
    assertThat(failure.statusCode()).hasValue(429);
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.getSuppressed()).hasSize(2).allMatch(RateLimitedException.class::isInstance);
    assertThat(partoo.time().waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(3);
  }

  @Test
  void givesUpOnPersistentServerErrorAfterMaxAttempts() {
    partoo.server().stubFor(generate().willReturn(aResponse().withStatus(500)));
    ConnectionTokens tokens = partoo.build(partoo.clientBuilder()
        .retryPolicy(RetryPolicy.builder().maxAttempts(4).build())).connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(ServerException.class);
    assertThat(failure.statusCode()).hasValue(500);
    assertThat(failure.attempts()).isEqualTo(4);
    assertThat(failure.getMessage()).contains("after 4 attempts");
    assertThat(failure.getSuppressed()).hasSize(3).allMatch(ServerException.class::isInstance);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(4);
  }

  @Test
  void retriesBadGatewayWithAnHtmlBody() {
    partoo.stubSequence(() -> generate(), htmlError(502), tokenIssued(TestSecrets.TOKEN));

    ConnectionToken token = partoo.client().connectionTokens().generate("42");

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2);
  }

  @Test
  void reportsPersistentBadGatewayWithoutQuotingTheHtml() {
    partoo.server().stubFor(generate().willReturn(htmlError(502)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(ServerException.class);
    assertThat(failure.statusCode()).hasValue(502);
    assertThat(failure.partooMessage()).isEmpty();
    assertThat(failure.getMessage()).contains("HTTP 502").contains("text/html").doesNotContain("<html>");
  }

  @Test
  void retryBudgetStopsRetriesDuringASustainedOutage() {
    partoo.server().stubFor(generate().willReturn(serviceUnavailable()));
    ConnectionTokens tokens = partoo.build(partoo.clientBuilder()
        .retryPolicy(RetryPolicy.builder().retryBudget(2, 0).build())).connectionTokens();

    PartooException first = partooFailure(() -> tokens.generate("42"));
    PartooException[] later = new PartooException[4];
    for (int i = 0; i < later.length; i++) {
      later[i] = partooFailure(() -> tokens.generate("42"));
    }

    assertThat(first.attempts()).isEqualTo(3);
    assertThat(later).allSatisfy(failure -> {
      assertThat(failure.attempts()).isEqualTo(1);
      assertThat(failure.getMessage()).contains("retry budget is spent");
    });
    assertThat(partoo.requestsTo(GENERATE_PATH)).as("3 for the first call, then 1 per call").hasSize(7);
  }

  @Test
  void successfulCallsEarnRetriesBack() {
    partoo.stubSequence(() -> generate(), serviceUnavailable(), tokenIssued(TestSecrets.TOKEN),
        serviceUnavailable(), tokenIssued(TestSecrets.TOKEN));
    ConnectionTokens tokens = partoo.build(partoo.clientBuilder()
        .retryPolicy(RetryPolicy.builder().retryBudget(1, 1.0).build())).connectionTokens();

    tokens.generate("42");
    tokens.generate("42");

    assertThat(partoo.requestsTo(GENERATE_PATH)).as("each call retried once").hasSize(4);
  }
}
