package com.acme.partoo.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds dead relative links in markdown files: a link to a file or directory that does not exist (or lies outside the
 * repository), or a {@code #fragment} that names no heading of the target markdown file, by GitHub's slug rules, nor
 * an HTML {@code id}/{@code name}. External links (any URI scheme: {@code https:}, {@code mailto:}) are not followed;
 * fenced code blocks and code spans hold no links. Test code: it ships in no artifact.
 */
final class MarkdownLinks {

  /** {@code [text](dest "title")} and {@code ![alt](dest)}: the destination, in angle brackets or without spaces. */
  private static final Pattern INLINE = Pattern.compile("\\]\\(\\s*(<[^>\\n]*>|[^)\\s]+)(?:\\s+\"[^\"]*\")?\\s*\\)");
  /** {@code [label]: dest}, a reference definition ({@code [^note]:} is a footnote, not a link). */
  private static final Pattern REFERENCE = Pattern.compile("^ {0,3}\\[[^\\]^][^\\]]*\\]:\\s*(<[^>]*>|\\S+)");
  private static final Pattern HTML_LINK = Pattern.compile("<(?:a|img)\\b[^>]*?\\b(?:href|src)=\"([^\"]*)\"");
  private static final Pattern HTML_ANCHOR = Pattern.compile("<[a-zA-Z][^>]*?\\b(?:id|name)=\"([^\"]+)\"");
  private static final Pattern ATX_HEADING = Pattern.compile("^ {0,3}#{1,6}(?:[ \\t]+(.*?))?(?:[ \\t]+#+)?[ \\t]*$");
  private static final Pattern SETEXT_UNDERLINE = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})");
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(?:(?!\\1).)+?\\1");
  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:");

  private final Path root;
  private final Map<Path, Set<String>> anchorsByFile = new HashMap<>();

  private MarkdownLinks(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The repository's documentation: the markdown files at its root ({@code README.md}, {@code CONTRIBUTING.md},
   * {@code CHANGELOG.md}), every markdown file under {@code docs/}, and every {@code README.md} of a module, outside
   * {@code target/} and hidden directories.
   */
  static List<Path> documentation(Path root) {
    List<Path> found = new ArrayList<>();
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
          String name = dir.getFileName().toString();
          boolean skipped = !dir.equals(root)
              && (name.equals("target") || name.equals("node_modules") || name.startsWith("."));
          return skipped ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
          Path relative = root.relativize(file);
          if (relative.toString().endsWith(".md") && (relative.getNameCount() == 1 || relative.startsWith("docs")
              || relative.getFileName().toString().equals("README.md"))) {
            found.add(relative);
          }
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return found.stream().sorted().toList();
  }

  /** Every dead link of {@code files} (relative to {@code root}), as {@code file:line: what is wrong}. */
  static List<String> deadLinks(Path root, List<Path> files) {
    MarkdownLinks links = new MarkdownLinks(root);
    List<String> dead = new ArrayList<>();
    for (Path file : files) {
      links.check(file, dead);
    }
    return dead;
  }

  private void check(Path file, List<String> dead) {
    Path source = root.resolve(file);
    List<String> lines = proseLines(read(source));
    for (int i = 0; i < lines.size(); i++) {
      String line = CODE_SPAN.matcher(lines.get(i)).replaceAll("");
      for (Pattern pattern : List.of(INLINE, REFERENCE, HTML_LINK)) {
        Matcher link = pattern.matcher(line);
        while (link.find()) {
          String problem = problem(source, link.group(1));
          if (problem != null) {
            dead.add(file + ":" + (i + 1) + ": " + problem);
          }
        }
      }
    }
  }

  /** What is wrong with a link to {@code destination} written in {@code source}; null when nothing is. */
  private String problem(Path source, String destination) {
    String target = destination.startsWith("<") ? destination.substring(1, destination.length() - 1) : destination;
    if (SCHEME.matcher(target).find()) {
      return null; // external: no network in tests
    }
    int hash = target.indexOf('#');
    String path = decode((hash < 0 ? target : target.substring(0, hash)).replaceFirst("\\?.*", ""));
    String fragment = hash < 0 ? "" : decode(target.substring(hash + 1));
    Path resolved = path.isEmpty() ? source
        : (path.startsWith("/") ? root.resolve(path.substring(1)) : source.getParent().resolve(path)).normalize();
    if (!resolved.startsWith(root)) {
      return "link (" + target + ") leaves the repository";
    }
    if (!Files.exists(resolved)) {
      return "link (" + target + "): no file " + root.relativize(resolved);
    }
    if (!fragment.isEmpty() && resolved.toString().endsWith(".md") && !anchors(resolved).contains(fragment)) {
      return "link (" + target + "): no heading or anchor #" + fragment + " in " + root.relativize(resolved);
    }
    return null;
  }

  private Set<String> anchors(Path file) {
    return anchorsByFile.computeIfAbsent(file, f -> anchors(read(f)));
  }

  /** The fragments a markdown text answers to: its headings' slugs (repeats get -1, -2, ...) and HTML ids and names. */
  static Set<String> anchors(String markdown) {
    Set<String> anchors = new LinkedHashSet<>();
    Map<String, Integer> seen = new HashMap<>();
    List<String> lines = proseLines(markdown);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      Matcher html = HTML_ANCHOR.matcher(CODE_SPAN.matcher(line).replaceAll(""));
      while (html.find()) {
        anchors.add(html.group(1));
      }
      String heading = null;
      Matcher atx = ATX_HEADING.matcher(line);
      if (atx.matches()) {
        heading = atx.group(1) == null ? "" : atx.group(1);
      } else if (i + 1 < lines.size() && !line.isBlank() && SETEXT_UNDERLINE.matcher(lines.get(i + 1)).matches()
          && !line.startsWith("|") && !line.startsWith("-") && !line.startsWith("*")) {
        heading = line.strip();
      }
      if (heading != null) {
        String slug = slug(heading);
        int repeats = seen.merge(slug, 1, Integer::sum) - 1;
        anchors.add(repeats == 0 ? slug : slug + "-" + repeats);
      }
    }
    return anchors;
  }

  /**
   * GitHub's anchor for a heading: its text as rendered (link targets, code backticks, emphasis and HTML tags gone),
   * lower-cased, every character but letters, digits, {@code _}, {@code -} and spaces dropped, each space a {@code -}.
   */
  static String slug(String heading) {
    String text = heading
        .replaceAll("!?\\[([^\\]]*)\\]\\([^)]*\\)", "$1") // a link or an image shows its text
        .replaceAll("<[^>]+>", "")
        .replace("`", "")
        .replace("*", "")
        .replaceAll("(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])", ""); // _emphasis_, not snake_case
    return text.strip().toLowerCase(java.util.Locale.ROOT)
        .replaceAll("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]", "")
        .replace(' ', '-');
  }

  /** The lines of {@code markdown}, those of fenced code blocks blanked (kept, so that line numbers stay right). */
  private static List<String> proseLines(String markdown) {
    List<String> lines = new ArrayList<>();
    String fence = null;
    for (String line : markdown.split("\n", -1)) {
      Matcher opening = FENCE.matcher(line);
      if (fence == null && opening.find()) {
        fence = opening.group(1);
        lines.add("");
      } else if (fence != null) {
        String closing = line.strip();
        char mark = fence.charAt(0);
        if (closing.length() >= fence.length() && closing.chars().allMatch(c -> c == mark)) {
          fence = null;
        }
        lines.add("");
      } else {
        lines.add(line);
      }
    }
    return lines;
  }

  private static String decode(String text) {
    return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
