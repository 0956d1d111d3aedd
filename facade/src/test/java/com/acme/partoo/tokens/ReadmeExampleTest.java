package com.acme.partoo.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it from a service" example is the code of {@link #example(String)}: compiled here, and compared
 * line by line with the README, so the two cannot drift. It is not run: it would call production with the key from
 * the environment.
 */
class ReadmeExampleTest {

  private static final Path README = Path.of("../README.md");
  private static final Path THIS_SOURCE = Path.of("src/test/java/com/acme/partoo/tokens/ReadmeExampleTest.java");
  private static final String SECTION = "## Use it from a service";
  private static final String START = "// README example: start";
  private static final String END = "// README example: end";
  /** How deep the example is indented in {@link #example(String)}. */
  private static final String INDENT = "    ";

  @SuppressWarnings("unused") // compiled to keep the README honest; see the class comment
  private static void example(String userId) {
    // README example: start
    PartooClient partoo = PartooClient.builder()        // once per service: thread-safe, share it
        .apiKey(() -> System.getenv("PARTOO_API_KEY"))  // or a secret store; read per attempt: rotation works
        .deadline(Duration.ofSeconds(3))                // bounds all attempts and waits of one call
        .userAgentSuffix("billing-service/4.1")
        .build();

    try {                                               // per protected page view
      ConnectionToken token = partoo.connectionTokens().generate(userId, Duration.ofMinutes(5));
      URI loginUrl = partoo.connectionTokens().loginUrl(token.token());  // single use: this page only
    } catch (PermissionDeniedException e) {
      // The key's user lacks WRITE access on this user: a setup problem. Render without the link and alert.
    } catch (PartooException e) {
      // Still failing after the retries the deadline allowed: render without the link, log e.requestId().
    }
    // README example: end
  }

  @Test
  void readmeShowsExactlyTheExampleCompiledHere() throws IOException {
    String readme = Files.readString(README);
    String source = Files.readString(THIS_SOURCE);

    String shown = firstJavaBlockAfter(readme, SECTION);
    String compiled = region(source);

    assertThat(shown).as("the README's example (update it, or example() here, so they match)").isEqualTo(compiled);
  }

  @Test
  void readmeGivesTheMavenCoordinates() throws IOException {
    String readme = Files.readString(README);

    assertThat(readme.substring(readme.indexOf(SECTION)))
        .contains("<groupId>com.acme.partoo</groupId>")
        .contains("<artifactId>partoo-facade</artifactId>")
        .contains("<version>0.1.0-SNAPSHOT</version>");
  }

  private static String firstJavaBlockAfter(String markdown, String heading) {
    int section = markdown.indexOf(heading);
    assertThat(section).as("README section %s", heading).isNotNegative();
    Matcher block = Pattern.compile("```java\n(.*?)```", Pattern.DOTALL).matcher(markdown);
    assertThat(block.find(section)).as("a java block in %s", heading).isTrue();
    return block.group(1);
  }

  /** The lines between the markers in {@link #example(String)}, without the method's indentation. */
  private static String region(String source) {
    // Search from the method: the marker constants above hold the same text.
    int start = source.indexOf(START, source.indexOf("void example("));
    int end = source.indexOf(END, start);
    assertThat(start).as("the example's start marker").isNotNegative();
    assertThat(end).as("the example's end marker").isNotNegative();
    StringBuilder lines = new StringBuilder();
    String body = source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end));
    for (String line : body.split("\n", -1)) {
      lines.append(line.startsWith(INDENT) ? line.substring(INDENT.length()) : line).append('\n');
    }
    return lines.toString();
  }
}
