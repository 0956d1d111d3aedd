package com.acme.partoo.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documentation's link check: every relative link of the README, CONTRIBUTING, CHANGELOG, {@code docs/} and the
 * modules' READMEs lands on a file that exists, and every {@code #anchor} on a heading of it. Here, in the first
 * module of the build, because it reads nothing but the repository's markdown and runs in well under a second
 * (docs/decisions/0096-the-link-check-runs-with-the-openapi-tools-tests.md).
 */
class MarkdownLinksTest {

  private static final Path ROOT = Path.of(System.getProperty("partoo.root", ".."));

  @Test
  void theRepositorysDocumentationHasNoDeadLink() {
    List<Path> documentation = MarkdownLinks.documentation(ROOT);

    assertThat(documentation).as("the files checked")
        .contains(Path.of("README.md"), Path.of("CONTRIBUTING.md"), Path.of("docs/decisions/README.md"));
    assertThat(MarkdownLinks.deadLinks(ROOT, documentation)).as("dead links").isEmpty();
  }

  @Test
  void aDeadFileLinkAndADeadAnchorAreReported(@TempDir Path root) throws IOException {
    write(root, "docs/guide.md", """
        # Guide

        ## Set up `partoo-token` (the CLI)

        Back to the [README](../README.md#a-heading).
        """);
    write(root, "README.md", """
        # Title

        ## A heading

        [guide](docs/guide.md), [set-up](docs/guide.md#set-up-partoo-token-the-cli), [here](#a-heading),
        [a directory](docs/), [rooted](/docs/guide.md).

        [gone](docs/missing.md) and [no such section](docs/guide.md#setup), [nor here](#no-heading).
        ![a picture](docs/picture.png) and [a reference][ref].

        <a href="docs/also-missing.md">html</a>

        [ref]: docs/guide.md#guide
        [dead-ref]: docs/nothing.md
        """);

    assertThat(MarkdownLinks.deadLinks(root, MarkdownLinks.documentation(root))).containsExactly(
        "README.md:8: link (docs/missing.md): no file docs/missing.md",
        "README.md:8: link (docs/guide.md#setup): no heading or anchor #setup in docs/guide.md",
        "README.md:8: link (#no-heading): no heading or anchor #no-heading in README.md",
        "README.md:9: link (docs/picture.png): no file docs/picture.png",
        "README.md:11: link (docs/also-missing.md): no file docs/also-missing.md",
        "README.md:14: link (docs/nothing.md): no file docs/nothing.md");
  }

  @Test
  void linksInCodeAndExternalLinksAreNotFollowed(@TempDir Path root) throws IOException {
    write(root, "README.md", """
        # Title

        ```markdown
        [in a fence](missing.md)
        ```

        ~~~~
        ```
        [still in the fence](missing.md)
        ~~~~

        `[in a code span](missing.md)` and ``[in a ` span](missing.md)``.
        [out](https://example.invalid/missing.md), [mail](mailto:someone@example.invalid), <https://example.invalid>.
        """);

    assertThat(MarkdownLinks.deadLinks(root, MarkdownLinks.documentation(root))).isEmpty();
  }

  @Test
  void aLinkOutOfTheRepositoryIsDead(@TempDir Path root) throws IOException {
    write(root, "docs/guide.md", "[up and out](../../elsewhere.md)\n");

    assertThat(MarkdownLinks.deadLinks(root, MarkdownLinks.documentation(root)))
        .containsExactly("docs/guide.md:1: link (../../elsewhere.md) leaves the repository");
  }

  @Test
  void slugsFollowGitHubsRules() {
    assertThat(MarkdownLinks.slug("Outage simulation (issue 13)")).isEqualTo("outage-simulation-issue-13");
    assertThat(MarkdownLinks.slug("The `partoo-token` CLI")).isEqualTo("the-partoo-token-cli");
    assertThat(MarkdownLinks.slug("Use [it](x.md) from *Spring* Boot")).isEqualTo("use-it-from-spring-boot");
    assertThat(MarkdownLinks.slug("What's new? Ünïcode & more")).isEqualTo("whats-new-ünïcode--more");
    assertThat(MarkdownLinks.slug("1,000 virtual threads: 0.97×")).isEqualTo("1000-virtual-threads-097");
    assertThat(MarkdownLinks.slug("snake_case and _emphasis_")).isEqualTo("snake_case-and-emphasis");
  }

  @Test
  void anchorsAreHeadingsNumberedWhenRepeatedAndHtmlIds() {
    assertThat(MarkdownLinks.anchors("""
        # Setup
        ## Setup ##
        Setext
        ======
        Also setext
        ---
        - a list item, not a heading
        ---
        <a name="here"></a> <div id="there"></div> `<meta name="in-code">`
        ```
        # in a fence
        ```
        """)).containsExactly("setup", "setup-1", "setext", "also-setext", "here", "there");
  }

  @Test
  void theDocumentationIsTheRootsMarkdownTheDocsAndTheModulesReadmes(@TempDir Path root) throws IOException {
    for (String file : List.of("README.md", "CHANGELOG.md", "docs/a.md", "docs/decisions/0001-x.md",
        "module/README.md", "module/notes.md", "module/target/README.md", ".git/README.md", "docs/image.png")) {
      write(root, file, "# x\n");
    }

    assertThat(MarkdownLinks.documentation(root)).containsExactly(Path.of("CHANGELOG.md"), Path.of("README.md"),
        Path.of("docs/a.md"), Path.of("docs/decisions/0001-x.md"), Path.of("module/README.md"));
  }

  private static void write(Path root, String file, String text) throws IOException {
    Path path = root.resolve(file);
    Files.createDirectories(path.getParent());
    Files.writeString(path, text);
  }
}
