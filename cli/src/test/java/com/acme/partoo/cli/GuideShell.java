package com.acme.partoo.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a guide's {@code sh} example line by line, in-process, as a reader would type it: {@code export NAME=VALUE}
 * sets the CLI's environment and {@code ./partoo-token ARGS} runs it through {@link Cli}; any other line fails the
 * test. What is the reader's own (a file, a host, a user id, a token) is replaced by the test's, each checked to be in
 * the example; an exported {@code ...} stands for a secret the test gives by variable. Every command must succeed.
 */
final class GuideShell {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));
  private static final Pattern EXPORT = Pattern.compile("export (\\w+)=(\\S+)");
  private static final Pattern WORD = Pattern.compile("'([^']*)'|\"([^\"]*)\"|(\\S+)");

  private final String example;
  private final Cli cli;
  // Applied in the order given, so a value replaced later cannot be changed by an earlier replacement.
  private final Map<String, String> replaced = new LinkedHashMap<>();
  private final Map<String, String> secrets = new HashMap<>();

  GuideShell(String example, Cli cli) {
    this.example = example;
    this.cli = cli;
  }

  /** The one {@code language} block of section {@code heading} (e.g. {@code ## CLI}) of {@code guide}. */
  static String block(String guide, String heading, String language) {
    String text = text(guide);
    int start = text.indexOf("\n" + heading + "\n");
    assertThat(start).as("%s, section %s", guide, heading).isNotNegative();
    int end = text.indexOf("\n## ", start + 1);
    Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL)
        .matcher(text.substring(start, end < 0 ? text.length() : end));
    List<String> blocks = new ArrayList<>();
    while (block.find()) {
      blocks.add(block.group(1));
    }
    assertThat(blocks).as("%s blocks of %s, section %s", language, guide, heading).hasSize(1);
    return blocks.get(0);
  }

  /** The markdown file at {@code guide}, from the repository's root. */
  static String text(String guide) {
    try {
      return Files.readString(ROOT.resolve(guide));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Runs {@code value} wherever the example shows {@code shown}, which it must show. */
  GuideShell replace(String shown, String value) {
    assertThat(example).as("the example shows %s", shown).contains(shown);
    replaced.put(shown, value);
    return this;
  }

  /** The value of {@code export variable=...}. */
  GuideShell secret(String variable, String value) {
    secrets.put(variable, value);
    return this;
  }

  /**
   * Runs the example's lines in order; after each command, {@code afterEach} gets the command as the guide shows it
   * (comment left out) and its result, and may {@link #replace} what later commands show.
   */
  void run(BiConsumer<String, Cli.Result> afterEach) {
    for (String line : example.lines().toList()) {
      String command = line.replaceAll("\\s+#.*$", "").strip();
      Matcher export = EXPORT.matcher(command);
      if (export.matches()) {
        String value = export.group(2).equals("...") ? secrets.get(export.group(1)) : replaced(export.group(2));
        assertThat(value).as("a value for %s", export.group(1)).isNotNull();
        cli.env(export.group(1), value);
      } else if (command.startsWith("./partoo-token ")) {
        Cli.Result result = cli.run(words(replaced(command.substring("./partoo-token ".length()))));
        assertThat(result.code()).as("%s: %s", command, result.err()).isZero();
        afterEach.accept(command, result);
      } else {
        assertThat(command).as("a line the test does not know how to run").isEmpty();
      }
    }
  }

  private String replaced(String text) {
    String result = text;
    for (Map.Entry<String, String> each : replaced.entrySet()) {
      result = result.replace(each.getKey(), each.getValue());
    }
    return result;
  }

  /** The command's words, as sh splits them: on blanks, quotes grouping (no expansion is left to do). */
  private static String[] words(String command) {
    List<String> words = new ArrayList<>();
    Matcher word = WORD.matcher(command);
    while (word.find()) {
      words.add(word.group(1) != null ? word.group(1) : word.group(2) != null ? word.group(2) : word.group(3));
    }
    return words.toArray(String[]::new);
  }
}
