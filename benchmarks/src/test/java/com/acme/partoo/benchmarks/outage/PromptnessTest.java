package com.acme.partoo.benchmarks.outage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * One small round of {@link Promptness}, no timing asserted: each scenario's calls must end the way it means them to
 * (at their deadline, or closed), or its figures would measure something else; {@code Promptness} throws if not.
 */
class PromptnessTest {

  @Test
  void everyScenarioEndsItsCallsAsItMeansToAndPrintsAFigure() throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
    try {
      Promptness.main(new String[] {"--rounds", "1", "--calls", "80", "--deadline-ms", "200"});
    } finally {
      System.setOut(original);
    }

    assertThat(printed.toString(StandardCharsets.UTF_8).lines())
        .hasSize(3)
        .allSatisfy(line -> assertThat(line).containsPattern("median +-?[0-9.]+ ms, max +-?[0-9.]+ ms \\(1 rounds: "));
  }
}
