package com.acme.partoo.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Answers a real Partoo (or a proxy in front of it) can give but the fake cannot: stubbed with WireMock. */
class WireMockAnswersTest {

  @RegisterExtension
  static final WireMockExtension WIREMOCK = WireMockExtension.newInstance()
      .options(wireMockConfig().bindAddress("127.0.0.1").dynamicPort())
      .build();

  private static final String API_KEY = "wiremock-api-key-5e0c2b7d";
  private static final String GENERATE = "/v2/connection/generate_token";

  private final Cli cli = Cli.against("http://127.0.0.1:" + WIREMOCK.getPort() + "/v2", API_KEY);

  @Test
  void malformedBodyIsAnUnexpectedAnswer() {
    WIREMOCK.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"token\": \"\\xab")));

    Cli.Result result = cli.run("generate", "--user-id", "u1", "--json");

    assertThat(result.code()).isEqualTo(ExitCodes.UNEXPECTED).isEqualTo(9);
    assertThat(result.out()).isEmpty();
    assertThat(result.errorLine()).contains("unusable body").doesNotContain("\\xab");
    WIREMOCK.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
  }

  @Test
  void successWithoutTheExpectedFieldsIsAnUnexpectedAnswer() {
    WIREMOCK.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json").withBody("{\"message\": \"ok\"}")));

    Cli.Result result = cli.run("check", "--user-id", "u1", "--token", "t1");

    assertThat(result.code()).isEqualTo(9);
    assertThat(result.errorLine()).contains("unusable body");
  }

  @Test
  void connectionResetIsNoAnswer() {
    WIREMOCK.stubFor(any(anyUrl()).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

    Cli.Result result = cli.run("generate", "--user-id", "u1", "--max-attempts", "1");

    assertThat(result.code()).isEqualTo(ExitCodes.NO_ANSWER).isEqualTo(8);
    assertThat(result.errorLine()).contains("No answer from Partoo").contains("127.0.0.1");
    WIREMOCK.verify(1, postRequestedFor(urlPathEqualTo(GENERATE)));
  }

  @Test
  void htmlBadGatewayIsUnavailableAfterRetries() {
    WIREMOCK.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(502)
        .withHeader("Content-Type", "text/html").withBody("<html><body><h1>502 Bad Gateway</h1></body></html>")));

    Cli.Result result = cli.run("check", "--user-id", "u1", "--token", "t1");

    assertThat(result.code()).isEqualTo(ExitCodes.UNAVAILABLE).isEqualTo(7);
    assertThat(result.errorLine()).contains("HTTP 502").contains("after 3 attempts").doesNotContain("<html>");
    WIREMOCK.verify(3, getRequestedFor(urlPathEqualTo("/v2/connection/check_token")));
    assertThat(cli.sleeps()).hasSize(2);
  }

  @Test
  void redirectIsAnUnexpectedAnswerAndIsNotFollowed() {
    WIREMOCK.stubFor(any(urlPathEqualTo(GENERATE)).willReturn(aResponse().withStatus(302)
        .withHeader("Location", "http://127.0.0.2:" + WIREMOCK.getPort() + "/elsewhere")));

    Cli.Result result = cli.run("generate", "--user-id", "u1");

    assertThat(result.code()).isEqualTo(ExitCodes.UNEXPECTED).isEqualTo(9);
    assertThat(result.errorLine()).contains("HTTP 302").contains("redirects are not followed");
    assertThat(WIREMOCK.getAllServeEvents()).hasSize(1);
  }

  @Test
  void anErrorBodyEchoingTheKeyIsRedacted() {
    WIREMOCK.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(400)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"errors\": {\"json\": {\"user_id\": [\"no user for key " + API_KEY + "\"]}}}")));

    // Cli.run fails the test if the key shows in stdout or stderr, stack trace included.
    Cli.Result result = cli.run("--verbose", "generate", "--user-id", "u1");

    assertThat(result.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(result.errLines().get(0)).contains("HTTP 400").contains("no user for key");
  }

  @Test
  void checkJsonPrintsAStatusPartooAddedLaterAsSent() throws Exception {
    WIREMOCK.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(200)
        .withHeader("Content-Type", "application/json")
        .withBody("{\"token\": \"t1\", \"status\": \"archived\", \"expiration_date\": "
            + "\"2026-01-15T11:15:54.256000+01:00\"}")));

    Cli.Result json = cli.run("check", "--user-id", "u1", "--token", "t1", "--json");
    Cli.Result text = cli.run("check", "--user-id", "u1", "--token", "t1");

    assertThat(json.code()).isZero();
    assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).get("status").asText())
        .isEqualTo("archived");
    assertThat(text.out()).contains("status:       archived");
  }
}
