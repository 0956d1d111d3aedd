package com.acme.partoo.spec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Build step run before the generator. Options ({@code --name=value}):
 *
 * <ul>
 *   <li>{@code --spec} the vendor bundle; {@code --out} where to write the slice;
 *   <li>{@code --operations} comma-separated tags or operationIds the facade uses, retagged {@code --api-tag};
 *   <li>{@code --all=true} keeps every other operation too, with the vendor's tags (the {@code full-api} profile);
 *   <li>{@code --patch} a patch file applied before slicing ({@link SpecPatch}), empty for none;
 *   <li>{@code --report} where to write every spec problem found; {@code --report-limit} how many to print.
 * </ul>
 *
 * <p>Prints a short report of the bundle's defects as {@code [WARNING]} lines (they do not fail the build: the slice
 * keeps them out of the generator unless they are in what is kept). Fails with a one-line message when no slice can
 * be made.
 */
public final class SliceSpec {

  private static final String PREFIX = "[partoo-spec] ";

  private final PrintStream out;

  SliceSpec(PrintStream out) {
    this.out = out;
  }

  public static void main(String[] args) throws IOException {
    new SliceSpec(System.out).run(options(args));
  }

  static Map<String, String> options(String[] args) {
    Map<String, String> options = new HashMap<>();
    for (String arg : args) {
      int equals = arg.indexOf('=');
      if (!arg.startsWith("--") || equals < 0) {
        throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
      }
      options.put(arg.substring(2, equals), arg.substring(equals + 1).trim());
    }
    return options;
  }

  void run(Map<String, String> options) throws IOException {
    Path input = Path.of(required(options, "spec"));
    Path output = Path.of(required(options, "out"));
    Set<String> selectors = Arrays.stream(required(options, "operations").split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toCollection(LinkedHashSet::new));
    boolean keepAll = Boolean.parseBoolean(options.getOrDefault("all", "false"));
    int limit = Integer.parseInt(options.getOrDefault("report-limit", "5"));

    ObjectNode document = (ObjectNode) Bundle.read(input).root();
    List<SpecProblem> problems = SpecLint.lint(new Bundle(document));
    String reportFile = options.getOrDefault("report", "");
    if (!reportFile.isEmpty()) {
      writeReport(Path.of(reportFile), input, problems);
    }
    report(input.getFileName() + " has", problems, limit, reportFile);

    String patchFile = options.getOrDefault("patch", "");
    if (!patchFile.isEmpty()) {
      applyPatch(Path.of(patchFile), document);
      problems = SpecLint.lint(new Bundle(document));
    }

    SpecSlicer.Slice slice = new SpecSlicer(selectors, required(options, "api-tag"), keepAll).slice(document);
    Files.createDirectories(output.toAbsolutePath().getParent());
    Bundle.YAML.writeValue(output.toFile(), slice.spec());
    out.println("[INFO] " + PREFIX + "kept " + slice.operationIds().size() + " operation(s) of " + input.getFileName()
        + (keepAll ? " (all of them)" : ": " + String.join(", ", slice.operationIds())));

    List<SpecProblem> kept = problems.stream()
        .filter(p -> slice.keptPointers().stream().anyMatch(p::isUnder))
        .toList();
    if (kept.isEmpty()) {
      out.println("[INFO] " + PREFIX + "none of the problems is in what was kept");
    } else {
      report("what was kept has", kept, keepAll ? limit : kept.size(), "");
    }
  }

  private void applyPatch(Path file, ObjectNode document) {
    SpecPatch.Result result = SpecPatch.read(file).apply(document);
    out.println("[INFO] " + PREFIX + "patch " + file.getFileName() + ": applied " + result.applied().size()
        + " fix(es), skipped " + result.skipped().size());
    for (String skipped : result.skipped()) {
      out.println("[WARNING] " + PREFIX + "  skipped " + skipped);
    }
  }

  private void report(String subject, List<SpecProblem> problems, int limit, String reportFile) {
    if (problems.isEmpty()) {
      out.println("[INFO] " + PREFIX + subject + " no spec problem");
      return;
    }
    Map<String, Long> byKind = problems.stream()
        .collect(Collectors.groupingBy(p -> p.kind().label(), java.util.TreeMap::new, Collectors.counting()));
    out.println("[WARNING] " + PREFIX + subject + " " + problems.size() + " spec problem(s): " + byKind.entrySet()
        .stream().map(e -> e.getValue() + " " + e.getKey()).collect(Collectors.joining(", ")));
    problems.stream().limit(limit).forEach(p -> out.println("[WARNING] " + PREFIX + "  " + p));
    if (problems.size() > limit) {
      out.println("[WARNING] " + PREFIX + "  ... and " + (problems.size() - limit) + " more"
          + (reportFile.isEmpty() ? "" : ", all listed in " + reportFile));
    }
  }

  private static void writeReport(Path file, Path input, List<SpecProblem> problems) throws IOException {
    List<String> lines = new ArrayList<>();
    lines.add("# " + problems.size() + " spec problem(s) in " + input);
    problems.forEach(p -> lines.add(p.toString()));
    Files.createDirectories(file.toAbsolutePath().getParent());
    Files.write(file, lines);
  }

  /** The value of a required option (shared by the build steps that take {@code --name=value} options). */
  static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("missing option --" + name + "=...");
    }
    return value;
  }
}
