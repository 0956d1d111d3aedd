package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GenerateCommandTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private static final ObjectMapper JSON = new ObjectMapper();

  private Cli cli() {
    return Cli.against(PARTOO.baseUrl(), PARTOO.apiKey()).env(PartooTokenCli.APP_URL_ENV, PARTOO.appBaseUrl());
  }

  @Test
  void jsonHasExactlyTokenExpirationTtlAndLoginUrl() throws Exception {
    // The fake dates the token when it issues it: between these two instants, however long the command takes.
    Instant before = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId(), "--ttl", "1h", "--json");
    Instant after = Instant.now().plusSeconds(1);

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines()).as("one JSON object on one line").hasSize(1);
    JsonNode json = JSON.readTree(result.out());
    assertThat(json.fieldNames()).toIterable()
        .containsExactly("token", "expiration_date", "ttl_seconds", "login_url");
    String token = json.get("token").asText();
    assertThat(token).startsWith("\\x");
    assertThat(json.get("ttl_seconds").isIntegralNumber()).isTrue();
    assertThat(json.get("ttl_seconds").asLong()).isEqualTo(3600);
    assertThat(Instant.parse(json.get("expiration_date").asText()))
        .isBetween(before.plusSeconds(3600), after.plusSeconds(3600));
    URI loginUrl = URI.create(json.get("login_url").asText());
    assertThat(loginUrl.toString()).startsWith(PARTOO.appBaseUrl() + "/connection?connection_token=");
    assertThat(URLDecoder.decode(loginUrl.getRawQuery().substring("connection_token=".length()),
        StandardCharsets.UTF_8)).isEqualTo(token);
  }

  @Test
  void textShowsTokenExpiryTtlAndLoginUrl() {
    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId(), "--ttl", "90s");

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out().lines().map(line -> line.split(":", 2)[0]).toList())
        .containsExactly("token", "expires at", "ttl", "login url");
    assertThat(result.out()).contains("ttl:         90 s");
  }

  @ParameterizedTest(name = "--ttl {0} sends ttl {1}")
  @CsvSource({"3600, 3600", "PT1H, 3600", "pt30m, 1800", "90s, 90", "30m, 1800", "1h, 3600", "1d, 86400",
      "1500ms, 2", "PT0.5S, 1"})
  void ttlIsReadInEveryDocumentedFormAndSentInWholeSeconds(String ttl, long seconds) throws Exception {
    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId(), "--ttl", ttl, "--json");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(JSON.readTree(result.out()).get("ttl_seconds").asLong()).isEqualTo(seconds);
    assertThat(JSON.readTree(PARTOO.journal().last().orElseThrow().body()).get("ttl").asLong()).isEqualTo(seconds);
  }

  @Test
  void withoutTtlNothingIsSentAndPartoosDefaultDayIsReported() throws Exception {
    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId(), "--json");

    assertThat(result.code()).isZero();
    assertThat(JSON.readTree(result.out()).get("ttl_seconds").asLong()).isEqualTo(86_400);
    assertThat(JSON.readTree(PARTOO.journal().last().orElseThrow().body()).has("ttl")).isFalse();
  }

  @Test
  void ttlAboveADayIsClampedAndStdoutStaysOneJsonObject() throws Exception {
    // The clamp warning is logged (to the process's stderr, see LauncherIT); stdout holds the JSON alone.
    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId(), "--ttl", "2d", "--json");

    assertThat(result.code()).isZero();
    assertThat(result.out().lines()).hasSize(1);
    assertThat(JSON.readTree(result.out()).get("ttl_seconds").asLong()).isEqualTo(86_400);
    assertThat(JSON.readTree(PARTOO.journal().last().orElseThrow().body()).get("ttl").asLong()).isEqualTo(86_400);
  }

  @Test
  void sendsExactlyOneRequestWithTheKeyAndACliUserAgent() {
    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).isZero();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
    assertThat(PARTOO.journal().last().orElseThrow().header("User-Agent")).hasValueSatisfying(
        agent -> assertThat(agent).contains("partoo-token-cli/"));
  }

  @Test
  void baseUrlFlagWinsOverTheEnvironment() {
    Cli.Result result = cli().env(PartooTokenCli.BASE_URL_ENV, "http://127.0.0.1:9/v2")
        .run("generate", "--user-id", PARTOO.userId(), "--base-url", PARTOO.baseUrl() + "/");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(1);
  }

  @Test
  void retriesABrieflyUnavailablePartooWithoutSleeping() {
    PARTOO.faults().serviceUnavailable(2);
    Cli cli = cli();

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
    assertThat(cli.sleeps()).hasSize(2).allSatisfy(wait -> assertThat(wait).isLessThanOrEqualTo(Duration.ofSeconds(5)));
  }

  @Test
  void maxAttemptsBoundsTheAttempts() {
    PARTOO.faults().serviceUnavailable(5);

    Cli.Result result = cli().run("generate", "--user-id", PARTOO.userId(), "--max-attempts", "2");

    assertThat(result.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(2);
    assertThat(List.of(result.errorLine())).allSatisfy(line -> assertThat(line).contains("after 2 attempts"));
  }
}
