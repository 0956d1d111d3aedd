package com.example.partoo.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Use it from Spring Boot" shows this service's real configuration and page code, verbatim: its yaml
 * block is {@code application.yaml}, its Java block the region of {@link PartooLinkController} between
 * {@code // README: spring page view} markers (which {@link BookingServiceTest} runs).
 */
class ReadmeSpringBootTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", "../.."));
  private static final String SECTION = "## Use it from Spring Boot";

  private static String section() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("README section %s", SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + SECTION.length() + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static List<String> blocks(String language) throws IOException {
    List<String> blocks = new ArrayList<>();
    Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(section());
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  @Test
  void theYamlShownIsTheServicesApplicationYaml() throws IOException {
    assertThat(blocks("yaml")).as("yaml blocks of README section %s", SECTION)
        .containsExactly(Files.readString(Path.of("src/main/resources/application.yaml")));
  }

  @Test
  void theJavaShownIsThePageCodeTheServiceRuns() throws IOException {
    String source = Files.readString(Path.of("src/main/java/com/example/partoo/service/PartooLinkController.java"));
    String startMarker = "// README: spring page view\n";
    int start = source.indexOf(startMarker);
    int end = source.indexOf("// README: end spring page view", start);
    assertThat(start).isNotNegative();
    assertThat(end).isGreaterThan(start);
    String indent = source.substring(source.lastIndexOf('\n', start) + 1, start);
    StringBuilder region = new StringBuilder();
    source.substring(start + startMarker.length(), source.lastIndexOf('\n', end) + 1).lines()
        .forEach(line -> region.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
            .append('\n'));

    assertThat(blocks("java")).as("java blocks of README section %s", SECTION).containsExactly(region.toString());
  }

  @Test
  void theDependencyShownIsTheStarter() throws IOException {
    assertThat(blocks("xml")).singleElement().asString()
        .contains("<artifactId>partoo-spring-boot-starter</artifactId>");
  }
}
