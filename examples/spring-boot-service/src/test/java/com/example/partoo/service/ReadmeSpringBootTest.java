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
import org.springframework.security.web.csrf.DefaultCsrfToken;

/**
 * The README's "Use it from Spring Boot" and the guide docs/spring-boot.md show this service's real code, verbatim:
 * the Java is the region of {@link SecurityConfiguration} between {@code // README: resolver} markers, the script the
 * region of {@code partoo-embedded.js} between {@code // README: token fetch} markers, the link what
 * {@link BookingsPage} renders, the yaml {@code application.yaml}. {@link BookingServiceTest} and
 * {@link JourneyBrowserTest} run all of them.
 */
class ReadmeSpringBootTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", "../.."));
  private static final String SECTION = "## Use it from Spring Boot";

  private static String readmeSection() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int start = readme.indexOf("\n" + SECTION + "\n");
    assertThat(start).as("README section %s", SECTION).isNotNegative();
    int end = readme.indexOf("\n## ", start + SECTION.length() + 1);
    return readme.substring(start, end < 0 ? readme.length() : end);
  }

  private static String guide() throws IOException {
    return Files.readString(ROOT.resolve("docs/spring-boot.md"));
  }

  private static List<String> blocks(String text, String language) {
    List<String> blocks = new ArrayList<>();
    Matcher block = Pattern.compile("```" + language + "\n(.*?)```", Pattern.DOTALL).matcher(text);
    while (block.find()) {
      blocks.add(block.group(1));
    }
    return blocks;
  }

  /** The lines between {@code marker} and its end marker in {@code file}, indented as the first marker is. */
  private static String region(String file, String marker) throws IOException {
    String source = Files.readString(Path.of(file));
    String startMarker = "// README: " + marker + "\n";
    int start = source.indexOf(startMarker);
    int end = source.indexOf("// README: end " + marker, start);
    assertThat(start).as("%s in %s", startMarker, file).isNotNegative();
    assertThat(end).isGreaterThan(start);
    String indent = source.substring(source.lastIndexOf('\n', start) + 1, start);
    StringBuilder region = new StringBuilder();
    source.substring(start + startMarker.length(), source.lastIndexOf('\n', end) + 1).lines()
        .forEach(line -> region.append(line.startsWith(indent) ? line.substring(indent.length()) : line.strip())
            .append('\n'));
    return region.toString();
  }

  private static String resolver() throws IOException {
    return region("src/main/java/com/example/partoo/service/SecurityConfiguration.java", "resolver");
  }

  private static String link() {
    String page = BookingsPage.render("alice", List.of(), BookingsPage.PARTOO_LOGIN,
        new DefaultCsrfToken("X-CSRF-TOKEN", "_csrf", "t"));
    Matcher link = Pattern.compile("<a id=\"open-partoo\"[^>]*>Open Partoo</a>").matcher(page);
    assertThat(link.find()).as("the link in %s", page).isTrue();
    return link.group() + "\n";
  }

  @Test
  void theReadmeShowsTheStarterTheResolverAndTheLinkTheServiceUses() throws IOException {
    String section = readmeSection();

    assertThat(blocks(section, "xml")).singleElement().asString()
        .contains("<artifactId>partoo-spring-boot-starter</artifactId>");
    assertThat(blocks(section, "java")).containsExactly(resolver());
    assertThat(blocks(section, "html")).containsExactly(link());
    assertThat(blocks(section, "yaml")).isEmpty();
  }

  @Test
  void theGuideShowsTheServicesCodeAndConfiguration() throws IOException {
    String guide = guide();

    assertThat(guide).startsWith("# Partoo from Spring Boot\n");
    assertThat(blocks(guide, "xml")).singleElement().asString()
        .contains("<artifactId>partoo-spring-boot-starter</artifactId>");
    assertThat(blocks(guide, "java")).containsExactly(resolver());
    assertThat(blocks(guide, "html")).containsExactly(link());
    assertThat(blocks(guide, "js")).containsExactly(region("src/main/resources/static/partoo-embedded.js",
        "token fetch"));
    assertThat(blocks(guide, "yaml")).containsExactly(Files.readString(Path.of("src/main/resources/application.yaml")));
  }

  @Test
  void theGuideLeadsWithTheLoginPatternBeforeTheClientBean() throws IOException {
    String guide = guide();

    assertThat(guide.indexOf("```html")).isLessThan(guide.indexOf("## The client bean"));
    assertThat(guide.indexOf("```js")).isLessThan(guide.indexOf("## The client bean"));
  }
}
