package com.acme.partoo.mock.example;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README shows {@link TokenClientExampleTest} to other teams: it must be that code, which compiles and passes. */
class ReadmeExampleTest {

  @Test
  void readmeShowsTheExampleTestAsItIs() throws IOException {
    String source = Files.readString(Path.of("src/test/java/com/acme/partoo/mock/example/TokenClientExampleTest.java"));
    String example = source.substring(source.indexOf("import static"));

    assertThat(Files.readString(Path.of("../README.md"))).contains(example);
  }
}
