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
        "PARTOO_BASE_URL");
  }

  @Test
  void rootHelpListsTheCommandsTheApiKeyVariableAndTheExitCodes() {
    String help = Cli.withoutEnvironment().run("--help").out();

    assertThat(help).contains("generate", "check", "revoke", "demo", "PARTOO_API_KEY", "PARTOO_BASE_URL", "Exit codes:");
    for (int code = 0; code <= 9; code++) {
      assertThat(help).containsPattern("(?m)^  " + code + "  \\w");
    }
  }

  @Test
  void versionIsTheBuildsVersion() {
    Cli.Result result = Cli.withoutEnvironment().run("--version");

    assertThat(result.code()).isZero();
    assertThat(result.out()).startsWith("partoo-token ").doesNotContain("${").doesNotContain("unknown");
  }
}
