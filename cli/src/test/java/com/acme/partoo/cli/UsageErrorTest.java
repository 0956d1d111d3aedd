package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.partoo.mock.FakePartooExtension;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Exit code 2: the command line or the environment is wrong; one line on stderr, and nothing reaches Partoo. */
class UsageErrorTest {

  @RegisterExtension
  static final FakePartooExtension PARTOO = FakePartooExtension.withDefaults();

  private final Cli cli = Cli.against(PARTOO.baseUrl(), PARTOO.apiKey());

  @Test
  void missingApiKey() {
    Cli.Result result = cli.withoutEnv(PartooTokenCli.API_KEY_ENV).run("generate", "--user-id", PARTOO.userId());

    assertUsageError(result, "PARTOO_API_KEY is not set");
  }

  @ParameterizedTest(name = "PARTOO_API_KEY=\"{0}\"")
  @ValueSource(strings = {"", " ", "\t"})
  void emptyApiKey(String key) {
    Cli.Result result = cli.env(PartooTokenCli.API_KEY_ENV, key).run("check", "--user-id", "u", "--token", "t");

    assertUsageError(result, "PARTOO_API_KEY is not set");
  }

  @Test
  void apiKeyThatCannotBeSentIsRefusedWithoutQuotingIt() {
    Cli.Result result = cli.env(PartooTokenCli.API_KEY_ENV, "secret-part one\u0007")
        .run("generate", "--user-id", PARTOO.userId());

    assertUsageError(result, "apiKey cannot be sent");
    assertThat(result.err()).doesNotContain("secret-part");
  }

  @Test
  void missingKeyIsReportedForEveryCommandButDemo() {
    Cli noKey = Cli.withoutEnvironment();

    assertUsageError(noKey.run("generate", "--user-id", "u"), "PARTOO_API_KEY is not set");
    assertUsageError(noKey.run("check", "--user-id", "u", "--token", "t"), "PARTOO_API_KEY is not set");
    assertUsageError(noKey.run("revoke", "--user-id", "u", "--token", "t"), "PARTOO_API_KEY is not set");
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of("bad TTL", new String[] {"generate", "--user-id", "u", "--ttl", "soon"}, "is not a duration"),
        Arguments.of("TTL with unknown unit", new String[] {"generate", "--user-id", "u", "--ttl", "3w"},
            "is not a duration"),
        Arguments.of("TTL zero", new String[] {"generate", "--user-id", "u", "--ttl", "0"}, "--ttl must be positive"),
        Arguments.of("TTL PT0S", new String[] {"generate", "--user-id", "u", "--ttl", "PT0S"},
            "--ttl must be positive"),
        Arguments.of("TTL negative", new String[] {"generate", "--user-id", "u", "--ttl", "PT-1H"},
            "--ttl must be positive"),
        Arguments.of("bad timeout", new String[] {"generate", "--user-id", "u", "--timeout", "forever"},
            "is not a duration"),
        Arguments.of("timeout zero", new String[] {"check", "--user-id", "u", "--token", "t", "--timeout", "0s"},
            "--timeout must be positive"),
        Arguments.of("unknown option", new String[] {"generate", "--user-id", "u", "--bogus"},
            "Unknown option: '--bogus'"),
        Arguments.of("missing --user-id", new String[] {"generate"}, "Missing required option: '--user-id=ID'"),
        Arguments.of("missing --token", new String[] {"revoke", "--user-id", "u"}, "'--token=TOKEN'"),
        Arguments.of("--sandbox with --base-url",
            new String[] {"generate", "--user-id", "u", "--sandbox", "--base-url", "https://api.partoo.co/v2"},
            "--sandbox and --base-url cannot be used together"),
        Arguments.of("max-attempts 0", new String[] {"generate", "--user-id", "u", "--max-attempts", "0"},
            "--max-attempts must be from 1 to 10, was 0"),
        Arguments.of("max-attempts 11", new String[] {"generate", "--user-id", "u", "--max-attempts", "11"},
            "--max-attempts must be from 1 to 10, was 11"),
        Arguments.of("max-attempts not a number",
            new String[] {"generate", "--user-id", "u", "--max-attempts", "three"}, "'three' is not an int"),
        Arguments.of("blank user id", new String[] {"generate", "--user-id", "  "}, "userId"),
        Arguments.of("plain http to another host",
            new String[] {"generate", "--user-id", "u", "--base-url", "http://api.partoo.co/v2"}, "http"),
        Arguments.of("no command", new String[] {}, "a command is required"),
        Arguments.of("unknown command", new String[] {"mint", "--user-id", "u"}, "Unmatched argument"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCommandLines")
  void badCommandLine(String kind, String[] args, String message) {
    Cli.Result result = cli.run(args);

    assertUsageError(result, message);
  }

  @Test
  void pointsToTheHelpOfTheCommandThatWasMisused() {
    Cli.Result result = cli.run("check", "--user-id", "u");

    assertThat(result.errorLine()).endsWith("(see 'partoo-token check --help')");
  }

  private static void assertUsageError(Cli.Result result, String message) {
    assertThat(result.code()).as(result.err()).isEqualTo(ExitCodes.USAGE).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.errorLine()).startsWith("partoo-token: ").contains(message);
    assertThat(PARTOO.journal().total()).as("nothing is sent").isZero();
  }
}
