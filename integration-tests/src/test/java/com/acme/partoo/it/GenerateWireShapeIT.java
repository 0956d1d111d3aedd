package com.acme.partoo.it;

import static com.acme.partoo.it.support.Stubs.GENERATE_PATH;
import static com.acme.partoo.it.support.Stubs.generate;
import static com.acme.partoo.it.support.Stubs.tokenIssued;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.it.support.Failures;
import com.acme.partoo.it.support.SecretsGuard;
import com.acme.partoo.it.support.TestSecrets;
import com.acme.partoo.it.support.Transport;
import com.acme.partoo.it.support.WireMockPartoo;
import com.acme.partoo.tokens.ConnectionToken;
import com.acme.partoo.tokens.ConnectionTokens;
import com.acme.partoo.tokens.PartooClient;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** What generate puts on the wire, and how it reads Partoo's answer. */
@ParameterizedClass(name = "over {0}")
@MethodSource("com.acme.partoo.it.support.Transport#selected")
class GenerateWireShapeIT {

  @RegisterExtension
  static final WireMockPartoo partoo = new WireMockPartoo();

  /** The transport of this run of the class: cleartext HTTP/1.1, TLS HTTP/1.1, TLS HTTP/2. */
  @Parameter Transport transport;

  @BeforeParameterizedClassInvocation
  static void serve(Transport transport) {
    partoo.over(transport);
  }

  @Test
  void postsUserIdAndTtlWithApiKeyAsJson() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));

    partoo.client().connectionTokens().generate("42", Duration.ofMinutes(5));

    partoo.server().verify(1, postRequestedFor(urlEqualTo(GENERATE_PATH))
        .withHeader("x-APIKey", equalTo(TestSecrets.API_KEY))
        .withHeader("Content-Type", matching("application/json(; ?charset=UTF-8)?"))
        .withHeader("User-Agent", matching("partoo-token-client-java/.+"))
        .withRequestBody(equalToJson("{\"user_id\": \"42\", \"ttl\": 300}")));
  }

  @Test
  void omitsTtlWhenNoneIsGiven() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));

    ConnectionToken token = partoo.client().connectionTokens().generate("42");

    // equalToJson is strict about extra fields: no "ttl", not even null.
    partoo.server().verify(1, postRequestedFor(urlEqualTo(GENERATE_PATH))
        .withRequestBody(equalToJson("{\"user_id\": \"42\"}")));
    assertThat(token.ttl()).isEqualTo(ConnectionTokens.DEFAULT_TTL);
  }

  @Test
  void clampsTtlAboveOneDayAndReportsTheTtlSent() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));
    int logged = SecretsGuard.linesCaptured();
    ConnectionTokens tokens = partoo.client().connectionTokens();

    ConnectionToken token = tokens.generate("42", Duration.ofDays(3));
    tokens.generate("42", Duration.ofDays(2));

    partoo.server().verify(2, postRequestedFor(urlEqualTo(GENERATE_PATH))
        .withRequestBody(equalToJson("{\"user_id\": \"42\", \"ttl\": 86400}")));
    assertThat(token.ttl()).isEqualTo(Duration.ofSeconds(86_400));
    assertThat(SecretsGuard.linesFrom(logged))
        .filteredOn(line -> line.startsWith("WARN") && line.contains("TTL"))
        .as("the clamp is logged once per client")
        .hasSize(1);
  }

  @Test
  void roundsFractionalSecondsUp() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));

    ConnectionToken token = partoo.client().connectionTokens().generate("42", Duration.ofMillis(1_200));

    partoo.server().verify(postRequestedFor(urlEqualTo(GENERATE_PATH))
        .withRequestBody(equalToJson("{\"user_id\": \"42\", \"ttl\": 2}")));
    assertThat(token.ttl()).isEqualTo(Duration.ofSeconds(2));
  }

  @ParameterizedTest(name = "base URL {0}")
  @ValueSource(strings = {"", "/"})
  void reachesTheSamePathWithOrWithoutTrailingSlash(String suffix) {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));
    PartooClient client = partoo.build(partoo.clientBuilder().baseUrl(partoo.baseUrl() + suffix));

    client.connectionTokens().generate("42");

    partoo.server().verify(1, postRequestedFor(urlEqualTo(GENERATE_PATH)));
  }

  @Test
  void readsTokenAndExpiryIgnoringFieldsPartooAddsLater() {
    partoo.server().stubFor(generate().willReturn(okJson("""
        {"token": "\\\\xaf3e8951c1f4c42f9cc53116b3fc855bd44bce01cf27604b",
         "expiration_date": "2019-08-01T19:15:54.256000+02:00",
         "scope": {"business_ids": [1, 2]}, "issued_by": "api"}
        """)));

    ConnectionToken token = partoo.client().connectionTokens().generate("42");

    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(token.expiresAt()).isEqualTo(Instant.parse("2019-08-01T17:15:54.256Z"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
      "2019-08-01T19:15:54.256789+02:00",
      "2019-08-01T13:45:54.256789-03:30",
      "2019-08-01T17:15:54.256789Z",
      "2019-08-01T17:15:54.256789+00:00"})
  void parsesMicrosecondTimestampsWithTheirOffsetToTheSameInstant(String expiration) {
    partoo.server().stubFor(generate().willReturn(okJson(
        "{\"token\": \"tok_5fd1c0a9e2b7\", \"expiration_date\": \"" + expiration + "\"}")));
    TestSecrets.token("tok_5fd1c0a9e2b7");

    ConnectionToken token = partoo.client().connectionTokens().generate("42");

    assertThat(token.expiresAt()).isEqualTo(Instant.parse("2019-08-01T17:15:54.256789Z"));
  }

  @Test
  void asyncGenerateSendsTheSameRequestAndReadsTheSameAnswer() {
    partoo.server().stubFor(generate().willReturn(tokenIssued(TestSecrets.TOKEN)));

    ConnectionToken token = Failures.await(
        partoo.client().connectionTokens().generateAsync("42", Duration.ofHours(1)));

    partoo.server().verify(1, postRequestedFor(urlEqualTo(GENERATE_PATH))
        .withHeader("x-APIKey", equalTo(TestSecrets.API_KEY))
        .withRequestBody(equalToJson("{\"user_id\": \"42\", \"ttl\": 3600}")));
    assertThat(token.token()).isEqualTo(TestSecrets.TOKEN);
    assertThat(token.ttl()).isEqualTo(Duration.ofHours(1));
  }

  @Test
  void sendsNothingForANonPositiveTtl() {
    ConnectionTokens tokens = partoo.client().connectionTokens();

    org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
        .isThrownBy(() -> tokens.generate("42", Duration.ZERO));

    assertThat(partoo.server().getAllServeEvents()).isEmpty();
  }
}
