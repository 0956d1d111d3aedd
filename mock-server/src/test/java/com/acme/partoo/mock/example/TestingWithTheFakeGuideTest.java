package com.acme.partoo.mock.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * docs/testing-with-the-fake.md shows {@link TokenClientExampleTest} to other teams, imports included: it must be that
 * code, which compiles and passes.
 */
class TestingWithTheFakeGuideTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));

  @Test
  void theGuideShowsTheExampleTestAsItIs() throws IOException {
    String source = Files.readString(Path.of("src/test/java/com/acme/partoo/mock/example/TokenClientExampleTest.java"));
    String example = source.substring(source.indexOf("import static"));
    String guide = Files.readString(ROOT.resolve("docs/testing-with-the-fake.md"));

    int section = guide.indexOf("\n## With JUnit 5\n");
    assertThat(section).as("the guide's section \"With JUnit 5\"").isNotNegative();
    assertThat(guide.indexOf("```java\n" + example + "```\n", section)).as("the example, in that section")
        .isNotNegative();
  }
}
