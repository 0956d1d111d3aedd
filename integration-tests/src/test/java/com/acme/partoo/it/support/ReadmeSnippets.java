package com.acme.partoo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the README's Java examples and the test code that runs them identical: a test holds each example between
 * {@code // README: <name>} and {@code // README: end <name>} markers, and {@link #assertShown} compares that region,
 * without its indentation, with the README's code block. Import lines of a README block are left out of the comparison
 * (a test's imports sit at the top of its file).
 */
public final class ReadmeSnippets {

  private static final Path README = Path.of(System.getProperty("partoo.root", ".."), "README.md");
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  private final String readme;
  private final String source;

  private ReadmeSnippets(String readme, String source) {
    this.readme = readme;
    this.source = source;
  }

  /** The README, and the source of {@code testClass} under {@code src/test/java} of the current module. */
  public static ReadmeSnippets of(Class<?> testClass) {
    Path source = Path.of("src/test/java", testClass.getName().replace('.', '/') + ".java");
    try {
      return new ReadmeSnippets(Files.readString(README), Files.readString(source));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text of README section {@code heading} (up to the next heading of the same or a higher level). */
  public String section(String heading) {
    int start = readme.indexOf("\n" + heading + "\n");
    assertThat(start).as("README section %s", heading).isNotNegative();
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    int end = readme.indexOf("\n" + level, start + heading.length() + 1);
    while (end >= 0 && readme.startsWith("\n" + level + "#", end)) {
      end = readme.indexOf("\n" + level, end + 1);
    }
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  /** Fails unless code block number {@code index} (from 0) of README section {@code heading} is region {@code name}. */
  public void assertShown(String heading, int index, String name) {
    List<String> blocks = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(section(heading));
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).as("java blocks in README section %s", heading).hasSizeGreaterThan(index);
    String shown = blocks.get(index).lines()
        .filter(line -> !line.startsWith("import "))
        .dropWhile(String::isBlank)
        .reduce("", (text, line) -> text + line + "\n");
    assertThat(shown).as("README section %s, java block %d (update it, or region %s of the test, so they match)",
        heading, index, name).isEqualTo(region(name));
  }

  private String region(String name) {
    String startMarker = "// README: " + name + "\n";
    String endMarker = "// README: end " + name + "\n";
    int start = source.indexOf(startMarker);
    int end = source.indexOf(endMarker, start);
    assertThat(start).as("marker %s", startMarker.strip()).isNotNegative();
    assertThat(end).as("marker %s", endMarker.strip()).isNotNegative();
    String indent = source.substring(source.lastIndexOf('\n', start) + 1, start);
    StringBuilder lines = new StringBuilder();
    String body = source.substring(start + startMarker.length(), source.lastIndexOf('\n', end) + 1);
    for (String line : body.split("\n", -1)) {
      if (!line.isEmpty() || lines.length() > 0) {
        lines.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip()).append('\n');
      }
    }
    return lines.toString().replaceAll("\n+$", "\n");
  }
}
