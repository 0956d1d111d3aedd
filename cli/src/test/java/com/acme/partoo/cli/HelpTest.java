package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --help} on every command: usage on stdout, exit 0, no key needed. */
class HelpTest {

  @ParameterizedTest(name = "partoo-token {0} --help")
  @ValueSource(strings = {"", "generate", "check", "revoke", "demo", "help"})
  void everyCommandHasHelp(String command) {
    String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};

    Cli.Result result = Cli.withoutEnvironment().run(args);

    assertThat(result.code()).isZero();
    assertThat(result.err()).isEmpty();
    assertThat(result.out()).contains("Usage: partoo-token" + (command.isEmpty() ? "" : " " + command));
  }

  @ParameterizedTest(name = "partoo-token help {0}")
  @ValueSource(strings = {"generate", "check", "revoke", "demo"})
  void helpCommandShowsACommandsHelp(String command) {
    Cli.Result result = Cli.withoutEnvironment().run("help", command);

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("Usage: partoo-token " + command);
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"generate", "check", "revoke"})
  void helpOfCommandsThatCallPartooNamesTheCommonFlags(String command) {
    String help = Cli.withoutEnvironment().run(command, "--help").out();

    assertThat(help).contains("--base-url=URL", "--sandbox", "--timeout=DURATION", "--max-attempts=N", "--user-id=ID",
        "PARTOO_BASE_URL", "--cacert=FILE", "-x, --proxy=[http://]HOST:PORT", "$https_proxy", "$PARTOO_PROXY_USER",
        "$PARTOO_PROXY_PASSWORD");
  }

  @Test
  void rootHelpListsTheCommandsTheVariablesAndTheExitCodes() {
    String help = Cli.withoutEnvironment().run("--help").out();

    assertThat(help).contains("generate", "check", "revoke", "demo", "PARTOO_API_KEY", "PARTOO_BASE_URL",
        "PARTOO_PROXY_USER, PARTOO_PROXY_PASSWORD", "https_proxy, no_proxy", "Exit codes:");
    for (int code = 0; code <= 9; code++) {
      assertThat(help).containsPattern("(?m)^  " + code + "  \\w");
    }
    assertThat(help).containsPattern("(?m)^  " + ExitCodes.TRANSPORT_CONFIGURATION + " this machine's TLS or proxy");
  }

  @Test
  void versionIsTheBuildsVersion() {
    Cli.Result result = Cli.withoutEnvironment().run("--version");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("partoo-token ").doesNotContain("${").doesNotContain("unknown");
  }
}
