package com.acme.partoo.it.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Keeps the Java examples of a markdown file of the repository (a guide under {@code docs/}, the README) and the
 * test code that runs them identical: a test holds each example between {@code // <doc>: <name>} and
 * {@code // <doc>: end <name>} markers, where {@code <doc>} is the guide's name without {@code .md}
 * ({@code java-client}, {@code tls-and-proxies}), and {@link #assertShown} compares that region, without its
 * indentation, with the file's code block. Import lines of a block are left out of the comparison (a test's imports
 * sit at the top of its file). The README shows examples of the guides: {@link #in} compares it with their regions.
 */
public final class DocSnippets {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));
  private static final Pattern JAVA_BLOCK = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL);

  private final String file;
  private final String document;
  private final String label;
  private final String source;

  private DocSnippets(String file, String label, String source) {
    this.file = file;
    // A newline first, so that a heading on the file's first line is found like any other.
    this.document = "\n" + read(ROOT.resolve(file));
    this.label = label;
    this.source = source;
  }

  /**
   * The markdown file at {@code path} from the repository's root (e.g. {@code docs/tls-and-proxies.md}), and the
   * source of {@code testClass} under {@code src/test/java} of the current module.
   */
  public static DocSnippets of(String path, Class<?> testClass) {
    String name = Path.of(path).getFileName().toString();
    return new DocSnippets(path, name.substring(0, name.length() - ".md".length()),
        read(Path.of("src/test/java", testClass.getName().replace('.', '/') + ".java")));
  }

  /**
   * The markdown file at {@code path} (the README) showing examples of this guide: its blocks are compared with this
   * guide's regions, so that both files show the very code the test runs.
   */
  public DocSnippets in(String path) {
    return new DocSnippets(path, label, source);
  }

  /** The text of section {@code heading} (up to the next heading of the same or a higher level). */
  public String section(String heading) {
    int start = document.indexOf("\n" + heading + "\n");
    assertThat(start).as("%s section %s", file, heading).isNotNegative();
    String level = heading.substring(0, heading.indexOf(' ') + 1);
    int end = document.indexOf("\n" + level, start + heading.length() + 1);
    while (end >= 0 && document.startsWith("\n" + level + "#", end)) {
      end = document.indexOf("\n" + level, end + 1);
    }
    return document.substring(start, end < 0 ? document.length() : end);
  }

  /** The whole file's Java blocks, in order: to check that each is shown by a region. */
  public int javaBlocks() {
    int count = 0;
    Matcher block = JAVA_BLOCK.matcher(document);
    while (block.find()) {
      count++;
    }
    return count;
  }

  /**
   * Fails unless code block number {@code index} (from 0) of section {@code heading} is the regions {@code names},
   * in order, each after a blank line (one region, usually; two when a block shows code a test must run apart, such
   * as a client built as shown and then pointed at the fake Partoo).
   */
  public void assertShown(String heading, int index, String... names) {
    List<String> blocks = new ArrayList<>();
    Matcher block = JAVA_BLOCK.matcher(section(heading));
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).as("java blocks in %s section %s", file, heading).hasSizeGreaterThan(index);
    String shown = blocks.get(index).lines()
        .filter(line -> !line.startsWith("import "))
        .dropWhile(String::isBlank)
        .reduce("", (text, line) -> text + line + "\n");
    String regions = Arrays.stream(names).map(this::region).collect(Collectors.joining("\n"));
    assertThat(shown).as("%s section %s, java block %d (update it, or region(s) %s of the test, so they match)",
        file, heading, index, String.join(", ", names)).isEqualTo(regions);
  }

  private String region(String name) {
    String startMarker = "// " + label + ": " + name + "\n";
    String endMarker = "// " + label + ": end " + name + "\n";
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

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
