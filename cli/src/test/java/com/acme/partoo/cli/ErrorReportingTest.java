package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.FakePartooExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How failures read: one line on stderr, a stack trace only with --verbose, stdout left empty, no secret shown. */
class ErrorReportingTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final Cli cli = Cli.against(PARTOO.baseUrl(), PARTOO.apiKey());

  @Test
  void aPartooFailureIsOneLineWithoutStackTrace() {
    PARTOO.faults().serviceUnavailable(3);

    Cli.Result result = cli.run("generate", "--user-id", PARTOO.userId(), "--json");

    assertThat(result.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(result.out()).as("--json prints nothing but the result").isEmpty();
    assertThat(result.errorLine()).startsWith("partoo-token: Partoo is unavailable")
        .doesNotContain("Exception").doesNotContain("\tat ");
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"--verbose generate", "-v generate", "generate --verbose"})
  void verboseAddsTheStackTraceAfterTheSameFirstLine(String flags) {
    PARTOO.faults().serviceUnavailable(3);
    String[] args = (flags + " --user-id " + PARTOO.userId()).split(" ");

    Cli.Result result = cli.run(args);

    assertThat(result.code()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(result.errLines().get(0)).startsWith("partoo-token: Partoo is unavailable");
    assertThat(result.err()).contains("com.acme.partoo.tokens.ServerException")
        .contains("\tat ")
        .as("earlier attempts' failures are shown as suppressed").contains("Suppressed: ");
  }

  @Test
  void aUsageErrorWithVerboseIsStillOneLine() {
    Cli.Result result = cli.withoutEnv(PartooTokenCli.API_KEY_ENV).run("--verbose", "generate", "--user-id", "u");

    assertThat(result.code()).isEqualTo(ExitCodes.USAGE);
    assertThat(result.errLines().get(0)).startsWith("partoo-token: PARTOO_API_KEY is not set");
  }

  @Test
  void theKeyNeverAppearsWhenPartooRefusesIt() {
    // A key Partoo does not know, with --verbose: message, causes and suppressed failures are all checked by Cli.
    Cli.Result result = Cli.against(PARTOO.baseUrl(), "rotated-away-key-4f9a77c0")
        .run("--verbose", "check", "--user-id", PARTOO.userId(), "--token", "\\xabc");

    assertThat(result.code()).isEqualTo(ExitCodes.AUTHENTICATION);
    assertThat(result.err()).contains("\tat ");
  }

  @Test
  void aTokenInTheCommandLineIsNotEchoedInTheError() {
    String token = PartooCalls.generate(PARTOO);
    PartooCalls.logIn(PARTOO, token);

    Cli.Result result = cli.run("--verbose", "revoke", "--user-id", PARTOO.userId(), "--token", token);

    assertThat(result.code()).isEqualTo(ExitCodes.REJECTED);
    assertThat(result.err()).doesNotContain(token);
  }
}
