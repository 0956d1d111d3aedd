package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DemoCommandTest {

  @Test
  void walksTheWholeLifecycleWithoutKeyOrNetwork() {
    Cli.Result result = Cli.withoutEnvironment().run("demo");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.err()).isEmpty();
    List<String> steps = result.out().lines().filter(line -> line.matches("\\d\\. .*")).toList();
    assertThat(steps).hasSize(7);
    assertThat(steps.get(0)).startsWith("1. generate").contains("for fake-business-manager").contains("ttl 300 s");
    assertThat(steps.get(1)).isEqualTo("2. check     valid");
    assertThat(steps.get(2)).startsWith("3. log in").contains("HTTP 200").contains("Logged in as fake-business-manager");
    assertThat(steps.get(3)).startsWith("4. check     consumed (at ");
    assertThat(steps.get(4)).startsWith("5. generate  a fresh token");
    assertThat(steps.get(5)).isEqualTo("6. revoke    done");
    assertThat(steps.get(6)).isEqualTo("7. check     revoked");
    assertThat(result.out().lines().findFirst().orElseThrow())
        .matches("Fake Partoo at https://127\\.0\\.0\\.1:\\d+/v2 \\(TLS, HTTP/2, trusting its own test CA; no API key"
            + " or network needed\\)");
    assertThat(result.out())
        .endsWith("The whole lifecycle worked: generate, check, log in once, revoke." + System.lineSeparator());
  }

  @Test
  void ignoresAnyKeyOrBaseUrlInTheEnvironment() {
    Cli.Result result = Cli.against("https://api.partoo.co/v2", "a-real-key-must-not-be-used-9c1e").run("demo");

    assertThat(result.code()).as(result.err()).isZero();
    assertThat(result.out()).contains("7. check     revoked");
  }

  @Test
  void masksTokensEvenOnTheFake() {
    String out = Cli.withoutEnvironment().run("demo").out();

    assertThat(out).containsPattern("token \\\\x[0-9a-f]{2}\\*\\*\\*\\* for").doesNotContainPattern("[0-9a-f]{48}");
  }
}
