package com.acme.partoo.it;

import static com.acme.partoo.it.support.Failures.partooFailure;
import static com.acme.partoo.it.support.Stubs.GENERATE_PATH;
import static com.acme.partoo.it.support.Stubs.check;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.json;
import static com.acme.partoo.it.support.Stubs.revoke;
import static com.acme.partoo.it.support.Stubs.tokenIssued;
import static com.acme.partoo.it.support.Stubs.tokenStatus;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.serviceUnavailable;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.acme.partoo.it.support.PartooCall;
import com.acme.partoo.it.support.SecretsGuard;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.AuthenticationException;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokenStatus;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.InvalidRequestException;
import com.acme.partoo.tokens.PartooClient;
import com.acme.partoo.tokens.PartooConnectionException;
import com.acme.partoo.tokens.PartooException;
import com.acme.partoo.tokens.RetryPolicy;
import com.acme.partoo.tokens.UnexpectedResponseException;
import com.github.tomakehurst.wiremock.http.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import okhttp3.OkHttpClient;
import okhttp3.logging.HttpLoggingInterceptor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The API key never leaves the {@code x-APIKey} header, and a token is only ever shown masked: not in logs (even with
 * HTTP logging on a shared OkHttpClient), not in exceptions (even when Partoo echoes them), not in a redirect.
 * {@code SecretsGuard} checks every log line and inspected exception of the suite; these tests provoke the cases most
 * likely to leak and also assert what must be visible instead.
 */
class SecretsIT {

  private static final Logger HTTP_LOG = LoggerFactory.getLogger("it.http");
  private static final String MASKED_TOKEN = TestSecrets.TOKEN.substring(0, 4) + "****";

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  @Test
  void httpLoggingOnASharedClientNeverSeesTheApiKey() {
    partoo.stubSequence(() -> generate(), serviceUnavailable(), tokenIssued(TestSecrets.TOKEN));
    HttpLoggingInterceptor application = new HttpLoggingInterceptor(HTTP_LOG::info);
    application.setLevel(HttpLoggingInterceptor.Level.HEADERS);
    HttpLoggingInterceptor network = new HttpLoggingInterceptor(HTTP_LOG::info);
    network.setLevel(HttpLoggingInterceptor.Level.HEADERS);
    OkHttpClient shared = partoo.track(new OkHttpClient.Builder()
        .addInterceptor(application)
        .addNetworkInterceptor(network)
        .build());
    int from = SecretsGuard.linesCaptured();

    partoo.build(partoo.clientBuilder().okHttpClient(shared)).connectionTokens().generate("42");

    List<String> lines = SecretsGuard.linesFrom(from);
    assertThat(lines).as("the interceptors did log the requests")
        .anyMatch(line -> line.contains("--> POST " + partoo.baseUrl() + "/connection/generate_token"))
        .anyMatch(line -> line.contains("Content-Type: application/json"));
    assertThat(lines).noneMatch(line -> line.toLowerCase(Locale.ROOT).contains("x-apikey"));
    // The key reached Partoo all the same.
    assertThat(partoo.requestsTo(GENERATE_PATH)).hasSize(2)
        .allMatch(request -> TestSecrets.API_KEY.equals(request.getHeader("x-APIKey")));
  }

