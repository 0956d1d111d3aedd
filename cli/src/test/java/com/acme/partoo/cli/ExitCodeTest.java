package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.Endpoint;
import com.acme.partoo.mock.FakePartooExtension;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Each exit code of the CLI contract that the fake Partoo can produce (WireMockAnswersTest has the rest). */
class ExitCodeTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final Cli cli = Cli.against(PARTOO.baseUrl(), PARTOO.apiKey());

  @Test
  void zeroWhenPartooAnswers() {
    assertThat(cli.run("generate", "--user-id", PARTOO.userId()).code()).isEqualTo(0);
  }

  @Test
  void oneForAnythingElseSuchAsADefectInTheCodeTheCliRuns() {
    Cli defective = cli.customizer(builder -> {
      throw new UnsupportedOperationException("simulated defect in the client set-up");
    });

    Cli.Result result = defective.run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).isEqualTo(ExitCodes.OTHER).isEqualTo(1);
    assertThat(result.errorLine()).isEqualTo("partoo-token: simulated defect in the client set-up");
    assertThat(PARTOO.journal().total()).isZero();
  }

  @Test
  void threeWhenPartooRejectsTheKey() {
    Cli.Result result = Cli.against(PARTOO.baseUrl(), "not-a-key-partoo-knows-31337")
        .run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).isEqualTo(ExitCodes.AUTHENTICATION).isEqualTo(3);
    assertThat(result.errorLine()).contains("HTTP 401").contains("Check the key");
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).as("a 401 is not retried").isEqualTo(1);
  }

  @Test
  void fourWhenTheKeyHasNoWriteAccessOnTheUser() {
    Cli.Result result = cli.run("generate", "--user-id", PARTOO.noAccessUserId());

    assertThat(result.code()).isEqualTo(ExitCodes.PERMISSION).isEqualTo(4);
    assertThat(result.errorLine()).contains("HTTP 403").contains("WRITE access");
  }

  @Test
  void fourWhenTheUserIsAProvider() {
    Cli.Result result = cli.run("generate", "--user-id", PARTOO.providerUserId());

    assertThat(result.code()).isEqualTo(4);
    assertThat(result.errorLine()).contains("HTTP 403").contains("PROVIDER");
  }

  @Test
  void fiveWhenTheUserDoesNotExist() {
    Cli.Result result = cli.run("generate", "--user-id", "no-such-user");

    assertThat(result.code()).isEqualTo(ExitCodes.NOT_FOUND).isEqualTo(5);
    assertThat(result.errorLine()).contains("HTTP 404");
  }

  @Test
  void sixWhenPartooRejectsTheRequest() {
    Cli.Result result = cli.run("revoke", "--user-id", PARTOO.userId(), "--token", issuedThenConsumed());

    assertThat(result.code()).isEqualTo(ExitCodes.REJECTED).isEqualTo(6);
    assertThat(result.errorLine()).contains("HTTP 400");
  }

  @Test
  void sevenWhenPartooStaysUnavailableAfterRetries() {
    PARTOO.faults().serviceUnavailable(3);

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).isEqualTo(ExitCodes.UNAVAILABLE).isEqualTo(7);
    assertThat(result.errorLine()).contains("HTTP 503").contains("after 3 attempts");
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
    assertThat(cli.sleeps()).as("backed off twice, without sleeping").hasSize(2);
  }

  @Test
  void sevenWhenPartooKeepsRateLimitingAfterRetries() {
    PARTOO.faults().tooManyRequests(3);

    Cli.Result result = cli.run("check", "--user-id", PARTOO.userId(), "--token", "\\xabc");

    assertThat(result.code()).isEqualTo(7);
    assertThat(result.errorLine()).contains("HTTP 429").contains("rate limiting");
    assertThat(PARTOO.journal().count(Endpoint.CHECK_TOKEN)).isEqualTo(3);
  }

  @Test
  void eightWhenNothingListens() throws IOException {
    Cli.Result result = Cli.against("http://127.0.0.1:" + closedPort() + "/v2", PARTOO.apiKey())
        .run("generate", "--user-id", PARTOO.userId(), "--max-attempts", "1");

    assertThat(result.code()).isEqualTo(ExitCodes.NO_ANSWER).isEqualTo(8);
    assertThat(result.errorLine()).contains("No answer from Partoo");
  }

  @Test
  void eightWhenTheConnectionIsDroppedOnEveryAttempt() {
    PARTOO.faults().dropConnection(3);

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId());

    assertThat(result.code()).isEqualTo(8);
    assertThat(PARTOO.journal().count(Endpoint.GENERATE_TOKEN)).isEqualTo(3);
  }

  @Test
  void eightWhenPartooAnswersAfterTheTimeout() {
    // The one test that waits for real: 150 ms, the --timeout itself (the fake's answer comes 1 s later, unread).
    PARTOO.faults().delay(Duration.ofSeconds(1));

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--timeout", "150ms");

    assertThat(result.code()).isEqualTo(ExitCodes.NO_ANSWER);
    assertThat(result.errorLine()).contains("No answer from Partoo").containsIgnoringCase("timeout");
    assertThat(cli.sleeps()).as("no time is left for a retry within the deadline").isEmpty();
  }

  private String issuedThenConsumed() {
    String token = PartooCalls.generate(PARTOO);
    PartooCalls.logIn(PARTOO, token);
    return token;
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
