package com.acme.partoo.it;

import static com.acme.partoo.it.support.Failures.asyncPartooFailure;
import static com.acme.partoo.it.support.Failures.partooFailure;
import static com.acme.partoo.it.support.Stubs.GENERATE_PATH;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.tokenIssued;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.Transport;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.RetryPolicy;
import com.github.tomakehurst.wiremock.http.Fault;
import java.io.InterruptedIOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * No usable HTTP answer: the connection reset, closed, garbled or too slow. Each is retried like a 503, and when it
 * persists the caller gets a {@link PartooConnectionException}, never a raw IOException.
 */
@ParameterizedClass(name = "over {0}")
@MethodSource("com.acme.partoo.it.support.Transport#selected")
class FaultsIT {

  // Real time: a 1 s read timeout against a 5 s server delay. Far apart, so that a busy machine can neither make the
  // delayed answer beat the timeout nor make a prompt answer (the retry's) miss it.
  private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);
  private static final int SERVER_DELAY_MILLIS = 5_000;

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  /** The transport of this run of the class: cleartext HTTP/1.1, TLS HTTP/1.1, TLS HTTP/2. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void serve(Transport transport) {
    partoo.over(transport);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void recoversFromAFaultOnTheNextAttempt(Fault fault) {
    partoo.stubSequence(() -> generate(), aResponse().withFault(fault), tokenIssued(TestSecrets.TOKEN));

    ConnectionToken token = partoo.client().connectionTokens().generate("42");

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void asyncRecoversFromAFaultOnTheNextAttempt(Fault fault) {
    partoo.stubSequence(() -> generate(), aResponse().withFault(fault), tokenIssued(TestSecrets.TOKEN));

    ConnectionToken token = Failures.await(partoo.client().connectionTokens().generateAsync("42"));

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void reportsAPersistentFaultAsAConnectionFailureAfterMaxAttempts(Fault fault) {
    partoo.server().stubFor(generate().willReturn(aResponse().withFault(fault)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(PartooConnectionException.class);
    assertThat(failure.statusCode()).isEmpty();
    assertThat(failure.attempts()).isEqualTo(3);
    assertThat(failure.getSuppressed()).hasSize(2).allMatch(PartooConnectionException.class::isInstance);
    assertThat(failure.getMessage()).contains("No answer from Partoo at " + partoo.baseUrl());
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(3);
  }

  @ParameterizedTest
  @EnumSource(Fault.class)
  void asyncReportsAPersistentFaultAsAConnectionFailure(Fault fault) {
    partoo.server().stubFor(generate().willReturn(aResponse().withFault(fault)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = asyncPartooFailure(() -> tokens.generateAsync("42"));

    assertThat(failure).isInstanceOf(PartooConnectionException.class);
    assertThat(failure.attempts()).isEqualTo(3);
  }

  @Test
  void retriesAnAnswerSlowerThanTheReadTimeout() {
    partoo.stubSequence(() -> generate(),
        tokenIssued(TestSecrets.TOKEN).withFixedDelay(SERVER_DELAY_MILLIS), tokenIssued(TestSecrets.TOKEN));

    ConnectionToken token = slowClient(RetryPolicy.defaults()).generate("42");

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2);
  }

  @Test
  void reportsPersistentTimeoutsAsAConnectionFailure() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN).withFixedDelay(SERVER_DELAY_MILLIS)));
    ConnectionTokens tokens = slowClient(RetryPolicy.builder().maxAttempts(2).build());

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(PartooConnectionException.class);
    assertThat(failure.attempts()).isEqualTo(2);
    assertThat(failure.getCause()).isInstanceOf(InterruptedIOException.class);
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2);
  }

  private static ConnectionTokens slowClient(RetryPolicy policy) {
    return partoo.build(partoo.clientBuilder().readTimeout(READ_TIMEOUT).retryPolicy(policy)).connectionTokens();
  }
}