  @Test
  void partooDetailEchoingTheApiKeyIsMasked() {
    partoo.server().stubFor(generate().willReturn(aResponse().withStatus(401)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"authentication\": \"API key " + TestSecrets.API_KEY + " is not valid\"}}")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(AuthenticationException.class);
    assertThat(failure.partooMessage()).hasValueSatisfying(detail ->
        assertThat(detail).doesNotContain(TestSecrets.API_KEY).contains("API key pk_i**** is not valid"));
  }

  @Test
  void partooDetailEchoingTheTokenIsMasked() {
    partoo.server().stubFor(check().willReturn(aResponse().withStatus(404)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"json\": " + json("Token " + TestSecrets.TOKEN + " not found") + "}}")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.check("42", TestSecrets.TOKEN));

    assertThat(failure.partooMessage()).hasValue("Token " + MASKED_TOKEN + " not found");
    assertThat(failure.getMessage()).contains(MASKED_TOKEN).doesNotContain(TestSecrets.TOKEN);
  }

  @Test
  void fieldErrorsEchoingTheTokenAreMasked() {
    partoo.server().stubFor(revoke().willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"json\": {\"token\": [" + json(TestSecrets.TOKEN + " is not valid.") + "]}}}")));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.revoke("42", TestSecrets.TOKEN));

    assertThat(((InvalidRequestException) failure).fieldErrors().get("token"))
        .containsExactly(MASKED_TOKEN + " is not valid.");
  }

  @ParameterizedTest
  @EnumSource(value = Fault.class, names = {"CONNECTION_RESET_BY_PEER", "RANDOM_DATA_THEN_CLOSE"})
  void connectionFailuresWhileCheckingOrRevokingNeverQuoteTheToken(Fault fault) {
    partoo.server().stubFor(check().willReturn(aResponse().withFault(fault)));
    partoo.server().stubFor(revoke().willReturn(aResponse().withFault(fault)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException checking = partooFailure(() -> tokens.check("42", TestSecrets.TOKEN));
    PartooException revoking = partooFailure(() -> tokens.revoke("42", TestSecrets.TOKEN));

    assertThat(List.of(checking, revoking)).allSatisfy(failure -> {
      assertThat(failure).isInstanceOf(PartooConnectionException.class);
      assertThat(failure.getSuppressed()).isNotEmpty();
    });
    // The guard walks each one's causes and suppressed exceptions after the test.
  }

  @Test
  void valuesAndTheClientShowSecretsMaskedInToString() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));
    partoo.server().stubFor(check().willReturn(tokenStatus(TestSecrets.TOKEN, "valid", null, null, null)));
    PartooClient client = partoo.client();

    ConnectionToken token = client.connectionTokens().generate("42");
    ConnectionTokenStatus status = client.connectionTokens().check("42", TestSecrets.TOKEN);

    assertThat(List.of(token.toString(), status.toString()))
        .allSatisfy(text -> assertThat(text).contains(MASKED_TOKEN).doesNotContain(TestSecrets.TOKEN));
    assertThat(client.toString()).contains(partoo.baseUrl()).doesNotContain(TestSecrets.API_KEY);
  }

  @Test
  void neverFollowsARedirectWithTheApiKey() {
    String elsewhere = "http://localhost:" + partoo.server().port() + "/v2/elsewhere";
    partoo.server().stubFor(generate().willReturn(aResponse().withStatus(307).withHeader("Location", elsewhere)));
    partoo.server().stubFor(post(urlPathEqualTo("/v2/elsewhere")).willReturn(tokenIssued(TestSecrets.TOKEN)));
    ConnectionTokens tokens = partoo.client().connectionTokens();

    PartooException failure = partooFailure(() -> tokens.generate("42"));

    assertThat(failure).isInstanceOf(UnexpectedResponseException.class);
    assertThat(failure.statusCode()).hasValue(307);
    assertThat(failure.getMessage()).contains("redirects are not followed");
    assertThat(partoo.requestsTo("/v2/elsewhere")).isEmpty();
  }

  @Test
  void malformedApiKeyIsRefusedWithoutEchoingIt() {
    String malformed = TestSecrets.token("pk_it_7Rq2XwL9 vB4mZs81");

    IllegalStateException refused = SecretsGuard.inspect(catchThrowableOfType(
        IllegalStateException.class, () -> partoo.clientBuilder().apiKey(malformed).build()));

    assertThat(refused).isNotNull();
    assertThat(refused.getMessage()).contains("whitespace at position 14").doesNotContain(malformed);
    assertThat(partoo.server().getAllServeEvents()).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(PartooCall.class)
  void failingKeySupplierNeverEchoesItsMessage(PartooCall call) {
    ConnectionTokens tokens = partoo.build(partoo.clientBuilder().apiKey(() -> {
      throw new IllegalStateException("vault returned " + TestSecrets.API_KEY + " for the wrong tenant");
    })).connectionTokens();

    PartooException failure = partooFailure(() -> call.run(tokens));

    assertThat(failure).isInstanceOf(AuthenticationException.class);
    assertThat(failure.getMessage()).contains("Nothing was sent");
    assertThat(partoo.server().getAllServeEvents()).isEmpty();
  }

  @Test
  void timeoutWhileCheckingNeverQuotesTheTokenFromTheUrl() {
    partoo.server().stubFor(check().willReturn(
        tokenStatus(TestSecrets.TOKEN, "valid", null, null, null).withFixedDelay(5_000)));
    ConnectionTokens tokens = partoo.build(partoo.clientBuilder()
        .readTimeout(Duration.ofMillis(500))
        .retryPolicy(RetryPolicy.none())).connectionTokens();

    PartooException failure = partooFailure(() -> tokens.check("42", TestSecrets.TRICKY_TOKEN));

    assertThat(failure).isInstanceOf(PartooConnectionException.class);
  }
}
